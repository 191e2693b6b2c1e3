// /api/v1/auth/ — validation of a local user's password and/or token code.
// Source: 002 · Authentication (/auth/) (Behavior of the API, Supported fields, Response codes and
// the curl examples) and 003 (auth: Webservice Basic Authentication).

import type { ActionOutcome, FieldSpec, ModelContext, ResourceDecl } from './types.ts';
import type { LocalUser } from './store.ts';
import { REQUIRED } from './validate.ts';

export const AUTH = 'auth';

/**
 * The emulator's one valid token code for any user with token authentication (FortiToken, FTM,
 * FortiToken Cloud, e-mail or SMS). A real unit derives it from the token seed; the emulator has none.
 */
export const EMULATOR_TOKEN_CODE = '123456';

// 002 · Response codes: the "Response content" column is the short text body. The Content-Length of
// the examples agrees: 26 = "User authentication failed", 19 = "User does not exist".
export const AUTH_FAILED = 'User authentication failed';
export const ACCOUNT_DISABLED = 'Account is disabled';
export const NO_TOKEN = 'No token configured';
export const NO_SUCH_USER = 'User does not exist';

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
    if (!given(password) && !given(tokenCode))
      return { kind: 'error', error: { kind: 'bad_request', message: 'Either password or token_code needs to be specified.' } };

    const user = store.userByUsername(username);
    if (!user) {
      if (ctx.variants.has('auth-unknown-user-401')) return { kind: 'rejected', reason: AUTH_FAILED }; // variant
      return { kind: 'unknown_subject', reason: NO_SUCH_USER }; // 404 User does not exist
    }

    return checkCredentials(user, password, tokenCode, ctx.now().getTime());
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
  };
}

/** The credential checks of 002 · Authentication (/auth/) · Behavior of the API for a known user,
 * shared with /realmauth/ (same rules) and the OAuth password grant (password only). */
export function checkCredentials(user: LocalUser, password: unknown, tokenCode: unknown, nowMs: number): ActionOutcome {
  // "If password and token are specified, the password will be validated first before token code."
  if (given(password)) {
    // "If a user is configured with only FortiToken authentication [...] specifying any password will fail."
    if (user.ftk_only) return { kind: 'rejected', reason: AUTH_FAILED };
    // "it is acceptable to concatenate both the user's password and token code in as the password
    // value and provide an empty string as the token_code value."
    const concatenated = tokenCode === '' && user.token_auth;
    const expected = concatenated ? `${user.password ?? ''}${EMULATOR_TOKEN_CODE}` : user.password;
    if (user.password === null || password !== expected) return { kind: 'rejected', reason: AUTH_FAILED };
  }
  // 401 "Account is disabled". Reading: checked after the password so it does not leak account
  // state to a caller without the credential; an expired account counts as disabled.
  if (!isEnabled(user, nowMs)) return { kind: 'rejected', reason: ACCOUNT_DISABLED };
  if (given(tokenCode)) {
    // "If a user doesn't have two-factor authentication configured, validation for that user with
    // any token_code will fail." → 401 No token configured.
    if (!user.token_auth) return { kind: 'rejected', reason: NO_TOKEN };
    if (tokenCode !== EMULATOR_TOKEN_CODE) return { kind: 'rejected', reason: AUTH_FAILED };
  }
  return { kind: 'accepted' };
}

function isEnabled(user: LocalUser, nowMs: number): boolean {
  return user.active && (user.expires_at === null || user.expires_at > nowMs);
}
