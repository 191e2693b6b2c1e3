/**
 * The reference emulator of the FortiAnalyzer Cloud API (001) with the FortiCloud OAuth token step in
 * front of it, on plain node:http / node:https. One server answers both origins' paths:
 *
 *   POST /api/v1/oauth/token/          FortiCloud's auth service (FortiCloud IAM's path on
 *                                      customerapiauth.fortinet.com): password grant
 *                                      {username, password, client_id, grant_type: "password"} → 200
 *                                      {access_token, refresh_token, expires_in, ...}; 401 bad
 *                                      credentials/client. `authUrl` is this server's own base URL.
 *   POST /p/forticloud_jsonrpc_login/  001 step 3: {"access_token"} → {"session"}; a refused login
 *                                      (bad/expired/revoked token, login-max reached) answers HTTP 200
 *                                      {"result": [{"status": {"code": -22, "message": "Login fail"}}]}.
 *   POST /jsonrpc                      001 step 4: {method, params: [{url, data?}], id, verbose,
 *                                      session} → HTTP 200 {"id": <echo>, "result": [{status, url,
 *                                      data?}]}: get /sys/status, exec /sys/logout; -5 unknown method,
 *                                      -6 unknown URL, -8 malformed params, -9 method invalid for the
 *                                      URL, -11 missing/unknown/expired session.
 *
 * Control interface (emulator only; loopback callers only, others get 403; JSON in and out; base
 * `/__emulator`, announced to the suite as provided `emulator-control.base`):
 *
 *   GET  /__emulator/sessions          → {"open": <all open sessions>, "login_max": <seeded user's>,
 *                                         "users": {"<api user>": {"open", "login_max"}}}
 *                                         (lets tests prove every session they opened was logged out)
 *   POST /__emulator/sessions/expire   {"session": "<id>"} → {"expired": 1} (404 unknown);
 *                                      {"all": true} → {"expired": <n>}. The session then gets -11 and
 *                                      its login-max slot is free.
 *   POST /__emulator/tokens/expire     {"access_token"} → {"expired": true} (404 unknown): the token's
 *                                      lifetime is over (the FAZ login refuses it; its refresh token
 *                                      still works). Sessions already opened with it stay open.
 *   POST /__emulator/tokens/revoke     {"access_token"} → {"revoked": true} (404 unknown): the token
 *                                      and its refresh token are dead.
 *   PUT  /__emulator/login-max         {"login_max": <n >= 1>, "api_user"?: "<user>"} → {"login_max"}
 *                                      (POST too). Open sessions stay; only new logins are counted.
 *   POST /__emulator/faz/users         {"login_max"?: <n >= 1, default 20>} (empty body: {}) →
 *                                      {"username", "password"}: a throw-away FortiCloud API user
 *                                      (fresh credentials) that gets tokens from the token endpoint
 *                                      like the seeded one, with its own login-max.
 *   DELETE /__emulator/faz/users/{username}  → {}: its sessions end, its tokens (and refresh tokens)
 *                                      stop working, the user is gone (404 unknown; 400 the seeded
 *                                      user). The sessions report's "login_max" stays the seeded
 *                                      user's.
 *
 * Bad bodies answer 400 {"error"}; a wrong method 405; an unknown path 404. Request bodies above
 * MAX_BODY_BYTES answer 413.
 */

import { createFazApp, type FazApp } from './app.ts';
import { CONTROL_BASE } from './control.ts';
import { serve } from '../host.ts';

export interface FazEmulatorOptions {
  host?: string;
  port?: number;
  /** Also serve HTTPS on this port (0: any free port). */
  httpsPort?: number;
  /** Certificate and key for HTTPS; a self-signed one for 127.0.0.1/localhost is generated if absent. */
  tls?: { cert: string; key: string };
  variants?: string[];
  /** login-max of the seeded API user (default 20, 001 · Note). */
  loginMax?: number;
}

export interface RunningFazEmulator {
  /** HTTP base URL (FAZ and FortiCloud paths). */
  url: string;
  httpsUrl?: string;
  caCert?: string;
  /** Base URL of the FortiCloud OAuth service: this server's HTTP base URL (the HTTPS one serves it
   * too). */
  authUrl: string;
  apiUser: string;
  apiPassword: string;
  clientId: string;
  provided: Record<string, Record<string, unknown>>;
  /** The app behind the sockets (state inspection in tests). */
  app: FazApp;
  close(): Promise<void>;
}

/** Request bodies above this answer 413 (the same limit as the FortiAuthenticator emulator,
 * emulator/fac/server.ts: Django's DATA_UPLOAD_MAX_MEMORY_SIZE default, 2.5 MB). */
export const MAX_BODY_BYTES = 2_621_440;

export async function startFazEmulator(opts: FazEmulatorOptions = {}): Promise<RunningFazEmulator> {
  const app = createFazApp({
    variants: opts.variants ?? [],
    ...(opts.loginMax !== undefined ? { loginMax: opts.loginMax } : {}),
  });
  const hosted = await serve(
    {
      name: 'FortiAnalyzer Cloud',
      maxBodyBytes: MAX_BODY_BYTES,
      tooLarge: { status: 413, headers: { 'Content-Type': 'application/json' }, body: '{"error":"Request body too large."}' },
      internalError: { status: 500, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: 'Internal Server Error' },
      handle: (request) => app.handle(request),
    },
    opts,
  );
  return {
    ...hosted,
    authUrl: hosted.url,
    apiUser: app.apiUser,
    apiPassword: app.apiPassword,
    clientId: app.clientId,
    provided: { 'emulator-control': { base: CONTROL_BASE } },
    app,
  };
}
