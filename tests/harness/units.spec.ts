/**
 * Unit tests of the harness' pure parts: redaction, configuration, templates, XML reading, curl.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { parseLocation } from '../../fixtures/objects.ts';
import { resolveFacTarget } from '../../lib/config.ts';
import { toCurl } from '../../lib/curl.ts';
import { UserError } from '../../lib/errors.ts';
import { ApiClient, buildPathWithQuery } from '../../lib/http.ts';
import { redact, registerSecret } from '../../lib/redact.ts';
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
