// /api/v1/localgroup-memberships/ — model and declaration.
// Source: 002 · Local user group memberships (/localgroup-memberships/) and 003 (Webservice Basic);
// facts · FAC 8.0.x: membership is made with POST {"user", "group"} (URIs).

import type { FieldErrors, FieldSpec, Json, Lookup, ModelContext, Outcome, ResourceDecl } from './types.ts';
import { detailUri, fieldValues, invalid, ok } from './types.ts';
import type { Membership } from './store.ts';
import { REQUIRED } from './validate.ts';
import { resolveToOne } from './uris.ts';
import { hasValue } from './forms.ts';

export const MEMBERSHIPS = 'localgroup-memberships';

// 002 · Supported fields: group (URI, required), user (URI, required), group_name and username
// (read-only).
const FIELDS: Record<string, FieldSpec> = {
  group: { type: 'related', help: 'Local user group URI', related: { to: 'usergroups', kind: 'to_one' } },
  group_name: { type: 'string', help: 'Member of the group (read only)', readonly: true },
  id: { type: 'integer', help: 'Integer data. Ex: 2673', unique: true },
  resource_uri: { type: 'string', help: 'Unicode string data. Ex: "Hello World"', readonly: true },
  user: { type: 'related', help: 'Local user URI', related: { to: 'localusers', kind: 'to_one' } },
  username: { type: 'string', help: 'Member username (read only)', readonly: true },
};

// 002 · Allowed filters: group and user take ids ("Accepts group ID (e.g. group=15)").
const FILTERING: Record<string, readonly Lookup[]> = {
  group: ['exact', 'in'],
  user: ['exact', 'in'],
  group_name: ['exact', 'iexact', 'contains', 'icontains', 'in'],
  username: ['exact', 'iexact', 'contains', 'icontains', 'in'],
};
// Not documented: reading = id plus the filterable fields.
const ORDERING = ['id', 'group', 'user', 'group_name', 'username'];

export function localgroupMembershipsResource(ctx: ModelContext): ResourceDecl {
  const { store } = ctx;

  function create(data: Record<string, unknown>): Outcome<Membership> {
    const errors: FieldErrors = {};
    if (!hasValue(data, 'user')) errors.user = [REQUIRED];
    if (!hasValue(data, 'group')) errors.group = [REQUIRED];
    if (Object.keys(errors).length > 0) return invalid(errors);
    const user = resolveToOne(data.user, 'user', 'localusers', (id) => store.users.get(id) !== undefined);
    if (!user.ok) return user;
    const group = resolveToOne(data.group, 'group', 'usergroups', (id) => store.groups.get(id) !== undefined);
    if (!group.ok) return group;
    // Django unique_together message. Reading: a second identical membership is refused (400).
    if (store.membershipOf(user.value, group.value))
      return invalid({ __all__: ['Local group membership with this User and Group already exists.'] });
    return ok(store.addMembership(user.value, group.value));
  }

  function dehydrate(m: Membership): Record<string, Json> {
    return {
      group: detailUri('usergroups', m.group),
      group_name: store.groups.get(m.group)?.name ?? '',
      id: m.id,
      resource_uri: detailUri(MEMBERSHIPS, m.id),
      user: detailUri('localusers', m.user),
      username: store.users.get(m.user)?.username ?? '',
    };
  }

  const value = fieldValues<Membership>({
    id: (m) => m.id,
    group: (m) => m.group,
    user: (m) => m.user,
    group_name: (m) => store.groups.get(m.group)?.name ?? null,
    username: (m) => store.users.get(m.user)?.username ?? null,
    resource_uri: (m) => detailUri(MEMBERSHIPS, m.id),
  });

  return {
    name: MEMBERSHIPS,
    // 002 · Allowed methods: GET list/detail, POST list, DELETE detail.
    listMethods: ['GET', 'POST'],
    detailMethods: ['GET', 'DELETE'],
    auth: 'basic',
    permission: { set: 'Users and Devices', code: 'Can view / change user group' }, // 003 · localgroup-memberships
    fields: FIELDS,
    filtering: FILTERING,
    ordering: ORDERING,
    collection: {
      all: () => store.memberships.all(),
      get: (id) => store.memberships.get(id),
      id: (m: Membership) => m.id,
      value,
      dehydrate,
      create,
      remove: (id) => store.removeMembership(id),
    },
  };
}
