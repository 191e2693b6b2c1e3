// /api/v1/ftpservers/ — model and declaration.
// Source: 002 · FTP servers (/ftpservers/) (Supported fields, Allowed methods; no filters, no
// examples) and 003 · Authorization and Permissions (Webservice Basic; Maintenance).

import type { FieldErrors, FieldSpec, ModelContext, Outcome, ResourceDecl } from './types.ts';
import type { Row, Store, Table } from './store.ts';
import { applyForm, crudCollection, fail, findDuplicate, has, settle, uniqueMessage, type Form, type Mode } from './forms.ts';
import { parseBoolean } from './validate.ts';

export const FTPSERVERS = 'ftpservers';

export interface FtpServer extends Row {
  name: string;
  address: string;
  port: number;
  username: string;
  /** Write-only (facts · secrets never appear in GET answers). */
  password: string;
  conn_type: 'ftp' | 'sftp';
  /** Variant ftpservers-anonymous-writable only: a value written by a client. */
  anonymous?: boolean;
}

export const ftpServers = (store: Store): Table<FtpServer> => store.table<FtpServer>(FTPSERVERS);

const FIELDS: Record<string, FieldSpec> = {
  address: { type: 'string', help: 'Domain name or IP address of the FTP server' },
  anonymous: { type: 'boolean', help: 'Whether the connection is anonymous or not (read only)', readonly: true },
  conn_type: { type: 'string', help: 'The type of connection: "ftp" or "sftp"', default: 'ftp' },
  id: { type: 'integer', help: 'Integer data. Ex: 2673', unique: true },
  // Reading: names are unique (a named GUI object; the guide does not say).
  name: { type: 'string', help: 'Name of the FTP server', unique: true },
  port: { type: 'integer', help: 'Port of the FTP server', default: 21 },
  resource_uri: { type: 'string', help: 'Unicode string data. Ex: "Hello World"', readonly: true },
  username: { type: 'string', help: 'The username used to login to the FTP server', blank: true, default: '' },
};

// 002 · Supported fields: name, address required; port "Default is set to "21"" (the guide's display
// name "Port of the syslog server" is a copy slip); conn_type "Either "ftp" or "sftp". The default is
// "ftp""; username, password optional. Reading: port 1-65535.
const FORM: Form = {
  name: { kind: 'string', required: true },
  address: { kind: 'string', required: true },
  port: { kind: 'integer', min: 1, max: 65535, default: 21 },
  username: { kind: 'string' },
  password: { kind: 'string' },
  conn_type: { kind: 'choice', choices: ['ftp', 'sftp'], default: 'ftp' },
};

/** 002 · anonymous: "Whether the connection is anonymous or not. Read-only field." Reading: derived —
 * a server without a username is logged into anonymously. */
export const isAnonymous = (s: FtpServer): boolean => s.anonymous ?? s.username === '';

export function ftpserversResource(ctx: ModelContext): ResourceDecl {
  const table = ftpServers(ctx.store);

  function build(data: Record<string, unknown>, before: FtpServer | null, mode: Mode, id: number | null): Outcome<FtpServer> {
    const draft: FtpServer = before ? { ...before } : { id: 0, name: '', address: '', port: 21, username: '', password: '', conn_type: 'ftp' };
    const errors: FieldErrors = {};
    // anonymous is read-only: tastypie skips it when hydrating, so a given value is ignored.
    applyForm(FORM, data, draft as unknown as Record<string, unknown>, mode, errors);
    if (ctx.variants.has('ftpservers-anonymous-writable') && has(data, 'anonymous')) { // variant: "Read-only field"
      const r = parseBoolean(data.anonymous);
      if ('error' in r) fail(errors, 'anonymous', r.error);
      else draft.anonymous = r.value;
    }
    if (!errors.name && findDuplicate(table.values(), 'name', draft.name, id)) fail(errors, 'name', uniqueMessage('FTP server', 'Name'));
    return settle(draft, errors);
  }

  return {
    name: FTPSERVERS,
    // 002 · Allowed methods: GET list/detail, POST, PATCH detail, DELETE detail.
    listMethods: ['GET', 'POST'],
    detailMethods: ['GET', 'PATCH', 'DELETE'],
    auth: 'basic', // 003 · Webservice Basic Authentication
    permission: { set: 'Maintenance', code: 'Can view / change FTP server' }, // 003 · Authorization and Permissions
    fields: FIELDS,
    // 002 lists no filters for this resource.
    filtering: {},
    ordering: ['id', 'name'],
    collection: crudCollection<FtpServer>({
      name: FTPSERVERS,
      table,
      show: (s) => ({
        address: s.address, anonymous: isAnonymous(s), conn_type: s.conn_type, id: s.id, name: s.name, port: s.port, username: s.username,
      }),
      value: (s, field) => (field === 'anonymous' ? isAnonymous(s) : field === 'password' ? null : undefined),
      build,
      writable: { create: true, patch: true, remove: true },
    }),
  };
}
