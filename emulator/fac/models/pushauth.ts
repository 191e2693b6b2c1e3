// /api/v1/pushauth/ — trigger a FortiToken Mobile push validation for a user.
// Source: 002 · Push authentication (/pushauth/) (Supported fields, Allowed methods, Response codes) and
// 003 · Authorization and Permissions (pushauth: Webservice Basic Authentication, permission None).
//
// Reading: the emulator has no phones and no push servers. The FortiToken Mobile app of an emulated
// user approves at once, so a user with an FTM token gets 200 ("User is successfully authenticated on
// their mobile devices"), except for the users seeded to meet each documented failure
// (emulator/fac/models/operator-states.ts): the user rejects (401), the push server refuses (500) or
// cannot be reached (503). The FTM push flow with an explicit device answer is the OAuth one
// (/oauth/token/ 406 → /pushauthresp/ → /pushpoll/).

import type { FieldSpec, ModelContext, Outcome, Reply, ResourceDecl } from './types.ts';
import { invalid, ok } from './types.ts';
import { REQUIRED, parseString, requiredMissing } from './validate.ts';
import { LOCAL_REALM, isRealm, remoteRealmUser } from './realmauth.ts';
import { ldapUsers, radiusUsers, type RemoteUser } from './remoteusers.ts';
import type { LocalUser } from './store.ts';
import { pushFate } from './operator-states.ts';

/** 002 · realm: "Required if more than one user matches the username field." The message is ours. */
export const REALM_NEEDED = 'More than one user matches the username: a realm is required.';

export const PUSHAUTH = 'pushauth';

const FIELDS: Record<string, FieldSpec> = {
  account: { type: 'string', help: 'User account in third-party system', blank: true },
  log_message: { type: 'string', help: 'Log information', blank: true },
  realm: { type: 'string', help: 'Realm (required if more than one user matches the username)', blank: true },
  timestamp: { type: 'string', help: 'Timestamp (UTC format)', blank: true },
  user_agent: { type: 'string', help: "The end-user's software agent that triggered the push request", blank: true },
  user_ip: { type: 'string', help: 'User IP', blank: true },
  username: { type: 'string', help: 'User name, max length 50' },
};

const OPTIONAL = ['account', 'log_message', 'realm', 'timestamp', 'user_agent', 'user_ip'] as const;

export function pushauthResource(ctx: ModelContext): ResourceDecl {
  const { store } = ctx;

  function run(req: { data: Record<string, unknown> }): Outcome<Reply> {
    const data = req.data;
    const errors: Record<string, string[]> = {};
    let username = '';
    if (requiredMissing(data, 'username')) errors.username = [REQUIRED];
    else if (data.username !== undefined) {
      // 002 · username: "max length=50".
      const r = parseString(data.username, 50);
      if ('error' in r) errors.username = [r.error];
      else username = r.value;
    }
    const text: Partial<Record<(typeof OPTIONAL)[number], string>> = {};
    for (const f of OPTIONAL) {
      const raw = data[f];
      if (raw === undefined || raw === null) continue;
      const r = parseString(raw);
      if ('error' in r) errors[f] = [r.error];
      else text[f] = r.value;
    }
    if (Object.keys(errors).length > 0) return invalid(errors);
    const realm = text.realm ?? '';
    let local: LocalUser | undefined;
    let remote: RemoteUser | undefined;
    if (realm === '') {
      // realm: "Required if more than one user matches the username field" (local, LDAP and RADIUS
      // users alike). variant pushauth-realm-optional: the local user is taken.
      local = store.userByUsername(username);
      const remotes = [...ldapUsers(store).all(), ...radiusUsers(store).all()].filter((u) => u.username === username);
      if ((local ? 1 : 0) + remotes.length > 1 && !ctx.variants.has('pushauth-realm-optional')) return invalid({ realm: [REALM_NEEDED] }); // variant
      if (!local) remote = remotes[0];
    } else if (realm === LOCAL_REALM) local = store.userByUsername(username);
    else if (isRealm(realm)) remote = remoteRealmUser(store, realm, username);
    // 404 "The given username does not exist in the system or there is no FortiToken Mobile assigned
    // to the given user." An unknown realm holds no user.
    const user = local ?? remote;
    if (!user || !user.token_auth || user.token_type !== 'ftm' || user.token_serial === '') return ok({ kind: 'empty', status: 404 });
    // Reading: a disabled account's push is refused like a rejected one (401).
    const nowMs = ctx.now().getTime();
    if (!user.active || (local && local.expires_at !== null && local.expires_at <= nowMs)) return ok({ kind: 'empty', status: 401 });
    const fate = local ? pushFate(store, local) : undefined;
    // 401 "User rejected the authentication request." variant pushauth-rejected-200: a rejection read as approval.
    if (fate === 'rejected') return ok({ kind: 'empty', status: ctx.variants.has('pushauth-rejected-200') ? 200 : 401 });
    // 500 "Push server is refusing to send the push notification"; 503 "Push server is unreachable".
    // variants pushauth-refused-503 / pushauth-unreachable-500: each answered with the other's code.
    if (fate === 'refused') return ok({ kind: 'empty', status: ctx.variants.has('pushauth-refused-503') ? 503 : 500 });
    if (fate === 'unreachable') return ok({ kind: 'empty', status: ctx.variants.has('pushauth-unreachable-500') ? 500 : 503 });
    return ok({ kind: 'empty', status: 200 });
  }

  return {
    name: PUSHAUTH,
    // 002 · Allowed methods: POST. facts · POST-only resources answer GET with 405.
    listMethods: ['POST'],
    detailMethods: [],
    auth: 'basic', // 003 · pushauth: Webservice Basic Authentication; permission set/code "None"
    fields: FIELDS,
    filtering: {},
    ordering: [],
    endpoint: { methods: ['POST'], run },
  };
}
