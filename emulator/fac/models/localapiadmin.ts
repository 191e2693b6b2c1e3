// /api/v1/localapiadmin/ — model and declaration.
// Source: 002 · Local API admin (/localapiadmin/) (Supported fields, Allowed methods; the "examples" it
// refers to are not in the 6.3.1 guide) and 003 · Authorization and Permissions (Webservice Basic;
// Administrators). OCR: the table's "trusted … hosts" is the field trusted_hosts and "api key" is
// api_key (the guide's OCR drops underscores as in "resource uri").

import { randomInt } from 'node:crypto';
import type { FieldErrors, FieldSpec, Json, ModelContext, Outcome, ResourceDecl } from './types.ts';
import { detailUri, invalid, ok, tableCollection } from './types.ts';
import type { Row, Store, Table } from './store.ts';
import {
  ISO_3166_ALPHA2, dropped, MOBILE_MESSAGE, MOBILE_RE, USERNAME_MESSAGE, USERNAME_RE, parseIsoDateTime, pyStr,
} from './validate.ts';
import { applyForm, emailCheck, fail, has, isIpOrSubnet, type Form } from './forms.ts';
import { PROFILE_FIELD_SPECS, type UserProfile } from './user-profile.ts';

export const LOCALAPIADMIN = 'localapiadmin';

export interface LocalApiAdmin extends Row, UserProfile {
  trusted_hosts: string[];
  /** Write-only (002 · password, max length 50). */
  password: string | null;
  /** Web service access key; shown once, in the POST answer. */
  api_key: string;
}

export const localApiAdmins = (store: Store): Table<LocalApiAdmin> => store.table<LocalApiAdmin>(LOCALAPIADMIN);

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** 002 · Initializing the REST API: web service access keys are 40 alphanumerics (the guide's keys). */
export function generateApiKey(): string {
  let s = '';
  for (let i = 0; i < 40; i++) s += ALNUM[randomInt(ALNUM.length)];
  return s;
}

/** Ids 1-3 are the built-in administrators (emulator/fac/models/seed.ts): API admins are numbered after them. */
const FIRST_ADMIN_ID = 4;


// 002 · "Same as the fields supported by Local users resource plus these additional ones": trusted_hosts
// and password. Reading: the local-user profile fields are kept; the token, expiry and recovery fields
// of /localusers/ do not apply to an API-only admin and are ignored like unknown keys. password and
// api_key are never shown by GET (facts · secrets never appear in GET answers).
const FIELDS: Record<string, FieldSpec> = {
  ...PROFILE_FIELD_SPECS,
  trusted_hosts: { type: 'list', help: 'Trusted subnets from which this admin is allowed to logon (IPv4/IPv6)', default: [] },
  username: { type: 'string', help: 'Username, max length 253', unique: true },
};

// 002 · Local users · Supported fields (the limits this resource shares).
const FORM: Form = {
  username: { kind: 'string', required: true, max: 253, check: (s) => (USERNAME_RE.test(s) ? null : USERNAME_MESSAGE) },
  email: { kind: 'string', check: emailCheck },
  first_name: { kind: 'string', max: 30 },
  last_name: { kind: 'string', max: 30 },
  address: { kind: 'string', max: 80 },
  city: { kind: 'string', max: 40 },
  state: { kind: 'string', max: 40 },
  country: {
    kind: 'string',
    check: (s) => (ISO_3166_ALPHA2.has(s) ? null : `Select a valid choice. ${pyStr(s)} is not one of the available choices.`),
  },
  custom1: { kind: 'string', max: 255 },
  custom2: { kind: 'string', max: 255 },
  custom3: { kind: 'string', max: 255 },
  mobile_number: { kind: 'string', max: 25, check: (s) => (MOBILE_RE.test(s) ? null : MOBILE_MESSAGE) },
  phone_number: { kind: 'string', max: 25 },
  active: { kind: 'boolean', default: true },
  password: { kind: 'string', max: 50, default: null },
  // The rest of "the fields supported by Local users resource": validated like a local user's (an
  // API admin is no token user here, so they are checked, not acted on).
  reason: { kind: 'integer', choices: [0, 1, 2, 3, 4, 5, 6, 7, 8], default: 0 },
  token_auth: { kind: 'boolean', default: false },
  token_type: { kind: 'choice', choices: ['ftk', 'ftm', 'ftc', 'email', 'sms', 'dual'], default: '' },
  token_serial: { kind: 'string' },
  ftm_act_method: { kind: 'choice', choices: ['email', 'sms'], default: '' },
  ftk_only: { kind: 'boolean', default: false },
  expires_at: { kind: 'string', check: (s) => (parseIsoDateTime(s) === null ? 'Enter a valid date/time.' : null) },
  change_password: { kind: 'boolean', default: false },
  recovery_by_question: { kind: 'boolean', default: false },
  recovery_question: { kind: 'string' },
  recovery_answer: { kind: 'string' },
};

function blank(): LocalApiAdmin {
  return {
    id: 0, username: '', email: '', first_name: '', last_name: '', address: '', city: '', state: '', country: '',
    custom1: '', custom2: '', custom3: '', mobile_number: '', phone_number: '', active: true, trusted_hosts: [],
    password: null, api_key: '',
  };
}

/** 002 · trusted_hosts: "List of IPv4/IPv6 subnets" (a bare address is a /32 or /128). The message is ours. */
function parseTrustedHosts(raw: unknown): { value: string[] } | { error: string } {
  if (raw === null) return { value: [] };
  if (!Array.isArray(raw)) return { error: 'Enter a list of IPv4/IPv6 subnets.' };
  const out: string[] = [];
  for (const item of raw) {
    // An empty entry is no subnet at all: refused before its notation is read (variant: lengths unchecked).
    if (item === '' && !dropped.lengths) return { error: 'This field cannot be blank.' };
    if (typeof item !== 'string' || !isIpOrSubnet(item)) return { error: `Enter a valid IPv4 or IPv6 subnet: ${pyStr(item)}.` };
    out.push(item);
  }
  return { value: out };
}

export function localapiadminResource(ctx: ModelContext): ResourceDecl {
  const { store } = ctx;
  const table = localApiAdmins(store);
  let lastAdminId = 0;

  function create(data: Record<string, unknown>): Outcome<LocalApiAdmin> {
    const draft = blank();
    const errors: FieldErrors = {};
    applyForm(FORM, data, draft as unknown as Record<string, unknown>, 'full', errors);
    if (has(data, 'trusted_hosts')) {
      const r = parseTrustedHosts(data.trusted_hosts);
      if ('error' in r) fail(errors, 'trusted_hosts', r.error);
      else draft.trusted_hosts = r.value;
    }
    // FAC keeps admins and local users in one user table: the name must be free in both.
    if (!errors.username && store.usernameTaken(draft.username)) fail(errors, 'username', 'A user with that username already exists.');
    if (Object.keys(errors).length > 0) return invalid(errors);
    // Ids are never reused (Django's database sequence): the last row's id + 1 gave a deleted
    // admin's id to the next one, and a stale reference to the old one then reached the new one.
    const last = table.all().at(-1);
    const id = Math.max(FIRST_ADMIN_ID - 1, last?.id ?? 0, lastAdminId) + 1;
    lastAdminId = id;
    const admin = table.insertWithId({ ...draft, id, api_key: generateApiKey() });
    // The key authenticates like the admin's (emulator/fac/wire/auth.ts); reading: not while inactive.
    if (admin.active) store.apiAdmins.set(admin.username, admin.api_key);
    return ok(admin);
  }

  function show(a: LocalApiAdmin): Record<string, Json> {
    return {
      active: a.active, address: a.address, city: a.city, country: a.country, custom1: a.custom1, custom2: a.custom2,
      custom3: a.custom3, email: a.email, first_name: a.first_name, id: a.id, last_name: a.last_name,
      mobile_number: a.mobile_number, phone_number: a.phone_number, resource_uri: detailUri(LOCALAPIADMIN, a.id),
      state: a.state, trusted_hosts: [...a.trusted_hosts], username: a.username,
    };
  }

  const collection = tableCollection(table, {
    value: (a, field) => {
      if (field === 'resource_uri') return detailUri(LOCALAPIADMIN, a.id);
      const v: unknown = (a as unknown as Record<string, unknown>)[field];
      return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
    },
    dehydrate: (a: LocalApiAdmin) => show(a),
    create,
    // 002 · "randomly generated api_key would be returned as a field in response upon success": the
    // POST answers 201 with the object and its api_key (tastypie always_return_data).
    writeAnswer: (a: LocalApiAdmin) => ({ ...show(a), api_key: a.api_key }),
    remove: (id) => {
      const a = table.get(id);
      if (!a) return false;
      store.apiAdmins.delete(a.username);
      return table.delete(id);
    },
  });

  return {
    name: LOCALAPIADMIN,
    // 002 · Allowed methods: GET detail, POST list, DELETE detail. No list GET is documented: 405.
    listMethods: ['POST'],
    detailMethods: ['GET', 'DELETE'],
    auth: 'basic', // 003 · Webservice Basic Authentication
    permission: { set: 'Administrators', code: 'Can view / change group' }, // 003 · Authorization and Permissions
    fields: FIELDS,
    filtering: {},
    ordering: [],
    collection,
  };
}
