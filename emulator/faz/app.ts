// One emulated FortiAnalyzer Cloud (plus the FortiCloud OAuth token service in front of it) without
// sockets: state + models + routing, as a plain (FazRequest) => FazResponse function.
// emulator/faz/server.ts puts it on HTTP(S).

import { createUser, deleteUser, expireSession, CONTROL_BASE, sessionsReport, setLoginMax, tokenControl } from './control.ts';
import { tokenEndpoint } from './forticloud.ts';
import { forticloudLogin, jsonrpc } from './jsonrpc.ts';
import { DEFAULT_LOGIN_MAX, FAZ_CLIENT_ID, FazState, generateApiPassword, generateApiUser } from './state.ts';
import { parseJson, type Reply } from './types.ts';
import { resolveFazVariants, type FazVariantFlags } from './variants.ts';

export interface FazRequest {
  method: string;
  /** Request target as received: path plus optional ?query. */
  url: string;
  body: Buffer;
  /** The peer's address (the control interface answers loopback callers only). */
  remoteAddress?: string;
}

export interface FazResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface FazAppOptions {
  variants?: readonly string[];
  /** login-max of the seeded API user (001 · Note: default 20). */
  loginMax?: number;
  apiUser?: string;
  apiPassword?: string;
  now?: () => Date;
}

export interface FazApp {
  handle(req: FazRequest): FazResponse;
  state: FazState;
  variants: FazVariantFlags;
  apiUser: string;
  apiPassword: string;
  clientId: string;
}

/**
 * FortiCloud's token endpoint. Mirrors FortiCloud IAM's path: https://customerapiauth.fortinet.com
 * /api/v1/oauth/token/ (jpforcioli/github_howto_jsonrpc_api; Ansible FortiAnalyzer collection docs),
 * which is the FortiAuthenticator path of 002 · OAuth server token. Served on the same origin as FAZ:
 * the emulator's auth URL is its own base URL.
 */
export const TOKEN_PATH = '/api/v1/oauth/token/';
/** 001 step 3 · Endpoint https://<FortiAnalyzer_cloud_url>/p/forticloud_jsonrpc_login/ */
export const LOGIN_PATH = '/p/forticloud_jsonrpc_login/';
/** 001 step 4 · Endpoint https://<FortiAnalyzer_cloud_url>/jsonrpc */
export const JSONRPC_PATH = '/jsonrpc';

const JSON_TYPE = 'application/json';
const HTML_TYPE = 'text/html; charset=utf-8';

function toResponse(r: Reply): FazResponse {
  const extra = r.headers ?? {};
  if ('json' in r) return { status: r.status, headers: { 'Content-Type': JSON_TYPE, ...extra }, body: JSON.stringify(r.json) };
  return { status: r.status, headers: { 'Content-Type': HTML_TYPE, ...extra }, body: r.text };
}

/** POST-only endpoints answer other methods 405 with Allow (facts: FAC's POST-only resources answer
 * GET 405 — the token service is a FortiAuthenticator; reading: the same for FAZ's two POST
 * endpoints, whose documents name only POST). */
const notAllowed = (allow: string): FazResponse => ({ status: 405, headers: { 'Content-Type': HTML_TYPE, Allow: allow }, body: '' });
const notFound = (): FazResponse => ({ status: 404, headers: { 'Content-Type': HTML_TYPE }, body: 'Not Found' });

/** Both Django endpoints need their trailing slash (facts · tastypie: "Trailing slash required
 * (missing slash: likely a redirect; unverified)"): Django's APPEND_SLASH answers 301 to the slashed
 * path (the POST body is not carried over). */
const appendSlash = (path: string, query: string): FazResponse => ({
  status: 301,
  headers: { 'Content-Type': HTML_TYPE, Location: `${path}/${query}` },
  body: '',
});

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function createFazApp(opts: FazAppOptions = {}): FazApp {
  const variants = resolveFazVariants(opts.variants ?? []);
  const now = opts.now ?? (() => new Date());
  const state = new FazState(() => now().getTime());
  const loginMax = opts.loginMax ?? DEFAULT_LOGIN_MAX;
  if (!Number.isInteger(loginMax) || loginMax < 1) throw new Error(`loginMax must be an integer >= 1, got ${String(opts.loginMax)}`);
  // One seeded FortiCloud API user (001 step 1), fresh credentials per emulator.
  const apiUser = opts.apiUser ?? generateApiUser();
  const apiPassword = opts.apiPassword ?? generateApiPassword();
  state.addUser({ username: apiUser, password: apiPassword, loginMax });

  function control(method: string, path: string, req: FazRequest): FazResponse {
    // Emulator-only: refused to anyone but a loopback caller.
    if (!req.remoteAddress || !LOOPBACK.has(req.remoteAddress)) return toResponse({ status: 403, json: { error: 'The control interface answers loopback callers only.' } });
    const sub = path.slice(CONTROL_BASE.length);
    const parsed = (): ReturnType<typeof parseJson> => parseJson(req.body);
    if (sub === '/faz/users') return method === 'POST' ? toResponse(createUser(state, req.body, parsed())) : notAllowed('POST');
    const user = /^\/faz\/users\/([^/]+)$/.exec(sub);
    if (user) {
      if (method !== 'DELETE') return notAllowed('DELETE');
      let name = user[1]!;
      try {
        name = decodeURIComponent(name);
      } catch {
        // Not percent-encoding: the segment as sent.
      }
      return toResponse(deleteUser(state, name));
    }
    switch (sub) {
      case '/sessions':
        return method === 'GET' ? toResponse(sessionsReport(state)) : notAllowed('GET');
      case '/sessions/expire':
        return method === 'POST' ? toResponse(expireSession(state, parsed())) : notAllowed('POST');
      case '/tokens/expire':
        return method === 'POST' ? toResponse(tokenControl(state, parsed(), 'expire')) : notAllowed('POST');
      case '/tokens/revoke':
        return method === 'POST' ? toResponse(tokenControl(state, parsed(), 'revoke')) : notAllowed('POST');
      case '/login-max':
        return method === 'PUT' || method === 'POST' ? toResponse(setLoginMax(state, parsed())) : notAllowed('POST, PUT');
      default:
        return toResponse({ status: 404, json: { error: `Unknown control path ${path}` } });
    }
  }

  function handle(req: FazRequest): FazResponse {
    const q = req.url.indexOf('?');
    const path = q === -1 ? req.url : req.url.slice(0, q);
    const query = q === -1 ? '' : req.url.slice(q);
    const method = req.method.toUpperCase();

    if (path === TOKEN_PATH) return method === 'POST' ? toResponse(tokenEndpoint(state, parseJson(req.body))) : notAllowed('POST');
    if (path === LOGIN_PATH) return method === 'POST' ? toResponse(forticloudLogin(state, variants, parseJson(req.body))) : notAllowed('POST');
    // 001 step 4: POST /jsonrpc. Reading: the body is JSON whatever the Content-Type (the how-tos
    // send application/json; FAZ documents no other).
    if (path === JSONRPC_PATH) return method === 'POST' ? toResponse(jsonrpc(state, variants, parseJson(req.body), now())) : notAllowed('POST');
    if (path === TOKEN_PATH.slice(0, -1) || path === LOGIN_PATH.slice(0, -1)) return appendSlash(path, query);
    if (path === CONTROL_BASE || path.startsWith(`${CONTROL_BASE}/`)) return control(method, path, req);
    return notFound();
  }

  return { handle, state, variants, apiUser, apiPassword, clientId: FAZ_CLIENT_ID };
}
