// /api/v1/realmauth/ — validation of a user's credentials in a realm.
// Source: 002 · Realm authentication (/realmauth/) (Behavior of the API, Supported fields, Response
// codes incl. "202 OK — User authenticated and password change required", new in 6.3.0) and 003 ·
// Authorization and Permissions (Webservice Basic; Webservice Authentication, "Can use API to
// authenticate").

import type { FieldSpec, ModelContext, Outcome, Reply, ResourceDecl } from './types.ts';
import { badRequest, invalid, ok } from './types.ts';
import { REQUIRED } from './validate.ts';
import { NO_SUCH_USER, checkCredentials, checkRemoteCredentials } from './auth.ts';
import { ldapUsers, radiusUsers, type RemoteUser } from './remoteusers.ts';
import type { Store, Table } from './store.ts';

export const REALMAUTH = 'realmauth';

/** FortiAuthenticator's built-in realm of local users. */
export const LOCAL_REALM = 'local';
/** The emulated unit's realms of remote users (no realm resource exists in the API; an operator
 * configures them under Authentication > User Management > Realms): one per seeded remote server. */
export const LDAP_REALM = 'example-ldap';
export const RADIUS_REALM = 'example-radius';
export const UNKNOWN_REALM = 'Realm does not exist.';

const REMOTE_REALMS: Readonly<Record<string, (store: Store) => Table<RemoteUser>>> = {
  [LDAP_REALM]: ldapUsers,
  [RADIUS_REALM]: radiusUsers,
};

/** The remote users of a realm, or undefined when it is the local realm or unknown. */
export function remoteRealmUser(store: Store, realm: string, username: string): RemoteUser | undefined {
  return Object.hasOwn(REMOTE_REALMS, realm) ? REMOTE_REALMS[realm]!(store).all().find((u) => u.username === username) : undefined;
}
// Own keys only: a realm named "constructor" is just unknown.
export const isRealm = (realm: string): boolean => realm === LOCAL_REALM || Object.hasOwn(REMOTE_REALMS, realm);

const FIELDS: Record<string, FieldSpec> = {
  password: { type: 'string', help: 'Password', blank: true },
  realm: { type: 'string', help: 'Realm' },
  token_code: { type: 'string', help: 'Security token code (FortiToken, FortiToken Cloud, email, SMS)', blank: true },
  username: { type: 'string', help: 'Username' },
};

const given = (v: unknown): v is string => typeof v === 'string' && v !== '';

export function realmauthResource(ctx: ModelContext): ResourceDecl {
  const { store } = ctx;

  function run(req: { data: Record<string, unknown> }): Outcome<Reply> {
    const { username, password, token_code: tokenCode } = req.data;
    // variant realmauth-realm-optional: 002 · Supported fields — realm is required.
    const realm = req.data.realm === undefined && ctx.variants.has('realmauth-realm-optional') ? LOCAL_REALM : req.data.realm;
    // Supported fields: username and realm required.
    const errors: Record<string, string[]> = {};
    if (!given(username)) errors.username = [REQUIRED];
    if (!given(realm)) errors.realm = [REQUIRED];
    for (const [field, v] of [['password', password], ['token_code', tokenCode]] as const)
      if (v !== undefined && v !== null && typeof v !== 'string') errors[field] = ['Enter a valid value.'];
    if (Object.keys(errors).length > 0) return invalid(errors);
    // "Either password or token_code needs to be specified."
    if (!given(password) && !given(tokenCode)) return badRequest('Either password or token_code needs to be specified.');
    if (typeof realm !== 'string' || !isRealm(realm)) return invalid({ realm: [UNKNOWN_REALM] });

    if (realm !== LOCAL_REALM) {
      // "This end-point is used to validate local, LDAP and RADIUS user credentials based on realm":
      // a remote realm's users are checked against their LDAP / RADIUS server.
      const remote = ctx.variants.has('realmauth-remote-users-unknown') ? undefined : remoteRealmUser(store, realm, username as string); // variant
      if (!remote) return ok({ kind: 'text', status: 404, text: NO_SUCH_USER });
      const r = checkRemoteCredentials(remote, password, tokenCode, true);
      if (r.kind === 'rejected') return ok({ kind: 'text', status: 401, text: r.reason });
      return ok({ kind: 'empty', status: 200 });
    }

    const user = store.userByUsername(username as string);
    // 404 "User does not exist".
    if (!user) return ok({ kind: 'text', status: 404, text: NO_SUCH_USER });
    // The rules of /auth/ (002 · Behavior of the API is the same text): 401 with the reason as body.
    const r = checkCredentials(ctx, user, password, tokenCode, ctx.now().getTime());
    if (r.kind === 'rejected' || r.kind === 'unknown_subject') return ok({ kind: 'text', status: r.kind === 'rejected' ? 401 : 404, text: r.reason });
    if (r.kind === 'error') return { ok: false, error: r.error };
    // 202 "User authenticated and password change required" (local users: change_password).
    const changeStatus = ctx.variants.has('realmauth-password-change-200') ? 200 : 202; // variant
    return ok({ kind: 'empty', status: user.change_password ? changeStatus : 200 });
  }

  return {
    name: REALMAUTH,
    // 002 · Allowed Methods: POST. facts · POST-only resources answer GET with 405.
    listMethods: ['POST'],
    detailMethods: [],
    auth: 'basic', // 003 · realmauth: Webservice Basic Authentication
    permission: { set: 'Webservice Authentication', code: 'Can use API to authenticate' }, // 003 · realmauth
    fields: FIELDS,
    filtering: {},
    ordering: [],
    endpoint: { methods: ['POST'], run },
  };
}
