// /api/v1/passwordpolicies/ — model and declaration.
// Source: 003 · Authorization and Permissions (Webservice Basic; Account Policy; "Can view / change
// Password policy") and 002 · User groups · password_policy ("Associated password policy", "Default is
// set if not specified"). The guide has no section for this resource: no fields, methods or filters
// are documented. Readings below keep to what /usergroups/ needs: the built-in default policy, id 1,
// readable by GET so that a group's password_policy URI resolves.

import type { ModelContext, ResourceDecl } from './types.ts';
import type { Row, Store, Table } from './store.ts';
import { crudCollection } from './forms.ts';
import { DEFAULT_PASSWORD_POLICY } from './usergroups.ts';

export const PASSWORDPOLICIES = 'passwordpolicies';

export interface PasswordPolicy extends Row {
  name: string;
}

export const passwordPolicies = (store: Store): Table<PasswordPolicy> => store.table<PasswordPolicy>(PASSWORDPOLICIES);

export function passwordpoliciesResource(ctx: ModelContext): ResourceDecl {
  const table = passwordPolicies(ctx.store);
  // Built into the appliance (exists without the seed). The name is ours: the documents give none.
  if (!table.get(DEFAULT_PASSWORD_POLICY)) table.insertWithId({ id: DEFAULT_PASSWORD_POLICY, name: 'Default' });
  return {
    name: PASSWORDPOLICIES,
    // Reading: GET only. /usergroups/ accepts only the default policy, so creating others would
    // produce policies no group could use; the write methods are undocumented gaps.
    listMethods: ['GET'],
    detailMethods: ['GET'],
    auth: 'basic', // 003 · Webservice Basic Authentication
    permission: { set: 'Account Policy', code: 'Can view / change Password policy' }, // 003 · Authorization and Permissions
    fields: {
      id: { type: 'integer', help: 'Integer data. Ex: 2673', unique: true },
      name: { type: 'string', help: 'Password policy name (read only)', readonly: true, unique: true },
      resource_uri: { type: 'string', help: 'Unicode string data. Ex: "Hello World"', readonly: true },
    },
    // Reading: no filters documented.
    filtering: {},
    ordering: ['id', 'name'],
    collection: crudCollection<PasswordPolicy>({ name: PASSWORDPOLICIES, table, show: (p) => ({ id: p.id, name: p.name }) }),
  };
}
