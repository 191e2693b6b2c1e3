// /api/v1/iamaccounts/ and /api/v1/iamusers/ — models and declarations.
// Source: 002 · IAM accounts (/iamaccounts/) and IAM users (/iamusers/) (Supported fields, Allowed
// methods, Allowed filters; no examples) and 002 · What's new 6.3.0. Neither is in the 003
// Authorization and Permissions table: reading = Webservice Basic Authentication and no permission
// code (`permission` absent = "None").

import type { FieldErrors, FieldSpec, ModelContext, Outcome, ResourceDecl } from './types.ts';
import type { Row, Store, Table } from './store.ts';
import { REQUIRED, parseInteger } from './validate.ts';
import { applyForm, crudCollection, fail, findDuplicate, has, settle, uniqueMessage, type Form, type Mode } from './forms.ts';

export const IAMACCOUNTS = 'iamaccounts';
export const IAMUSERS = 'iamusers';

export interface IamAccount extends Row {
  name: string;
  alias: string;
}
export interface IamUser extends Row {
  username: string;
  account: number;
  is_admin: boolean;
  localuser: number | null;
  ldapuser: number | null;
}

export const iamAccounts = (store: Store): Table<IamAccount> => store.table<IamAccount>(IAMACCOUNTS);
export const iamUsers = (store: Store): Table<IamUser> => store.table<IamUser>(IAMUSERS);

const ID: FieldSpec = { type: 'integer', help: 'Integer data. Ex: 2673', unique: true };
const URI: FieldSpec = { type: 'string', help: 'Unicode string data. Ex: "Hello World"', readonly: true };
/** Django ModelChoiceField's message for an id that names no object. */
export const INVALID_CHOICE = 'Select a valid choice. That choice is not one of the available choices.';

// ---- /iamaccounts/ -----------------------------------------------------------------------------

export function iamaccountsResource(ctx: ModelContext): ResourceDecl {
  const { store } = ctx;
  const table = iamAccounts(store);
  const users = iamUsers(store);
  // 002 · Supported fields: name (required, unique), alias (required, unique). No max lengths are
  // given: reading = none beyond the request size cap.
  const FORM: Form = { name: { kind: 'string', required: true }, alias: { kind: 'string', required: true } };

  function build(data: Record<string, unknown>, before: IamAccount | null, mode: Mode, id: number | null): Outcome<IamAccount> {
    const draft: IamAccount = before ? { ...before } : { id: 0, name: '', alias: '' };
    const errors: FieldErrors = {};
    applyForm(FORM, data, draft as unknown as Record<string, unknown>, mode, errors);
    // Variant iam-account-duplicates-accepted: the documented uniqueness of name and alias is not enforced.
    const checkUnique = !ctx.variants.has('iam-account-duplicates-accepted');
    if (checkUnique && !errors.name && findDuplicate(table.values(), 'name', draft.name, id)) fail(errors, 'name', uniqueMessage('IAM account', 'Name'));
    if (checkUnique && !errors.alias && findDuplicate(table.values(), 'alias', draft.alias, id)) fail(errors, 'alias', uniqueMessage('IAM account', 'Alias'));
    return settle(draft, errors);
  }

  return {
    name: IAMACCOUNTS,
    // 002 · Allowed methods: GET list/detail, POST, PATCH detail, DELETE detail.
    listMethods: ['GET', 'POST'],
    detailMethods: ['GET', 'PATCH', 'DELETE'],
    auth: 'basic',
    fields: {
      alias: { type: 'string', help: 'Alias (unique)', unique: true },
      id: ID,
      name: { type: 'string', help: 'Name (unique)', unique: true },
      resource_uri: URI,
    },
    // 002 · Allowed filters: id exact, in; name exact; alias exact.
    filtering: { id: ['exact', 'in'], name: ['exact'], alias: ['exact'] },
    ordering: ['id', 'name', 'alias'],
    collection: crudCollection<IamAccount>({
      name: IAMACCOUNTS,
      table,
      show: (a) => ({ alias: a.alias, id: a.id, name: a.name }),
      build,
      // Django FK on_delete CASCADE: an account's IAM users go with it.
      beforeRemove: (a) => {
        for (const u of [...users.values()]) if (u.account === a.id) users.delete(u.id);
      },
      writable: { create: true, patch: true, remove: true },
    }),
  };
}

// ---- /iamusers/ --------------------------------------------------------------------------------

/** 002 · account / localuser / ldapuser: "Interger/String" ids — a JSON integer or a string of digits. */
function parseId(raw: unknown): { value: number | null } | { error: string } {
  if (raw === null || raw === '') return { value: null };
  const r = parseInteger(raw);
  return 'error' in r ? r : { value: r.value };
}

export function iamusersResource(ctx: ModelContext): ResourceDecl {
  const { store } = ctx;
  const table = iamUsers(store);
  const accounts = iamAccounts(store);
  // No /ldapusers/ model keeps remote LDAP users in this store yet: an ldapuser id is looked up in the
  // store table of that name (empty until such a model fills it), so every ldapuser id is refused now.
  const ldapUserExists = (id: number): boolean => store.table<Row>('ldapusers').get(id) !== undefined;

  // 002 · username: required, "Unique within its IAM account"; is_admin: "true or false" (reading:
  // default false, the column says not required).
  const FORM: Form = { username: { kind: 'string', required: true }, is_admin: { kind: 'boolean', default: false } };

  function build(data: Record<string, unknown>, before: IamUser | null, mode: Mode, id: number | null): Outcome<IamUser> {
    const draft: IamUser = before ? { ...before } : { id: 0, username: '', account: 0, is_admin: false, localuser: null, ldapuser: null };
    const errors: FieldErrors = {};
    applyForm(FORM, data, draft as unknown as Record<string, unknown>, mode, errors);

    // 002 · account: required, "Must be IAM account ID."
    if (has(data, 'account')) {
      const r = parseId(data.account);
      if ('error' in r) fail(errors, 'account', r.error);
      else if (r.value === null) fail(errors, 'account', REQUIRED);
      else if (!accounts.get(r.value)) fail(errors, 'account', INVALID_CHOICE);
      else draft.account = r.value;
    } else if (mode === 'full') fail(errors, 'account', REQUIRED);

    // 002 · localuser: "Must be local user id and must be null if ldapuser is set."
    //       ldapuser: "Must be remote LDAP user id and must be null if localuser is set."
    const refs = [
      ['localuser', (n: number) => store.users.get(n) !== undefined],
      ['ldapuser', ldapUserExists],
    ] as const;
    for (const [key, exists] of refs) {
      if (!has(data, key)) continue;
      const r = parseId(data[key]);
      if ('error' in r) fail(errors, key, r.error);
      else if (r.value !== null && !exists(r.value)) fail(errors, key, INVALID_CHOICE);
      else draft[key] = r.value;
    }
    // Both are "Required: Yes" yet mutually exclusive. Reading: exactly one of them is set. The
    // messages are ours.
    if (!errors.localuser && !errors.ldapuser) {
      // variant iam-localuser-and-ldapuser-accepted: "must be null if ldapuser is set" not enforced.
      if (draft.localuser !== null && draft.ldapuser !== null && !ctx.variants.has('iam-localuser-and-ldapuser-accepted')) {
        fail(errors, 'localuser', 'Must be null if ldapuser is set.');
        fail(errors, 'ldapuser', 'Must be null if localuser is set.');
      } else if (draft.localuser === null && draft.ldapuser === null) fail(errors, 'localuser', 'Either localuser or ldapuser is required.');
    }
    // "Unique within its IAM account" (Django unique_together message).
    if (!errors.username && !errors.account)
      for (const u of table.values())
        if (u.id !== id && u.account === draft.account && u.username === draft.username) {
          fail(errors, '__all__', 'IAM user with this Username and Account already exists.');
          break;
        }
    return settle(draft, errors);
  }

  return {
    name: IAMUSERS,
    // 002 · Allowed methods: GET list/detail, POST, PATCH detail, DELETE detail.
    listMethods: ['GET', 'POST'],
    detailMethods: ['GET', 'PATCH', 'DELETE'],
    auth: 'basic',
    fields: {
      account: { type: 'integer', help: 'IAM account ID' },
      id: ID,
      is_admin: { type: 'boolean', help: 'true or false', default: false },
      ldapuser: { type: 'integer', help: 'Remote LDAP user id (null if localuser is set)', nullable: true, default: null },
      localuser: { type: 'integer', help: 'Local user id (null if ldapuser is set)', nullable: true, default: null },
      resource_uri: URI,
      username: { type: 'string', help: 'Username, unique within its IAM account' },
    },
    // 002 · Allowed filters: id exact, in; username, account, localuser, ldapuser exact (ids).
    filtering: { id: ['exact', 'in'], username: ['exact'], account: ['exact'], localuser: ['exact'], ldapuser: ['exact'] },
    ordering: ['id', 'username', 'account', 'localuser', 'ldapuser'],
    collection: crudCollection<IamUser>({
      name: IAMUSERS,
      table,
      // Reading: the ids are shown as integers, as they are written and filtered ("Account ID").
      show: (u) => ({
        account: u.account, id: u.id, is_admin: u.is_admin, ldapuser: u.ldapuser, localuser: u.localuser, username: u.username,
      }),
      build,
      // Django FK on_delete CASCADE from the local user table, applied lazily (the local user model
      // is not this file's): an IAM user whose local user is gone is gone too.
      purge: () => {
        for (const u of [...table.values()]) if (u.localuser !== null && !store.users.get(u.localuser)) table.delete(u.id);
      },
      writable: { create: true, patch: true, remove: true },
    }),
  };
}
