// /api/v1/localusers/<id>/radiusattributes/ — a child resource of a local user (model + declaration).
// Source: 002 · Add RADIUS attributes to local users (Supported fields, Allowed methods, Allowed
// filters): "This resource can only be used for RADIUS attribute of local users. All the fields are
// case-sensitive."

import type { ChildResource, Collection, FieldErrors, FieldSpec, Json, Lookup, ModelContext, Outcome, Scalar } from './types.ts';
import { API_PREFIX, detailUri, invalid, notFound, ok } from './types.ts';
import type { Row, Table } from './store.ts';
import { REQUIRED, parseString, pyStr } from './validate.ts';
import { isIP } from 'node:net';
import { has } from './forms.ts';

export const RADIUSATTRIBUTES = 'radiusattributes';

export interface RadiusAttribute extends Row {
  /** The local user (id) the attribute belongs to. */
  owner: number;
  vendor: string;
  attribute: string;
  attr_val: string;
}

type AttrType = 'string' | 'integer' | 'ipaddr';

// "attr_val · Depends on RADIUS attribute": FAC checks vendor, attribute and value against its RADIUS
// dictionary. Reading: a subset of that dictionary — the RFC 2865/2866/2868/2869 attributes FAC
// users commonly return, plus Fortinet's vendor-specific ones — with each attribute's value type.
const DICTIONARY: Readonly<Record<string, Readonly<Record<string, AttrType>>>> = {
  Default: {
    'User-Name': 'string', 'Service-Type': 'integer', 'Framed-Protocol': 'integer', 'Framed-IP-Address': 'ipaddr',
    'Framed-IP-Netmask': 'ipaddr', 'Filter-Id': 'string', 'Framed-MTU': 'integer', 'Reply-Message': 'string',
    'Callback-Number': 'string', 'Class': 'string', 'Session-Timeout': 'integer', 'Idle-Timeout': 'integer',
    'Termination-Action': 'integer', 'Acct-Interim-Interval': 'integer', 'Tunnel-Type': 'integer',
    'Tunnel-Medium-Type': 'integer', 'Tunnel-Private-Group-Id': 'string',
  },
  Fortinet: {
    'Fortinet-Group-Name': 'string', 'Fortinet-Client-IP-Address': 'ipaddr', 'Fortinet-Vdom-Name': 'string',
    'Fortinet-Client-IPv6-Address': 'string', 'Fortinet-Interface-Name': 'string', 'Fortinet-Access-Profile': 'string',
  },
};

const FIELDS: Record<string, FieldSpec> = {
  attr_val: { type: 'string', help: 'Attribute value, max length 255 (depends on the RADIUS attribute)' },
  attribute: { type: 'string', help: 'RADIUS attribute, max length 255' },
  id: { type: 'integer', help: 'Integer data. Ex: 2673', unique: true },
  owner: { type: 'related', help: 'The local user the attribute belongs to (read only)', readonly: true, related: { to: 'localusers', kind: 'to_one' } },
  resource_uri: { type: 'string', help: 'Unicode string data. Ex: "Hello World"', readonly: true },
  vendor: { type: 'string', help: 'Vendor, max length 40', default: 'Default' },
};

// 002 · Add RADIUS attributes · Allowed filters: vendor exact, attribute exact, and "attr_value" exact,
// iexact, contains, icontains, in. The field is attr_val (Supported fields); reading: "attr_value" is
// the guide's slip for it (tastypie filters name fields, so a real appliance filters on attr_val).
const FILTERING: Record<string, readonly Lookup[]> = {
  vendor: ['exact'],
  attribute: ['exact'],
  attr_val: ['exact', 'iexact', 'contains', 'icontains', 'in'],
};
const ORDERING = ['id', 'vendor', 'attribute', 'attr_val'];

const choiceMessage = (raw: unknown): string => `Select a valid choice. ${pyStr(raw)} is not one of the available choices.`;

/** Validate `data` onto `draft` (full: POST/PUT, partial: PATCH). */
function build(data: Record<string, unknown>, draft: RadiusAttribute, full: boolean): Outcome<RadiusAttribute> {
  const errors: FieldErrors = {};
  const text = (key: 'vendor' | 'attribute' | 'attr_val', max: number, required: boolean): void => {
    if (!has(data, key)) {
      if (full && required) errors[key] = [REQUIRED];
      return;
    }
    const r = parseString(data[key], max);
    if ('error' in r) errors[key] = [r.error];
    else if (r.value === '') {
      if (required) errors[key] = [REQUIRED];
      else draft[key] = 'Default'; // vendor: 'default = "Default"'
    } else draft[key] = r.value;
  };
  // 002 · Supported fields: vendor max 40 default "Default"; attribute (required) max 255;
  // attr_val (required) max 255. owner: read only (ignored, as tastypie ignores readonly fields).
  text('vendor', 40, false);
  text('attribute', 255, true);
  text('attr_val', 255, true);
  if (Object.keys(errors).length > 0) return invalid(errors);
  const attrs = DICTIONARY[draft.vendor];
  if (!attrs) return invalid({ vendor: [choiceMessage(draft.vendor)] });
  const type = attrs[draft.attribute];
  if (!type) return invalid({ attribute: [`'${draft.attribute}' is not a RADIUS attribute of vendor '${draft.vendor}'.`] });
  if (type === 'integer' && !/^\d{1,10}$/.test(draft.attr_val)) return invalid({ attr_val: ['Enter a whole number.'] });
  if (type === 'integer' && Number(draft.attr_val) > 4294967295) return invalid({ attr_val: ['Ensure this value is less than or equal to 4294967295.'] });
  if (type === 'ipaddr' && isIP(draft.attr_val) !== 4) return invalid({ attr_val: ['Enter a valid IPv4 address.'] });
  return ok(draft);
}

/** The child declaration for localusers.ts; `userExists` decides whether the parent is there. */
export function radiusAttributesChild(ctx: ModelContext, userExists: (id: number) => boolean): ChildResource {
  const table: Table<RadiusAttribute> = ctx.store.table<RadiusAttribute>(RADIUSATTRIBUTES);
  const uri = (a: RadiusAttribute): string => `${API_PREFIX}localusers/${a.owner}/${RADIUSATTRIBUTES}/${a.id}/`;
  const blank = (owner: number): RadiusAttribute => ({ id: 0, owner, vendor: 'Default', attribute: '', attr_val: '' });

  function collectionFor(owner: number): Collection<RadiusAttribute> | undefined {
    if (!userExists(owner)) return undefined;
    const mine = (): RadiusAttribute[] => table.all().filter((a) => a.owner === owner);
    const get = (id: number): RadiusAttribute | undefined => {
      const a = table.get(id);
      return a && a.owner === owner ? a : undefined;
    };
    return {
      all: mine,
      get,
      id: (a) => a.id,
      value(a, field): Scalar {
        if (field === 'resource_uri') return uri(a);
        const v = (a as unknown as Record<string, unknown>)[field];
        return typeof v === 'string' || typeof v === 'number' ? v : null;
      },
      dehydrate: (a): Record<string, Json> => ({
        attr_val: a.attr_val,
        attribute: a.attribute,
        id: a.id,
        owner: detailUri('localusers', a.owner),
        resource_uri: uri(a),
        vendor: a.vendor,
      }),
      create(data) {
        const r = build(data, blank(owner), true);
        if (!r.ok) return r;
        return ok(table.insert((id) => ({ ...r.value, id })));
      },
      patch(id, data) {
        const a = get(id);
        if (!a) return notFound();
        const r = build(data, { ...a }, false);
        if (!r.ok) return r;
        Object.assign(a, r.value, { id, owner });
        return ok(a);
      },
      remove(id) {
        return get(id) !== undefined && table.delete(id);
      },
      // "PUT · Update all Radius Attributes that belong to a Local User" (tastypie put_list: the body's
      // objects replace the user's attributes). Reading: all or nothing — nothing changes on a 400.
      replaceAll(items) {
        const drafts: RadiusAttribute[] = [];
        for (const item of items) {
          const r = build(item, blank(owner), true);
          if (!r.ok) return r;
          drafts.push(r.value);
        }
        for (const a of mine()) table.delete(a.id);
        return ok(drafts.map((d) => table.insert((id) => ({ ...d, id }))));
      },
      // "DELETE · Delete all Radius Attributes from a specific Local User".
      removeAll() {
        for (const a of mine()) table.delete(a.id);
      },
    };
  }

  return {
    decl: {
      name: RADIUSATTRIBUTES,
      // 002 · Add RADIUS attributes · Allowed methods: GET/POST/PUT/DELETE on the list, GET/PATCH/DELETE on a detail.
      listMethods: ['GET', 'POST', 'PUT', 'DELETE'],
      detailMethods: ['GET', 'PATCH', 'DELETE'],
      auth: 'basic', // 003 · localusers: Webservice Basic Authentication (the parent's)
      permission: { set: 'Users and Devices', code: 'Can view / change local user' }, // 003 · localusers (the parent's)
      fields: FIELDS,
      filtering: FILTERING,
      ordering: ORDERING,
    },
    collectionFor,
  };
}

/** Cascade: a deleted local user takes its attributes along (Django on_delete=CASCADE). */
export function deleteAttributesOf(ctx: ModelContext, owner: number): void {
  const table = ctx.store.table<RadiusAttribute>(RADIUSATTRIBUTES);
  for (const a of [...table.values()]) if (a.owner === owner) table.delete(a.id);
}
