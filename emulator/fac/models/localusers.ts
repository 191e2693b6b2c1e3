// /api/v1/localusers/ — model and declaration.
// Source: 002 · Local users (/localusers/) (Supported fields, create-only fields, Allowed methods,
// Allowed filters, examples) and 003 · Authorization and Permissions (Webservice Basic).

import { randomBytes } from 'node:crypto';
import { releaseAtLeast } from '../../release.ts';
import type { FieldErrors, FieldSpec, Json, Lookup, ModelContext, Outcome, ResourceDecl, Scalar, View } from './types.ts';
import { badRequest, detailUri, invalid, notFound, ok } from './types.ts';
import type { LocalUser } from './store.ts';
import type { VariantFlags } from '../variants.ts';
import { deleteAttributesOf, radiusAttributesChild } from './radiusattributes.ts';
import { ftmProvisioned, seedFields, sendOobToken, verifyRecoveryAnswer, wantsSeed } from './tokens.ts';
import { has } from './forms.ts';
import { applyBooleans, applyReason, PROFILE_FIELD_SPECS } from './user-profile.ts';
import {
  ISO_3166_ALPHA2,
  dropped,
  MOBILE_MESSAGE,
  MOBILE_RE,
  REQUIRED,
  USERNAME_MESSAGE,
  USERNAME_RE,
  formatIsoDateTime,
  isValidEmail,
  parseChoice,
  parseIsoDateTime,
  parseString,
  pyStr,
  type Parsed,
} from './validate.ts';

export const LOCALUSERS = 'localusers';

const TOKEN_TYPES = ['ftk', 'ftm', 'ftc', 'email', 'sms', 'dual'] as const;
const FTM_ACT_METHODS = ['email', 'sms'] as const;
const HOUR_MS = 3_600_000;

// 002 · Local users · Allowed filters · abridged: "returns ... active, address, city, country,
// custom1-3, email, first_name, last_name, id, mobile_number, phone_number, recovery_by_question,
// resource_uri, state, token_auth, token_type, user_groups, username".
const ABRIDGED = new Set([
  'active', 'address', 'city', 'country', 'custom1', 'custom2', 'custom3', 'email', 'first_name', 'last_name', 'id',
  'mobile_number', 'phone_number', 'recovery_by_question', 'resource_uri', 'state', 'token_auth', 'token_type',
  'user_groups', 'username',
]);

const str = (help: string): FieldSpec => ({ type: 'string', help, default: '', blank: true });
const bool = (help: string, dflt: boolean): FieldSpec => ({ type: 'boolean', help, default: dflt });

// The object fields. Reading: the guide's example objects (address … username) plus every field of
// the "Supported fields" table (active, reason, ftm_act_method, ftk_only, expires_at, token_fas) and
// change_password / recovery_by_question, which 6.3.0 made readable ("What's new": "Disable reason and
// Change password on next logon field can now be read and written"; recovery_by_question is in the
// abridged field list). password, recovery_question and recovery_answer are write-only: never returned.
const FIELDS: Record<string, FieldSpec> = {
  ...PROFILE_FIELD_SPECS,
  change_password: bool('Change password on next logon', false),
  expires_at: { type: 'datetime', help: 'Expiration time (ISO-8601, UTC)', nullable: true, default: null },
  ftk_only: bool('Enable FortiToken-only authentication', false),
  ftm_act_method: { type: 'string', help: 'FTM activation delivery method: email or sms', nullable: true, default: null },
  reason: { type: 'integer', help: 'Disable reason, 0-8', default: 0 },
  recovery_by_question: bool('Allow password recovery with security question', false),
  token_auth: bool('Token authentication', false),
  token_fas: bool('Token issued from FortiAnalyzer', false),
  token_serial: str('Token serial'),
  token_type: { type: 'string', help: 'One of ftk, ftm, ftc, email, sms, dual', nullable: true, default: null },
  user_groups: {
    type: 'related', help: 'Local user groups this user is a member of (read only)', readonly: true,
    related: { to: 'usergroups', kind: 'to_many' },
  },
  username: { type: 'string', help: 'Username, max length 253', unique: true },
};

// 002 · Local users · Allowed filters (the table; also garbled near the usergroups section).
// token_type lists values but no lookups: reading "exact" only.
const FILTERING: Record<string, readonly Lookup[]> = {
  username: ['exact', 'iexact', 'contains', 'icontains', 'in'],
  first_name: ['exact', 'iexact', 'contains', 'icontains'],
  last_name: ['exact', 'iexact', 'contains', 'icontains'],
  email: ['exact', 'iexact', 'contains', 'icontains', 'in'],
  active: ['exact'],
  city: ['exact', 'iexact', 'contains', 'icontains'],
  state: ['exact', 'iexact', 'contains', 'icontains'],
  country: ['exact', 'iexact', 'contains', 'icontains'],
  token_type: ['exact'],
  token_serial: ['exact', 'iexact'],
};

// 002 · Advanced filtering · Order ("order returned list by a known field name", example
// order_by=username). The guide lists no per-resource ordering: reading = id + the filterable fields.
const ORDERING = ['id', ...Object.keys(FILTERING)];

export function blankUser(id: number): LocalUser {
  return {
    id, username: '', password: null, email: '', first_name: '', last_name: '', address: '', city: '', state: '',
    country: '', custom1: '', custom2: '', custom3: '', mobile_number: '', phone_number: '', active: true, reason: 0,
    token_auth: false, token_type: null, token_serial: '', ftm_act_method: null, ftk_only: false, expires_at: null,
    token_fas: false, change_password: false, recovery_by_question: false, recovery_question: '', recovery_answer: '',
  };
}

type StringKey = 'address' | 'city' | 'state' | 'custom1' | 'custom2' | 'custom3' | 'first_name' | 'last_name' | 'phone_number' | 'token_serial' | 'recovery_question' | 'recovery_answer';
type BoolKey = 'active' | 'token_auth' | 'ftk_only' | 'change_password' | 'recovery_by_question' | 'token_fas';

// 002 · Local users · Supported fields: max lengths.
const STRING_LIMITS: ReadonlyArray<[StringKey, number | undefined]> = [
  ['address', 80], ['city', 40], ['state', 40], ['custom1', 255], ['custom2', 255], ['custom3', 255],
  ['first_name', 30], ['last_name', 30], ['phone_number', 25],
  // No limits given for these (reading: none beyond the request size cap).
  ['token_serial', undefined], ['recovery_question', undefined], ['recovery_answer', undefined],
];
const BOOLEANS: readonly BoolKey[] = ['active', 'token_auth', 'ftk_only', 'change_password', 'recovery_by_question', 'token_fas'];

function nullableChoice<T extends string>(raw: unknown, choices: readonly T[]): Parsed<T | null> {
  if (raw === null || raw === '') return { value: null };
  return parseChoice(raw, choices);
}

/** Copy every provided writable field into `draft`, collecting per-field errors. */
function applyFields(draft: LocalUser, data: Record<string, unknown>, errors: FieldErrors, nowMs: number, variants: VariantFlags): void {
  const fail = (field: string, message: string): void => {
    (errors[field] ??= []).push(message);
  };

  // 002 · username: required, max 253, letters, digits and @ . + - _ only.
  if (has(data, 'username')) {
    const unchecked = variants.has('localusers-username-unchecked'); // variant: charset and length unchecked
    const r = parseString(data.username, unchecked ? undefined : 253);
    if ('error' in r) fail('username', r.error);
    else if (r.value === '') fail('username', REQUIRED);
    else if (!unchecked && !dropped.formats && !USERNAME_RE.test(r.value)) fail('username', USERNAME_MESSAGE); // variant: formats unchecked
    else draft.username = r.value;
  }
  // 002 · email: "Must be a valid e-mail address" (Django EmailField, max 254).
  if (has(data, 'email')) {
    const r = parseString(data.email, 254);
    if ('error' in r) fail('email', r.error);
    else if (r.value !== '' && !isValidEmail(r.value)) fail('email', 'Enter a valid email address.');
    else draft.email = r.value;
  }
  // 002 · country: "Must be a country code from ISO-3166 list" (empty = not set).
  if (has(data, 'country')) {
    const raw = data.country;
    if (raw === null || raw === '') draft.country = '';
    else if (typeof raw === 'string' && (ISO_3166_ALPHA2.has(raw) || variants.has('localusers-country-unchecked') || dropped.formats)) draft.country = raw; // variant
    else fail('country', `Select a valid choice. ${pyStr(raw)} is not one of the available choices.`);
  }
  // 002 · mobile_number: max 25, "+[country code]-[number]".
  if (has(data, 'mobile_number')) {
    const r = parseString(data.mobile_number, 25);
    if ('error' in r) fail('mobile_number', r.error);
    else if (r.value !== '' && !MOBILE_RE.test(r.value) && !variants.has('localusers-mobile-unchecked') && !dropped.formats) fail('mobile_number', MOBILE_MESSAGE); // variant
    else draft.mobile_number = r.value;
  }
  for (const [key, max] of STRING_LIMITS) {
    if (!has(data, key)) continue;
    const r = parseString(data[key], max);
    if ('error' in r) fail(key, r.error);
    else draft[key] = r.value;
  }
  applyBooleans(data, draft, BOOLEANS, fail);
  // 002 · reason: integer, one of 0..8, default 0.
  applyReason(data, draft, errors, !variants.has('localusers-reason-unchecked') && !dropped.enums); // variant
  // 002 · token_type: one of ftk, ftm, ftc, email, sms, dual.
  if (has(data, 'token_type')) {
    const r = nullableChoice(data.token_type, TOKEN_TYPES);
    if ('error' in r) fail('token_type', r.error);
    else draft.token_type = r.value;
  }
  // 002 · ftm_act_method: one of email or sms.
  if (has(data, 'ftm_act_method')) {
    const r = nullableChoice(data.ftm_act_method, FTM_ACT_METHODS);
    if ('error' in r) fail('ftm_act_method', r.error);
    else draft.ftm_act_method = r.value;
  }
  // 002 · expires_at: ISO-8601 (no zone = UTC), "" removes it, "at least an hour in the future".
  if (has(data, 'expires_at')) {
    const raw = data.expires_at;
    if (raw === null || raw === '') draft.expires_at = null;
    else {
      const t = typeof raw === 'string' ? parseIsoDateTime(raw) : null;
      if (t === null) fail('expires_at', 'Enter a valid date/time.');
      else if (t < nowMs + HOUR_MS && !variants.has('localusers-expires-at-past-accepted')) fail('expires_at', // variant
        'Expiration time must be at least an hour in the future.');
      else draft.expires_at = t;
    }
  }
}

/** Cross-field rules of 002 · Local users · Supported fields (token_auth, token_type, ftm_act_method, ftk_only). */
function crossCheck(draft: LocalUser, before: LocalUser | null, data: Record<string, unknown>, errors: FieldErrors, variants: VariantFlags): void {
  const fail = (field: string, message: string): void => {
    if (!errors[field]) errors[field] = [message];
  };
  if (draft.token_auth) {
    // "Whether second factor authentication should be enabled. If 'true', token_type is required."
    if (draft.token_type === null && !variants.has('localusers-token-type-optional')) fail('token_type', 'This field is required when token_auth is true.'); // variant
    const contactUnchecked = variants.has('localusers-token-contact-unchecked'); // variant
    // "If email is chosen, email is required. If sms is chosen, mobile_number is required. Both are
    // required if dual is selected."
    if ((draft.token_type === 'email' || draft.token_type === 'dual') && draft.email === '' && !contactUnchecked)
      fail('email', 'This field is required when token_type is email or dual.');
    if ((draft.token_type === 'sms' || draft.token_type === 'dual') && draft.mobile_number === '' && !contactUnchecked)
      fail('mobile_number', 'This field is required when token_type is sms or dual.');
    // ftm_act_method: "If email is chosen, email is required. If sms is chosen, mobile_number is required."
    const actUnchecked = variants.has('localusers-ftm-act-method-contact-unchecked'); // variant
    if (draft.token_type === 'ftm' && draft.ftm_act_method === 'email' && draft.email === '' && !actUnchecked)
      fail('email', 'This field is required when ftm_act_method is email.');
    if (draft.token_type === 'ftm' && draft.ftm_act_method === 'sms' && draft.mobile_number === '' && !actUnchecked)
      fail('mobile_number', 'This field is required when ftm_act_method is sms.');
  }
  // ftk_only: "If set, token_auth must be true, and token_type must be either ftk or ftm. [...]
  // Mutually exclusive with password."
  if (draft.ftk_only && !variants.has('localusers-ftk-only-unchecked')) { // variant
    if (!draft.token_auth || (draft.token_type !== 'ftk' && draft.token_type !== 'ftm'))
      fail('ftk_only', 'FortiToken-only authentication requires token_auth true and token_type ftk or ftm.');
    if (before === null && has(data, 'password') && data.password !== '' && data.password !== null)
      fail('password', 'A password cannot be set when ftk_only is true.');
  }
  // ftk_only: "If this field is changed to false, email must be set to reset user's password".
  if (before?.ftk_only && !draft.ftk_only && draft.email === '' && !variants.has('localusers-ftk-only-off-email-optional')) // variant
    fail('email', 'This field is required when ftk_only is changed to false.');
  // recovery_question / recovery_answer: "Required if recovery_by_question is true."
  if (draft.recovery_by_question && !variants.has('localusers-recovery-pair-unchecked')) { // variant
    if (draft.recovery_question === '') fail('recovery_question', 'This field is required when recovery_by_question is true.');
    if (draft.recovery_answer === '') fail('recovery_answer', 'This field is required when recovery_by_question is true.');
  }
}

export function localusersResource(ctx: ModelContext): ResourceDecl {
  const { store } = ctx;

  /** Token bookkeeping once fields are valid: clears a disabled token, checks/assigns the serial. */
  function settleToken(draft: LocalUser, before: LocalUser | null, data: Record<string, unknown>): string | null {
    // Reading: token_auth false releases the token (the guide's objects with token_auth false show
    // token_type null and token_serial "").
    if (!draft.token_auth) {
      draft.token_type = null;
      draft.token_serial = '';
      draft.ftm_act_method = null;
      return null;
    }
    if (draft.token_type !== 'ftk' && draft.token_type !== 'ftm') {
      draft.token_serial = '';
      return null;
    }
    const given = has(data, 'token_serial') && draft.token_serial !== '';
    if (given) {
      // facts · FAC error body seen live: {"error": "This serial number is not available for use."}
      const owner = store.serialOwner(draft.token_serial);
      if (owner !== undefined && owner !== draft.id) return 'This serial number is not available for use.';
      // ... nor one an LDAP or RADIUS user holds (emulator/fac/models/remoteusers.ts).
      if (store.remoteSerials.has(draft.token_serial)) return 'This serial number is not available for use.';
      return null;
    }
    // 002 · token_serial: "If token_type is ftm, or ftk, and this is not present or blank, the next
    // available token will be assigned."
    // variant localusers-next-token-not-assigned: the user keeps no token (serial blank).
    if ((draft.token_serial === '' || before === null || before.token_type !== draft.token_type) && !ctx.variants.has('localusers-next-token-not-assigned'))
      draft.token_serial = store.nextSerial(draft.token_type);
    return null;
  }

  // 002 · Third-party integration: FTM provisioning — the user whose FTM the last create/patch
  // provisioned, for writeAnswer (called by the wire layer right after that write).
  let provisioned: LocalUser | null = null;

  function create(data: Record<string, unknown>): Outcome<LocalUser> {
    provisioned = null;
    const draft = blankUser(0);
    const errors: FieldErrors = {};
    applyFields(draft, data, errors, ctx.now().getTime(), ctx.variants);
    // Create-only field (002 · "Additionally, when creating a new user"): password, max 50.
    if (has(data, 'password') && data.password !== null && data.password !== '') {
      const r = parseString(data.password, 50);
      if ('error' in r) errors.password = [r.error];
      else draft.password = r.value;
    }
    if (!has(data, 'username') || data.username === null) errors.username ??= [REQUIRED];
    // 002 · POST notes: "If password is not specified, email field becomes required". Reading:
    // FortiToken-only users (ftk_only, "mutually exclusive with password") are exempt.
    if (draft.password === null && draft.email === '' && !draft.ftk_only && !errors.email && !ctx.variants.has('localusers-password-or-email-unchecked')) // variant
      errors.email = ['This field is required when no password is given.'];
    crossCheck(draft, null, data, errors, ctx.variants);
    if (!errors.username && draft.username !== '' && store.usernameTaken(draft.username))
      errors.username = ['A user with that username already exists.'];
    if (Object.keys(errors).length > 0) return invalid(errors);
    const serialError = settleToken(draft, null, data);
    if (serialError) return badRequest(serialError);
    const user = store.addUser((id) => ({ ...draft, id }));
    if (ftmProvisioned(null, user)) provisioned = user;
    return ok(user);
  }

  function patch(id: number, data: Record<string, unknown>): Outcome<LocalUser> {
    provisioned = null;
    const user = store.users.get(id);
    if (!user) return notFound();
    const draft: LocalUser = { ...user };
    const errors: FieldErrors = {};
    // password is a create-only field (002): reading = ignored on PATCH, like any unknown key.
    applyFields(draft, data, errors, ctx.now().getTime(), ctx.variants);
    if (has(data, 'username') && data.username === null) errors.username ??= [REQUIRED];
    crossCheck(draft, user, data, errors, ctx.variants);
    if (!errors.username && store.usernameTaken(draft.username, id))
      errors.username = ['A user with that username already exists.'];
    if (Object.keys(errors).length > 0) return invalid(errors);
    const serialError = settleToken(draft, user, data);
    if (serialError) return badRequest(serialError);
    // 002 · ftk_only: changed to false, "email must be set to reset user's password and send a new
    // random password": the emulator sets one (its e-mail goes nowhere).
    if (user.ftk_only && !draft.ftk_only) draft.password = randomBytes(12).toString('base64url');
    const before = { ...user };
    store.updateUser(user, draft);
    if (ftmProvisioned(before, user)) provisioned = user;
    return ok(user);
  }

  /** 002 · "Seed may only be returned when creating a new local user via POST method and when
   * provisioning an FTM to an existing user via PATCH method", with ?returnseed=1. The answer is then
   * the user object plus activation_code and seed (POST: 201 + Location; PATCH: 202). */
  function writeAnswer(u: LocalUser, query: View['query']): Record<string, Json> | undefined {
    const wanted = provisioned === u && wantsSeed(query);
    provisioned = null;
    if (!wanted) return undefined;
    const extra = seedFields(store, u.token_serial, ctx.variants);
    return extra ? { ...dehydrate(u, { query, forList: false }), ...extra } : undefined;
  }

  function dehydrate(u: LocalUser, view: View): Record<string, Json> {
    const o: Record<string, Json> = {
      active: u.active,
      address: u.address,
      change_password: u.change_password,
      city: u.city,
      country: u.country,
      custom1: u.custom1,
      custom2: u.custom2,
      custom3: u.custom3,
      email: u.email,
      expires_at: u.expires_at === null ? null : formatIsoDateTime(u.expires_at),
      first_name: u.first_name,
      ftk_only: u.ftk_only,
      ftm_act_method: u.ftm_act_method,
      id: u.id,
      last_name: u.last_name,
      mobile_number: u.mobile_number,
      phone_number: u.phone_number,
      reason: u.reason,
      recovery_by_question: u.recovery_by_question,
      resource_uri: detailUri(LOCALUSERS, u.id),
      state: u.state,
      token_auth: u.token_auth,
      token_fas: u.token_fas,
      token_serial: u.token_serial,
      token_type: u.token_type,
      // variant localusers-user-groups-empty: 002 · user_groups "Local user groups that this user is a member of".
      user_groups: ctx.variants.has('localusers-user-groups-empty') ? [] : store.groupsOfUser(u.id).map((g) => detailUri('usergroups', g)),
      username: u.username,
    };
    if (view.forList && ctx.variants.has('localusers-list-drops-username')) delete o.username; // variant
    const abridged = view.query.get('abridged');
    if ((abridged === '1' || abridged === 'true' || abridged === 'True') && !ctx.variants.has('localusers-abridged-ignored')) { // variant
      for (const k of Object.keys(o)) if (!ABRIDGED.has(k)) delete o[k];
    }
    return o;
  }

  function value(u: LocalUser, field: string): Scalar {
    switch (field) {
      case 'expires_at':
        return u.expires_at === null ? null : formatIsoDateTime(u.expires_at);
      case 'resource_uri':
        return detailUri(LOCALUSERS, u.id);
      case 'user_groups':
      case 'password':
      case 'recovery_question':
      case 'recovery_answer':
        return null;
      default: {
        const v = (u as unknown as Record<string, unknown>)[field];
        return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
      }
    }
  }

  return {
    name: LOCALUSERS,
    // 002 · Local users · Allowed methods: GET list/detail, POST list, PATCH/DELETE detail.
    listMethods: ['GET', 'POST'],
    detailMethods: ['GET', 'PATCH', 'DELETE'],
    auth: 'basic', // 003 · localusers: Webservice Basic Authentication
    permission: { set: 'Users and Devices', code: 'Can view / change local user' }, // 003 · localusers
    fields: FIELDS,
    filtering: FILTERING,
    ordering: ORDERING,
    // facts · seen on FAC 8.0.x: POST /localusers/ answers 207 with a list body; the guide's 6.3.1 answers 201.
    multiStatusCreate: releaseAtLeast(ctx.version, '8.0'),
    collection: {
      stableRows: true, // dehydrate reads the user and its memberships only
      // "Note that admin users are not returned by the localusers query": admins live outside this table.
      // variant localusers-lists-admins: the administrator (id 1) shown first, as a local user.
      all: () => (ctx.variants.has('localusers-lists-admins') ? [{ ...blankUser(1), username: store.admin.username }, ...store.users.all()] : store.users.all()),
      get: (id) => store.users.get(id),
      id: (u: LocalUser) => u.id,
      value,
      dehydrate,
      create,
      patch,
      remove: (id) => {
        deleteAttributesOf(ctx, id);
        return store.deleteUser(id);
      },
      writeAnswer,
    },
    // 002 · Local users · Allowed methods: POST /localusers/[id]/sendoobtoken/ and
    // POST /localusers/[id]/verifyrecoveryanswer/ (emulator/fac/models/tokens.ts).
    detailActions: {
      sendoobtoken: { methods: ['POST'], run: (_req, id) => sendOobToken(id === null ? undefined : store.users.get(id)) },
      verifyrecoveryanswer: {
        methods: ['POST'],
        run: (req, id) => verifyRecoveryAnswer(id === null ? undefined : store.users.get(id), req.data, ctx.variants),
      },
    },
    // 002 · Add RADIUS attributes to local users: /localusers/[id]/radiusattributes/.
    children: { radiusattributes: radiusAttributesChild(ctx, (id) => store.users.get(id) !== undefined) },
  };
}
