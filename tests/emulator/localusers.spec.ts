// /api/v1/localusers/ behaviour (002 · Local users).
import { test, expect, type ListBody } from './helpers.ts';

const GUIDE_FIELDS = [
  'address', 'city', 'country', 'custom1', 'custom2', 'custom3', 'email', 'first_name', 'id', 'last_name', 'mobile_number',
  'phone_number', 'resource_uri', 'state', 'token_auth', 'token_serial', 'token_type', 'user_groups', 'username',
];

test('seed: test_user and test_user2 (then the operator-set-up users), admin never listed', async ({ api, emu }) => {
  const body = (await api.get('/api/v1/localusers/')).json<ListBody<Record<string, unknown>>>();
  // emulator/fac/models/operator-states.ts seeds the users of the authentication rules after the guide's two.
  expect(body.objects.map((o) => o.username).slice(0, 2)).toEqual(['test_user', 'test_user2']);
  expect(body.objects.some((o) => o.username === emu.user)).toBe(false);
  expect(body.objects[0]?.user_groups).toEqual(['/api/v1/usergroups/3/']);
  for (const f of GUIDE_FIELDS) expect(Object.keys(body.objects[0] ?? {})).toContain(f);
  expect(Object.keys(body.objects[0] ?? {})).not.toContain('password');
  expect((await api.get('/api/v1/localusers/1/')).status).toBe(404);
});

test('create → 201 + relative Location + empty body; detail; field defaults', async ({ api }) => {
  const r = await api.post('/api/v1/localusers/', {
    username: 'test_user3', password: 'testpassword', email: 'test_user3@example.com', mobile: '+44-1234567890',
  });
  expect(r.status).toBe(201);
  const location = r.headers.get('location') ?? '';
  expect(location).toMatch(/^\/api\/v1\/localusers\/[0-9]+\/$/);
  const id = Number(location.split('/')[4]);
  expect(r.text).toBe('');
  const d = await api.get(location);
  expect(d.status).toBe(200);
  expect(d.json()).toEqual({
    active: true, address: '', change_password: false, city: '', country: '', custom1: '', custom2: '', custom3: '',
    email: 'test_user3@example.com', expires_at: null, first_name: '', ftk_only: false, ftm_act_method: null, id,
    last_name: '', mobile_number: '', phone_number: '', reason: 0, recovery_by_question: false,
    resource_uri: location, state: '', token_auth: false, token_fas: false, token_serial: '', token_type: null,
    user_groups: [], username: 'test_user3',
  });
});

test('validation errors are keyed by resource and field', async ({ api }) => {
  const seeded = (await api.get('/api/v1/localusers/')).json<ListBody>().meta.total_count;
  const cases: Array<[Record<string, unknown>, string, RegExp]> = [
    [{ password: 'x' }, 'username', /required/],
    [{ username: 'bad name', password: 'x' }, 'username', /Enter a valid username/],
    [{ username: 'a'.repeat(254), password: 'x' }, 'username', /at most 253 characters \(it has 254\)/],
    [{ username: 'test_user', password: 'x' }, 'username', /already exists/],
    [{ username: 'nopw' }, 'email', /required/],
    [{ username: 'u1', password: 'x', email: 'not-an-email' }, 'email', /valid email/],
    [{ username: 'u2', password: 'x', first_name: 'f'.repeat(31) }, 'first_name', /at most 30/],
    [{ username: 'u3', password: 'x', address: 'a'.repeat(81) }, 'address', /at most 80/],
    [{ username: 'u4', password: 'x', city: 'c'.repeat(41) }, 'city', /at most 40/],
    [{ username: 'u5', password: 'x', country: 'XX' }, 'country', /valid choice/],
    [{ username: 'u6', password: 'x', custom2: 'c'.repeat(256) }, 'custom2', /at most 255/],
    [{ username: 'u7', password: 'x', reason: 9 }, 'reason', /valid choice/],
    [{ username: 'u8', password: 'x', mobile_number: '12345' }, 'mobile_number', /\+\[country code\]-\[number\]/],
    [{ username: 'u9', password: 'p'.repeat(51) }, 'password', /at most 50/],
    [{ username: 'u10', password: 'x', token_auth: true }, 'token_type', /required/],
    [{ username: 'u11', password: 'x', token_auth: true, token_type: 'email' }, 'email', /required/],
    [{ username: 'u12', password: 'x', token_auth: true, token_type: 'sms' }, 'mobile_number', /required/],
    [{ username: 'u13', password: 'x', token_auth: true, token_type: 'foo' }, 'token_type', /valid choice/],
    [{ username: 'u14', password: 'x', ftk_only: true }, 'ftk_only', /token_auth/],
    [{ username: 'u15', password: 'x', expires_at: '2000-01-01T00:00:00Z' }, 'expires_at', /hour in the future/],
    [{ username: 'u16', password: 'x', expires_at: 'tomorrow' }, 'expires_at', /valid date/],
    [{ username: 'u17', password: 'x', recovery_by_question: true }, 'recovery_question', /required/],
    [{ username: 'u18', password: 'x', active: 'maybe' }, 'active', /True or False/],
  ];
  for (const [body, field, message] of cases) {
    const r = await api.post('/api/v1/localusers/', body);
    expect(r.status, JSON.stringify(body)).toBe(400);
    const errors = r.json<{ localusers: Record<string, string[]> }>().localusers;
    expect(errors?.[field]?.[0], JSON.stringify(body)).toMatch(message);
  }
  expect((await api.get('/api/v1/localusers/')).json<ListBody>().meta.total_count).toBe(seeded);
});

test('PATCH → 202 empty; partial update; unknown id 404', async ({ api }) => {
  const id = await api.createUser({ username: 'patchme', email: 'p@example.com' });
  const r = await api.patch(`/api/v1/localusers/${id}/`, { custom1: 'example', country: 'GB' });
  expect(r.status).toBe(202);
  expect(r.text).toBe('');
  const d = (await api.get(`/api/v1/localusers/${id}/`)).json<Record<string, unknown>>();
  expect(d).toMatchObject({ custom1: 'example', country: 'GB', email: 'p@example.com', username: 'patchme' });
  expect((await api.get('/api/v1/localusers/?country=GB')).json<ListBody>().objects.map((o) => o.id)).toEqual([id]);
  const bad = await api.patch(`/api/v1/localusers/${id}/`, { username: 'test_user' });
  expect(bad.status).toBe(400);
  expect(bad.json()).toEqual({ localusers: { username: ['A user with that username already exists.'] } });
  expect((await api.patch('/api/v1/localusers/999/', { city: 'x' })).status).toBe(404);
  expect((await api.call('PATCH', `/api/v1/localusers/${id}/`, { raw: 'nope' })).status).toBe(400);
});

test('token rules: serial assigned for ftm, unavailable serial refused, token_auth false clears', async ({ api }) => {
  const id = await api.createUser({ username: 'tok', email: 'tok@example.com', token_auth: true, token_type: 'ftm' });
  const d = (await api.get(`/api/v1/localusers/${id}/`)).json<{ token_serial: string; token_type: string }>();
  expect(d.token_type).toBe('ftm');
  expect(d.token_serial).toMatch(/^FTKMOB[0-9A-F]{10}$/);
  const taken = await api.post('/api/v1/localusers/', {
    username: 'tok2', password: 'x', token_auth: true, token_type: 'ftk', token_serial: d.token_serial,
  });
  expect(taken.status).toBe(400);
  expect(taken.json()).toEqual({ error: 'This serial number is not available for use.' });
  expect((await api.patch(`/api/v1/localusers/${id}/`, { token_auth: false })).status).toBe(202);
  expect((await api.get(`/api/v1/localusers/${id}/`)).json()).toMatchObject({ token_auth: false, token_type: null, token_serial: '' });
  expect((await api.get(`/api/v1/localusers/?token_serial=${d.token_serial}`)).json<ListBody>().objects).toEqual([]);
});

test('expires_at: ISO-8601 in, UTC out, empty string clears', async ({ api }) => {
  const id = await api.createUser({ username: 'exp', expires_at: '2099-06-01T12:00:00+02:00' });
  expect((await api.get(`/api/v1/localusers/${id}/`)).json()).toMatchObject({ expires_at: '2099-06-01T10:00:00' });
  expect((await api.patch(`/api/v1/localusers/${id}/`, { expires_at: '' })).status).toBe(202);
  expect((await api.get(`/api/v1/localusers/${id}/`)).json()).toMatchObject({ expires_at: null });
});

test('abridged=1 returns the reduced field set', async ({ api }) => {
  const b = (await api.get('/api/v1/localusers/?abridged=1&username=test_user')).json<ListBody>();
  expect(Object.keys(b.objects[0] ?? {}).sort()).toEqual(
    [
      'active', 'address', 'city', 'country', 'custom1', 'custom2', 'custom3', 'email', 'first_name', 'id', 'last_name',
      'mobile_number', 'phone_number', 'recovery_by_question', 'resource_uri', 'state', 'token_auth', 'token_type',
      'user_groups', 'username',
    ].sort(),
  );
});

test('DELETE → 204, then 404; memberships go with the user', async ({ api }) => {
  const id = await api.createUser({ username: 'gone' });
  const g = await api.createGroup({ name: 'G', users: [`/api/v1/localusers/${id}/`] });
  const r = await api.delete(`/api/v1/localusers/${id}/`);
  expect(r.status).toBe(204);
  expect(r.text).toBe('');
  expect((await api.get(`/api/v1/localusers/${id}/`)).status).toBe(404);
  expect((await api.delete(`/api/v1/localusers/${id}/`)).status).toBe(404);
  expect((await api.get(`/api/v1/usergroups/${g}/`)).json()).toMatchObject({ users: [] });
});
