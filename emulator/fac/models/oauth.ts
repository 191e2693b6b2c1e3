// The OAuth server: /api/v1/oauth/token/, /api/v1/oauth/revoke_token/, /api/v1/oauth/verify_token/.
// Source: 002 · OAuth server endpoints (/oauth/) — token (Supported fields, Response codes 200/401/406,
// the password, refresh and FTM push examples), revoke token, verify token — and 003 · Authorization and
// Permissions (oauth: authentication None). Tokens back the Bearer resources (emulator/fac/wire/auth.ts).
//
// Error bodies: the guide gives none. Reading: tastypie's {"error": "<message>"} shape, with 400 for a
// malformed request and the guide's 401 "Invalid credentials, or user improperly configured".

import { randomBytes } from 'node:crypto';
import type { FieldSpec, Json, ModelContext, Outcome, Reply, ResourceDecl } from './types.ts';
import { badRequest, ok } from './types.ts';
import { dropped, parseString } from './validate.ts';
import type { Store } from './store.ts';
import type { VariantFlags } from '../variants.ts';
import { EMULATOR_TOKEN_CODE, checkCredentials } from './auth.ts';
import { LOCAL_REALM } from './realmauth.ts';
import { FABRIC_CLIENT_ID, SELF_APPROVAL_DELAY_MS, generateSession, type IssuedToken, type SsoOAuthState } from './sso-oauth-state.ts';

export const OAUTH_TOKEN = 'oauth/token';
export const OAUTH_REVOKE_TOKEN = 'oauth/revoke_token';
export const OAUTH_VERIFY_TOKEN = 'oauth/verify_token';

export const INVALID_CREDENTIALS = 'Invalid credentials';
export const INVALID_CLIENT = 'Invalid client';
export const INVALID_TOKEN = 'Invalid token';

/** OAuth applications "configurable in the GUI" (002), seeded: the guide's example client ids. */
export function seedOAuthApps(store: Store): void {
  // 002 · Get token / Refresh a token: client_id "client_id", "expires_in": 0 (expiry zero).
  store.ssoOAuth.addApp({ clientId: 'client_id', confidential: false, secret: null, expirySeconds: 0 });
  // 002 · Revoke a Token: client_id "fcare". Reading: the expiry of the FTM push example (36000 s,
  // django-oauth-toolkit's default), so the emulator has an application whose tokens expire.
  store.ssoOAuth.addApp({ clientId: 'fcare', confidential: false, secret: null, expirySeconds: 36_000 });
  // 002 · client_secret: "If application client_type is 'confidential'": one such application, with a
  // secret made fresh per start (the operator-provided oauth-confidential-client).
  store.ssoOAuth.addApp({ clientId: 'forticonform_confidential', confidential: true, secret: randomBytes(24).toString('base64url'), expirySeconds: 36_000 });
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * The client_id a request names. Variant validation-required-unchecked: a request without one is read
 * as the first public application's (a server that does not require client_id).
 */
function clientIdOf(state: SsoOAuthState, data: Record<string, unknown>): string | undefined {
  const named = str(data.client_id);
  if (named !== undefined || 'client_id' in data || !dropped.required) return named;
  return [...state.apps.values()].find((a) => a.clientId !== FABRIC_CLIENT_ID && !a.confidential)?.clientId; // variant
}

/**
 * RFC 6749 §5.2 invalid_request ("includes an unsupported parameter value [...] or is otherwise
 * malformed"): a parameter sent as a JSON object, list or boolean instead of text is refused with
 * 400 before anything else is read (OAuth parameters are text; a number reads as its text, as a
 * Django form reads it). The variant validation-types-coerced reads any value as its text.
 */
export function malformedParameter(data: Record<string, unknown>, names: readonly string[]): Outcome<Reply> | undefined {
  const bad = names.find((n) => n in data && 'error' in parseString(data[n]));
  return bad === undefined ? undefined : badRequest(`${bad}: Enter a valid value.`);
}
const failure = (status: number, message: string): Outcome<Reply> => ok({ kind: 'object', status, data: { error: message } });

/** The token answer (002 · Get token: access_token, expires_in, message, refresh_token, scope "read",
 * status "success", token_type "Bearer"). */
export function tokenBody(state: SsoOAuthState, t: IssuedToken, extra: Record<string, Json>): Record<string, Json> {
  return {
    access_token: t.access,
    expires_in: state.apps.get(t.clientId)?.expirySeconds ?? 0,
    refresh_token: t.refresh,
    scope: 'read',
    token_type: 'Bearer',
    ...extra,
  };
}

/**
 * The refresh grant (002 · Refresh a token; 004 · Refresh a token): new access and refresh tokens for
 * the same client and user. The old access token is revoked and the old refresh token can no longer be
 * used (django-oauth-toolkit rotates refresh tokens). undefined: unknown or spent refresh token.
 */
export function refreshGrant(state: SsoOAuthState, refresh: string, clientId: string | undefined, variants: VariantFlags, nowMs: number): IssuedToken | undefined {
  const old = state.refreshToken(refresh);
  if (!old) return undefined;
  // A token belongs to its application: the fabric ones refresh at /api/fabric/authenticate only.
  if (clientId === undefined ? old.clientId === FABRIC_CLIENT_ID : clientId !== old.clientId) return undefined;
  const next = state.issue(old.clientId, old.username, nowMs);
  state.revokeAccess(old);
  if (!variants.has('oauth-refresh-reuse')) state.revokeRefresh(old); // variant
  return next;
}

const TOKEN_FIELDS: Record<string, FieldSpec> = {
  challenge: { type: 'string', help: "The type of multi-factor authentication challenge ('otp')", blank: true },
  challenge_response: { type: 'string', help: 'String code challenge response', blank: true },
  client_id: { type: 'string', help: 'String ID of client or application' },
  client_secret: { type: 'string', help: "Client secret (application client_type 'confidential')", blank: true },
  grant_type: { type: 'string', help: 'OAuth grant type: password or refresh_token' },
  method: { type: 'string', help: 'The method of challenge response (e.g. ftm-push)', blank: true },
  password: { type: 'string', help: 'User password (grant_type password)', blank: true },
  realm: { type: 'string', help: 'User realm (default: the default realm)', blank: true },
  refresh_token: { type: 'string', help: 'Token used to refresh access_token (grant_type refresh_token)', blank: true },
  session: { type: 'string', help: 'FTM push session (responding with an OTP challenge with ftm-push method)', blank: true },
  username: { type: 'string', help: 'User username (grant_type password)', blank: true },
};

export function oauthTokenResource(ctx: ModelContext): ResourceDecl {
  const { store, variants } = ctx;
  const state = store.ssoOAuth;
  const nowMs = (): number => ctx.now().getTime();

  /** client_id (+ client_secret for a confidential application), or the 401 to answer. */
  function client(data: Record<string, unknown>): { ok: true; id: string } | { ok: false; reply: Outcome<Reply> } {
    const id = clientIdOf(state, data);
    const app = id === undefined || id === FABRIC_CLIENT_ID ? undefined : state.apps.get(id);
    if (!app || id === undefined) return { ok: false, reply: failure(401, INVALID_CLIENT) };
    // variant oauth-confidential-secret-unchecked: a confidential client is let in without its secret.
    if (app.confidential && data.client_secret !== app.secret && !variants.has('oauth-confidential-secret-unchecked')) return { ok: false, reply: failure(401, INVALID_CLIENT) };
    return { ok: true, id };
  }

  function passwordGrant(data: Record<string, unknown>): Outcome<Reply> {
    const username = str(data.username);
    const password = str(data.password);
    // "If grant_type is password": username and password required.
    if (username === undefined || password === undefined) return badRequest('username and password are required for grant_type password.');
    const c = client(data);
    if (!c.ok) return c.reply;
    // realm: "If you are authenticating a user from the default realm, you do not need to specify a realm."
    const realm = str(data.realm);
    if (realm !== undefined && realm !== LOCAL_REALM) return failure(401, INVALID_CREDENTIALS);
    const user = store.userByUsername(username);
    if (!user) return failure(401, INVALID_CREDENTIALS);
    // variant oauth-password-grant-unchecked: 401 "Invalid credentials" skipped for users without a token.
    const unchecked = variants.has('oauth-password-grant-unchecked') && !user.token_auth;
    if (!unchecked && checkCredentials(ctx, user, password, undefined, nowMs()).kind !== 'accepted') return failure(401, INVALID_CREDENTIALS);

    if (user.token_auth) {
      const challenge = str(data.challenge);
      if (challenge === undefined) {
        // 406 "Initial credentials are valid, but the user requires more information."
        // 002 · Get a token with FTM push: {"challenge": "otp", "method": "ftm-push", "session", "status": "pending"}.
        if (user.token_type === 'ftm') {
          const session = generateSession();
          state.push.set(session, {
            session, username, clientId: c.id, status: 'pending', challengeResponse: null,
            ...(state.selfApproving.has(username) ? { approveAt: nowMs() + SELF_APPROVAL_DELAY_MS } : {}),
          });
          const status = variants.has('oauth-push-challenge-200') ? 200 : 406; // variant
          return ok({ kind: 'object', status, data: { challenge: 'otp', method: 'ftm-push', session, status: 'pending' } });
        }
        // Reading: other token users are asked for their code; the method names the token type.
        return ok({ kind: 'object', status: 406, data: { challenge: 'otp', method: user.token_type ?? 'otp', status: 'pending' } });
      }
      const response = str(data.challenge_response);
      if (challenge !== 'otp' || response === undefined) return failure(401, INVALID_CREDENTIALS);
      if (str(data.method) === 'ftm-push') {
        // 002 · "Use the successful push session code to get a token": session + challenge_response
        // from /pushpoll/. The session is spent once used.
        const s = state.push.get(str(data.session) ?? '');
        if (!s || s.username !== username || s.clientId !== c.id || s.status !== 'success' || s.challengeResponse !== response)
          return failure(401, INVALID_CREDENTIALS);
        if (variants.has('oauth-challenge-completion-refused')) return failure(401, INVALID_CREDENTIALS); // variant
        state.push.delete(s.session);
      } else if (response !== EMULATOR_TOKEN_CODE) return failure(401, INVALID_CREDENTIALS);
      // The push example's answer has no "message".
      return ok({ kind: 'object', status: 200, data: tokenBody(state, state.issue(c.id, username, nowMs()), { status: 'success' }) });
    }
    const t = state.issue(c.id, username, nowMs());
    // 002 · "As long as the access token expiry of the application is not zero, these tokens can
    // expire": expires_in is the application's expiry (variant oauth-expiry-not-stated: always 0).
    const never: Record<string, Json> = variants.has('oauth-expiry-not-stated') ? { expires_in: 0 } : {}; // variant
    return ok({ kind: 'object', status: 200, data: tokenBody(state, t, { message: 'successfully authenticated', status: 'success', ...never }) });
  }

  function run(req: { data: Record<string, unknown> }): Outcome<Reply> {
    const data = req.data;
    const malformed = malformedParameter(data, Object.keys(TOKEN_FIELDS));
    if (malformed) return malformed;
    const given = str(data.grant_type);
    // variants validation-required-unchecked / validation-enums-unchecked: a missing or unsupported grant_type is read as password.
    const unchecked = given === undefined ? !('grant_type' in data) && dropped.required : given !== 'password' && given !== 'refresh_token' && dropped.enums;
    const grant = unchecked ? 'password' : given;
    if (grant === undefined) return badRequest('grant_type is required.');
    if (grant === 'password') return passwordGrant(data);
    if (grant === 'refresh_token') {
      const refresh = str(data.refresh_token);
      if (refresh === undefined) return badRequest('refresh_token is required for grant_type refresh_token.');
      // The guide's refresh example sends no client_id: reading = optional, checked when given.
      const clientId = str(data.client_id);
      if (clientId !== undefined && !client(data).ok) return failure(401, INVALID_CLIENT);
      const t = refreshGrant(state, refresh, clientId, variants, nowMs());
      if (!t) return failure(401, INVALID_TOKEN);
      return ok({ kind: 'object', status: 200, data: tokenBody(state, t, { message: 'Token has been refreshed successfully', status: 'success' }) });
    }
    return badRequest(`Unsupported grant_type '${grant}'.`);
  }

  return {
    name: OAUTH_TOKEN,
    // 002 · Allowed methods: POST /api/v1/oauth/token/.
    listMethods: ['POST'],
    detailMethods: [],
    auth: 'none', // 003 · oauth: None
    fields: TOKEN_FIELDS,
    filtering: {},
    ordering: [],
    endpoint: { methods: ['POST'], run },
  };
}

export function oauthRevokeTokenResource(ctx: ModelContext): ResourceDecl {
  const state = ctx.store.ssoOAuth;

  // 002 · Revoke a Token: {"client_id", "token"} → 200 "Token was or was not successfully deleted".
  // Either token of a pair revokes both (RFC 7009 §2.1 allows it; a refresh token without its access
  // token would only mint new ones).
  function run(req: { data: Record<string, unknown> }): Outcome<Reply> {
    const malformed = malformedParameter(req.data, ['client_id', 'token']);
    if (malformed) return malformed;
    const token = str(req.data.token);
    const clientId = clientIdOf(state, req.data);
    if (token === undefined) return badRequest('token is required.');
    if (clientId === undefined || clientId === FABRIC_CLIENT_ID || !state.apps.has(clientId)) return failure(401, INVALID_CLIENT);
    const t = state.accessToken(token, Number.NEGATIVE_INFINITY) ?? state.refreshToken(token);
    // variant oauth-revoke-token-noop: 200, but the token stays valid.
    if (t && t.clientId === clientId && !ctx.variants.has('oauth-revoke-token-noop')) {
      state.revokeAccess(t);
      state.revokeRefresh(t);
    }
    return ok({ kind: 'empty', status: 200 });
  }

  return {
    name: OAUTH_REVOKE_TOKEN,
    listMethods: ['POST'], // 002 · Allowed methods: POST
    detailMethods: [],
    auth: 'none', // 003 · oauth: None
    fields: {
      client_id: { type: 'string', help: 'String ID of client or application' },
      token: { type: 'string', help: 'Access or refresh token to revoke' },
    },
    filtering: {},
    ordering: [],
    endpoint: { methods: ['POST'], run },
  };
}

export function oauthVerifyTokenResource(ctx: ModelContext): ResourceDecl {
  const state = ctx.store.ssoOAuth;

  // 002 · Verify a Token: GET ?client_id=<client_id> with "Authorization: Bearer [ACCESS_TOKEN]" →
  // 200 "Username is returned upon success" (reading: {"username": ...}), 401 "Token is not valid".
  function run(req: { query: { get(k: string): string | undefined }; bearer?: string }): Outcome<Reply> {
    const clientId = req.query.get('client_id');
    if (clientId === undefined || clientId === '') return badRequest('The client_id query parameter is required.');
    const t = req.bearer === undefined ? undefined : state.accessToken(req.bearer, ctx.now().getTime());
    if (!t || t.clientId !== clientId) return ok({ kind: 'empty', status: 401 });
    if (ctx.variants.has('oauth-verify-token-no-username')) return ok({ kind: 'object', status: 200, data: {} }); // variant
    return ok({ kind: 'object', status: 200, data: { username: t.username } });
  }

  return {
    name: OAUTH_VERIFY_TOKEN,
    listMethods: ['GET'], // 002 · Allowed methods: GET
    detailMethods: [],
    // 003 · oauth: None — the token is the subject here, checked by the endpoint, not by the wire layer.
    auth: 'none',
    fields: { client_id: { type: 'string', help: 'String ID of client or application (query parameter)' } },
    filtering: {},
    ordering: [],
    endpoint: { methods: ['GET'], run },
  };
}
