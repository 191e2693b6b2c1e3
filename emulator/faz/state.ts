// The FortiAnalyzer Cloud emulator's state, apart from HTTP: the FortiCloud IAM API users, the OAuth
// access tokens FortiCloud issued to them, and the FAZ JSON-RPC sessions opened with those tokens.
// Sources: 001 (API users, token → session, login-max) and facts · FortiAnalyzer JSON-RPC (FortiCloud
// token step). No HTTP imports here: emulator/faz/app.ts is the wire layer.

import { randomBytes, randomInt, randomUUID } from 'node:crypto';

/** 001 · Note: "By default, this setting [login-max] is set to 20." */
export const DEFAULT_LOGIN_MAX = 20;

/**
 * Lifetime of a FortiCloud access token. The documents give none; reading: the FortiCloud answer in
 * jpforcioli/github_howto_jsonrpc_api (FortiManager Cloud how-to) says "expires_in": 14400, and
 * Ansible's FortiAnalyzer collection docs say the token "usually expires in hours".
 */
export const TOKEN_LIFETIME_SECONDS = 14_400;

/**
 * The OAuth client id of FortiAnalyzer Cloud at FortiCloud's auth service. facts · FortiCloud token
 * step names client_id without a value; reading: "FortiAnalyzer" as in Ansible's FortiAnalyzer
 * collection docs (and the suite's FORTICLOUD_CLIENT_ID default).
 */
export const FAZ_CLIENT_ID = 'FortiAnalyzer';

/** A FortiCloud IAM API user (001 step 1: "Create an API user in FortiCloud and download your API
 * credentials") with its FAZ admin setting login-max (001 · Note: `config system admin user`). */
export interface ApiUser {
  username: string;
  password: string;
  loginMax: number;
  /** Created by the control interface (POST /__emulator/faz/users); the seeded user is not. */
  throwaway?: boolean;
}

export interface AccessToken {
  access: string;
  refresh: string;
  username: string;
  clientId: string;
  expiresAtMs: number;
  revoked: boolean;
  /** The refresh token was used (a refresh replaces both tokens). */
  refreshSpent: boolean;
}

export interface Session {
  id: string;
  username: string;
  openedAtMs: number;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const alnum = (n: number): string => Array.from({ length: n }, () => ALNUM[randomInt(ALNUM.length)]).join('');

/** FortiCloud API credentials look like `E8766032-7319-409F-902A-…` / `7b65…3131!1Aa` (the
 * downloaded credentials file in jpforcioli/github_howto_jsonrpc_api); fresh ones per run. */
export const generateApiUser = (): string => randomUUID().toUpperCase();
export const generateApiPassword = (): string => `${randomBytes(16).toString('hex')}!1Aa`;
/** FortiCloud tokens are 30 alphanumerics ("0cVmxFd3fQJsYThFxDuHaKY2HGKLW4", same source; 002's
 * FAC examples agree — FortiCloud's auth service is a FortiAuthenticator). */
const generateToken = (): string => alnum(30);
/** 001 · Response example: "ykF3W6G8CfZv+xecsZBC00n6P0TEbsO*****" (base64); the FortiManager Cloud
 * example session is 88 base64 characters (64 bytes). */
const generateSession = (): string => randomBytes(64).toString('base64');

export class FazState {
  readonly users = new Map<string, ApiUser>();
  readonly clients = new Set<string>([FAZ_CLIENT_ID]);
  private readonly tokens = new Map<string, AccessToken>();
  private readonly refreshTokens = new Map<string, AccessToken>();
  private readonly sessions = new Map<string, Session>();
  private readonly leakedSlots = new Map<string, number>();

  constructor(readonly now: () => number = Date.now) {}

  addUser(user: ApiUser): void {
    this.users.set(user.username, user);
  }

  /** Control: remove an API user — its sessions end, its access and refresh tokens are revoked. */
  removeUser(username: string): boolean {
    if (!this.users.delete(username)) return false;
    for (const [id, s] of this.sessions) if (s.username === username) this.sessions.delete(id);
    for (const t of this.tokens.values()) {
      if (t.username !== username) continue;
      t.revoked = true;
      t.refreshSpent = true;
    }
    return true;
  }

  issueToken(username: string, clientId: string): AccessToken {
    const t: AccessToken = {
      access: generateToken(),
      refresh: generateToken(),
      username,
      clientId,
      expiresAtMs: this.now() + TOKEN_LIFETIME_SECONDS * 1000,
      revoked: false,
      refreshSpent: false,
    };
    this.tokens.set(t.access, t);
    this.refreshTokens.set(t.refresh, t);
    return t;
  }

  /** The access token if it is known, not revoked and not expired. */
  validToken(access: string): AccessToken | undefined {
    const t = this.tokens.get(access);
    return t && !t.revoked && this.now() < t.expiresAtMs ? t : undefined;
  }

  /**
   * The refresh grant (002 · OAuth server token: "This endpoint can also be used to refresh a
   * previously issued token"): new access and refresh tokens; the old pair is spent. A revoked token's
   * refresh token is refused; an expired access token can still be refreshed.
   */
  refresh(refresh: string, clientId: string | undefined): AccessToken | undefined {
    const old = this.refreshTokens.get(refresh);
    if (!old || old.revoked || old.refreshSpent) return undefined;
    if (clientId !== undefined && clientId !== old.clientId) return undefined;
    old.refreshSpent = true;
    old.revoked = true;
    return this.issueToken(old.username, old.clientId);
  }

  /** Control: the token's lifetime is over (its refresh token stays usable). */
  expireToken(access: string): boolean {
    const t = this.tokens.get(access);
    if (!t) return false;
    t.expiresAtMs = Math.min(t.expiresAtMs, this.now() - 1);
    return true;
  }

  /** Control: the token is revoked (and so is its refresh token). */
  revokeToken(access: string): boolean {
    const t = this.tokens.get(access);
    if (!t) return false;
    t.revoked = true;
    t.refreshSpent = true;
    return true;
  }

  openSession(username: string): Session {
    const s: Session = { id: generateSession(), username, openedAtMs: this.now() };
    this.sessions.set(s.id, s);
    return s;
  }

  session(id: string): Session | undefined {
    return this.sessions.get(id);
  }

  /** Logout or expiry: the session is gone and its login-max slot is free (001 · Note). `keepSlot`:
   * only for the variant faz-logout-keeps-slot, the slot stays taken. */
  closeSession(id: string, keepSlot = false): boolean {
    const s = this.sessions.get(id);
    if (s && keepSlot) this.leakedSlots.set(s.username, (this.leakedSlots.get(s.username) ?? 0) + 1);
    return this.sessions.delete(id);
  }

  /** Sessions counted against the user's login-max: the open ones (plus the variant's leaked slots). */
  slotsUsed(username: string): number {
    return this.sessionCount(username) + (this.leakedSlots.get(username) ?? 0);
  }

  closeAllSessions(): number {
    const n = this.sessions.size;
    this.sessions.clear();
    return n;
  }

  sessionCount(username?: string): number {
    if (username === undefined) return this.sessions.size;
    let n = 0;
    for (const s of this.sessions.values()) if (s.username === username) n++;
    return n;
  }
}
