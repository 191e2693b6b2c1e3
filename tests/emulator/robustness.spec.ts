// Bad input never crashes or hangs the emulator: random paths, queries, headers and bodies are
// answered with a status below 500 (property test, in-process, no sockets).
import { test, expect } from '@playwright/test';
import fc from 'fast-check';
import { createFacApp } from '../../emulator/fac/app.ts';

const app = createFacApp({ user: 'admin', key: 'k' });
const auth = `Basic ${Buffer.from('admin:k').toString('base64')}`;

const segment = fc.oneof(
  fc.constantFrom('localusers', 'usergroups', 'localgroup-memberships', 'auth', 'schema', '4', '3', '1', '0', 'abc', '', '%', '%2F', '..'),
  fc.string({ maxLength: 6 }),
);
const path = fc.array(segment, { maxLength: 4 }).chain((segs) =>
  fc.constantFrom('/', '').map((end) => `/api/v1/${segs.join('/')}${end}`),
);
const queryKey = fc.oneof(
  fc.constantFrom('limit', 'offset', 'format', 'order_by', 'username', 'username__in', 'name', 'active', 'group', 'user__in',
    'abridged', 'return_members', 'email__icontains', 'id', 'token_type', 'username__foo__bar', 'country__iexact'),
  fc.string({ maxLength: 8 }),
);
const query = fc.array(fc.tuple(queryKey, fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('-1', '0', '1000000', 'true', 'none', 'xml', '-username', ''))), { maxLength: 5 })
  .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));
const body = fc.oneof(
  fc.json(),
  fc.string({ maxLength: 40 }),
  fc.dictionary(
    fc.constantFrom('username', 'password', 'email', 'name', 'users', 'user', 'group', 'token_auth', 'token_type', 'token_serial',
      'expires_at', 'reason', 'active', 'country', 'mobile_number', 'ftk_only', 'password_policy', 'token_code', '__proto__'),
    fc.jsonValue({ maxDepth: 2 }),
  ).map((d) => JSON.stringify(d)),
  fc.constantFrom('<object><name>x</name></object>', '<request><object><users type="list"><value>/api/v1/localusers/4/</value></users></object></request>', '<a', '<object><n type="integer">x</n></object>'),
);

test('random requests never produce a 5xx', () => {
  fc.assert(
    fc.property(
      fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'BREW'),
      path,
      query,
      body,
      fc.constantFrom('application/json', 'application/xml', 'text/plain', undefined),
      fc.constantFrom(auth, undefined, 'Basic', 'Basic YWRtaW46aw', 'garbage'),
      fc.constantFrom(undefined, '*/*', 'application/xml', 'garbage', 'application/json;q=abc', 'a/b/c'),
      (method, p, q, b, ct, authorization, accept) => {
        const headers: Record<string, string> = {};
        if (ct) headers['content-type'] = ct;
        if (authorization) headers.authorization = authorization;
        if (accept) headers.accept = accept;
        const r = app.handle({ method, url: q ? `${p}?${q}` : p, headers, body: Buffer.from(b) });
        expect(r.status, `${method} ${p}?${q} ${b}`).toBeLessThan(500);
        if (r.status === 501) throw new Error(`501 for ${method} ${p}`);
      },
    ),
    { numRuns: 3000, seed: 20240601 },
  );
});
