// FortiAnalyzer Cloud: the FortiCloud login (POST /p/forticloud_jsonrpc_login/) and the JSON-RPC API
// (POST /jsonrpc). Sources: 001 steps 3-4 and its Note (login-max); facts · FortiAnalyzer JSON-RPC
// (envelope, status codes, errors as HTTP 200 answers, verbose, /sys/status keys, /sys/logout).

import type { FazState } from './state.ts';
import { isObject, jsonReply, str, type Json, type Parsed, type Reply } from './types.ts';
import type { FazVariantFlags } from './variants.ts';

/**
 * facts · FortiAnalyzer JSON-RPC status codes (FMG/FAZ). Messages: "OK" (facts' envelope), "No
 * permission for the resource" and "Login fail" are the texts public clients match on (Fortinet's
 * Ansible FortiManager plugin, rstierli/fortimanager-mcp tests); the others are the facts' meanings
 * written as messages.
 */
export const STATUS = {
  ok: { code: 0, message: 'OK' },
  internal: { code: -1, message: 'Internal error' },
  exists: { code: -2, message: 'Object already exists' },
  notFound: { code: -3, message: 'Object does not exist' },
  noCommand: { code: -5, message: 'No such command' },
  invalidUrl: { code: -6, message: 'Invalid url' },
  invalidParam: { code: -8, message: 'Invalid parameter' },
  commandInvalid: { code: -9, message: 'Command invalid for URL' },
  dataInvalid: { code: -10, message: 'The data is invalid for selected url' },
  noPermission: { code: -11, message: 'No permission for the resource' },
  loginFail: { code: -22, message: 'Login fail' },
} as const;

type Status = (typeof STATUS)[keyof typeof STATUS];

/** One entry of "result": status, the url as sent, and data when there is some. */
interface Entry {
  status: Status;
  url?: string;
  data?: Json;
}

function entry(status: Status, url: string | undefined, data?: Json): Entry {
  const e: Entry = { status };
  if (url !== undefined) e.url = url;
  if (data !== undefined) e.data = data;
  return e;
}

const toJson = (e: Entry): Json => {
  const o: Record<string, Json> = { status: { code: e.status.code, message: e.status.message } };
  if (e.url !== undefined) o.url = e.url;
  if (e.data !== undefined) o.data = e.data;
  return o;
};

// ---------------------------------------------------------------------------------------------------
// POST /p/forticloud_jsonrpc_login/

/**
 * A refused FortiCloud login. The documents give only the success answer ({"session": ...}, 001
 * step 3). Reading (facts · FortiAnalyzer JSON-RPC): FAZ reports failures as JSON-RPC answers with
 * HTTP 200, and -22 is its "login fail" code; so a refused login answers HTTP 200 with that status
 * and no "session" key — which is what public clients test for (Ansible's FortiAnalyzer/FortiManager
 * httpapi plugin and the FortiManager Terraform SDK only look for "session"). The endpoint is not a
 * JSON-RPC call (no id, no url), so the entry carries neither.
 */
const loginFail = (): Reply => jsonReply(200, { result: [toJson(entry(STATUS.loginFail, undefined))] });

export function forticloudLogin(state: FazState, variants: FazVariantFlags, parsed: Parsed): Reply {
  // 001 step 3 · Request Body {"access_token": "<access token obtained in step 2>"}.
  const access = parsed.ok && isObject(parsed.value) ? str(parsed.value.access_token) : undefined;
  if (access === undefined) return loginFail();
  const token = state.validToken(access);
  let username = token?.username;
  if (!token) {
    // An unknown, expired or revoked FortiCloud token opens no session (001 step 3: the session is
    // generated from the token FortiCloud issued in step 2).
    if (!variants.has('faz-invalid-token-accepted')) return loginFail(); // variant
    username = [...state.users.keys()][0];
  }
  // 001 step 3: a valid FortiCloud token gets a session (the variant refuses it like an invalid one).
  if (token && variants.has('faz-valid-token-refused')) return loginFail(); // variant
  const user = username === undefined ? undefined : state.users.get(username);
  if (!user) return loginFail();
  // 001 · Note: "The number of simultaneous API sessions allowed for an API user is controlled by the
  // user's max login setting. By default, this setting is set to 20." Reading: the login past the
  // limit is refused like any failed login (HTTP 200, -22, no session); closing a session (exec
  // /sys/logout, or expiry) frees a slot. Open sessions are never logged out to make room.
  if (state.slotsUsed(user.username) >= user.loginMax && !variants.has('faz-login-max-not-enforced')) return loginFail(); // variant
  // 001 step 3 · Response example {"session": "..."}.
  return jsonReply(200, { session: state.openSession(user.username).id });
}

// ---------------------------------------------------------------------------------------------------
// POST /jsonrpc

/** The methods a JSON-RPC request may name (001 step 4 "method": "get"; facts; FAZ/FMG JSON API:
 * get, set, add, update, delete, exec). Anything else: -5 no such command. */
const METHODS = new Set(['get', 'set', 'add', 'update', 'delete', 'exec']);

interface CallContext {
  state: FazState;
  variants: FazVariantFlags;
  session: string | undefined;
  verbose: boolean;
  now: Date;
}

/** A handler answers the entry's data (undefined: none). */
type Handler = (ctx: CallContext, param: Record<string, unknown>) => Json | undefined;

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number): string => String(n).padStart(2, '0');

/** "Current Time": "Tue Oct 12 13:11:54 CEST 2021" in the FortiManager Cloud example (date(1)'s
 * default format); the emulator's clock is UTC. */
function currentTime(d: Date): string {
  const time = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${time} UTC ${d.getUTCFullYear()}`;
}

/**
 * get /sys/status. facts · the data keys Hostname, Serial Number, Version, Major, Minor, Patch,
 * Build, Platform Type, HA Mode, Admin Domain Configuration, Current Time, License Status. Types and
 * the other keys follow the FortiManager Cloud /sys/status answer in jpforcioli/github_howto_jsonrpc_api
 * (Major/Minor/Patch numbers, Build a string, Version "v7.0.1-build4661 210831 (GA)"); the values are
 * the emulator's own FortiAnalyzer Cloud. verbose: that example (no verbose) already answers the enums
 * as strings ("Disabled", "Stand Alone"), so verbose 0/1 give the same data here; with verbose 1 they
 * must be strings (facts: "verbose: 1 makes get return enums as strings").
 */
function sysStatus(ctx: CallContext): Json {
  // variant faz-verbose-ignored: verbose 1 answers the enum-like keys as numeric codes.
  if (ctx.verbose && ctx.variants.has('faz-verbose-ignored')) return { ...statusData(ctx), 'Admin Domain Configuration': 1, 'HA Mode': 0, 'License Status': 1 };
  return statusData(ctx);
}

function statusData(ctx: CallContext): Record<string, Json> {
  return {
    'Admin Domain Configuration': 'Enabled',
    'BIOS version': '04000002',
    'Branch Point': '2573',
    Build: '2573',
    'Current Time': currentTime(ctx.now),
    'Daylight Time Saving': 'Yes',
    'FIPS Mode': 'Disabled',
    'HA Mode': 'Stand Alone',
    Hostname: 'FAZ-VM64-VIO-CLOUD',
    'License Status': 'Valid',
    Major: 7,
    'Max Number of Admin Domains': 10000,
    Minor: 4,
    'Offline Mode': 'Disabled',
    Patch: 5,
    'Platform Full Name': 'FortiAnalyzer-VM64-VIO-CLOUD',
    'Platform Type': 'FAZ-VM64-VIO-CLOUD',
    'Release Version Information': ' (GA)',
    'Serial Number': 'FAZVCLTM24000001',
    TZ: 'UTC',
    'Time Zone': '(GMT) Greenwich Mean Time',
    Version: 'v7.4.5-build2573 240822 (GA)',
    'x86-64 Applications': 'Yes',
  };
}

/** facts · "Login/logout on non-cloud units: exec on /sys/login/user and /sys/logout". exec
 * /sys/logout ends the caller's session and frees its login-max slot (001 · Note). No data. */
function sysLogout(ctx: CallContext): undefined {
  if (ctx.session !== undefined) ctx.state.closeSession(ctx.session, ctx.variants.has('faz-logout-keeps-slot')); // variant
  return undefined;
}

/** URL → method → handler. URLs are matched without leading/trailing slashes: FMG/FAZ clients send
 * both "/sys/status" and "sys/logout" (Fortinet's Ansible httpapi plugin), and the url is echoed as
 * sent. */
const ROUTES: Record<string, Partial<Record<string, Handler>>> = {
  'sys/status': { get: sysStatus },
  'sys/logout': { exec: sysLogout },
};

/** facts: exec /sys/login/user is the non-cloud login. */
const LOGIN_URL = 'sys/login/user';

const normalise = (url: string): string => url.replace(/^\/+|\/+$/g, '');

/** What the request's `id` is echoed as: the value sent (any JSON value), null when absent. */
function echoId(body: Record<string, unknown>, variants: FazVariantFlags): Json {
  if (variants.has('faz-id-not-echoed')) return null; // variant
  return body.id === undefined ? null : (body.id as Json); // parsed from JSON, so a Json value
}

export function jsonrpc(state: FazState, variants: FazVariantFlags, parsed: Parsed, now: Date): Reply {
  // facts: errors are JSON-RPC answers with HTTP 200. A body that is not a JSON object has no id and
  // no url to echo: one entry with -8 invalid parameter (reading; the documents are silent).
  if (!parsed.ok || !isObject(parsed.value)) return jsonReply(200, { id: null, result: [toJson(entry(STATUS.invalidParam, undefined))] });
  const body = parsed.value;
  const id = echoId(body, variants);
  const answer = (entries: Entry[]): Reply => jsonReply(200, { id, result: entries.map(toJson) });

  // 001 step 4: the session goes in the body. facts: -11 "also what a stale or invalid session gets".
  const sessionId = typeof body.session === 'string' ? body.session : undefined;
  const session = sessionId === undefined ? undefined : state.session(sessionId);
  const sessionOk = session !== undefined || variants.has('faz-session-not-required'); // variant
  const method = typeof body.method === 'string' ? body.method : undefined;
  const ctx: CallContext = { state, variants, session: session?.id, verbose: body.verbose === 1 || body.verbose === true, now };

  const given = Array.isArray(body.params) ? (body.params as unknown[]) : undefined;
  // variant faz-malformed-params-answered: a missing, empty or malformed params list is read as get /sys/status.
  const malformed = !given || given.length === 0 || given.some((p) => !isObject(p) || typeof p.url !== 'string');
  const params = malformed && variants.has('faz-malformed-params-answered') ? [{ url: '/sys/status' }] : given;
  // variant faz-request-values-narrowed: an id that is not a number, or verbose 0, is refused.
  if (variants.has('faz-request-values-narrowed') && ((body.id !== undefined && typeof body.id !== 'number') || body.verbose === 0)) return answer([entry(STATUS.invalidParam, undefined)]);
  // Reading: params must be a non-empty list of {url, data?} objects (001 step 4) — else -8, once.
  if (!params || params.length === 0) return answer([entry(sessionOk ? STATUS.invalidParam : STATUS.noPermission, undefined)]);

  const entries: Entry[] = [];
  for (const param of params) {
    const url = isObject(param) && typeof param.url === 'string' ? param.url : undefined;
    // Reading: FAZ Cloud admins are FortiCloud API users with no FAZ password (001: the session
    // comes from the FortiCloud token), so the non-cloud password login always fails, session or not.
    if (method === 'exec' && url !== undefined && normalise(url) === LOGIN_URL) {
      entries.push(entry(STATUS.loginFail, url));
      continue;
    }
    // Authentication before anything else: without a valid session every call is -11 (facts).
    if (!sessionOk) {
      entries.push(entry(STATUS.noPermission, url));
      continue;
    }
    if (method === undefined || !METHODS.has(method)) {
      if (!variants.has('faz-unknown-method-accepted')) { // variant: answered as a get below
        entries.push(entry(STATUS.noCommand, url));
        continue;
      }
    }
    if (url === undefined || !isObject(param)) {
      entries.push(entry(STATUS.invalidParam, url));
      continue;
    }
    const route = ROUTES[normalise(url)];
    if (!route) {
      // facts: -6 invalid URL, as a JSON-RPC answer with HTTP 200.
      if (variants.has('faz-error-as-http-500')) return { status: 500, text: 'Internal Server Error' }; // variant
      entries.push(entry(STATUS.invalidUrl, url));
      continue;
    }
    // Only the variant faz-unknown-method-accepted gets here with an unknown method: as a get.
    const handler = route[method !== undefined && METHODS.has(method) ? method : 'get'];
    if (!handler) {
      // facts: -9 command invalid for URL (e.g. set /sys/status).
      entries.push(entry(STATUS.commandInvalid, url));
      continue;
    }
    entries.push(entry(STATUS.ok, url, handler(ctx, param)));
  }
  return answer(entries);
}
