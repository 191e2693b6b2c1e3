// Plain list/detail resources (002 · MAC devices/groups/memberships, TACACS+, IAM, Email/Syslog/FTP
// servers, SCEP requests, Local API admin; 003-only resources: passwordpolicies, system,
// transfertoken, userfortitokenpolicy).
import { test, expect, idFromLocation, type Client, type ListBody } from './helpers.ts';

const D = (id: number): string => `/api/v1/macdevices/${id}/`;
const G = (id: number): string => `/api/v1/macgroups/${id}/`;

async function created(api: Client, path: string, body: Record<string, unknown>): Promise<number> {
  const r = await api.post(path, body);
  expect(r.status, r.text).toBe(201);
  return idFromLocation(r);
}

test('root listing names every resource of this set', async ({ api }) => {
  const root = (await api.get('/api/v1/')).json();
  for (const name of [
    'localapiadmin', 'macdevices', 'macgroups', 'macgroup-memberships', 'tacplusclients', 'tacpluspolicies',
    'tacpluspolicyclient', 'iamaccounts', 'iamusers', 'smtpservers', 'syslogservers', 'ftpservers', 'scepreqs',
    'passwordpolicies', 'transfertoken', 'userfortitokenpolicy', 'system',
  ])
    expect(root[name], name).toEqual({ list_endpoint: `/api/v1/${name}/`, schema: `/api/v1/${name}/schema/` });
});

test.describe('macdevices', () => {
  test('every documented MAC spelling, any case; the object as sent', async ({ api }) => {
    const good = ['11:22:33:44:aa:bb', '1122334455CC', 'AA:BB:CC', 'aabbcd', '11:22:34:xx:xx:xx', '112235XXXXXX', 'dD:eE:fF:00:11:22'];
    for (const [i, address] of good.entries()) {
      const id = await created(api, '/api/v1/macdevices/', { name: `dev${i}`, address });
      expect((await api.get(D(id))).json()).toEqual({ address, description: '', id, name: `dev${i}`, resource_uri: D(id) });
    }
  });

  test('malformed addresses, lengths and required fields → 400 keyed by resource and field', async ({ api }) => {
    for (const address of ['11-22-33-44-55-66', '11:22:33:44:55', 'gg:22:33:44:55:66', '1122.3344.5566', '11:22:33:xx', '11:22:33:44:55:66:77']) {
      const r = await api.post('/api/v1/macdevices/', { name: 'bad', address });
      expect(r.status, address).toBe(400);
      expect(r.json(), address).toEqual({ macdevices: { address: ['Enter a valid MAC address.'] } });
    }
    expect((await api.post('/api/v1/macdevices/', { name: 'x', address: 'a'.repeat(26) })).json()).toEqual({
      macdevices: { address: ['Ensure this value has at most 25 characters (it has 26).'] },
    });
    expect((await api.post('/api/v1/macdevices/', {})).json()).toEqual({
      macdevices: { name: ['This field is required.'], address: ['This field is required.'] },
    });
    expect((await api.post('/api/v1/macdevices/', { name: 'n'.repeat(51), address: '112233445566', description: 'd'.repeat(256) })).json()).toEqual({
      macdevices: {
        name: ['Ensure this value has at most 50 characters (it has 51).'],
        description: ['Ensure this value has at most 255 characters (it has 256).'],
      },
    });
  });

  test('name and address are unique; the address across spellings and case', async ({ api }) => {
    await created(api, '/api/v1/macdevices/', { name: 'printer', address: '11:22:33:44:AA:BB' });
    await created(api, '/api/v1/macdevices/', { name: 'vendor', address: '00:11:22' });
    expect((await api.post('/api/v1/macdevices/', { name: 'printer', address: '99:99:99:99:99:99' })).json()).toEqual({
      macdevices: { name: ['MAC device with this Name already exists.'] },
    });
    for (const address of ['112233445566'.replace('5566', 'aabb'), '11:22:33:44:aa:bb', '001122', '00:11:22:XX:XX:XX']) {
      const r = await api.post('/api/v1/macdevices/', { name: `other-${address}`, address });
      expect(r.status, address).toBe(400);
      expect(r.json()).toEqual({ macdevices: { address: ['MAC device with this MAC address already exists.'] } });
    }
  });

  test('filters: name and address with the six documented lookups; others refused', async ({ api }) => {
    await created(api, '/api/v1/macdevices/', { name: 'Lobby-Cam', address: 'AA:BB:CC:00:00:01' });
    await created(api, '/api/v1/macdevices/', { name: 'lobby-tv', address: 'aa:bb:cc:00:00:02' });
    const names = async (q: string): Promise<string[]> =>
      (await api.get(`/api/v1/macdevices/?${q}`)).json<ListBody<{ name: string }>>().objects.map((o) => o.name);
    expect(await names('name__istartswith=lobby')).toEqual(['Lobby-Cam', 'lobby-tv']);
    expect(await names('name__startswith=lobby')).toEqual(['lobby-tv']);
    expect(await names('address__icontains=aa:bb:cc')).toEqual(['Lobby-Cam', 'lobby-tv']);
    expect(await names('address__contains=AA:BB')).toEqual(['Lobby-Cam']);
    expect(await names('address__iexact=aa:bb:cc:00:00:01')).toEqual(['Lobby-Cam']);
    const r = await api.get('/api/v1/macdevices/?name__in=Lobby-Cam');
    expect(r.status).toBe(400);
    expect(r.json()).toEqual({ error: "'in' is not an allowed filter on the 'name' field." });
    expect((await api.get('/api/v1/macdevices/?description=x')).json()).toEqual({ error: "The 'description' field does not allow filtering." });
  });

  test('PATCH 202 validates what it changes; PUT is not allowed', async ({ api }) => {
    const id = await created(api, '/api/v1/macdevices/', { name: 'p', address: '112233445566' });
    const r = await api.patch(D(id), { description: 'lab printer' });
    expect(r.status).toBe(202);
    expect(r.text).toBe('');
    expect((await api.get(D(id))).json()).toMatchObject({ name: 'p', address: '112233445566', description: 'lab printer' });
    expect((await api.patch(D(id), { address: 'nope' })).json()).toEqual({ macdevices: { address: ['Enter a valid MAC address.'] } });
    // Its own address again is not a duplicate.
    expect((await api.patch(D(id), { address: '11:22:33:44:55:66' })).status).toBe(202);
    const put = await api.put(D(id), { name: 'p', address: '112233445566' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET,PATCH,DELETE');
  });
});

test.describe('macgroups and macgroup-memberships', () => {
  test('devices is read only and follows the memberships; deletes cascade', async ({ api }) => {
    const d1 = await created(api, '/api/v1/macdevices/', { name: 'd1', address: '11:11:11:11:11:11' });
    const d2 = await created(api, '/api/v1/macdevices/', { name: 'd2', address: '22:22:22:22:22:22' });
    const g = await created(api, '/api/v1/macgroups/', { name: 'Cameras', devices: [D(d1)] });
    expect((await api.get(G(g))).json()).toEqual({ devices: [], id: g, name: 'Cameras', resource_uri: G(g) });
    const m2 = await created(api, '/api/v1/macgroup-memberships/', { group: G(g), device: D(d2) });
    await created(api, '/api/v1/macgroup-memberships/', { group: G(g), device: D(d1) });
    expect((await api.get(G(g))).json()).toMatchObject({ devices: [D(d1), D(d2)] });
    expect((await api.get(`/api/v1/macgroup-memberships/${m2}/`)).json()).toEqual({
      device: D(d2), device_name: 'd2', group: G(g), group_name: 'Cameras', id: m2, resource_uri: `/api/v1/macgroup-memberships/${m2}/`,
    });
    // Deleting a device removes its memberships; deleting a group removes the rest.
    expect((await api.delete(D(d2))).status).toBe(204);
    expect((await api.get(`/api/v1/macgroup-memberships/${m2}/`)).status).toBe(404);
    expect((await api.get(G(g))).json()).toMatchObject({ devices: [D(d1)] });
    expect((await api.delete(G(g))).status).toBe(204);
    expect((await api.get('/api/v1/macgroup-memberships/')).json<ListBody>().meta.total_count).toBe(0);
    expect((await api.get(D(d1))).status).toBe(200);
  });

  test('group rules: required unique name, name exact filter, no PATCH', async ({ api }) => {
    await created(api, '/api/v1/macgroups/', { name: 'Phones' });
    expect((await api.post('/api/v1/macgroups/', { name: 'Phones' })).json()).toEqual({ macgroups: { name: ['MAC group with this Name already exists.'] } });
    expect((await api.post('/api/v1/macgroups/', { name: '' })).json()).toEqual({ macgroups: { name: ['This field is required.'] } });
    expect((await api.get('/api/v1/macgroups/?name=Phones')).json<ListBody>().meta.total_count).toBe(1);
    expect((await api.get('/api/v1/macgroups/?name__iexact=phones')).status).toBe(400);
    expect((await api.patch(G(1), { name: 'x' })).status).toBe(405);
  });

  test('membership rules: required URIs, unknown URIs, one per pair, filters', async ({ api }) => {
    const d = await created(api, '/api/v1/macdevices/', { name: 'tv', address: '33:33:33:33:33:33' });
    const g = await created(api, '/api/v1/macgroups/', { name: 'TVs' });
    expect((await api.post('/api/v1/macgroup-memberships/', {})).json()).toEqual({
      'macgroup-memberships': { group: ['This field is required.'], device: ['This field is required.'] },
    });
    const unknown = await api.post('/api/v1/macgroup-memberships/', { group: G(g), device: D(999) });
    expect(unknown.status).toBe(400);
    expect(unknown.json()).toEqual({ error: "Could not find the provided macdevices object via resource URI '/api/v1/macdevices/999/'." });
    await created(api, '/api/v1/macgroup-memberships/', { group: G(g), device: D(d) });
    expect((await api.post('/api/v1/macgroup-memberships/', { group: G(g), device: D(d) })).json()).toEqual({
      'macgroup-memberships': { __all__: ['MAC group membership with this Group and Device already exists.'] },
    });
    expect((await api.get('/api/v1/macgroup-memberships/?group_name=TVs&device_name=tv')).json<ListBody>().meta.total_count).toBe(1);
    expect((await api.get('/api/v1/macgroup-memberships/?device_name=TV')).json<ListBody>().meta.total_count).toBe(0);
    expect((await api.get('/api/v1/macgroup-memberships/?group_name__icontains=tv')).status).toBe(400);
  });
});

test.describe('TACACS+', () => {
  test('clients: fields, address formats, secret never shown, PUT replaces and keeps the secret', async ({ api }) => {
    const id = await created(api, '/api/v1/tacplusclients/', { name: 'core-sw', address: '10.0.0.0/24', secret: 's3cret' });
    const uri = `/api/v1/tacplusclients/${id}/`;
    expect((await api.get(uri)).json()).toEqual({ address: '10.0.0.0/24', id, name: 'core-sw', resource_uri: uri });
    for (const address of ['10.1.2.3', '2001:db8::1', '2001:db8::/32', '192.168.0.0/255.255.0.0'])
      expect((await api.put(uri, { name: 'core-sw', address })).status, address).toBe(204);
    for (const address of ['10.1.2', 'host.example.com', '10.0.0.0/33', '10.0.0.0/255.0.255.0'])
      expect((await api.put(uri, { name: 'core-sw', address })).json(), address).toEqual({
        tacplusclients: { address: ['Enter a valid IPv4 or IPv6 address or subnet.'] },
      });
    expect((await api.post('/api/v1/tacplusclients/', { name: 'n'.repeat(33), address: '10.0.0.1', secret: 'x'.repeat(64) })).json()).toEqual({
      tacplusclients: {
        name: ['Ensure this value has at most 32 characters (it has 33).'],
        secret: ['Ensure this value has at most 63 characters (it has 64).'],
      },
    });
    expect((await api.post('/api/v1/tacplusclients/', { name: 'core-sw', address: '10.0.0.2' })).json()).toEqual({
      tacplusclients: { name: ['TACACS+ client with this Name already exists.'], secret: ['This field is required.'] },
    });
    // PUT on a missing id creates it there (tastypie put_detail) and then needs the secret.
    expect((await api.put('/api/v1/tacplusclients/50/', { name: 'edge', address: '10.9.9.9' })).json()).toEqual({
      tacplusclients: { secret: ['This field is required.'] },
    });
    const c = await api.put('/api/v1/tacplusclients/50/', { name: 'edge', address: '10.9.9.9', secret: 'k' });
    expect(c.status).toBe(201);
    expect(c.headers.get('location')).toBe('/api/v1/tacplusclients/50/');
    expect((await api.patch(uri, { name: 'x' })).status).toBe(405);
    expect((await api.get('/api/v1/tacplusclients/?name=edge')).json<ListBody>().objects.map((o) => o.id)).toEqual([50]);
  });

  test('policies are read only (seeded); associations link policy and client', async ({ api }) => {
    const policies = (await api.get('/api/v1/tacpluspolicies/')).json<ListBody<{ id: number; name: string }>>();
    expect(policies.meta.total_count).toBeGreaterThan(0);
    const p = policies.objects[0] as { id: number; name: string };
    expect((await api.post('/api/v1/tacpluspolicies/', { name: 'x' })).status).toBe(405);
    expect((await api.get(`/api/v1/tacpluspolicies/?name=${p.name}`)).json<ListBody>().meta.total_count).toBe(1);
    const seededLinks = (await api.get(`/api/v1/tacpluspolicyclient/?policy_name=${p.name}`)).json<ListBody>().meta.total_count;
    const c = await created(api, '/api/v1/tacplusclients/', { name: 'fw', address: '10.0.0.1', secret: 'k' });
    const P = `/api/v1/tacpluspolicies/${p.id}/`;
    const C = `/api/v1/tacplusclients/${c}/`;
    const l = await created(api, '/api/v1/tacpluspolicyclient/', { policy: P, client: C });
    expect((await api.get(`/api/v1/tacpluspolicyclient/${l}/`)).json()).toEqual({
      client: C, client_name: 'fw', id: l, policy: P, policy_name: p.name, resource_uri: `/api/v1/tacpluspolicyclient/${l}/`,
    });
    expect((await api.post('/api/v1/tacpluspolicyclient/', { policy: P, client: C })).status).toBe(400);
    expect((await api.get('/api/v1/tacpluspolicyclient/?client_name=fw')).json<ListBody>().meta.total_count).toBe(1);
    expect((await api.get(`/api/v1/tacpluspolicyclient/?policy_name=${p.name}`)).json<ListBody>().meta.total_count).toBe(seededLinks + 1);
    expect((await api.delete(C)).status).toBe(204);
    expect((await api.get(`/api/v1/tacpluspolicyclient/${l}/`)).status).toBe(404);
  });
});

test.describe('IAM', () => {
  test('accounts: unique name and alias, PATCH, id filters; deleting an account deletes its users', async ({ api }) => {
    const a = await created(api, '/api/v1/iamaccounts/', { name: 'acme', alias: 'ACME Corp' });
    const b = await created(api, '/api/v1/iamaccounts/', { name: 'globex', alias: 'Globex' });
    expect((await api.post('/api/v1/iamaccounts/', { name: 'acme', alias: 'Globex' })).json()).toEqual({
      iamaccounts: { name: ['IAM account with this Name already exists.'], alias: ['IAM account with this Alias already exists.'] },
    });
    expect((await api.post('/api/v1/iamaccounts/', { name: 'x' })).json()).toEqual({ iamaccounts: { alias: ['This field is required.'] } });
    expect((await api.patch(`/api/v1/iamaccounts/${b}/`, { alias: 'Globex Inc' })).status).toBe(202);
    expect((await api.get(`/api/v1/iamaccounts/?id__in=${a},${b}`)).json<ListBody>().meta.total_count).toBe(2);
    expect((await api.get('/api/v1/iamaccounts/?alias=Globex Inc')).json<ListBody>().objects.map((o) => o.id)).toEqual([b]);
    const u = await created(api, '/api/v1/iamusers/', { username: 'ops', account: a, localuser: 4 });
    expect((await api.delete(`/api/v1/iamaccounts/${a}/`)).status).toBe(204);
    expect((await api.get(`/api/v1/iamusers/${u}/`)).status).toBe(404);
  });

  test('users: localuser xor ldapuser, ids as integers or strings, unique within an account', async ({ api }) => {
    const a = await created(api, '/api/v1/iamaccounts/', { name: 'one', alias: 'One' });
    const b = await created(api, '/api/v1/iamaccounts/', { name: 'two', alias: 'Two' });
    const u = await created(api, '/api/v1/iamusers/', { username: 'alice', account: String(a), localuser: '4', is_admin: true });
    expect((await api.get(`/api/v1/iamusers/${u}/`)).json()).toEqual({
      account: a, id: u, is_admin: true, ldapuser: null, localuser: 4, resource_uri: `/api/v1/iamusers/${u}/`, username: 'alice',
    });
    expect((await api.post('/api/v1/iamusers/', { username: 'alice', account: a, localuser: 5 })).json()).toEqual({
      iamusers: { __all__: ['IAM user with this Username and Account already exists.'] },
    });
    expect((await api.post('/api/v1/iamusers/', { username: 'alice', account: b, localuser: 5 })).status).toBe(201);
    expect((await api.post('/api/v1/iamusers/', { username: 'bob', account: a })).json()).toEqual({
      iamusers: { localuser: ['Either localuser or ldapuser is required.'] },
    });
    expect((await api.post('/api/v1/iamusers/', { username: 'bob', account: a, localuser: 4, ldapuser: 1 })).status).toBe(400);
    expect((await api.post('/api/v1/iamusers/', { username: 'bob', account: 999, localuser: 999 })).json()).toEqual({
      iamusers: {
        account: ['Select a valid choice. That choice is not one of the available choices.'],
        localuser: ['Select a valid choice. That choice is not one of the available choices.'],
      },
    });
    expect((await api.post('/api/v1/iamusers/', { username: 'bob', account: 'x', localuser: 4 })).json()).toEqual({
      iamusers: { account: ['Enter a whole number.'] },
    });
    expect((await api.patch(`/api/v1/iamusers/${u}/`, { is_admin: false })).status).toBe(202);
    expect((await api.get(`/api/v1/iamusers/?account=${a}&localuser=4&username=alice`)).json<ListBody>().objects.map((o) => o.id)).toEqual([u]);
  });

  test('deleting the local user deletes its IAM user', async ({ api }) => {
    const seeded = (await api.get('/api/v1/iamusers/')).json<ListBody>().meta.total_count;
    const a = await created(api, '/api/v1/iamaccounts/', { name: 'c', alias: 'C' });
    const lu = await api.createUser({ username: 'iam-backed' });
    const u = await created(api, '/api/v1/iamusers/', { username: 'x', account: a, localuser: lu });
    expect((await api.delete(`/api/v1/localusers/${lu}/`)).status).toBe(204);
    expect((await api.get(`/api/v1/iamusers/${u}/`)).status).toBe(404);
    expect((await api.get('/api/v1/iamusers/')).json<ListBody>().meta.total_count).toBe(seeded);
  });
});

test.describe('smtpservers', () => {
  const S = (id: number): string => `/api/v1/smtpservers/${id}/`;

  test('defaults: port 25, secure none, authentication off with name/password None; password never shown', async ({ api }) => {
    const id = await created(api, '/api/v1/smtpservers/', {
      name: 'relay', address: 'mail.example.com', sender_email: 'fac@example.com', authentication_name: 'ignored',
    });
    expect((await api.get(S(id))).json()).toEqual({
      address: 'mail.example.com', authentication: false, authentication_name: null, default: false, id, name: 'relay',
      port: 25, resource_uri: S(id), secure: 'none', sender_email: 'fac@example.com', sender_name: '',
    });
    // The guide's POST example.
    const ex = await created(api, '/api/v1/smtpservers/', {
      address: 'mail.server-test.com', authentication: true, authentication_name: 'username',
      authentication_password: 'supersecretpassword', default: true, name: 'fortitest25', secure: 'starttls',
      sender_email: 'email@fortinet.com', sender_name: 'email sender name',
    });
    const body = (await api.get(S(ex))).json();
    expect(body).toMatchObject({ authentication: true, authentication_name: 'username', default: true, port: 25, secure: 'starttls' });
    expect(body).not.toHaveProperty('authentication_password');
  });

  test('validation: required, unique name and address, authentication needs name and password, choices', async ({ api }) => {
    expect((await api.post('/api/v1/smtpservers/', {})).json()).toEqual({
      smtpservers: { name: ['This field is required.'], address: ['This field is required.'], sender_email: ['This field is required.'] },
    });
    expect((await api.post('/api/v1/smtpservers/', { name: 'localhost', address: 'localhost', sender_email: 'a@b.co' })).json()).toEqual({
      smtpservers: { name: ['SMTP server with this Name already exists.'], address: ['SMTP server with this Address already exists.'] },
    });
    expect((await api.post('/api/v1/smtpservers/', { name: 'a', address: 'b', sender_email: 'a@b.co', authentication: true })).json()).toEqual({
      smtpservers: { authentication_name: ['This field is required.'], authentication_password: ['This field is required.'] },
    });
    expect((await api.post('/api/v1/smtpservers/', { name: 'a', address: 'b', sender_email: 'nope', secure: 'ssl', port: 70000 })).json()).toEqual({
      smtpservers: {
        port: ['Ensure this value is less than or equal to 65535.'],
        sender_email: ['Enter a valid email address.'],
        secure: ['Select a valid choice. ssl is not one of the available choices.'],
      },
    });
    expect((await api.get('/api/v1/smtpservers/?name=localhost')).status).toBe(400);
  });

  test('one default server; unsetting or deleting the default falls back to server 1', async ({ api }) => {
    const defaults = async (): Promise<number[]> =>
      (await api.get('/api/v1/smtpservers/')).json<ListBody<{ id: number; default: boolean }>>().objects.filter((o) => o.default).map((o) => o.id);
    expect(await defaults()).toEqual([1]);
    const a = await created(api, '/api/v1/smtpservers/', { name: 'a', address: 'a.example', sender_email: 'a@a.example', default: true });
    expect(await defaults()).toEqual([a]);
    const b = await created(api, '/api/v1/smtpservers/', { name: 'b', address: 'b.example', sender_email: 'b@b.example' });
    expect(await defaults()).toEqual([a]);
    expect((await api.patch(S(b), { default: true })).status).toBe(202);
    expect(await defaults()).toEqual([b]);
    expect((await api.patch(S(a), { default: false })).status).toBe(202); // not the default: no change
    expect(await defaults()).toEqual([b]);
    expect((await api.patch(S(b), { default: false })).status).toBe(202);
    expect(await defaults()).toEqual([1]);
    expect((await api.patch(S(1), { default: false })).status).toBe(202); // falls back to itself
    expect(await defaults()).toEqual([1]);
    await api.patch(S(a), { default: true });
    expect((await api.delete(S(a))).status).toBe(204);
    expect(await defaults()).toEqual([1]);
  });

  test('PATCH authentication off clears the credentials; on requires them', async ({ api }) => {
    const id = await created(api, '/api/v1/smtpservers/', {
      name: 'x', address: 'x.example', sender_email: 'x@x.example', authentication: true, authentication_name: 'u', authentication_password: 'p',
    });
    expect((await api.patch(S(id), { port: 587 })).status).toBe(202);
    expect((await api.get(S(id))).json()).toMatchObject({ authentication: true, authentication_name: 'u', port: 587 });
    expect((await api.patch(S(id), { authentication: false })).status).toBe(202);
    expect((await api.get(S(id))).json()).toMatchObject({ authentication: false, authentication_name: null });
    expect((await api.patch(S(id), { authentication: true, authentication_name: 'u' })).json()).toEqual({
      smtpservers: { authentication_password: ['This field is required.'] },
    });
  });
});

test('syslogservers: defaults 514 / information / user, choices, no filters', async ({ api }) => {
  const id = await created(api, '/api/v1/syslogservers/', { name: 'siem', address: '10.0.0.5' });
  const uri = `/api/v1/syslogservers/${id}/`;
  expect((await api.get(uri)).json()).toEqual({ address: '10.0.0.5', facility: 'user', id, level: 'information', name: 'siem', port: 514, resource_uri: uri });
  expect((await api.post('/api/v1/syslogservers/', { name: 'b', address: 'c', level: 'info', facility: 'local8' })).json()).toEqual({
    syslogservers: {
      level: ['Select a valid choice. info is not one of the available choices.'],
      facility: ['Select a valid choice. local8 is not one of the available choices.'],
    },
  });
  expect((await api.patch(uri, { level: 'debug', facility: 'local7', port: '1514' })).status).toBe(202);
  expect((await api.get(uri)).json()).toMatchObject({ level: 'debug', facility: 'local7', port: 1514 });
  expect((await api.post('/api/v1/syslogservers/', { name: 'siem', address: 'x' })).json()).toEqual({
    syslogservers: { name: ['Syslog server with this Name already exists.'] },
  });
  expect((await api.get('/api/v1/syslogservers/?name=siem')).status).toBe(400);
  expect((await api.delete(uri)).status).toBe(204);
});

test('ftpservers: defaults 21 / ftp, anonymous derived and read only, password never shown', async ({ api }) => {
  const anon = await created(api, '/api/v1/ftpservers/', { name: 'pub', address: 'ftp.example.com', anonymous: false });
  expect((await api.get(`/api/v1/ftpservers/${anon}/`)).json()).toEqual({
    address: 'ftp.example.com', anonymous: true, conn_type: 'ftp', id: anon, name: 'pub', port: 21,
    resource_uri: `/api/v1/ftpservers/${anon}/`, username: '',
  });
  const auth = await created(api, '/api/v1/ftpservers/', { name: 'backup', address: '10.0.0.9', username: 'bk', password: 'pw', conn_type: 'sftp', port: 22 });
  const body = (await api.get(`/api/v1/ftpservers/${auth}/`)).json();
  expect(body).toMatchObject({ anonymous: false, conn_type: 'sftp', port: 22, username: 'bk' });
  expect(body).not.toHaveProperty('password');
  expect((await api.post('/api/v1/ftpservers/', { name: 'x', address: 'y', conn_type: 'tftp' })).json()).toEqual({
    ftpservers: { conn_type: ['Select a valid choice. tftp is not one of the available choices.'] },
  });
  expect((await api.patch(`/api/v1/ftpservers/${auth}/`, { username: '' })).status).toBe(202);
  expect((await api.get(`/api/v1/ftpservers/${auth}/`)).json()).toMatchObject({ anonymous: true });
});

test('scepreqs: read only list with subject filters; DELETE only', async ({ api }) => {
  const all = (await api.get('/api/v1/scepreqs/')).json<ListBody<{ id: number; status: string; type: string }>>();
  expect(all.meta.total_count).toBeGreaterThan(0);
  for (const o of all.objects) {
    expect(['Approved', 'Pending', 'Rejected']).toContain(o.status);
    expect(['Wildcard', 'Regular']).toContain(o.type);
    expect(Object.keys(o).sort()).toEqual(['id', 'issuer', 'resource_uri', 'status', 'subject', 'type']);
  }
  const some = (await api.get('/api/v1/scepreqs/?subject__icontains=CN=DEVICE')).json<ListBody>().meta.total_count;
  expect(some).toBeGreaterThan(0);
  expect(some).toBeLessThan(all.meta.total_count);
  expect((await api.get('/api/v1/scepreqs/?subject__startswith=/C')).status).toBe(400);
  expect((await api.post('/api/v1/scepreqs/', {})).status).toBe(405);
  const first = all.objects[0] as { id: number };
  expect((await api.patch(`/api/v1/scepreqs/${first.id}/`, {})).status).toBe(405);
  expect((await api.delete(`/api/v1/scepreqs/${first.id}/`)).status).toBe(204);
  expect((await api.get(`/api/v1/scepreqs/${first.id}/`)).status).toBe(404);
});

test('passwordpolicies: the default policy 1 that user groups point at', async ({ api }) => {
  const group = (await api.get('/api/v1/usergroups/3/')).json<{ password_policy: string }>();
  expect(group.password_policy).toBe('/api/v1/passwordpolicies/1/');
  const p = await api.get(group.password_policy);
  expect(p.status).toBe(200);
  expect(p.json()).toMatchObject({ id: 1, resource_uri: '/api/v1/passwordpolicies/1/' });
  expect((await api.get('/api/v1/passwordpolicies/')).json<ListBody>().meta.total_count).toBe(1);
  expect((await api.post('/api/v1/passwordpolicies/', { name: 'x' })).status).toBe(405);
  expect((await api.get('/api/v1/passwordpolicies/', { auth: false })).status).toBe(401);
});

test.describe('localapiadmin', () => {
  test('POST answers 201 with the object and a generated api_key; GET never shows it', async ({ api }) => {
    const r = await api.post('/api/v1/localapiadmin/', { username: 'provisioner', password: 'pw', email: 'p@example.com', trusted_hosts: ['10.0.0.0/8', '2001:db8::/32'] });
    expect(r.status).toBe(201);
    const id = idFromLocation(r);
    const b = r.json<Record<string, unknown>>();
    expect(b.api_key).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(b).toMatchObject({ id, username: 'provisioner', email: 'p@example.com', trusted_hosts: ['10.0.0.0/8', '2001:db8::/32'] });
    expect(b).not.toHaveProperty('password');
    const got = (await api.get(`/api/v1/localapiadmin/${id}/`)).json();
    expect(got).toMatchObject({ id, username: 'provisioner', resource_uri: `/api/v1/localapiadmin/${id}/` });
    expect(got).not.toHaveProperty('api_key');
    expect(got).not.toHaveProperty('password');
    expect(id).toBeGreaterThanOrEqual(4); // ids 1-3 are the built-in administrators
    expect((await api.get('/api/v1/localapiadmin/')).status).toBe(405);
    expect((await api.delete(`/api/v1/localapiadmin/${id}/`)).status).toBe(204);
    expect((await api.get(`/api/v1/localapiadmin/${id}/`)).status).toBe(404);
  });

  test('one user table: usernames clash with local users both ways; field rules', async ({ api }) => {
    expect((await api.post('/api/v1/localapiadmin/', { username: 'test_user' })).json()).toEqual({
      localapiadmin: { username: ['A user with that username already exists.'] },
    });
    await created(api, '/api/v1/localapiadmin/', { username: 'robot' });
    const clash = await api.post('/api/v1/localusers/', { username: 'robot', password: 'Secret-pass1' });
    expect(clash.status).toBe(400);
    expect((await api.post('/api/v1/localapiadmin/', { username: 'bad name!', trusted_hosts: ['10.0.0.0/40'], password: 'p'.repeat(51) })).json()).toEqual({
      localapiadmin: {
        username: ['Enter a valid username. This value may contain only letters, numbers and @/./+/-/_ characters.'],
        password: ['Ensure this value has at most 50 characters (it has 51).'],
        trusted_hosts: ['Enter a valid IPv4 or IPv6 subnet: 10.0.0.0/40.'],
      },
    });
    expect((await api.post('/api/v1/localapiadmin/', { username: 'x', trusted_hosts: '10.0.0.0/8' })).json()).toEqual({
      localapiadmin: { trusted_hosts: ['Enter a list of IPv4/IPv6 subnets.'] },
    });
  });
});

test.describe('003-only resources', () => {
  test('system: /system/external_ip_fqdn/ GET and POST; /system/ itself answers 405', async ({ api }) => {
    const p = '/api/v1/system/external_ip_fqdn/';
    expect((await api.get(p)).json()).toEqual({ value: '' });
    for (const value of ['fac.example.com', 'fac.example.com:8443', '203.0.113.5', '203.0.113.5:443', '[2001:db8::1]:8443', '2001:db8::1']) {
      const r = await api.post(p, { value });
      expect(r.status, value).toBe(200);
      expect(r.json()).toEqual({ value });
      expect((await api.get(p)).json()).toEqual({ value });
    }
    for (const value of ['fac.example.com:0', 'fac.example.com:70000', 'bad host', '-x.example.com', '1.2.3'])
      expect((await api.post(p, { value })).json(), value).toEqual({
        system: { value: ['Enter a valid IP address or FQDN, optionally followed by :port.'] },
      });
    expect((await api.post(p, {})).json()).toEqual({ system: { value: ['This field is required.'] } });
    expect((await api.get(p, { auth: false })).status).toBe(401);
    expect((await api.put(p, { value: 'x' })).status).toBe(405);
    expect((await api.get('/api/v1/system/')).status).toBe(405);
  });

  test('transfertoken: no authentication, and every request is refused with 403', async ({ api }) => {
    expect((await api.get('/api/v1/transfertoken/', { auth: false })).status).toBe(403);
    expect((await api.get('/api/v1/transfertoken/')).status).toBe(403);
    expect((await api.post('/api/v1/transfertoken/', { token: 'x' }, { auth: false })).status).toBe(403);
    expect((await api.delete('/api/v1/transfertoken/')).status).toBe(405);
  });

  test('userfortitokenpolicy: Basic auth; a bare GET is 400; a user\'s token settings by username', async ({ api }) => {
    expect((await api.get('/api/v1/userfortitokenpolicy/', { auth: false })).status).toBe(401);
    const bare = await api.get('/api/v1/userfortitokenpolicy/');
    expect(bare.status).toBe(400);
    expect(bare.json()).toHaveProperty('error');
    expect((await api.get('/api/v1/userfortitokenpolicy/?username=ghost')).status).toBe(404);
    expect((await api.get('/api/v1/userfortitokenpolicy/?username=test_user')).json()).toEqual({
      ftk_only: false, token_auth: false, token_type: null, username: 'test_user',
    });
    expect((await api.post('/api/v1/userfortitokenpolicy/', {})).status).toBe(405);
  });
});

test('every resource here asks for Basic credentials except transfertoken', async ({ api }) => {
  for (const p of ['macdevices', 'macgroups', 'macgroup-memberships', 'tacplusclients', 'tacpluspolicies', 'tacpluspolicyclient',
    'iamaccounts', 'iamusers', 'smtpservers', 'syslogservers', 'ftpservers', 'scepreqs', 'passwordpolicies'])
    expect((await api.get(`/api/v1/${p}/`, { auth: false })).status, p).toBe(401);
  expect((await api.post('/api/v1/localapiadmin/', { username: 'x' }, { auth: false })).status).toBe(401);
});

test('the new admin\'s api_key works for Basic auth until the admin is deleted (not while inactive)', async ({ api }) => {
  const r = await api.post('/api/v1/localapiadmin/', { username: 'keyed' });
  const { api_key: key, id } = r.json<{ api_key: string; id: number }>();
  const basic = `Basic ${Buffer.from(`keyed:${key}`).toString('base64')}`;
  expect((await api.get('/api/v1/smtpservers/', { auth: basic })).status).toBe(200);
  expect((await api.get('/api/v1/smtpservers/', { auth: `Basic ${Buffer.from('keyed:wrong').toString('base64')}` })).status).toBe(401);
  expect((await api.delete(`/api/v1/localapiadmin/${id}/`)).status).toBe(204);
  expect((await api.get('/api/v1/smtpservers/', { auth: basic })).status).toBe(401);
  const off = (await api.post('/api/v1/localapiadmin/', { username: 'dormant', active: false })).json<{ api_key: string }>();
  expect((await api.get('/api/v1/smtpservers/', { auth: `Basic ${Buffer.from(`dormant:${off.api_key}`).toString('base64')}` })).status).toBe(401);
});

test('permissions: an admin without a permission set gets 403 where 002/003 name a permission code', async ({ api, emu }) => {
  const restricted = `Basic ${Buffer.from(`${emu.restricted.user}:${emu.restricted.key}`).toString('base64')}`;
  for (const p of ['smtpservers/', 'syslogservers/', 'ftpservers/', 'scepreqs/', 'passwordpolicies/', 'tacplusclients/',
    'tacpluspolicies/', 'tacpluspolicyclient/', 'system/external_ip_fqdn/', 'userfortitokenpolicy/?username=test_user', 'localapiadmin/4/'])
    expect((await api.get(`/api/v1/${p}`, { auth: restricted })).status, p).toBe(403);
  // No permission code in either table: the restricted admin gets through.
  for (const p of ['macdevices', 'macgroups', 'macgroup-memberships', 'iamaccounts', 'iamusers'])
    expect((await api.get(`/api/v1/${p}/`, { auth: restricted })).status, p).toBe(200);
});

test.describe('variant macdevices-accepts-bad-mac', () => {
  test.use({ emuOptions: { variants: ['macdevices-accepts-bad-mac'] } });
  test('a malformed MAC address is accepted', async ({ api }) => {
    expect((await api.post('/api/v1/macdevices/', { name: 'bad', address: 'zz:zz' })).status).toBe(201);
  });
});

test.describe('variant smtpservers-no-default-port', () => {
  test.use({ emuOptions: { variants: ['smtpservers-no-default-port'] } });
  test('port is not defaulted to 25', async ({ api }) => {
    const id = await created(api, '/api/v1/smtpservers/', { name: 'np', address: 'np.example', sender_email: 'a@np.example' });
    expect((await api.get(`/api/v1/smtpservers/${id}/`)).json()).toMatchObject({ port: null });
  });
});

test('normal emulator: neither variant deviation', async ({ api }) => {
  expect((await api.post('/api/v1/macdevices/', { name: 'bad', address: 'zz:zz' })).status).toBe(400);
  const id = await created(api, '/api/v1/smtpservers/', { name: 'np', address: 'np.example', sender_email: 'a@np.example' });
  expect((await api.get(`/api/v1/smtpservers/${id}/`)).json()).toMatchObject({ port: 25 });
});

test('random requests to these resources never produce a 5xx or a 501', async () => {
  const { createFacApp } = await import('../../emulator/fac/app.ts');
  const fc = (await import('fast-check')).default;
  const app = createFacApp({ user: 'admin', key: 'k' });
  const authz = `Basic ${Buffer.from('admin:k').toString('base64')}`;
  const names = ['localapiadmin', 'macdevices', 'macgroups', 'macgroup-memberships', 'tacplusclients', 'tacpluspolicies',
    'tacpluspolicyclient', 'iamaccounts', 'iamusers', 'smtpservers', 'syslogservers', 'ftpservers', 'scepreqs',
    'passwordpolicies', 'transfertoken', 'userfortitokenpolicy', 'system'];
  const tail = fc.constantFrom('', '1/', '2/', '4/', 'schema/', 'external_ip_fqdn/', 'abc/', '1/x/');
  const keys = fc.constantFrom('name', 'address', 'description', 'secret', 'port', 'level', 'facility', 'conn_type', 'username',
    'password', 'account', 'localuser', 'ldapuser', 'is_admin', 'alias', 'group', 'device', 'policy', 'client', 'default',
    'authentication', 'authentication_name', 'authentication_password', 'sender_email', 'secure', 'trusted_hosts', 'value',
    'active', 'country', 'mobile_number', '__proto__');
  const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('/api/v1/macdevices/1/', '/api/v1/macgroups/1/',
    '/api/v1/tacpluspolicies/1/', '/api/v1/tacplusclients/1/', '11:22:33', '10.0.0.0/8', ['10.0.0.1'], '4', 'a@b.co'));
  const body = fc.oneof(fc.dictionary(keys, value).map((d) => JSON.stringify(d)), fc.json(), fc.string({ maxLength: 20 }));
  const query = fc.constantFrom('', 'name=x', 'name__in=a,b', 'address__istartswith=AA', 'subject__icontains=x', 'order_by=-name',
    'order_by=devices', 'id__in=1,x', 'account=x', 'username=test_user', 'username=', 'limit=x', 'group_name=y');
  fc.assert(
    fc.property(fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'), fc.constantFrom(...names), tail, query, body, (method, name, t, q, b) => {
      const url = `/api/v1/${name}/${t}${q ? `?${q}` : ''}`;
      const r = app.handle({ method, url, headers: { authorization: authz, 'content-type': 'application/json' }, body: Buffer.from(b) });
      expect(r.status, `${method} ${url} ${b}`).toBeLessThan(500);
      if (r.status === 501) throw new Error(`501 for ${method} ${url}`);
    }),
    { numRuns: 4000, seed: 20240602 },
  );
});
