// /api/v1/macdevices/, /api/v1/macgroups/ and /api/v1/macgroup-memberships/ — models and declarations.
// Source: 002 · MAC devices (/macdevices/), MAC groups (/macgroups/), MAC device group associations
// (/macgroup-memberships/) (Supported fields, Allowed methods, Allowed filters; no examples) and
// 002 · What's new 6.3.0. None of the three is in the 003 Authorization and Permissions table:
// reading = Webservice Basic Authentication like every other configuration resource, and no
// permission code (`permission` absent = "None").

import type { FieldErrors, FieldSpec, Json, Lookup, ModelContext, Outcome, ResourceDecl } from './types.ts';
import { detailUri, invalid, ok } from './types.ts';
import type { Row, Store, Table } from './store.ts';
import { REQUIRED } from './validate.ts';
import { resolveToOne } from './uris.ts';
import { applyForm, crudCollection, fail, findDuplicate, has, settle, uniqueMessage, type Form, type Mode } from './forms.ts';

export const MACDEVICES = 'macdevices';
export const MACGROUPS = 'macgroups';
export const MACGROUP_MEMBERSHIPS = 'macgroup-memberships';

export interface MacDevice extends Row {
  name: string;
  address: string;
  description: string;
}
export interface MacGroup extends Row {
  name: string;
}
export interface MacMembership extends Row {
  group: number;
  device: number;
}

export const macDevices = (store: Store): Table<MacDevice> => store.table<MacDevice>(MACDEVICES);
export const macGroups = (store: Store): Table<MacGroup> => store.table<MacGroup>(MACGROUPS);
export const macMemberships = (store: Store): Table<MacMembership> => store.table<MacMembership>(MACGROUP_MEMBERSHIPS);

// 002 · MAC devices · address: "Must be a valid MAC address. Acceptable formats are 11:22:33:44:aa:bb or
// 1122334aabb. Vendor wildcards are also supported. Acceptable formats are 11:22:33 or 112233 or
// 11:22:33:xx:xx:xx or 112233xxxxxx. Letters in MAC addresses can be upper or lower case."
// (OCR: "1122330r11:22:33:xx:xx:xXxX0r" = "112233 or 11:22:33:xx:xx:xx or"). Other spellings
// (dashes, dots, mixed separators) are not documented: refused.
const MAC_FORMS = [
  /^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/i,
  /^[0-9a-f]{12}$/i,
  /^[0-9a-f]{2}(?::[0-9a-f]{2}){2}$/i,
  /^[0-9a-f]{6}$/i,
  /^[0-9a-f]{2}(?::[0-9a-f]{2}){2}(?::xx){3}$/i,
  /^[0-9a-f]{6}x{6}$/i,
];
/** The message is ours (the guide gives none). */
export const MAC_MESSAGE = 'Enter a valid MAC address.';
export const isValidMac = (s: string): boolean => MAC_FORMS.some((re) => re.test(s));

/** One spelling per address for the uniqueness check: 12 lowercase hex digits, a wildcard vendor
 * prefix as "112233xxxxxx" (so 11:22:33, 112233 and 11:22:33:xx:xx:xx are the same device). */
export function macKey(s: string): string {
  const bare = s.replace(/:/g, '').toLowerCase();
  return bare.length === 6 ? `${bare}xxxxxx` : bare;
}

const ID: FieldSpec = { type: 'integer', help: 'Integer data. Ex: 2673', unique: true };
const URI: FieldSpec = { type: 'string', help: 'Unicode string data. Ex: "Hello World"', readonly: true };

// ---- /macdevices/ ------------------------------------------------------------------------------

const DEVICE_FIELDS: Record<string, FieldSpec> = {
  address: { type: 'string', help: 'MAC address (11:22:33:44:aa:bb, 1122334455aa or a vendor wildcard), max length 25', unique: true },
  description: { type: 'string', help: 'Description, max length 255', blank: true, default: '' },
  id: ID,
  // Reading: names are unique (the GUI lists MAC devices by name; the guide does not say).
  name: { type: 'string', help: 'MAC device name, max length 50', unique: true },
  resource_uri: URI,
};
const TEXT_LOOKUPS: readonly Lookup[] = ['exact', 'iexact', 'contains', 'icontains', 'startswith', 'istartswith'];
// 002 · MAC devices · Allowed filters: name and address, exact … istartswith.
const DEVICE_FILTERING: Record<string, readonly Lookup[]> = { name: TEXT_LOOKUPS, address: TEXT_LOOKUPS };

export function macdevicesResource(ctx: ModelContext): ResourceDecl {
  const { store } = ctx;
  const table = macDevices(store);
  const memberships = macMemberships(store);

  // 002 · MAC devices · Supported fields: name (required, max 50), address (required, max 25, MAC
  // formats above), description (max 255).
  const FORM: Form = {
    name: { kind: 'string', required: true, max: 50 },
    address: {
      kind: 'string', required: true, max: 25,
      check: (s) => {
        if (ctx.variants.has('macdevices-accepts-bad-mac')) return null; // variant
        return isValidMac(s) ? null : MAC_MESSAGE;
      },
    },
    description: { kind: 'string', max: 255 },
  };

  function build(data: Record<string, unknown>, before: MacDevice | null, mode: Mode, id: number | null): Outcome<MacDevice> {
    const draft: MacDevice = before ? { ...before } : { id: 0, name: '', address: '', description: '' };
    const errors: FieldErrors = {};
    applyForm(FORM, data, draft as unknown as Record<string, unknown>, mode, errors);
    // Reading, where 002 is silent: name unique; address unique compared case-insensitively and across
    // spellings (the address is stored as sent: the guide does not say FAC rewrites it). Undocumented,
    // so the suite does not check it (no scenario, no variant); the cases use run-unique values.
    if (!errors.name && (mode === 'full' || has(data, 'name')) && findDuplicate(table.values(), 'name', draft.name, id))
      fail(errors, 'name', uniqueMessage('MAC device', 'Name'));
    if (!errors.address && (mode === 'full' || has(data, 'address'))) {
      const key = macKey(draft.address);
      if (findDuplicate(table.values(), 'address', key, id, (a, b) => macKey(String(a)) === b))
        fail(errors, 'address', uniqueMessage('MAC device', 'MAC address'));
    }
    return settle(draft, errors);
  }

  return {
    name: MACDEVICES,
    // 002 · Allowed methods: GET list/detail, POST, PATCH detail, DELETE detail.
    listMethods: ['GET', 'POST'],
    detailMethods: ['GET', 'PATCH', 'DELETE'],
    auth: 'basic',
    fields: DEVICE_FIELDS,
    filtering: DEVICE_FILTERING,
    // Not documented per resource: reading = id plus the filterable fields.
    ordering: ['id', 'name', 'address'],
    collection: crudCollection<MacDevice>({
      name: MACDEVICES,
      table,
      show: (d) => ({ address: d.address, description: d.description, id: d.id, name: d.name }),
      build,
      // Django FK on_delete CASCADE: the device leaves every group.
      beforeRemove: (d) => {
        for (const m of [...memberships.values()]) if (m.device === d.id) memberships.delete(m.id);
      },
      writable: { create: true, patch: true, remove: true },
    }),
  };
}

// ---- /macgroups/ -------------------------------------------------------------------------------

const GROUP_FIELDS: Record<string, FieldSpec> = {
  devices: {
    type: 'related', help: 'List of MAC devices URI (read only)', readonly: true, default: [],
    related: { to: MACDEVICES, kind: 'to_many' },
  },
  id: ID,
  // Reading: group names are unique, like local user groups (002 · User groups duplicate-name example).
  name: { type: 'string', help: 'MAC group name, max length 50', unique: true },
  resource_uri: URI,
};

export function macgroupsResource(ctx: ModelContext): ResourceDecl {
  const { store } = ctx;
  const table = macGroups(store);
  const memberships = macMemberships(store);
  const FORM: Form = { name: { kind: 'string', required: true, max: 50 } };

  function build(data: Record<string, unknown>, before: MacGroup | null, mode: Mode, id: number | null): Outcome<MacGroup> {
    const draft: MacGroup = before ? { ...before } : { id: 0, name: '' };
    const errors: FieldErrors = {};
    // 002 · devices: "Read only." — tastypie skips readonly fields when hydrating: a given list is ignored.
    applyForm(FORM, data, draft as unknown as Record<string, unknown>, mode, errors);
    if (!errors.name && findDuplicate(table.values(), 'name', draft.name, id)) // as for MAC devices: undocumented reading
      fail(errors, 'name', uniqueMessage('MAC group', 'Name'));
    return settle(draft, errors);
  }

  /** Device ids of a group, ascending (reading: the guide has no example). */
  function devicesOf(group: number): number[] {
    const ids: number[] = [];
    for (const m of memberships.values()) if (m.group === group) ids.push(m.device);
    return ids.sort((a, b) => a - b);
  }

  return {
    name: MACGROUPS,
    // 002 · Allowed methods: GET list/detail, POST, DELETE detail (no PUT/PATCH).
    listMethods: ['GET', 'POST'],
    detailMethods: ['GET', 'DELETE'],
    auth: 'basic',
    fields: GROUP_FIELDS,
    // 002 · Allowed filters: name exact.
    filtering: { name: ['exact'] },
    ordering: ['id', 'name'],
    collection: crudCollection<MacGroup>({
      name: MACGROUPS,
      table,
      show: (g): Record<string, Json> => ({ devices: devicesOf(g.id).map((d) => detailUri(MACDEVICES, d)), id: g.id, name: g.name }),
      value: (g, field) => (field === 'devices' ? null : undefined),
      build,
      // Reading: deleting a group deletes its memberships (devices stay), like /usergroups/.
      beforeRemove: (g) => {
        for (const m of [...memberships.values()]) if (m.group === g.id) memberships.delete(m.id);
      },
      writable: { create: true, remove: true },
    }),
  };
}

// ---- /macgroup-memberships/ --------------------------------------------------------------------

const MEMBERSHIP_FIELDS: Record<string, FieldSpec> = {
  device: { type: 'related', help: 'MAC device URI', related: { to: MACDEVICES, kind: 'to_one' } },
  device_name: { type: 'string', help: 'MAC device name (read only)', readonly: true },
  group: { type: 'related', help: 'MAC device group URI', related: { to: MACGROUPS, kind: 'to_one' } },
  group_name: { type: 'string', help: 'MAC group name (read only)', readonly: true },
  id: ID,
  resource_uri: URI,
};

export function macgroupMembershipsResource(ctx: ModelContext): ResourceDecl {
  const { store } = ctx;
  const table = macMemberships(store);
  const devices = macDevices(store);
  const groups = macGroups(store);

  function build(data: Record<string, unknown>): Outcome<MacMembership> {
    // 002 · Supported fields: group (MAC device group URI, required), device (MAC device URI, required).
    const errors: FieldErrors = {};
    if (!has(data, 'group') || data.group === null) errors.group = [REQUIRED];
    if (!has(data, 'device') || data.device === null) errors.device = [REQUIRED];
    if (Object.keys(errors).length > 0) return invalid(errors);
    const group = resolveToOne(data.group, 'group', MACGROUPS, (id) => groups.get(id) !== undefined);
    if (!group.ok) return group;
    const device = resolveToOne(data.device, 'device', MACDEVICES, (id) => devices.get(id) !== undefined);
    if (!device.ok) return device;
    // Django unique_together message (reading: one membership per device and group).
    for (const m of table.values())
      if (m.group === group.value && m.device === device.value)
        return invalid({ __all__: ['MAC group membership with this Group and Device already exists.'] });
    return ok({ id: 0, group: group.value, device: device.value });
  }

  return {
    name: MACGROUP_MEMBERSHIPS,
    // 002 · Allowed methods: GET list/detail, POST, DELETE detail.
    listMethods: ['GET', 'POST'],
    detailMethods: ['GET', 'DELETE'],
    auth: 'basic',
    fields: MEMBERSHIP_FIELDS,
    // 002 · Allowed filters: group_name exact, device_name exact.
    filtering: { group_name: ['exact'], device_name: ['exact'] },
    ordering: ['id', 'group', 'device', 'group_name', 'device_name'],
    collection: crudCollection<MacMembership>({
      name: MACGROUP_MEMBERSHIPS,
      table,
      show: (m) => ({
        device: detailUri(MACDEVICES, m.device),
        device_name: devices.get(m.device)?.name ?? '',
        group: detailUri(MACGROUPS, m.group),
        group_name: groups.get(m.group)?.name ?? '',
        id: m.id,
      }),
      value: (m, field) => {
        if (field === 'device_name') return devices.get(m.device)?.name ?? null;
        if (field === 'group_name') return groups.get(m.group)?.name ?? null;
        return undefined;
      },
      build: (data) => build(data),
      writable: { create: true, remove: true },
    }),
  };
}
