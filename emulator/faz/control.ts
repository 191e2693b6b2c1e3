// The emulator's control interface (no FortiAnalyzer counterpart): lets tests make time pass and
// inspect what the product only shows an administrator — expire a session, expire or revoke an access
// token, change login-max, count open sessions. The paths and bodies are documented at the top of
// emulator/faz/server.ts; app.ts restricts them to loopback callers.

import { DEFAULT_LOGIN_MAX, generateApiPassword, generateApiUser, type FazState } from './state.ts';
import { isObject, jsonReply, str, type Json, type Parsed, type Reply } from './types.ts';

export const CONTROL_BASE = '/__emulator';

const bad = (message: string): Reply => jsonReply(400, { error: message });
const notFound = (message: string): Reply => jsonReply(404, { error: message });

function body(parsed: Parsed): Record<string, unknown> | undefined {
  return parsed.ok && isObject(parsed.value) ? parsed.value : undefined;
}

export function sessionsReport(state: FazState): Reply {
  const users: Record<string, Json> = {};
  for (const u of state.users.values()) users[u.username] = { open: state.sessionCount(u.username), login_max: u.loginMax };
  const seeded = [...state.users.values()].find((u) => !u.throwaway);
  return jsonReply(200, { open: state.sessionCount(), login_max: seeded?.loginMax ?? null, users });
}

export function expireSession(state: FazState, parsed: Parsed): Reply {
  const b = body(parsed);
  if (!b) return bad('Body must be a JSON object: {"session": "<id>"} or {"all": true}.');
  if (b.all === true) return jsonReply(200, { expired: state.closeAllSessions() });
  const id = str(b.session);
  if (id === undefined) return bad('"session" (string) or "all": true is required.');
  return state.closeSession(id) ? jsonReply(200, { expired: 1 }) : notFound('No such session.');
}

export function tokenControl(state: FazState, parsed: Parsed, action: 'expire' | 'revoke'): Reply {
  const b = body(parsed);
  const token = b ? str(b.access_token) : undefined;
  if (token === undefined) return bad('Body must be {"access_token": "<token>"}.');
  const done = action === 'expire' ? state.expireToken(token) : state.revokeToken(token);
  if (!done) return notFound('No such access token.');
  return jsonReply(200, action === 'expire' ? { expired: true } : { revoked: true });
}

/** login-max of one API user (`api_user`) or of every user. Lowering it closes no open session: it
 * only refuses further logins (reading of 001 · Note: a limit on simultaneous sessions). */
export function setLoginMax(state: FazState, parsed: Parsed): Reply {
  const b = body(parsed);
  const n = b?.login_max;
  if (!b || typeof n !== 'number' || !Number.isInteger(n) || n < 1) return bad('Body must be {"login_max": <integer >= 1>, "api_user"?: "<user>"}.');
  const name = str(b.api_user);
  if (name !== undefined) {
    const user = state.users.get(name);
    if (!user) return notFound('No such API user.');
    user.loginMax = n;
  } else for (const u of state.users.values()) u.loginMax = n;
  return jsonReply(200, { login_max: n });
}

/** A throw-away FortiCloud API user (fresh username and password, own login-max) that gets tokens
 * from the token endpoint like the seeded one. An empty body means {}. */
export function createUser(state: FazState, raw: Buffer, parsed: Parsed): Reply {
  const b = raw.toString('utf8').trim() === '' ? {} : body(parsed);
  if (!b) return bad('Body must be a JSON object: {"login_max"?: <integer >= 1>}.');
  const n = b.login_max ?? DEFAULT_LOGIN_MAX;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) return bad('"login_max" must be an integer >= 1.');
  let username = generateApiUser();
  while (state.users.has(username)) username = generateApiUser();
  const password = generateApiPassword();
  state.addUser({ username, password, loginMax: n, throwaway: true });
  return jsonReply(200, { username, password });
}

/** Removes a throw-away API user: its sessions end and its tokens stop working. The seeded user stays
 * (400). */
export function deleteUser(state: FazState, username: string): Reply {
  const user = state.users.get(username);
  if (!user) return notFound('No such API user.');
  if (!user.throwaway) return bad('The seeded API user cannot be removed.');
  state.removeUser(username);
  return jsonReply(200, {});
}
