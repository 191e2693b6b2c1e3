// SSO, FortiToken, push, realm, OAuth and fabric resources; Bearer authentication; 003 permissions
// (restricted administrator); the three variants of this area.
import { test, expect, idFromLocation, linkQuery, type Client, type ListBody } from './helpers.ts';
import { createFacApp, type FacApp } from '../../emulator/fac/app.ts';
import { EMULATOR_TOKEN_CODE } from '../../emulator/fac/models/auth.ts';

const basic = (user: string, key: string): string => `Basic ${Buffer.from(`${user}:${key}`).toString('base64')}`;
const bearer = (token: string): string => `Bearer ${token}`;

/** In-process calls (no sockets) for tests that look at or change the store. */
function local(app: FacApp) {
  return (method: string, url: string, body?: unknown, auth: string | false = basic(app.user, app.key)) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (auth !== false) headers.authorization = auth;
    const r = app.handle({ method, url, headers, body: Buffer.from(body === undefined ? '' : JSON.stringify(body)) });
    return { status: r.status, text: r.body, json: <T = Record<string, unknown>>() => JSON.parse(r.body) as T };
  };
}

interface TokenBody {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  message?: string;
  scope: string;
  status?: string;
  success?: string;
  token_type: string;
}

async function passwordToken(api: Client, username = 'test_user', password = 'testpassword', clientId = 'client_id'): Promise<TokenBody> {
  const r = await api.post('/api/v1/oauth/token/', { username, password, client_id: clientId, grant_type: 'password' }, { auth: false });
  expect(r.status, r.text).toBe(200);
  return r.json<TokenBody>();
}

test.describe('root listing', () => {
  test('lists every /api/v1/ resource, and each list URL is served', async ({ api }) => {
    const root = (await api.get('/api/v1/')).json<Record<string, { list_endpoint: string; schema: string }>>();
    for (const name of [
      'ssoauth', 'ssogroup', 'fgtgroupfilter', 'fortitokens', 'fortitokenmobilelicenses', 'fortiguardmessages', 'pushauth',
      'pushauthresp', 'pushpoll', 'realmauth', 'oauth/token', 'oauth/revoke_token', 'oauth/verify_token', 'fabric/widget',
      'localusers', 'usergroups', 'localgroup-memberships', 'auth',
    ])
      expect(root[name], name).toEqual({ list_endpoint: `/api/v1/${name}/`, schema: `/api/v1/${name}/schema/` });
    // /api/fabric/... is outside /api/v1/
    expect(Object.keys(root).some((k) => k.includes('authenticate'))).toBe(false);
    for (const [name, entry] of Object.entries(root)) {
      const r = await api.get(entry.list_endpoint);
      expect(r.status, `${name} ${entry.list_endpoint}`).not.toBe(404);
      expect(r.status, `${name} ${entry.list_endpoint}`).toBeLessThan(500);
    }
  });
});

test.describe('/ssoauth/', () => {
  test('logon, same IP for another user replaces the first, logoff', () => {
    const app = createFacApp();
    const call = local(app);
    const sessions = app.store.ssoOAuth.ssoSessions;
    const r = call('POST', '/api/v1/ssoauth/', { event: '1', username: 'cwindsor', user_ip: '10.1.73.175', user_groups: 'Staff+VPN Users' });
    expect(r.status).toBe(200);
    expect(r.text).toBe('');
    expect(sessions.get('10.1.73.175')).toEqual({ username: 'cwindsor', groups: ['Staff', 'VPN Users'], ip: '10.1.73.175' });
    expect(call('POST', '/api/v1/ssoauth/', { event: 1, username: 'atano', user_ip: '10.1.73.175', user_groups: 'Staff' }).status).toBe(200);
    expect(sessions.get('10.1.73.175')?.username).toBe('atano');
    expect(sessions.size).toBe(1);
    // logoff of someone else at that IP leaves the entry; the owner's logoff removes it
    expect(call('POST', '/api/v1/ssoauth/', { event: '0', username: 'cwindsor', user_ip: '10.1.73.175' }).status).toBe(200);
    expect(sessions.has('10.1.73.175')).toBe(true);
    expect(call('POST', '/api/v1/ssoauth/', { event: '0', username: 'atano', user_ip: '10.1.73.175' }).status).toBe(200);
    expect(sessions.size).toBe(0);
    // IPv6 only; a local user's own groups
    expect(call('POST', '/api/v1/ssoauth/', { event: '1', username: 'test_user', user_ipv6: '2001:DB8::1' }).status).toBe(200);
    expect(sessions.get('2001:db8::1')).toEqual({ username: 'test_user', groups: ['Test_Local'], ip: '2001:db8::1' });
    // 200 but no session: an external user without groups, a local user without a local group
    expect(call('POST', '/api/v1/ssoauth/', { event: '1', username: 'ext', user_ip: '10.0.0.9' }).status).toBe(200);
    expect(call('POST', '/api/v1/ssoauth/', { event: '1', username: 'test_user2', user_ip: '10.0.0.8', user_groups: 'X' }).status).toBe(200);
    expect(sessions.has('10.0.0.9') || sessions.has('10.0.0.8')).toBe(false);
  });

  test('validation: 400 keyed by resource and field', async ({ api }) => {
    const noIp = await api.post('/api/v1/ssoauth/', { event: '1', username: 'u' });
    expect(noIp.status).toBe(400);
    expect(noIp.json()).toEqual({ ssoauth: { user_ip: ["One of 'user_ip' or 'user_ipv6' is required."] } });
    const bad = await api.post('/api/v1/ssoauth/', { event: '2', username: '', user_ip: '10.1.1.300', user_ipv6: '1.2.3.4', user_groups: 'x'.repeat(254) });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json<{ ssoauth: object }>().ssoauth).sort()).toEqual(['event', 'user_groups', 'user_ip', 'user_ipv6', 'username']);
    expect((await api.post('/api/v1/ssoauth/', { event: '1', username: 'x'.repeat(254), user_ip: '10.0.0.1' })).status).toBe(400);
    expect((await api.post('/api/v1/ssoauth/', { username: 'u', user_ip: '10.0.0.1' })).status).toBe(400);
    expect((await api.call('POST', '/api/v1/ssoauth/', { raw: '{' })).status).toBe(400);
  });

  test('GET 405 (before auth); no credentials 401; restricted admin 403', async ({ api, emu }) => {
    const get = await api.get('/api/v1/ssoauth/', { auth: false });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const body = { event: '1', username: 'u', user_ip: '10.0.0.1', user_groups: 'G' };
    expect((await api.post('/api/v1/ssoauth/', body, { auth: false })).status).toBe(401);
    expect((await api.post('/api/v1/ssoauth/', body, { auth: basic(emu.restricted.user, emu.restricted.key) })).status).toBe(403);
  });

  test('404 "SSO web service is disabled" when the web service is off', () => {
    const app = createFacApp();
    app.store.ssoWebService = false;
    const r = local(app)('POST', '/api/v1/ssoauth/', { event: '1', username: 'u', user_ip: '10.0.0.1' });
    expect(r.status).toBe(404);
    expect(r.text).toBe('SSO web service is disabled');
    expect(app.store.ssoOAuth.ssoSessions.size).toBe(0);
  });
});

test.describe('/ssogroup/', () => {
  test('list, create (JSON and XML), unique name, max length 50', async ({ api }) => {
    const list = (await api.get('/api/v1/ssogroup/')).json<ListBody>();
    expect(list.objects).toEqual([{ id: 1, name: 'Test Group1', resource_uri: '/api/v1/ssogroup/1/' }]);
    const c = await api.post('/api/v1/ssogroup/', { name: 'Test Group2' });
    expect(c.status).toBe(201);
    expect(c.text).toBe('');
    const id = idFromLocation(c);
    expect((await api.get(`/api/v1/ssogroup/${id}/`)).json()).toEqual({ id, name: 'Test Group2', resource_uri: `/api/v1/ssogroup/${id}/` });
    const x = await api.call('POST', '/api/v1/ssogroup/', { raw: '<object><name>Test Group3</name></object>', headers: { 'content-type': 'application/xml' } });
    expect(x.status).toBe(201);
    const dup = await api.post('/api/v1/ssogroup/', { name: 'Test Group2' });
    expect(dup.status).toBe(400);
    expect(dup.json()).toEqual({ ssogroup: { name: ['An SSO group with that name already exists.'] } });
    expect((await api.post('/api/v1/ssogroup/', { name: 'n'.repeat(51) })).status).toBe(400);
    expect((await api.post('/api/v1/ssogroup/', { name: 'n'.repeat(50) })).status).toBe(201);
    expect((await api.post('/api/v1/ssogroup/', {})).json()).toEqual({ ssogroup: { name: ['This field is required.'] } });
    const f = (await api.get('/api/v1/ssogroup/?name__in=Test Group1&name__in=Test Group3')).json<ListBody<{ name: string }>>();
    expect(f.objects.map((o) => o.name)).toEqual(['Test Group1', 'Test Group3']);
    expect((await api.get('/api/v1/ssogroup/?name__icontains=x')).status).toBe(400);
  });

  test('DELETE detail and DELETE list; PUT/PATCH not allowed', async ({ api }) => {
    const id = idFromLocation(await api.post('/api/v1/ssogroup/', { name: 'gone' }));
    expect((await api.delete(`/api/v1/ssogroup/${id}/`)).status).toBe(204);
    expect((await api.get(`/api/v1/ssogroup/${id}/`)).status).toBe(404);
    expect((await api.delete(`/api/v1/ssogroup/${id}/`)).status).toBe(404);
    expect((await api.put('/api/v1/ssogroup/1/', { name: 'x' })).status).toBe(405);
    expect((await api.patch('/api/v1/ssogroup/1/', { name: 'x' })).status).toBe(405);
    await api.post('/api/v1/ssogroup/', { name: 'another' });
    const d = await api.delete('/api/v1/ssogroup/');
    expect(d.status).toBe(204);
    expect((await api.get('/api/v1/ssogroup/')).json<ListBody>().meta.total_count).toBe(0);
  });
});

test.describe('/fgtgroupfilter/', () => {
  test('list and detail as in the guide; POST refused; PUT replaces', async ({ api }) => {
    const list = (await api.get('/api/v1/fgtgroupfilter/')).json<ListBody>();
    expect(list.objects[0]).toEqual({
      address: '1.1.1.1', id: 1, name: 'GroupFilter Test1', nasname: '1.1.1.1', resource_uri: '/api/v1/fgtgroupfilter/1/',
      shortname: 'GroupFilter Test1', sso_groups: [],
    });
    const post = await api.post('/api/v1/fgtgroupfilter/', { shortname: 'x', nasname: 'y' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
    const g = idFromLocation(await api.post('/api/v1/ssogroup/', { name: 'Filtered' }));
    const put = await api.put('/api/v1/fgtgroupfilter/1/', { shortname: 'GroupFilter Test1', nasname: '2.2.2.2', sso_groups: [`/api/v1/ssogroup/${g}/`] });
    expect(put.status).toBe(204);
    expect((await api.get('/api/v1/fgtgroupfilter/1/')).json()).toMatchObject({ nasname: '2.2.2.2', address: '2.2.2.2', sso_groups: [`/api/v1/ssogroup/${g}/`] });
    // a deleted SSO group drops out
    await api.delete(`/api/v1/ssogroup/${g}/`);
    expect((await api.get('/api/v1/fgtgroupfilter/1/')).json()).toMatchObject({ sso_groups: [] });
    expect((await api.get('/api/v1/fgtgroupfilter/?shortname__icontains=groupfilter')).json<ListBody>().meta.total_count).toBe(1);
  });

  test('PUT validation; unknown id 404 (no creation through the API)', async ({ api }) => {
    const r = await api.put('/api/v1/fgtgroupfilter/1/', { shortname: 's'.repeat(33) });
    expect(r.status).toBe(400);
    expect(Object.keys(r.json<{ fgtgroupfilter: object }>().fgtgroupfilter).sort()).toEqual(['nasname', 'shortname']);
    expect((await api.put('/api/v1/fgtgroupfilter/1/', { shortname: 'a', nasname: 'b', sso_groups: ['/api/v1/ssogroup/999/'] })).status).toBe(400);
    expect((await api.put('/api/v1/fgtgroupfilter/999/', { shortname: 'a', nasname: 'b' })).status).toBe(404);
    expect((await api.delete('/api/v1/fgtgroupfilter/1/')).status).toBe(405);
  });

  test('nested /ssofilterobjects/: list, detail, POST, PATCH, PUT list, DELETE', async ({ api }) => {
    const base = '/api/v1/fgtgroupfilter/1/ssofilterobjects/';
    expect((await api.get(base)).json<ListBody>().objects).toEqual([]);
    const c = await api.post(base, { name: 'CN=Staff,DC=example,DC=com', obj_type: 'group' });
    expect(c.status).toBe(201);
    expect(c.headers.get('location')).toMatch(/^\/api\/v1\/fgtgroupfilter\/1\/ssofilterobjects\/\d+\/$/);
    const id = idFromLocation(c);
    expect((await api.get(`${base}${id}/`)).json()).toEqual({
      id, name: 'CN=Staff,DC=example,DC=com', obj_type: 'group', resource_uri: `${base}${id}/`,
    });
    expect((await api.patch(`${base}${id}/`, { obj_type: 'user' })).status).toBe(202);
    expect((await api.get(`${base}${id}/`)).json()).toMatchObject({ obj_type: 'user' });
    expect((await api.post(base, { name: 'x' })).json()).toEqual({ ssofilterobjects: { obj_type: ['This field is required.'] } });
    // PUT on the list replaces them all
    const put = await api.put(base, { objects: [{ name: 'A', obj_type: 'group' }, { name: 'B', obj_type: 'user' }] });
    expect(put.status).toBe(204);
    const after = (await api.get(base)).json<ListBody<{ name: string }>>();
    expect(after.objects.map((o) => o.name)).toEqual(['A', 'B']);
    expect((await api.get(`${base}${id}/`)).status).toBe(404);
    expect((await api.put(base, { nope: [] })).status).toBe(400);
    expect((await api.put(base, { objects: [{ name: 'C' }] })).status).toBe(400);
    expect((await api.get(base)).json<ListBody>().meta.total_count).toBe(2); // all or nothing
    expect((await api.delete(base)).status).toBe(204);
    expect((await api.get(base)).json<ListBody>().meta.total_count).toBe(0);
    // unknown parent; methods; permission of the parent
    expect((await api.get('/api/v1/fgtgroupfilter/999/ssofilterobjects/')).status).toBe(404);
    expect((await api.put(`${base}1/`, {})).status).toBe(405);
    expect((await api.get(`${base}schema/`)).status).toBe(200);
  });
});

test.describe('/fortitokens/', () => {
  test('the guide\'s filter: first available FTM and a next link', async ({ api }) => {
    const r = await api.get('/api/v1/fortitokens/?format=json&type=ftm&status=available&limit=1');
    expect(r.status).toBe(200);
    const b = r.json<ListBody>();
    expect(b.meta.total_count).toBe(2);
    expect(b.objects).toEqual([
      { license: 'FTMTRIALNOREGIST', locked: false, resource_uri: '/api/v1/fortitokens/1/', serial: 'FTKMOB44142CCBF3', status: 'available', type: 'ftm' },
    ]);
    expect(linkQuery(b.meta.next)).toEqual({ format: ['json'], limit: ['1'], offset: ['1'], status: ['available'], type: ['ftm'] });
    expect(b.meta.next?.startsWith('/api/v1/fortitokens/?')).toBe(true);
    const all = (await api.get('/api/v1/fortitokens/')).json<ListBody<{ type: string }>>();
    expect(new Set(all.objects.map((o) => o.type))).toEqual(new Set(['ftk', 'ftm']));
    expect((await api.get('/api/v1/fortitokens/?serial__iexact=ftkmob44142ccbf3')).json<ListBody>().meta.total_count).toBe(1);
    expect((await api.get('/api/v1/fortitokens/?locked=true')).status).toBe(400);
  });

  test('a user\'s token is "assigned"; DELETE one token; no detail GET', async ({ api }) => {
    await api.createUser({ username: 'ftmuser', token_auth: true, token_type: 'ftm', token_serial: 'FTKMOB4471BB94D1' });
    const b = (await api.get('/api/v1/fortitokens/?serial=FTKMOB4471BB94D1')).json<ListBody<{ status: string }>>();
    expect(b.objects[0]?.status).toBe('assigned');
    expect((await api.get('/api/v1/fortitokens/?status=assigned')).json<ListBody>().meta.total_count).toBe(1);
    expect((await api.get('/api/v1/fortitokens/1/')).status).toBe(405);
    expect((await api.delete('/api/v1/fortitokens/1/')).status).toBe(204);
    expect((await api.delete('/api/v1/fortitokens/1/')).status).toBe(404);
    expect((await api.get('/api/v1/fortitokens/?serial=FTKMOB44142CCBF3')).json<ListBody>().meta.total_count).toBe(0);
    expect((await api.post('/api/v1/fortitokens/', {})).status).toBe(405);
  });
});

test.describe('licenses', () => {
  test('/fortitokenmobilelicenses/: counts from the FTM tokens; a license imports 10', async ({ api }) => {
    const before = (await api.get('/api/v1/fortitokenmobilelicenses/')).json<Record<string, number>>();
    expect(before).toEqual({ available_ftm: 3, total_ftm: 3, used_ftm: 0 });
    await api.createUser({ username: 'ftm1', token_auth: true, token_type: 'ftm', token_serial: 'FTKMOB44142CCBF3' });
    const lic = 'ABCD-EFGH-1234-5678-WXYZ';
    const r = await api.post('/api/v1/fortitokenmobilelicenses/', { license: lic });
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({ license: lic, messages: { success: 'Successfully imported 10 FortiTokens' } });
    expect((await api.get('/api/v1/fortitokenmobilelicenses/')).json()).toEqual({ available_ftm: 12, total_ftm: 13, used_ftm: 1 });
    expect((await api.get(`/api/v1/fortitokens/?license=${lic}`)).json<ListBody>().meta.total_count).toBe(10);
    expect((await api.post('/api/v1/fortitokenmobilelicenses/', { license: lic })).json()).toMatchObject({ messages: { success: 'Successfully imported 0 FortiTokens' } });
    expect((await api.post('/api/v1/fortitokenmobilelicenses/', { license: 'nope' })).status).toBe(400);
    expect((await api.post('/api/v1/fortitokenmobilelicenses/', {})).json()).toEqual({ fortitokenmobilelicenses: { license: ['This field is required.'] } });
    expect((await api.get('/api/v1/fortitokenmobilelicenses/1/')).status).toBe(404);
    expect((await api.delete('/api/v1/fortitokenmobilelicenses/')).status).toBe(405);
  });

  test('/fortiguardmessages/: a new license adds SMS, a used one adds none', async ({ api, emu }) => {
    expect((await api.get('/api/v1/fortiguardmessages/')).json()).toEqual({ available_sms: 0, total_sms: 0, used_sms: 0 });
    expect((await api.post('/api/v1/fortiguardmessages/', { license: 'AAAA-BBBB-CCCC-DDDD-EEEE' })).status).toBe(200);
    expect((await api.post('/api/v1/fortiguardmessages/', { license: 'AAAA-BBBB-CCCC-DDDD-EEEE' })).status).toBe(200);
    expect((await api.get('/api/v1/fortiguardmessages/')).json()).toEqual({ available_sms: 100, total_sms: 100, used_sms: 0 });
    expect((await api.post('/api/v1/fortiguardmessages/', { license: 5 })).status).toBe(400);
    expect((await api.get('/api/v1/fortiguardmessages/', { auth: basic(emu.restricted.user, emu.restricted.key) })).status).toBe(403);
  });
});

test.describe('/realmauth/', () => {
  test('200, 202 when a password change is required, 401/404 with the reason', async ({ api }) => {
    expect((await api.post('/api/v1/realmauth/', { username: 'test_user', realm: 'local', password: 'testpassword' })).status).toBe(200);
    await api.createUser({ username: 'chg', password: 'pw-1', change_password: true });
    const chg = await api.post('/api/v1/realmauth/', { username: 'chg', realm: 'local', password: 'pw-1' });
    expect(chg.status).toBe(202);
    expect(chg.text).toBe('');
    const bad = await api.post('/api/v1/realmauth/', { username: 'test_user', realm: 'local', password: 'nope' });
    expect(bad.status).toBe(401);
    expect(bad.text).toBe('User authentication failed');
    const ghost = await api.post('/api/v1/realmauth/', { username: 'ghost', realm: 'local', password: 'x' });
    expect(ghost.status).toBe(404);
    expect(ghost.text).toBe('User does not exist');
    expect((await api.post('/api/v1/realmauth/', { username: 'test_user', realm: 'local', token_code: '123456' })).text).toBe('No token configured');
  });

  test('realm required; unknown realm; neither credential → 400; GET 405', async ({ api }) => {
    const noRealm = await api.post('/api/v1/realmauth/', { username: 'test_user', password: 'testpassword' });
    expect(noRealm.status).toBe(400);
    expect(noRealm.json()).toEqual({ realmauth: { realm: ['This field is required.'] } });
    expect((await api.post('/api/v1/realmauth/', { username: 'test_user', realm: 'nowhere', password: 'testpassword' })).status).toBe(400);
    expect((await api.post('/api/v1/realmauth/', { username: 'test_user', realm: 'local' })).json()).toEqual({
      error: 'Either password or token_code needs to be specified.',
    });
    expect((await api.get('/api/v1/realmauth/')).status).toBe(405);
  });
});

test.describe('OAuth server', () => {
  test('password grant: the guide\'s answer; bad credentials and clients → 401; bad requests → 400', async ({ api }) => {
    const t = await passwordToken(api);
    expect(t).toEqual({
      access_token: expect.stringMatching(/^[A-Za-z0-9]{30}$/), expires_in: 0, message: 'successfully authenticated',
      refresh_token: expect.stringMatching(/^[A-Za-z0-9]{30}$/), scope: 'read', status: 'success', token_type: 'Bearer',
    });
    const tok = (body: Record<string, unknown>) => api.post('/api/v1/oauth/token/', body, { auth: false });
    expect((await tok({ username: 'test_user', password: 'bad', client_id: 'client_id', grant_type: 'password' })).status).toBe(401);
    expect((await tok({ username: 'ghost', password: 'x', client_id: 'client_id', grant_type: 'password' })).status).toBe(401);
    expect((await tok({ username: 'test_user', password: 'testpassword', client_id: 'nope', grant_type: 'password' })).status).toBe(401);
    expect((await tok({ username: 'test_user', password: 'testpassword', grant_type: 'password' })).status).toBe(401);
    expect((await tok({ username: 'test_user', password: 'testpassword', client_id: 'client_id', grant_type: 'password', realm: 'other' })).status).toBe(401);
    expect((await tok({ username: 'test_user', password: 'testpassword', client_id: 'client_id', grant_type: 'password', realm: 'local' })).status).toBe(200);
    expect((await tok({ username: 'test_user', password: 'testpassword', client_id: 'client_id' })).status).toBe(400);
    expect((await tok({ client_id: 'client_id', grant_type: 'password' })).status).toBe(400);
    expect((await tok({ client_id: 'client_id', grant_type: 'client_credentials' })).status).toBe(400);
    expect((await api.get('/api/v1/oauth/token/', { auth: false })).status).toBe(405);
    // an application with an expiry
    expect((await passwordToken(api, 'test_user', 'testpassword', 'fcare')).expires_in).toBe(36000);
  });

  test('refresh grant: new tokens; the old refresh and access tokens stop working', async ({ api }) => {
    const t = await passwordToken(api);
    const r = await api.post('/api/v1/oauth/token/', { grant_type: 'refresh_token', refresh_token: t.refresh_token }, { auth: false });
    expect(r.status).toBe(200);
    const n = r.json<TokenBody>();
    expect(n.message).toBe('Token has been refreshed successfully');
    expect(n.access_token).not.toBe(t.access_token);
    expect(n.refresh_token).not.toBe(t.refresh_token);
    const again = await api.post('/api/v1/oauth/token/', { grant_type: 'refresh_token', refresh_token: t.refresh_token }, { auth: false });
    expect(again.status).toBe(401);
    const verify = (token: string) => api.get('/api/v1/oauth/verify_token/?client_id=client_id', { auth: bearer(token) });
    expect((await verify(t.access_token)).status).toBe(401);
    expect((await verify(n.access_token)).status).toBe(200);
    // client_id, when given, must be the token's
    expect((await api.post('/api/v1/oauth/token/', { grant_type: 'refresh_token', refresh_token: n.refresh_token, client_id: 'fcare' }, { auth: false })).status).toBe(401);
    expect((await api.post('/api/v1/oauth/token/', { grant_type: 'refresh_token' }, { auth: false })).status).toBe(400);
  });

  test('verify_token and revoke_token', async ({ api }) => {
    const t = await passwordToken(api);
    const ok = await api.get('/api/v1/oauth/verify_token/?client_id=client_id', { auth: bearer(t.access_token) });
    expect(ok.status).toBe(200);
    expect(ok.json()).toEqual({ username: 'test_user' });
    expect((await api.get('/api/v1/oauth/verify_token/?client_id=fcare', { auth: bearer(t.access_token) })).status).toBe(401);
    expect((await api.get('/api/v1/oauth/verify_token/?client_id=client_id', { auth: false })).status).toBe(401);
    expect((await api.get('/api/v1/oauth/verify_token/', { auth: bearer(t.access_token) })).status).toBe(400);
    const rv = await api.post('/api/v1/oauth/revoke_token/', { client_id: 'client_id', token: t.access_token }, { auth: false });
    expect(rv.status).toBe(200);
    expect(rv.text).toBe('');
    expect((await api.get('/api/v1/oauth/verify_token/?client_id=client_id', { auth: bearer(t.access_token) })).status).toBe(401);
    expect((await api.post('/api/v1/oauth/token/', { grant_type: 'refresh_token', refresh_token: t.refresh_token }, { auth: false })).status).toBe(401);
    // "was or was not successfully deleted": 200 for an unknown token too
    expect((await api.post('/api/v1/oauth/revoke_token/', { client_id: 'client_id', token: 'unknown' }, { auth: false })).status).toBe(200);
    expect((await api.post('/api/v1/oauth/revoke_token/', { client_id: 'client_id' }, { auth: false })).status).toBe(400);
    expect((await api.post('/api/v1/oauth/revoke_token/', { client_id: 'nope', token: 'x' }, { auth: false })).status).toBe(401);
  });

  test('FTM push: 406 challenge with a session, pushauthresp, pushpoll, then the token', async ({ api }) => {
    await api.createUser({ username: 'luser1', password: '12345678', token_auth: true, token_type: 'ftm' });
    const body = { username: 'luser1', password: '12345678', client_id: 'fcare', grant_type: 'password' };
    const c = await api.post('/api/v1/oauth/token/', body, { auth: false });
    expect(c.status).toBe(406);
    const ch = c.json<{ challenge: string; method: string; session: string; status: string }>();
    expect(ch).toEqual({ challenge: 'otp', method: 'ftm-push', session: expect.stringMatching(/^[0-9a-f]{32}$/), status: 'pending' });
    const poll = () => api.get(`/api/v1/pushpoll/?s=${ch.session}`, { auth: false });
    expect((await poll()).json()).toEqual({ challenge: 'otp', method: 'ftm-push', session: ch.session, status: 'pending' });
    // the FTM app answers
    const resp = (b: Record<string, unknown>) => api.post('/api/v1/pushauthresp/', b, { auth: false });
    expect((await resp({ session_id: ch.session, action: 'validate', token_code: '000000' })).status).toBe(401);
    expect((await resp({ session_id: ch.session, action: 'validate' })).status).toBe(400);
    expect((await resp({ session_id: ch.session, action: 'approve', token_code: EMULATOR_TOKEN_CODE })).status).toBe(400);
    expect((await resp({ session_id: 'nope', action: 'validate', token_code: EMULATOR_TOKEN_CODE })).status).toBe(401);
    expect((await resp({ session_id: ch.session, action: 'validate', token_code: EMULATOR_TOKEN_CODE })).status).toBe(200);
    const done = (await poll()).json<{ status: string; challenge_response: string }>();
    expect(done.status).toBe('success');
    expect(done.challenge_response).toMatch(/^[A-Za-z0-9]{20}$/);
    // a wrong challenge_response fails; the right one gets the token (no "message", as in the guide)
    const respond = { ...body, challenge: 'otp', method: 'ftm-push', session: ch.session };
    expect((await api.post('/api/v1/oauth/token/', { ...respond, challenge_response: 'wrong' }, { auth: false })).status).toBe(401);
    const t = await api.post('/api/v1/oauth/token/', { ...respond, challenge_response: done.challenge_response }, { auth: false });
    expect(t.status).toBe(200);
    expect(t.json()).toEqual({
      access_token: expect.any(String), expires_in: 36000, refresh_token: expect.any(String), scope: 'read', status: 'success', token_type: 'Bearer',
    });
    // the session is spent
    expect((await api.post('/api/v1/oauth/token/', { ...respond, challenge_response: done.challenge_response }, { auth: false })).status).toBe(401);
    expect((await poll()).status).toBe(404);
    expect((await api.get('/api/v1/pushpoll/', { auth: false })).status).toBe(400);
  });

  test('other token users: 406 without a session, then the OTP', async ({ api }) => {
    await api.createUser({ username: 'mailer', password: 'pw-1', email: 'mailer@example.com', token_auth: true, token_type: 'email' });
    const body = { username: 'mailer', password: 'pw-1', client_id: 'client_id', grant_type: 'password' };
    const c = await api.post('/api/v1/oauth/token/', body, { auth: false });
    expect(c.status).toBe(406);
    expect(c.json()).toEqual({ challenge: 'otp', method: 'email', status: 'pending' });
    const t = await api.post('/api/v1/oauth/token/', { ...body, challenge: 'otp', method: 'email', challenge_response: EMULATOR_TOKEN_CODE }, { auth: false });
    expect(t.status).toBe(200);
    expect((await api.post('/api/v1/oauth/token/', { ...body, challenge: 'otp', method: 'email', challenge_response: '1' }, { auth: false })).status).toBe(401);
  });

  test('tokens of an application with an expiry stop working once expired', () => {
    let now = Date.UTC(2030, 0, 1);
    const app = createFacApp({ now: () => new Date(now) });
    const call = local(app);
    const t = call('POST', '/api/v1/oauth/token/', { username: 'test_user', password: 'testpassword', client_id: 'fcare', grant_type: 'password' }, false).json<TokenBody>();
    expect(call('GET', '/api/v1/fabric/widget', undefined, bearer(t.access_token)).status).toBe(200);
    now += 36_000_000;
    expect(call('GET', '/api/v1/fabric/widget', undefined, bearer(t.access_token)).status).toBe(401);
    // a refresh still works and gives a live token
    const n = call('POST', '/api/v1/oauth/token/', { grant_type: 'refresh_token', refresh_token: t.refresh_token }, false).json<TokenBody>();
    expect(call('GET', '/api/v1/fabric/widget', undefined, bearer(n.access_token)).status).toBe(200);
  });
});

test.describe('/pushauth/', () => {
  test('200 for a user with an FTM token; 404 otherwise; 400 without username', async ({ api, emu }) => {
    await api.createUser({ username: 'pusher', password: 'pw-1', token_auth: true, token_type: 'ftm' });
    const ok = await api.post('/api/v1/pushauth/', { username: 'pusher', user_ip: '10.0.0.1', log_message: 'VPN login' });
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('');
    expect((await api.post('/api/v1/pushauth/', { username: 'pusher', realm: 'local' })).status).toBe(200);
    expect((await api.post('/api/v1/pushauth/', { username: 'test_user' })).status).toBe(404);
    expect((await api.post('/api/v1/pushauth/', { username: 'ghost' })).status).toBe(404);
    expect((await api.post('/api/v1/pushauth/', {})).json()).toEqual({ pushauth: { username: ['This field is required.'] } });
    expect((await api.post('/api/v1/pushauth/', { username: 'pusher' }, { auth: false })).status).toBe(401);
    // 003 · pushauth has no permission code: the restricted administrator may use it
    expect((await api.post('/api/v1/pushauth/', { username: 'pusher' }, { auth: basic(emu.restricted.user, emu.restricted.key) })).status).toBe(200);
  });
});

test.describe('fabric', () => {
  test('/api/fabric/authenticate: admin credentials → token with expires_in 0; refresh grant', async ({ api, emu }) => {
    const r = await api.post('/api/fabric/authenticate', { username: emu.user, password: emu.key }, { auth: false });
    expect(r.status).toBe(200);
    const t = r.json<TokenBody>();
    expect(t).toEqual({
      access_token: expect.stringMatching(/^[A-Za-z0-9]{30}$/), expires_in: 0, message: 'successfully authenticated',
      refresh_token: expect.stringMatching(/^[A-Za-z0-9]{30}$/), scope: 'read', success: 'true', token_type: 'Bearer',
    });
    const ref = await api.post('/api/fabric/authenticate', { grant_type: 'refresh_token', refresh_token: t.refresh_token }, { auth: false });
    expect(ref.status).toBe(200);
    const n = ref.json<TokenBody>();
    expect(n).toMatchObject({ expires_in: 0, message: 'Token has been refreshed successfully', success: 'true', token_type: 'Bearer' });
    expect(n.refresh_token).not.toBe(t.refresh_token);
    expect((await api.post('/api/fabric/authenticate', { grant_type: 'refresh_token', refresh_token: t.refresh_token }, { auth: false })).status).toBe(401);
    // fabric refresh tokens do not refresh at /oauth/token/, nor the other way round
    expect((await api.post('/api/v1/oauth/token/', { grant_type: 'refresh_token', refresh_token: n.refresh_token }, { auth: false })).status).toBe(401);
    const o = await passwordToken(api);
    expect((await api.post('/api/fabric/authenticate', { grant_type: 'refresh_token', refresh_token: o.refresh_token }, { auth: false })).status).toBe(401);
    // with a trailing slash too
    expect((await api.post('/api/fabric/authenticate/', { username: emu.user, password: emu.key }, { auth: false })).status).toBe(200);
  });

  test('/api/fabric/authenticate: 401 for wrong credentials, the restricted admin and local users; 400 without them', async ({ api, emu }) => {
    const auth = (b: Record<string, unknown>) => api.post('/api/fabric/authenticate', b, { auth: false });
    expect((await auth({ username: emu.user, password: 'wrong' })).status).toBe(401);
    expect((await auth({ username: emu.restricted.user, password: emu.restricted.key })).status).toBe(401);
    expect((await auth({ username: 'test_user', password: 'testpassword' })).status).toBe(401);
    expect((await auth({ username: emu.user })).status).toBe(400);
    expect((await auth({ grant_type: 'refresh_token' })).status).toBe(400);
    expect((await api.get('/api/fabric/authenticate', { auth: false })).status).toBe(405);
    expect((await api.get('/api/fabric/nothing', { auth: false })).status).toBe(404);
  });

  test('Bearer resources: device status and widgets', async ({ api, emu }) => {
    const t = (await api.post('/api/fabric/authenticate', { username: emu.user, password: emu.key }, { auth: false })).json<TokenBody>();
    const status = await api.get('/api/fabric/device/status', { auth: bearer(t.access_token) });
    expect(status.status).toBe(200);
    expect(status.json()).toMatchObject({ device_type: 'fortiauthenticator', model: 'FACVM', serial_number: 'FAC-VM0000000000', version: { major: 6, minor: 3, patch: 1 } });
    const widgets = await api.get('/api/v1/fabric/widget', { auth: bearer(t.access_token) });
    expect(widgets.status).toBe(200);
    expect(widgets.json()).toEqual({
      data: [{ id: 'sysinfo', lang_key: 'sysinfo', supported_visualization_types: ['key-value-pair'] }],
      meta: { language: { en: { sysinfo: 'System Information' } } },
    });
    expect((await api.get('/api/v1/fabric/widget/', { auth: bearer(t.access_token) })).status).toBe(200);
    const d = await api.get('/api/v1/fabric/widget/sysinfo?visualization_type=key-value-pair', { auth: bearer(t.access_token) });
    expect(d.status).toBe(200);
    const detail = d.json<{ data: Array<{ lang_key: string; value: unknown }>; meta: Record<string, unknown> }>();
    expect(detail.data).toContainEqual({ lang_key: 'hostname', value: 'FortiAuthenticator' });
    expect(detail.meta).toMatchObject({ polling: false, polling_interval_min: 0, visualization_type: 'key-value-pair' });
    expect((detail.meta.language as { en: Record<string, string> }).en.devicefqdn).toBe('Device FQDN');
    expect((await api.get('/api/v1/fabric/widget/sysinfo', { auth: bearer(t.access_token) })).status).toBe(400);
    expect((await api.get('/api/v1/fabric/widget/sysinfo?visualization_type=chart', { auth: bearer(t.access_token) })).status).toBe(400);
    expect((await api.get('/api/v1/fabric/widget/nope?visualization_type=key-value-pair', { auth: bearer(t.access_token) })).status).toBe(404);
    expect((await api.post('/api/v1/fabric/widget', {}, { auth: bearer(t.access_token) })).status).toBe(405);
    // an OAuth token from /oauth/token/ works too
    expect((await api.get('/api/v1/fabric/widget', { auth: bearer((await passwordToken(api)).access_token) })).status).toBe(200);
  });

  test('Bearer: 401 for missing, malformed, unknown and revoked tokens, and for Basic credentials', async ({ api }) => {
    const t = await passwordToken(api);
    for (const auth of [false, 'Bearer', `Bearer ${t.access_token} extra`, 'Bearer ???', 'Bearer unknowntoken', `Token ${t.access_token}`, api.authorization] as const) {
      for (const url of ['/api/v1/fabric/widget', '/api/fabric/device/status']) {
        const r = await api.get(url, { auth });
        expect(r.status, `${url} ${String(auth)}`).toBe(401);
        expect(r.headers.get('www-authenticate')).toBe('Bearer realm="api"');
      }
    }
    expect((await api.get('/api/v1/fabric/widget', { auth: `bearer ${t.access_token}` })).status).toBe(200);
    await api.post('/api/v1/oauth/revoke_token/', { client_id: 'client_id', token: t.access_token }, { auth: false });
    expect((await api.get('/api/v1/fabric/widget', { auth: bearer(t.access_token) })).status).toBe(401);
    // a Bearer token is no Basic credential
    const f = (await api.post('/api/fabric/authenticate', { username: api.emu.user, password: api.emu.key }, { auth: false })).json<TokenBody>();
    expect((await api.get('/api/v1/localusers/', { auth: bearer(f.access_token) })).status).toBe(401);
  });
});

test.describe('permissions (003) and the restricted administrator', () => {
  test('403 on every resource with a permission code, schema included; 405 still comes first', async ({ api, emu }) => {
    const restricted = basic(emu.restricted.user, emu.restricted.key);
    expect(emu.restricted.user).not.toBe(emu.user);
    expect(emu.restricted.key).toMatch(/^[A-Za-z0-9]{40}$/);
    for (const url of [
      '/api/v1/localusers/', '/api/v1/localusers/4/', '/api/v1/usergroups/', '/api/v1/localgroup-memberships/', '/api/v1/ssogroup/',
      '/api/v1/fgtgroupfilter/', '/api/v1/fgtgroupfilter/1/ssofilterobjects/', '/api/v1/fortitokens/', '/api/v1/fortitokenmobilelicenses/',
      '/api/v1/localusers/schema/', '/api/v1/localusers/999999/',
    ]) {
      const r = await api.get(url, { auth: restricted });
      expect(r.status, url).toBe(403);
      expect(r.text).toBe('');
    }
    for (const [url, body] of [
      ['/api/v1/auth/', { username: 'test_user', password: 'testpassword' }],
      ['/api/v1/realmauth/', { username: 'test_user', realm: 'local', password: 'testpassword' }],
      ['/api/v1/localusers/', { username: 'sneaky', password: 'pw-1' }],
    ] as const)
      expect((await api.post(url, body, { auth: restricted })).status, url).toBe(403);
    expect((await api.get('/api/v1/localusers/?username=sneaky')).json<ListBody>().meta.total_count).toBe(0);
    expect((await api.get('/api/v1/auth/', { auth: restricted })).status).toBe(405);
    // a wrong key is still 401; "None" resources need nothing
    expect((await api.get('/api/v1/localusers/', { auth: basic(emu.restricted.user, 'x') })).status).toBe(401);
    expect((await api.get('/api/v1/', { auth: restricted })).status).toBe(200);
    // the restricted admin's name is taken in the one user table
    expect((await api.post('/api/v1/localusers/', { username: emu.restricted.user, password: 'pw-1' })).status).toBe(400);
  });
});

test.describe('/system/external_ip_fqdn/', () => {
  test('GET and POST the value', async ({ api, emu }) => {
    expect((await api.get('/api/v1/system/external_ip_fqdn/')).status).toBe(200);
    const set = await api.post('/api/v1/system/external_ip_fqdn/', { value: 'fac.example.com:8443' });
    expect(set.status).toBe(200);
    expect((await api.get('/api/v1/system/external_ip_fqdn/')).json()).toEqual({ value: 'fac.example.com:8443' });
    expect((await api.post('/api/v1/system/external_ip_fqdn/', {})).status).toBe(400);
    expect((await api.post('/api/v1/system/external_ip_fqdn/', { value: 'bad host!' })).status).toBe(400);
    expect((await api.get('/api/v1/system/external_ip_fqdn/', { auth: basic(emu.restricted.user, emu.restricted.key) })).status).toBe(403);
  });
});

test.describe('variants', () => {
  test.describe('ssogroup-name-not-unique', () => {
    test.use({ emuOptions: { variants: ['ssogroup-name-not-unique'] } });
    test('a duplicate name is accepted', async ({ api }) => {
      expect((await api.post('/api/v1/ssogroup/', { name: 'Test Group1' })).status).toBe(201);
    });
  });

  test.describe('oauth-refresh-reuse', () => {
    test.use({ emuOptions: { variants: ['oauth-refresh-reuse'] } });
    test('the old refresh token still works', async ({ api }) => {
      const t = await passwordToken(api);
      const refresh = () => api.post('/api/v1/oauth/token/', { grant_type: 'refresh_token', refresh_token: t.refresh_token }, { auth: false });
      expect((await refresh()).status).toBe(200);
      expect((await refresh()).status).toBe(200);
    });
  });

  test.describe('restricted-admin-allowed', () => {
    test.use({ emuOptions: { variants: ['restricted-admin-allowed'] } });
    test('the restricted admin gets 200', async ({ api, emu }) => {
      expect((await api.get('/api/v1/localusers/', { auth: basic(emu.restricted.user, emu.restricted.key) })).status).toBe(200);
    });
  });

  test('the normal emulator has none of these deviations', async ({ api, emu }) => {
    expect((await api.post('/api/v1/ssogroup/', { name: 'Test Group1' })).status).toBe(400);
    expect((await api.get('/api/v1/localusers/', { auth: basic(emu.restricted.user, emu.restricted.key) })).status).toBe(403);
    const t = await passwordToken(api);
    expect((await api.post('/api/v1/oauth/token/', { grant_type: 'refresh_token', refresh_token: t.refresh_token }, { auth: false })).status).toBe(200);
    expect((await api.post('/api/v1/oauth/token/', { grant_type: 'refresh_token', refresh_token: t.refresh_token }, { auth: false })).status).toBe(401);
  });
});
