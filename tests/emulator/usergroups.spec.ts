// /api/v1/usergroups/ and /api/v1/localgroup-memberships/ (002 · User groups; Local user group memberships).
import { test, expect, type ListBody } from './helpers.ts';

const U = (id: number): string => `/api/v1/localusers/${id}/`;
const G = (id: number): string => `/api/v1/usergroups/${id}/`;

test('seed groups, newest first, like the guide', async ({ api }) => {
  const b = (await api.get('/api/v1/usergroups/')).json<ListBody<{ id: number; name: string; users: string[] }>>();
  expect(b.objects.map((o) => [o.id, o.name, o.users])).toEqual([
    [5, 'REST_RADIUS', []],
    [4, 'Test_LDAP', []],
    [3, 'Test_Local', [U(4)]],
  ]);
});

test('create, duplicate name, name rules', async ({ api }) => {
  const r = await api.post('/api/v1/usergroups/', { name: 'Group999' });
  expect(r.status).toBe(201);
  expect(r.headers.get('location')).toBe('/api/v1/usergroups/6/');
  expect(r.text).toBe('');
  const dup = await api.post('/api/v1/usergroups/', { name: 'Group999' });
  expect(dup.status).toBe(400);
  expect(dup.json()).toEqual({ usergroups: { name: ['A user group with that name already exists.'] } });
  expect((await api.post('/api/v1/usergroups/', {})).json()).toEqual({ usergroups: { name: ['This field is required.'] } });
  expect((await api.post('/api/v1/usergroups/', { name: 'n'.repeat(51) })).json()).toEqual({
    usergroups: { name: ['Ensure this value has at most 50 characters (it has 51).'] },
  });
  const unknown = await api.post('/api/v1/usergroups/', { name: 'X', users: ['/api/v1/localusers/999/'] });
  expect(unknown.status).toBe(400);
  expect(unknown.json()).toEqual({ error: "Could not find the provided localusers object via resource URI '/api/v1/localusers/999/'." });
});

test('filter by name: exact only; missing name → 200 with no objects', async ({ api }) => {
  const hit = (await api.get('/api/v1/usergroups/?format=json&name=Test_LDAP')).json<ListBody>();
  expect(hit.objects.map((o) => o.id)).toEqual([4]);
  const miss = await api.get('/api/v1/usergroups/?name=NoSuchGroup');
  expect(miss.status).toBe(200);
  expect(miss.json<ListBody>()).toMatchObject({ meta: { total_count: 0 }, objects: [] });
  const r = await api.get('/api/v1/usergroups/?name__icontains=test');
  expect(r.status).toBe(400);
  expect(r.json()).toEqual({ error: "'icontains' is not an allowed filter on the 'name' field." });
});

test('PATCH users overwrites (not additive); [] clears; 202', async ({ api }) => {
  const a = await api.createUser({ username: 'ga' });
  const b = await api.createUser({ username: 'gb' });
  const g = await api.createGroup({ name: 'Patchy', users: [U(a)] });
  const r = await api.patch(G(g), { users: [U(b), U(4)] });
  expect(r.status).toBe(202);
  expect(r.text).toBe('');
  expect((await api.get(G(g))).json()).toMatchObject({ users: [U(4), U(b)] });
  expect((await api.get(U(a))).json()).toMatchObject({ user_groups: [] });
  expect((await api.get(U(b))).json()).toMatchObject({ user_groups: [G(g)] });
  expect((await api.get(U(4))).json()).toMatchObject({ user_groups: [G(g), G(3)] });
  expect((await api.patch(G(g), { users: [] })).status).toBe(202);
  expect((await api.get(G(g))).json()).toMatchObject({ users: [] });
  expect((await api.patch(G(g), { name: 'Renamed' })).status).toBe(202);
  expect((await api.get(G(g))).json()).toMatchObject({ name: 'Renamed', users: [] });
  expect((await api.patch(G(999), { name: 'x' })).status).toBe(404);
});

test('PUT replaces the group (204); omitted users are cleared', async ({ api }) => {
  const g = await api.createGroup({ name: 'Puttable', users: [U(4)] });
  const r = await api.put(G(g), { name: 'Put2' });
  expect(r.status).toBe(204);
  expect((await api.get(G(g))).json()).toMatchObject({ name: 'Put2', users: [] });
  expect((await api.put(G(g), { users: [U(5)] })).status).toBe(400);
  const dup = await api.put(G(g), { name: 'Test_LDAP' });
  expect(dup.json()).toEqual({ usergroups: { name: ['A user group with that name already exists.'] } });
  expect((await api.put(G(g), { name: 'Put2', users: [U(5)] })).status).toBe(204);
  expect((await api.get(G(g))).json()).toMatchObject({ users: [U(5)] });
});

test('DELETE works with members; 204 then 404', async ({ api }) => {
  const r = await api.delete(G(3));
  expect(r.status).toBe(204);
  expect((await api.get(G(3))).status).toBe(404);
  expect((await api.get(U(4))).json()).toMatchObject({ user_groups: [] });
  expect((await api.get('/api/v1/localgroup-memberships/')).json<ListBody>().meta.total_count).toBe(0);
});

test('return_members=false omits the member lists', async ({ api }) => {
  const off = (await api.get('/api/v1/usergroups/?return_members=false')).json<ListBody>();
  for (const o of off.objects) expect(Object.keys(o)).not.toContain('users');
  expect(Object.keys((await api.get(`${G(3)}?return_members=false`)).json())).not.toContain('users');
  const on = (await api.get('/api/v1/usergroups/?return_members=true')).json<ListBody>();
  for (const o of on.objects) expect(Object.keys(o)).toContain('users');
});

test('memberships: POST/GET/DELETE, reflected in users and user_groups, filters', async ({ api }) => {
  const u = await api.createUser({ username: 'member' });
  const r = await api.post('/api/v1/localgroup-memberships/', { user: U(u), group: G(4) });
  expect(r.status).toBe(201);
  const loc = r.headers.get('location') ?? '';
  expect(loc).toMatch(/^\/api\/v1\/localgroup-memberships\/\d+\/$/);
  expect((await api.get(loc)).json()).toMatchObject({ user: U(u), group: G(4), username: 'member', group_name: 'Test_LDAP' });
  expect((await api.get(G(4))).json()).toMatchObject({ users: [U(u)] });
  expect((await api.get(U(u))).json()).toMatchObject({ user_groups: [G(4)] });
  const dup = await api.post('/api/v1/localgroup-memberships/', { user: U(u), group: G(4) });
  expect(dup.status).toBe(400);
  expect((await api.post('/api/v1/localgroup-memberships/', { user: U(u) })).json()).toEqual({
    'localgroup-memberships': { group: ['This field is required.'] },
  });
  expect((await api.post('/api/v1/localgroup-memberships/', { user: U(u), group: G(99) })).status).toBe(400);

  const byGroup = (await api.get('/api/v1/localgroup-memberships/?group=4')).json<ListBody>();
  expect(byGroup.objects.map((o) => o.username)).toEqual(['member']);
  expect((await api.get('/api/v1/localgroup-memberships/?user__in=4,999')).json<ListBody>().objects.map((o) => o.group_name)).toEqual(['Test_Local']);
  expect((await api.get('/api/v1/localgroup-memberships/?group_name__icontains=ldap')).json<ListBody>().meta.total_count).toBe(1);
  const mismatch = await api.get('/api/v1/localgroup-memberships/?group=/api/v1/usergroups/4/');
  expect(mismatch.status).toBe(400);
  expect(mismatch.json()).toEqual({ error: 'Invalid resource lookup data provided (mismatched type).' });

  // group PATCH is seen by memberships and vice versa
  expect((await api.patch(G(4), { users: [] })).status).toBe(202);
  expect((await api.get(loc)).status).toBe(404);
  const again = await api.post('/api/v1/localgroup-memberships/', { user: U(u), group: G(4) });
  const loc2 = again.headers.get('location') ?? '';
  expect((await api.delete(loc2)).status).toBe(204);
  expect((await api.get(G(4))).json()).toMatchObject({ users: [] });
  expect((await api.call('PATCH', loc2, { body: {} })).status).toBe(405);
});
