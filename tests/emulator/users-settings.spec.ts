// Local user extras (sendoobtoken, verifyrecoveryanswer, returnseed, radiusattributes), LDAP and RADIUS
// users, user certificates, licensing, backup/restore and the settings singletons (002 · each section).
import { createDecipheriv, createHmac, generateKeyPairSync, pbkdf2Sync, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { test, expect, idFromLocation, type Client, type ListBody, type Reply } from './helpers.ts';
import { SEED_PASSPHRASE } from '../../emulator/fac/models/seed.ts';
import { bitString, encodeName, explicit, oid, seq, smallInteger, type Rdn } from '../../emulator/fac/models/der.ts';

// ---- helpers ------------------------------------------------------------------------------------

/** A multipart/form-data request built by fetch's own FormData encoder. */
async function upload(api: Client, method: string, path: string, parts: Record<string, string | { name: string; content: Buffer | string }>): Promise<Reply> {
  const form = new FormData();
  for (const [k, v] of Object.entries(parts)) {
    if (typeof v === 'string') form.append(k, v);
    else form.append(k, new Blob([typeof v.content === 'string' ? v.content : new Uint8Array(v.content)]), v.name);
  }
  const res = await fetch(api.emu.url + path, { method, headers: { authorization: api.authorization }, body: form });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: <T>() => JSON.parse(text) as T };
}

const tag = (xml: string, name: string): string => {
  const m = new RegExp(`<${name}[^>]*>([^<]*)</${name}>`).exec(xml);
  if (!m) throw new Error(`no <${name}> in ${xml}`);
  return m[1] ?? '';
};

function aesDecrypt(key: Buffer, ivAndCipher: Buffer): Buffer {
  const d = createDecipheriv('aes-256-cbc', key, ivAndCipher.subarray(0, 16));
  return Buffer.concat([d.update(ivAndCipher.subarray(16)), d.final()]);
}

/** Decrypt an RFC 6030 PSKC document the way a third-party server would, checking the MAC. */
function openPskc(xml: string, passphrase: string): { secret: Buffer; serial: string; length: string } {
  expect(xml).toContain('urn:ietf:params:xml:ns:keyprov:pskc');
  expect(xml).toContain('pkcs-5v2-0#pbkdf2');
  expect(xml).toContain('http://www.w3.org/2001/04/xmlenc#aes256-cbc');
  expect(xml).toContain('http://www.w3.org/2001/04/xmldsig-more#hmac-sha256');
  expect(tag(xml, 'IterationCount')).toBe('1000');
  expect(tag(xml, 'KeyLength')).toBe('32');
  const key = pbkdf2Sync(passphrase, Buffer.from(tag(xml, 'Specified'), 'base64'), 1000, 32, 'sha256');
  const macKeyCipher = /<pskc:MACKey>[\s\S]*?<xenc:CipherValue>([^<]+)<\/xenc:CipherValue>/.exec(xml)?.[1] ?? '';
  const secretCipher = /<pskc:EncryptedValue[\s\S]*?<xenc:CipherValue>([^<]+)<\/xenc:CipherValue>/.exec(xml)?.[1] ?? '';
  const macKey = aesDecrypt(key, Buffer.from(macKeyCipher, 'base64'));
  const mac = createHmac('sha256', macKey).update(Buffer.from(secretCipher, 'base64')).digest('base64');
  expect(tag(xml, 'pskc:ValueMAC')).toBe(mac);
  const secret = aesDecrypt(key, Buffer.from(secretCipher, 'base64'));
  const length = /<pskc:ResponseFormat Length="(\d+)"/.exec(xml)?.[1] ?? '';
  return { secret, serial: tag(xml, 'pskc:SerialNo'), length };
}

/** A PKCS#10 CSR (RFC 2986) signed with `key` (ECDSA P-256 / SHA-256). */
function makeCsr(subject: Rdn, key: { privateKey: KeyObject; publicKey: KeyObject }): string {
  const info = seq(smallInteger(0), encodeName(subject), key.publicKey.export({ format: 'der', type: 'spki' }), explicit(0, Buffer.alloc(0)));
  const der = seq(info, seq(oid('1.2.840.10045.4.3.2')), bitString(sign('sha256', info, key.privateKey)));
  return `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`;
}

const TEST_SUBJECT: Rdn = [['C', 'CA'], ['ST', 'BC'], ['L', 'Burnaby'], ['O', 'O'], ['OU', 'RD'], ['CN', 'test']];

// ---- local users: sendoobtoken / verifyrecoveryanswer ---------------------------------------------

test.describe('localusers sub-paths', () => {
  test('sendoobtoken: 200 for an email/SMS token user, 400 otherwise, 404 unknown, POST only, auth', async ({ api }) => {
    const id = await api.createUser({ username: 'oob', email: 'oob@example.com', token_auth: true, token_type: 'email' });
    const r = await api.post(`/api/v1/localusers/${id}/sendoobtoken/`, {});
    expect(r.status).toBe(200);
    expect(r.text).toBe('');
    const plain = await api.post('/api/v1/localusers/4/sendoobtoken/', {});
    expect(plain.status).toBe(400);
    expect(plain.json()).toHaveProperty('error');
    expect((await api.post('/api/v1/localusers/999/sendoobtoken/', {})).status).toBe(404);
    expect((await api.post('/api/v1/localusers/abc/sendoobtoken/', {})).status).toBe(404);
    const get = await api.get(`/api/v1/localusers/${id}/sendoobtoken/`, { auth: false });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await api.post(`/api/v1/localusers/${id}/sendoobtoken/`, {}, { auth: false })).status).toBe(401);
  });

  test('verifyrecoveryanswer: 202 right, 404 wrong, 400 missing', async ({ api }) => {
    const id = await api.createUser({
      username: 'recov', email: 'r@example.com', recovery_by_question: true, recovery_question: 'Pet?', recovery_answer: 'Rex',
    });
    const path = `/api/v1/localusers/${id}/verifyrecoveryanswer/`;
    const right = await api.post(path, { recovery_answer: 'Rex' });
    expect(right.status).toBe(202);
    expect(right.text).toBe('');
    expect((await api.post(path, { recovery_answer: 'rex' })).status).toBe(404);
    expect((await api.post(path, { recovery_answer: 'Dog' })).status).toBe(404);
    const missing = await api.post(path, {});
    expect(missing.status).toBe(400);
    expect(missing.json()).toEqual({ localusers: { recovery_answer: ['This field is required.'] } });
    // a user without a recovery question has no right answer
    expect((await api.post('/api/v1/localusers/4/verifyrecoveryanswer/', { recovery_answer: 'x' })).status).toBe(404);
    expect((await api.post('/api/v1/localusers/999/verifyrecoveryanswer/', { recovery_answer: 'x' })).status).toBe(404);
    expect((await api.post(path, undefined, { raw: 'not json', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    // recovery answers are never shown
    expect(Object.keys((await api.get(`/api/v1/localusers/${id}/`)).json())).not.toContain('recovery_answer');
  });
});

// ---- returnseed ----------------------------------------------------------------------------------

test.describe('returnseed=1 (FTM provisioning)', () => {
  test('POST provisioning an FTM answers 201 + the user, activation code and a decryptable PSKC seed', async ({ api }) => {
    const r = await api.post('/api/v1/localusers/?returnseed=1', { username: 'ftm1', password: 'Secret-pass1', token_auth: true, token_type: 'ftm' });
    expect(r.status).toBe(201);
    const id = idFromLocation(r);
    expect(r.headers.get('content-type')).toBe('application/json');
    const body = r.json<Record<string, string>>();
    expect(body).toMatchObject({ id, username: 'ftm1', token_type: 'ftm', token_auth: true, resource_uri: `/api/v1/localusers/${id}/` });
    expect(body.activation_code).toMatch(/^[A-Z0-9]{16}$/);
    expect(Object.keys(body)).not.toContain('password');
    const pskc = openPskc(body.seed ?? '', SEED_PASSPHRASE);
    expect(pskc.secret).toHaveLength(20);
    expect(pskc.serial).toBe(body.token_serial);
    expect(pskc.length).toBe('6');
    // the same object is stored
    expect((await api.get(`/api/v1/localusers/${id}/`)).json()).toMatchObject({ token_serial: body.token_serial });
  });

  test('a wrong passphrase does not decrypt it; each provisioning gets a fresh seed', async ({ api }) => {
    const a = (await api.post('/api/v1/localusers/?returnseed=1', { username: 'ftm2', email: 'f@example.com', token_auth: true, token_type: 'ftm' })).json<Record<string, string>>();
    expect(() => openPskc(a.seed ?? '', 'wrong passphrase')).toThrow();
    const b = (await api.post('/api/v1/localusers/?returnseed=1', { username: 'ftm3', email: 'f@example.com', token_auth: true, token_type: 'ftm' })).json<Record<string, string>>();
    expect(openPskc(a.seed ?? '', SEED_PASSPHRASE).secret.equals(openPskc(b.seed ?? '', SEED_PASSPHRASE).secret)).toBe(false);
  });

  test('no returnseed, or nothing provisioned → the usual empty answers', async ({ api }) => {
    const plain = await api.post('/api/v1/localusers/', { username: 'ftm4', password: 'x', token_auth: true, token_type: 'ftm' });
    expect(plain.status).toBe(201);
    expect(plain.text).toBe('');
    const noFtm = await api.post('/api/v1/localusers/?returnseed=1', { username: 'ftm5', password: 'x' });
    expect(noFtm.status).toBe(201);
    expect(noFtm.text).toBe('');
    const zero = await api.post('/api/v1/localusers/?returnseed=0', { username: 'ftm6', password: 'x', token_auth: true, token_type: 'ftm' });
    expect(zero.text).toBe('');
  });

  test('PATCH provisioning an FTM to an existing user answers 202 + seed; a PATCH that changes nothing does not', async ({ api }) => {
    const id = await api.createUser({ username: 'ftm7' });
    const r = await api.patch(`/api/v1/localusers/${id}/?returnseed=1`, { token_auth: true, token_type: 'ftm' });
    expect(r.status).toBe(202);
    const body = r.json<Record<string, string>>();
    expect(openPskc(body.seed ?? '', SEED_PASSPHRASE).serial).toBe(body.token_serial);
    const again = await api.patch(`/api/v1/localusers/${id}/?returnseed=1`, { city: 'Paris' });
    expect(again.status).toBe(202);
    expect(again.text).toBe('');
    // XML answers carry the PSKC document as escaped text
    const xml = await api.patch(`/api/v1/localusers/${id}/?returnseed=1&format=xml`, { token_serial: '' , token_type: 'ftk' });
    expect(xml.text).toBe('');
    const x = await api.patch(`/api/v1/localusers/${id}/?returnseed=1&format=xml`, { token_type: 'ftm' });
    expect(x.status).toBe(202);
    expect(x.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(x.text).toContain('<seed>&lt;?xml version="1.0" encoding="UTF-8"?&gt;');
  });

  test('FTM provisioning settings shape the PSKC parameters', async ({ api }) => {
    expect((await api.patch('/api/v1/fortitokenmobileprovisioning/', { token_size: 8, token_algo: 'hotp' })).status).toBe(202);
    const body = (await api.post('/api/v1/localusers/?returnseed=1', { username: 'ftm8', password: 'x', token_auth: true, token_type: 'ftm' })).json<Record<string, string>>();
    expect(openPskc(body.seed ?? '', SEED_PASSPHRASE).length).toBe('8');
    expect(body.seed).toContain('urn:ietf:params:xml:ns:keyprov:pskc:hotp');
    expect(body.seed).toContain('<pskc:Counter>');
  });
});

// ---- radiusattributes ------------------------------------------------------------------------------

test.describe('/localusers/{id}/radiusattributes/', () => {
  const base = '/api/v1/localusers/4/radiusattributes/';

  test('create, list, detail, filters, PATCH, DELETE', async ({ api }) => {
    const a = await api.post(base, { attribute: 'Filter-Id', attr_val: 'staff' });
    expect(a.status).toBe(201);
    expect(a.text).toBe('');
    const aid = idFromLocation(a);
    expect(a.headers.get('location')).toBe(`${base}${aid}/`);
    const b = idFromLocation(await api.post(base, { vendor: 'Fortinet', attribute: 'Fortinet-Group-Name', attr_val: 'Admins' }));
    const detail = (await api.get(`${base}${aid}/`)).json();
    expect(detail).toEqual({ attr_val: 'staff', attribute: 'Filter-Id', id: aid, owner: '/api/v1/localusers/4/', resource_uri: `${base}${aid}/`, vendor: 'Default' });
    const list = (await api.get(base)).json<ListBody>();
    expect(list.meta.total_count).toBe(2);
    expect(list.objects.map((o) => o.id)).toEqual([aid, b]);
    expect((await api.get(`${base}?vendor=Fortinet`)).json<ListBody>().objects.map((o) => o.id)).toEqual([b]);
    expect((await api.get(`${base}?attribute=Filter-Id`)).json<ListBody>().objects.map((o) => o.id)).toEqual([aid]);
    expect((await api.get(`${base}?attr_val__icontains=ADMIN`)).json<ListBody>().objects.map((o) => o.id)).toEqual([b]);
    expect((await api.get(`${base}?attr_val__in=staff,Admins`)).json<ListBody>().meta.total_count).toBe(2);
    expect((await api.get(`${base}?vendor__icontains=f`)).status).toBe(400);
    // paging links stay under the parent
    const page = (await api.get(`${base}?limit=1`)).json<ListBody>();
    expect(page.meta.next).toMatch(/^\/api\/v1\/localusers\/4\/radiusattributes\/\?/);
    // PATCH detail
    expect((await api.patch(`${base}${aid}/`, { attr_val: 'contractors' })).status).toBe(202);
    expect((await api.get(`${base}${aid}/`)).json()).toMatchObject({ attr_val: 'contractors', attribute: 'Filter-Id' });
    // another user's list does not see them; another user's URL does not reach them
    expect((await api.get('/api/v1/localusers/5/radiusattributes/')).json<ListBody>().meta.total_count).toBe(0);
    expect((await api.get(`/api/v1/localusers/5/radiusattributes/${aid}/`)).status).toBe(404);
    expect((await api.delete(`/api/v1/localusers/5/radiusattributes/${aid}/`)).status).toBe(404);
    // DELETE detail
    expect((await api.delete(`${base}${aid}/`)).status).toBe(204);
    expect((await api.get(`${base}${aid}/`)).status).toBe(404);
  });

  test('validation: required fields, vendor dictionary, value types, lengths', async ({ api }) => {
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ attr_val: 'x' }, 'attribute', /required/],
      [{ attribute: 'Filter-Id' }, 'attr_val', /required/],
      [{ vendor: 'Acme', attribute: 'Filter-Id', attr_val: 'x' }, 'vendor', /valid choice/],
      [{ vendor: 'v'.repeat(41), attribute: 'Filter-Id', attr_val: 'x' }, 'vendor', /at most 40/],
      [{ attribute: 'filter-id', attr_val: 'x' }, 'attribute', /not a RADIUS attribute/],
      [{ attribute: 'Session-Timeout', attr_val: 'soon' }, 'attr_val', /whole number/],
      [{ attribute: 'Framed-IP-Address', attr_val: '10.0.0.300' }, 'attr_val', /IPv4/],
      [{ attribute: 'Filter-Id', attr_val: 'x'.repeat(256) }, 'attr_val', /at most 255/],
    ];
    for (const [body, field, message] of cases) {
      const r = await api.post(base, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json<{ radiusattributes: Record<string, string[]> }>().radiusattributes[field]?.[0]).toMatch(message);
    }
    expect((await api.post(base, { attribute: 'Session-Timeout', attr_val: '3600' })).status).toBe(201);
    expect((await api.post(base, { attribute: 'Framed-IP-Address', attr_val: '10.0.0.1', owner: '/api/v1/localusers/5/' })).status).toBe(201);
    // owner is read only: the attribute stays with user 4
    expect((await api.get('/api/v1/localusers/5/radiusattributes/')).json<ListBody>().meta.total_count).toBe(0);
  });

  test('PUT list replaces (all or nothing), DELETE list clears; methods; unknown parent; schema', async ({ api }) => {
    await api.post(base, { attribute: 'Filter-Id', attr_val: 'old' });
    const put = await api.put(base, { objects: [{ attribute: 'Class', attr_val: 'gold' }, { vendor: 'Fortinet', attribute: 'Fortinet-Vdom-Name', attr_val: 'root' }] });
    expect(put.status).toBe(204);
    expect((await api.get(base)).json<ListBody>().objects.map((o) => o.attr_val)).toEqual(['gold', 'root']);
    const bad = await api.put(base, { objects: [{ attribute: 'Class', attr_val: 'x' }, { attribute: 'Nope', attr_val: 'y' }] });
    expect(bad.status).toBe(400);
    expect((await api.get(base)).json<ListBody>().objects.map((o) => o.attr_val)).toEqual(['gold', 'root']);
    expect((await api.put(base, { attribute: 'Class' })).status).toBe(400);
    expect((await api.delete(base)).status).toBe(204);
    expect((await api.get(base)).json<ListBody>().meta.total_count).toBe(0);
    const patchList = await api.patch(base, {}, { auth: false });
    expect(patchList.status).toBe(405);
    expect(patchList.headers.get('allow')).toBe('GET,POST,PUT,DELETE');
    expect((await api.call('PUT', `${base}1/`, { auth: false })).headers.get('allow')).toBe('GET,PATCH,DELETE');
    expect((await api.get(base, { auth: false })).status).toBe(401);
    expect((await api.get('/api/v1/localusers/999/radiusattributes/')).status).toBe(404);
    expect((await api.post('/api/v1/localusers/999/radiusattributes/', { attribute: 'Class', attr_val: 'x' })).status).toBe(404);
    expect((await api.get('/api/v1/localusers/x/radiusattributes/')).status).toBe(404);
    const schema = (await api.get(`${base}schema/`)).json<{ fields: Record<string, unknown>; filtering: Record<string, string[]> }>();
    expect(Object.keys(schema.fields).sort()).toEqual(['attr_val', 'attribute', 'id', 'owner', 'resource_uri', 'vendor']);
    expect(schema.filtering.attr_val).toEqual(['exact', 'iexact', 'contains', 'icontains', 'in']);
    // not in the root listing
    expect(Object.keys((await api.get('/api/v1/')).json())).not.toContain('radiusattributes');
  });

  test('deleting the user deletes its attributes', async ({ api }) => {
    const id = await api.createUser({ username: 'attrs' });
    await api.post(`/api/v1/localusers/${id}/radiusattributes/`, { attribute: 'Class', attr_val: 'x' });
    expect((await api.delete(`/api/v1/localusers/${id}/`)).status).toBe(204);
    expect((await api.get(`/api/v1/localusers/${id}/radiusattributes/`)).status).toBe(404);
  });
});

// ---- LDAP and RADIUS users -------------------------------------------------------------------------

test.describe('/ldapusers/', () => {
  test('seeded imported users, filters, read-only fields, no create', async ({ api }) => {
    const list = (await api.get('/api/v1/ldapusers/')).json<ListBody>();
    expect(list.objects.map((o) => o.username)).toEqual(['jdoe', 'asmith', 'bwhite']);
    const jdoe = list.objects[0] ?? {};
    for (const k of ['dn', 'server_name', 'server_address', 'email', 'first_name', 'last_name', 'active', 'reason', 'mobile_number', 'token_auth', 'token_type', 'token_serial', 'ftm_act_method', 'recovery_by_question', 'resource_uri'])
      expect(Object.keys(jdoe)).toContain(k);
    for (const k of ['password', 'recovery_question', 'recovery_answer']) expect(Object.keys(jdoe)).not.toContain(k);
    expect((await api.get('/api/v1/ldapusers/?dn__icontains=ou=sales')).json<ListBody>().objects.map((o) => o.username)).toEqual(['bwhite']);
    expect((await api.get('/api/v1/ldapusers/?username__in=jdoe,asmith')).json<ListBody>().meta.total_count).toBe(2);
    expect((await api.get('/api/v1/ldapusers/?server_name=Test_LDAP_Server')).json<ListBody>().meta.total_count).toBe(3);
    expect((await api.get('/api/v1/ldapusers/?token_type=sms')).json<ListBody>().objects.map((o) => o.username)).toEqual(['bwhite']);
    expect((await api.get('/api/v1/ldapusers/?reason=0')).status).toBe(400);
    const post = await api.post('/api/v1/ldapusers/', { username: 'new' }, { auth: false });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
    // username and dn are read only (ignored), the rest is writable
    const p = await api.patch('/api/v1/ldapusers/2/', { username: 'hacked', dn: 'CN=x', email: 'alice@example.org', first_name: 'Alicia', reason: 3, active: false });
    expect(p.status).toBe(202);
    expect((await api.get('/api/v1/ldapusers/2/')).json()).toMatchObject({
      username: 'asmith', dn: 'CN=Alice Smith,OU=Users,DC=example,DC=com', email: 'alice@example.org', first_name: 'Alicia', reason: 3, active: false,
    });
    const bad = await api.patch('/api/v1/ldapusers/2/', { email: 'nope', last_name: 'x'.repeat(31), token_auth: true });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json<{ ldapusers: Record<string, string[]> }>().ldapusers).sort()).toEqual(['email', 'last_name', 'token_type']);
    expect((await api.patch('/api/v1/ldapusers/2/', { token_auth: true })).json()).toEqual({ ldapusers: { token_type: ['This field is required when token_auth is true.'] } });
    expect((await api.patch('/api/v1/ldapusers/99/', { email: 'a@example.com' })).status).toBe(404);
    expect((await api.delete('/api/v1/ldapusers/3/')).status).toBe(204);
    expect((await api.get('/api/v1/ldapusers/3/')).status).toBe(404);
  });

  test('sendoobtoken and verifyrecoveryanswer', async ({ api }) => {
    expect((await api.post('/api/v1/ldapusers/1/sendoobtoken/', {})).status).toBe(200);
    expect((await api.post('/api/v1/ldapusers/3/sendoobtoken/', {})).status).toBe(200);
    expect((await api.post('/api/v1/ldapusers/2/sendoobtoken/', {})).status).toBe(400);
    expect((await api.post('/api/v1/ldapusers/9/sendoobtoken/', {})).status).toBe(404);
    expect((await api.post('/api/v1/ldapusers/1/verifyrecoveryanswer/', { recovery_answer: 'Rex' })).status).toBe(202);
    expect((await api.post('/api/v1/ldapusers/1/verifyrecoveryanswer/', { recovery_answer: 'Max' })).status).toBe(404);
    expect((await api.post('/api/v1/ldapusers/2/verifyrecoveryanswer/', { recovery_answer: 'Rex' })).status).toBe(404);
    // set a question through PATCH, then verify it
    expect((await api.patch('/api/v1/ldapusers/2/', { recovery_by_question: true })).status).toBe(400);
    expect((await api.patch('/api/v1/ldapusers/2/', { recovery_by_question: true, recovery_question: 'Q?', recovery_answer: 'A' })).status).toBe(202);
    expect((await api.post('/api/v1/ldapusers/2/verifyrecoveryanswer/', { recovery_answer: 'A' })).status).toBe(202);
  });

  test('returnseed on PATCH; token serials are unique across local and LDAP users', async ({ api }) => {
    const r = await api.patch('/api/v1/ldapusers/2/?returnseed=1', { token_auth: true, token_type: 'ftm' });
    expect(r.status).toBe(202);
    const body = r.json<Record<string, string>>();
    expect(body.username).toBe('asmith');
    expect(body.token_serial).toMatch(/^FTKMOB/);
    expect(openPskc(body.seed ?? '', SEED_PASSPHRASE).serial).toBe(body.token_serial);
    const clash = await api.post('/api/v1/localusers/', { username: 'clash', password: 'x', token_auth: true, token_type: 'ftm', token_serial: body.token_serial });
    expect(clash.status).toBe(400);
    expect(clash.json()).toEqual({ error: 'This serial number is not available for use.' });
    const local = (await api.post('/api/v1/localusers/?returnseed=1', { username: 'owner', password: 'x', token_auth: true, token_type: 'ftm' })).json<Record<string, string>>();
    const clash2 = await api.patch('/api/v1/ldapusers/1/', { token_type: 'ftm', token_serial: local.token_serial });
    expect(clash2.status).toBe(400);
  });
});

test.describe('/radiususers/', () => {
  test('create needs username, server_name, server_address; read-only afterwards; sendoobtoken', async ({ api }) => {
    expect((await api.get('/api/v1/radiususers/')).json<ListBody>().objects.map((o) => o.username)).toEqual(['rjones']);
    const missing = await api.post('/api/v1/radiususers/', { username: 'r2' });
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.json<{ radiususers: Record<string, string[]> }>().radiususers).sort()).toEqual(['server_address', 'server_name']);
    const c = await api.post('/api/v1/radiususers/', { username: 'r2', server_name: 'Test_RADIUS_Server', server_address: '192.168.0.20', email: 'r2@example.com' });
    expect(c.status).toBe(201);
    const id = idFromLocation(c);
    expect(c.headers.get('location')).toBe(`/api/v1/radiususers/${id}/`);
    const dup = await api.post('/api/v1/radiususers/', { username: 'r2', server_name: 'Test_RADIUS_Server', server_address: '192.168.0.20' });
    expect(dup.status).toBe(400);
    const o = (await api.get(`/api/v1/radiususers/${id}/`)).json();
    expect(Object.keys(o).sort()).toEqual([
      'active', 'email', 'ftm_act_method', 'id', 'mobile_number', 'reason', 'resource_uri', 'server_address', 'server_name', 'token_auth',
      'token_serial', 'token_type', 'username',
    ]);
    expect((await api.patch(`/api/v1/radiususers/${id}/`, { username: 'other', server_name: 'x', mobile_number: '+1-5551234' })).status).toBe(202);
    expect((await api.get(`/api/v1/radiususers/${id}/`)).json()).toMatchObject({ username: 'r2', server_name: 'Test_RADIUS_Server', mobile_number: '+1-5551234' });
    expect((await api.get('/api/v1/radiususers/?server_address__contains=0.20')).json<ListBody>().meta.total_count).toBe(2);
    expect((await api.post('/api/v1/radiususers/1/sendoobtoken/', {})).status).toBe(200);
    expect((await api.post(`/api/v1/radiususers/${id}/sendoobtoken/`, {})).status).toBe(400);
    // no verifyrecoveryanswer for RADIUS users: the detail URL does not take POST
    expect((await api.post('/api/v1/radiususers/1/verifyrecoveryanswer/', { recovery_answer: 'x' })).status).toBe(405);
    expect((await api.delete(`/api/v1/radiususers/${id}/`)).status).toBe(204);
  });

  test('returnseed: only a PATCH provisioning an FTM returns the seed (not a create)', async ({ api }) => {
    const c = await api.post('/api/v1/radiususers/?returnseed=1', { username: 'r3', server_name: 'S', server_address: '10.0.0.9', token_auth: true, token_type: 'ftm' });
    expect(c.status).toBe(201);
    expect(c.text).toBe('');
    const p = await api.patch('/api/v1/radiususers/1/?returnseed=1', { token_type: 'ftm' });
    expect(p.status).toBe(202);
    const body = p.json<Record<string, string>>();
    expect(openPskc(body.seed ?? '', SEED_PASSPHRASE).serial).toBe(body.token_serial);
  });
});

// ---- user certificates ---------------------------------------------------------------------------

test.describe('/usercerts/', () => {
  test('list and detail: the guide fields, display statuses, subject filter', async ({ api }) => {
    const list = (await api.get('/api/v1/usercerts/')).json<ListBody>();
    expect(list.meta.total_count).toBe(3);
    const first = list.objects[0] ?? {};
    expect(Object.keys(first).sort()).toEqual(['cert_id', 'expiry', 'id', 'issuer', 'revocation_reason', 'serial', 'status', 'subject']);
    expect(first).toMatchObject({ id: 1, cert_id: 'user_cert', serial: '0122A3', status: 'Active', revocation_reason: null, subject: '/C=CA/ST=BC/L=Burnaby/O=O/OU=RD/CN=test' });
    expect(first.issuer).toMatch(/^issuer_cert \| C=CA, ST=BC, L=Burnaby, O=Fortinet, OU=RD, CN=test/);
    expect(first.expiry).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    expect((await api.get('/api/v1/usercerts/?subject__icontains=cn=ALICE')).json<ListBody>().objects.map((o) => o.cert_id)).toEqual(['user_cert_alice']);
    expect((await api.get('/api/v1/usercerts/3/')).json()).toMatchObject({ status: 'Revoked', revocation_reason: 'Key Compromise' });
    expect((await api.post('/api/v1/usercerts/', {}, { auth: false })).status).toBe(405);
  });

  test('pem/: every certificate as a PEM that parses', async ({ api }) => {
    const r = await api.get('/api/v1/usercerts/pem/');
    expect(r.status).toBe(200);
    const body = r.json<ListBody<{ cert_id: string; certificate: string }>>();
    expect(body.objects.map((o) => o.cert_id)).toEqual(['user_cert', 'user_cert_alice', 'user_cert_bob']);
    const cert = new X509Certificate(body.objects[0]?.certificate ?? '');
    expect(cert.subject.split('\n')).toEqual(['C=CA', 'ST=BC', 'L=Burnaby', 'O=O', 'OU=RD', 'CN=test']);
    expect(cert.serialNumber).toBe('0122A3');
    expect(cert.issuer).toContain('O=Fortinet');
    // stable across calls
    expect((await api.get('/api/v1/usercerts/pem/')).json<ListBody<{ certificate: string }>>().objects[0]?.certificate).toBe(body.objects[0]?.certificate);
    expect((await api.post('/api/v1/usercerts/pem/', {}, { auth: false })).status).toBe(405);
  });

  test('revoke needs a reason; un-revoke only from Certificate Hold', async ({ api }) => {
    const noReason = await api.patch('/api/v1/usercerts/1/', { status: 'revoked' });
    expect(noReason.status).toBe(400);
    expect(noReason.json<{ usercerts: Record<string, string[]> }>().usercerts.revocation_reason?.[0]).toMatch(/required/);
    expect((await api.patch('/api/v1/usercerts/1/', { status: 'revoked', revocation_reason: 'Bored' })).status).toBe(400);
    expect((await api.patch('/api/v1/usercerts/1/', { status: 'gone' })).status).toBe(400);
    expect((await api.patch('/api/v1/usercerts/1/', { status: 'pending' })).status).toBe(400);
    expect((await api.patch('/api/v1/usercerts/1/', {})).status).toBe(400);
    const hold = await api.patch('/api/v1/usercerts/1/', { status: 'revoked', revocation_reason: 'Certificate Hold' });
    expect(hold.status).toBe(202);
    expect(hold.json()).toMatchObject({ id: 1, cert_id: 'user_cert', status: 'Revoked', revocation_reason: 'Certificate Hold' });
    const back = await api.patch('/api/v1/usercerts/1/', { status: 'active' });
    expect(back.status).toBe(202);
    expect(back.json()).toMatchObject({ status: 'Active', revocation_reason: null });
    expect((await api.patch('/api/v1/usercerts/2/', { status: 'revoked', revocation_reason: 'Key Compromise' })).status).toBe(202);
    const stuck = await api.patch('/api/v1/usercerts/2/', { status: 'active' });
    expect(stuck.status).toBe(400);
    expect(stuck.json<{ usercerts: Record<string, string[]> }>().usercerts.status?.[0]).toMatch(/Certificate Hold/);
    expect((await api.patch('/api/v1/usercerts/2/', { status: 'revoked', revocation_reason: 'Superseded' })).status).toBe(400);
    expect((await api.patch('/api/v1/usercerts/99/', { status: 'active' })).status).toBe(404);
  });

  test('renew/: multipart CSR → a new certificate with the CSR key and subject', async ({ api }) => {
    const key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const csr = makeCsr(TEST_SUBJECT, key);
    const r = await upload(api, 'POST', '/api/v1/usercerts/renew/', { cert_id: 'user_cert', csr: { name: 'user.csr', content: csr }, expiry: '30', revoke_old: 'true' });
    expect(r.status, r.text).toBe(200);
    const body = r.json<{ cert_id: string; certificate: string }>();
    expect(Object.keys(body).sort()).toEqual(['cert_id', 'certificate']);
    expect(body.cert_id).not.toBe('user_cert');
    const cert = new X509Certificate(body.certificate);
    expect(cert.subject.split('\n')).toEqual(['C=CA', 'ST=BC', 'L=Burnaby', 'O=O', 'OU=RD', 'CN=test']);
    expect(cert.publicKey.export({ format: 'der', type: 'spki' }).equals(key.publicKey.export({ format: 'der', type: 'spki' }))).toBe(true);
    const days = (Date.parse(cert.validTo) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29);
    expect(days).toBeLessThan(31);
    const list = (await api.get('/api/v1/usercerts/')).json<ListBody>();
    expect(list.objects.find((o) => o.cert_id === body.cert_id)).toMatchObject({ status: 'Active' });
    expect(list.objects.find((o) => o.cert_id === 'user_cert')).toMatchObject({ status: 'Revoked', revocation_reason: 'Superseded' });
    // revoke_old defaults to false
    const alice = makeCsr([...TEST_SUBJECT.slice(0, 5), ['CN', 'alice']], key);
    expect((await upload(api, 'POST', '/api/v1/usercerts/renew/', { cert_id: 'user_cert_alice', csr: { name: 'a.csr', content: alice }, expiry: '10' })).status).toBe(200);
    expect((await api.get('/api/v1/usercerts/2/')).json()).toMatchObject({ status: 'Active' });
  });

  test('renew/: validation', async ({ api }) => {
    const key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const good = makeCsr(TEST_SUBJECT, key);
    const other = makeCsr([['CN', 'someone-else']], key);
    const der = Buffer.from(good.split('\n')[1] ?? '', 'base64');
    der[der.length - 3] = (der[der.length - 3] ?? 0) ^ 0x01; // a bit of the signature
    const forged = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`;
    const cases: Array<[Record<string, string | { name: string; content: string }>, string]> = [
      [{ csr: { name: 'c.csr', content: good }, expiry: '30' }, 'cert_id'],
      [{ cert_id: 'nope', csr: { name: 'c.csr', content: good }, expiry: '30' }, 'cert_id'],
      [{ cert_id: 'user_cert_bob', csr: { name: 'c.csr', content: good }, expiry: '30' }, 'cert_id'],
      [{ cert_id: 'user_cert', expiry: '30' }, 'csr'],
      [{ cert_id: 'user_cert', csr: { name: 'c.csr', content: good } }, 'expiry'],
      [{ cert_id: 'user_cert', csr: { name: 'c.csr', content: good }, expiry: '0' }, 'expiry'],
      [{ cert_id: 'user_cert', csr: { name: 'c.csr', content: good }, expiry: 'soon' }, 'expiry'],
      [{ cert_id: 'user_cert', csr: { name: 'c.csr', content: good }, expiry: '30', revoke_old: 'maybe' }, 'revoke_old'],
      [{ cert_id: 'user_cert', csr: { name: 'c.csr', content: other }, expiry: '30' }, 'csr'],
      [{ cert_id: 'user_cert', csr: { name: 'c.csr', content: 'hello' }, expiry: '30' }, 'csr'],
      [{ cert_id: 'user_cert', csr: { name: 'c.csr', content: forged }, expiry: '30' }, 'csr'],
    ];
    for (const [parts, field] of cases) {
      const r = await upload(api, 'POST', '/api/v1/usercerts/renew/', parts);
      expect(r.status, `${JSON.stringify(parts)} ${r.text}`).toBe(400);
      expect(Object.keys(r.json<{ usercerts: Record<string, string[]> }>().usercerts), JSON.stringify(parts)).toContain(field);
    }
    // JSON bodies are read too (the CSR as a string)
    expect((await api.post('/api/v1/usercerts/renew/', { cert_id: 'user_cert', csr: good, expiry: 5 })).status).toBe(200);
    const get = await api.get('/api/v1/usercerts/renew/', { auth: false });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await upload(api, 'POST', '/api/v1/usercerts/renew/', {})).status).toBe(400);
  });
});

// ---- licensing and recovery ----------------------------------------------------------------------

const LICENSE = `-----BEGIN FAC VM LICENSE-----\n${Buffer.alloc(96, 7).toString('base64')}\n-----END FAC VM LICENSE-----\n`;

test.describe('/licensing/ and /recovery/', () => {
  test('licensing: POST-only multipart upload', async ({ api }) => {
    const get = await api.get('/api/v1/licensing/', { auth: false });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const r = await upload(api, 'POST', '/api/v1/licensing/', { license: { name: 'FAC-VM0000000001.lic', content: LICENSE } });
    expect(r.status, r.text).toBe(200);
    const body = r.json<Record<string, string>>();
    expect(Object.keys(body).sort()).toEqual(['expiry_date', 'ip', 'license', 'license_hash', 'success_message']);
    expect(body.license).toBe('FAC-VM0000000001.lic');
    expect(body.expiry_date).toMatch(/^\d{4}-\d\d-\d\dT00:00:00\+00:00$/);
    expect(body.success_message).toMatch(/^Reboot process for license update of VM is started/);
    for (const [parts, message] of [
      [{}, /required/],
      [{ license: 'just text' }, /No file was submitted/],
      [{ license: { name: 'license.txt', content: LICENSE } }, /valid \.lic/],
      [{ license: { name: 'x.lic', content: 'garbage' } }, /valid \.lic/],
      [{ license: { name: 'x.lic', content: '' } }, /empty/],
    ] as const) {
      const bad = await upload(api, 'POST', '/api/v1/licensing/', parts as Record<string, string>);
      expect(bad.status, JSON.stringify(parts)).toBe(400);
      expect(bad.json<{ licensing: Record<string, string[]> }>().licensing.license?.[0]).toMatch(message);
    }
    expect((await api.post('/api/v1/licensing/', { license: 'x' })).status).toBe(400);
    expect((await api.post('/api/v1/licensing/', {}, { auth: false })).status).toBe(401);
  });

  test('recovery: GET downloads a backup, POST restores it (settings come back)', async ({ api }) => {
    const dl = await api.get('/api/v1/recovery/');
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-type')).toBe('application/octet-stream');
    expect(dl.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.conf"$/);
    expect(dl.text.startsWith('#config-version=')).toBe(true);
    expect((await api.patch('/api/v1/userlockoutpolicy/', { failed_login_lockout_max_attempts: 9 })).status).toBe(202);
    const r = await upload(api, 'POST', '/api/v1/recovery/', { file: { name: 'backup.conf', content: dl.text } });
    expect(r.status, r.text).toBe(200);
    expect(r.text).toBe('System configuration restore process has been started. FortiAuthenticator will be restarted to apply the new configuration');
    expect((await api.get('/api/v1/userlockoutpolicy/')).json()).toMatchObject({ failed_login_lockout_max_attempts: 5 });
    const tampered = dl.text.replace('#conf_file_ver=1', '#conf_file_ver=2');
    for (const parts of [{}, { file: 'text' }, { file: { name: 'b.conf', content: 'hello' } }, { file: { name: 'b.conf', content: tampered } }]) {
      const bad = await upload(api, 'POST', '/api/v1/recovery/', parts as Record<string, string>);
      expect(bad.status, JSON.stringify(parts)).toBe(400);
      expect(bad.json()).toHaveProperty('recovery.file');
    }
    expect((await api.get('/api/v1/recovery/', { auth: false })).status).toBe(401);
    expect((await api.delete('/api/v1/recovery/', { auth: false })).status).toBe(405);
  });

  test('malformed multipart bodies are 400, never 500', async ({ api }) => {
    const send = (ct: string, body: string): Promise<Response> =>
      fetch(`${api.emu.url}/api/v1/licensing/`, { method: 'POST', headers: { authorization: api.authorization, 'content-type': ct }, body });
    for (const [ct, body] of [
      ['multipart/form-data', '--x\r\n\r\n--x--'],
      ['multipart/form-data; boundary=x', 'no delimiter at all'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="license"\r\n\r\nunterminated'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Type: text/plain\r\n\r\nno disposition\r\n--x--'],
      ['multipart/form-data; boundary="x"', '--xjunk'],
    ] as const) {
      const r = await send(ct, body);
      expect(r.status, `${ct} ${body}`).toBe(400);
      expect(await r.json()).toHaveProperty('error');
    }
    // a well-formed body with a quoted boundary and a preamble
    const ok = await send('multipart/form-data; boundary="b 1"', `preamble\r\n--b 1\r\nContent-Disposition: form-data; name="license"; filename="v.lic"\r\n\r\n${LICENSE}\r\n--b 1--\r\nepilogue`);
    expect(ok.status).toBe(200);
  });
});

// ---- settings singletons -------------------------------------------------------------------------

test.describe('settings singletons', () => {
  test('userlockoutpolicy: bare object (the guide example), PATCH keeps, POST defaults, permanency and the period', async ({ api }) => {
    const g = await api.get('/api/v1/userlockoutpolicy/');
    expect(g.status).toBe(200);
    expect(g.json()).toEqual({
      failed_login_lockout: true, failed_login_lockout_max_attempts: 5, failed_login_lockout_period: 60,
      failed_login_lockout_permanent: false, inactivity_lockout: true, inactivity_lockout_period: 1600,
    });
    const p = await api.patch('/api/v1/userlockoutpolicy/', { failed_login_lockout_permanent: true });
    expect(p.status).toBe(202);
    // 002 · Examples · Patch: the period reads 0 while the lockout is permanent
    expect(p.json()).toEqual({
      failed_login_lockout: true, failed_login_lockout_max_attempts: 5, failed_login_lockout_period: 0,
      failed_login_lockout_permanent: true, inactivity_lockout: true, inactivity_lockout_period: 1600,
    });
    expect((await api.patch('/api/v1/userlockoutpolicy/', { failed_login_lockout_permanent: false })).json()).toMatchObject({ failed_login_lockout_period: 60 });
    expect((await api.patch('/api/v1/userlockoutpolicy/', { failed_login_lockout_period: 600 })).json()).toMatchObject({ failed_login_lockout_period: 600 });
    await api.patch('/api/v1/userlockoutpolicy/', { failed_login_lockout_permanent: true });
    expect((await api.patch('/api/v1/userlockoutpolicy/', { failed_login_lockout_permanent: false, failed_login_lockout_period: 120 })).json()).toMatchObject({ failed_login_lockout_period: 120 });
    const post = await api.post('/api/v1/userlockoutpolicy/', { failed_login_lockout: 'true' });
    expect(post.status).toBe(200);
    expect(post.json()).toEqual({
      failed_login_lockout: true, failed_login_lockout_max_attempts: 3, failed_login_lockout_period: 60,
      failed_login_lockout_permanent: false, inactivity_lockout: false, inactivity_lockout_period: 90,
    });
    expect((await api.get('/api/v1/userlockoutpolicy/')).json()).toEqual(post.json());
    expect((await api.post('/api/v1/userlockoutpolicy/', { inactivity_lockout: true })).json()).toEqual({
      userlockoutpolicy: { failed_login_lockout: ['This field is required.'] },
    });
  });

  test('userlockoutpolicy: ranges', async ({ api }) => {
    const cases: Array<[string, unknown, RegExp]> = [
      ['failed_login_lockout_max_attempts', 0, /greater than or equal to 1/],
      ['failed_login_lockout_max_attempts', 21, /less than or equal to 20/],
      ['failed_login_lockout_max_attempts', 'x', /whole number/],
      ['failed_login_lockout_period', 59, /greater than or equal to 60/],
      ['failed_login_lockout_period', 86401, /less than or equal to 86400/],
      ['inactivity_lockout_period', 0, /greater than or equal to 1/],
      ['inactivity_lockout_period', 1826, /less than or equal to 1825/],
      ['inactivity_lockout', 'maybe', /True or False/],
    ];
    for (const [field, value, message] of cases) {
      const r = await api.patch('/api/v1/userlockoutpolicy/', { [field]: value });
      expect(r.status, `${field}=${String(value)}`).toBe(400);
      expect(r.json<{ userlockoutpolicy: Record<string, string[]> }>().userlockoutpolicy[field]?.[0]).toMatch(message);
    }
    for (const [field, value] of [['failed_login_lockout_max_attempts', 20], ['failed_login_lockout_max_attempts', 1], ['failed_login_lockout_period', 86400], ['inactivity_lockout_period', 1825]] as const)
      expect((await api.patch('/api/v1/userlockoutpolicy/', { [field]: value })).status).toBe(202);
    expect((await api.get('/api/v1/userlockoutpolicy/')).json()).toMatchObject({ failed_login_lockout_max_attempts: 1, inactivity_lockout_period: 1825 });
  });

  test('singleton wire: methods, no detail URLs, XML, auth, schema', async ({ api }) => {
    for (const m of ['PUT', 'DELETE']) {
      const r = await api.call(m, '/api/v1/userlockoutpolicy/', { auth: false });
      expect(r.status).toBe(405);
      expect(r.headers.get('allow')).toBe('GET,POST,PATCH');
    }
    expect((await api.get('/api/v1/userlockoutpolicy/1/')).status).toBe(404);
    expect((await api.get('/api/v1/userlockoutpolicy/', { auth: false })).status).toBe(401);
    const xml = await api.get('/api/v1/userlockoutpolicy/?format=xml');
    expect(xml.text).toBe(
      "<?xml version='1.0' encoding='utf-8'?>\n<object><failed_login_lockout type=\"boolean\">True</failed_login_lockout>" +
        '<failed_login_lockout_max_attempts type="integer">5</failed_login_lockout_max_attempts><failed_login_lockout_period type="integer">60</failed_login_lockout_period>' +
        '<failed_login_lockout_permanent type="boolean">False</failed_login_lockout_permanent><inactivity_lockout type="boolean">True</inactivity_lockout>' +
        '<inactivity_lockout_period type="integer">1600</inactivity_lockout_period></object>',
    );
    const schema = (await api.get('/api/v1/userlockoutpolicy/schema/')).json<{ allowed_list_http_methods: string[]; fields: Record<string, unknown> }>();
    expect(schema.allowed_list_http_methods).toEqual(['get', 'post', 'patch']);
    expect(Object.keys(schema.fields)).toContain('failed_login_lockout_period');
    expect((await api.patch('/api/v1/userlockoutpolicy/', undefined, { raw: '{', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    expect((await api.patch('/api/v1/userlockoutpolicy/', [1, 2])).status).toBe(400);
  });

  test('systeminfo: GET only, the serial number', async ({ api }) => {
    const r = await api.get('/api/v1/systeminfo/');
    expect(r.status).toBe(200);
    expect(Object.keys(r.json())).toEqual(['sn']);
    expect(r.json<{ sn: string }>().sn).toMatch(/^FAC/);
    const post = await api.post('/api/v1/systeminfo/', {}, { auth: false });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
  });

  test('logsettings: defaults, references to syslog and FTP servers, validation', async ({ api }) => {
    const g = (await api.get('/api/v1/logsettings/')).json();
    expect(g).toEqual({
      backup_directory: '', backup_enable: false, backup_frequency: null, backup_ftp: '', backup_time: '00:00:00', delete_age_mult: 'months',
      delete_age_n: 1, delete_enable: false, faz_enable: false, faz_server: '', remote_syslog_enable: false, remote_syslog_servers: '',
    });
    expect((await api.patch('/api/v1/logsettings/', { remote_syslog_enable: true, remote_syslog_servers: 'syslog1' })).json()).toEqual({
      logsettings: { remote_syslog_servers: ['Syslog server(s) not found: syslog1.'] },
    });
    expect((await api.post('/api/v1/syslogservers/', { name: 'syslog1', address: '10.0.0.1' })).status).toBe(201);
    expect((await api.post('/api/v1/syslogservers/', { name: 'syslog2', address: '10.0.0.2' })).status).toBe(201);
    const ok = await api.patch('/api/v1/logsettings/', { remote_syslog_enable: true, remote_syslog_servers: 'syslog1, syslog2' });
    expect(ok.status).toBe(202);
    expect(ok.json()).toMatchObject({ remote_syslog_enable: true, remote_syslog_servers: 'syslog1,syslog2' });
    expect((await api.patch('/api/v1/logsettings/', { backup_ftp: 'ftp1' })).status).toBe(400);
    const ftp = await api.post('/api/v1/ftpservers/', { name: 'ftp1', address: '10.0.0.3' });
    expect(ftp.status).toBe(201);
    const b = await api.patch('/api/v1/logsettings/', { backup_enable: true, backup_frequency: 'weekly', backup_time: '23:59', backup_ftp: 'ftp1' });
    expect(b.status).toBe(202);
    expect(b.json()).toMatchObject({ backup_enable: true, backup_frequency: 'weekly', backup_time: '23:59:00', backup_ftp: 'ftp1', remote_syslog_servers: 'syslog1,syslog2' });
    // a deleted server drops out of the settings
    expect((await api.delete(`/api/v1/ftpservers/${idFromLocation(ftp)}/`)).status).toBe(204);
    expect((await api.get('/api/v1/logsettings/')).json()).toMatchObject({ backup_ftp: '' });
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ faz_server: 'not a host!' }, 'faz_server'],
      [{ delete_age_mult: 'years' }, 'delete_age_mult'],
      [{ delete_age_n: 0 }, 'delete_age_n'],
      [{ backup_frequency: 'yearly' }, 'backup_frequency'],
      [{ backup_time: '24:00' }, 'backup_time'],
      [{ backup_time: '' }, 'backup_time'],
      [{ backup_enable: true, backup_frequency: null }, 'backup_frequency'],
    ];
    for (const [body, field] of cases) {
      const r = await api.patch('/api/v1/logsettings/', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(r.json<{ logsettings: Record<string, string[]> }>().logsettings)).toEqual([field]);
    }
    expect((await api.patch('/api/v1/logsettings/', { faz_enable: true, faz_server: 'faz.example.com' })).status).toBe(202);
    expect((await api.patch('/api/v1/logsettings/', { faz_server: '10.1.2.3' })).status).toBe(202);
    // POST: unspecified fields go back to their defaults
    const post = await api.post('/api/v1/logsettings/', { delete_enable: true, delete_age_n: 3, delete_age_mult: 'weeks' });
    expect(post.status).toBe(200);
    expect(post.json()).toMatchObject({ delete_enable: true, delete_age_n: 3, delete_age_mult: 'weeks', faz_enable: false, faz_server: '', remote_syslog_servers: '', backup_enable: false });
  });

  test('fortitokenmobileprovisioning: defaults and choices', async ({ api }) => {
    const defaults = {
      act_timeout: 1, pin_length: 4, require_pin: 'require', server_address: 'fortitokenmobile.fortinet.com', server_port: 433,
      time_step: 60, token_algo: 'totp', token_size: 6,
    };
    expect((await api.get('/api/v1/fortitokenmobileprovisioning/')).json()).toEqual(defaults);
    const p = await api.patch('/api/v1/fortitokenmobileprovisioning/', { act_timeout: 168, time_step: 30, pin_length: '8', require_pin: 'enforce' });
    expect(p.status).toBe(202);
    expect(p.json()).toEqual({ ...defaults, act_timeout: 168, time_step: 30, pin_length: 8, require_pin: 'enforce' });
    for (const [field, value] of [['act_timeout', 0], ['act_timeout', 169], ['token_size', 7], ['time_step', 45], ['pin_length', 5], ['token_algo', 'sha1'], ['require_pin', 'always'], ['server_port', 70000]] as const) {
      const r = await api.patch('/api/v1/fortitokenmobileprovisioning/', { [field]: value });
      expect(r.status, `${field}=${value}`).toBe(400);
      expect(Object.keys(r.json<{ fortitokenmobileprovisioning: Record<string, string[]> }>().fortitokenmobileprovisioning)).toEqual([field]);
    }
    expect((await api.post('/api/v1/fortitokenmobileprovisioning/', { token_size: 8 })).json()).toEqual({ ...defaults, token_size: 8 });
  });

  test('scheduledbackupsettings: enabled spellings, required-when-enabled, FTP references, POST vs PATCH', async ({ api }) => {
    expect((await api.get('/api/v1/scheduledbackupsettings/')).json()).toEqual({ directory: '', enabled: false, frequency: null, ftp: '', ftp_2: '', time: '00:00:00' });
    for (const v of ['false', '0', false]) expect((await api.patch('/api/v1/scheduledbackupsettings/', { enabled: v })).json()).toMatchObject({ enabled: false });
    for (const v of ['yes', 'True', 1, 'on']) {
      const r = await api.patch('/api/v1/scheduledbackupsettings/', { enabled: v });
      expect(r.status, String(v)).toBe(400);
      expect(Object.keys(r.json<{ scheduledbackupsettings: Record<string, string[]> }>().scheduledbackupsettings)).toEqual(['enabled']);
    }
    const need = await api.patch('/api/v1/scheduledbackupsettings/', { enabled: 'true' });
    expect(need.status).toBe(400);
    expect(Object.keys(need.json<{ scheduledbackupsettings: Record<string, string[]> }>().scheduledbackupsettings).sort()).toEqual(['frequency', 'ftp']);
    expect((await api.patch('/api/v1/scheduledbackupsettings/', { enabled: '1', frequency: 'daily', ftp: 'ftpA' })).json()).toEqual({
      scheduledbackupsettings: { ftp: ["FTP server 'ftpA' does not exist."] },
    });
    await api.post('/api/v1/ftpservers/', { name: 'ftpA', address: 'ftp.example.com' });
    await api.post('/api/v1/ftpservers/', { name: 'ftpB', address: 'ftp2.example.com' });
    const on = await api.patch('/api/v1/scheduledbackupsettings/', { enabled: '1', frequency: 'daily', ftp: 'ftpA', ftp_2: 'ftpB', directory: '/backups' });
    expect(on.status).toBe(202);
    expect(on.json()).toEqual({ directory: '/backups', enabled: true, frequency: 'daily', ftp: 'ftpA', ftp_2: 'ftpB', time: '00:00:00' });
    // PATCH keeps what it is not given
    expect((await api.patch('/api/v1/scheduledbackupsettings/', { time: '01:30:15' })).json()).toEqual({
      directory: '/backups', enabled: true, frequency: 'daily', ftp: 'ftpA', ftp_2: 'ftpB', time: '01:30:15',
    });
    expect((await api.patch('/api/v1/scheduledbackupsettings/', { frequency: 'monthly', time: '' })).status).toBe(400);
    expect((await api.patch('/api/v1/scheduledbackupsettings/', { frequency: 'daily', time: '' })).json()).toMatchObject({ time: '00:00:00' });
    // POST starts from the defaults
    const post = await api.post('/api/v1/scheduledbackupsettings/', { enabled: true, frequency: 'hourly', ftp: 'ftpB' });
    expect(post.status).toBe(200);
    expect(post.json()).toEqual({ directory: '', enabled: true, frequency: 'hourly', ftp: 'ftpB', ftp_2: '', time: '00:00:00' });
  });
});

// ---- variants ------------------------------------------------------------------------------------

test.describe('variant verifyrecoveryanswer-wrong-202', () => {
  test.use({ emuOptions: { variants: ['verifyrecoveryanswer-wrong-202'] } });
  test('a wrong answer gets 202', async ({ api }) => {
    expect((await api.post('/api/v1/ldapusers/1/verifyrecoveryanswer/', { recovery_answer: 'wrong' })).status).toBe(202);
  });
});

test.describe('variant lockout-range-unchecked', () => {
  test.use({ emuOptions: { variants: ['lockout-range-unchecked'] } });
  test('max attempts outside 1-20 accepted', async ({ api }) => {
    expect((await api.patch('/api/v1/userlockoutpolicy/', { failed_login_lockout_max_attempts: 50 })).status).toBe(202);
    expect((await api.patch('/api/v1/userlockoutpolicy/', { failed_login_lockout_max_attempts: 0 })).status).toBe(202);
    expect((await api.patch('/api/v1/userlockoutpolicy/', { failed_login_lockout_period: 10 })).status).toBe(400);
  });
});

test.describe('variant returnseed-plaintext', () => {
  test.use({ emuOptions: { variants: ['returnseed-plaintext'] } });
  test('the seed travels in the clear', async ({ api }) => {
    const body = (await api.post('/api/v1/localusers/?returnseed=1', { username: 'pt', password: 'x', token_auth: true, token_type: 'ftm' })).json<Record<string, string>>();
    expect(body.seed).toContain('<pskc:PlainValue>');
    expect(body.seed).not.toContain('EncryptedValue');
    expect(Buffer.from(/<pskc:Secret><pskc:PlainValue>([^<]+)</.exec(body.seed ?? '')?.[1] ?? '', 'base64')).toHaveLength(20);
  });
});

test('normal emulator: none of these deviations', async ({ api }) => {
  expect((await api.post('/api/v1/ldapusers/1/verifyrecoveryanswer/', { recovery_answer: 'wrong' })).status).toBe(404);
  expect((await api.patch('/api/v1/userlockoutpolicy/', { failed_login_lockout_max_attempts: 50 })).status).toBe(400);
  const body = (await api.post('/api/v1/localusers/?returnseed=1', { username: 'enc', password: 'x', token_auth: true, token_type: 'ftm' })).json<Record<string, string>>();
  expect(body.seed).not.toContain('<pskc:Secret><pskc:PlainValue>');
  expect(body.seed).toContain('<pskc:EncryptedValue Id="ED">');
});
