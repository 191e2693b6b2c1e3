// /api/v1/auth/ — validation of a local user's password and/or token code.
// Source: 002 · Authentication (/auth/) (Behavior of the API, Supported fields, Response codes and
// the curl examples) and 003 (auth: Webservice Basic Authentication).

import type { ActionOutcome, FieldSpec, ModelContext, ResourceDecl } from './types.ts';
import type { LocalUser, Store } from './store.ts';
import type { VariantFlags } from '../variants.ts';
import { isLockedOut, recordFailure, recordSuccess } from './lockout.ts';
import { REQUIRED } from './validate.ts';
import { tokenOutOfSync } from './operator-states.ts';
import { ldapUsers, radiusUsers, type RemoteUser } from './remoteusers.ts';

export const AUTH = 'auth';

/**
 * The emulator's one valid token code for any user with token authentication (FortiToken, FTM,
 * FortiToken Cloud, e-mail or SMS). A real unit derives it from the token seed; the emulator has none.
 * Unlike the guide's made-up codes ("123456"), so reports that redact it (lib/redact.ts: token_code)
 * keep those, and phone numbers, readable.
 */
export const EMULATOR_TOKEN_CODE = '739146';

// 002 · Response codes: the "Response content" column is the short text body. The Content-Length of
// the examples agrees: 26 = "User authentication failed", 19 = "User does not exist".
export const AUTH_FAILED = 'User authentication failed';
export const ACCOUNT_DISABLED = 'Account is disabled';
export const NO_TOKEN = 'No token configured';
export const NO_SUCH_USER = 'User does not exist';
export const OUT_OF_SYNC = 'Token is out of sync';

const FIELDS: Record<string, FieldSpec> = {
  password: { type: 'string', help: 'Password', blank: true },
  token_code: { type: 'string', help: 'Security token code', blank: true },
  username: { type: 'string', help: 'Username' },
};

const given = (v: unknown): v is string => typeof v === 'string' && v !== '';

export function authResource(ctx: ModelContext): ResourceDecl {
  const { store } = ctx;

  function authenticate(data: Record<string, unknown>): ActionOutcome {
    const { username, password, token_code: tokenCode } = data;
    if (typeof username !== 'string' || username === '')
      return { kind: 'error', error: { kind: 'invalid', fields: { username: [REQUIRED] } } };
    for (const [field, v] of [['password', password], ['token_code', tokenCode]] as const)
      if (v !== undefined && v !== null && typeof v !== 'string')
        return { kind: 'error', error: { kind: 'invalid', fields: { [field]: ['Enter a valid value.'] } } };
    // "Either password or token_code needs to be specified."
    if (!given(password) && !given(tokenCode)) {
      if (ctx.variants.has('auth-neither-401')) return { kind: 'rejected', reason: AUTH_FAILED }; // variant
      return { kind: 'error', error: { kind: 'bad_request', message: 'Either password or token_code needs to be specified.' } };
    }

    const user = store.userByUsername(username);
    if (!user) {
      // "This API is for the validation of local user password and token passcode or remote user
      // passcode only. Validation of remote (LDAP) user password is not supported."
      const remote = remoteUserByUsername(store, username);
      if (remote) return checkRemoteCredentials(remote, password, tokenCode, ctx.variants.has('auth-ldap-password-validated')); // variant
      if (ctx.variants.has('auth-unknown-user-401')) return { kind: 'rejected', reason: AUTH_FAILED }; // variant
      return { kind: 'unknown_subject', reason: NO_SUCH_USER }; // 404 User does not exist
    }

    const r = checkCredentials(ctx, user, password, tokenCode, ctx.now().getTime());
    // variant auth-wrong-password-400: 002 · Response codes "401 Unauthorized — User authentication failed".
    if (ctx.variants.has('auth-wrong-password-400') && r.kind === 'rejected' && r.reason === AUTH_FAILED && given(password) && !given(tokenCode) && !user.ftk_only)
      return { kind: 'error', error: { kind: 'bad_request', message: AUTH_FAILED } };
    return r;
  }

  return {
    name: AUTH,
    // 002 · Authentication · Allowed methods: List POST. No detail URL.
    listMethods: ['POST'],
    detailMethods: [],
    auth: 'basic', // 003 · auth: Webservice Basic Authentication
    permission: { set: 'Webservice Authentication', code: 'Can use API to authenticate' }, // 003 · auth
    fields: FIELDS,
    filtering: {},
    ordering: [],
    action: authenticate,
    sessionCookie: true, // 002 · Authentication (/auth/) · every example answer sets sessionid
  };
}

/** What the credential checks need beyond the user: the unit (lockout state, policy) and the variants. */
export type CredentialContext = Pick<ModelContext, 'store' | 'variants'>;

/** The credential checks of 002 · Authentication (/auth/) · Behavior of the API for a known user,
 * shared with /realmauth/ (same rules) and the OAuth password grant (password only). Wrong credentials
 * count towards the user lockout policy (emulator/fac/models/lockout.ts). */
export function checkCredentials(ctx: CredentialContext, user: LocalUser, password: unknown, tokenCode: unknown, nowMs: number): ActionOutcome {
  const r = verify(ctx.variants, ctx.store, user, password, tokenCode, nowMs);
  if (r.kind === 'rejected' && r.reason === AUTH_FAILED) recordFailure(ctx.store, user, nowMs, ctx.variants);
  else if (r.kind === 'accepted') recordSuccess(ctx.store, user, nowMs);
  return r;
}

/** An imported LDAP or RADIUS user of that username (the first: /auth/ takes no realm). */
export function remoteUserByUsername(store: Store, username: string): RemoteUser | undefined {
  return ldapUsers(store).all().find((u) => u.username === username) ?? radiusUsers(store).all().find((u) => u.username === username);
}

/** A remote user's credentials: the token code as for local users; the password only where the endpoint
 * validates remote passwords (/realmauth/ binds to the user's LDAP / RADIUS server; /auth/ does not:
 * 002 · Authentication (/auth/) "Validation of remote (LDAP) user password is not supported"). Reading:
 * a password /auth/ does not validate fails like a wrong one (401 "User authentication failed").
 * Remote users' lockout is their server's business, so failures are not counted here. */
export function checkRemoteCredentials(user: RemoteUser, password: unknown, tokenCode: unknown, passwordSupported: boolean): ActionOutcome {
  const rejected = (reason: string): ActionOutcome => ({ kind: 'rejected', reason });
  if (given(password) && (!passwordSupported || user.password === null || password !== user.password)) return rejected(AUTH_FAILED);
  if (!user.active) return rejected(ACCOUNT_DISABLED);
  if (given(tokenCode)) {
    if (!user.token_auth) return rejected(NO_TOKEN);
    if (tokenCode !== EMULATOR_TOKEN_CODE) return rejected(AUTH_FAILED);
  }
  return { kind: 'accepted' };
}

function verify(variants: VariantFlags, store: Store, user: LocalUser, password: unknown, tokenCode: unknown, nowMs: number): ActionOutcome {
  const rejected = (reason: string): ActionOutcome => ({ kind: 'rejected', reason });
  // 401 "Account is disabled". Reading: checked after the password so it does not leak account
  // state to a caller without the credential; an expired or locked-out account counts as disabled.
  const disabled = (): ActionOutcome | null => {
    if (isLockedOut(store, user, nowMs, variants)) return rejected(ACCOUNT_DISABLED);
    if (variants.has('auth-disabled-account-accepted')) return null; // variant: 002 · Response codes "Account is disabled"
    return isEnabled(user, nowMs) ? null : rejected(ACCOUNT_DISABLED);
  };
  const token = (): ActionOutcome | null => {
    // "If a user doesn't have two-factor authentication configured, validation for that user with
    // any token_code will fail." → 401 No token configured.
    if (!user.token_auth) return variants.has('auth-token-without-2fa-accepted') ? null : rejected(NO_TOKEN); // variant
    // 401 "Token is out of sync — The security token requires synchronization": a drifted hardware
    // token's current code lies outside the unit's window until an administrator resynchronises it.
    if (tokenOutOfSync(store, user) && !variants.has('auth-token-drift-ignored')) return rejected(OUT_OF_SYNC); // variant
    return tokenCode === EMULATOR_TOKEN_CODE ? null : rejected(AUTH_FAILED);
  };

  // variant auth-token-before-password: "If both are specified, password will be validated first,
  // then token code." — here a right token code alone decides.
  if (variants.has('auth-token-before-password') && given(password) && given(tokenCode)) return token() ?? disabled() ?? { kind: 'accepted' };

  // "If password and token are specified, the password will be validated first before token code."
  if (given(password)) {
    // "If a user is configured with only FortiToken authentication [...] specifying any password will fail."
    if (user.ftk_only) {
      if (!variants.has('auth-ftk-only-password-accepted')) return rejected(AUTH_FAILED); // variant: the password is ignored
    } else {
      // "it is acceptable to concatenate both the user's password and token code in as the password
      // value and provide an empty string as the token_code value."
      const concatenated = tokenCode === '' && user.token_auth && !variants.has('auth-concatenated-refused'); // variant
      const expected = concatenated ? `${user.password ?? ''}${EMULATOR_TOKEN_CODE}` : user.password;
      if (user.password === null || password !== expected) return rejected(AUTH_FAILED);
    }
  }
  const off = disabled();
  if (off) return off;
  if (given(tokenCode)) {
    const t = token();
    if (t) return t;
  }
  return { kind: 'accepted' };
}

function isEnabled(user: LocalUser, nowMs: number): boolean {
  return user.active && (user.expires_at === null || user.expires_at > nowMs);
}
