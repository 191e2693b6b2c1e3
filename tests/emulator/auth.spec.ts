// /api/v1/auth/ (002 · Authentication (/auth/)).
import { test, expect } from './helpers.ts';
import { EMULATOR_TOKEN_CODE } from '../../emulator/fac/models/auth.ts';

test('password validation: 200 empty, wrong password 401, unknown user 404', async ({ api }) => {
  await api.createUser({ username: 'authee', password: 'testpass' });
  const ok = await api.post('/api/v1/auth/', { username: 'authee', password: 'testpass' });
  expect(ok.status).toBe(200);
  expect(ok.text).toBe('');
  const bad = await api.post('/api/v1/auth/', { username: 'authee', password: 'nope' });
  expect(bad.status).toBe(401);
  expect(bad.text).toBe('User authentication failed');
  const unknown = await api.post('/api/v1/auth/', { username: 'ghost', password: 'x' });
  expect(unknown.status).toBe(404);
  expect(unknown.text).toBe('User does not exist');
});

test('needs admin credentials; GET is 405', async ({ api }) => {
  expect((await api.post('/api/v1/auth/', { username: 'test_user', password: 'testpassword' }, { auth: false })).status).toBe(401);
  expect((await api.get('/api/v1/auth/')).status).toBe(405);
  expect((await api.post('/api/v1/auth/', { username: 'test_user', password: 'testpassword' })).status).toBe(200);
});

test('neither password nor token_code → 400', async ({ api }) => {
  const r = await api.post('/api/v1/auth/', { username: 'test_user' });
  expect(r.status).toBe(400);
  expect(r.json()).toEqual({ error: 'Either password or token_code needs to be specified.' });
  expect((await api.post('/api/v1/auth/', { password: 'x' })).status).toBe(400);
  expect((await api.call('POST', '/api/v1/auth/', { raw: '{bad' })).status).toBe(400);
});

test('disabled account → 401 Account is disabled', async ({ api }) => {
  await api.createUser({ username: 'off', password: 'pw', active: false });
  const r = await api.post('/api/v1/auth/', { username: 'off', password: 'pw' });
  expect(r.status).toBe(401);
  expect(r.text).toBe('Account is disabled');
});

test('token code: no token configured → 401; password checked first; concatenation', async ({ api }) => {
  const noTok = await api.post('/api/v1/auth/', { username: 'test_user', token_code: '123456' });
  expect(noTok.status).toBe(401);
  expect(noTok.text).toBe('No token configured');
  await api.createUser({ username: 'twofa', password: 'pw', email: 'twofa@example.com', token_auth: true, token_type: 'email' });
  expect((await api.post('/api/v1/auth/', { username: 'twofa', token_code: EMULATOR_TOKEN_CODE })).status).toBe(200);
  expect((await api.post('/api/v1/auth/', { username: 'twofa', token_code: '000000' })).status).toBe(401);
  expect((await api.post('/api/v1/auth/', { username: 'twofa', password: 'pw', token_code: EMULATOR_TOKEN_CODE })).status).toBe(200);
  // wrong password with a right token: the password is validated first
  const wrongPw = await api.post('/api/v1/auth/', { username: 'twofa', password: 'bad', token_code: EMULATOR_TOKEN_CODE });
  expect(wrongPw.status).toBe(401);
  expect(wrongPw.text).toBe('User authentication failed');
  expect((await api.post('/api/v1/auth/', { username: 'twofa', password: `pw${EMULATOR_TOKEN_CODE}`, token_code: '' })).status).toBe(200);
});

// 002 · Authentication (/auth/): "User lockout policies [...] will be applied as configured" —
// 002 · User lockout policy (/userlockoutpolicy/) · Supported fields (emulator/fac/models/lockout.ts).
test.describe('user lockout policy', () => {
  const authAs = async (api: import('./helpers.ts').Client, password: string) =>
    api.post('/api/v1/auth/', { username: 'lockee', password });

  test('after the configured failures the right password is refused until an admin enables the account', async ({ api }) => {
    const id = await api.createUser({ username: 'lockee', password: 'Right-pass1' });
    expect((await api.post('/api/v1/userlockoutpolicy/', { failed_login_lockout: true, failed_login_lockout_max_attempts: 2, failed_login_lockout_permanent: true })).status).toBe(200);
    // A success resets the count: one failure, a success, one failure → not locked yet.
    expect((await authAs(api, 'wrong')).status).toBe(401);
    expect((await authAs(api, 'Right-pass1')).status).toBe(200);
    expect((await authAs(api, 'wrong')).status).toBe(401);
    expect((await authAs(api, 'Right-pass1')).status).toBe(200);
    expect((await authAs(api, 'wrong')).status).toBe(401);
    expect((await authAs(api, 'wrong')).status).toBe(401);
    const locked = await authAs(api, 'Right-pass1');
    expect(locked.status).toBe(401);
    expect(locked.text).toBe('Account is disabled');
    // The lockout shows as a disabled account, reason 2 "too many failed attempts" (002 · Local users · reason).
    expect((await api.get(`/api/v1/localusers/${id}/`)).json()).toMatchObject({ active: false, reason: 2 });
    expect((await api.patch(`/api/v1/localusers/${id}/`, { active: true, reason: 0 })).status).toBe(202);
    expect((await authAs(api, 'Right-pass1')).status).toBe(200);
  });

  test('disabled policy never locks; a non-permanent lockout ends after the period', async () => {
    const { createFacApp } = await import('../../emulator/fac/app.ts');
    let nowMs = Date.UTC(2030, 0, 1);
    const app = createFacApp({ user: 'admin', key: 'k', now: () => new Date(nowMs) });
    const call = (method: string, url: string, body: unknown) =>
      app.handle({
        method, url, body: Buffer.from(JSON.stringify(body)),
        headers: { authorization: `Basic ${Buffer.from('admin:k').toString('base64')}`, 'content-type': 'application/json' },
      });
    const auth = (password: string) => call('POST', '/api/v1/auth/', { username: 'test_user', password }).status;
    call('POST', '/api/v1/userlockoutpolicy/', { failed_login_lockout: false, failed_login_lockout_max_attempts: 1 });
    expect([auth('x'), auth('x'), auth('testpassword')]).toEqual([401, 401, 200]);
    call('POST', '/api/v1/userlockoutpolicy/', { failed_login_lockout: true, failed_login_lockout_max_attempts: 1, failed_login_lockout_period: 120 });
    expect([auth('x'), auth('testpassword')]).toEqual([401, 401]);
    nowMs += 119_000;
    expect(auth('testpassword')).toBe(401);
    nowMs += 2_000;
    expect(auth('testpassword')).toBe(200);
  });
});
