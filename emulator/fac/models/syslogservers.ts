// /api/v1/syslogservers/ — model and declaration.
// Source: 002 · Syslog servers (/syslogservers/) (Supported fields, Allowed methods; no filters, no
// examples), 002 · Resource Summary (GET, POST, PATCH, DELETE) and 003 · Authorization and
// Permissions (Webservice Basic; SSO Settings).

import type { FieldErrors, FieldSpec, ModelContext, Outcome, ResourceDecl } from './types.ts';
import type { Row, Store, Table } from './store.ts';
import { applyForm, crudCollection, fail, findDuplicate, settle, uniqueMessage, type Form, type Mode } from './forms.ts';

export const SYSLOGSERVERS = 'syslogservers';

// 002 · level: 'Either "emergency", "alert", "critical", "error", "warning", "notice", "information",
// "debug".' facility: 'Either "kern", "user", ... "local7".'
export const SYSLOG_LEVELS = ['emergency', 'alert', 'critical', 'error', 'warning', 'notice', 'information', 'debug'] as const;
export const SYSLOG_FACILITIES = [
  'kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp', 'ntp', 'audit',
  'alert', 'clock', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7',
] as const;

export interface SyslogServer extends Row {
  name: string;
  address: string;
  port: number;
  level: string;
  facility: string;
}

export const syslogServers = (store: Store): Table<SyslogServer> => store.table<SyslogServer>(SYSLOGSERVERS);

const FIELDS: Record<string, FieldSpec> = {
  address: { type: 'string', help: 'Syslog server IP address or syslog server name' },
  facility: { type: 'string', help: `Facility or category of logs: ${SYSLOG_FACILITIES.join(', ')}`, default: 'user' },
  id: { type: 'integer', help: 'Integer data. Ex: 2673', unique: true },
  level: { type: 'string', help: `Level of logs to record: ${SYSLOG_LEVELS.join(', ')}`, default: 'information' },
  // Reading: names are unique (a named GUI object; the guide does not say).
  name: { type: 'string', help: 'Syslog server name', unique: true },
  port: { type: 'integer', help: 'Syslog server port', default: 514 },
  resource_uri: { type: 'string', help: 'Unicode string data. Ex: "Hello World"', readonly: true },
};

// 002 · Supported fields: name and address required; port "Default is set to 514 if not specified";
// level default "information"; facility default "user". The "Required: Yes" of port, level and
// facility is read together with their defaults: they may be omitted. Reading: port 1-65535.
const FORM: Form = {
  name: { kind: 'string', required: true },
  address: { kind: 'string', required: true },
  port: { kind: 'integer', min: 1, max: 65535, default: 514 },
  level: { kind: 'choice', choices: SYSLOG_LEVELS, default: 'information' },
  facility: { kind: 'choice', choices: SYSLOG_FACILITIES, default: 'user' },
};

// variant syslogservers-defaults-enums-unchecked: no defaults (stored as null) and any level/facility text.
const UNCHECKED_FORM: Form = {
  ...FORM,
  port: { kind: 'integer', min: 1, max: 65535, default: null },
  level: { kind: 'string', default: null },
  facility: { kind: 'string', default: null },
};

export function syslogserversResource(ctx: ModelContext): ResourceDecl {
  const table = syslogServers(ctx.store);
  const form = ctx.variants.has('syslogservers-defaults-enums-unchecked') ? UNCHECKED_FORM : FORM; // variant

  function build(data: Record<string, unknown>, before: SyslogServer | null, mode: Mode, id: number | null): Outcome<SyslogServer> {
    const draft: SyslogServer = before ? { ...before } : { id: 0, name: '', address: '', port: 514, level: 'information', facility: 'user' };
    const errors: FieldErrors = {};
    applyForm(form, data, draft as unknown as Record<string, unknown>, mode, errors);
    if (!errors.name && findDuplicate(table.values(), 'name', draft.name, id)) fail(errors, 'name', uniqueMessage('Syslog server', 'Name'));
    return settle(draft, errors);
  }

  return {
    name: SYSLOGSERVERS,
    // 002 · Allowed methods: GET list/detail, POST, PATCH detail, DELETE detail.
    listMethods: ['GET', 'POST'],
    detailMethods: ['GET', 'PATCH', 'DELETE'],
    auth: 'basic', // 003 · Webservice Basic Authentication
    permission: { set: 'SSO Settings', code: 'Can view / change syslog source' }, // 003 · Authorization and Permissions
    fields: FIELDS,
    // 002 lists no filters for this resource.
    filtering: {},
    ordering: ['id', 'name'],
    collection: crudCollection<SyslogServer>({
      name: SYSLOGSERVERS,
      table,
      show: (s) => ({ address: s.address, facility: s.facility, id: s.id, level: s.level, name: s.name, port: s.port }),
      build,
      writable: { create: true, patch: true, remove: true },
    }),
  };
}
