// /api/v1/smtpservers/ — model and declaration.
// Source: 002 · Email servers (/smtpservers/) (Supported fields, Allowed methods, the POST example) and
// 003 · Authorization and Permissions (Webservice Basic; Messaging Configuration).

import type { FieldErrors, FieldSpec, ModelContext, Outcome, ResourceDecl } from './types.ts';
import type { Row, Store, Table } from './store.ts';
import { REQUIRED } from './validate.ts';
import { applyForm, crudCollection, emailCheck, fail, findDuplicate, settle, uniqueMessage, type Form, type Mode } from './forms.ts';

export const SMTPSERVERS = 'smtpservers';

export interface SmtpServer extends Row {
  name: string;
  address: string;
  port: number | null;
  sender_name: string;
  sender_email: string;
  secure: 'none' | 'starttls';
  authentication: boolean;
  authentication_name: string | null;
  /** Write-only (facts · secrets never appear in GET answers). */
  authentication_password: string | null;
  default: boolean;
}

export const smtpServers = (store: Store): Table<SmtpServer> => store.table<SmtpServer>(SMTPSERVERS);

/** The server the guide's default rule falls back to ("the server with ID 1"). */
export const FALLBACK_SMTP_ID = 1;

/**
 * FAC's built-in mail server: "By default, FortiAuthenticator uses its built-in SMTP server" and
 * "the built-in mail server (localhost)" (FAC Administration Guide · Messaging; the REST guide only
 * names "the server with ID 1"). It is part of the appliance, so it exists even without the seed.
 * The sender address is ours.
 */
function builtin(): SmtpServer {
  return {
    id: FALLBACK_SMTP_ID, name: 'localhost', address: 'localhost', port: 25, sender_name: '',
    sender_email: 'fortiauthenticator@localhost', secure: 'none', authentication: false,
    authentication_name: null, authentication_password: null, default: true,
  };
}

const FIELDS: Record<string, FieldSpec> = {
  address: { type: 'string', help: 'SMTP server IP address or SMTP server name (unique)', unique: true },
  authentication: { type: 'boolean', help: 'Use authentication', default: false },
  authentication_name: { type: 'string', help: 'Authentication username (required if authentication is enabled)', nullable: true, default: null },
  default: { type: 'boolean', help: 'Default SMTP server (only one)', default: false },
  id: { type: 'integer', help: 'Integer data. Ex: 2673', unique: true },
  name: { type: 'string', help: 'SMTP server name (unique)', unique: true },
  port: { type: 'integer', help: 'SMTP server port', default: 25, nullable: true },
  resource_uri: { type: 'string', help: 'Unicode string data. Ex: "Hello World"', readonly: true },
  secure: { type: 'string', help: 'Secured communication method: "none" or "starttls"', default: 'none' },
  sender_email: { type: 'string', help: 'Sender email for email "from" field' },
  sender_name: { type: 'string', help: 'Sender name for email "from" field', blank: true, default: '' },
};

export function smtpserversResource(ctx: ModelContext): ResourceDecl {
  const { store } = ctx;
  const table = smtpServers(store);
  if (table.size === 0) table.insertWithId(builtin());

  // 002 · Supported fields. name, address: required, "Must be unique". port: "Default is 25 when not
  // specified" (reading: 1-65535). sender_email: required (reading: a valid e-mail address). secure:
  // "none" or "starttls", "Default is "none"". authentication: "Default is disabled".
  const FORM: Form = {
    name: { kind: 'string', required: true },
    address: { kind: 'string', required: true },
    port: { kind: 'integer', min: 1, max: 65535, default: 25 },
    sender_name: { kind: 'string' },
    sender_email: { kind: 'string', required: true, check: emailCheck },
    secure: { kind: 'choice', choices: ['none', 'starttls'], default: 'none' },
    authentication: { kind: 'boolean', default: false },
    authentication_name: { kind: 'string', default: null },
    authentication_password: { kind: 'string', default: null },
    default: { kind: 'boolean', default: false },
  };
  // 002 · port: "Default is 25 when not specified."
  const form: Form = ctx.variants.has('smtpservers-no-default-port') ? { ...FORM, port: { kind: 'integer', min: 1, max: 65535, default: null } } : FORM; // variant

  function build(data: Record<string, unknown>, before: SmtpServer | null, mode: Mode, id: number | null): Outcome<SmtpServer> {
    const draft: SmtpServer = before
      ? { ...before }
      : {
          id: 0, name: '', address: '', port: 25, sender_name: '', sender_email: '', secure: 'none', authentication: false,
          authentication_name: null, authentication_password: null, default: false,
        };
    const errors: FieldErrors = {};
    applyForm(form, data, draft as unknown as Record<string, unknown>, mode, errors);
    const dupes = !ctx.variants.has('smtpservers-duplicates-accepted'); // variant: name, address "Must be unique"
    if (dupes && !errors.name && findDuplicate(table.values(), 'name', draft.name, id)) fail(errors, 'name', uniqueMessage('SMTP server', 'Name'));
    if (dupes && !errors.address && findDuplicate(table.values(), 'address', draft.address, id))
      fail(errors, 'address', uniqueMessage('SMTP server', 'Address'));
    // 002 · authentication: "When disabled, authentication name and password are set to None."
    // authentication_name / authentication_password: "Required if "authentication" is enabled."
    if (!errors.authentication) {
      if (!draft.authentication) {
        draft.authentication_name = null;
        draft.authentication_password = null;
      } else if (!ctx.variants.has('smtpservers-auth-credentials-optional')) { // variant
        if (!draft.authentication_name && !errors.authentication_name) fail(errors, 'authentication_name', REQUIRED);
        if (!draft.authentication_password && !errors.authentication_password) fail(errors, 'authentication_password', REQUIRED);
      }
    }
    return settle(draft, errors);
  }

  // 002 · default: "Only one SMTP server can be the default. Setting to "enable" for an SMTP server
  // will cause this server to be the default. Setting to false will cause the server with ID 1 to
  // become the default." Reading: "setting to false" matters only for the current default server.
  function afterWrite(s: SmtpServer, before: SmtpServer | null): void {
    if (ctx.variants.has('smtpservers-many-defaults')) return; // variant: neither "only one" nor the fallback
    if (s.default && !before?.default) {
      for (const o of table.values()) if (o !== s) o.default = false;
    } else if (!s.default && before?.default) fallBack();
  }

  function fallBack(): void {
    const first = table.get(FALLBACK_SMTP_ID);
    if (first) first.default = true;
  }

  return {
    name: SMTPSERVERS,
    // 002 · Allowed methods: GET list/detail, POST, PATCH detail, DELETE detail.
    listMethods: ['GET', 'POST'],
    detailMethods: ['GET', 'PATCH', 'DELETE'],
    auth: 'basic', // 003 · Webservice Basic Authentication
    permission: { set: 'Messaging Configuration', code: 'Can view / change SMTP server' }, // 003 · Authorization and Permissions
    fields: FIELDS,
    // 002 lists no filters for this resource.
    filtering: {},
    ordering: ['id', 'name'],
    collection: crudCollection<SmtpServer>({
      name: SMTPSERVERS,
      table,
      show: (s) => ({
        address: s.address, authentication: s.authentication, authentication_name: s.authentication_name, default: s.default,
        id: s.id, name: s.name, port: s.port, secure: s.secure, sender_email: s.sender_email, sender_name: s.sender_name,
      }),
      value: (s, field) => (field === 'authentication_password' ? null : undefined),
      build,
      afterWrite,
      // Reading: deleting the default server makes server 1 the default, as setting default false
      // does. Server 1 itself may be deleted (the guide does not protect it); then no server is default.
      beforeRemove: (s) => {
        if (s.default && s.id !== FALLBACK_SMTP_ID && !ctx.variants.has('smtpservers-many-defaults')) fallBack(); // variant
      },
      writable: { create: true, patch: true, remove: true },
    }),
  };
}
