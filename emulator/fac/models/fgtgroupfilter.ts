// /api/v1/fgtgroupfilter/ and its nested /api/v1/fgtgroupfilter/[id]/ssofilterobjects/ — models and
// declarations.
// Source: 002 · FortiGate group filter (/fgtgroupfilter/) (Supported fields, Allowed methods, Allowed
// filters, the list and PUT examples, "POST is not an allowed method so FGTGroup filters cannot be
// created via the API"), 002 · SSO filtering objects (/fgtgroupfilter/[id]/ssofilterobjects/) and
// 003 · Authorization and Permissions (Webservice Basic; SSO Settings, "Can view / change FortiGate
// filter").

import type { ChildResource, Collection, FieldErrors, FieldSpec, Json, Lookup, ModelContext, Outcome, ResourceDecl } from './types.ts';
import { API_PREFIX, detailUri, fieldValues, invalid, notFound, ok, tableCollection } from './types.ts';
import type { Row, Store, Table } from './store.ts';
import { REQUIRED, parseString } from './validate.ts';
import { resolveToMany } from './uris.ts';
import { SSOGROUP, ssoGroups } from './ssogroup.ts';
import { has } from './forms.ts';

export const FGTGROUPFILTER = 'fgtgroupfilter';
export const SSOFILTEROBJECTS = 'ssofilterobjects';

export interface FgtGroupFilter extends Row {
  shortname: string;
  nasname: string;
  /** SSO group ids, in the order given. */
  ssoGroups: number[];
}

export interface SsoFilterObject extends Row {
  filter: number;
  name: string;
  obj_type: string;
}

const filters = (store: Store): Table<FgtGroupFilter> => store.table<FgtGroupFilter>(FGTGROUPFILTER);
const filterObjects = (store: Store): Table<SsoFilterObject> => store.table<SsoFilterObject>(SSOFILTEROBJECTS);

/** FortiGate filters exist only when made in the GUI (002): the emulator seeds the guide's example. */
export function seedFgtGroupFilters(store: Store): void {
  // 002 · View FortiGate group filter configuration: id 1, "GroupFilter Test1", nasname "1.1.1.1".
  filters(store).insert((id) => ({ id, shortname: 'GroupFilter Test1', nasname: '1.1.1.1', ssoGroups: [] }));
}

// 002 · the list example's object: address, id, name, nasname, resource_uri, shortname, sso_groups.
// Reading: "name" and "address" mirror shortname and nasname (same values in the example; the
// Supported fields table lists only shortname and nasname) and are read only.
const FIELDS: Record<string, FieldSpec> = {
  address: { type: 'string', help: 'NAS name/IP (read only, same as nasname)', readonly: true },
  id: { type: 'integer', help: 'Integer data. Ex: 2673', unique: true },
  name: { type: 'string', help: 'Name (read only, same as shortname)', readonly: true },
  nasname: { type: 'string', help: 'NAS name/IP, max length 128', unique: true },
  resource_uri: { type: 'string', help: 'Unicode string data. Ex: "Hello World"', readonly: true },
  shortname: { type: 'string', help: 'Name, max length 32', unique: true },
  sso_groups: {
    type: 'related', help: 'SSO groups (URIs)', blank: true, default: [],
    related: { to: SSOGROUP, kind: 'to_many' },
  },
};

// 002 · Allowed filters: shortname exact, iexact, contains, icontains, in.
const FILTERING: Record<string, readonly Lookup[]> = { shortname: ['exact', 'iexact', 'contains', 'icontains', 'in'] };
const ORDERING = ['id', 'shortname']; // not documented: reading

export function fgtgroupfilterResource(ctx: ModelContext): ResourceDecl {
  const { store } = ctx;
  const table = filters(store);
  const groups = ssoGroups(store);

  function unique(field: 'shortname' | 'nasname', v: string, exceptId: number): boolean {
    for (const f of table.values()) if (f.id !== exceptId && f[field] === v) return false;
    return true;
  }

  function requiredString(data: Record<string, unknown>, field: 'shortname' | 'nasname', max: number, id: number, errors: FieldErrors): string {
    if (!has(data, field) || data[field] === null) {
      errors[field] = [REQUIRED];
      return '';
    }
    const r = parseString(data[field], max);
    if ('error' in r) errors[field] = [r.error];
    else if (r.value === '') errors[field] = [REQUIRED];
    // Reading: FAC's own duplicate-name wording (002 · user groups: "A user group with that name
    // already exists.").
    else if (!unique(field, r.value, id))
      errors[field] = [`A FortiGate filter with that ${field === 'shortname' ? 'name' : 'NAS name/IP'} already exists.`];
    return 'error' in r ? '' : r.value;
  }

  // 002 · Modify FortiGate group filter configuration: PUT {"shortname", "nasname", "sso_groups"} → 204.
  // tastypie put_detail would create a missing object; the guide says filters cannot be created through
  // the API, so reading: PUT on an unknown id → 404. Omitted sso_groups → none (a full replacement).
  function replace(id: number, data: Record<string, unknown>): Outcome<{ obj: FgtGroupFilter; created: boolean }> {
    const f = table.get(id);
    if (!f) return notFound();
    const errors: FieldErrors = {};
    const shortname = requiredString(data, 'shortname', 32, id, errors);
    const nasname = requiredString(data, 'nasname', 128, id, errors);
    if (Object.keys(errors).length > 0) return invalid(errors);
    const sso = has(data, 'sso_groups') ? resolveToMany(data.sso_groups, 'sso_groups', SSOGROUP, (g) => groups.get(g) !== undefined) : ok<number[]>([]);
    if (!sso.ok) return sso;
    f.shortname = shortname;
    f.nasname = nasname;
    f.ssoGroups = sso.value;
    return ok({ obj: f, created: false });
  }

  // variant fgtgroupfilter-post-accepted: "POST is not an allowed method so FGTGroup filters cannot be
  // created via the API" (002 · FortiGate group filter) — here POST creates one.
  function create(data: Record<string, unknown>): Outcome<FgtGroupFilter> {
    const errors: FieldErrors = {};
    const shortname = requiredString(data, 'shortname', 32, 0, errors);
    const nasname = requiredString(data, 'nasname', 128, 0, errors);
    if (Object.keys(errors).length > 0) return invalid(errors);
    return ok(table.insert((id) => ({ id, shortname, nasname, ssoGroups: [] })));
  }
  const postAccepted = ctx.variants.has('fgtgroupfilter-post-accepted');

  function dehydrate(f: FgtGroupFilter): Record<string, Json> {
    return {
      address: f.nasname,
      id: f.id,
      name: f.shortname,
      nasname: f.nasname,
      resource_uri: detailUri(FGTGROUPFILTER, f.id),
      shortname: f.shortname,
      // Deleted SSO groups drop out (ids are never reused).
      sso_groups: f.ssoGroups.filter((g) => groups.get(g) !== undefined).map((g) => detailUri(SSOGROUP, g)),
    };
  }

  const value = fieldValues<FgtGroupFilter>({
    id: (f) => f.id,
    shortname: (f) => f.shortname,
    name: (f) => f.shortname,
    nasname: (f) => f.nasname,
    address: (f) => f.nasname,
    resource_uri: (f) => detailUri(FGTGROUPFILTER, f.id),
  });

  return {
    name: FGTGROUPFILTER,
    // 002 · Allowed methods: GET on the list; GET and PUT on a detail URL. POST is refused (405).
    listMethods: postAccepted ? ['GET', 'POST'] : ['GET'], // variant
    detailMethods: ['GET', 'PUT'],
    auth: 'basic', // 003 · fgtgroupfilter: Webservice Basic Authentication
    permission: { set: 'SSO Settings', code: 'Can view / change FortiGate filter' }, // 003 · fgtgroupfilter
    fields: FIELDS,
    filtering: FILTERING,
    ordering: ORDERING,
    collection: tableCollection(table, {
      value,
      dehydrate,
      replace,
      ...(postAccepted ? { create } : {}), // variant
    }),
    children: { [SSOFILTEROBJECTS]: ssofilterobjectsChild(ctx) },
  };
}

// ---- /fgtgroupfilter/[id]/ssofilterobjects/ ----------------------------------------------------

// 002 · SSO filtering objects · Supported fields: name ("Object name / DN"), obj_type ("Object Type"),
// both required. No lengths or obj_type values are documented: reading = any non-empty string.
const CHILD_FIELDS: Record<string, FieldSpec> = {
  id: { type: 'integer', help: 'Integer data. Ex: 2673', unique: true },
  name: { type: 'string', help: 'Object name / DN' },
  obj_type: { type: 'string', help: 'Object type' },
  resource_uri: { type: 'string', help: 'Unicode string data. Ex: "Hello World"', readonly: true },
};

export const filterObjectUri = (filter: number, id: number): string =>
  `${API_PREFIX}${FGTGROUPFILTER}/${filter}/${SSOFILTEROBJECTS}/${id}/`;

function ssofilterobjectsChild(ctx: ModelContext): ChildResource {
  const { store } = ctx;
  const parents = filters(store);
  const table = filterObjects(store);

  type Draft = { name: string; obj_type: string };

  function validate(data: Record<string, unknown>, base: Draft | null): Outcome<Draft> {
    const errors: FieldErrors = {};
    const out: Draft = base ? { ...base } : { name: '', obj_type: '' };
    for (const field of ['name', 'obj_type'] as const) {
      if (!has(data, field)) {
        if (!base) errors[field] = [REQUIRED];
        continue;
      }
      const r = parseString(data[field]);
      if ('error' in r) errors[field] = [r.error];
      else if (r.value === '') errors[field] = [REQUIRED];
      else out[field] = r.value;
    }
    return Object.keys(errors).length > 0 ? invalid(errors) : ok(out);
  }

  function collectionFor(filterId: number): Collection<SsoFilterObject> | undefined {
    if (!parents.get(filterId)) return undefined;
    const mine = (): SsoFilterObject[] => table.all().filter((o) => o.filter === filterId);
    const get = (id: number): SsoFilterObject | undefined => {
      const o = table.get(id);
      return o && o.filter === filterId ? o : undefined;
    };
    return {
      all: mine,
      get,
      id: (o) => o.id,
      value: (o, field) => {
        switch (field) {
          case 'id':
            return o.id;
          case 'name':
            return o.name;
          case 'obj_type':
            return o.obj_type;
          case 'resource_uri':
            return filterObjectUri(o.filter, o.id);
          default:
            return null;
        }
      },
      dehydrate: (o) => ({ id: o.id, name: o.name, obj_type: o.obj_type, resource_uri: filterObjectUri(o.filter, o.id) }),
      create(data) {
        const r = validate(data, null);
        if (!r.ok) return r;
        return ok(table.insert((id) => ({ id, filter: filterId, ...r.value })));
      },
      patch(id, data) {
        const o = get(id);
        if (!o) return notFound();
        const r = validate(data, { name: o.name, obj_type: o.obj_type });
        if (!r.ok) return r;
        Object.assign(o, r.value);
        return ok(o);
      },
      remove(id) {
        return get(id) !== undefined && table.delete(id);
      },
      // tastypie put_list: every object is validated first, then the filter's objects are replaced.
      replaceAll(items) {
        const drafts: Draft[] = [];
        for (const item of items) {
          const r = validate(item, null);
          if (!r.ok) return r;
          drafts.push(r.value);
        }
        for (const o of mine()) table.delete(o.id);
        return ok(drafts.map((d) => table.insert((id) => ({ id, filter: filterId, ...d }))));
      },
      removeAll() {
        for (const o of mine()) table.delete(o.id);
      },
    };
  }

  return {
    decl: {
      name: SSOFILTEROBJECTS,
      // 002 · SSO filtering objects · Allowed methods: GET, POST, PUT, DELETE on the list; GET, PATCH,
      // DELETE on a detail URL.
      listMethods: ['GET', 'POST', 'PUT', 'DELETE'],
      detailMethods: ['GET', 'PATCH', 'DELETE'],
      auth: 'basic', // 003 · fgtgroupfilter (the parent's row)
      permission: { set: 'SSO Settings', code: 'Can view / change FortiGate filter' },
      fields: CHILD_FIELDS,
      filtering: {},
      ordering: ['id', 'name'], // not documented: reading
    },
    collectionFor: (id) => collectionFor(id) as Collection<unknown> | undefined,
  };
}
