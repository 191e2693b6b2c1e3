// /api/v1/usergroups/ — model and declaration.
// Source: 002 · User groups (/usergroups/) (Supported fields, Allowed methods, Allowed filters and the
// examples) and 003 · Authorization and Permissions (Webservice Basic).

import type { FieldErrors, FieldSpec, Json, Lookup, ModelContext, Outcome, ResourceDecl, View } from './types.ts';
import { detailUri, fieldValues, invalid, notFound, ok } from './types.ts';
import type { UserGroup } from './store.ts';
import { REQUIRED, parseString } from './validate.ts';
import { resolveToMany, resolveToOne } from './uris.ts';
import { has } from './forms.ts';

export const USERGROUPS = 'usergroups';
/** The built-in default password policy (002 · password_policy: "Default is set if not specified"). */
export const DEFAULT_PASSWORD_POLICY = 1;

const FIELDS: Record<string, FieldSpec> = {
  id: { type: 'integer', help: 'Integer data. Ex: 2673', unique: true },
  name: { type: 'string', help: 'Group name, max length 50', unique: true },
  // Reading: password_policy is a /passwordpolicies/ URI (the guide types it "String"; the
  // 2014 examples predate it). Only the default policy (id 1) exists in this slice.
  password_policy: {
    type: 'related', help: 'Associated password policy (URI)', related: { to: 'passwordpolicies', kind: 'to_one' },
    default: detailUri('passwordpolicies', DEFAULT_PASSWORD_POLICY),
  },
  resource_uri: { type: 'string', help: 'Unicode string data. Ex: "Hello World"', readonly: true },
  users: {
    type: 'related', help: 'List of local users URI', blank: true, default: [],
    related: { to: 'localusers', kind: 'to_many' },
  },
};

// 002 · User groups · Allowed filters: name exact.
const FILTERING: Record<string, readonly Lookup[]> = { name: ['exact'] };
// Not documented per resource: reading = id and name.
const ORDERING = ['id', 'name'];

export function usergroupsResource(ctx: ModelContext): ResourceDecl {
  const { store } = ctx;
  const userExists = (id: number): boolean => store.users.get(id) !== undefined;
  const policyExists = (id: number): boolean => id === DEFAULT_PASSWORD_POLICY;

  /** name: required, max length 50, unique (002 · Supported fields + duplicate-name example). */
  function checkName(data: Record<string, unknown>, required: boolean, exceptId: number | undefined, errors: FieldErrors): string | undefined {
    if (!has(data, 'name')) {
      if (required) errors.name = [REQUIRED];
      return undefined;
    }
    const r = parseString(data.name, 50);
    if ('error' in r) errors.name = [r.error];
    else if (r.value === '') errors.name = [REQUIRED];
    // variant usergroups-duplicate-name-accepted: 002 · Attempt to create a user group with the same name.
    else if (store.groupNameTaken(r.value, exceptId) && !ctx.variants.has('usergroups-duplicate-name-accepted'))
      errors.name = ['A user group with that name already exists.'];
    else return r.value;
    return undefined;
  }

  function policyOf(data: Record<string, unknown>): Outcome<number> {
    const raw = data.password_policy;
    if (raw === null || raw === '') return ok(DEFAULT_PASSWORD_POLICY);
    return resolveToOne(raw, 'password_policy', 'passwordpolicies', policyExists);
  }

  /** Validate a full body (POST and PUT: "Data must follow the same format as the data returned by GET"). */
  function full(data: Record<string, unknown>, exceptId: number | undefined): Outcome<{ name: string; users: number[]; policy: number | null }> {
    const errors: FieldErrors = {};
    const name = checkName(data, true, exceptId, errors);
    if (name === undefined) return invalid(errors);
    const users = has(data, 'users') ? resolveToMany(data.users, 'users', 'localusers', userExists) : ok<number[]>([]);
    if (!users.ok) return users;
    // 002 · password_policy: "Default is set if policy not specified." (variant: no policy is set).
    const unset = ctx.variants.has('usergroups-password-policy-not-defaulted') ? null : DEFAULT_PASSWORD_POLICY; // variant
    const policy: Outcome<number | null> = has(data, 'password_policy') ? policyOf(data) : ok(unset);
    if (!policy.ok) return policy;
    return ok({ name, users: users.value, policy: policy.value });
  }

  function create(data: Record<string, unknown>): Outcome<UserGroup> {
    const r = full(data, undefined);
    if (!r.ok) return r;
    const g = store.addGroup((id) => ({ id, name: r.value.name, password_policy: r.value.policy }));
    store.setGroupMembers(g.id, r.value.users);
    return ok(g);
  }

  // 002 · PUT: "Replaces all of the resources for the group. This is done by removing all existing
  // items first before creating the new items." Reading: omitted users → no members, omitted
  // password_policy → the default. A missing id creates the group at that id (tastypie put_detail).
  function replace(id: number, data: Record<string, unknown>): Outcome<{ obj: UserGroup; created: boolean }> {
    const r = full(data, id);
    if (!r.ok) return r;
    const existing = store.groups.get(id);
    const next: UserGroup = { id, name: r.value.name, password_policy: r.value.policy };
    let obj: UserGroup;
    if (existing) {
      store.updateGroup(existing, next);
      obj = existing;
    } else obj = store.addGroupWithId(next);
    store.setGroupMembers(id, r.value.users);
    return ok({ obj, created: !existing });
  }

  function patch(id: number, data: Record<string, unknown>): Outcome<UserGroup> {
    const g = store.groups.get(id);
    if (!g) return notFound();
    const errors: FieldErrors = {};
    const name = checkName(data, false, id, errors);
    if (errors.name) return invalid(errors);
    let users: number[] | undefined;
    if (has(data, 'users')) {
      const r = resolveToMany(data.users, 'users', 'localusers', userExists);
      if (!r.ok) return r;
      users = r.value;
      // 002 · Add a user to a group: "This command is not additive [...] it will overwrite. Using
      // {"users": []} for example will clear the users list."
      if (users.length === 0 && ctx.variants.has('usergroups-patch-empty-ignored')) users = store.usersOfGroup(id); // variant
      // variant usergroups-patch-appends: a non-empty list is added to the members ({"users": []} still
      // clears: that rule has its own variant, usergroups-patch-empty-ignored).
      else if (users.length > 0 && ctx.variants.has('usergroups-patch-appends')) users = [...store.usersOfGroup(id), ...users]; // variant
    }
    let policy = g.password_policy;
    if (has(data, 'password_policy')) {
      const r = policyOf(data);
      if (!r.ok) return r;
      policy = r.value;
    }
    store.updateGroup(g, { id, name: name ?? g.name, password_policy: policy });
    if (users) store.setGroupMembers(id, users);
    return ok(g);
  }

  function dehydrate(g: UserGroup, view: View): Record<string, Json> {
    const o: Record<string, Json> = {
      id: g.id,
      name: g.name,
      password_policy: g.password_policy === null ? null : detailUri('passwordpolicies', g.password_policy),
      resource_uri: detailUri(USERGROUPS, g.id),
    };
    // 002 · return_members: "Boolean to disable return of members. Must be present as a query
    // parameter." Reading: ?return_members=false (or False/0) omits the users key; anything else or
    // absent returns the members.
    const rm = view.query.get('return_members');
    if ((rm !== 'false' && rm !== 'False' && rm !== '0') || ctx.variants.has('usergroups-return-members-ignored')) // variant
      o.users = store.usersOfGroup(g.id).map((u) => detailUri('localusers', u));
    return o;
  }

  const value = fieldValues<UserGroup>({
    id: (g) => g.id,
    name: (g) => g.name,
    password_policy: (g) => g.password_policy,
    resource_uri: (g) => detailUri(USERGROUPS, g.id),
  });

  return {
    name: USERGROUPS,
    // 002 · User groups · Allowed methods: GET, POST, PUT, PATCH, DELETE ("Delete a specified
    // group"). Reading: POST on the list; PUT, PATCH and DELETE on a detail URL.
    listMethods: ['GET', 'POST'],
    detailMethods: ['GET', 'PUT', 'PATCH', 'DELETE'],
    auth: 'basic', // 003 · Authorization and Permissions table
    // 003 has no usergroups row: reading = the localgroup-memberships permission ("Can view / change
    // user group"), the one 003 gives for user groups.
    permission: { set: 'Users and Devices', code: 'Can view / change user group' },
    fields: FIELDS,
    filtering: FILTERING,
    ordering: ORDERING,
    collection: {
      all: () => store.groups.all(),
      get: (id) => store.groups.get(id),
      id: (g: UserGroup) => g.id,
      value,
      dehydrate,
      create,
      replace,
      patch,
      remove: (id) => {
        // variant: 002 · Delete a user group — "will delete the group even if the group contains users".
        if (ctx.variants.has('usergroups-delete-refuses-members') && store.usersOfGroup(id).length > 0)
          return { kind: 'bad_request', message: 'The user group still has members.' };
        return store.deleteGroup(id);
      },
    },
  };
}
