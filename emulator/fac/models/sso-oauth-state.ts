// State behind the SSO and OAuth resources that is not a tastypie table: FSSO sessions (/ssoauth/),
// OAuth applications and tokens (/oauth/*, /api/fabric/authenticate, Bearer authentication of the
// wire layer) and FTM push sessions (/oauth/token/ challenges, /pushauthresp/, /pushpoll/).
// Lives on the Store (store.ssoOAuth) so models and the wire layer share it. No HTTP here.

import { randomBytes, randomInt } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** oauthlib `common.generate_token` (django-oauth-toolkit's default): 30 characters from [A-Za-z0-9];
 * the guide's tokens look like that ("shrWNdu1xJRUgpcUi2bhYRX1Sl8pXe", 30 characters). */
export function generateToken(length = 30): string {
  let s = '';
  for (let i = 0; i < length; i++) s += ALNUM[randomInt(ALNUM.length)];
  return s;
}

/** 002 · OAuth server token · FTM push example: session "480dccc0f6bf4ed69bad84320ef92781" (32 hex). */
export const generateSession = (): string => randomBytes(16).toString('hex');

// ---- FSSO sessions (002 · SSO authentication (/ssoauth/)) -------------------------------------

export interface SsoSession {
  username: string;
  /** Fortinet-Group-Name values the session carries. */
  groups: string[];
  /** The workstation address the entry is keyed by (IPv4 or IPv6 text). */
  ip: string;
}

// ---- OAuth (002 · OAuth server endpoints; 004 · Fabric authenticate) --------------------------

export interface OAuthApp {
  clientId: string;
  /** 002 · client_secret: "If application client_type is 'confidential'". */
  confidential: boolean;
  secret: string | null;
  /** Access token expiry in seconds; 0 = tokens never expire (002 · "As long as the access token
   * expiry of the application is not zero, these tokens can expire"). */
  expirySeconds: number;
}

export interface IssuedToken {
  access: string;
  refresh: string;
  clientId: string;
  username: string;
  /** Epoch ms; null = never expires. */
  expiresAt: number | null;
}

export type PushStatus = 'pending' | 'success' | 'rejected';

export interface PushSession {
  session: string;
  username: string;
  clientId: string;
  status: PushStatus;
  /** Code handed out by /pushpoll/ once the push is approved, spent by /oauth/token/. */
  challengeResponse: string | null;
  /** Epoch ms at which the user's emulated FTM app approves the push by itself (selfApproving). */
  approveAt?: number;
}

/** How long a self-approving emulated FTM app takes to approve a push (a poll right after the 406
 * still shows "pending", as on a phone). */
export const SELF_APPROVAL_DELAY_MS = 1_000;

/** The application behind /api/fabric/authenticate (004 · "the default FortiOS fabric application",
 * access token expiry zero). Not an id a client can send to /oauth/token/. */
export const FABRIC_CLIENT_ID = '\u0000fabric';

export class SsoOAuthState {
  /** FSSO session per workstation address (002 · "if a login event is received with the same IP
   * address but with a different username, the existing entry will be overwritten"). */
  readonly ssoSessions = new Map<string, SsoSession>();
  readonly apps = new Map<string, OAuthApp>();
  private readonly byAccess = new Map<string, IssuedToken>();
  private readonly byRefresh = new Map<string, IssuedToken>();
  readonly push = new Map<string, PushSession>();
  /** Usernames whose emulated FortiToken Mobile app approves OAuth pushes without a /pushauthresp/
   * call (SELF_APPROVAL_DELAY_MS after the push): the operator-provided push approver of a real unit. */
  readonly selfApproving = new Set<string>();

  constructor() {
    this.apps.set(FABRIC_CLIENT_ID, { clientId: FABRIC_CLIENT_ID, confidential: false, secret: null, expirySeconds: 0 });
  }

  addApp(app: OAuthApp): void {
    this.apps.set(app.clientId, app);
  }

  issue(clientId: string, username: string, nowMs: number): IssuedToken {
    const app = this.apps.get(clientId);
    const expiry = app?.expirySeconds ?? 0;
    const t: IssuedToken = {
      access: generateToken(),
      refresh: generateToken(),
      clientId,
      username,
      expiresAt: expiry > 0 ? nowMs + expiry * 1000 : null,
    };
    this.byAccess.set(t.access, t);
    this.byRefresh.set(t.refresh, t);
    return t;
  }

  /** A live access token (not revoked, not expired), or undefined. */
  accessToken(token: string, nowMs: number): IssuedToken | undefined {
    const t = this.byAccess.get(token);
    if (!t) return undefined;
    if (t.expiresAt !== null && t.expiresAt <= nowMs) return undefined;
    return t;
  }

  refreshToken(token: string): IssuedToken | undefined {
    return this.byRefresh.get(token);
  }

  revokeAccess(t: IssuedToken): void {
    if (this.byAccess.get(t.access) === t) this.byAccess.delete(t.access);
  }

  revokeRefresh(t: IssuedToken): void {
    if (this.byRefresh.get(t.refresh) === t) this.byRefresh.delete(t.refresh);
  }
}
