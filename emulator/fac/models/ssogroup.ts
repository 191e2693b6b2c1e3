// /api/v1/ssogroup/ — model and declaration.
// Source: 002 · SSO/Remote groups (/ssogroup/) (Supported fields, Allowed methods, Allowed filters, the
// list/create/delete examples) and 003 · Authorization and Permissions (Webservice Basic; SSO Settings,
// "Can view / change SSO group").

import type { FieldSpec, Json, Lookup, ModelContext, Outcome, ResourceDecl } from './types.ts';
import { detailUri, fieldValues, invalid, ok, tableCollection } from './types.ts';
import type { Row, Store, Table } from './store.ts';
import { REQUIRED, parseString } from './validate.ts';

export const SSOGROUP = 'ssogroup';

export interface SsoGroup extends Row {
  name: string;
}

export const ssoGroups = (store: Store): Table<SsoGroup> => store.table<SsoGroup>(SSOGROUP);

// 002 · View SSO group configuration: objects carry id, name and resource_uri.
const FIELDS: Record<string, FieldSpec> = {
  id: { type: 'integer', help: 'Integer data. Ex: 2673', unique: true },
  name: { type: 'string', help: 'Name, max length 50', unique: true },
  resource_uri: { type: 'string', help: 'Unicode string data. Ex: "Hello World"', readonly: true },
};

// 002 · Allowed filters: name exact, in.
const FILTERING: Record<string, readonly Lookup[]> = { name: ['exact', 'in'] };
// Not documented per resource: reading = id and name (as /usergroups/).
const ORDERING = ['id', 'name'];

// Reading: the message follows FAC's own duplicate-name text for user groups (002 · "A user group with
// that name already exists.").
export const SSOGROUP_NAME_TAKEN = 'An SSO group with that name already exists.';

export function seedSsoGroups(store: Store): void {
  // 002 · View SSO group configuration: {"id": 1, "name": "Test Group1"}.
  ssoGroups(store).insert((id) => ({ id, name: 'Test Group1' }));
}

export function ssogroupResource(ctx: ModelContext): ResourceDecl {
  const { store } = ctx;
  const table = ssoGroups(store);

  const nameTaken = (name: string): boolean => {
    for (const g of table.values()) if (g.name === name) return true;
    return false;
  };

  /** name: required, max length 50, unique (002 · Supported fields). */
  function checkName(data: Record<string, unknown>): Outcome<string> {
    const raw = data.name;
    if (raw === undefined || raw === null) return invalid({ name: [REQUIRED] });
    const r = parseString(raw, ctx.variants.has('ssogroup-name-length-unchecked') ? undefined : 50); // variant: "max length=50"
    if ('error' in r) return invalid({ name: [r.error] });
    if (r.value === '') return invalid({ name: [REQUIRED] });
    if (!ctx.variants.has('ssogroup-name-not-unique') && nameTaken(r.value)) return invalid({ name: [SSOGROUP_NAME_TAKEN] }); // variant
    return ok(r.value);
  }

  function create(data: Record<string, unknown>): Outcome<SsoGroup> {
    const name = checkName(data);
    if (!name.ok) return name;
    return ok(table.insert((id) => ({ id, name: name.value })));
  }

  // A deleted group drops out of the FortiGate filters' sso_groups by itself: they show only groups
  // that still exist, and ids are never reused (emulator/fac/models/fgtgroupfilter.ts).
  const remove = (id: number): boolean => table.delete(id);

  // 002 · Allowed methods: "DELETE /api/v1/ssogroup/ — Delete all SSO groups".
  function removeAll(): void {
    for (const id of table.all().map((g) => g.id)) table.delete(id);
  }

  const dehydrate = (g: SsoGroup): Record<string, Json> => ({ id: g.id, name: g.name, resource_uri: detailUri(SSOGROUP, g.id) });

  const value = fieldValues<SsoGroup>({ id: (g) => g.id, name: (g) => g.name, resource_uri: (g) => detailUri(SSOGROUP, g.id) });

  return {
    name: SSOGROUP,
    // 002 · Allowed methods: GET/POST/DELETE on the list, GET/DELETE on a detail URL.
    listMethods: ['GET', 'POST', 'DELETE'],
    detailMethods: ['GET', 'DELETE'],
    auth: 'basic', // 003 · ssogroup: Webservice Basic Authentication
    permission: { set: 'SSO Settings', code: 'Can view / change SSO group' }, // 003 · ssogroup
    fields: FIELDS,
    filtering: FILTERING,
    ordering: ORDERING,
    collection: tableCollection(table, {
      value,
      dehydrate,
      create,
      remove,
      removeAll,
    }),
  };
}
