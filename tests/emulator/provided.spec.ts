// The operator-provided prerequisites the emulator provides itself (emulator/fac/models/provided.ts): every
// name is there with its fields, and each one works for the use the conformance suite makes of it.
import { createDecipheriv, createHmac, pbkdf2Sync, X509Certificate } from 'node:crypto';
import { test, expect, idFromLocation, type Client, type ListBody, type Reply } from './helpers.ts';
import { startEmulator } from '../../emulator/fac/server.ts';
import { parseCsr, onelineName } from '../../emulator/fac/models/der.ts';

type Fields = Record<string, unknown>;

const EXPECTED: Record<string, string[]> = {
  'ldap-user': ['id', 'recovery_answer'],
  'radius-user': ['id'],
  'user-cert': ['id'],
  'current-token-code': ['token_code'],
  'revoked-user-cert': ['id'],
  'user-cert-renewal': ['cert_id', 'csr'],
  'ftm-token': ['serial'],
  'ftm-seed-passphrase': ['passphrase'],
  'ftm-user': ['password', 'username'],
  'ftm-push-user': ['password', 'username'],
  'ftm-push-approver': [],
  'scep-request': ['id', 'subject'],
  'tacplus-policy': ['id', 'name', 'uri'],
  'fgt-group-filter': ['id'],
  'local-realm': ['name'],
  'oauth-client': ['client_id', 'expires_in'],
  'fabric-admin': ['password', 'username'],
  'sms-license': ['license'],
  'ftm-license': ['license'],
  'sso-web-service': [],
  'oauth-confidential-client': ['client_id', 'client_secret'],
  'fac-license-file': ['filename', 'license'],
  // Issue 13 · the authentication rules' users (emulator/fac/models/operator-states.ts).
  'ftk-out-of-sync-user': ['token_code', 'username'],
  'ldap-password-user': ['password', 'realm', 'username'],
  'radius-password-user': ['password', 'realm', 'username'],
  'ftm-push-rejecter': ['username'],
  'push-server-refusing': ['username'],
  'push-server-unreachable': ['username'],
  'ftm-push-unanswered-user': ['password', 'username'],
  'push-username-collision': ['username'],
  'inactive-user': ['password', 'period_days', 'username'],
};

function item(api: Client, name: string): Fields {
  const v = api.emu.provided[name];
  if (!v) throw new Error(`no provided ${name}`);
  return v;
}
const str = (f: Fields, k: string): string => {
  const v = f[k];
  if (typeof v !== 'string' || v === '') throw new Error(`${k} is not a non-empty string`);
  return v;
};
const num = (f: Fields, k: string): number => {
  const v = f[k];
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new Error(`${k} is not an integer`);
  return v;
};
const basic = (user: string, key: string): string => `Basic ${Buffer.from(`${user}:${key}`).toString('base64')}`;

async function upload(api: Client, path: string, parts: Record<string, string | { name: string; content: string }>): Promise<Reply> {
  const form = new FormData();
  for (const [k, v] of Object.entries(parts)) {
    if (typeof v === 'string') form.append(k, v);
    else form.append(k, new Blob([v.content]), v.name);
  }
  const res = await fetch(api.emu.url + path, { method: 'POST', headers: { authorization: api.authorization }, body: form });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: <T>() => JSON.parse(text) as T };
}

test('every prerequisite is provided with its fields; sso-web-service-disabled is not', async ({ emu }) => {
  expect(Object.keys(emu.provided).sort()).toEqual(Object.keys(EXPECTED).sort());
  for (const [name, fields] of Object.entries(EXPECTED)) expect(Object.keys(emu.provided[name] ?? {}).sort(), name).toEqual(fields);
  expect(emu.provided).not.toHaveProperty('sso-web-service-disabled');
});

test('unit-wide states: an emulator started in them provides them instead of the ordinary state', async () => {
  const other = await startEmulator({ states: ['sso-web-service-disabled', 'fsso-unavailable'] });
  try {
    expect(other.provided).toHaveProperty('sso-web-service-disabled');
    expect(other.provided).toHaveProperty('fsso-unavailable');
    expect(other.provided).not.toHaveProperty('sso-web-service');
  } finally {
    await other.close();
  }
});

test('the authentication rules\' users: out-of-sync token 401, remote passwords, push fates, collision, inactivity', async ({ api }) => {
  const post = async (path: string, body: Fields): Promise<number> => (await api.post(path, body)).status;
  const drift = item(api, 'ftk-out-of-sync-user');
  expect(await post('/api/v1/auth/', { username: str(drift, 'username'), token_code: str(drift, 'token_code') })).toBe(401);
  for (const name of ['ldap-password-user', 'radius-password-user']) {
    const u = item(api, name);
    expect(await post('/api/v1/realmauth/', { username: str(u, 'username'), realm: str(u, 'realm'), password: str(u, 'password') }), name).toBe(200);
  }
  const ldap = item(api, 'ldap-password-user');
  expect(await post('/api/v1/auth/', { username: str(ldap, 'username'), password: str(ldap, 'password') })).toBe(401);
  const pushes: Array<[string, number]> = [['ftm-push-rejecter', 401], ['push-server-refusing', 500], ['push-server-unreachable', 503], ['push-username-collision', 400]];
  for (const [name, status] of pushes) expect(await post('/api/v1/pushauth/', { username: str(item(api, name), 'username') }), name).toBe(status);
  expect(await post('/api/v1/pushauth/', { username: str(item(api, 'push-username-collision'), 'username'), realm: 'local' })).toBe(200);
  const inactive = item(api, 'inactive-user');
  // No logon first: a successful one would make the user active again (its last activity now).
  expect((await api.patch('/api/v1/userlockoutpolicy/', { inactivity_lockout: true, inactivity_lockout_period: num(inactive, 'period_days') })).status).toBe(202);
  expect(await post('/api/v1/auth/', { username: str(inactive, 'username'), password: str(inactive, 'password') })).toBe(401);
  const user = (await api.get(`/api/v1/localusers/?username=${str(inactive, 'username')}`)).json<ListBody>().objects[0];
  expect(user).toMatchObject({ active: false, reason: 1 }); // 002 · Local users · reason 1 (account inactivity)
});

test('ftm-push-unanswered-user: its OAuth push stays pending until /pushauthresp/ answers it with the current code', async ({ api }) => {
  const u = item(api, 'ftm-push-unanswered-user');
  const grant = { username: str(u, 'username'), password: str(u, 'password'), client_id: str(item(api, 'oauth-client'), 'client_id'), grant_type: 'password' };
  const challenge = await api.post('/api/v1/oauth/token/', grant);
  expect(challenge.status).toBe(406);
  const session = challenge.json<{ session: string }>().session;
  await new Promise((r) => setTimeout(r, 1_200)); // longer than a self-approving app takes (sso-oauth-state.ts)
  expect((await api.get(`/api/v1/pushpoll/?s=${session}`)).json()).toMatchObject({ status: 'pending' });
  const code = str(item(api, 'current-token-code'), 'token_code');
  expect((await api.post('/api/v1/pushauthresp/', { session_id: session, action: 'validate', token_code: code })).status).toBe(200);
  expect((await api.get(`/api/v1/pushpoll/?s=${session}`)).json()).toMatchObject({ status: 'success' });
});

test('licences and the CSR are fresh on every start', async ({ emu }) => {
  const other = await startEmulator();
  try {
    for (const name of ['sms-license', 'ftm-license']) expect(other.provided[name]?.license).not.toBe(emu.provided[name]?.license);
    expect(other.provided['user-cert-renewal']?.csr).not.toBe(emu.provided['user-cert-renewal']?.csr);
  } finally {
    await other.close();
  }
});

test('ldap-user: an imported LDAP user; sendoobtoken 200, verifyrecoveryanswer 202 with the answer', async ({ api }) => {
  const p = item(api, 'ldap-user');
  const id = num(p, 'id');
  expect((await api.get(`/api/v1/ldapusers/${id}/`)).json()).toMatchObject({ id, token_auth: true, resource_uri: `/api/v1/ldapusers/${id}/` });
  const oob = await api.post(`/api/v1/ldapusers/${id}/sendoobtoken/`, {});
  expect(oob.status, oob.text).toBe(200);
  expect((await api.post(`/api/v1/ldapusers/${id}/verifyrecoveryanswer/`, { recovery_answer: str(p, 'recovery_answer') })).status).toBe(202);
  expect((await api.post(`/api/v1/ldapusers/${id}/verifyrecoveryanswer/`, { recovery_answer: `${str(p, 'recovery_answer')}-wrong` })).status).toBe(404);
});

test('radius-user: sendoobtoken 200; its server takes throw-away RADIUS users', async ({ api }) => {
  const id = num(item(api, 'radius-user'), 'id');
  const oob = await api.post(`/api/v1/radiususers/${id}/sendoobtoken/`, {});
  expect(oob.status, oob.text).toBe(200);
  const user = (await api.get(`/api/v1/radiususers/${id}/`)).json<{ server_name: string; server_address: string }>();
  expect(user.server_name).not.toBe('');
  const r = await api.post('/api/v1/radiususers/', { username: 'throwaway', server_name: user.server_name, server_address: user.server_address });
  expect(r.status, r.text).toBe(201);
  expect((await api.delete(`/api/v1/radiususers/${idFromLocation(r)}/`)).status).toBe(204);
});

test('user-cert: revoked with "Certificate Hold", then un-revoked', async ({ api }) => {
  const id = num(item(api, 'user-cert'), 'id');
  const hold = await api.patch(`/api/v1/usercerts/${id}/`, { status: 'revoked', revocation_reason: 'Certificate Hold' });
  expect(hold.status, hold.text).toBe(202);
  expect(hold.json()).toMatchObject({ status: 'Revoked', revocation_reason: 'Certificate Hold' });
  const back = await api.patch(`/api/v1/usercerts/${id}/`, { status: 'active' });
  expect(back.status, back.text).toBe(202);
  expect(back.json()).toMatchObject({ status: 'Active', revocation_reason: null });
});

test('user-cert-renewal: the CSR renews the certificate (multipart and as a string)', async ({ api }) => {
  const p = item(api, 'user-cert-renewal');
  const certId = str(p, 'cert_id');
  const csr = str(p, 'csr');
  expect(csr).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----\n[\s\S]+\n-----END CERTIFICATE REQUEST-----\n$/);
  const parsed = parseCsr(Buffer.from(csr));
  const old = (await api.get(`/api/v1/usercerts/?subject=${encodeURIComponent(onelineName(parsed.subject))}`)).json<ListBody<{ cert_id: string }>>();
  expect(old.objects.map((o) => o.cert_id)).toContain(certId);
  const r = await upload(api, '/api/v1/usercerts/renew/', { cert_id: certId, csr: { name: 'renew.csr', content: csr }, expiry: '30' });
  expect(r.status, r.text).toBe(200);
  const cert = new X509Certificate(r.json<{ certificate: string }>().certificate);
  expect(cert.publicKey.export({ format: 'der', type: 'spki' }).equals(parsed.spki)).toBe(true);
  expect((await api.post('/api/v1/usercerts/renew/', { cert_id: certId, csr, expiry: 5 })).status).toBe(200);
});

test('ftm-token and ftm-seed-passphrase: the available FTM provisions a user whose PSKC seed opens with the passphrase', async ({ api }) => {
  const serial = str(item(api, 'ftm-token'), 'serial');
  const tokens = (await api.get(`/api/v1/fortitokens/?serial=${serial}`)).json<ListBody>();
  expect(tokens.objects).toEqual([expect.objectContaining({ serial, type: 'ftm', status: 'available', locked: false })]);
  const id = await api.createUser({ username: 'ftm_provisioned', email: 'p@example.com' });
  const r = await api.patch(`/api/v1/localusers/${id}/?returnseed=1`, { token_auth: true, token_type: 'ftm', token_serial: serial });
  expect(r.status, r.text).toBe(202);
  const xml = r.json<{ seed: string; token_serial: string }>().seed;
  expect(r.json()).toMatchObject({ token_serial: serial });
  // RFC 6030 §6.2: PBKDF2 key from the passphrase; the MAC of the encrypted secret checks out.
  const tag = (name: string): string => new RegExp(`<${name}[^>]*>([^<]*)</${name}>`).exec(xml)?.[1] ?? '';
  const key = pbkdf2Sync(str(item(api, 'ftm-seed-passphrase'), 'passphrase'), Buffer.from(tag('Specified'), 'base64'), 1000, 32, 'sha256');
  const decrypt = (b64: string): Buffer => {
    const all = Buffer.from(b64, 'base64');
    const d = createDecipheriv('aes-256-cbc', key, all.subarray(0, 16));
    return Buffer.concat([d.update(all.subarray(16)), d.final()]);
  };
  const macKey = decrypt(/<pskc:MACKey>[\s\S]*?<xenc:CipherValue>([^<]+)</.exec(xml)?.[1] ?? '');
  const secret = /<pskc:EncryptedValue[\s\S]*?<xenc:CipherValue>([^<]+)</.exec(xml)?.[1] ?? '';
  expect(createHmac('sha256', macKey).update(Buffer.from(secret, 'base64')).digest('base64')).toBe(tag('pskc:ValueMAC'));
  expect(decrypt(secret)).toHaveLength(20);
  expect(tag('pskc:SerialNo')).toBe(serial);
});

test('ftm-user: an FTM user whose push (/pushauth/) succeeds and whose password authenticates', async ({ api }) => {
  const p = item(api, 'ftm-user');
  const username = str(p, 'username');
  const users = (await api.get(`/api/v1/localusers/?username=${username}`)).json<ListBody>();
  expect(users.objects).toEqual([expect.objectContaining({ username, token_auth: true, token_type: 'ftm', token_serial: expect.stringMatching(/^FTKMOB/) })]);
  expect((await api.post('/api/v1/pushauth/', { username })).status).toBe(200);
  expect((await api.post('/api/v1/auth/', { username, password: str(p, 'password') })).status).toBe(200);
});

test('ftm-push-user + ftm-push-approver: 406 FTM push, approved by the emulator, then the token', async ({ api }) => {
  const p = item(api, 'ftm-push-user');
  const clientId = str(item(api, 'oauth-client'), 'client_id');
  const body = { username: str(p, 'username'), password: str(p, 'password'), client_id: clientId, grant_type: 'password' };
  const c = await api.post('/api/v1/oauth/token/', body, { auth: false });
  expect(c.status, c.text).toBe(406);
  const ch = c.json<{ session: string }>();
  expect(ch).toEqual({ challenge: 'otp', method: 'ftm-push', session: expect.any(String), status: 'pending' });
  const poll = async () => (await api.get(`/api/v1/pushpoll/?s=${ch.session}`, { auth: false })).json<{ status: string; challenge_response?: string }>();
  expect((await poll()).status).toBe('pending');
  let done = await poll();
  for (let i = 0; i < 50 && done.status === 'pending'; i++) {
    await new Promise((r) => setTimeout(r, 100));
    done = await poll();
  }
  expect(done.status).toBe('success');
  const t = await api.post('/api/v1/oauth/token/', { ...body, challenge: 'otp', method: 'ftm-push', session: ch.session, challenge_response: done.challenge_response }, { auth: false });
  expect(t.status, t.text).toBe(200);
  expect(t.json()).toMatchObject({ status: 'success', token_type: 'Bearer' });
});

test('scep-request, tacplus-policy, fgt-group-filter: existing objects', async ({ api }) => {
  const scep = item(api, 'scep-request');
  expect((await api.get(`/api/v1/scepreqs/${num(scep, 'id')}/`)).json()).toMatchObject({ id: scep.id, subject: scep.subject });
  const policy = item(api, 'tacplus-policy');
  expect(str(policy, 'uri')).toBe(`/api/v1/tacpluspolicies/${num(policy, 'id')}/`);
  expect((await api.get(str(policy, 'uri'))).json()).toMatchObject({ id: policy.id, name: policy.name, resource_uri: policy.uri });
  const client = await api.post('/api/v1/tacplusclients/', { name: 'provided-client', address: '10.9.9.9', secret: 's3cret' });
  expect(client.status, client.text).toBe(201);
  const link = await api.post('/api/v1/tacpluspolicyclient/', { policy: policy.uri, client: client.headers.get('location') });
  expect(link.status, link.text).toBe(201);
  const filter = num(item(api, 'fgt-group-filter'), 'id');
  expect((await api.get(`/api/v1/fgtgroupfilter/${filter}/`)).json()).toMatchObject({ id: filter });
});

test('local-realm and oauth-client: realm authentication and the password grant', async ({ api }) => {
  const realm = str(item(api, 'local-realm'), 'name');
  expect((await api.post('/api/v1/realmauth/', { username: 'test_user', realm, password: 'testpassword' })).status).toBe(200);
  const clientId = str(item(api, 'oauth-client'), 'client_id');
  const t = await api.post('/api/v1/oauth/token/', { username: 'test_user', password: 'testpassword', client_id: clientId, grant_type: 'password' }, { auth: false });
  expect(t.status, t.text).toBe(200);
});

test('oauth-client and oauth-confidential-client: the stated expiry, and the secret a confidential client needs', async ({ api }) => {
  const grant = (client: Fields, extra: Fields = {}) =>
    api.post('/api/v1/oauth/token/', { username: 'test_user', password: 'testpassword', client_id: str(client, 'client_id'), grant_type: 'password', ...extra }, { auth: false });
  const pub = item(api, 'oauth-client');
  const t = await grant(pub);
  expect(t.json<{ expires_in: number }>().expires_in).toBe(num(pub, 'expires_in'));
  expect(num(pub, 'expires_in')).toBeGreaterThan(0);
  const conf = item(api, 'oauth-confidential-client');
  expect((await grant(conf)).status).toBe(401);
  const ok = await grant(conf, { client_secret: str(conf, 'client_secret') });
  expect(ok.status, ok.text).toBe(200);
});

test('fabric-admin: /api/fabric/authenticate answers a token that reads the device status', async ({ api }) => {
  const p = item(api, 'fabric-admin');
  const r = await api.post('/api/fabric/authenticate', { username: str(p, 'username'), password: str(p, 'password') }, { auth: false });
  expect(r.status, r.text).toBe(200);
  const token = r.json<{ access_token: string }>().access_token;
  expect((await api.get('/api/fabric/device/status', { auth: `Bearer ${token}` })).status).toBe(200);
  // the same credentials are a working web service login
  expect((await api.get('/api/v1/localusers/', { auth: basic(str(p, 'username'), str(p, 'password')) })).status).toBe(200);
});

test('sms-license and ftm-license: fresh codes that activate', async ({ api }) => {
  const ftm = str(item(api, 'ftm-license'), 'license');
  const a = await api.post('/api/v1/fortitokenmobilelicenses/', { license: ftm });
  expect(a.status, a.text).toBe(200);
  expect(a.json()).toEqual({ license: ftm, messages: { success: 'Successfully imported 10 FortiTokens' } });
  const sms = str(item(api, 'sms-license'), 'license');
  const b = await api.post('/api/v1/fortiguardmessages/', { license: sms });
  expect(b.status, b.text).toBe(200);
  expect((await api.get('/api/v1/fortiguardmessages/')).json()).toMatchObject({ total_sms: 100 });
});

test('fac-license-file: a licence file the licence upload takes', async ({ api }) => {
  const f = item(api, 'fac-license-file');
  const r = await upload(api, '/api/v1/licensing/', { license: { name: str(f, 'filename'), content: str(f, 'license') } });
  expect(r.status, r.text).toBe(200);
  expect(r.json()).toMatchObject({ license: str(f, 'filename') });
});

test('sso-web-service: /ssoauth/ is enabled', async ({ api }) => {
  expect(item(api, 'sso-web-service')).toEqual({});
  const r = await api.post('/api/v1/ssoauth/', { event: '1', username: 'test_user', user_ip: '10.2.3.4' });
  expect(r.status, r.text).toBe(200);
});
