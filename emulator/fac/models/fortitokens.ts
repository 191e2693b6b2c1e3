// /api/v1/fortitokens/ — model and declaration.
// Source: 002 · FortiTokens (/fortitokens/) (Supported fields, Allowed methods, Allowed filters and the
// two list examples) and 003 · Authorization and Permissions (Webservice Basic; Users and Devices,
// "Can view / change FortiToken").

import type { FieldSpec, Json, Lookup, ModelContext, ResourceDecl } from './types.ts';
import { detailUri, fieldValues, tableCollection } from './types.ts';
import type { Row, Store, Table } from './store.ts';

export const FORTITOKENS = 'fortitokens';

export type TokenKind = 'ftk' | 'ftm';
/** 002 · status: "One of new, available, pending, assigned". */
export type TokenStatus = 'new' | 'available' | 'pending' | 'assigned';

export interface FortiToken extends Row {
  serial: string;
  type: TokenKind;
  /** Status as stored; a token some user holds shows "assigned" whatever is stored (tokenStatus). */
  status: TokenStatus;
  locked: boolean;
  license: string;
}

// Default order: id ascending (002 · the list example shows ids 1, 2).
export const fortiTokens = (store: Store): Table<FortiToken> => store.table<FortiToken>(FORTITOKENS);

/** A token a local, LDAP or RADIUS user holds is "assigned" (the users' token_serial). */
export function tokenStatus(store: Store, t: FortiToken): TokenStatus {
  if (store.serialOwner(t.serial) !== undefined || store.remoteSerials.has(t.serial)) return 'assigned';
  return t.status;
}

/** 002 · View all tokens / View subset of tokens: FTKMOB44142CCBF3 (id 1) and FTKMOB4471BB94D1 (id 2),
 * both available FTM tokens, so `type=ftm&status=available&limit=1` gives one object and a next link.
 * Reading: a few hardware tokens and other states beside them, so filters have something to exclude. */
export function seedFortiTokens(store: Store): void {
  const t = fortiTokens(store);
  const rows: Array<Omit<FortiToken, 'id'>> = [
    { serial: 'FTKMOB44142CCBF3', type: 'ftm', status: 'available', locked: false, license: 'FTMTRIALNOREGIST' },
    { serial: 'FTKMOB4471BB94D1', type: 'ftm', status: 'available', locked: false, license: 'FTMTRIALNOREGIST' },
    { serial: 'FTKMOB4A0C3E55D2', type: 'ftm', status: 'pending', locked: false, license: 'FTMTRIALNOREGIST' },
    { serial: 'FTK2000BD9F1A6E7', type: 'ftk', status: 'available', locked: false, license: '' },
    { serial: 'FTK2000BD9F1A6E8', type: 'ftk', status: 'new', locked: false, license: '' },
    { serial: 'FTK2000BD9F1A6E9', type: 'ftk', status: 'available', locked: true, license: '' },
  ];
  for (const r of rows) t.insert((id) => ({ id, ...r }));
}

// 002 · Supported fields: serial, type, status, locked, license; the examples' objects also carry
// resource_uri and no id (reading: id is not a field of this resource).
const FIELDS: Record<string, FieldSpec> = {
  license: { type: 'string', help: 'The license under which the FortiToken was activated', readonly: true },
  locked: { type: 'boolean', help: 'Locked: true or false', readonly: true },
  resource_uri: { type: 'string', help: 'Unicode string data. Ex: "Hello World"', readonly: true },
  serial: { type: 'string', help: 'Serial number', readonly: true },
  status: { type: 'string', help: 'One of new, available, pending, assigned', readonly: true },
  type: { type: 'string', help: 'Either ftk or ftm', readonly: true },
};

// 002 · Allowed filters: serial exact, iexact; type (ftk, ftm), status (new, available, pending,
// assigned) and license (a string) list values, no lookups: reading "exact".
const FILTERING: Record<string, readonly Lookup[]> = {
  serial: ['exact', 'iexact'],
  type: ['exact'],
  status: ['exact'],
  license: ['exact'],
};
const ORDERING = ['serial', 'type', 'status']; // not documented: reading

export function fortitokensResource(ctx: ModelContext): ResourceDecl {
  const { store } = ctx;
  const table = fortiTokens(store);

  const dehydrate = (t: FortiToken): Record<string, Json> => ({
    license: t.license,
    locked: t.locked,
    resource_uri: detailUri(FORTITOKENS, t.id),
    serial: t.serial,
    status: tokenStatus(store, t),
    type: t.type,
  });

  const value = fieldValues<FortiToken>({
    serial: (t) => t.serial,
    type: (t) => t.type,
    status: (t) => tokenStatus(store, t),
    locked: (t) => t.locked,
    license: (t) => t.license,
    resource_uri: (t) => detailUri(FORTITOKENS, t.id),
  });

  // 002 · "DELETE /api/v1/fortitokens/[id] — Delete one FortiToken" (204). The guide sets no condition
  // (reading: an assigned token can be deleted too; the user keeps its token_serial text).
  const remove = (id: number): boolean => table.delete(id);

  return {
    name: FORTITOKENS,
    // 002 · Allowed methods: GET on the list, DELETE on a detail URL (no detail GET documented).
    listMethods: ['GET'],
    detailMethods: ['DELETE'],
    auth: 'basic', // 003 · fortitokens: Webservice Basic Authentication
    permission: { set: 'Users and Devices', code: 'Can view / change FortiToken' }, // 003 · fortitokens
    fields: FIELDS,
    filtering: FILTERING,
    ordering: ORDERING,
    collection: tableCollection(table, {
      value,
      dehydrate,
      remove,
    }),
  };
}
