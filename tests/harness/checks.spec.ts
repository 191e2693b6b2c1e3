/**
 * Unit tests of every registered check: on a real operation and case of the documents, each check is
 * handed a crafted answer it must pass and one it must fail (and, where it matters, a case it must not
 * apply to). Checks that ask a second question get a stub client that records what they sent. The
 * last test proves every check in checks/registry.ts has both a passing and a failing test here.
 */
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { CHECKS } from '../../checks/registry.ts';
import type { CheckContext, CheckResult, Outcome } from '../../lib/check.ts';
import { buildPskc } from '../../emulator/fac/models/tokens.ts';
import { resolveVariants } from '../../emulator/fac/variants.ts';
import { parseBody } from '../../engine/run-case.ts';
import type { ApiClient, ApiRequest, ApiResponse } from '../../lib/http.ts';
import { type ApiModel, type ConformanceCase, loadApiModel } from '../../lib/openapi.ts';
import { SchemaRegistry } from '../../lib/schemas.ts';
import type { TemplateScope } from '../../lib/template.ts';

let loaded: Promise<{ model: ApiModel; schemas: SchemaRegistry }> | undefined;
const services = () => (loaded ??= loadApiModel().then((model) => ({ model, schemas: new SchemaRegistry(model.schemaExtensions) })));

const BASE = 'http://fac.test';
type Answer = Partial<ApiResponse> & { json?: unknown };

/** Stands in for ApiClient (the checks use `baseUrl` and `send` only) and records every request. */
class StubClient {
  readonly baseUrl = BASE;
  readonly sent: ApiRequest[] = [];
  constructor(private readonly answer: (req: ApiRequest) => Answer = () => ({ status: 500 })) {}
  async send(req: ApiRequest): Promise<ApiResponse> {
    this.sent.push(req);
    return response(this.answer(req));
  }
}

function response({ json, ...rest }: Answer): ApiResponse {
  const headers = { ...(json !== undefined ? { 'content-type': 'application/json' } : {}), ...rest.headers };
  return { status: 200, elapsedMs: 1, ...rest, headers, text: json !== undefined ? JSON.stringify(json) : (rest.text ?? '') };
}

interface Setup {
  /** The case's own answer; status defaults to the case's expected one. */
  answer?: Answer;
  request?: Partial<ApiRequest>;
  kase?: Partial<ConformanceCase>;
  client?: StubClient;
  fixtures?: TemplateScope['fixtures'];
}

/** A CheckContext for operation `opId`'s case `caseId`, as engine/run-case.ts builds one. */
async function context(opId: string, caseId: string, setup: Setup = {}): Promise<CheckContext & { client: ApiClient }> {
  const { model, schemas } = await services();
  const op = model.operations.find((o) => o.operationId === opId);
  const documented = op?.cases.find((k) => k.id === caseId);
  if (!op || !documented) throw new Error(`no case ${opId}#${caseId} in the documents`);
  const kase: ConformanceCase = { ...documented, ...setup.kase };
  const res = response({ status: kase.expect.status, ...setup.answer });
  const request: ApiRequest = { method: op.method, path: op.path.replace(/\{[^}]+\}/g, '7'), query: kase.query, ...setup.request };
  let n = 0;
  const scope: TemplateScope = { unique: () => `u${++n}`, secret: 'pw', fixtures: setup.fixtures ?? {}, provided: {}, ref: async () => 0, steps: {} };
  const client = (setup.client ?? new StubClient()) as unknown as ApiClient;
  return { op, kase, request, response: res, body: parseBody(res), client, schemas, model, scope };
}

/** Which checks have a passing and a failing test in this file (filled as tests are declared). */
const covered = new Map<string, Set<'pass' | 'fail'>>();

function checkNamed(id: string) {
  const check = CHECKS.find((c) => c.id === id);
  if (!check) throw new Error(`no check "${id}" is registered`);
  return check;
}

async function judge(id: string, ctx: CheckContext): Promise<CheckResult> {
  const check = checkNamed(id);
  expect(check.applies(ctx), `${id} should apply to this case`).toBe(true);
  return check.run(ctx);
}

function passes(id: string, title: string, make: () => Promise<CheckContext>, after?: (ctx: CheckContext) => void): void {
  covered.set(id, (covered.get(id) ?? new Set()).add('pass'));
  test(`${id} passes: ${title}`, async () => {
    const ctx = await make();
    const result = await judge(id, ctx);
    expect(result, JSON.stringify(result)).toEqual({ outcome: 'pass' });
    after?.(ctx);
  });
}

/** `outcome`: what a violation yields (`warn` for the undocumented-fields check, by design). */
function fails(id: string, title: string, make: () => Promise<CheckContext>, want: Omit<Partial<CheckResult>, 'message'> & { message?: RegExp | string } = {}, outcome: Outcome = 'fail'): void {
  covered.set(id, (covered.get(id) ?? new Set()).add('fail'));
  test(`${id} fails: ${title}`, async () => {
    const result = await judge(id, await make());
    expect(result.outcome, JSON.stringify(result)).toBe(outcome);
    const { message, ...details } = want;
    if (message !== undefined) expect(result.message).toMatch(message);
    expect(result).toMatchObject(details);
  });
}

function doesNotApply(id: string, title: string, make: () => Promise<CheckContext>): void {
  test(`${id} does not apply: ${title}`, async () => {
    expect(checkNamed(id).applies(await make())).toBe(false);
  });
}

const user = { id: 7, username: 'alice', resource_uri: '/api/v1/localusers/7/' };
const list = (objects: unknown[], meta: Record<string, unknown> = {}) => ({ meta: { limit: 20, next: null, offset: 0, previous: null, total_count: objects.length, ...meta }, objects });

test.describe('answer checks', () => {
  passes('status', 'the documented status', () => context('localusers.list', 'list', { answer: { status: 200, json: list([]) } }));
  fails('status', 'another documented status', () => context('localusers.list', 'list', { answer: { status: 403 } }), { message: 'expected 200, received 403', expected: 200, actual: 403 });
  fails('status', 'a status the documents do not list says so', () => context('localusers.list', 'list', { answer: { status: 500 } }), { message: /not list for this operation/ });

  passes('content-type', 'a documented media type, with parameters', () => context('localusers.list', 'list', { answer: { json: list([]), headers: { 'content-type': 'application/json; charset=utf-8' } } }));
  fails('content-type', 'an undocumented media type', () => context('localusers.list', 'list', { answer: { text: '<p>hi</p>', headers: { 'content-type': 'text/html' } } }), { actual: 'text/html', expected: ['application/json', 'application/xml'] });
  fails('content-type', 'no Content-Type at all', () => context('localusers.list', 'list', { answer: { text: '{}' } }), { message: /\(none\)/ });
  doesNotApply('content-type', 'an answer documented without a body', () => context('localusers.delete', 'delete-fixture', { answer: { status: 204 } }));
  doesNotApply('content-type', 'an answer other than the expected one', () => context('localusers.list', 'list', { answer: { status: 400, json: {} } }));

  passes('empty-body', '204 without a body', () => context('localusers.delete', 'delete-fixture', { answer: { status: 204, text: '' } }));
  fails('empty-body', '204 with a body', () => context('localusers.delete', 'delete-fixture', { answer: { status: 204, text: '{"ok":1}' } }), { message: /received 8 bytes/, actual: '{"ok":1}' });
  doesNotApply('empty-body', 'a documented body', () => context('localusers.list', 'list', { answer: { json: list([]) } }));

  const licences = { total_ftm: 10, used_ftm: 3, available_ftm: 7 };
  const fsmRefusal = { error: 'BAD_REQUEST', message: 'bad client secret' };
  passes('body-schema', 'a body as documented', () => context('fortitokenmobilelicenses.get', 'available-is-total-minus-used', { answer: { json: licences } }));
  fails('body-schema', 'a wrong type', () => context('fortitokenmobilelicenses.get', 'available-is-total-minus-used', { answer: { json: { ...licences, used_ftm: 'three' } } }), { pointer: '/used_ftm', actual: 'three', message: /^at \/used_ftm: must be integer/ });
  fails('body-schema', 'a required field missing', () => context('fortitokenmobilelicenses.get', 'available-is-total-minus-used', { answer: { json: { total_ftm: 1, used_ftm: 0 } } }), { expected: { missingProperty: 'available_ftm' } });
  fails('body-schema', 'JSON that does not parse', () => context('fortitokenmobilelicenses.get', 'available-is-total-minus-used', { answer: { text: '{"total_ftm":', headers: { 'content-type': 'application/json' } } }), { message: /does not parse/ });
  passes('body-schema', 'JSON labelled text/plain, as documented (FortiSIEM)', () => context('token.request', 'wrong-secret', { answer: { status: 400, text: JSON.stringify(fsmRefusal), headers: { 'content-type': 'text/plain' } } }));
  fails('body-schema', 'text/plain documented as JSON that is not JSON', () => context('token.request', 'wrong-secret', { answer: { status: 400, text: '"error": "BAD_REQUEST" (not JSON)', headers: { 'content-type': 'text/plain' } } }), { message: /labelled as text but documented as JSON/ });
  fails('body-schema', 'text/plain JSON that breaks the inner schema', () => context('token.request', 'wrong-secret', { answer: { status: 400, text: JSON.stringify({ error: 7 }), headers: { 'content-type': 'text/plain' } } }));

  passes('write-only-absent', 'no write-only field in a list', () => context('localusers.list', 'list', { answer: { json: list([user]) } }));
  fails('write-only-absent', 'a password in a list row', () => context('localusers.list', 'list', { answer: { json: list([user, { ...user, password: 'hunter22' }]) } }), { pointer: '/objects/1/password' });
  fails('write-only-absent', 'a recovery answer in a detail answer', () => context('localusers.get', 'get-fixture', { answer: { json: { ...user, recovery_answer: 'blue' } } }), { pointer: '/recovery_answer' });
  doesNotApply('write-only-absent', 'a 400 that names the refused field', () => context('localusers.create', 'no-password-no-email', { answer: { status: 400, json: { password: ['required'] } } }));
});

test.describe('body-values', () => {
  const abridged = (row: Record<string, unknown>, total = 1) =>
    context('localusers.list', 'abridged-with-username', {
      answer: { json: list([row], { total_count: total }) },
      // As run-case.ts renders the expected values: the fixture's username filled in.
      kase: { expect: { status: 200, json: { '/meta/total_count': 1, '/objects/0/username': 'alice' }, absent: ['/objects/0/expires_at', '/objects/0/reason'] } },
    });
  passes('body-values', 'the documented values, abridged fields absent', () => abridged({ id: 7, username: 'alice' }));
  fails('body-values', 'another value at a pointer', () => abridged({ id: 7, username: 'bob' }), { pointer: '/objects/0/username', expected: 'alice', actual: 'bob' });
  fails('body-values', 'a count off by one', () => abridged({ username: 'alice' }, 2), { pointer: '/meta/total_count', actual: 2 });
  fails('body-values', 'a field the query leaves out is present', () => abridged({ username: 'alice', reason: 0 }), { pointer: '/objects/0/reason', actual: 0 });
  fails('body-values', 'no JSON body', () => context('localusers.list', 'abridged-with-username', { answer: { status: 200, text: '' } }), { message: /expected a JSON body, received empty/ });
  const sums = (json: unknown) => context('fortitokenmobilelicenses.get', 'available-is-total-minus-used', { answer: { json } });
  passes('body-values', 'available = total − used', () => sums({ total_ftm: 10, used_ftm: 3, available_ftm: 7 }));
  fails('body-values', 'available ≠ total − used', () => sums({ total_ftm: 10, used_ftm: 3, available_ftm: 10 }), { pointer: '/available_ftm', message: /= 7, received 10/ });
  fails('body-values', 'a term that is not a number', () => sums({ total_ftm: 10, used_ftm: '3', available_ftm: 7 }), { pointer: '/used_ftm' });
  const differs = (json: unknown) => context('fortitokenmobilelicenses.get', 'get', { answer: { json }, kase: { expect: { status: 200, differs: { '/total_ftm': [0, null] } } } });
  passes('body-values', 'a value other than the listed ones', () => differs({ total_ftm: 10 }));
  fails('body-values', 'one of the listed values', () => differs({ total_ftm: 0 }), { pointer: '/total_ftm', actual: 0 });
  fails('body-values', 'no value where another one is expected', () => differs({}), { pointer: '/total_ftm', message: /received none/ });
  const typed = (json: unknown) => context('fortitokenmobilelicenses.get', 'get', { answer: { json }, kase: { expect: { status: 200, types: { '/total_ftm': 'integer', '/label': 'string' } } } });
  passes('body-values', 'values of the documented JSON types', () => typed({ total_ftm: 10, label: 'x' }));
  fails('body-values', 'a number where a string is documented', () => typed({ total_ftm: 10, label: 1 }), { pointer: '/label', actual: 1 });
  const cookie = (headers: Record<string, string>) => context('auth.validate', 'session-cookie-on-success', { answer: { status: 200, headers } });
  passes('header-values', 'the sessionid cookie, httponly, Path=/', () => cookie({ 'set-cookie': 'sessionid=0123abcd; httponly; Path=/' }));
  fails('header-values', 'no Set-Cookie at all', () => cookie({}), { message: /no set-cookie header/ });
  fails('header-values', 'a cookie without httponly, its value kept out of the report', () => cookie({ 'set-cookie': 'sessionid=0123abcd; Path=/' }), { actual: 'sessionid=…; Path=/' });
  doesNotApply('header-values', 'a case without expected headers', () => context('localusers.list', 'list', { answer: { json: list([]) } }));
  doesNotApply('body-values', 'a case without expected values', () => context('localusers.list', 'list', { answer: { json: list([]) } }));

  passes('undocumented-fields', 'only documented fields', () => sums({ total_ftm: 10, used_ftm: 3, available_ftm: 7 }));
  fails('undocumented-fields', 'an extra field is a warning', () => sums({ total_ftm: 10, used_ftm: 3, available_ftm: 7, trial_ftm: 2 }), { message: /trial_ftm/, actual: ['/trial_ftm'] }, 'warn');
});

test.describe('follow-up checks', () => {
  const created = (location: string | undefined, answer: (req: ApiRequest) => Answer) => {
    const client = new StubClient(answer);
    return context('localusers.create', 'create-minimal', {
      answer: { status: 201, headers: location === undefined ? {} : { location } },
      request: { body: { username: 'alice', password: 'pw-secret' } },
      client,
    });
  };
  const sentBy = (ctx: CheckContext) => (ctx.client as unknown as StubClient).sent;
  passes('location-header', 'an absolute Location that reads back', () => created(`${BASE}/api/v1/localusers/12/`, () => ({ json: user })), (ctx) => {
    expect(sentBy(ctx)).toEqual([{ method: 'GET', path: '/api/v1/localusers/12/' }]);
  });
  fails('location-header', 'no Location', () => created(undefined, () => ({ json: user })), { message: '201 without a Location header' });
  fails('location-header', 'a Location in another collection', () => created('/api/v1/usergroups/3/', () => ({ json: user })), { actual: '/api/v1/usergroups/3/' });
  fails('location-header', 'a Location naming the collection itself', () => created('/api/v1/localusers/', () => ({ json: list([]) })), { message: /does not name an object/ });
  fails('location-header', 'a Location that answers 404', () => created('/api/v1/localusers/12/', () => ({ status: 404 })), { actual: 404, request: { method: 'GET', path: '/api/v1/localusers/12/' } });
  doesNotApply('location-header', 'a refused create', () => context('localusers.create', 'no-password-no-email', { answer: { status: 400, json: {} } }));

  // The password is write-only: never read back, so never compared.
  passes('write-reflected', 'a create reads back (write-only fields aside)', () => created('/api/v1/localusers/12/', () => ({ json: user })));
  fails('write-reflected', 'a created field reads back differently', () => created('/api/v1/localusers/12/', () => ({ json: { ...user, username: 'ALICE' } })), { pointer: '/username', expected: 'alice', actual: 'ALICE' });
  const patched = (read: Answer) =>
    context('localusers.patch', 'patch-fields', { request: { body: { custom1: 'example', country: 'GB' } }, answer: { status: 202 }, client: new StubClient(() => read) });
  passes('write-reflected', 'a PATCH reads back', () => patched({ json: { ...user, custom1: 'example', country: 'GB' } }), (ctx) => {
    expect(sentBy(ctx)).toEqual([{ method: 'GET', path: '/api/v1/localusers/7/' }]);
  });
  fails('write-reflected', 'a PATCH that did not take', () => patched({ json: { ...user, custom1: 'example', country: '' } }), { pointer: '/country', expected: 'GB', actual: '' });
  fails('write-reflected', 'the object cannot be read after the write', () => patched({ status: 404 }), { expected: 200, actual: 404 });
  // Resource URIs compare by path and lists as sets: an absolute URI in another order is the same list.
  const members = (read: string[]) =>
    context('usergroups.patch', 'patch-replace-members', {
      request: { body: { users: ['/api/v1/localusers/1/', '/api/v1/localusers/2/'] } },
      answer: { status: 202 },
      client: new StubClient(() => ({ json: { id: 7, users: read } })),
    });
  passes('write-reflected', 'member URIs read back absolute and reordered', () => members([`${BASE}/api/v1/localusers/2/`, `${BASE}/api/v1/localusers/1/`]));
  fails('write-reflected', 'a member missing after the PATCH', () => members(['/api/v1/localusers/1/']), { pointer: '/users' });
  fails('write-reflected', 'a member added besides those sent', () => members(['/api/v1/localusers/1/', '/api/v1/localusers/2/', '/api/v1/localusers/3/']), { pointer: '/users' });

  const deleted = (read: Answer) => context('localusers.delete', 'delete-fixture', { answer: { status: 204 }, client: new StubClient(() => read) });
  passes('deleted-gone', 'the deleted object answers 404', () => deleted({ status: 404 }), (ctx) => expect(sentBy(ctx)).toEqual([{ method: 'GET', path: '/api/v1/localusers/7/' }]));
  fails('deleted-gone', 'the deleted object still answers 200', () => deleted({ json: user }), { expected: 404, actual: 200 });
  doesNotApply('deleted-gone', 'a DELETE of a whole collection', () => context('localusers.radiusattributes.deleteall', 'delete-all', { answer: { status: 204 } }));

  const paged = (page: unknown) => context('localusers.list', 'list', { answer: { json: list([user, user]) }, client: new StubClient(() => ({ json: page })) });
  const next = '/api/v1/localusers/?limit=1&offset=1';
  passes('list-limit', 'limit=1 answers one object and a next link', () => paged(list([user], { limit: 1, next, total_count: 3 })), (ctx) => {
    expect(sentBy(ctx)).toHaveLength(1);
    expect(sentBy(ctx)[0]).toMatchObject({ method: 'GET', path: '/api/v1/localusers/', query: { limit: 1 } });
  });
  fails('list-limit', 'limit=1 answers two objects', () => paged(list([user, user], { limit: 1, next, total_count: 3 })), { pointer: '/objects', actual: 2 });
  fails('list-limit', 'meta.limit ignores the limit', () => paged(list([user], { limit: 20, next, total_count: 3 })), { pointer: '/meta/limit', actual: 20 });
  fails('list-limit', 'no next link on the first of several pages', () => paged(list([user], { limit: 1, next: null, total_count: 3 })), { pointer: '/meta/next' });
  fails('list-limit', 'no list envelope', () => paged({ objects: [user] }), { message: /without a list envelope/ });
  test('list-limit skips when too few objects to see paging', async () => {
    const result = await judge('list-limit', await paged(list([user], { limit: 1, total_count: 1 })));
    expect(result).toMatchObject({ outcome: 'skip', message: /needs at least 2/ });
  });
  doesNotApply('list-limit', 'a case that pages itself', () => context('localusers.list', 'limit-one', { answer: { json: list([user], { limit: 1 }) } }));
});

test.describe('follow-up-steps', () => {
  // usergroups.delete#delete-gone: the list filtered by name is empty, then the detail answers 404.
  const flow = (answer: (req: ApiRequest) => Answer) =>
    context('usergroups.delete', 'delete-gone', { answer: { status: 204 }, fixtures: { g: { id: 5, name: 'grp-a' } }, client: new StubClient(answer) });
  const faithful = (req: ApiRequest): Answer => (req.path === '/api/v1/usergroups/' ? { json: list([]) } : { status: 404 });
  passes('follow-up-steps', 'every step answers as documented', () => flow(faithful), (ctx) => {
    const sent = (ctx.client as unknown as StubClient).sent;
    expect(sent.map((r) => [r.method, r.path, r.query])).toEqual([
      ['GET', '/api/v1/usergroups/', { format: 'json', name: 'grp-a' }],
      ['GET', '/api/v1/usergroups/5/', undefined],
    ]);
  });
  fails('follow-up-steps', 'the deleted group is still listed', () => flow((req) => (req.path === '/api/v1/usergroups/' ? { json: list([{ id: 5, name: 'grp-a' }]) } : { status: 404 })), {
    message: /^step 1 \(GET \/api\/v1\/usergroups\/\): at \/meta\/total_count: expected 0, received 1/,
    pointer: '/meta/total_count',
  });
  fails('follow-up-steps', 'the deleted group still answers', () => flow((req) => (req.path === '/api/v1/usergroups/' ? { json: list([]) } : { json: { id: 5 } })), { message: /^step 2 .*answered 200/, expected: 404, actual: 200 });
  fails('follow-up-steps', 'a step that cannot be made (its fixture is missing)', () => context('usergroups.delete', 'delete-gone', { answer: { status: 204 }, client: new StubClient(faithful) }), { message: /^step 1 cannot be made/ });
  doesNotApply('follow-up-steps', 'the case itself did not answer as documented', () => context('usergroups.delete', 'delete-gone', { answer: { status: 404 } }));
});

test.describe('pskc-seed-decrypts', () => {
  const passphrase = 'correct horse battery';
  const seed = (variants: string[] = [], with_ = passphrase) =>
    buildPskc({ serial: 'FTKMOB0000000001', secret: randomBytes(20), passphrase: with_, tokenSize: 6, algorithm: 'totp', timeStep: 30 }, resolveVariants(variants));
  const answered = (body: unknown) =>
    context('localusers.create', 'create-ftm-returnseed', {
      answer: { status: 201, json: body },
      // As run-case.ts renders it: the provided passphrase filled in.
      kase: { expect: { status: 201, pskc: { passphrase } } },
    });
  passes('pskc-seed-decrypts', 'a seed built as RFC 6030 says, with the passphrase', () => answered({ activation_code: 'ABCD', seed: seed() }));
  fails('pskc-seed-decrypts', 'a plaintext seed (emulator variant returnseed-plaintext)', () => answered({ seed: seed(['returnseed-plaintext']) }), { pointer: '/seed', message: /not derived with PBKDF2/ });
  fails('pskc-seed-decrypts', 'a seed encrypted with another passphrase', () => answered({ seed: seed([], 'another passphrase') }), { message: /does not (decrypt|verify)/ });
  fails('pskc-seed-decrypts', 'a seed whose ValueMAC was tampered with', () => answered({ seed: seed().replace(/<pskc:ValueMAC>(.)/, (_m, c: string) => `<pskc:ValueMAC>${c === 'A' ? 'B' : 'A'}`) }), { message: /ValueMAC does not verify/ });
  fails('pskc-seed-decrypts', 'no seed in the answer', () => answered({ activation_code: 'ABCD' }), { message: 'no PSKC seed string at /seed', actual: 'undefined' });
  fails('pskc-seed-decrypts', 'a string that only looks like XML', () => answered({ seed: '<KeyContainer/>' }), { message: /no PSKC KeyContainer|not well-formed/ });
  doesNotApply('pskc-seed-decrypts', 'a create without returnseed', () => context('localusers.create', 'create-minimal', { answer: { status: 201 } }));
});

test('every registered check has a passing and a failing test here', () => {
  const registered = CHECKS.map((c) => c.id).sort();
  expect([...covered.keys()].sort()).toEqual(registered);
  for (const id of registered) expect([...(covered.get(id) ?? [])].sort(), id).toEqual(['fail', 'pass']);
});
