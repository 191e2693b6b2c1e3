// API tokens (API clients) and the access tokens they issue: creation, the client-credentials token
// call, token validation for data calls, reset secret, revoke, delete, expiry. No HTTP here.
//
// Sources: 000 · API Token (Creating/Editing API Token, Using Token in Public REST API steps 1-4,
// Reset Client Secret / Revoke Token, Deleting API Token, API Token Privileges) and facts · FortiSIEM
// token flow (the 400 messages, the rate limit, the failure threshold, expires_in 3600).

import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { fail, ok, type FsmUser, type Result } from './types.ts';
import type { FsmVariantFlags } from './variants.ts';

// facts · FortiSIEM token flow · the 400 messages (FNDN 7.5.1 "API Token" examples), verbatim.
export const MSG_INVALID_CLIENT = 'Invalid ClientId or ClientSecret';
export const MSG_SECRET_EXPIRED = 'Client secret expired';
export const MSG_CLIENT_REVOKED = 'Client ID revoked';
export const MSG_RATE_LIMIT = 'Rate limit exceeded. Limit is 1 token request per ClientId every 5 seconds';
export const MSG_FAILURE_THRESHOLD = 'Failure threshold exceeded. Token requests blocked for 5 minutes';
/** FNDN 7.5.1 "API Token" example `unauthorizedUser` ("Unauthorized user (the user who created the
 * client does not have permission to request tokens)"); reading: the parenthesis explains the message,
 * the message itself is "Unauthorized user". Not in the facts list; answered when the owner's
 * "OAuth Tokens" permission was taken away after the client was created. */
export const MSG_UNAUTHORIZED_USER = 'Unauthorized user';
/** Not documented. Reading: only client_credentials exists in this emulator (000: "The current
 * release adds support for the simpler Client Credentials grant"; the 7.5.0 Refresh Token grant is not
 * modelled), any other grant_type is a bad request with this message (RFC 6749 5.2's
 * unsupported_grant_type, in FortiSIEM's BAD_REQUEST envelope). */
export const MSG_UNSUPPORTED_GRANT = 'Unsupported grant_type';
/** Only the variant fsm-unknown-client-id-disclosed answers this (a message that tells which client
 * ids exist); the documented answer for an unknown id is MSG_INVALID_CLIENT. */
const MSG_UNKNOWN_CLIENT_VARIANT = 'Unknown ClientId';

/** facts · expires_in 3600 (000: "Access Token Expiry" is configurable per API token). */
export const DEFAULT_TOKEN_EXPIRY_S = 3600;
/** 000 · "Client Secret Expiry" is configurable; no default is documented. Reading: 90 days. */
export const DEFAULT_SECRET_EXPIRY_S = 90 * 24 * 3600;
/** facts · "Limit is 1 token request per ClientId every 5 seconds". */
export const RATE_LIMIT_MS = 5_000;
/** facts · "Token requests blocked for 5 minutes". */
export const BLOCK_MS = 5 * 60_000;
/**
 * facts · "Failure threshold exceeded": the threshold itself is not documented. Reading: 5 failed
 * token requests (wrong client id or secret) for one client id, each within 5 minutes of the previous
 * one; the request after the 5th failure (and every one for the next 5 minutes, even with the right
 * secret) is refused with MSG_FAILURE_THRESHOLD. An issued token resets the count.
 */
export const FAILURE_THRESHOLD = 5;
/** Bound on remembered failure counts (failed client ids are attacker-chosen strings). */
const MAX_FAILURE_RECORDS = 10_000;

export interface ApiClient {
  clientId: string;
  secret: string;
  /** The secret before the last "Reset Secret"; only the variant fsm-old-secret-kept-after-reset
   * still accepts it. */
  previousSecret?: string;
  name: string;
  /** 000 · API Token table: Organization and Owner (the creating user). */
  org: string;
  owner: string;
  tokenExpiryS: number;
  secretExpiryS: number;
  secretExpiresAt: number;
  /** 000 · API Token table "Status". Reading: revoked is final (a new API token is created instead). */
  status: 'active' | 'revoked';
  createdAt: number;
}

interface AccessToken {
  clientId: string;
  expiresAt: number;
}

export interface TokenAnswer {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

export interface TokenParams {
  grant_type?: string | undefined;
  client_id?: string | undefined;
  client_secret?: string | undefined;
}

export interface ClientOptions {
  name?: string;
  tokenExpiryS?: number;
  secretExpiryS?: number;
}

interface FailureRecord {
  count: number;
  last: number;
  blockedUntil: number;
}

const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The client id: FNDN's curl example shows "xxxx-xxxx-xxx" (a dashed id); reading: a UUID. */
const newClientId = (): string => randomUUID();
/** Client secret and access token: opaque random strings (their format is not documented). */
const newSecret = (): string => randomBytes(30).toString('base64url');
const newAccessToken = (): string => randomBytes(32).toString('base64url');

export class ApiClients {
  private readonly clients = new Map<string, ApiClient>();
  private readonly tokens = new Map<string, AccessToken>();
  private readonly lastIssued = new Map<string, number>();
  private readonly failures = new Map<string, FailureRecord>();

  constructor(
    private readonly now: () => number,
    private readonly variants: FsmVariantFlags,
    private readonly findUser: (org: string, name: string) => FsmUser | undefined,
  ) {}

  get(clientId: string): ApiClient | undefined {
    return this.clients.get(clientId);
  }

  list(): ApiClient[] {
    return [...this.clients.values()];
  }

  /**
   * 000 · Creating/Editing API Token: a user whose role has the OAuth Tokens permission creates it;
   * "Client ID and Client Secret information will be provided". The token belongs to the user's own
   * organisation ("Super/Global users cannot create API tokens for an organization by switching
   * organizations").
   */
  create(owner: FsmUser, opts: ClientOptions = {}): Result<ApiClient> {
    if (!owner.oauthTokens) return fail(`User ${owner.org}/${owner.name} has no permission to create API tokens (OAuth Tokens is not enabled in the role)`);
    const now = this.now();
    const secretExpiryS = opts.secretExpiryS ?? DEFAULT_SECRET_EXPIRY_S;
    const client: ApiClient = {
      clientId: newClientId(),
      secret: newSecret(),
      name: opts.name ?? `${owner.name}_automation`,
      org: owner.org,
      owner: owner.name,
      tokenExpiryS: opts.tokenExpiryS ?? DEFAULT_TOKEN_EXPIRY_S,
      secretExpiryS,
      secretExpiresAt: now + secretExpiryS * 1000,
      status: 'active',
      createdAt: now,
    };
    this.clients.set(client.clientId, client);
    return ok(client);
  }

  /**
   * The client-credentials token call (000 · Step 1; facts · FortiSIEM token flow). Failures are the
   * message of a 400 BAD_REQUEST. Order of the checks (not documented; reading):
   *   1. grant_type must be client_credentials;
   *   2. a client id under a failure-threshold block is refused, whatever the secret;
   *   3. unknown client id or wrong secret → "Invalid ClientId or ClientSecret", counted as a failure;
   *   4. the owner lost its OAuth Tokens permission → "Unauthorized user";
   *   5. revoked client → "Client ID revoked"; 6. expired secret → "Client secret expired";
   *   7. a token was issued to this client id less than 5 s ago → the rate-limit message. Reading:
   *      the limit counts issued tokens ("1 token request per ClientId"): refused requests do not
   *      restart the 5 s, and failed ones are governed by the failure threshold instead.
   */
  requestToken(params: TokenParams): Result<TokenAnswer> {
    // 000 · Step 1: "grant_type (set to client_credentials)".
    if (params.grant_type !== 'client_credentials' && !this.variants.has('fsm-wrong-grant-accepted')) return fail(MSG_UNSUPPORTED_GRANT);
    const now = this.now();
    const id = params.client_id ?? '';
    const record = this.failures.get(id);
    // facts · "blocked for 5 minutes": the block lifts at blockedUntil (the variant keeps any block for ever).
    if (record && (record.blockedUntil > now || (record.blockedUntil > 0 && this.variants.has('fsm-failure-block-never-lifts')))) return fail(MSG_FAILURE_THRESHOLD);
    const client = this.clients.get(id);
    if (!client) {
      this.registerFailure(id, now);
      return fail(this.variants.has('fsm-unknown-client-id-disclosed') ? MSG_UNKNOWN_CLIENT_VARIANT : MSG_INVALID_CLIENT);
    }
    if (!this.secretMatches(client, params.client_secret ?? '')) {
      this.registerFailure(id, now);
      return fail(MSG_INVALID_CLIENT);
    }
    const owner = this.findUser(client.org, client.owner);
    if (!owner || !owner.oauthTokens) return fail(MSG_UNAUTHORIZED_USER);
    if (client.status === 'revoked') return fail(MSG_CLIENT_REVOKED);
    // 000 · Step 4: "If Client Secret has expired, then you need to get a new (Client ID, Client Secret) pair".
    if (now >= client.secretExpiresAt && !this.variants.has('fsm-secret-expiry-ignored')) return fail(MSG_SECRET_EXPIRED);
    // 000 · Step 3: after the 5 s of the rate limit "You can always get a new Access Token until Client
    // Secret is expired" (the variant keeps refusing for ever).
    const last = this.lastIssued.get(client.clientId);
    const limited = last !== undefined && (now - last < RATE_LIMIT_MS || this.variants.has('fsm-no-new-token-after-expiry'));
    if (limited && !this.variants.has('fsm-rate-limit-missing')) return fail(MSG_RATE_LIMIT);
    // Reading: an earlier access token of the same client stays valid until its own expiry (000 only
    // invalidates tokens on revoke).
    const token = newAccessToken();
    this.tokens.set(token, { clientId: client.clientId, expiresAt: now + client.tokenExpiryS * 1000 });
    this.lastIssued.set(client.clientId, now);
    this.failures.delete(id);
    return ok({ access_token: token, token_type: 'Bearer', expires_in: client.tokenExpiryS });
  }

  /** facts · "Invalid ClientId or ClientSecret"; 000 · Reset Client Secret: the new secret replaces the old. */
  private secretMatches(client: ApiClient, secret: string): boolean {
    if (this.variants.has('fsm-wrong-secret-accepted')) return true;
    if (sameSecret(client.secret, secret)) return true;
    return client.previousSecret !== undefined && this.variants.has('fsm-old-secret-kept-after-reset') && sameSecret(client.previousSecret, secret);
  }

  private registerFailure(id: string, now: number): void {
    const previous = this.failures.get(id);
    const record: FailureRecord = previous && now - previous.last <= BLOCK_MS ? previous : { count: 0, last: now, blockedUntil: 0 };
    record.count += 1;
    record.last = now;
    if (record.count >= FAILURE_THRESHOLD && !this.variants.has('fsm-failure-threshold-missing')) {
      record.blockedUntil = now + BLOCK_MS;
      record.count = 0;
    }
    this.failures.delete(id);
    this.failures.set(id, record);
    if (this.failures.size > MAX_FAILURE_RECORDS) {
      const oldest = this.failures.keys().next();
      if (!oldest.done) this.failures.delete(oldest.value);
    }
  }

  /** Whether the token call ever issued this access token (whatever its state now). */
  issued(token: string): boolean {
    return this.tokens.has(token);
  }

  /**
   * The user a Bearer access token acts as, or undefined (→ 401): unknown token, deleted client,
   * revoked client (000 · Revoke Token: "the currently in use access token becomes invalid
   * immediately"), expired token (000 · Step 3; facts: expired token → 401).
   */
  principalFor(token: string): { client: ApiClient; user: FsmUser } | undefined {
    const t = this.tokens.get(token);
    if (!t || this.variants.has('fsm-issued-token-rejected')) return undefined;
    const client = this.clients.get(t.clientId);
    if (!client) return undefined;
    if (client.status === 'revoked' && !this.variants.has('fsm-revoked-token-accepted')) return undefined;
    if (this.now() >= t.expiresAt && !this.variants.has('fsm-expired-token-accepted')) return undefined;
    const user = this.findUser(client.org, client.owner);
    return user ? { client, user } : undefined;
  }

  /**
   * 000 · Reset Client Secret: "FortiSIEM will issue a new Client Secret. You can use this Client
   * Secret to get an Access Token." Reading: the old secret stops working, the secret expiry period
   * starts again, access tokens already issued stay valid (only revoke invalidates them).
   */
  resetSecret(clientId: string): ApiClient | undefined {
    const client = this.clients.get(clientId);
    if (!client) return undefined;
    client.previousSecret = client.secret;
    client.secret = newSecret();
    client.secretExpiresAt = this.now() + client.secretExpiryS * 1000;
    return client;
  }

  /**
   * 000 · Revoke Token: the access token in use is invalid immediately. Reading of "A new Access Token
   * must be obtained using the [...] token API" together with the FNDN message "Client ID revoked":
   * the client itself is revoked, so its token requests answer that message and the caller needs a
   * client that is not revoked.
   */
  revoke(clientId: string): ApiClient | undefined {
    const client = this.clients.get(clientId);
    if (!client) return undefined;
    client.status = 'revoked';
    return client;
  }

  /** 000 · Deleting API Token: its tokens stop working and its client id becomes unknown. */
  remove(clientId: string): boolean {
    if (!this.clients.delete(clientId)) return false;
    for (const [token, t] of this.tokens) if (t.clientId === clientId) this.tokens.delete(token);
    this.lastIssued.delete(clientId);
    return true;
  }

  /** Emulator control: every access token of the client expires now. Answers how many were live. */
  expireTokens(clientId: string): number | undefined {
    if (!this.clients.has(clientId)) return undefined;
    const now = this.now();
    let n = 0;
    for (const t of this.tokens.values()) {
      if (t.clientId !== clientId) continue;
      if (t.expiresAt > now) n += 1;
      t.expiresAt = Math.min(t.expiresAt, now);
    }
    return n;
  }

  /** Emulator control: the client secret expires now. */
  expireSecret(clientId: string): ApiClient | undefined {
    const client = this.clients.get(clientId);
    if (!client) return undefined;
    client.secretExpiresAt = Math.min(client.secretExpiresAt, this.now());
    return client;
  }
}
