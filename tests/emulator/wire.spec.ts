// Cross-cutting tastypie wire behaviour of the emulator.
import { test, expect, linkQuery, type ListBody } from './helpers.ts';
import { createFacApp } from '../../emulator/fac/app.ts';

test.describe('root listing', () => {
  test('JSON lists every served resource with list_endpoint and schema', async ({ api }) => {
    const r = await api.get('/api/v1/');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json');
    // every resource the emulator serves under /api/v1/ (those with another urlPrefix are not listed)
    const expected: Record<string, { list_endpoint: string; schema: string }> = {};
    for (const d of createFacApp().resources)
      if (d.urlPrefix === undefined) expected[d.name] = { list_endpoint: `/api/v1/${d.name}/`, schema: `/api/v1/${d.name}/schema/` };
    expect(r.json()).toEqual(expected);
    expect(r.json()).toMatchObject({
      auth: { list_endpoint: '/api/v1/auth/', schema: '/api/v1/auth/schema/' },
      localusers: { list_endpoint: '/api/v1/localusers/', schema: '/api/v1/localusers/schema/' },
    });
    // sorted keys, Python separators
    expect(r.text.startsWith('{"auth": {"list_endpoint": "/api/v1/auth/", "schema": "/api/v1/auth/schema/"}, "')).toBe(true);
    const keys = Object.keys(r.json());
    expect(keys).toEqual([...keys].sort());
  });

  test('XML via ?format=xml and via Accept', async ({ api }) => {
    for (const r of [await api.get('/api/v1/?format=xml'), await api.get('/api/v1/', { headers: { accept: 'application/xml' } })]) {
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe('application/xml; charset=utf-8');
      expect(r.text.startsWith("<?xml version='1.0' encoding='utf-8'?>\n<response>")).toBe(true);
      expect(r.text).toContain(
        '<localusers type="hash"><list_endpoint>/api/v1/localusers/</list_endpoint><schema>/api/v1/localusers/schema/</schema></localusers>',
      );
      expect(r.text.endsWith('</response>')).toBe(true);
    }
  });

  test('answers without credentials; non-GET is 405', async ({ api }) => {
    expect((await api.get('/api/v1/', { auth: false })).status).toBe(200);
    const r = await api.call('POST', '/api/v1/', { auth: false });
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('GET');
  });

  test('schema endpoint describes fields, filtering and methods', async ({ api }) => {
    const r = await api.get('/api/v1/usergroups/schema/');
    expect(r.status).toBe(200);
    const s = r.json<Record<string, unknown>>();
    expect(s.allowed_list_http_methods).toEqual(['get', 'post']);
    expect(s.filtering).toEqual({ name: ['exact'] });
    expect(Object.keys(s.fields as object)).toContain('users');
    expect((await api.get('/api/v1/usergroups/schema/', { auth: false })).status).toBe(401);
  });
});

test.describe('authentication and methods', () => {
  test('missing or wrong credentials: 401, empty body, WWW-Authenticate', async ({ api, emu }) => {
    const wrongKey = `Basic ${Buffer.from(`${emu.user}:nope`).toString('base64')}`;
    const wrongUser = `Basic ${Buffer.from(`someone:${emu.key}`).toString('base64')}`;
    for (const auth of [false, wrongKey, wrongUser, 'Bearer abc', 'Basic !!!', `Basic ${Buffer.from('nocolon').toString('base64')}`] as const) {
      const r = await api.get('/api/v1/localusers/', { auth });
      expect(r.status).toBe(401);
      expect(r.text).toBe('');
      expect(r.headers.get('www-authenticate')).toMatch(/^Basic realm="django-tastypie"$/i);
    }
  });

  test('method check runs before auth: 405 + Allow without credentials', async ({ api }) => {
    const r = await api.call('PUT', '/api/v1/localusers/4/', { auth: false, body: {} });
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('GET,PATCH,DELETE');
    const list = await api.call('DELETE', '/api/v1/localusers/', { auth: false });
    expect(list.status).toBe(405);
    expect(list.headers.get('allow')).toBe('GET,POST');
    const auth = await api.get('/api/v1/auth/', { auth: false });
    expect(auth.status).toBe(405);
    expect(auth.headers.get('allow')).toBe('POST');
  });

  test('OPTIONS answers the allowed methods', async ({ api }) => {
    const r = await api.call('OPTIONS', '/api/v1/usergroups/', { auth: false });
    expect(r.status).toBe(200);
    expect(r.headers.get('allow')).toBe('GET,POST');
  });

  test('trailing slash required (301), unknown paths 404, bad ids 404', async ({ api }) => {
    const r = await api.get('/api/v1/localusers?limit=1');
    expect(r.status).toBe(301);
    expect(r.headers.get('location')).toBe('/api/v1/localusers/?limit=1');
    expect((await api.get('/api/v1/nothing/')).status).toBe(404);
    expect((await api.get('/api/v2/localusers/')).status).toBe(404);
    expect((await api.get('/')).status).toBe(404);
    for (const id of ['abc', '-1', '4.0', '99999', '1e3', '%ZZ']) {
      const d = await api.get(`/api/v1/localusers/${id}/`);
      expect(d.status, id).toBe(404);
      expect(d.text).toBe('');
    }
    expect((await api.delete('/api/v1/localusers/abc/')).status).toBe(404);
    expect((await api.patch('/api/v1/localusers/abc/', { city: 'x' })).status).toBe(404);
  });
});

// Local users the emulator seeds (the guide's two, then the operator-set-up ones of
// emulator/fac/models/operator-states.ts), counted before each test adds its own.
const seededUsers = async (api: import('./helpers.ts').Client): Promise<number> => (await api.get('/api/v1/localusers/')).json<ListBody>().meta.total_count;

test.describe('list envelope and paging', () => {
  let seeded = 0;
  test.beforeEach(async ({ api }) => {
    seeded = await seededUsers(api);
    for (let i = 0; i < 45; i++) await api.createUser({ username: `pager${String(i).padStart(2, '0')}` });
  });

  test('default page: limit 20, next link, total_count', async ({ api }) => {
    const r = await api.get('/api/v1/localusers/');
    expect(r.status).toBe(200);
    const body = r.json<ListBody>();
    expect(Object.keys(body)).toEqual(['meta', 'objects']);
    expect(Object.keys(body.meta)).toEqual(['limit', 'next', 'offset', 'previous', 'total_count']);
    expect(body.meta).toMatchObject({ limit: 20, offset: 0, previous: null, total_count: 45 + seeded });
    expect(body.objects).toHaveLength(20);
    expect(body.meta.next?.startsWith('/api/v1/localusers/?')).toBe(true);
    expect(linkQuery(body.meta.next)).toEqual({ limit: ['20'], offset: ['20'] });
  });

  test('next/previous keep every other parameter', async ({ api }) => {
    const r = await api.get('/api/v1/localusers/?username__contains=pager&format=json&limit=10&offset=10&order_by=-username');
    const body = r.json<ListBody<{ username: string }>>();
    expect(body.meta).toMatchObject({ limit: 10, offset: 10, total_count: 45 });
    expect(body.objects[0]?.username).toBe('pager34');
    const common = { username__contains: ['pager'], format: ['json'], order_by: ['-username'], limit: ['10'] };
    expect(linkQuery(body.meta.next)).toEqual({ ...common, offset: ['20'] });
    expect(linkQuery(body.meta.previous)).toEqual({ ...common, offset: ['0'] });
    // following next reaches the last page
    let next: string | null = body.meta.next;
    let pages = 1;
    while (next) {
      const p = (await api.get(next)).json<ListBody>();
      next = p.meta.next;
      pages++;
    }
    expect(pages).toBe(4);
  });

  test('limit=0 and limit>1000 give 1000; offset past the end is empty', async ({ api }) => {
    for (const q of ['limit=0', 'limit=5000']) {
      const b = (await api.get(`/api/v1/localusers/?${q}`)).json<ListBody>();
      expect(b.meta.limit).toBe(1000);
      expect(b.objects).toHaveLength(45 + seeded);
      expect(b.meta.next).toBeNull();
    }
    const past = (await api.get('/api/v1/localusers/?offset=500')).json<ListBody>();
    expect(past.objects).toEqual([]);
    expect(past.meta).toMatchObject({ next: null, offset: 500, total_count: 45 + seeded });
  });

  test('bad limit / offset: 400 with tastypie messages', async ({ api }) => {
    const cases: Array<[string, string]> = [
      ['limit=abc', "Invalid limit 'abc' provided. Please provide a positive integer."],
      ['limit=-1', "Invalid limit '-1' provided. Please provide a positive integer >= 0."],
      ['limit=', "Invalid limit '' provided. Please provide a positive integer."],
      ['offset=x', "Invalid offset 'x' provided. Please provide an integer."],
      ['offset=-5', "Invalid offset '-5' provided. Please provide a positive integer >= 0."],
    ];
    for (const [q, message] of cases) {
      const r = await api.get(`/api/v1/localusers/?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.headers.get('content-type')).toBe('application/json');
      expect(r.json()).toEqual({ error: message });
    }
  });
});

test.describe('filters', () => {
  let seeded = 0;
  test.beforeEach(async ({ api }) => {
    seeded = await seededUsers(api);
    await api.createUser({ username: 'alice', first_name: 'Alice', email: 'alice@example.com', country: 'GB' });
    await api.createUser({ username: 'Alicia', first_name: 'alicia', email: 'ALICIA@example.org', active: false });
    await api.createUser({ username: 'bob', first_name: 'Bob', email: 'bob@example.com', country: 'FR' });
  });

  const names = (b: ListBody<{ username: string }>): string[] => b.objects.map((o) => o.username).sort();
  const q = async (api: import('./helpers.ts').Client, query: string): Promise<string[]> => {
    const r = await api.get(`/api/v1/localusers/?${query}`);
    expect(r.status, `${query}: ${r.text}`).toBe(200);
    return names(r.json());
  };

  test('lookups', async ({ api }) => {
    expect(await q(api, 'username=alice')).toEqual(['alice']);
    expect(await q(api, 'username__exact=Alice')).toEqual([]);
    expect(await q(api, 'username__iexact=ALICE')).toEqual(['alice']);
    expect(await q(api, 'username__contains=lic')).toEqual(['Alicia', 'alice']);
    expect(await q(api, 'first_name__icontains=ALI')).toEqual(['Alicia', 'alice']);
    expect(await q(api, 'username__in=alice&username__in=bob')).toEqual(['alice', 'bob']);
    expect(await q(api, 'username__in=alice,bob')).toEqual(['alice', 'bob']);
    expect(await q(api, 'email__iexact=alicia@EXAMPLE.org')).toEqual(['Alicia']);
    expect(await q(api, 'country=GB')).toEqual(['alice']);
    expect(await q(api, 'active=false')).toEqual(['Alicia']);
    expect(await q(api, 'active=true&username__contains=bo')).toEqual(['bob']);
    expect(await q(api, 'username=nobody')).toEqual([]);
  });

  test('unknown keys are ignored; non-filterable fields and lookups are 400', async ({ api }) => {
    expect((await q(api, 'bogus=1&format=json')).length).toBe(3 + seeded);
    const cases: Array<[string, string]> = [
      ['id=4', "The 'id' field does not allow filtering."],
      ['custom1=x', "The 'custom1' field does not allow filtering."],
      ['first_name__in=a', "'in' is not an allowed filter on the 'first_name' field."],
      ['token_serial__icontains=x', "'icontains' is not an allowed filter on the 'token_serial' field."],
      ['username__startswith=a', "'startswith' is not an allowed filter on the 'username' field."],
      ['username__foo=a', "The 'username' field does not support relations."],
      ['active=maybe', "'maybe' value must be either True or False."],
    ];
    for (const [query, message] of cases) {
      const r = await api.get(`/api/v1/localusers/?${query}`);
      expect(r.status, query).toBe(400);
      expect(r.json()).toEqual({ error: message });
    }
  });

  test('errors follow the requested format', async ({ api }) => {
    const r = await api.get('/api/v1/localusers/?id=4&format=xml');
    expect(r.status).toBe(400);
    expect(r.text).toBe("<?xml version='1.0' encoding='utf-8'?>\n<response><error>The 'id' field does not allow filtering.</error></response>");
  });
});

test.describe('ordering', () => {
  test.beforeEach(async ({ api }) => {
    for (const [u, c] of [['carol', 'Zurich'], ['alice', 'Berlin'], ['bob', 'Berlin']] as const) await api.createUser({ username: u, city: c });
  });

  test('order_by field, -field, repeated', async ({ api }) => {
    const get = async (query: string): Promise<string[]> =>
      (await api.get(`/api/v1/localusers/?username__in=alice,bob,carol&${query}`)).json<ListBody<{ username: string }>>().objects.map((o) => o.username);
    expect(await get('order_by=username')).toEqual(['alice', 'bob', 'carol']);
    expect(await get('order_by=-username')).toEqual(['carol', 'bob', 'alice']);
    expect(await get('order_by=city&order_by=-username')).toEqual(['bob', 'alice', 'carol']);
  });

  test('unknown and non-orderable fields: 400', async ({ api }) => {
    const cases: Array<[string, string]> = [
      ['order_by=bogus', "No matching 'bogus' field for ordering on."],
      ['order_by=-bogus', "No matching 'bogus' field for ordering on."],
      ['order_by=custom1', "The 'custom1' field does not allow ordering."],
      ['order_by=-user_groups', "The 'user_groups' field does not allow ordering."],
    ];
    for (const [query, message] of cases) {
      const r = await api.get(`/api/v1/localusers/?${query}`);
      expect(r.status, query).toBe(400);
      expect(r.json()).toEqual({ error: message });
    }
  });
});

test.describe('formats', () => {
  test('?format wins over Accept; unknown format or Accept → JSON; bad Accept → 400', async ({ api }) => {
    const xmlAccept = { headers: { accept: 'application/xml' } };
    expect((await api.get('/api/v1/usergroups/?format=json', xmlAccept)).headers.get('content-type')).toBe('application/json');
    expect((await api.get('/api/v1/usergroups/?format=xml', { headers: { accept: 'application/json' } })).headers.get('content-type')).toBe(
      'application/xml; charset=utf-8',
    );
    expect((await api.get('/api/v1/usergroups/?format=yaml')).headers.get('content-type')).toBe('application/json');
    expect((await api.get('/api/v1/usergroups/', { headers: { accept: 'text/html' } })).headers.get('content-type')).toBe('application/json');
    const browser = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
    expect((await api.get('/api/v1/usergroups/', { headers: { accept: browser } })).headers.get('content-type')).toBe(
      'application/xml; charset=utf-8',
    );
    const bad = await api.get('/api/v1/usergroups/', { headers: { accept: 'garbage' } });
    expect(bad.status).toBe(400);
    expect(bad.json()).toEqual({ error: 'Invalid Accept header' });
  });

  test('XML list matches the guide shape', async ({ api }) => {
    const r = await api.get('/api/v1/usergroups/?format=xml&limit=1');
    expect(r.text).toBe(
      "<?xml version='1.0' encoding='utf-8'?>\n<response><meta type=\"hash\"><limit type=\"integer\">1</limit>" +
        '<next>/api/v1/usergroups/?format=xml&amp;limit=1&amp;offset=1</next><offset type="integer">0</offset>' +
        '<previous type="null"/><total_count type="integer">3</total_count></meta><objects type="list"><object>' +
        '<id type="integer">5</id><name>REST_RADIUS</name><password_policy>/api/v1/passwordpolicies/1/</password_policy>' +
        '<resource_uri>/api/v1/usergroups/5/</resource_uri><users type="list"/></object></objects></response>',
    );
    const detail = await api.get('/api/v1/usergroups/3/?format=xml');
    expect(detail.text).toContain('<object><id type="integer">3</id><name>Test_Local</name>');
    expect(detail.text).toContain('<users type="list"><value>/api/v1/localusers/4/</value></users></object>');
  });
});

test.describe('request bodies', () => {
  test('invalid JSON, non-object JSON, XML bodies', async ({ api }) => {
    const bad = await api.call('POST', '/api/v1/usergroups/', { raw: '{"name": ', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect(bad.json()).toEqual({ error: 'Request is not valid JSON.' });
    const empty = await api.call('POST', '/api/v1/usergroups/', { raw: '' });
    expect(empty.json()).toEqual({ error: 'Request is not valid JSON.' });
    const list = await api.post('/api/v1/usergroups/', [1, 2]);
    expect(list.status).toBe(400);
    // no Content-Type (curl -d) is still read as JSON
    const plain = await api.call('POST', '/api/v1/usergroups/', { raw: '{"name": "NoCT"}', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(plain.status).toBe(201);
    const xml = await api.call('POST', '/api/v1/usergroups/', {
      raw: '<object><name>XmlGroup</name><users type="list"><value>/api/v1/localusers/5/</value></users></object>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(xml.status, xml.text).toBe(201);
    const g = (await api.get(xml.headers.get('location') ?? '')).json<{ name: string; users: string[] }>();
    expect(g).toMatchObject({ name: 'XmlGroup', users: ['/api/v1/localusers/5/'] });
    const badXml = await api.call('POST', '/api/v1/usergroups/', { raw: '<object><name>x</object>', headers: { 'content-type': 'application/xml' } });
    expect(badXml.status).toBe(400);
    const dtd = await api.call('POST', '/api/v1/usergroups/', {
      raw: '<!DOCTYPE x [<!ENTITY e "boom">]><object><name>&e;</name></object>',
      headers: { 'content-type': 'text/xml' },
    });
    expect(dtd.status).toBe(400);
  });

  test('huge bodies are refused and the server keeps serving', async ({ api }) => {
    const big = await api.call('POST', '/api/v1/usergroups/', { raw: `{"name": "${'x'.repeat(3_000_000)}"}` });
    expect(big.status).toBe(413);
    expect((await api.get('/api/v1/usergroups/')).status).toBe(200);
  });

  test('wrong types never crash', async ({ api }) => {
    const bodies: unknown[] = [
      { name: 5 }, { name: null }, { name: ['a'] }, { name: { a: 1 } }, { users: 'x', name: 'a1' }, { users: [1], name: 'a2' },
      { users: [null], name: 'a3' }, { users: ['/api/v1/usergroups/3/'], name: 'a4' }, { name: 'a5', password_policy: 7 },
    ];
    for (const b of bodies) {
      const r = await api.post('/api/v1/usergroups/', b);
      expect([201, 400]).toContain(r.status);
    }
    const users: unknown[] = [
      { username: 1, password: 'x' }, { username: 'u1', password: 12 }, { username: 'u2', password: 'p', active: 'yes' },
      { username: 'u3', password: 'p', reason: 'x' }, { username: 'u4', password: 'p', expires_at: 12 },
      { username: 'u5', password: 'p', token_auth: true, token_type: 'ftm', token_serial: {} }, { username: 'u6', password: ['p'] },
    ];
    for (const b of users) {
      const r = await api.post('/api/v1/localusers/', b);
      expect([201, 400], JSON.stringify(b)).toContain(r.status);
    }
    expect((await api.get('/api/v1/localusers/')).status).toBe(200);
  });
});
