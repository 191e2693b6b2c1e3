// Each broken variant deviates exactly where it says (and the normal emulator does not).
import { test, expect, type ListBody } from './helpers.ts';
import { startEmulator } from '../../emulator/fac/server.ts';
import { VARIANTS, resolveVariants } from '../../emulator/fac/variants.ts';

test('variant list and unknown ids', async () => {
  expect(VARIANTS.map((v) => v.id)).toEqual(
    expect.arrayContaining(['usergroups-patch-appends', 'auth-unknown-user-401', 'localusers-list-drops-username', 'limit-ignored']),
  );
  for (const v of VARIANTS) {
    expect(v.description.length).toBeGreaterThan(10);
    expect(v.source).toMatch(/^(00[0-4]|facts) · /);
  }
  expect(() => resolveVariants(['nope'])).toThrow(/Unknown emulator variant/);
  await expect(startEmulator({ variants: ['nope'] })).rejects.toThrow(/Unknown emulator variant/);
});

test.describe('usergroups-patch-appends', () => {
  test.use({ emuOptions: { variants: ['usergroups-patch-appends'] } });
  test('PATCH users appends', async ({ api }) => {
    expect((await api.patch('/api/v1/usergroups/3/', { users: ['/api/v1/localusers/5/'] })).status).toBe(202);
    expect((await api.get('/api/v1/usergroups/3/')).json()).toMatchObject({ users: ['/api/v1/localusers/4/', '/api/v1/localusers/5/'] });
  });
});

test.describe('auth-unknown-user-401', () => {
  test.use({ emuOptions: { variants: ['auth-unknown-user-401'] } });
  test('unknown user → 401', async ({ api }) => {
    expect((await api.post('/api/v1/auth/', { username: 'ghost', password: 'x' })).status).toBe(401);
  });
});

test.describe('localusers-list-drops-username', () => {
  test.use({ emuOptions: { variants: ['localusers-list-drops-username'] } });
  test('list objects lack username, detail keeps it', async ({ api }) => {
    const b = (await api.get('/api/v1/localusers/')).json<ListBody>();
    for (const o of b.objects) expect(Object.keys(o)).not.toContain('username');
    expect((await api.get('/api/v1/localusers/4/')).json()).toMatchObject({ username: 'test_user' });
  });
});

test.describe('limit-ignored', () => {
  test.use({ emuOptions: { variants: ['limit-ignored'] } });
  test('limit has no effect', async ({ api }) => {
    for (let i = 0; i < 25; i++) await api.createUser({ username: `lim${i}` });
    const b = (await api.get('/api/v1/localusers/?limit=5')).json<ListBody>();
    expect(b.meta.limit).toBe(20);
    expect(b.objects).toHaveLength(20);
  });
});

test('normal emulator: none of the deviations', async ({ api }) => {
  expect((await api.patch('/api/v1/usergroups/3/', { users: ['/api/v1/localusers/5/'] })).status).toBe(202);
  expect((await api.get('/api/v1/usergroups/3/')).json()).toMatchObject({ users: ['/api/v1/localusers/5/'] });
  expect((await api.post('/api/v1/auth/', { username: 'ghost', password: 'x' })).status).toBe(404);
  const b = (await api.get('/api/v1/localusers/?limit=1')).json<ListBody>();
  expect(b.meta.limit).toBe(1);
  expect(b.objects[0]).toHaveProperty('username');
});
