// The FortiSIEM wire layer: (request) => response over FsmState, without sockets (server.ts puts it on
// HTTP(S)). Routing, body parsing, Bearer authentication, content types, error envelopes, and the
// emulator control interface (documented at the top of emulator/fsm/server.ts).
//
// Content types. facts · "Real clients note FortiSIEM labels JSON answers text/plain" (the n8n
// FortiSIEM node: "FortiSIEM returns most payloads as text/plain even when the content is JSON"),
// while FNDN's OpenAPI declares application/json. Decision:
//   * the token call answers application/json (200 and 400): FNDN 7.5.1 "API Token" declares it for
//     both, it is the newer OAuth endpoint, and the same client reads it as JSON;
//   * data answers carry what real units send: GET context/user is JSON labelled
//     `text/plain;charset=UTF-8`, incident update is the text `SUCCESS` (FNDN: "application/text",
//     read as text/plain). A client must parse the body, not trust the label;
//   * data-call 400s use FNDN's XML envelope (FNDN incident update: 400 "Bad request",
//     application/xml; shape after FNDN's `response/result/error@code` schemas, the `description`
//     element is this emulator's);
//   * 401/404/405/415 are container answers with an empty body (FNDN gives no body for them).

import { releaseAtLeast } from '../release.ts';
import type { FsmState } from './state.ts';
import type { ApiClient } from './clients.ts';
import type { Principal, Role } from './types.ts';
import { SUPER } from './seed.ts';
import { MCP_PATH, mcpAnswer } from './mcp.ts';

export interface FsmRequest {
  method: string;
  /** Request target as received: path plus optional ?query. */
  url: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Buffer;
  /** The peer address; undefined for in-process calls (treated as loopback). */
  remoteAddress?: string | undefined;
}

export interface FsmResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const TOKEN_PATH = '/phoenix/rest/pub/security/oauth/token';
export const CONTEXT_USER_PATH = '/phoenix/rest/context/user';
export const INCIDENT_UPDATE_PREFIX = '/phoenix/rest/pub/incident/update/';
export const CONTROL_BASE = '/__emulator';

const JSON_TYPE = 'application/json';
const TEXT_TYPE = 'text/plain;charset=UTF-8';
const XML_TYPE = 'application/xml';

const json = (status: number, data: unknown, type = JSON_TYPE, headers: Record<string, string> = {}): FsmResponse => ({
  status,
  headers: { 'Content-Type': type, ...headers },
  body: JSON.stringify(data),
});
const empty = (status: number, headers: Record<string, string> = {}): FsmResponse => ({ status, headers, body: '' });
const methodNotAllowed = (allow: string): FsmResponse => empty(405, { Allow: allow });
/** facts · "Data calls with a missing/invalid/expired token → 401". Reading: no body; the RFC 6750
 * challenge header. */
const unauthorized = (): FsmResponse => empty(401, { 'WWW-Authenticate': 'Bearer' });

/** facts · FortiSIEM token flow: failures are 400 {"error":"BAD_REQUEST","message":"..."}. */
const badRequestJson = (message: string): FsmResponse => json(400, { error: 'BAD_REQUEST', message });

const xmlEscape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);

/** Data-call 400 (FNDN incident update: 400 application/xml). */
function badRequestXml(message: string, now: number): FsmResponse {
  const body =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    `<response requestId="0" timestamp="${now}"><result><error code="1"><description>${xmlEscape(message)}</description></error></result></response>`;
  return { status: 400, headers: { 'Content-Type': XML_TYPE }, body };
}

function header(req: FsmRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

/** The media type of Content-Type, lower-cased, without parameters. */
function mediaType(req: FsmRequest): string {
  return (header(req, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const isLoopback = (addr: string | undefined): boolean => addr === undefined || LOOPBACK.has(addr) || addr.startsWith('127.') || addr.startsWith('::ffff:127.');

export function createFsmApp(state: FsmState): (req: FsmRequest) => FsmResponse {
  return (req) => {
    let url: URL;
    try {
      // Origin-form targets are appended to a fixed origin so "//x/..." stays a path.
      url = req.url.startsWith('/') ? new URL(`http://fsm.invalid${req.url}`) : new URL(req.url, 'http://fsm.invalid');
    } catch {
      return empty(400);
    }
    const path = url.pathname;
    const method = req.method.toUpperCase();
    if (path === CONTROL_BASE || path.startsWith(`${CONTROL_BASE}/`)) {
      if (!isLoopback(req.remoteAddress)) return json(403, { error: 'The emulator control interface answers loopback callers only' });
      return control(state, method, path.slice(CONTROL_BASE.length).replace(/\/+$/, ''), req);
    }
    if (path === TOKEN_PATH) return tokenCall(state, method, req);
    if (path === CONTEXT_USER_PATH) return withPrincipal(state, req, (p) => (method === 'GET' ? contextUser(state, p, url) : methodNotAllowed('GET')));
    // 000 · MCP Service ("Starting in 7.5.1"): the same API tokens as the REST calls; an older release has no such path.
    if (path === MCP_PATH && releaseAtLeast(state.version, '7.5.1')) return withPrincipal(state, req, () => (method === 'POST' ? json(200, mcpAnswer(req.body.toString('utf8'), state.version, state.variants)) : methodNotAllowed('POST')));
    if (path.startsWith(INCIDENT_UPDATE_PREFIX) && path.length > INCIDENT_UPDATE_PREFIX.length && !path.slice(INCIDENT_UPDATE_PREFIX.length).includes('/')) {
      const idText = decodeSegment(path.slice(INCIDENT_UPDATE_PREFIX.length));
      return withPrincipal(state, req, (p) => (method === 'POST' ? updateIncident(state, p, idText, req) : methodNotAllowed('POST')));
    }
    return empty(404);
  };
}

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * The token call (000 · Step 1; facts · FortiSIEM token flow). The seed writes "GET ... Request body";
 * the facts (FNDN 7.5.1 OpenAPI, which defines only `post` for this path, and every client) read it as
 * POST. Decision: POST only; GET (with or without a body) → 405 with Allow: POST, the method check a
 * JAX-RS resource makes (FNDN lists 405 for the context resources). Content-Type must be
 * application/x-www-form-urlencoded (FNDN: "Content-Type must be application/x-www-form-urlencoded");
 * anything else → 415 (a JAX-RS @Consumes mismatch; reading).
 */
function tokenCall(state: FsmState, method: string, req: FsmRequest): FsmResponse {
  if (method !== 'POST') return methodNotAllowed('POST');
  if (mediaType(req) !== 'application/x-www-form-urlencoded') return empty(415);
  const form = new URLSearchParams(req.body.toString('utf8'));
  const result = state.clients.requestToken({
    grant_type: form.get('grant_type') ?? undefined,
    client_id: form.get('client_id') ?? undefined,
    client_secret: form.get('client_secret') ?? undefined,
  });
  if (!result.ok) return badRequestJson(result.error);
  // RFC 6749 5.1: token answers are not cached.
  return json(200, result.value, JSON_TYPE, { 'Cache-Control': 'no-store', Pragma: 'no-cache' });
}

/**
 * Bearer authentication for data calls (000 · Step 2: "Input Credentials: Bearer <access_token>").
 * Reading: authentication runs before the method check (a servlet filter in front of the resource), so
 * a wrong method without a token is 401. The scheme is case-insensitive (RFC 7235). Username/password
 * (Basic "org/user") calls still exist (000: "For backward compatibility"): FsmState.authenticateBasic.
 */
function withPrincipal(state: FsmState, req: FsmRequest, handle: (p: Principal) => FsmResponse): FsmResponse {
  // 000: username and password still work "for backward compatibility" (Basic).
  const basicAuth = /^\s*basic\s+(\S+)\s*$/i.exec(header(req, 'authorization') ?? '');
  if (basicAuth) {
    const principal = state.authenticateBasic(basicAuth[1]!);
    return principal ? handle(principal) : unauthorized();
  }
  const m = /^\s*bearer\s+(\S+)\s*$/i.exec(header(req, 'authorization') ?? '');
  const principal = m ? state.authenticate(m[1]!) : undefined;
  if (principal) return handle(principal);
  // Variant: a missing or never issued token (expired and revoked ones stay refused) passes.
  const fallback = state.variants.has('fsm-bad-token-accepted') && !(m && state.clients.issued(m[1]!)) ? state.fallbackPrincipal() : undefined;
  return fallback ? handle(fallback) : unauthorized();
}

/** GET /phoenix/rest/context/user?value=<user> (000 · Get user (admin) context-GET API; FNDN: `value`
 * required). Reading: a missing or empty value is a 400. */
function contextUser(state: FsmState, p: Principal, url: URL): FsmResponse {
  const value = url.searchParams.get('value');
  if (value === null || value === '') return badRequestXml('Missing required query parameter: value', state.now());
  return json(200, state.data.userContext(p, value), TEXT_TYPE);
}

/** POST /phoenix/rest/pub/incident/update/{incidentId} (000 · Update incident status-POST API: JSON
 * body; facts: 200 text SUCCESS). A body that is not JSON → 415; malformed JSON → 400. */
function updateIncident(state: FsmState, p: Principal, idText: string, req: FsmRequest): FsmResponse {
  const type = mediaType(req);
  if (type !== 'application/json' && !type.endsWith('+json')) return empty(415);
  let body: unknown;
  try {
    body = JSON.parse(req.body.toString('utf8'));
  } catch {
    return badRequestXml('Malformed JSON request body', state.now());
  }
  const result = state.data.updateIncident(p, idText, body);
  if (!result.ok) return badRequestXml(result.error, state.now());
  return { status: 200, headers: { 'Content-Type': TEXT_TYPE }, body: 'SUCCESS' };
}

// ---------------------------------------------------------------------------------------------------
// Emulator control interface (no auth, loopback only). See the comment block in server.ts.

const controlError = (status: number, error: string): FsmResponse => json(status, { error });

function clientView(c: ApiClient, now: number): Record<string, unknown> {
  return {
    client_id: c.clientId,
    name: c.name,
    organization: c.org,
    owner: c.owner,
    status: c.status,
    secret_expired: now >= c.secretExpiresAt,
    secret_expires_at: new Date(c.secretExpiresAt).toISOString(),
    token_expiry: c.tokenExpiryS,
  };
}

function controlBody(req: FsmRequest): Record<string, unknown> | string {
  const text = req.body.toString('utf8').trim();
  if (text === '') return {};
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : 'The body must be a JSON object';
  } catch {
    return 'The body is not valid JSON';
  }
}

const positiveInt = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

function control(state: FsmState, method: string, sub: string, req: FsmRequest): FsmResponse {
  const now = state.now();
  if (sub === '') {
    if (method !== 'GET') return methodNotAllowed('GET');
    return json(200, {
      now: new Date(now).toISOString(),
      variants: state.variants.ids,
      organizations: state.orgs.map((o) => ({ name: o.name, custId: o.custId, global: o.global })),
      users: state.users.map((u) => ({ organization: u.org, name: u.name, role: u.role, oauth_tokens: u.oauthTokens })),
      clients: state.clients.list().map((c) => clientView(c, now)),
    });
  }
  const body = method === 'POST' ? controlBody(req) : {};
  if (typeof body === 'string') return controlError(400, body);

  if (sub === '/clock') {
    if (method !== 'POST') return methodNotAllowed('POST');
    const advance = body.advance;
    if (typeof advance !== 'number' || !Number.isFinite(advance) || advance < 0 || advance > 10 * 365 * 24 * 3600)
      return controlError(400, '"advance" must be a number of seconds (>= 0)');
    return json(200, { now: new Date(state.advance(advance)).toISOString() });
  }

  if (sub === '/users/permission') {
    if (method !== 'POST') return methodNotAllowed('POST');
    const org = body.org ?? SUPER;
    if (typeof body.user !== 'string' || typeof org !== 'string' || typeof body.oauth_tokens !== 'boolean')
      return controlError(400, 'Expected {"user": string, "org"?: string, "oauth_tokens": boolean}');
    const u = state.setOAuthPermission(org, body.user, body.oauth_tokens);
    if (!u) return controlError(404, `No user ${org}/${body.user}`);
    return json(200, { organization: u.org, name: u.name, role: u.role, oauth_tokens: u.oauthTokens });
  }

  const incident = /^\/incidents\/(\d{1,18})$/.exec(sub);
  if (incident) {
    if (method !== 'GET') return methodNotAllowed('GET');
    const i = state.data.incidents.get(Number(incident[1]));
    return i ? json(200, { ...i }) : controlError(404, `No incident ${incident[1]}`);
  }

  if (sub === '/clients') {
    if (method !== 'POST') return methodNotAllowed('POST');
    const org = body.org ?? SUPER;
    if (typeof body.user !== 'string' || typeof org !== 'string') return controlError(400, 'Expected {"user": string, "org"?: string, "name"?: string, "token_expiry"?: seconds, "secret_expiry"?: seconds}');
    if (body.name !== undefined && typeof body.name !== 'string') return controlError(400, '"name" must be a string');
    if (body.token_expiry !== undefined && !positiveInt(body.token_expiry)) return controlError(400, '"token_expiry" must be a positive whole number of seconds');
    if (body.secret_expiry !== undefined && !positiveInt(body.secret_expiry)) return controlError(400, '"secret_expiry" must be a positive whole number of seconds');
    const created = state.createClient(org, body.user, {
      ...(typeof body.name === 'string' ? { name: body.name } : {}),
      ...(typeof body.token_expiry === 'number' ? { tokenExpiryS: body.token_expiry } : {}),
      ...(typeof body.secret_expiry === 'number' ? { secretExpiryS: body.secret_expiry } : {}),
    });
    if (!created.ok) return controlError(created.error.status, created.error.message);
    return json(201, { client_id: created.value.clientId, client_secret: created.value.secret });
  }

  if (sub.startsWith('/fsm/')) return fsmControl(state, method, sub.slice('/fsm'.length), body);

  const m = CLIENT_CALL.exec(sub);
  if (!m) return controlError(404, `Unknown control call ${sub}`);
  return clientCall(state, method, decodeSegment(m[1]!), m[2], empty(204));
}

const CLIENT_CALL = /^\/clients\/([^/]+)(?:\/(reset-secret|revoke|expire-tokens|expire-secret))?$/;

/** GET/DELETE a client, or one of its POST actions; `deleted` is the answer to DELETE. */
function clientCall(state: FsmState, method: string, id: string, action: string | undefined, deleted: FsmResponse): FsmResponse {
  const now = state.now();
  const client = state.clients.get(id);
  if (!client) return controlError(404, `No API client ${id}`);
  if (action === undefined) {
    if (method === 'GET') return json(200, clientView(client, now));
    if (method === 'DELETE') {
      state.deleteClient(id);
      return deleted;
    }
    return methodNotAllowed('GET, DELETE');
  }
  if (method !== 'POST') return methodNotAllowed('POST');
  switch (action) {
    case 'reset-secret': {
      const c = state.clients.resetSecret(id);
      return c ? json(200, { client_id: c.clientId, client_secret: c.secret }) : controlError(404, `No API client ${id}`);
    }
    case 'revoke': {
      const c = state.clients.revoke(id);
      return c ? json(200, clientView(c, now)) : controlError(404, `No API client ${id}`);
    }
    case 'expire-tokens':
      return json(200, { client_id: id, expired: state.clients.expireTokens(id) ?? 0 });
    default: {
      const c = state.clients.expireSecret(id);
      return c ? json(200, clientView(c, state.now())) : controlError(404, `No API client ${id}`);
    }
  }
}

const ROLES: readonly Role[] = ['Full Admin', 'Network Admin'];
const orgNames = (state: FsmState): string => state.orgs.map((o) => `"${o.name}"`).join(' | ');

/**
 * The /__emulator/fsm/ calls (the conformance documents' spelling of the control interface): clients
 * by user, role and organisation, the same client actions (200 answers throughout), incident creation.
 */
function fsmControl(state: FsmState, method: string, sub: string, body: Record<string, unknown>): FsmResponse {
  if (sub === '/clients') {
    if (method !== 'POST') return methodNotAllowed('POST');
    const { user, role, organization } = body;
    if (typeof user !== 'string' || user.trim() === '' || user.length > 255 || typeof role !== 'string' || typeof organization !== 'string')
      return controlError(400, `Expected {"user": string, "role": "Full Admin" | "Network Admin", "organization": ${orgNames(state)}}`);
    if (!ROLES.includes(role as Role)) return controlError(400, `Unknown role ${role}: "Full Admin" or "Network Admin"`);
    if (!state.org(organization)) return controlError(400, `Unknown organization ${organization}: ${orgNames(state)}`);
    // 000 · Creating/Editing API Token: "Access Token Expiry" is set per API token (default 3600 s).
    if (body.token_expiry !== undefined && !positiveInt(body.token_expiry)) return controlError(400, '"token_expiry" must be a positive whole number of seconds');
    const created = state.createClientFor(organization, user, role as Role, typeof body.token_expiry === 'number' ? { tokenExpiryS: body.token_expiry } : {});
    if (!created.ok) return controlError(created.error.status, created.error.message);
    return json(200, { client_id: created.value.clientId, client_secret: created.value.secret });
  }

  if (sub === '/incidents') {
    if (method !== 'POST') return methodNotAllowed('POST');
    const org = body.organization;
    if (typeof org !== 'string') return controlError(400, `Expected {"organization": ${orgNames(state)}}`);
    const incident = state.createIncident(org);
    if (!incident) return controlError(400, `Unknown organization ${org}: ${orgNames(state)}`);
    return json(200, { incidentId: incident.incidentId });
  }

  const incident = /^\/incidents\/(\d{1,18})$/.exec(sub);
  if (incident) {
    if (method !== 'GET') return methodNotAllowed('GET');
    const i = state.data.incidents.get(Number(incident[1]));
    return i ? json(200, { ...i }) : controlError(404, `No incident ${incident[1]}`);
  }

  const m = CLIENT_CALL.exec(sub);
  if (!m) return controlError(404, `Unknown control call /fsm${sub}`);
  return clientCall(state, method, decodeSegment(m[1]!), m[2], json(200, {}));
}
