// The FortiSIEM reference emulator (emulator/fsm/): token flow, privileges, data calls, control
// interface, variants, embedding. Every test gets a fresh emulator with a clock it controls.
import { test as base, expect } from '@playwright/test';
import { Agent, request as undiciRequest } from 'undici';
import { startFsmEmulator, type FsmEmulatorOptions, type RunningFsmEmulator } from '../../emulator/fsm/server.ts';
import { FSM_VARIANTS, resolveFsmVariants } from '../../emulator/fsm/variants.ts';
import { FsmState } from '../../emulator/fsm/state.ts';
import { createFsmApp } from '../../emulator/fsm/app.ts';
import { EMBEDDED, allVariantIds } from '../../emulator/embedded.ts';

const TOKEN = '/phoenix/rest/pub/security/oauth/token';
const CONTEXT = '/phoenix/rest/context/user';
const UPDATE = '/phoenix/rest/pub/incident/update/';

const MSG = {
  invalid: 'Invalid ClientId or ClientSecret',
  expired: 'Client secret expired',
  revoked: 'Client ID revoked',
  rate: 'Rate limit exceeded. Limit is 1 token request per ClientId every 5 seconds',
  blocked: 'Failure threshold exceeded. Token requests blocked for 5 minutes',
};

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

interface Creds {
  client_id: string;
  client_secret: string;
}

class Fsm {
  constructor(
    readonly emu: RunningFsmEmulator,
    private readonly clock: { now: number },
  ) {}

  get main(): Creds {
    return { client_id: this.emu.clientId, client_secret: this.emu.clientSecret };
  }

  provided(name: string): Creds {
    return this.emu.provided[name] as unknown as Creds;
  }

  /** Move the injected clock (the emulator's own /__emulator/clock is tested separately). */
  advance(seconds: number): void {
    this.clock.now += seconds * 1000;
  }

  async call(method: string, path: string, opts: { bearer?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.bearer !== undefined) headers.authorization = `Bearer ${opts.bearer}`;
    const res = await fetch(this.emu.url + path, { method, headers, body: opts.body, redirect: 'manual' });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, json: <T>() => JSON.parse(text) as T };
  }

  tokenCall(fields: Record<string, string>, headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' }): Promise<Reply> {
    return this.call('POST', TOKEN, { headers, body: new URLSearchParams(fields).toString() });
  }

  requestToken(c: Creds): Promise<Reply> {
    return this.tokenCall({ grant_type: 'client_credentials', ...c });
  }

  async token(c: Creds = this.main): Promise<string> {
    const r = await this.requestToken(c);
    expect(r.status, r.text).toBe(200);
    return r.json<{ access_token: string }>().access_token;
  }

  context(token: string, value: string): Promise<Reply> {
    return this.call('GET', `${CONTEXT}?value=${encodeURIComponent(value)}`, { bearer: token });
  }

  update(token: string, id: number | string, body: unknown): Promise<Reply> {
    return this.call('POST', `${UPDATE}${id}`, { bearer: token, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  }

  async control(method: string, path: string, body?: unknown): Promise<Reply> {
    return this.call(method, `/__emulator${path}`, body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  }

  async createClient(body: Record<string, unknown>): Promise<Creds> {
    const r = await this.control('POST', '/clients', body);
    expect(r.status, r.text).toBe(201);
    return r.json<Creds>();
  }
}

const test = base.extend<{ fsmOptions: FsmEmulatorOptions; fsm: Fsm }>({
  fsmOptions: [{}, { option: true }],
  fsm: async ({ fsmOptions }, use) => {
    const clock = { now: Date.UTC(2025, 10, 4, 16, 0, 0) };
    const emu = await startFsmEmulator({ clock: () => clock.now, ...fsmOptions });
    await use(new Fsm(emu, clock));
    await emu.close();
  },
});

type Ctx = { contexts: Array<{ value: string; incidents: Array<{ incidentId: number; severityCat: string }>; topEventTypes: unknown[]; risk: { score: number; explanation?: unknown } }> };
const incidentIds = (r: Reply): number[][] => r.json<Ctx>().contexts.map((c) => c.incidents.map((i) => i.incidentId));

test.describe('token call', () => {
  test('client credentials → 200 access token, Bearer, 3600, JSON', async ({ fsm }) => {
    const r = await fsm.requestToken(fsm.main);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(r.headers.get('cache-control')).toBe('no-store');
    const body = r.json();
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'token_type']);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(typeof body.access_token).toBe('string');
    expect((body.access_token as string).length).toBeGreaterThan(20);
  });

  test('GET (the seed\'s wording) → 405 Allow: POST; wrong content types → 415; bad grant → 400', async ({ fsm }) => {
    const form = new URLSearchParams({ grant_type: 'client_credentials', ...fsm.main }).toString();
    // fetch refuses a GET body; undici's request sends one.
    const get = await undiciRequest(fsm.emu.url + TOKEN, { method: 'GET', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
    await get.body.text();
    expect(get.statusCode).toBe(405);
    expect(get.headers.allow).toBe('POST');
    expect((await fsm.call('GET', TOKEN)).status).toBe(405);
    expect((await fsm.call('POST', TOKEN, { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'client_credentials', ...fsm.main }) })).status).toBe(415);
    expect((await fsm.call('POST', TOKEN, { body: form })).status).toBe(415);
    const grant = await fsm.tokenCall({ grant_type: 'password', ...fsm.main });
    expect(grant.status).toBe(400);
    expect(grant.json()).toEqual({ error: 'BAD_REQUEST', message: 'Unsupported grant_type' });
    // A charset parameter on the form type is fine.
    const ok = await fsm.tokenCall({ grant_type: 'client_credentials', ...fsm.main }, { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' });
    expect(ok.status).toBe(200);
  });

  test('wrong secret, unknown id, missing fields → 400 Invalid ClientId or ClientSecret', async ({ fsm }) => {
    const cases: Array<Record<string, string>> = [
      { client_id: fsm.main.client_id, client_secret: 'nope' },
      { client_id: 'no-such-client', client_secret: fsm.main.client_secret },
      { client_id: fsm.main.client_id },
      {},
    ];
    for (const fields of cases) {
      const r = await fsm.tokenCall({ grant_type: 'client_credentials', ...fields });
      expect(r.status).toBe(400);
      expect(r.headers.get('content-type')).toBe('application/json');
      expect(r.json()).toEqual({ error: 'BAD_REQUEST', message: MSG.invalid });
    }
  });

  test('rate limit: one token per client id every 5 s; other clients unaffected', async ({ fsm }) => {
    await fsm.token();
    fsm.advance(4.999);
    const r = await fsm.requestToken(fsm.main);
    expect(r.status).toBe(400);
    expect(r.json()).toEqual({ error: 'BAD_REQUEST', message: MSG.rate });
    expect((await fsm.requestToken(fsm.provided('org1-client'))).status).toBe(200);
    fsm.advance(0.001);
    expect((await fsm.requestToken(fsm.main)).status).toBe(200);
  });

  test('failure threshold: 5 failures, then blocked 5 minutes even with the right secret', async ({ fsm }) => {
    const bad = { client_id: fsm.main.client_id, client_secret: 'wrong' };
    for (let i = 0; i < 5; i++) expect((await fsm.requestToken(bad)).json()).toMatchObject({ message: MSG.invalid });
    const blocked = await fsm.requestToken(fsm.main);
    expect(blocked.status).toBe(400);
    expect(blocked.json()).toEqual({ error: 'BAD_REQUEST', message: MSG.blocked });
    // Other client ids are not blocked.
    expect((await fsm.requestToken(fsm.provided('org1-client'))).status).toBe(200);
    fsm.advance(299);
    expect((await fsm.requestToken(fsm.main)).json()).toMatchObject({ message: MSG.blocked });
    fsm.advance(1);
    expect((await fsm.requestToken(fsm.main)).status).toBe(200);
  });

  test('failures further apart than 5 minutes do not add up; a success resets the count', async ({ fsm }) => {
    const bad = { client_id: fsm.main.client_id, client_secret: 'wrong' };
    for (let i = 0; i < 4; i++) await fsm.requestToken(bad);
    fsm.advance(301);
    for (let i = 0; i < 4; i++) await fsm.requestToken(bad);
    expect((await fsm.requestToken(fsm.main)).status).toBe(200);
    for (let i = 0; i < 4; i++) await fsm.requestToken(bad);
    fsm.advance(5);
    expect((await fsm.requestToken(fsm.main)).status).toBe(200);
  });

  test('unknown client ids are blocked too, per id', async ({ fsm }) => {
    const ghost = { client_id: 'ghost', client_secret: 'x' };
    for (let i = 0; i < 5; i++) expect((await fsm.requestToken(ghost)).json()).toMatchObject({ message: MSG.invalid });
    expect((await fsm.requestToken(ghost)).json()).toMatchObject({ message: MSG.blocked });
    expect((await fsm.requestToken(fsm.main)).status).toBe(200);
  });
});

test.describe('token lifecycle', () => {
  test('missing, garbage, Basic and expired tokens → 401 on data calls', async ({ fsm }) => {
    const token = await fsm.token();
    expect((await fsm.call('GET', `${CONTEXT}?value=admin`)).status).toBe(401);
    expect((await fsm.context('garbage', 'admin')).status).toBe(401);
    const basic = await fsm.call('GET', `${CONTEXT}?value=admin`, { headers: { authorization: `Basic ${Buffer.from('super/admin:x').toString('base64')}` } });
    expect(basic.status).toBe(401);
    expect(basic.headers.get('www-authenticate')).toBe('Bearer');
    expect((await fsm.call('GET', `${CONTEXT}?value=admin`, { headers: { authorization: `bearer ${token}` } })).status).toBe(200);
    fsm.advance(3599);
    expect((await fsm.context(token, 'admin')).status).toBe(200);
    fsm.advance(1);
    expect((await fsm.context(token, 'admin')).status).toBe(401);
    expect((await fsm.update(token, 7, { incidentStatus: 1 })).status).toBe(401);
  });

  test('token expiry follows the client\'s Access Token Expiry', async ({ fsm }) => {
    const c = await fsm.createClient({ user: 'admin', token_expiry: 60 });
    const r = await fsm.requestToken(c);
    expect(r.json()).toMatchObject({ expires_in: 60 });
    const token = r.json<{ access_token: string }>().access_token;
    fsm.advance(60);
    expect((await fsm.context(token, 'admin')).status).toBe(401);
  });

  test('secret expiry: token call → Client secret expired; tokens issued before stay valid; reset secret', async ({ fsm }) => {
    const c = await fsm.createClient({ user: 'admin', secret_expiry: 600 });
    const token = await fsm.token(c);
    fsm.advance(600);
    const r = await fsm.requestToken(c);
    expect(r.status).toBe(400);
    expect(r.json()).toEqual({ error: 'BAD_REQUEST', message: MSG.expired });
    expect((await fsm.context(token, 'admin')).status).toBe(200);
    const reset = await fsm.control('POST', `/clients/${c.client_id}/reset-secret`);
    expect(reset.status).toBe(200);
    const fresh = reset.json<Creds>();
    expect(fresh.client_id).toBe(c.client_id);
    expect(fresh.client_secret).not.toBe(c.client_secret);
    expect((await fsm.requestToken(c)).json()).toMatchObject({ message: MSG.invalid });
    expect((await fsm.requestToken(fresh)).status).toBe(200);
    expect((await fsm.context(token, 'admin')).status).toBe(200);
  });

  test('expire-secret and expire-tokens control calls', async ({ fsm }) => {
    const token = await fsm.token();
    const exp = await fsm.control('POST', `/clients/${fsm.main.client_id}/expire-tokens`);
    expect(exp.json()).toEqual({ client_id: fsm.main.client_id, expired: 1 });
    expect((await fsm.context(token, 'admin')).status).toBe(401);
    fsm.advance(5);
    expect((await fsm.control('POST', `/clients/${fsm.main.client_id}/expire-secret`)).status).toBe(200);
    expect((await fsm.requestToken(fsm.main)).json()).toMatchObject({ message: MSG.expired });
  });

  test('revoke: the token in use is invalid at once; token calls → Client ID revoked', async ({ fsm }) => {
    const token = await fsm.token();
    expect((await fsm.context(token, 'admin')).status).toBe(200);
    const r = await fsm.control('POST', `/clients/${fsm.main.client_id}/revoke`);
    expect(r.json()).toMatchObject({ status: 'revoked' });
    expect((await fsm.context(token, 'admin')).status).toBe(401);
    fsm.advance(5);
    expect((await fsm.requestToken(fsm.main)).json()).toEqual({ error: 'BAD_REQUEST', message: MSG.revoked });
    // A wrong secret for a revoked client is still just invalid.
    expect((await fsm.requestToken({ ...fsm.main, client_secret: 'x' })).json()).toMatchObject({ message: MSG.invalid });
  });

  test('delete: tokens stop working, the id becomes unknown', async ({ fsm }) => {
    const token = await fsm.token();
    expect((await fsm.control('DELETE', `/clients/${fsm.main.client_id}`)).status).toBe(204);
    expect((await fsm.context(token, 'admin')).status).toBe(401);
    fsm.advance(5);
    expect((await fsm.requestToken(fsm.main)).json()).toMatchObject({ message: MSG.invalid });
    expect((await fsm.control('GET', `/clients/${fsm.main.client_id}`)).status).toBe(404);
  });

  test('owner loses OAuth Tokens permission → Unauthorized user', async ({ fsm }) => {
    const p = await fsm.control('POST', '/users/permission', { user: 'admin', oauth_tokens: false });
    expect(p.json()).toMatchObject({ oauth_tokens: false });
    expect((await fsm.requestToken(fsm.main)).json()).toEqual({ error: 'BAD_REQUEST', message: 'Unauthorized user' });
  });

  test('the control clock advances expiry too', async ({ fsm }) => {
    const token = await fsm.token();
    const r = await fsm.control('POST', '/clock', { advance: 3600 });
    expect(r.status).toBe(200);
    expect((await fsm.context(token, 'admin')).status).toBe(401);
    expect((await fsm.control('POST', '/clock', { advance: -1 })).status).toBe(400);
  });
});

test.describe('privileges and data calls', () => {
  test('Full Admin Super/Global: the seed\'s admin context example', async ({ fsm }) => {
    const r = await fsm.context(await fsm.token(), 'admin');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/plain;charset=UTF-8');
    expect(r.json()).toEqual({
      contexts: [
        {
          parameter: 'user',
          value: 'admin',
          location: { latitude: 0.0, longitude: 0.0 },
          userInfo: { groups: ['FortiSIEM Users'] },
          incidents: [
            { incidentId: 7, ruleName: 'FortiSIEM User Created', incidentTitle: 'admin created FortiSIEM user auto-user on super19867.fortinet.com', firstSeenTime: '11/04/2025 07:59:45 PST', lastSeenTime: '11/04/2025 07:59:45 PST', severityCat: 'MEDIUM' },
            { incidentId: 8, ruleName: 'FortiSIEM User Created', incidentTitle: 'admin created FortiSIEM user team_queue_auto-team on super19867.fortinet.com', firstSeenTime: '11/04/2025 08:00:00 PST', lastSeenTime: '11/04/2025 08:00:00 PST', severityCat: 'MEDIUM' },
          ],
          topEventTypes: [{ eventType: 'Generic_Unix_Successful_Switch_User', eventName: 'Successful privilege escalation', count: 100 }],
          risk: { score: 35.80429, explanation: { name: 'FortiSIEM User Created', incidentId: '7,8', severity: 7, rarity: 0.7071067811865476, count: '1,1' } },
        },
      ],
    });
  });

  test('organisation scope: Super/Global sees every organisation, Org1 only Org1', async ({ fsm }) => {
    const superToken = await fsm.token();
    const org1Token = await fsm.token(fsm.provided('org1-client'));
    expect(incidentIds(await fsm.context(superToken, 'jdoe'))).toEqual([[101, 102], [201]]);
    expect(incidentIds(await fsm.context(org1Token, 'jdoe'))).toEqual([[101, 102]]);
    expect((await fsm.context(org1Token, 'admin')).json()).toEqual({ contexts: [] });
    expect((await fsm.update(org1Token, 201, { incidentStatus: 2 })).status).toBe(400);
    expect((await fsm.update(org1Token, 7, { incidentStatus: 2 })).status).toBe(400);
    expect((await fsm.update(org1Token, 101, { incidentStatus: 2 })).text).toBe('SUCCESS');
    expect((await fsm.update(superToken, 201, { incidentStatus: 2 })).text).toBe('SUCCESS');
  });

  test('Network Admin: only network-device incidents and event types', async ({ fsm }) => {
    const full = await fsm.token();
    const net = await fsm.token(fsm.provided('network-admin-client'));
    const admin = (await fsm.context(net, 'admin')).json<Ctx>();
    expect(admin.contexts).toHaveLength(1);
    expect(admin.contexts[0]).toMatchObject({ value: 'admin', incidents: [], topEventTypes: [], risk: { score: 0 } });
    expect(incidentIds(await fsm.context(full, 'admin'))).toEqual([[7, 8]]);
    expect(incidentIds(await fsm.context(net, 'jdoe'))).toEqual([[102], []]);
    const netops = (await fsm.context(net, 'netops')).json<Ctx>();
    expect(netops.contexts[0]?.risk).toMatchObject({ score: 48.5 });
    const refused = await fsm.update(net, 7, { incidentStatus: 2 });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toBe('application/xml');
    expect(refused.text).toContain('Incident 7 not found');
    expect((await fsm.update(net, 9, { incidentStatus: 2 })).text).toBe('SUCCESS');
    expect((await fsm.update(full, 7, { incidentStatus: 2 })).text).toBe('SUCCESS');
  });

  test('Org1 Network Admin: Org1 network data only', async ({ fsm }) => {
    const c = await fsm.createClient({ user: 'org1_netadmin', org: 'Org1' });
    const t = await fsm.token(c);
    expect(incidentIds(await fsm.context(t, 'jdoe'))).toEqual([[102]]);
    expect((await fsm.update(t, 202, {})).status).toBe(400);
    expect((await fsm.update(t, 102, {})).text).toBe('SUCCESS');
  });

  test('context/user: missing value → 400, unknown user → empty contexts, wrong method → 405', async ({ fsm }) => {
    const t = await fsm.token();
    const missing = await fsm.call('GET', CONTEXT, { bearer: t });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('<error code="1">');
    expect((await fsm.context(t, 'nobody')).json()).toEqual({ contexts: [] });
    const post = await fsm.call('POST', `${CONTEXT}?value=admin`, { bearer: t });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
    // Authentication comes first.
    expect((await fsm.call('POST', `${CONTEXT}?value=admin`)).status).toBe(401);
  });

  test('incident update: fields are applied and reflected', async ({ fsm }) => {
    const t = await fsm.token();
    const r = await fsm.update(t, 7, {
      incidentStatus: 2,
      incidentSeverity: 'HIGH',
      comments: 'closed by forticonform',
      incidentExtTicketId: 'T-1',
      incidentExtTicketType: 'ServiceNow',
      incidentExtTicketState: 'Closed',
      incidentExtUser: 'bob',
      incidentExtClearedTime: 1762300000000,
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/plain;charset=UTF-8');
    expect(r.text).toBe('SUCCESS');
    const state = (await fsm.control('GET', '/incidents/7')).json();
    expect(state).toMatchObject({ incidentStatus: 2, severityCat: 'HIGH', comments: 'closed by forticonform', incidentExtTicketId: 'T-1', incidentExtClearedTime: 1762300000000 });
    const ctx = (await fsm.context(t, 'admin')).json<Ctx>();
    expect(ctx.contexts[0]?.incidents[0]).toMatchObject({ incidentId: 7, severityCat: 'HIGH' });
    // Digit strings are coerced; a matching body incidentId is fine; unknown fields are ignored.
    expect((await fsm.update(t, 8, { incidentId: 8, incidentStatus: '1', extra: true })).text).toBe('SUCCESS');
    expect((await fsm.control('GET', '/incidents/8')).json()).toMatchObject({ incidentStatus: 1 });
  });

  test('incident update: bad input → 400 XML, never 500', async ({ fsm }) => {
    const t = await fsm.token();
    for (const body of [
      { incidentStatus: 4 },
      { incidentStatus: -1 },
      { incidentStatus: 1.5 },
      { incidentStatus: 'one' },
      { incidentSeverity: 'low' },
      { incidentSeverity: 'CRITICAL' },
      { comments: 42 },
      { incidentExtClearedTime: 'yesterday' },
      { incidentId: 8 },
      [],
      'SUCCESS',
      null,
    ]) {
      const r = await fsm.update(t, 7, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.headers.get('content-type')).toBe('application/xml');
      expect(r.text).toMatch(/^<\?xml[^>]*\?><response requestId="0" timestamp="\d+"><result><error code="1"><description>.+<\/description><\/error><\/result><\/response>$/);
    }
    expect((await fsm.call('POST', `${UPDATE}7`, { bearer: t, headers: { 'content-type': 'application/json' }, body: '{"incidentStatus":' })).status).toBe(400);
    expect((await fsm.call('POST', `${UPDATE}7`, { bearer: t, headers: { 'content-type': 'text/plain' }, body: '{}' })).status).toBe(415);
    expect((await fsm.update(t, 999, {})).text).toContain('Incident 999 not found');
    expect((await fsm.update(t, 'abc', {})).status).toBe(400);
    expect((await fsm.update(t, '%3Cscript%3E', {})).text).toContain('&lt;script&gt;');
    const get = await fsm.call('GET', `${UPDATE}7`, { bearer: t });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await fsm.control('GET', '/incidents/7')).json()).toMatchObject({ incidentStatus: 0, severityCat: 'MEDIUM' });
  });
});

test.describe('control interface and robustness', () => {
  test('overview, create client rules, unknown calls', async ({ fsm }) => {
    const o = await fsm.control('GET', '/');
    expect(o.status).toBe(200);
    const overview = o.json<{ organizations: unknown[]; users: Array<{ name: string }>; clients: Array<{ client_id: string }> }>();
    expect(overview.organizations).toHaveLength(3);
    expect(overview.users.map((u) => u.name)).toEqual(expect.arrayContaining(['admin', 'netadmin', 'org1_admin', 'org1_netadmin', 'org2_admin', 'org2_netadmin']));
    expect(overview.clients.map((c) => c.client_id)).toEqual(expect.arrayContaining([fsm.main.client_id, fsm.provided('org1-client').client_id]));
    expect(o.text).not.toContain(fsm.main.client_secret);
    expect((await fsm.control('POST', '/clients', { user: 'ghost' })).status).toBe(404);
    expect((await fsm.control('POST', '/clients', { user: 'org2_netadmin', org: 'Org2' })).status).toBe(403);
    expect((await fsm.control('POST', '/clients', { user: 'admin', token_expiry: 0 })).status).toBe(400);
    expect((await fsm.control('POST', '/clients', {})).status).toBe(400);
    expect((await fsm.call('POST', '/__emulator/clients', { headers: { 'content-type': 'application/json' }, body: '{' })).status).toBe(400);
    expect((await fsm.control('POST', '/nothing')).status).toBe(404);
    expect((await fsm.control('GET', '/clients')).status).toBe(405);
    const c = (await fsm.control('GET', `/clients/${fsm.provided('org1-client').client_id}`)).json();
    expect(c).toMatchObject({ organization: 'Org1', owner: 'org1_admin', status: 'active' });
    // Granting the permission makes the Org2 Network Admin able to own a client.
    await fsm.control('POST', '/users/permission', { user: 'org2_netadmin', org: 'Org2', oauth_tokens: true });
    await fsm.createClient({ user: 'org2_netadmin', org: 'Org2' });
  });

  test('the control interface answers loopback callers only', () => {
    const app = createFsmApp(new FsmState());
    const call = (remoteAddress: string) => app({ method: 'GET', url: '/__emulator/', headers: {}, body: Buffer.alloc(0), remoteAddress });
    expect(call('10.0.0.5').status).toBe(403);
    expect(call('127.0.0.1').status).toBe(200);
    expect(call('::1').status).toBe(200);
    expect(call('::ffff:127.0.0.1').status).toBe(200);
  });

  test('unknown paths 404, oversized bodies 413, odd targets never 500', async ({ fsm }) => {
    expect((await fsm.call('GET', '/phoenix/rest/nothing')).status).toBe(404);
    expect((await fsm.call('GET', `${CONTEXT}/`)).status).toBe(404);
    expect((await fsm.call('POST', `${UPDATE}7/extra`)).status).toBe(404);
    const big = await fsm.call('POST', TOKEN, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a'.repeat(1_100_000) });
    expect(big.status).toBe(413);
    const odd = await fsm.tokenCall({ grant_type: 'client_credentials', client_id: '%zz\u0000\u{1F600}', client_secret: '' });
    expect(odd.status).toBe(400);
    const raw = await fsm.call('POST', TOKEN, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials&client_id=%E0%A4%A&client_secret' });
    expect(raw.status).toBe(400);
  });

  test('HTTPS with the generated certificate, verified against caCert', async () => {
    const emu = await startFsmEmulator({ httpsPort: 0 });
    try {
      expect(emu.httpsUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const dispatcher = new Agent({ connect: { ca: emu.caCert } });
      const r = await undiciRequest(`${emu.httpsUrl}${TOKEN}`, {
        method: 'POST',
        dispatcher,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: emu.clientId, client_secret: emu.clientSecret }).toString(),
      });
      expect(r.statusCode).toBe(200);
      expect(await r.body.json()).toMatchObject({ token_type: 'Bearer' });
      await dispatcher.close();
    } finally {
      await emu.close();
    }
  });

  test('provided settings name what the cases need', async ({ fsm }) => {
    const p = fsm.emu.provided;
    expect(p['emulator-control']).toEqual({ base: '/__emulator' });
    for (const name of ['network-admin-client', 'org1-client']) {
      expect(Object.keys(p[name] ?? {}).sort()).toEqual(['client_id', 'client_secret']);
      expect((await fsm.requestToken(fsm.provided(name))).status).toBe(200);
    }
    expect(p['context-user']).toEqual({ value: 'admin' });
    expect(p['org2-incident']).toEqual({ incident_id: 201 });
  });
});

test.describe('control interface under /__emulator/fsm/', () => {
  type Overview = { users: Array<{ organization: string; name: string; role: string; oauth_tokens: boolean }> };
  const users = async (fsm: Fsm): Promise<Overview['users']> => (await fsm.control('GET', '/')).json<Overview>().users;

  test('clients: a throw-away user per role and organisation, 200 with credentials', async ({ fsm }) => {
    const r = await fsm.control('POST', '/fsm/clients', { user: 'conform_net', role: 'Network Admin', organization: 'Org2' });
    expect(r.status, r.text).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json');
    const c = r.json<Creds>();
    expect(Object.keys(c).sort()).toEqual(['client_id', 'client_secret']);
    expect(await users(fsm)).toContainEqual({ organization: 'Org2', name: 'conform_net', role: 'Network Admin', oauth_tokens: true });
    expect((await fsm.control('GET', `/fsm/clients/${c.client_id}`)).json()).toMatchObject({ organization: 'Org2', owner: 'conform_net', status: 'active' });
    // The client acts as an Org2 Network Admin: Org2 network data only.
    const t = await fsm.token(c);
    expect(incidentIds(await fsm.context(t, 'mlee'))).toEqual([[202]]);
    expect(incidentIds(await fsm.context(t, 'jdoe'))).toEqual([[]]);
    // A second client for the same user reuses it; a Full Admin in Super/Global sees everything.
    const again = await fsm.control('POST', '/fsm/clients', { user: 'conform_net', role: 'Network Admin', organization: 'Org2' });
    expect(again.status).toBe(200);
    expect((await users(fsm)).filter((u) => u.name === 'conform_net')).toHaveLength(1);
    const full = (await fsm.control('POST', '/fsm/clients', { user: 'conform_full', role: 'Full Admin', organization: 'super' })).json<Creds>();
    expect(incidentIds(await fsm.context(await fsm.token(full), 'jdoe'))).toEqual([[101, 102], [201]]);
    // An existing seeded user with that role is used as it is.
    const seeded = await fsm.control('POST', '/fsm/clients', { user: 'org1_admin', role: 'Full Admin', organization: 'Org1' });
    expect(seeded.status).toBe(200);
  });

  test('clients: bad bodies, unknown organisation or role → 400; role conflicts 409; no permission 403', async ({ fsm }) => {
    for (const body of [
      { user: 'x', role: 'Full Admin', organization: 'Org3' },
      { user: 'x', role: 'Read Only', organization: 'super' },
      { user: 'x', role: 'Full Admin' },
      { role: 'Full Admin', organization: 'super' },
      { user: '', role: 'Full Admin', organization: 'super' },
      {},
    ]) {
      const r = await fsm.control('POST', '/fsm/clients', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(typeof r.json<{ error: unknown }>().error).toBe('string');
    }
    expect((await fsm.call('POST', '/__emulator/fsm/clients', { headers: { 'content-type': 'application/json' }, body: '[' })).status).toBe(400);
    expect((await fsm.control('GET', '/fsm/clients')).status).toBe(405);
    expect((await fsm.control('POST', '/fsm/clients', { user: 'admin', role: 'Network Admin', organization: 'super' })).status).toBe(409);
    expect((await fsm.control('POST', '/fsm/clients', { user: 'org2_netadmin', role: 'Network Admin', organization: 'Org2' })).status).toBe(403);
    // Nothing was left behind by the refusals.
    expect((await users(fsm)).map((u) => u.name)).not.toContain('x');
  });

  test('clients: token_expiry sets the Access Token Expiry; /clock moves past it and the rate limit', async ({ fsm }) => {
    const c = (await fsm.control('POST', '/fsm/clients', { user: 'conform_short', role: 'Full Admin', organization: 'super', token_expiry: 5 })).json<Creds>();
    const first = await fsm.requestToken(c);
    expect(first.json()).toMatchObject({ expires_in: 5 });
    const old = first.json<{ access_token: string }>().access_token;
    expect((await fsm.requestToken(c)).json()).toMatchObject({ message: MSG.rate });
    expect((await fsm.control('POST', '/clock', { advance: 6 })).status).toBe(200);
    expect((await fsm.context(old, 'admin')).status).toBe(401);
    const fresh = await fsm.token(c);
    expect((await fsm.context(fresh, 'admin')).status).toBe(200);
    for (const token_expiry of [0, -1, 1.5, '5'])
      expect((await fsm.control('POST', '/fsm/clients', { user: 'conform_bad', role: 'Full Admin', organization: 'super', token_expiry })).status).toBe(400);
  });

  test('client actions: revoke, expire-tokens, expire-secret, reset-secret → 200', async ({ fsm }) => {
    const c = (await fsm.control('POST', '/fsm/clients', { user: 'conform_a', role: 'Full Admin', organization: 'Org1' })).json<Creds>();
    const token = await fsm.token(c);
    const exp = await fsm.control('POST', `/fsm/clients/${c.client_id}/expire-tokens`);
    expect(exp.status).toBe(200);
    expect(exp.json()).toEqual({ client_id: c.client_id, expired: 1 });
    expect((await fsm.context(token, 'jdoe')).status).toBe(401);
    fsm.advance(5);
    const es = await fsm.control('POST', `/fsm/clients/${c.client_id}/expire-secret`);
    expect(es.status).toBe(200);
    expect((await fsm.requestToken(c)).json()).toMatchObject({ message: MSG.expired });
    const reset = await fsm.control('POST', `/fsm/clients/${c.client_id}/reset-secret`);
    expect(reset.status).toBe(200);
    const fresh = reset.json<Creds>();
    expect(fresh.client_id).toBe(c.client_id);
    expect(fresh.client_secret).not.toBe(c.client_secret);
    const t2 = await fsm.token(fresh);
    const rv = await fsm.control('POST', `/fsm/clients/${c.client_id}/revoke`);
    expect(rv.status).toBe(200);
    expect(rv.json()).toMatchObject({ status: 'revoked' });
    expect((await fsm.context(t2, 'jdoe')).status).toBe(401);
    fsm.advance(5);
    expect((await fsm.requestToken(fresh)).json()).toMatchObject({ message: MSG.revoked });
    expect((await fsm.control('GET', `/fsm/clients/${c.client_id}/revoke`)).status).toBe(405);
    expect((await fsm.control('POST', '/fsm/clients/nope/revoke')).status).toBe(404);
    expect((await fsm.control('POST', `/fsm/clients/${c.client_id}/explode`)).status).toBe(404);
  });

  test('delete: 200 {}, the id becomes unknown, the throw-away user goes with its last client', async ({ fsm }) => {
    const body = { user: 'conform_del', role: 'Full Admin', organization: 'super' };
    const a = (await fsm.control('POST', '/fsm/clients', body)).json<Creds>();
    const b = (await fsm.control('POST', '/fsm/clients', body)).json<Creds>();
    const token = await fsm.token(a);
    const d = await fsm.control('DELETE', `/fsm/clients/${a.client_id}`);
    expect(d.status).toBe(200);
    expect(d.json()).toEqual({});
    expect((await fsm.context(token, 'admin')).status).toBe(401);
    expect((await fsm.requestToken(a)).json()).toMatchObject({ message: MSG.invalid });
    expect((await fsm.control('GET', `/fsm/clients/${a.client_id}`)).status).toBe(404);
    expect((await fsm.control('DELETE', `/fsm/clients/${a.client_id}`)).status).toBe(404);
    // The user still owns b.
    expect((await users(fsm)).map((u) => u.name)).toContain('conform_del');
    expect((await fsm.control('DELETE', `/fsm/clients/${b.client_id}`)).status).toBe(200);
    expect((await users(fsm)).map((u) => u.name)).not.toContain('conform_del');
    // Seeded owners stay when their clients go (through either spelling).
    expect((await fsm.control('DELETE', `/fsm/clients/${fsm.provided('org1-client').client_id}`)).status).toBe(200);
    expect((await fsm.control('DELETE', `/clients/${fsm.main.client_id}`)).status).toBe(204);
    expect((await users(fsm)).map((u) => u.name)).toEqual(expect.arrayContaining(['admin', 'org1_admin']));
    // The throw-away user can be created again afterwards.
    expect((await fsm.control('POST', '/fsm/clients', body)).status).toBe(200);
  });

  test('incidents: a new incident per organisation, visible to Full Admins', async ({ fsm }) => {
    const r = await fsm.control('POST', '/fsm/incidents', { organization: 'Org1' });
    expect(r.status, r.text).toBe(200);
    const { incidentId } = r.json<{ incidentId: number }>();
    expect(Number.isSafeInteger(incidentId)).toBe(true);
    const r2 = (await fsm.control('POST', '/fsm/incidents', { organization: 'super' })).json<{ incidentId: number }>();
    expect(r2.incidentId).not.toBe(incidentId);
    expect((await fsm.control('GET', `/fsm/incidents/${incidentId}`)).json()).toMatchObject({ incidentId, org: 'Org1', incidentStatus: 0, severityCat: 'MEDIUM' });
    // The Org1 Full Admin and the Super/Global Full Admin may update it; Org2 and Network Admins may not.
    const org1 = await fsm.token(fsm.provided('org1-client'));
    expect((await fsm.update(org1, incidentId, { incidentStatus: 2, comments: 'c' })).text).toBe('SUCCESS');
    expect((await fsm.update(await fsm.token(), incidentId, { incidentStatus: 1 })).text).toBe('SUCCESS');
    expect((await fsm.control('GET', `/incidents/${incidentId}`)).json()).toMatchObject({ incidentStatus: 1, comments: 'c' });
    const org2 = (await fsm.control('POST', '/fsm/clients', { user: 'o2', role: 'Full Admin', organization: 'Org2' })).json<Creds>();
    expect((await fsm.update(await fsm.token(org2), incidentId, { incidentStatus: 1 })).status).toBe(400);
    const net = (await fsm.control('POST', '/fsm/clients', { user: 'o1net', role: 'Network Admin', organization: 'Org1' })).json<Creds>();
    expect((await fsm.update(await fsm.token(net), incidentId, { incidentStatus: 1 })).status).toBe(400);
    // Bad bodies and methods.
    expect((await fsm.control('POST', '/fsm/incidents', { organization: 'Org9' })).status).toBe(400);
    expect((await fsm.control('POST', '/fsm/incidents', {})).status).toBe(400);
    expect((await fsm.control('GET', '/fsm/incidents')).status).toBe(405);
    expect((await fsm.control('GET', '/fsm/incidents/999999')).status).toBe(404);
    expect((await fsm.control('GET', '/fsm/nothing')).status).toBe(404);
  });

  test('provided fsm-incident: a Super/Global incident the main client can update', async ({ fsm }) => {
    const p = fsm.emu.provided['fsm-incident'] as { incidentId: number };
    expect(Object.keys(p)).toEqual(['incidentId']);
    expect((await fsm.control('GET', `/incidents/${p.incidentId}`)).json()).toMatchObject({ org: 'super', incidentStatus: 0 });
    expect((await fsm.update(await fsm.token(), p.incidentId, { incidentStatus: 2 })).text).toBe('SUCCESS');
    expect((await fsm.control('GET', `/incidents/${p.incidentId}`)).json()).toMatchObject({ incidentStatus: 2 });
  });

  test('loopback callers only', () => {
    const app = createFsmApp(new FsmState());
    const body = Buffer.from(JSON.stringify({ organization: 'super' }));
    const call = (remoteAddress: string) => app({ method: 'POST', url: '/__emulator/fsm/incidents', headers: { 'content-type': 'application/json' }, body, remoteAddress });
    expect(call('10.0.0.5').status).toBe(403);
    expect(call('127.0.0.1').status).toBe(200);
  });
});

test.describe('variants', () => {
  test('variant list and unknown ids', async () => {
    expect(FSM_VARIANTS.map((v) => v.id)).toEqual([
      'fsm-expired-token-accepted',
      'fsm-revoked-token-accepted',
      'fsm-rate-limit-missing',
      'fsm-org-scope-ignored',
      'fsm-wrong-secret-accepted',
      'fsm-secret-expiry-ignored',
      'fsm-wrong-grant-accepted',
      'fsm-old-secret-kept-after-reset',
      'fsm-unknown-client-id-disclosed',
      'fsm-no-new-token-after-expiry',
      'fsm-failure-threshold-missing',
      'fsm-failure-block-never-lifts',
      'fsm-issued-token-rejected',
      'fsm-role-scope-ignored',
      'fsm-super-global-scoped',
      'fsm-bad-token-accepted',
      'fsm-mcp-tool-missing',
      'fsm-mcp-invalid-request-answered',
      'fsm-basic-refused',
      'fsm-incident-values-narrowed',
    ]);
    for (const v of FSM_VARIANTS) expect(v.source).toMatch(/^(000|facts) · /);
    expect(() => resolveFsmVariants(['nope'])).toThrow(/Unknown FortiSIEM emulator variant/);
    await expect(startFsmEmulator({ variants: ['limit-ignored'] })).rejects.toThrow(/Unknown FortiSIEM emulator variant/);
  });

  test.describe('fsm-expired-token-accepted', () => {
    test.use({ fsmOptions: { variants: ['fsm-expired-token-accepted'] } });
    test('expired token → 200', async ({ fsm }) => {
      const t = await fsm.token();
      fsm.advance(7200);
      expect((await fsm.context(t, 'admin')).status).toBe(200);
    });
  });

  test.describe('fsm-revoked-token-accepted', () => {
    test.use({ fsmOptions: { variants: ['fsm-revoked-token-accepted'] } });
    test('revoked token → 200', async ({ fsm }) => {
      const t = await fsm.token();
      await fsm.control('POST', `/clients/${fsm.main.client_id}/revoke`);
      expect((await fsm.context(t, 'admin')).status).toBe(200);
    });
  });

  test.describe('fsm-rate-limit-missing', () => {
    test.use({ fsmOptions: { variants: ['fsm-rate-limit-missing'] } });
    test('second token at once → 200', async ({ fsm }) => {
      await fsm.token();
      expect((await fsm.requestToken(fsm.main)).status).toBe(200);
    });
  });

  test.describe('fsm-org-scope-ignored', () => {
    test.use({ fsmOptions: { variants: ['fsm-org-scope-ignored'] } });
    test('Org1 token sees Org2', async ({ fsm }) => {
      const t = await fsm.token(fsm.provided('org1-client'));
      expect(incidentIds(await fsm.context(t, 'jdoe'))).toEqual([[101, 102], [201]]);
      expect((await fsm.update(t, 201, { incidentStatus: 2 })).text).toBe('SUCCESS');
    });
  });

  test.describe('fsm-wrong-secret-accepted', () => {
    test.use({ fsmOptions: { variants: ['fsm-wrong-secret-accepted'] } });
    test('any secret → 200', async ({ fsm }) => {
      expect((await fsm.requestToken({ client_id: fsm.main.client_id, client_secret: 'wrong' })).status).toBe(200);
    });
  });

  test.describe('fsm-secret-expiry-ignored', () => {
    test.use({ fsmOptions: { variants: ['fsm-secret-expiry-ignored'] } });
    test('expired secret → 200', async ({ fsm }) => {
      await fsm.control('POST', `/clients/${fsm.main.client_id}/expire-secret`);
      expect((await fsm.requestToken(fsm.main)).status).toBe(200);
    });
  });

  test.describe('fsm-incident-values-narrowed', () => {
    test.use({ fsmOptions: { variants: ['fsm-incident-values-narrowed'] } });
    test('incidentStatus 3 and severity HIGH → 400; 2 and LOW still 200', async ({ fsm }) => {
      const token = await fsm.token();
      expect((await fsm.update(token, 7, { incidentStatus: 3 })).status).toBe(400);
      expect((await fsm.update(token, 7, { incidentSeverity: 'HIGH' })).status).toBe(400);
      expect((await fsm.update(token, 7, { incidentStatus: 2, incidentSeverity: 'LOW' })).status).toBe(200);
    });
  });

  test.describe('fsm-wrong-grant-accepted', () => {
    test.use({ fsmOptions: { variants: ['fsm-wrong-grant-accepted'] } });
    test('grant_type=password with valid credentials → 200; wrong secret still refused', async ({ fsm }) => {
      expect((await fsm.tokenCall({ grant_type: 'password', ...fsm.main })).status).toBe(200);
      expect((await fsm.tokenCall({ grant_type: 'password', client_id: fsm.main.client_id, client_secret: 'wrong' })).json()).toMatchObject({ message: MSG.invalid });
    });
  });

  test.describe('fsm-old-secret-kept-after-reset', () => {
    test.use({ fsmOptions: { variants: ['fsm-old-secret-kept-after-reset'] } });
    test('old and new secret both → 200; a wrong one still 400', async ({ fsm }) => {
      const fresh = (await fsm.control('POST', `/clients/${fsm.main.client_id}/reset-secret`)).json<Creds>();
      expect((await fsm.requestToken(fsm.main)).status).toBe(200);
      fsm.advance(5);
      expect((await fsm.requestToken(fresh)).status).toBe(200);
      expect((await fsm.requestToken({ client_id: fsm.main.client_id, client_secret: 'wrong' })).status).toBe(400);
    });
  });

  test.describe('fsm-unknown-client-id-disclosed', () => {
    test.use({ fsmOptions: { variants: ['fsm-unknown-client-id-disclosed'] } });
    test('unknown id → "Unknown ClientId"; a wrong secret keeps the documented message', async ({ fsm }) => {
      const unknown = await fsm.requestToken({ client_id: 'nope', client_secret: 'x' });
      expect(unknown.status).toBe(400);
      expect(unknown.json()).toEqual({ error: 'BAD_REQUEST', message: 'Unknown ClientId' });
      expect((await fsm.requestToken({ client_id: fsm.main.client_id, client_secret: 'wrong' })).json()).toMatchObject({ message: MSG.invalid });
    });
  });

  test.describe('fsm-no-new-token-after-expiry', () => {
    test.use({ fsmOptions: { variants: ['fsm-no-new-token-after-expiry'] } });
    test('a second token, even hours later → rate-limit message; other clients unaffected', async ({ fsm }) => {
      await fsm.token();
      fsm.advance(7200);
      expect((await fsm.requestToken(fsm.main)).json()).toMatchObject({ message: MSG.rate });
      await fsm.token(fsm.provided('org1-client'));
    });
  });

  test.describe('fsm-failure-threshold-missing', () => {
    test.use({ fsmOptions: { variants: ['fsm-failure-threshold-missing'] } });
    test('20 failures, then the right secret → 200', async ({ fsm }) => {
      for (let i = 0; i < 20; i++) expect((await fsm.requestToken({ client_id: fsm.main.client_id, client_secret: 'wrong' })).json()).toMatchObject({ message: MSG.invalid });
      expect((await fsm.requestToken(fsm.main)).status).toBe(200);
    });
  });

  test.describe('fsm-failure-block-never-lifts', () => {
    test.use({ fsmOptions: { variants: ['fsm-failure-block-never-lifts'] } });
    test('blocked after 5 failures; an hour later the right secret is still blocked; other clients unaffected', async ({ fsm }) => {
      for (let i = 0; i < 5; i++) expect((await fsm.requestToken({ client_id: fsm.main.client_id, client_secret: 'wrong' })).json()).toMatchObject({ message: MSG.invalid });
      expect((await fsm.requestToken(fsm.main)).json()).toMatchObject({ message: MSG.blocked });
      fsm.advance(3600);
      const later = await fsm.requestToken(fsm.main);
      expect(later.status).toBe(400);
      expect(later.json()).toEqual({ error: 'BAD_REQUEST', message: MSG.blocked });
      expect((await fsm.requestToken(fsm.provided('org1-client'))).status).toBe(200);
    });
  });

  test.describe('fsm-issued-token-rejected', () => {
    test.use({ fsmOptions: { variants: ['fsm-issued-token-rejected'] } });
    test('a fresh token → 401', async ({ fsm }) => {
      expect((await fsm.context(await fsm.token(), 'admin')).status).toBe(401);
    });
  });

  test.describe('fsm-role-scope-ignored', () => {
    test.use({ fsmOptions: { variants: ['fsm-role-scope-ignored'] } });
    test('a Network Admin token sees server incidents; organisations still apply', async ({ fsm }) => {
      const net = await fsm.token(fsm.provided('network-admin-client'));
      expect(incidentIds(await fsm.context(net, 'admin'))).toEqual([[7, 8]]);
      expect((await fsm.update(net, 7, { incidentStatus: 2 })).text).toBe('SUCCESS');
      const org1 = await fsm.token(fsm.provided('org1-client'));
      expect(incidentIds(await fsm.context(org1, 'jdoe'))).toEqual([[101, 102]]);
    });
  });

  test.describe('fsm-super-global-scoped', () => {
    test.use({ fsmOptions: { variants: ['fsm-super-global-scoped'] } });
    test('a Super/Global token sees Super/Global only', async ({ fsm }) => {
      const t = await fsm.token();
      expect(incidentIds(await fsm.context(t, 'admin'))).toEqual([[7, 8]]);
      expect((await fsm.context(t, 'jdoe')).json()).toEqual({ contexts: [] });
      expect((await fsm.update(t, 201, { incidentStatus: 2 })).status).toBe(400);
    });
  });

  test.describe('fsm-bad-token-accepted', () => {
    test.use({ fsmOptions: { variants: ['fsm-bad-token-accepted'] } });
    test('no token or an unknown one → 200; expired and revoked tokens stay 401', async ({ fsm }) => {
      expect((await fsm.call('GET', `${CONTEXT}?value=admin`)).status).toBe(200);
      expect((await fsm.context('not-a-token', 'admin')).status).toBe(200);
      const t = await fsm.token();
      fsm.advance(3600);
      expect((await fsm.context(t, 'admin')).status).toBe(401);
      const org1 = fsm.provided('org1-client');
      const revoked = await fsm.token(org1);
      await fsm.control('POST', `/clients/${org1.client_id}/revoke`);
      expect((await fsm.context(revoked, 'jdoe')).status).toBe(401);
    });
  });

  test('normal emulator: none of the deviations', async ({ fsm }) => {
    expect((await fsm.tokenCall({ grant_type: 'password', ...fsm.main })).json()).toMatchObject({ error: 'BAD_REQUEST' });
    expect((await fsm.requestToken({ client_id: 'nope', client_secret: 'x' })).json()).toMatchObject({ message: MSG.invalid });
    expect((await fsm.call('GET', `${CONTEXT}?value=admin`)).status).toBe(401);
    const net = await fsm.token(fsm.provided('network-admin-client'));
    expect(incidentIds(await fsm.context(net, 'admin'))).toEqual([[]]);
    const t = await fsm.token();
    expect(incidentIds(await fsm.context(t, 'jdoe'))).toEqual([[101, 102], [201]]);
    expect((await fsm.requestToken(fsm.main)).status).toBe(400);
    expect((await fsm.requestToken({ client_id: fsm.provided('org1-client').client_id, client_secret: 'wrong' })).status).toBe(400);
    const o1 = await fsm.token(fsm.provided('org1-client'));
    expect(incidentIds(await fsm.context(o1, 'jdoe'))).toEqual([[101, 102]]);
    fsm.advance(3600);
    expect((await fsm.context(t, 'admin')).status).toBe(401);
  });
});

test('embedded product entry: fsm starts over HTTPS with values and provided', async () => {
  const fsm = EMBEDDED.fsm;
  expect(fsm).toBeDefined();
  expect([...(fsm?.variants ?? [])]).toEqual(FSM_VARIANTS.map((v) => v.id));
  expect(allVariantIds()).toEqual(expect.arrayContaining(['fsm-org-scope-ignored', 'limit-ignored']));
  const target = await fsm!.start(['fsm-rate-limit-missing']);
  try {
    expect(target.url).toMatch(/^https:\/\//);
    expect(target.caCert).toContain('BEGIN CERTIFICATE');
    expect(Object.keys(target.values).sort()).toEqual(['client_id', 'client_secret']);
    expect(target.provided?.['org1-client']).toBeDefined();
  } finally {
    await target.close();
  }
});
