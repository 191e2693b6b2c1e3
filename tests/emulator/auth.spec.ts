// /api/v1/auth/ (002 · Authentication (/auth/)).
import { test, expect } from './helpers.ts';
import { EMULATOR_TOKEN_CODE } from '../../emulator/fac/auth.ts';

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
