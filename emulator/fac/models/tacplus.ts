// /api/v1/tacplusclients/, /api/v1/tacpluspolicies/ and /api/v1/tacpluspolicyclient/ — models and
// declarations. Source: 002 · TACACS+ clients, TACACS+ policies, TACACS+ policy client association
// (Supported fields, Allowed methods, Allowed filters; no examples) and 002 · Authorization and
// Permissions table (Webservice Basic; TACACS+ Service). 003's table does not list them.

import type { FieldErrors, FieldSpec, Lookup, ModelContext, Outcome, ResourceDecl } from './types.ts';
import { detailUri, invalid, ok } from './types.ts';
import type { Row, Store, Table } from './store.ts';
import { REQUIRED } from './validate.ts';
import { resolveToOne } from './uris.ts';
import { applyForm, crudCollection, fail, findDuplicate, has, isIpOrSubnet, settle, uniqueMessage, type Form, type Mode } from './forms.ts';

export const TACPLUSCLIENTS = 'tacplusclients';
export const TACPLUSPOLICIES = 'tacpluspolicies';
export const TACPLUSPOLICYCLIENT = 'tacpluspolicyclient';

export interface TacplusClient extends Row {
  name: string;
  address: string;
  /** Write-only (facts · secrets never appear in GET answers). */
  secret: string;
}
export interface TacplusPolicy extends Row {
  name: string;
}
export interface TacplusPolicyClient extends Row {
  policy: number;
  client: number;
}

export const tacplusClients = (store: Store): Table<TacplusClient> => store.table<TacplusClient>(TACPLUSCLIENTS);
export const tacplusPolicies = (store: Store): Table<TacplusPolicy> => store.table<TacplusPolicy>(TACPLUSPOLICIES);
export const tacplusPolicyClients = (store: Store): Table<TacplusPolicyClient> => store.table<TacplusPolicyClient>(TACPLUSPOLICYCLIENT);

/** Pre-existing policies (the API cannot create them: 002 · TACACS+ policies · name "Read Only").
 * The names are ours: the guide has no example. */
export function seedTacplusPolicies(store: Store): void {
  const t = tacplusPolicies(store);
  for (const name of ['TACACS_Admins', 'TACACS_ReadOnly']) t.insert((id) => ({ id, name }));
}

const ID: FieldSpec = { type: 'integer', help: 'Integer data. Ex: 2673', unique: true };
const URI: FieldSpec = { type: 'string', help: 'Unicode string data. Ex: "Hello World"', readonly: true };

// ---- /tacplusclients/ --------------------------------------------------------------------------

const CLIENT_FIELDS: Record<string, FieldSpec> = {
  address: { type: 'string', help: 'TACACS+ client IP address or subnet, max length 47' },
  id: ID,
  // Reading: client names are unique (filtered by name exact; the guide does not say).
  name: { type: 'string', help: 'TACACS+ client name, max length 32', unique: true },
  resource_uri: URI,
};

/** The message is ours (the guide gives none). */
export const ADDRESS_MESSAGE = 'Enter a valid IPv4 or IPv6 address or subnet.';

export function tacplusclientsResource(ctx: ModelContext): ResourceDecl {
  const { store } = ctx;
  const table = tacplusClients(store);
  const links = tacplusPolicyClients(store);

  // 002 · TACACS+ clients · Supported fields: name (required, max 32), address ("IP address or
  // subnet", required, max 47), secret (required, max 63).
  // Variant tacplus-lengths-unchecked: the documented maximum lengths are not enforced.
  const unchecked = ctx.variants.has('tacplus-lengths-unchecked');
  const FORM: Form = {
    name: { kind: 'string', required: true, max: unchecked ? undefined : 32 },
    address: { kind: 'string', required: true, max: unchecked ? undefined : 47, check: (s) => (isIpOrSubnet(s) ? null : ADDRESS_MESSAGE) },
    secret: { kind: 'string', required: true, max: unchecked ? undefined : 63 },
  };
  // Reading: the secret is never shown, so a PUT that round-trips a GET answer has no secret: an
  // existing client keeps its secret (required only when the PUT creates the client).
  const PUT_FORM: Form = { ...FORM, secret: { kind: 'string', max: unchecked ? undefined : 63 } };

  function build(data: Record<string, unknown>, before: TacplusClient | null, mode: Mode, id: number | null): Outcome<TacplusClient> {
    const draft: TacplusClient = before ? { ...before } : { id: 0, name: '', address: '', secret: '' };
    const errors: FieldErrors = {};
    const keepSecret = before !== null && (!has(data, 'secret') || data.secret === '' || data.secret === null);
    applyForm(before ? PUT_FORM : FORM, data, draft as unknown as Record<string, unknown>, mode, errors);
    if (keepSecret) draft.secret = before.secret;
    if (!errors.name && findDuplicate(table.values(), 'name', draft.name, id))
      fail(errors, 'name', uniqueMessage('TACACS+ client', 'Name'));
    return settle(draft, errors);
  }

  return {
    name: TACPLUSCLIENTS,
    // 002 · Allowed methods: GET list/detail, POST, PUT detail, DELETE detail (no PATCH).
    listMethods: ['GET', 'POST'],
    detailMethods: ['GET', 'PUT', 'DELETE'],
    auth: 'basic',
    permission: { set: 'TACACS+ Service', code: 'Can view / change TACACS+ Clients' }, // 002 · Authorization and Permissions table (not in 003's)
    fields: CLIENT_FIELDS,
    // 002 · Allowed filters: name exact.
    filtering: { name: ['exact'] },
    ordering: ['id', 'name'],
    collection: crudCollection<TacplusClient>({
      name: TACPLUSCLIENTS,
      table,
      show: (c) => ({ address: c.address, id: c.id, name: c.name }),
      build,
      // Django FK on_delete CASCADE: the client leaves every policy.
      beforeRemove: (c) => {
        for (const l of [...links.values()]) if (l.client === c.id) links.delete(l.id);
      },
      writable: { create: true, replace: true, remove: true },
    }),
  };
}

// ---- /tacpluspolicies/ -------------------------------------------------------------------------

export function tacpluspoliciesResource(ctx: ModelContext): ResourceDecl {
  const table = tacplusPolicies(ctx.store);
  return {
    name: TACPLUSPOLICIES,
    // 002 · Allowed methods: GET list/detail only ("can now be listed and filtered").
    listMethods: ['GET'],
    detailMethods: ['GET'],
    auth: 'basic',
    permission: { set: 'TACACS+ Service', code: 'Can view TACACS+ Policies' }, // 002 · Authorization and Permissions table (not in 003's)
    fields: {
      id: ID,
      name: { type: 'string', help: 'TACACS+ policy name (read only)', readonly: true, unique: true },
      resource_uri: URI,
    },
    // 002 · Allowed filters: name exact.
    filtering: { name: ['exact'] },
    ordering: ['id', 'name'],
    collection: crudCollection<TacplusPolicy>({ name: TACPLUSPOLICIES, table, show: (p) => ({ id: p.id, name: p.name }) }),
  };
}

// ---- /tacpluspolicyclient/ ---------------------------------------------------------------------

const LINK_FIELDS: Record<string, FieldSpec> = {
  client: { type: 'related', help: 'TACACS+ client URI', related: { to: TACPLUSCLIENTS, kind: 'to_one' } },
  client_name: { type: 'string', help: 'TACACS+ client name (read only)', readonly: true },
  id: ID,
  policy: { type: 'related', help: 'TACACS+ policy URI', related: { to: TACPLUSPOLICIES, kind: 'to_one' } },
  policy_name: { type: 'string', help: 'TACACS+ policy name (read only)', readonly: true },
  resource_uri: URI,
};
const LINK_FILTERING: Record<string, readonly Lookup[]> = { policy_name: ['exact'], client_name: ['exact'] };

export function tacpluspolicyclientResource(ctx: ModelContext): ResourceDecl {
  const { store } = ctx;
  const table = tacplusPolicyClients(store);
  const clients = tacplusClients(store);
  const policies = tacplusPolicies(store);

  function build(data: Record<string, unknown>): Outcome<TacplusPolicyClient> {
    // 002 · Supported fields: policy (TACACS+ policy URI, required), client (TACACS+ client URI, required).
    const errors: FieldErrors = {};
    if (!has(data, 'policy') || data.policy === null) errors.policy = [REQUIRED];
    if (!has(data, 'client') || data.client === null) errors.client = [REQUIRED];
    if (Object.keys(errors).length > 0) return invalid(errors);
    const policy = resolveToOne(data.policy, 'policy', TACPLUSPOLICIES, (id) => policies.get(id) !== undefined);
    if (!policy.ok) return policy;
    const client = resolveToOne(data.client, 'client', TACPLUSCLIENTS, (id) => clients.get(id) !== undefined);
    if (!client.ok) return client;
    // Django unique_together message (reading: one association per policy and client).
    for (const l of table.values())
      if (l.policy === policy.value && l.client === client.value)
        return invalid({ __all__: ['TACACS+ policy client with this Policy and Client already exists.'] });
    return ok({ id: 0, policy: policy.value, client: client.value });
  }

  return {
    name: TACPLUSPOLICYCLIENT,
    // 002 · Allowed methods: GET list/detail, POST, DELETE detail.
    listMethods: ['GET', 'POST'],
    detailMethods: ['GET', 'DELETE'],
    auth: 'basic',
    permission: { set: 'TACACS+ Service', code: 'Can view / change TACACS+ Policies/Clients' }, // 002 · Authorization and Permissions table (not in 003's)
    fields: LINK_FIELDS,
    // 002 · Allowed filters: policy_name exact, client_name exact.
    filtering: LINK_FILTERING,
    ordering: ['id', 'policy', 'client', 'policy_name', 'client_name'],
    collection: crudCollection<TacplusPolicyClient>({
      name: TACPLUSPOLICYCLIENT,
      table,
      show: (l) => ({
        client: detailUri(TACPLUSCLIENTS, l.client),
        client_name: clients.get(l.client)?.name ?? '',
        id: l.id,
        policy: detailUri(TACPLUSPOLICIES, l.policy),
        policy_name: policies.get(l.policy)?.name ?? '',
      }),
      value: (l, field) => {
        if (field === 'client_name') return clients.get(l.client)?.name ?? null;
        if (field === 'policy_name') return policies.get(l.policy)?.name ?? null;
        return undefined;
      },
      build: (data) => build(data),
      writable: { create: true, remove: true },
    }),
  };
}
