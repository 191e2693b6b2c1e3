// Fabric integration endpoints: /api/fabric/authenticate, /api/fabric/device/status (no API version)
// and /api/v1/fabric/widget, /api/v1/fabric/widget/<id>?visualization_type=<type>.
// Source: 002 · Fabric integration endpoints (/fabric/) (authenticate, device status, widget, widget
// detail: fields, methods, response codes, examples), 004 · Fabric authenticate (/fabric/authenticate)
// and 003 · Authorization and Permissions ("fabric" /api/v1/fabric/: OAuth Bearer Token
// Authentication, Widgets, "Can read and access Fabric widgets"; "fabric (no version)" /api/fabric:
// None, "Can authenticate FAC as fabric device").
//
// These are plain Django views, documented without a trailing slash (ResourceDecl.plainView).
// 003 says /api/fabric needs no authentication; 002 says device/status "requires a valid Bearer token"
// (401 "Invalid Bearer token"). Reading: the 003 row is about /api/fabric/authenticate (its permission
// is "Can authenticate FAC as fabric device"); device/status takes a Bearer token, per 002.

import type { FieldSpec, Json, ModelContext, Outcome, Reply, ResourceDecl } from './types.ts';
import { badRequest, ok } from './types.ts';
import { FABRIC_CLIENT_ID, generateToken, type IssuedToken } from './sso-oauth-state.ts';
import { dropped } from './validate.ts';
import { malformedParameter, refreshGrant, tokenBody, INVALID_CREDENTIALS, INVALID_TOKEN } from './oauth.ts';

export const FABRIC_PREFIX = '/api/';
export const FABRIC_AUTHENTICATE = 'fabric/authenticate';
export const FABRIC_DEVICE_STATUS = 'fabric/device/status';
export const FABRIC_WIDGET = 'fabric/widget';

const WIDGETS_PERMISSION = { set: 'Widgets', code: 'Can read and access Fabric widgets' }; // 003 · fabric

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const failure = (message: string): Outcome<Reply> => ok({ kind: 'object', status: 401, data: { error: message } });

/** 004 · the answer: access_token, "expires_in": 0, message, refresh_token, scope "read", success
 * "true", token_type "Bearer" ("these tokens do not expire" — the fabric application's expiry is 0). */
function fabricBody(ctx: ModelContext, t: IssuedToken, message: string): Record<string, Json> {
  const expiresIn = ctx.variants.has('fabric-expires-in-nonzero') ? 3600 : 0; // variant: 004 · "expires_in": 0
  const body = tokenBody(ctx.store.ssoOAuth, t, { expires_in: expiresIn, message, success: 'true' });
  // variant fabric-token-unusable: an access token no Bearer resource knows (002 · device status:
  // "It requires a valid Bearer token").
  if (ctx.variants.has('fabric-token-unusable')) body.access_token = generateToken();
  return body;
}

export function fabricAuthenticateResource(ctx: ModelContext): ResourceDecl {
  const { store } = ctx;
  const state = store.ssoOAuth;

  function run(req: { data: Record<string, unknown> }): Outcome<Reply> {
    const data = req.data;
    const nowMs = ctx.now().getTime();
    // 004 · Supported fields, each text (RFC 6749 §5.2 invalid_request otherwise).
    const malformed = malformedParameter(data, ['username', 'password', 'grant_type', 'refresh_token']);
    if (malformed) return malformed;
    const grant = str(data.grant_type);
    // 004 · Refresh a token: {"grant_type": "refresh_token", "refresh_token"} → new tokens.
    if (grant === 'refresh_token') {
      const refresh = str(data.refresh_token);
      if (refresh === undefined) return badRequest('refresh_token is required for grant_type refresh_token.');
      const t = refreshGrant(state, refresh, FABRIC_CLIENT_ID, ctx.variants, nowMs);
      return t ? ok({ kind: 'object', status: 200, data: fabricBody(ctx, t, 'Token has been refreshed successfully') }) : failure(INVALID_TOKEN);
    }
    // variant validation-enums-unchecked: an unsupported grant_type is read as password.
    if (grant !== undefined && grant !== 'password' && !dropped.enums) return badRequest(`Unsupported grant_type '${grant}'.`);
    // 004 · username and password: "Yes, unless refreshing token".
    const username = str(data.username);
    const password = str(data.password);
    if (username === undefined || password === undefined) return badRequest('username and password are required.');
    // 004 · "User [...] must have Widget read/write permissions or full permissions": administrators
    // with full rights (the admin, /localapiadmin/ admins); the restricted admin has no admin profile
    // (401 "user improperly configured"); local users are not administrators. Reading: the password is
    // the web service access key, the only secret the emulator gives an administrator (facts · FAC
    // 8.0.3: "only the API key works").
    const admin = store.admin;
    const full = (username === admin.username && password === admin.key) || store.apiAdmins.get(username) === password;
    if (!full) return failure(INVALID_CREDENTIALS);
    // "Authenticating will generate a new token." (earlier tokens stay valid: 004 tells to copy one
    // token onto several FortiOS devices).
    // variant fabric-same-token: the administrator's earlier token is answered again.
    const earlier = ctx.variants.has('fabric-same-token') ? issued.get(username) : undefined;
    const t = earlier ?? state.issue(FABRIC_CLIENT_ID, username, nowMs);
    issued.set(username, t);
    return ok({ kind: 'object', status: 200, data: fabricBody(ctx, t, 'successfully authenticated') });
  }
  /** The last token issued per administrator (read by variant fabric-same-token only). */
  const issued = new Map<string, IssuedToken>();

  const fields: Record<string, FieldSpec> = {
    grant_type: { type: 'string', help: 'OAuth grant type (refresh_token when refreshing)', blank: true },
    password: { type: 'string', help: 'Administrator password', blank: true },
    refresh_token: { type: 'string', help: 'OAuth refresh token', blank: true },
    username: { type: 'string', help: 'Administrator username', blank: true },
  };

  return {
    name: FABRIC_AUTHENTICATE,
    urlPrefix: FABRIC_PREFIX,
    plainView: true,
    listMethods: ['POST'], // 004 · Allowed methods: POST
    detailMethods: [],
    auth: 'none', // 003 · fabric (no version): None
    permission: { set: 'Webservice Authentication', code: 'Can authenticate FAC as fabric device' }, // 003
    fields,
    filtering: {},
    ordering: [],
    endpoint: { methods: ['POST'], run },
  };
}

// The emulated unit (002 · Fabric device status example: FACVM, FAC-VM0000000000, host name
// FortiAuthenticator; the guide masks build and version numbers: reading = 6.3.1, the guide's release).
const DEVICE = {
  hostName: 'FortiAuthenticator',
  model: 'FACVM',
  serial: 'FAC-VM0000000000',
  build: 1,
};

/** The release answered as, in device/status's shape. */
function releaseParts(ctx: ModelContext): { major: number; minor: number; patch: number } {
  const [major = 0, minor = 0, patch = 0] = ctx.version.split('.').map(Number);
  return { major, minor, patch };
}

export function fabricDeviceStatusResource(ctx: ModelContext): ResourceDecl {
  // 002 · Get FortiAuthenticator information: build {number, release_life_cycle}, device_type,
  // host_name, model, serial_number, supported_api_versions, version {major, minor, patch}.
  const run = (): Outcome<Reply> =>
    ok({
      kind: 'object',
      status: 200,
      data: {
        build: { number: DEVICE.build, release_life_cycle: 'dev' },
        device_type: 'fortiauthenticator',
        host_name: DEVICE.hostName,
        model: DEVICE.model,
        serial_number: DEVICE.serial,
        supported_api_versions: ['1'],
        version: releaseParts(ctx),
      },
    });

  return {
    name: FABRIC_DEVICE_STATUS,
    urlPrefix: FABRIC_PREFIX,
    plainView: true,
    listMethods: ['GET'], // 002 · Allowed methods: GET
    detailMethods: [],
    auth: 'bearer', // 002 · "It requires a valid Bearer token in the Authorization header."
    fields: {},
    filtering: {},
    ordering: [],
    endpoint: { methods: ['GET'], run },
  };
}

interface Widget {
  id: string;
  label: string;
  types: readonly string[];
  data(ctx: ModelContext): Array<{ lang_key: string; value: Json }>;
  labels: Readonly<Record<string, string>>;
}

// 002 · Get Widget Info: one widget, "sysinfo" ("System Information"), visualization "key-value-pair";
// its detail lists {lang_key, value} pairs (hostname "FortiAuthenticator", devicefqdn "Device FQDN", ...).
const WIDGETS: readonly Widget[] = [
  {
    id: 'sysinfo',
    label: 'System Information',
    types: ['key-value-pair'],
    data: (ctx) => [
      { lang_key: 'hostname', value: DEVICE.hostName },
      // Reading: the emulated unit has no FQDN of its own.
      { lang_key: 'devicefqdn', value: '' },
      { lang_key: 'serialnumber', value: DEVICE.serial },
      { lang_key: 'firmware', value: `v${Object.values(releaseParts(ctx)).join('.')}` },
      { lang_key: 'systemtime', value: ctx.now().toISOString() },
    ],
    labels: {
      devicefqdn: 'Device FQDN',
      firmware: 'Firmware Version',
      hostname: 'Host Name',
      serialnumber: 'Serial Number',
      systemtime: 'System Time',
    },
  },
];

export function fabricWidgetResource(ctx: ModelContext): ResourceDecl {
  // 002 · Get Widget Info: {"data": [{"id", "lang_key", "supported_visualization_types"}], "meta":
  // {"language": {"en": {"<lang_key>": "<label>"}}}}.
  const list = (): Outcome<Reply> => {
    const en: Record<string, Json> = {};
    for (const w of WIDGETS) en[w.id] = w.label;
    return ok({
      kind: 'object',
      status: 200,
      data: {
        data: WIDGETS.map((w) => ({ id: w.id, lang_key: w.id, supported_visualization_types: [...w.types] })),
        meta: { language: { en } },
      },
    });
  };

  // 002 · Get Widget Detail Info: ?visualization_type=<type> → {"data": [{"lang_key", "value"}], "meta":
  // {"language": {"en": {...}}, "polling": false, "polling_interval_min": 0, "visualization_type"}}.
  // Reading: a missing or unsupported visualization type → 400 {"error"}.
  const detail = (w: Widget) => (req: { query: { get(k: string): string | undefined } }): Outcome<Reply> => {
    const type = req.query.get('visualization_type');
    if (type === undefined || type === '') return badRequest('The visualization_type query parameter is required.');
    if (!w.types.includes(type)) return badRequest(`Unsupported visualization_type '${type}' for widget '${w.id}'.`);
    return ok({
      kind: 'object',
      status: 200,
      data: {
        data: w.data(ctx),
        meta: { language: { en: { ...w.labels } }, polling: false, polling_interval_min: 0, visualization_type: type },
      },
    });
  };

  return {
    name: FABRIC_WIDGET,
    plainView: true,
    listMethods: ['GET'], // 002 · Allowed methods: GET
    detailMethods: [],
    auth: 'bearer', // 003 · fabric: OAuth Bearer Token Authentication
    permission: WIDGETS_PERMISSION,
    fields: {
      id: { type: 'string', help: 'The string identifier of the widget' },
      type: { type: 'string', help: 'The string identifier for the visualization type (visualization_type)' },
    },
    filtering: {},
    ordering: [],
    endpoint: { methods: ['GET'], run: list },
    // /api/v1/fabric/widget/<id>: one sub-path per widget (unknown ids → 404).
    listActions: Object.fromEntries(WIDGETS.map((w) => [w.id, { methods: ['GET'] as const, run: detail(w) }])),
  };
}
