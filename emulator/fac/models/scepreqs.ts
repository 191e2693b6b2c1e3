// /api/v1/scepreqs/ — model and declaration.
// Source: 002 · SCEP Enrollment Requests Management (/scepreqs/) (Supported fields, Allowed methods,
// Allowed filtering; no examples) and 003 · Authorization and Permissions (Webservice Basic;
// Certificate Management). Requests come from SCEP clients, never from this API: the seed holds some.

import type { FieldSpec, ModelContext, ResourceDecl } from './types.ts';
import type { Row, Store, Table } from './store.ts';
import { crudCollection } from './forms.ts';

export const SCEPREQS = 'scepreqs';

export interface ScepRequest extends Row {
  /** 002 · status: One of "Approved", "Pending", or "Rejected". */
  status: 'Approved' | 'Pending' | 'Rejected';
  /** 002 · type: One of "Wildcard" or "Regular". */
  type: 'Wildcard' | 'Regular';
  subject: string;
  issuer: string;
}

export const scepRequests = (store: Store): Table<ScepRequest> => store.table<ScepRequest>(SCEPREQS);

/** Pre-existing enrollment requests, shaped like the subjects of 002 · User certificates' example
 * (the values are ours: the guide has no /scepreqs/ example). */
export function seedScepRequests(store: Store): void {
  const t = scepRequests(store);
  const issuer = '/C=CA/ST=BC/L=Burnaby/O=Fortinet/OU=RD/CN=scep_ca';
  const rows: Array<Omit<ScepRequest, 'id'>> = [
    { status: 'Approved', type: 'Regular', subject: '/C=CA/ST=BC/L=Burnaby/O=Fortinet/OU=RD/CN=device1', issuer },
    { status: 'Pending', type: 'Regular', subject: '/C=CA/ST=BC/L=Burnaby/O=Fortinet/OU=RD/CN=device2', issuer },
    { status: 'Rejected', type: 'Wildcard', subject: '/C=CA/ST=BC/L=Burnaby/O=Fortinet/OU=QA/CN=*', issuer },
  ];
  for (const r of rows) t.insert((id) => ({ ...r, id }));
}

const ro = (help: string): FieldSpec => ({ type: 'string', help, readonly: true });

export function scepreqsResource(ctx: ModelContext): ResourceDecl {
  const table = scepRequests(ctx.store);
  return {
    name: SCEPREQS,
    // 002 · Allowed methods: GET list/detail, DELETE detail ("Required: N/A" for every field: read only).
    listMethods: ['GET'],
    detailMethods: ['GET', 'DELETE'],
    auth: 'basic', // 003 · Webservice Basic Authentication
    permission: { set: 'Certificate Management', code: 'Can view / change certificate enrollment request' }, // 003 · Authorization and Permissions
    fields: {
      id: { type: 'integer', help: 'Integer data. Ex: 2673', unique: true },
      issuer: ro('Subject of the issuer for the SCEP enrollment request'),
      resource_uri: ro('Unicode string data. Ex: "Hello World"'),
      status: ro('Status of the SCEP enrollment request: "Approved", "Pending" or "Rejected"'),
      subject: ro('Subject of the SCEP enrollment request'),
      type: ro('Type of the SCEP enrollment request: "Wildcard" or "Regular"'),
    },
    // 002 · Allowed filtering: subject exact, iexact, contains, icontains.
    filtering: { subject: ['exact', 'iexact', 'contains', 'icontains'] },
    ordering: ['id', 'subject', 'status', 'type'],
    collection: crudCollection<ScepRequest>({
      name: SCEPREQS,
      table,
      show: (r) => ({ id: r.id, issuer: r.issuer, status: r.status, subject: r.subject, type: r.type }),
      writable: { remove: true },
    }),
  };
}
