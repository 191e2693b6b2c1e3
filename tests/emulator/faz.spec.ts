// The FortiAnalyzer Cloud reference emulator (emulator/faz/): FortiCloud token step, FAZ Cloud login,
// JSON-RPC envelope and status codes, sessions and login-max, the control interface, variants, and
// its registration as an embedded product. Every test gets a fresh emulator.

import https from 'node:https';
import { test as base, expect } from '@playwright/test';
import { startFazEmulator, type FazEmulatorOptions, type RunningFazEmulator } from '../../emulator/faz/server.ts';
import { createFazApp } from '../../emulator/faz/app.ts';
import { FAZ_VARIANTS, resolveFazVariants } from '../../emulator/faz/variants.ts';
import { EMBEDDED } from '../../emulator/embedded.ts';

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

interface RpcEntry {
  status: { code: number; message: string };
  url?: string;
  data?: Record<string, unknown>;
}
interface RpcAnswer {
  id?: unknown;
  result: RpcEntry[];
}

class Faz {
  constructor(readonly emu: RunningFazEmulator) {}

  async call(method: string, path: string, body?: unknown, raw?: string): Promise<Reply> {
    const init: RequestInit = { method, redirect: 'manual', headers: {} };
    if (raw !== undefined) init.body = raw;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { 'content-type': 'application/json' };
    }
    const res = await fetch(this.emu.url + path, init);
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, json: <T>() => JSON.parse(text) as T };
  }

  post = (path: string, body?: unknown, raw?: string): Promise<Reply> => this.call('POST', path, body, raw);

  async token(overrides: Record<string, unknown> = {}): Promise<string> {
    const r = await this.post('/api/v1/oauth/token/', {
      username: this.emu.apiUser,
      password: this.emu.apiPassword,
      client_id: this.emu.clientId,
      grant_type: 'password',
      ...overrides,
    });
    expect(r.status, r.text).toBe(200);
    return r.json<{ access_token: string }>().access_token;
  }

  async login(accessToken?: string): Promise<string> {
    const r = await this.post('/p/forticloud_jsonrpc_login/', { access_token: accessToken ?? (await this.token()) });
    expect(r.status, r.text).toBe(200);
    const session = r.json<{ session?: string }>().session;
    expect(typeof session, r.text).toBe('string');
    return session as string;
  }

  async rpc(body: unknown): Promise<RpcAnswer> {
    const r = await this.post('/jsonrpc', body);
    expect(r.status, r.text).toBe(200);
    return r.json<RpcAnswer>();
  }

  status = (session: string | undefined, id: unknown = 1): Promise<RpcAnswer> =>
    this.rpc({ method: 'get', params: [{ url: '/sys/status' }], id, verbose: 1, session });

  logout = (session: string): Promise<RpcAnswer> => this.rpc({ method: 'exec', params: [{ url: '/sys/logout' }], id: 99, session });

  async openSessions(): Promise<number> {
    const r = await this.call('GET', '/__emulator/sessions');
    expect(r.status, r.text).toBe(200);
    return r.json<{ open: number }>().open;
  }
}

const test = base.extend<{ fazOptions: FazEmulatorOptions; emu: RunningFazEmulator; faz: Faz }>({
  fazOptions: [{}, { option: true }],
  emu: async ({ fazOptions }, use) => {
    const emu = await startFazEmulator(fazOptions);
    await use(emu);
    await emu.close();
  },
  faz: async ({ emu }, use) => {
    await use(new Faz(emu));
  },
});

const STATUS_KEYS = [
  'Hostname',
  'Serial Number',
  'Version',
  'Major',
  'Minor',
  'Patch',
  'Build',
  'Platform Type',
  'HA Mode',
  'Admin Domain Configuration',
  'Current Time',
  'License Status',
];

const loginFailed = (r: Reply): void => {
  expect(r.status).toBe(200);
  const b = r.json<{ session?: unknown; result: RpcEntry[] }>();
  expect(b.session).toBeUndefined();
  expect(b.result[0]?.status).toEqual({ code: -22, message: 'Login fail' });
};

test.describe('FortiCloud token step', () => {
  test('password grant answers a bearer token', async ({ faz, emu }) => {
    expect(emu.authUrl).toBe(emu.url);
    expect(emu.clientId).toBe('FortiAnalyzer');
    const r = await faz.post('/api/v1/oauth/token/', { username: emu.apiUser, password: emu.apiPassword, client_id: emu.clientId, grant_type: 'password' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json');
    const b = r.json();
    expect(b).toMatchObject({ message: 'successfully authenticated', status: 'success', token_type: 'Bearer', scope: 'read write', expires_in: 14400 });
    expect(b.access_token).toMatch(/^[A-Za-z0-9]{30}$/);
    expect(b.refresh_token).toMatch(/^[A-Za-z0-9]{30}$/);
  });

  test('refusals: credentials, client, body, grant, method, slash', async ({ faz, emu }) => {
    const good = { username: emu.apiUser, password: emu.apiPassword, client_id: emu.clientId, grant_type: 'password' };
    let r = await faz.post('/api/v1/oauth/token/', { ...good, password: 'wrong' });
    expect([r.status, r.json()]).toEqual([401, { error: 'Invalid credentials' }]);
    r = await faz.post('/api/v1/oauth/token/', { ...good, username: 'nobody' });
    expect(r.status).toBe(401);
    r = await faz.post('/api/v1/oauth/token/', { ...good, client_id: 'flexvm' });
    expect([r.status, r.json()]).toEqual([401, { error: 'Invalid client' }]);
    r = await faz.post('/api/v1/oauth/token/', { ...good, client_id: undefined });
    expect(r.status).toBe(401);
    r = await faz.post('/api/v1/oauth/token/', undefined, '{not json');
    expect([r.status, r.json()]).toEqual([400, { error: 'Request is not valid JSON.' }]);
    r = await faz.post('/api/v1/oauth/token/', { ...good, grant_type: undefined });
    expect(r.status).toBe(400);
    r = await faz.post('/api/v1/oauth/token/', { ...good, grant_type: 'client_credentials' });
    expect(r.status).toBe(400);
    r = await faz.post('/api/v1/oauth/token/', { ...good, password: undefined });
    expect(r.status).toBe(400);
    r = await faz.call('GET', '/api/v1/oauth/token/');
    expect([r.status, r.headers.get('allow')]).toEqual([405, 'POST']);
    r = await faz.post('/api/v1/oauth/token', good);
    expect([r.status, r.headers.get('location')]).toEqual([301, '/api/v1/oauth/token/']);
  });

  test('refresh grant replaces both tokens', async ({ faz, emu }) => {
    const first = (
      await faz.post('/api/v1/oauth/token/', { username: emu.apiUser, password: emu.apiPassword, client_id: emu.clientId, grant_type: 'password' })
    ).json<{ access_token: string; refresh_token: string }>();
    const r = await faz.post('/api/v1/oauth/token/', { grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(r.status).toBe(200);
    const next = r.json<{ access_token: string; refresh_token: string; message: string }>();
    expect(next.message).toBe('Token has been refreshed successfully');
    expect(next.access_token).not.toBe(first.access_token);
    // The old pair is spent: the old refresh token is refused, the old access token opens no session.
    expect((await faz.post('/api/v1/oauth/token/', { grant_type: 'refresh_token', refresh_token: first.refresh_token })).status).toBe(401);
    loginFailed(await faz.post('/p/forticloud_jsonrpc_login/', { access_token: first.access_token }));
    const s = await faz.login(next.access_token);
    await faz.logout(s);
  });
});

test.describe('FAZ Cloud login', () => {
  test('a FortiCloud token gives a session', async ({ faz }) => {
    const session = await faz.login();
    expect(session).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(await faz.openSessions()).toBe(1);
    // The token is not spent by a login (several sessions per token, up to login-max).
    const token = await faz.token();
    const a = await faz.login(token);
    const b = await faz.login(token);
    expect(new Set([session, a, b]).size).toBe(3);
    for (const s of [session, a, b]) await faz.logout(s);
    expect(await faz.openSessions()).toBe(0);
  });

  test('bad, expired and revoked tokens are refused with -22 and no session', async ({ faz }) => {
    loginFailed(await faz.post('/p/forticloud_jsonrpc_login/', { access_token: 'x'.repeat(30) }));
    loginFailed(await faz.post('/p/forticloud_jsonrpc_login/', {}));
    loginFailed(await faz.post('/p/forticloud_jsonrpc_login/', { access_token: 5 }));
    loginFailed(await faz.post('/p/forticloud_jsonrpc_login/', undefined, 'garbage'));
    const expired = await faz.token();
    expect((await faz.post('/__emulator/tokens/expire', { access_token: expired })).json()).toEqual({ expired: true });
    loginFailed(await faz.post('/p/forticloud_jsonrpc_login/', { access_token: expired }));
    const revoked = await faz.token();
    expect((await faz.post('/__emulator/tokens/revoke', { access_token: revoked })).json()).toEqual({ revoked: true });
    loginFailed(await faz.post('/p/forticloud_jsonrpc_login/', { access_token: revoked }));
    expect((await faz.post('/__emulator/tokens/revoke', { access_token: 'nope' })).status).toBe(404);
    expect(await faz.openSessions()).toBe(0);
  });

  test('a session outlives the expiry of the token that opened it', async ({ faz }) => {
    const token = await faz.token();
    const session = await faz.login(token);
    await faz.post('/__emulator/tokens/expire', { access_token: token });
    expect((await faz.status(session)).result[0]?.status.code).toBe(0);
    await faz.logout(session);
  });

  test('method and slash', async ({ faz }) => {
    const r = await faz.call('GET', '/p/forticloud_jsonrpc_login/');
    expect([r.status, r.headers.get('allow')]).toEqual([405, 'POST']);
    const s = await faz.post('/p/forticloud_jsonrpc_login', { access_token: 'x' });
    expect([s.status, s.headers.get('location')]).toEqual([301, '/p/forticloud_jsonrpc_login/']);
  });
});

test.describe('JSON-RPC', () => {
  test('get /sys/status: envelope, data keys, url as sent', async ({ faz }) => {
    const session = await faz.login();
    const r = await faz.post('/jsonrpc', { method: 'get', params: [{ url: '/sys/status' }], id: 1, verbose: 1, session });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json');
    const b = r.json<RpcAnswer>();
    expect(b.id).toBe(1);
    expect(b.result).toHaveLength(1);
    expect(b.result[0]?.status).toEqual({ code: 0, message: 'OK' });
    expect(b.result[0]?.url).toBe('/sys/status');
    const data = b.result[0]?.data ?? {};
    for (const k of STATUS_KEYS) expect(data, k).toHaveProperty([k]);
    expect(typeof data.Major).toBe('number');
    expect(typeof data.Build).toBe('string');
    expect(data.Version).toBe(`v${data.Major}.${data.Minor}.${data.Patch}-build${data.Build} 240822 (GA)`);
    expect(data['Current Time']).toMatch(/^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d UTC \d{4}$/);
    // Without verbose: same data; the url is echoed as sent (no leading slash, trailing slash).
    const plain = await faz.rpc({ method: 'get', params: [{ url: 'sys/status/' }], id: 2, session });
    expect(plain.result[0]?.url).toBe('sys/status/');
    expect(Object.keys(plain.result[0]?.data ?? {}).sort()).toEqual(Object.keys(data).sort());
    await faz.logout(session);
  });

  test('id is echoed exactly, whatever JSON value it is', async ({ faz }) => {
    const session = await faz.login();
    for (const id of [0, 7, -3.5, 'req-1', '', null, true, [1, 'a'], { x: { y: [null] } }]) expect((await faz.status(session, id)).id).toEqual(id);
    expect((await faz.rpc({ method: 'get', params: [{ url: '/sys/status' }], session })).id).toBeNull();
    // Errors echo it too.
    expect((await faz.status(undefined, 'abc')).id).toBe('abc');
    await faz.logout(session);
  });

  test('status codes: -5, -6, -8, -9, and several params', async ({ faz }) => {
    const session = await faz.login();
    const code = async (body: Record<string, unknown>): Promise<number[]> =>
      (await faz.rpc({ id: 1, session, ...body })).result.map((e) => e.status.code);
    expect(await code({ method: 'fetch', params: [{ url: '/sys/status' }] })).toEqual([-5]);
    expect(await code({ params: [{ url: '/sys/status' }] })).toEqual([-5]);
    expect(await code({ method: 'get', params: [{ url: '/no/such/url' }] })).toEqual([-6]);
    expect(await code({ method: 'get', params: [{}] })).toEqual([-8]);
    expect(await code({ method: 'get', params: [] })).toEqual([-8]);
    expect(await code({ method: 'get' })).toEqual([-8]);
    expect(await code({ method: 'get', params: { url: '/sys/status' } })).toEqual([-8]);
    for (const m of ['set', 'add', 'update', 'delete', 'exec']) expect(await code({ method: m, params: [{ url: '/sys/status', data: {} }] })).toEqual([-9]);
    expect(await code({ method: 'get', params: [{ url: '/sys/logout' }] })).toEqual([-9]);
    const multi = await faz.rpc({ method: 'get', id: 3, session, params: [{ url: '/sys/status' }, { url: '/bogus' }, 'x'] });
    expect(multi.result.map((e) => [e.status.code, e.url])).toEqual([
      [0, '/sys/status'],
      [-6, '/bogus'],
      [-8, undefined],
    ]);
    const unknown = await faz.rpc({ method: 'get', id: 4, session, params: [{ url: '/nope' }] });
    expect(unknown.result[0]).toEqual({ status: { code: -6, message: 'Invalid url' }, url: '/nope' });
    await faz.logout(session);
  });

  test('missing, unknown and expired sessions get -11', async ({ faz }) => {
    const noPermission = { code: -11, message: 'No permission for the resource' };
    expect((await faz.status(undefined)).result[0]).toEqual({ status: noPermission, url: '/sys/status' });
    expect((await faz.status('not-a-session')).result[0]?.status).toEqual(noPermission);
    expect((await faz.status(42 as unknown as string)).result[0]?.status).toEqual(noPermission);
    // Authentication comes first: an unknown URL or method without a session is -11 too.
    expect((await faz.rpc({ method: 'get', params: [{ url: '/bogus' }], id: 1 })).result[0]?.status.code).toBe(-11);
    expect((await faz.rpc({ method: 'nope', params: [{ url: '/sys/status' }], id: 1 })).result[0]?.status.code).toBe(-11);
    const session = await faz.login();
    expect((await faz.post('/__emulator/sessions/expire', { session })).json()).toEqual({ expired: 1 });
    expect((await faz.status(session)).result[0]?.status).toEqual(noPermission);
    expect(await faz.openSessions()).toBe(0);
    expect((await faz.post('/__emulator/sessions/expire', { session })).status).toBe(404);
  });

  test('exec /sys/logout ends the session', async ({ faz }) => {
    const session = await faz.login();
    const out = await faz.rpc({ method: 'exec', params: [{ url: 'sys/logout' }], id: 'bye', session });
    expect(out).toEqual({ id: 'bye', result: [{ status: { code: 0, message: 'OK' }, url: 'sys/logout' }] });
    expect(await faz.openSessions()).toBe(0);
    expect((await faz.status(session)).result[0]?.status.code).toBe(-11);
    // A second logout with the dead session: -11.
    expect((await faz.logout(session)).result[0]?.status.code).toBe(-11);
  });

  test('the non-cloud password login always fails on the cloud', async ({ faz, emu }) => {
    const r = await faz.rpc({ method: 'exec', params: [{ url: '/sys/login/user', data: { user: emu.apiUser, passwd: emu.apiPassword } }], id: 1 });
    expect(r.result[0]).toEqual({ status: { code: -22, message: 'Login fail' }, url: '/sys/login/user' });
    expect(await faz.openSessions()).toBe(0);
  });

  test('client mistakes never answer HTTP errors', async ({ faz }) => {
    const session = await faz.login();
    const bodies = ['', 'null', '[]', '"x"', '42', '{', '{"params": [1, null, "x", {"url": 5}, []]}', `{"method": 5, "session": "${session}", "params": [{"url": "/sys/status"}]}`];
    for (const raw of bodies) {
      const r = await faz.post('/jsonrpc', undefined, raw);
      expect(r.status, raw).toBe(200);
      const b = r.json<RpcAnswer>();
      expect(Array.isArray(b.result), raw).toBe(true);
      expect(b.result.every((e) => e.status.code < 0), raw).toBe(true);
    }
    expect((await faz.post('/jsonrpc', undefined, '[]')).json()).toEqual({ id: null, result: [{ status: { code: -8, message: 'Invalid parameter' } }] });
    const get = await faz.call('GET', '/jsonrpc');
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
    expect((await faz.call('GET', '/nowhere')).status).toBe(404);
    const big = await faz.post('/jsonrpc', undefined, `{"x":"${'a'.repeat(3_000_000)}"}`);
    expect(big.status).toBe(413);
    await faz.logout(session);
  });
});

test.describe('login-max', () => {
  test('the 21st concurrent session is refused; a logout frees a slot', async ({ faz }) => {
    const token = await faz.token();
    const sessions: string[] = [];
    for (let i = 0; i < 20; i++) sessions.push(await faz.login(token));
    expect(await faz.openSessions()).toBe(20);
    loginFailed(await faz.post('/p/forticloud_jsonrpc_login/', { access_token: token }));
    // A fresh token does not help: the limit is per API user.
    loginFailed(await faz.post('/p/forticloud_jsonrpc_login/', { access_token: await faz.token() }));
    await faz.logout(sessions.pop() as string);
    sessions.push(await faz.login(token));
    loginFailed(await faz.post('/p/forticloud_jsonrpc_login/', { access_token: token }));
    // Expiring a session frees a slot too.
    await faz.post('/__emulator/sessions/expire', { session: sessions.pop() });
    sessions.push(await faz.login(token));
    for (const s of sessions) await faz.logout(s);
    expect(await faz.openSessions()).toBe(0);
  });

  test('control: set login-max', async ({ faz, emu }) => {
    const r = await faz.call('PUT', '/__emulator/login-max', { login_max: 2 });
    expect(r.json()).toEqual({ login_max: 2 });
    const report = (await faz.call('GET', '/__emulator/sessions')).json();
    expect(report).toEqual({ open: 0, login_max: 2, users: { [emu.apiUser]: { open: 0, login_max: 2 } } });
    const a = await faz.login();
    const b = await faz.login();
    loginFailed(await faz.post('/p/forticloud_jsonrpc_login/', { access_token: await faz.token() }));
    // Lowering the limit keeps open sessions.
    await faz.post('/__emulator/login-max', { login_max: 1, api_user: emu.apiUser });
    expect((await faz.status(a)).result[0]?.status.code).toBe(0);
    expect((await faz.status(b)).result[0]?.status.code).toBe(0);
    await faz.logout(a);
    await faz.logout(b);
    for (const bad of [{ login_max: 0 }, { login_max: 1.5 }, { login_max: '3' }, {}]) expect((await faz.post('/__emulator/login-max', bad)).status).toBe(400);
    expect((await faz.post('/__emulator/login-max', { login_max: 3, api_user: 'ghost' })).status).toBe(404);
  });

  test.describe('loginMax option', () => {
    test.use({ fazOptions: { loginMax: 1 } });
    test('one session only', async ({ faz }) => {
      const s = await faz.login();
      loginFailed(await faz.post('/p/forticloud_jsonrpc_login/', { access_token: await faz.token() }));
      await faz.logout(s);
    });
  });
});

test.describe('control interface', () => {
  test('routing, methods and bodies', async ({ faz }) => {
    expect((await faz.call('POST', '/__emulator/sessions')).status).toBe(405);
    expect((await faz.call('GET', '/__emulator/tokens/expire')).status).toBe(405);
    expect((await faz.call('GET', '/__emulator/nope')).status).toBe(404);
    expect((await faz.post('/__emulator/sessions/expire', undefined, '{')).status).toBe(400);
    expect((await faz.post('/__emulator/tokens/expire', {})).status).toBe(400);
    const s1 = await faz.login();
    await faz.login();
    expect((await faz.post('/__emulator/sessions/expire', { all: true })).json()).toEqual({ expired: 2 });
    expect((await faz.status(s1)).result[0]?.status.code).toBe(-11);
  });

  test('loopback callers only', () => {
    const app = createFazApp();
    const req = { method: 'GET', url: '/__emulator/sessions', body: Buffer.alloc(0) };
    expect(app.handle({ ...req, remoteAddress: '10.1.2.3' }).status).toBe(403);
    expect(app.handle(req).status).toBe(403);
    for (const ip of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) expect(app.handle({ ...req, remoteAddress: ip }).status).toBe(200);
  });

  test('provided names the control base', async ({ emu }) => {
    expect(emu.provided).toEqual({ 'emulator-control': { base: '/__emulator' } });
  });
});

test.describe('control interface: throw-away API users', () => {
  const tokenFor = (faz: Faz, username: string, password: string): Promise<Reply> =>
    faz.post('/api/v1/oauth/token/', { username, password, client_id: faz.emu.clientId, grant_type: 'password' });
  const loginWith = async (faz: Faz, access_token: string): Promise<Reply> => faz.post('/p/forticloud_jsonrpc_login/', { access_token });

  test('POST /__emulator/faz/users: fresh credentials that get FortiCloud tokens and sessions', async ({ faz, emu }) => {
    const r = await faz.post('/__emulator/faz/users', {});
    expect(r.status, r.text).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json');
    const u = r.json<{ username: string; password: string }>();
    expect(Object.keys(u).sort()).toEqual(['password', 'username']);
    expect(u.username).not.toBe(emu.apiUser);
    expect(u.password).toBeTruthy();
    const t = await tokenFor(faz, u.username, u.password);
    expect(t.status, t.text).toBe(200);
    expect(t.json()).toMatchObject({ token_type: 'Bearer', status: 'success' });
    expect((await tokenFor(faz, u.username, 'wrong')).status).toBe(401);
    const session = (await loginWith(faz, t.json<{ access_token: string }>().access_token)).json<{ session: string }>().session;
    expect((await faz.status(session)).result[0]?.status.code).toBe(0);
    // Default login-max 20, its own count; the seeded user's report value is unchanged.
    const report = (await faz.call('GET', '/__emulator/sessions')).json<{ open: number; login_max: number; users: Record<string, unknown> }>();
    expect(report.login_max).toBe(20);
    expect(report.users[u.username]).toEqual({ open: 1, login_max: 20 });
    expect(report.users[emu.apiUser]).toEqual({ open: 0, login_max: 20 });
    // An empty body is {}; every user is unique.
    const other = await faz.call('POST', '/__emulator/faz/users');
    expect(other.status, other.text).toBe(200);
    expect(other.json<{ username: string }>().username).not.toBe(u.username);
    await faz.logout(session);
  });

  test('login_max is the new user\'s own', async ({ faz }) => {
    const u = (await faz.post('/__emulator/faz/users', { login_max: 1 })).json<{ username: string; password: string }>();
    const access = (await tokenFor(faz, u.username, u.password)).json<{ access_token: string }>().access_token;
    const s = (await loginWith(faz, access)).json<{ session: string }>().session;
    expect(typeof s).toBe('string');
    loginFailed(await loginWith(faz, access));
    // The seeded user is not affected.
    const seeded = await faz.login();
    await faz.logout(seeded);
    await faz.logout(s);
    for (const bad of [{ login_max: 0 }, { login_max: 2.5 }, { login_max: '3' }, [1]]) expect((await faz.post('/__emulator/faz/users', bad)).status).toBe(400);
    expect((await faz.post('/__emulator/faz/users', undefined, '{')).status).toBe(400);
    expect((await faz.call('GET', '/__emulator/faz/users')).status).toBe(405);
  });

  test('DELETE /__emulator/faz/users/{username}: sessions end, tokens die, the user is gone', async ({ faz, emu }) => {
    const u = (await faz.post('/__emulator/faz/users', { login_max: 5 })).json<{ username: string; password: string }>();
    const t = (await tokenFor(faz, u.username, u.password)).json<{ access_token: string; refresh_token: string }>();
    const s1 = (await loginWith(faz, t.access_token)).json<{ session: string }>().session;
    const s2 = (await loginWith(faz, t.access_token)).json<{ session: string }>().session;
    const mine = await faz.login();
    const d = await faz.call('DELETE', `/__emulator/faz/users/${encodeURIComponent(u.username)}`);
    expect(d.status, d.text).toBe(200);
    expect(d.json()).toEqual({});
    for (const s of [s1, s2]) expect((await faz.status(s)).result[0]?.status.code).toBe(-11);
    loginFailed(await loginWith(faz, t.access_token));
    expect((await tokenFor(faz, u.username, u.password)).status).toBe(401);
    expect((await faz.post('/api/v1/oauth/token/', { grant_type: 'refresh_token', refresh_token: t.refresh_token })).status).toBe(401);
    const report = (await faz.call('GET', '/__emulator/sessions')).json<{ open: number; users: Record<string, unknown> }>();
    expect(Object.keys(report.users)).toEqual([emu.apiUser]);
    expect(report.open).toBe(1);
    // The seeded user's session is untouched; the seeded user cannot be removed; unknown → 404.
    expect((await faz.status(mine)).result[0]?.status.code).toBe(0);
    expect((await faz.call('DELETE', `/__emulator/faz/users/${emu.apiUser}`)).status).toBe(400);
    expect((await faz.call('DELETE', `/__emulator/faz/users/${encodeURIComponent(u.username)}`)).status).toBe(404);
    expect((await faz.call('POST', `/__emulator/faz/users/${emu.apiUser}`)).status).toBe(405);
    await faz.logout(mine);
  });

  test('loopback callers only', () => {
    const app = createFazApp();
    const req = { method: 'POST', url: '/__emulator/faz/users', body: Buffer.from('{}') };
    expect(app.handle({ ...req, remoteAddress: '10.1.2.3' }).status).toBe(403);
    expect(app.handle({ ...req, method: 'DELETE', url: '/__emulator/faz/users/x', remoteAddress: '10.1.2.3' }).status).toBe(403);
    expect(app.handle({ ...req, remoteAddress: '127.0.0.1' }).status).toBe(200);
  });
});

test.describe('HTTPS', () => {
  test.use({ fazOptions: { httpsPort: 0 } });
  test('both origins over TLS with the generated certificate', async ({ emu }) => {
    expect(emu.httpsUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(emu.caCert).toContain('BEGIN CERTIFICATE');
    const post = (path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> =>
      new Promise((resolve, reject) => {
        const data = JSON.stringify(body);
        const req = https.request(`${emu.httpsUrl}${path}`, { method: 'POST', ca: emu.caCert, headers: { 'content-type': 'application/json' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> }));
        });
        req.on('error', reject);
        req.end(data);
      });
    const t = await post('/api/v1/oauth/token/', { username: emu.apiUser, password: emu.apiPassword, client_id: emu.clientId, grant_type: 'password' });
    expect(t.status).toBe(200);
    const l = await post('/p/forticloud_jsonrpc_login/', { access_token: t.json.access_token });
    const session = l.json.session;
    expect(typeof session).toBe('string');
    const s = await post('/jsonrpc', { method: 'get', params: [{ url: '/sys/status' }], id: 1, session });
    expect((s.json as unknown as RpcAnswer).result[0]?.status.code).toBe(0);
    await post('/jsonrpc', { method: 'exec', params: [{ url: '/sys/logout' }], id: 2, session });
  });
});

test.describe('variants', () => {
  test('list and unknown ids', async () => {
    expect(FAZ_VARIANTS.map((v) => v.id)).toEqual([
      'faz-session-not-required',
      'faz-id-not-echoed',
      'faz-login-max-not-enforced',
      'faz-invalid-token-accepted',
      'faz-error-as-http-500',
      'faz-logout-keeps-slot',
      'faz-unknown-method-accepted',
      'faz-valid-token-refused',
      'faz-verbose-ignored',
      'faz-malformed-params-answered',
      'faz-request-values-narrowed',
    ]);
    for (const v of FAZ_VARIANTS) {
      expect(v.description.length).toBeGreaterThan(10);
      expect(v.source).toMatch(/^(001|facts) · /);
    }
    expect(() => resolveFazVariants(['nope'])).toThrow(/Unknown FortiAnalyzer emulator variant/);
    await expect(startFazEmulator({ variants: ['usergroups-patch-appends'] })).rejects.toThrow(/Unknown FortiAnalyzer emulator variant/);
  });

  test.describe('faz-session-not-required', () => {
    test.use({ fazOptions: { variants: ['faz-session-not-required'] } });
    test('data without a session', async ({ faz }) => {
      const r = await faz.status(undefined);
      expect(r.result[0]?.status.code).toBe(0);
      expect(r.result[0]?.data).toHaveProperty(['Serial Number']);
      expect((await faz.status('bogus')).result[0]?.status.code).toBe(0);
    });
  });

  test.describe('faz-id-not-echoed', () => {
    test.use({ fazOptions: { variants: ['faz-id-not-echoed'] } });
    test('id is null', async ({ faz }) => {
      const session = await faz.login();
      expect((await faz.status(session, 12345)).id).toBeNull();
      await faz.logout(session);
    });
  });

  test.describe('faz-login-max-not-enforced', () => {
    test.use({ fazOptions: { variants: ['faz-login-max-not-enforced'], loginMax: 2 } });
    test('a third session is granted', async ({ faz }) => {
      const token = await faz.token();
      for (let i = 0; i < 3; i++) await faz.login(token);
      expect(await faz.openSessions()).toBe(3);
    });
  });

  test.describe('faz-invalid-token-accepted', () => {
    test.use({ fazOptions: { variants: ['faz-invalid-token-accepted'] } });
    test('an unknown token gets a session', async ({ faz }) => {
      const session = await faz.login('not-a-forticloud-token');
      expect((await faz.status(session)).result[0]?.status.code).toBe(0);
    });
  });

  test.describe('faz-error-as-http-500', () => {
    test.use({ fazOptions: { variants: ['faz-error-as-http-500'] } });
    test('unknown URL answers HTTP 500', async ({ faz }) => {
      const session = await faz.login();
      const r = await faz.post('/jsonrpc', { method: 'get', params: [{ url: '/no/such' }], id: 1, session });
      expect(r.status).toBe(500);
      expect((await faz.status(session)).result[0]?.status.code).toBe(0);
    });
  });

  test.describe('faz-logout-keeps-slot', () => {
    test.use({ fazOptions: { variants: ['faz-logout-keeps-slot'], loginMax: 2 } });
    test('a logged-out session ends but still takes its slot', async ({ faz }) => {
      const token = await faz.token();
      const first = await faz.login(token);
      await faz.login(token);
      expect((await faz.logout(first)).result[0]?.status.code).toBe(0);
      expect((await faz.status(first)).result[0]?.status.code).toBe(-11);
      expect(await faz.openSessions()).toBe(1);
      loginFailed(await faz.post('/p/forticloud_jsonrpc_login/', { access_token: token }));
    });
  });

  test.describe('faz-request-values-narrowed', () => {
    test.use({ fazOptions: { variants: ['faz-request-values-narrowed'] } });
    test('a string id or verbose 0 → -8; a number id with verbose 1 still answered', async ({ faz }) => {
      const session = await faz.login();
      expect((await faz.rpc({ method: 'get', params: [{ url: '/sys/status' }], id: 'fc', verbose: 1, session })).result[0]?.status.code).toBe(-8);
      expect((await faz.rpc({ method: 'get', params: [{ url: '/sys/status' }], id: 1, verbose: 0, session })).result[0]?.status.code).toBe(-8);
      expect((await faz.status(session)).result[0]?.status.code).toBe(0);
      await faz.logout(session);
    });
  });

  test.describe('faz-unknown-method-accepted', () => {
    test.use({ fazOptions: { variants: ['faz-unknown-method-accepted'] } });
    test('an unknown method is answered as a get', async ({ faz }) => {
      const session = await faz.login();
      const r = await faz.rpc({ method: 'frobnicate', params: [{ url: '/sys/status' }], id: 3, session });
      expect(r.result[0]?.status.code).toBe(0);
      expect(r.result[0]?.data).toHaveProperty(['Serial Number']);
      // Everything else as documented: a known method on an unknown URL, and no session.
      expect((await faz.rpc({ method: 'frobnicate', params: [{ url: '/no/such' }], id: 4, session })).result[0]?.status.code).toBe(-6);
      expect((await faz.rpc({ method: 'frobnicate', params: [{ url: '/sys/status' }], id: 5 })).result[0]?.status.code).toBe(-11);
      await faz.logout(session);
    });
  });

  test.describe('faz-valid-token-refused', () => {
    test.use({ fazOptions: { variants: ['faz-valid-token-refused'] } });
    test('a valid FortiCloud token gets login fail and opens no session', async ({ faz }) => {
      const token = await faz.token();
      loginFailed(await faz.post('/p/forticloud_jsonrpc_login/', { access_token: token }));
      loginFailed(await faz.post('/p/forticloud_jsonrpc_login/', { access_token: 'not-a-forticloud-token' }));
      expect(await faz.openSessions()).toBe(0);
    });
  });

  test('normal emulator: none of the deviations', async ({ faz }) => {
    expect((await faz.status(undefined)).result[0]?.status.code).toBe(-11);
    const session = await faz.login();
    expect((await faz.rpc({ method: 'frobnicate', params: [{ url: '/sys/status' }], id: 3, session })).result[0]?.status.code).toBe(-5);
    expect((await faz.status(session, 12345)).id).toBe(12345);
    expect((await faz.rpc({ method: 'get', params: [{ url: '/no/such' }], id: 1, session })).result[0]?.status.code).toBe(-6);
    loginFailed(await faz.post('/p/forticloud_jsonrpc_login/', { access_token: 'not-a-forticloud-token' }));
    await faz.logout(session);
    expect(await faz.openSessions()).toBe(0);
  });
});

test('embedded product: faz', async () => {
  const faz = EMBEDDED.faz;
  expect(faz).toBeDefined();
  if (!faz) return;
  expect([...faz.variants]).toEqual(FAZ_VARIANTS.map((v) => v.id));
  const target = await faz.start([]);
  try {
    expect(target.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(target.caCert).toContain('BEGIN CERTIFICATE');
    expect(target.values.auth_url).toBe(target.url);
    expect(target.values.client_id).toBe('FortiAnalyzer');
    expect(target.values.api_user).toMatch(/^[0-9A-F-]{36}$/);
    expect(target.values.api_password).toBeTruthy();
    expect(target.provided).toEqual({ 'emulator-control': { base: '/__emulator' } });
  } finally {
    await target.close();
  }
});
