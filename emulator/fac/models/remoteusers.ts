// /api/v1/ldapusers/ and /api/v1/radiususers/ — imported remote users (models + declarations).
// Source: 002 · LDAP users (/ldapusers/) and RADIUS users (/radiususers/) (Supported fields, Allowed
// methods, Allowed filters, Third-party integration: FTM provisioning), 002 · Resource Summary, and
// 003 · Authorization and Permissions (Webservice Basic; "Can view / change remote LDAP|RADIUS user").

import type { FieldErrors, FieldSpec, Json, Lookup, ModelContext, Outcome, ResourceDecl, Scalar, View } from './types.ts';
import { badRequest, detailUri, invalid, notFound, ok, tableCollection } from './types.ts';
import type { Row, Store, Table } from './store.ts';
import { MOBILE_MESSAGE, MOBILE_RE, REQUIRED, dropped, isValidEmail, parseChoice, parseString } from './validate.ts';
import { has } from './forms.ts';
import { applyBooleans, applyReason } from './user-profile.ts';
import {
  FTM_ACT_METHODS,
  TOKEN_TYPES,
  checkTokenFields,
  claimSerial,
  ftmProvisioned,
  seedFields,
  sendOobToken,
  settleRemoteToken,
  verifyRecoveryAnswer,
  wantsSeed,
} from './tokens.ts';

export const LDAPUSERS = 'ldapusers';
export const RADIUSUSERS = 'radiususers';

export interface RemoteUser extends Row {
  username: string;
  /** LDAP only: the distinguished name. */
  dn: string;
  server_name: string;
  server_address: string;
  email: string;
  first_name: string;
  last_name: string;
  active: boolean;
  reason: number;
  mobile_number: string;
  token_auth: boolean;
  token_type: string | null;
  token_serial: string;
  ftm_act_method: string | null;
  /** Write-only (facts · secrets never appear in GET answers). */
  password: string | null;
  recovery_by_question: boolean;
  recovery_question: string;
  recovery_answer: string;
}

export const ldapUsers = (store: Store): Table<RemoteUser> => store.table<RemoteUser>(LDAPUSERS);
export const radiusUsers = (store: Store): Table<RemoteUser> => store.table<RemoteUser>(RADIUSUSERS);

export function blankRemoteUser(id: number): RemoteUser {
  return {
    id, username: '', dn: '', server_name: '', server_address: '', email: '', first_name: '', last_name: '', active: true,
    reason: 0, mobile_number: '', token_auth: false, token_type: null, token_serial: '', ftm_act_method: null, password: null,
    recovery_by_question: false, recovery_question: '', recovery_answer: '',
  };
}

const str = (help: string, readonly = false): FieldSpec => ({ type: 'string', help, default: '', blank: true, ...(readonly ? { readonly } : {}) });
const TOKEN_FIELDS: Record<string, FieldSpec> = {
  active: { type: 'boolean', help: 'Account status', default: true },
  email: str('E-mail address'),
  ftm_act_method: { type: 'string', help: 'FTM activation delivery method: email or sms', nullable: true, default: null },
  id: { type: 'integer', help: 'Integer data. Ex: 2673', unique: true },
  mobile_number: str('Mobile number, +[country code]-[number], max length 25'),
  reason: { type: 'integer', help: 'Disable reason, 0-8', default: 0 },
  resource_uri: { type: 'string', help: 'Unicode string data. Ex: "Hello World"', readonly: true },
  token_auth: { type: 'boolean', help: 'Token authentication', default: false },
  token_serial: str('Token serial'),
  token_type: { type: 'string', help: 'One of ftk, ftm, ftc, email, sms, dual', nullable: true, default: null },
};

// 002 · LDAP users · Supported fields. username, dn, server_name and server_address are read only;
// password, recovery_question and recovery_answer are write-only.
const LDAP_FIELDS: Record<string, FieldSpec> = {
  ...TOKEN_FIELDS,
  dn: str('Distinguished name (read only)', true),
  first_name: str('First name, max length 30'),
  last_name: str('Last name, max length 30'),
  recovery_by_question: { type: 'boolean', help: 'Allow password recovery with security question', default: false },
  server_name: str('Server name (read only)', true),
  server_address: str('Server address (read only)', true),
  username: { type: 'string', help: 'Username (read only)', readonly: true },
};

// 002 · RADIUS users · Supported fields: username, server_name and server_address "Read Only" but
// "Yes, if creating user" — reading: written by POST only, ignored afterwards.
const RADIUS_FIELDS: Record<string, FieldSpec> = {
  ...TOKEN_FIELDS,
  server_name: { type: 'string', help: 'Server name (required when creating, read only afterwards)' },
  server_address: { type: 'string', help: 'Server address (required when creating, read only afterwards)' },
  username: { type: 'string', help: 'Username (required when creating, read only afterwards)' },
};

const TEXT: readonly Lookup[] = ['exact', 'iexact', 'contains', 'icontains'];
const TEXT_IN: readonly Lookup[] = ['exact', 'iexact', 'contains', 'icontains', 'in'];

// 002 · LDAP users · Allowed filters. The OCR'd table ends several rows with a dangling comma; reading:
// username and email take "in" like the local and RADIUS users' tables, the rest the four text lookups.
const LDAP_FILTERING: Record<string, readonly Lookup[]> = {
  username: TEXT_IN, dn: TEXT, first_name: TEXT, last_name: TEXT, email: TEXT_IN, active: ['exact'],
  server_name: TEXT, server_address: TEXT, token_type: ['exact'], token_serial: ['exact', 'iexact'],
};
// 002 · RADIUS users · Allowed filters.
const RADIUS_FILTERING: Record<string, readonly Lookup[]> = {
  username: TEXT_IN, email: TEXT_IN, active: ['exact'], server_name: TEXT, server_address: TEXT,
  token_type: ['exact'], token_serial: ['exact', 'iexact'],
};

type Kind = 'ldap' | 'radius';

/** Copy the writable fields of `data` onto `draft` (002 · the Supported fields of each resource). */
function applyFields(kind: Kind, draft: RemoteUser, data: Record<string, unknown>, errors: FieldErrors): void {
  const fail = (field: string, message: string): void => {
    if (!errors[field]) errors[field] = [message];
  };
  if (has(data, 'email')) {
    const r = parseString(data.email, 254);
    if ('error' in r) fail('email', r.error);
    else if (r.value !== '' && !isValidEmail(r.value)) fail('email', 'Enter a valid email address.');
    else draft.email = r.value;
  }
  if (has(data, 'mobile_number')) {
    const r = parseString(data.mobile_number, 25);
    if ('error' in r) fail('mobile_number', r.error);
    else if (r.value !== '' && !MOBILE_RE.test(r.value)) fail('mobile_number', MOBILE_MESSAGE);
    else draft.mobile_number = r.value;
  }
  const texts: Array<['first_name' | 'last_name' | 'token_serial' | 'recovery_question' | 'recovery_answer', number | undefined]> =
    kind === 'ldap'
      ? [['first_name', 30], ['last_name', 30], ['token_serial', undefined], ['recovery_question', undefined], ['recovery_answer', undefined]]
      : [['token_serial', undefined]];
  for (const [key, max] of texts) {
    if (!has(data, key)) continue;
    const r = parseString(data[key], max);
    if ('error' in r) fail(key, r.error);
    else draft[key] = r.value;
  }
  const bools: Array<'active' | 'token_auth' | 'recovery_by_question'> =
    kind === 'ldap' ? ['active', 'token_auth', 'recovery_by_question'] : ['active', 'token_auth'];
  applyBooleans(data, draft, bools, fail);
  // reason: "Default is 0. One of 0 [...] or 8".
  applyReason(data, draft, errors);
  for (const [key, choices] of [['token_type', TOKEN_TYPES], ['ftm_act_method', FTM_ACT_METHODS]] as const) {
    if (!has(data, key)) continue;
    const raw = data[key];
    if (raw === null || raw === '') draft[key] = null;
    else {
      const r = parseChoice(raw, choices);
      if ('error' in r) fail(key, r.error);
      else draft[key] = r.value;
    }
  }
  // LDAP password: "max length = 50" (write-only; a blank value leaves it unchanged).
  if (kind === 'ldap' && has(data, 'password') && data.password !== null && data.password !== '') {
    const r = parseString(data.password, 50);
    if ('error' in r) fail('password', r.error);
    else draft.password = r.value;
  }
}

function remoteUsers(ctx: ModelContext, kind: Kind): ResourceDecl {
  const { store } = ctx;
  const name = kind === 'ldap' ? LDAPUSERS : RADIUSUSERS;
  const table = kind === 'ldap' ? ldapUsers(store) : radiusUsers(store);
  const owner = (id: number): string => `${name}:${id}`;
  let provisioned: RemoteUser | null = null;

  function crossCheck(draft: RemoteUser, errors: FieldErrors): void {
    checkTokenFields(draft, errors);
    // recovery_question / recovery_answer: "Required if recovery_by_question is set to true."
    if (kind === 'ldap' && draft.recovery_by_question) {
      if (draft.recovery_question === '') errors.recovery_question ??= ['This field is required when recovery_by_question is true.'];
      if (draft.recovery_answer === '') errors.recovery_answer ??= ['This field is required when recovery_by_question is true.'];
    }
  }

  // 002 · RADIUS users · Allowed methods: "Create a new RADIUS user" (POST on the list); username,
  // server_name and server_address are required then. Reading: one user per (username, server_name).
  function create(data: Record<string, unknown>): Outcome<RemoteUser> {
    provisioned = null;
    const draft = blankRemoteUser(0);
    const errors: FieldErrors = {};
    for (const [key, max] of [['username', 253], ['server_name', 253], ['server_address', 253]] as const) {
      const r = has(data, key) ? parseString(data[key], max) : { value: '' };
      if ('error' in r) errors[key] = [r.error];
      else if (r.value === '') errors[key] = [REQUIRED];
      else draft[key] = r.value;
    }
    applyFields(kind, draft, data, errors);
    crossCheck(draft, errors);
    if (!errors.username && !errors.server_name) {
      for (const u of table.values())
        if (u.username === draft.username && u.server_name === draft.server_name)
          errors.username = ['A RADIUS user with this username already exists on this server.'];
    }
    if (Object.keys(errors).length > 0) return invalid(errors);
    const serialError = settleRemoteToken(store, `${name}:new`, draft, null, has(data, 'token_serial'));
    if (serialError) return badRequest(serialError);
    const user = table.insert((id) => ({ ...draft, id }));
    claimSerial(store, owner(user.id), '', user.token_serial);
    // No seed on create (only "provisioning an FTM to an existing user via PATCH"): see writeAnswer.
    return ok(user);
  }

  function patch(id: number, data: Record<string, unknown>): Outcome<RemoteUser> {
    provisioned = null;
    const user = table.get(id);
    if (!user) return notFound();
    const draft: RemoteUser = { ...user };
    const errors: FieldErrors = {};
    // username, dn, server_name, server_address: read only — ignored, as tastypie ignores readonly fields.
    applyFields(kind, draft, data, errors);
    crossCheck(draft, errors);
    if (Object.keys(errors).length > 0) return invalid(errors);
    const serialError = settleRemoteToken(store, owner(id), draft, user, has(data, 'token_serial'));
    if (serialError) return badRequest(serialError);
    const before = { ...user };
    Object.assign(user, draft);
    claimSerial(store, owner(id), before.token_serial, user.token_serial);
    if (ftmProvisioned(before, user)) provisioned = user;
    return ok(user);
  }

  function remove(id: number): boolean {
    const user = table.get(id);
    if (!user) return false;
    claimSerial(store, owner(id), user.token_serial, '');
    return table.delete(id);
  }

  function dehydrate(u: RemoteUser): Record<string, Json> {
    const o: Record<string, Json> = {
      active: u.active,
      email: u.email,
      ftm_act_method: u.ftm_act_method,
      id: u.id,
      mobile_number: u.mobile_number,
      reason: u.reason,
      resource_uri: detailUri(name, u.id),
      server_address: u.server_address,
      server_name: u.server_name,
      token_auth: u.token_auth,
      token_serial: u.token_serial,
      token_type: u.token_type,
      username: u.username,
    };
    if (kind === 'ldap') {
      o.dn = u.dn;
      o.first_name = u.first_name;
      o.last_name = u.last_name;
      o.recovery_by_question = u.recovery_by_question;
    }
    return o;
  }

  // 002 · "Seed may only be returned when provisioning an FTM to an existing user via PATCH method"
  // (LDAP; RADIUS "in the same manner"). A RADIUS POST that provisions an FTM answers as usual.
  function writeAnswer(u: RemoteUser, query: View['query']): Record<string, Json> | undefined {
    const wanted = provisioned === u && wantsSeed(query);
    provisioned = null;
    if (!wanted) return undefined;
    const extra = seedFields(store, u.token_serial, ctx.variants);
    return extra ? { ...dehydrate(u), ...extra } : undefined;
  }

  function value(u: RemoteUser, field: string): Scalar {
    if (field === 'resource_uri') return detailUri(name, u.id);
    if (field === 'password' || field === 'recovery_question' || field === 'recovery_answer') return null;
    const v = (u as unknown as Record<string, unknown>)[field];
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
  }

  const filtering = kind === 'ldap' ? LDAP_FILTERING : RADIUS_FILTERING;
  return {
    name,
    // 002 · LDAP users · Allowed methods: GET list/detail, PATCH/DELETE detail, POST on the
    // sendoobtoken/ and verifyrecoveryanswer/ sub-paths (LDAP users are imported, never created here).
    // 002 · RADIUS users · Allowed methods: the same plus POST on the list ("Create a new RADIUS user")
    // and sendoobtoken/ only.
    listMethods: kind === 'ldap' ? ['GET'] : ['GET', 'POST'],
    detailMethods: ['GET', 'PATCH', 'DELETE'],
    auth: 'basic', // 003 · ldapusers / radiususers: Webservice Basic Authentication
    permission:
      kind === 'ldap'
        ? { set: 'Users and Devices', code: 'Can view / change remote LDAP user' } // 003 · ldapusers
        : { set: 'Users and Devices', code: 'Can view / change remote RADIUS user' }, // 003 · radiususers
    fields: kind === 'ldap' ? LDAP_FIELDS : RADIUS_FIELDS,
    filtering,
    // Not documented per resource: reading = id + the filterable fields.
    ordering: ['id', ...Object.keys(filtering)],
    collection: tableCollection(table, {
      value,
      dehydrate: (u: RemoteUser) => dehydrate(u),
      ...(kind === 'radius' ? { create } : {}),
      patch,
      remove,
      writeAnswer,
    }),
    detailActions: {
      sendoobtoken: { methods: ['POST'], run: (_req, id) => sendOobToken(id === null ? undefined : table.get(id)) },
      ...(kind === 'ldap'
        ? {
            verifyrecoveryanswer: {
              methods: ['POST'],
              run: (req, id) => verifyRecoveryAnswer(id === null ? undefined : table.get(id), req.data, ctx.variants),
            },
          }
        : {}),
    },
  };
}

export const ldapusersResource = (ctx: ModelContext): ResourceDecl => remoteUsers(ctx, 'ldap');
export const radiususersResource = (ctx: ModelContext): ResourceDecl => remoteUsers(ctx, 'radius');

// ---- seed -------------------------------------------------------------------------------------

/** Imported LDAP users and one RADIUS user, so list answers are not empty (names ours; the LDAP server
 * name echoes the guide's Test_LDAP group). Called from emulator/fac/models/seed.ts. */
export function seedRemoteUsers(store: Store): void {
  const ldap = ldapUsers(store);
  const base = { server_name: 'Test_LDAP_Server', server_address: '192.168.0.10' };
  ldap.insert((id) => ({
    ...blankRemoteUser(id), ...base, username: 'jdoe', dn: 'CN=John Doe,OU=Users,DC=example,DC=com', email: 'jdoe@example.com',
    first_name: 'John', last_name: 'Doe', token_auth: true, token_type: 'email',
    recovery_by_question: true, recovery_question: 'What is the name of your first pet?', recovery_answer: 'Rex',
  }));
  ldap.insert((id) => ({
    ...blankRemoteUser(id), ...base, username: 'asmith', dn: 'CN=Alice Smith,OU=Users,DC=example,DC=com', email: 'asmith@example.com',
    first_name: 'Alice', last_name: 'Smith',
  }));
  ldap.insert((id) => ({
    ...blankRemoteUser(id), ...base, username: 'bwhite', dn: 'CN=Bob White,OU=Sales,DC=example,DC=com', first_name: 'Bob',
    last_name: 'White', mobile_number: '+44-7700900123', token_auth: true, token_type: 'sms',
  }));
  radiusUsers(store).insert((id) => ({
    ...blankRemoteUser(id), username: 'rjones', server_name: 'Test_RADIUS_Server', server_address: '192.168.0.20',
    email: 'rjones@example.com', token_auth: true, token_type: 'email',
  }));
}
