/**
 * Unit tests of the harness' pure parts: redaction, configuration, templates, XML reading, curl.
 */
import { createCipheriv, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { verifyPskcSeed } from '../../checks/pskc.ts';
import { sumsMismatch } from '../../checks/response.ts';
import { parseLocation } from '../../engine/objects.ts';
import { resolveFacTarget } from '../../lib/config.ts';
import { toCurl } from '../../lib/curl.ts';
import { UserError } from '../../lib/errors.ts';
import { ApiClient, buildPathWithQuery } from '../../lib/http.ts';
import { loadApiModel } from '../../lib/openapi.ts';
import { isSecretField, redact, registerSecret, registerSecretFields } from '../../lib/redact.ts';
import { parseRunOptions } from '../../lib/run-options.ts';
import { resolveExpect } from '../../lib/versions.ts';
import { fillPath, renderTemplates, type TemplateScope } from '../../lib/template.ts';
import { parseTastypieXml, XmlShapeError } from '../../lib/xml.ts';

test.describe('redact', () => {
  test('replaces a registered secret, its Basic form and any Authorization value', () => {
    registerSecret('s3cr3t-key-value', 'admin');
    const basic = Buffer.from('admin:s3cr3t-key-value').toString('base64');
    const text = `key=s3cr3t-key-value auth=${basic} Authorization: Bearer abc.def-ghi`;
    const out = redact(text);
    expect(out).not.toContain('s3cr3t-key-value');
    expect(out).not.toContain(basic);
    expect(out).not.toContain('abc.def-ghi');
    expect(out).toContain('[REDACTED]');
  });
  test('leaves text without secrets alone', () => {
    expect(redact('nothing secret here')).toBe('nothing secret here');
  });
  test('one-time codes are secrets; field names that only end in a word like them are not', () => {
    for (const key of ['password', 'client_secret', 'access_token', 'token_code', 'activation_code', 'challenge_response', 'session']) expect(isSecretField(key), key).toBe(true);
    for (const key of ['token_type', 'code', 'status_code', 'response', 'key_size']) expect(isSecretField(key), key).toBe(false);
    registerSecretFields({ 'current-token-code': { token_code: '604913' }, nested: [{ challenge_response: 'r3sp0nse-xyz' }] });
    expect(redact('code 604913, answer r3sp0nse-xyz')).toBe('code [REDACTED], answer [REDACTED]');
  });
});

test.describe('resolveFacTarget', () => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'fc-config-'));
  test('no URL means no target (the embedded emulator is used)', () => {
    expect(resolveFacTarget({}, { cwd })).toBeUndefined();
  });
  test('reads URL, user and key from the environment and trims the trailing slash', () => {
    expect(resolveFacTarget({ FAC_URL: 'https://fac.example.com/', FAC_USER: 'admin', FAC_KEY: 'k'.repeat(40) }, { cwd })).toEqual({
      url: 'https://fac.example.com',
      user: 'admin',
      key: 'k'.repeat(40),
      caFile: undefined,
      insecure: false,
      product: 'fac',
      restricted: undefined,
      provided: undefined,
      values: {},
    });
  });
  for (const [name, env, message] of [
    ['malformed URL', { FAC_URL: 'fac example', FAC_USER: 'a', FAC_KEY: 'k' }, /not a valid URL/],
    ['wrong scheme', { FAC_URL: 'ftp://fac', FAC_USER: 'a', FAC_KEY: 'k' }, /http or https/],
    ['missing user', { FAC_URL: 'https://fac' }, /FAC_USER is not set/],
    ['missing key', { FAC_URL: 'https://fac', FAC_USER: 'admin' }, /FAC_KEY is not set/],
    ['missing key file', { FAC_URL: 'https://fac', FAC_USER: 'admin', FAC_KEY_FILE: '/nonexistent/key' }, /cannot read/],
    ['both insecure and CA', { FAC_URL: 'https://fac', FAC_USER: 'a', FAC_KEY: 'k', FAC_INSECURE: '1', FAC_CA_FILE: fileURLToPath(import.meta.url) }, /exclusive/],
  ] as const) {
    test(`refuses ${name} with a clear message`, () => {
      expect(() => resolveFacTarget(env, { cwd })).toThrow(message);
      expect(() => resolveFacTarget(env, { cwd })).toThrow(UserError);
    });
  }
  test('a config file may name a key file but never hold the key', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fc-config-'));
    writeFileSync(path.join(dir, 'key.txt'), 'file-key\n');
    writeFileSync(path.join(dir, 'forticonform.config.json'), JSON.stringify({ fac: { url: 'http://127.0.0.1:1', user: 'u', keyFile: 'key.txt' } }));
    expect(resolveFacTarget({}, { cwd: dir })?.key).toBe('file-key');
    writeFileSync(path.join(dir, 'forticonform.config.json'), JSON.stringify({ fac: { url: 'http://x', user: 'u', key: 'inline' } }));
    expect(() => resolveFacTarget({}, { cwd: dir })).toThrow(/refused/);
    writeFileSync(path.join(dir, 'forticonform.config.json'), '{not json');
    expect(() => resolveFacTarget({}, { cwd: dir })).toThrow(/not valid JSON/);
  });
});

test.describe('templates', () => {
  const scope = (): TemplateScope => {
    let n = 0;
    return {
      unique: () => `u${++n}`,
      secret: 'pw',
      fixtures: { user: { id: 7, username: 'alice', uri: '/api/v1/localusers/7/' } },
      provided: {},
      ref: async (p, want) => (want === 'id' ? 99 : `${p}99/`),
    };
  };
  test('whole-string templates keep their type; embedded ones are stringified; each unique is fresh', async () => {
    const out = await renderTemplates(
      { id: '{{fixtures.user.id}}', name: 'x-{{unique}}-{{unique}}', pw: '{{secret}}', users: ['{{ref:/api/v1/localusers/}}'] },
      scope(),
    );
    expect(out).toEqual({ id: 7, name: 'x-u1-u2', pw: 'pw', users: ['/api/v1/localusers/99/'] });
  });
  test('unknown templates and fixtures are errors, not silent blanks', async () => {
    await expect(renderTemplates('{{nope}}', scope())).rejects.toThrow(/unknown template/);
    await expect(renderTemplates('{{fixtures.group.id}}', scope())).rejects.toThrow(/no fixture named "group"/);
  });
  test('fillPath substitutes and encodes path parameters', () => {
    expect(fillPath('/api/v1/localusers/{id}/', { id: 12 })).toBe('/api/v1/localusers/12/');
    expect(() => fillPath('/x/{id}/', {})).toThrow(/no value/);
  });
});

test.describe('tastypie XML', () => {
  test('reads typed elements into the JSON they stand for', () => {
    const xml = `<?xml version='1.0' encoding='utf-8'?>\n<response><objects type="list"><object><users type="list"><value>/api/v1/localusers/4/</value></users><id type="integer">3</id><name>Test_Local</name><active type="boolean">True</active></object></objects><meta type="hash"><next type="null"/><total_count type="integer">1</total_count></meta></response>`;
    expect(parseTastypieXml(xml)).toEqual({
      objects: [{ users: ['/api/v1/localusers/4/'], id: 3, name: 'Test_Local', active: true }],
      meta: { next: null, total_count: 1 },
    });
  });
  test('rejects documents that are not tastypie XML', () => {
    expect(() => parseTastypieXml('<html><body>oops</body></html>')).toThrow(XmlShapeError);
    expect(() => parseTastypieXml('<response><n type="integer">x</n></response>')).toThrow(/not a number/);
  });
});

test.describe('wire helpers', () => {
  test('query arrays repeat their key', () => {
    expect(buildPathWithQuery('/a/', { name__in: ['x', 'y'], limit: 1 })).toBe('/a/?name__in=x&name__in=y&limit=1');
  });
  test('Location headers give the resource path and id, absolute or relative', () => {
    expect(parseLocation('https://fac/api/v1/usergroups/6/', 'https://fac')).toEqual({ uri: '/api/v1/usergroups/6/', id: 6 });
    expect(parseLocation('/api/v1/localusers/12/', 'https://fac')).toEqual({ uri: '/api/v1/localusers/12/', id: 12 });
  });
  test('curl lines never carry the key', () => {
    registerSecret('curl-key-1234', 'admin');
    const client = new ApiClient({ product: 'fac', url: 'https://fac', user: 'admin', key: 'curl-key-1234', insecure: true, values: {} });
    const line = toCurl(client, { method: 'POST', path: '/api/v1/auth/', body: { username: 'u', password: 'curl-key-1234' } });
    expect(line).not.toContain('curl-key-1234');
    expect(line).toContain('$FAC_KEY');
    expect(line).toContain("'https://fac/api/v1/auth/'");
  });
});

test.describe('PSKC seed (returnseed=1)', () => {
  /** A PSKC document built as RFC 6030 section 6.2 describes, with the guide's parameters. */
  function pskc(passphrase: string, options: { iterations?: number; tamperMac?: boolean; prf?: string | null; macAlgorithm?: string } = {}): string {
    const salt = randomBytes(16);
    const key = pbkdf2Sync(passphrase, salt, options.iterations ?? 1000, 32, options.prf === null ? 'sha1' : 'sha256');
    const encrypt = (plain: Buffer) => {
      const iv = randomBytes(16);
      const c = createCipheriv('aes-256-cbc', key, iv);
      return Buffer.concat([iv, c.update(plain), c.final()]);
    };
    const macKey = randomBytes(32);
    const secret = encrypt(Buffer.from('12345678901234567890'));
    const mac = createHmac('sha256', macKey).update(secret).digest();
    if (options.tamperMac) mac[0]! ^= 1;
    const prf = options.prf === null ? '' : `<PRF Algorithm="${options.prf ?? 'http://www.w3.org/2001/04/xmldsig-more#hmac-sha256'}"/>`;
    const aes = '<xenc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes256-cbc"/>';
    return `<?xml version="1.0" encoding="UTF-8"?><pskc:KeyContainer xmlns:pskc="urn:ietf:params:xml:ns:keyprov:pskc" xmlns:xenc="http://www.w3.org/2001/04/xmlenc#" xmlns:xenc11="http://www.w3.org/2009/xmlenc11#" xmlns:pkcs5="http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#" Version="1.0">
<pskc:EncryptionKey><xenc11:DerivedKey><xenc11:KeyDerivationMethod Algorithm="http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#pbkdf2"><pkcs5:PBKDF2-params><Salt><Specified>${salt.toString('base64')}</Specified></Salt><IterationCount>${options.iterations ?? 1000}</IterationCount><KeyLength>32</KeyLength>${prf}</pkcs5:PBKDF2-params></xenc11:KeyDerivationMethod></xenc11:DerivedKey></pskc:EncryptionKey>
<pskc:MACMethod Algorithm="${options.macAlgorithm ?? 'http://www.w3.org/2001/04/xmldsig-more#hmac-sha256'}"><pskc:MACKey>${aes}<xenc:CipherData><xenc:CipherValue>${encrypt(macKey).toString('base64')}</xenc:CipherValue></xenc:CipherData></pskc:MACKey></pskc:MACMethod>
<pskc:KeyPackage><pskc:DeviceInfo><pskc:SerialNo>FTKMOB0000000001</pskc:SerialNo></pskc:DeviceInfo><pskc:Key Id="k1" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:totp"><pskc:Data><pskc:Secret><pskc:EncryptedValue>${aes}<xenc:CipherData><xenc:CipherValue>${secret.toString('base64')}</xenc:CipherValue></xenc:CipherData></pskc:EncryptedValue><pskc:ValueMAC>${mac.toString('base64')}</pskc:ValueMAC></pskc:Secret></pskc:Data></pskc:Key></pskc:KeyPackage></pskc:KeyContainer>`;
  }
  test('a seed encrypted with the passphrase opens and its MAC verifies (named PRF, or PKCS #5 default SHA-1)', () => {
    expect(verifyPskcSeed(pskc('seed passphrase'), 'seed passphrase')).toEqual({ ok: true, keys: 1, serials: ['FTKMOB0000000001'] });
    expect(verifyPskcSeed(pskc('seed passphrase', { prf: null }), 'seed passphrase').ok).toBe(true);
  });
  test('a wrong passphrase, a tampered MAC, other parameters or a non-PSKC string fail with the reason, never the secret', () => {
    const wrong = verifyPskcSeed(pskc('seed passphrase'), 'other passphrase');
    expect(wrong).toEqual({ ok: false, reason: expect.stringMatching(/does not decrypt|does not verify/) });
    expect(verifyPskcSeed(pskc('p', { tamperMac: true }), 'p')).toEqual({ ok: false, reason: expect.stringContaining('ValueMAC does not verify') });
    expect(verifyPskcSeed(pskc('p', { iterations: 999 }), 'p')).toEqual({ ok: false, reason: expect.stringContaining('IterationCount is 999') });
    expect(verifyPskcSeed(pskc('p', { macAlgorithm: 'http://www.w3.org/2000/09/xmldsig#hmac-sha1' }), 'p')).toEqual({ ok: false, reason: expect.stringContaining('not HMAC-SHA256') });
    expect(verifyPskcSeed('<pskc:KeyContainer>plain seed</pskc:KeyContainer>', 'p').ok).toBe(false);
    expect(verifyPskcSeed('not xml <<', 'p').ok).toBe(false);
    expect(JSON.stringify(wrong)).not.toContain('12345678901234567890');
  });
});

test.describe('step templates', () => {
  test('a step reads the case\'s answer and earlier steps; a missing field is an error', async () => {
    const scope: TemplateScope = { unique: () => 'u', secret: 'pw', fixtures: {}, provided: {}, ref: async () => '', response: { access_token: 'new' }, steps: { done: { challenge_response: 'abc' } } };
    expect(await renderTemplates({ a: '{{response.access_token}}', b: '{{steps.done.challenge_response}}' }, scope)).toEqual({ a: 'new', b: 'abc' });
    await expect(renderTemplates('{{response.nope}}', scope)).rejects.toThrow(/has no field "nope"/);
    await expect(renderTemplates('{{steps.other.x}}', scope)).rejects.toThrow(/no step named "other"/);
  });
});

test.describe('expect.sums', () => {
  const sums = { '/available_ftm': ['/total_ftm', '-/used_ftm'] };
  test('a field must equal the sum of the listed fields, "-" subtracting', () => {
    expect(sumsMismatch({ available_ftm: 30, total_ftm: 32, used_ftm: 2 }, sums)).toBeUndefined();
    expect(sumsMismatch({ available_ftm: 31, total_ftm: 32, used_ftm: 2 }, sums)).toEqual({ pointer: '/available_ftm', message: 'at /available_ftm: expected /total_ftm − /used_ftm = 30, received 31' });
    expect(sumsMismatch({ available_ftm: 30, total_ftm: '32', used_ftm: 2 }, sums)?.message).toBe('at /total_ftm: expected a number, received "32"');
    expect(sumsMismatch({ available_ftm: 30, total_ftm: 32 }, sums)?.pointer).toBe('/used_ftm');
  });

  test('a sums entry that is not pointer → list of pointers is refused when the documents load', async () => {
    const load = (sumsYaml: string) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'fc-sums-'));
      const doc = `openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /x/:
    get:
      operationId: x.get
      responses: { '200': { description: ok } }
      x-cases:
        - id: c
          expect: { status: 200, sums: ${sumsYaml} }
`;
      writeFileSync(path.join(dir, 'fac.yaml'), doc);
      return loadApiModel({ dir });
    };
    expect((await load('{ "/a": ["/b", "-/c"] }')).operations[0]!.cases.find((c) => c.id === 'c')!.expect.sums).toEqual({ '/a': ['/b', '-/c'] });
    for (const bad of ['["/a"]', '{ "/a": "/b" }', '{ "/a": [] }', '{ "/a": ["b"] }', '{ "a": ["/b"] }']) {
      await expect(load(bad), bad).rejects.toThrow(/"expect.sums" maps a JSON pointer/);
    }
  });
});

test.describe('expect.byVersion', () => {
  const FACT = 'facts · FortiAuthenticator behaviour seen on real devices (newer than the guide)';
  const expect201 = { status: 201, json: { '/a': 1 }, byVersion: [{ versions: '>=8.0', source: FACT, expect: { status: 207 } }] };

  test('a known release is judged by its own answer, whatever was answered', () => {
    expect(resolveExpect(expect201, 'fac', '8.0.1', 201)).toEqual({ status: 207, json: { '/a': 1 }, judgedBy: { note: 'FAC_VERSION 8.0.1: the >=8.0 answer', source: FACT } });
    expect(resolveExpect(expect201, 'fac', '6.3.1', 207)).toEqual({ status: 201, json: { '/a': 1 }, judgedBy: { note: 'FAC_VERSION 6.3.1: the documented answer (207 on >=8.0)' } });
    // A case without readings is left as it is.
    const plain = { status: 400 };
    expect(resolveExpect(plain, 'fac', undefined, 500)).toBe(plain);
  });

  test('an unknown release is not judged: the answer picks the reading, and an answer no reading names fails against all', () => {
    expect(resolveExpect(expect201, 'fac', undefined, 207)).toMatchObject({ status: 207, judgedBy: { note: 'FAC_VERSION not set, so the release is not judged: 207 taken as the >=8.0 answer', source: FACT } });
    expect(resolveExpect(expect201, 'fac', undefined, 201)).toMatchObject({ status: 201, judgedBy: { note: expect.stringContaining('201 taken as the documented answer') } });
    const none = resolveExpect(expect201, 'fac', undefined, 500);
    expect(none).toMatchObject({ status: 201, statusIn: [201, 207], judgedBy: { note: expect.stringContaining('not judged') } });
    expect(none.byVersion).toBeUndefined();
  });

  test('the documents load it; a bad range, a reading without its own status and a bad x-versions are refused', async () => {
    const load = (expectYaml: string, extra = '') => {
      const dir = mkdtempSync(path.join(tmpdir(), 'fc-byversion-'));
      writeFileSync(path.join(dir, 'fac.yaml'), `openapi: 3.1.0
info: { title: t, version: '1' }
paths:
  /x/:
    post:
      operationId: x.create
      responses: { '201': { description: ok }, '207': { description: ok } }
      x-cases:
        - id: c
${extra}          expect: ${expectYaml}
`);
      return loadApiModel({ dir });
    };
    const model = await load(`{ status: 201, byVersion: { ">=8.0": { status: 207, x-source: "${FACT}" } } }`);
    expect(model.operations[0]!.cases.find((c) => c.id === 'c')!.expect.byVersion).toEqual([{ versions: '>=8.0', source: FACT, expect: { status: 207 } }]);
    await expect(load('{ status: 201, byVersion: { "8.x": { status: 207 } } }')).rejects.toThrow(/key "8.x" is not a range/);
    await expect(load('{ status: 201, byVersion: { ">=8.0": { status: 201 } } }')).rejects.toThrow(/an answer must tell its reading/);
    await expect(load('{ status: 201, byVersion: { ">=8.0": { json: {} } } }')).rejects.toThrow(/byVersion ">=8.0": "expect.status" must be a number/);
    await expect(load('{ status: 201, byVersion: [] }')).rejects.toThrow(/maps a version range to an answer/);
    await expect(load('{ status: 201 }', '          x-versions: "v8"\n')).rejects.toThrow(/"x-versions" must be a range/);
  });
});

test('run options: defaults, valid values, and every bad value refused with a UserError naming the setting', () => {
  expect(parseRunOptions({})).toEqual({
    safety: 'own-objects', maxInFlight: 2, workers: Math.min(2, availableParallelism()) + 1, testTimeoutMs: 60_000,
    reportDir: path.resolve('reports'), runId: 'run', runSecret: 'forticonform-unset-secret', requestTimeoutMs: 15_000, retries: 2, rate: 0,
    seed: 20261124, propertyRuns: 15, embedded: false, emulatorVariants: [], grep: '', quiet: false, versions: {},
  });
  // Against a configured target one worker more than the cap (no more than the cores), so a request
  // waits whenever a slot frees; against the embedded emulators (CPU-bound) no extra one.
  expect(parseRunOptions({ FORTICONFORM_MAX_IN_FLIGHT: '8' })).toMatchObject({ maxInFlight: 8, workers: Math.min(8, availableParallelism()) + 1 });
  expect(parseRunOptions({ FORTICONFORM_MAX_IN_FLIGHT: '8', FORTICONFORM_EMBEDDED: '1' })).toMatchObject({ maxInFlight: 8, workers: Math.min(8, availableParallelism()) });
  expect(parseRunOptions({ FORTICONFORM_SAFETY: 'read-only', FORTICONFORM_WORKERS: '8', FORTICONFORM_TEST_TIMEOUT_MS: '1000', FORTICONFORM_BUDGET_S: '30' })).toMatchObject({
    safety: 'read-only', maxInFlight: 2, workers: 8, testTimeoutMs: 1000, budgetS: 30,
  });
  expect(parseRunOptions({ FORTICONFORM_SEED: '-7', FORTICONFORM_RATE: '2.5', FORTICONFORM_RETRIES: '0', FAC_VERSION: '8.0.1', FORTICONFORM_EMULATOR_VARIANTS: 'a,b' })).toMatchObject({
    seed: -7, rate: 2.5, retries: 0, versions: { fac: '8.0.1' }, emulatorVariants: ['a', 'b'],
  });
  for (const [name, value] of [['FORTICONFORM_SAFETY', 'readonly'], ['FORTICONFORM_MAX_IN_FLIGHT', '0'], ['FORTICONFORM_SAFETY', 'READ-ONLY'], ['FORTICONFORM_WORKERS', '0'], ['FORTICONFORM_WORKERS', '1.5'], ['FORTICONFORM_TEST_TIMEOUT_MS', 'soon'], ['FORTICONFORM_BUDGET_S', '-3'],
    ['FORTICONFORM_SEED', 'abc'], ['FORTICONFORM_PROPERTY_RUNS', '0'], ['FORTICONFORM_RATE', 'fast'], ['FORTICONFORM_RETRIES', '-1'], ['FORTICONFORM_TIMEOUT_MS', '1e3'], ['FORTICONFORM_DEADLINE_MS', 'later'],
    ['FAC_VERSION', '8.x'], ['FSM_VERSION', 'v7.5.1'], ['FAZ_VERSION', '7']] as const) {
    let thrown: unknown;
    try {
      parseRunOptions({ [name]: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown, `${name}=${value}`).toBeInstanceOf(UserError);
    expect((thrown as UserError).message).toContain(name);
    expect((thrown as UserError).exitCode).toBe(2);
  }
});
