/**
 * Checks that ask the target a second question to see whether the first answer meant what the
 * documents say: the created object is where `Location` points, a write is reflected by a read,
 * a deleted object is gone, `limit` limits.
 */
import { createdObjects, parseLocation } from '../engine/objects.ts';
import { parseJson, type ApiRequest } from '../lib/http.ts';
import { READ_ONLY_SENTINEL } from '../lib/negative-rules.ts';
import { collectionPathOf, isListOperation } from '../lib/openapi.ts';
import { answeredAsExpected, writeOnlyNames } from './response.ts';
import { type Check, type CheckContext, fail, pass, skip } from '../lib/check.ts';

const SUPPORTED_METHODS = '002 · The FortiAuthenticator API · Supported API methods';

const succeeded = (ctx: CheckContext, method: string, status: number) =>
  ctx.op.method === method && ctx.kase.expect.status === status && answeredAsExpected(ctx);

/** The resource path the case's request addressed (its path without the query). */
const requestedPath = (ctx: CheckContext) => ctx.request.path;

export const locationCheck: Check = {
  id: 'location-header',
  title: '201 Created carries a Location that names the new object, and it can be read',
  source: (ctx) => `${ctx.op.source} (201 + Location: ${SUPPORTED_METHODS})`,
  applies: (ctx) => succeeded(ctx, 'POST', 201),
  async run(ctx) {
    const header = ctx.response.headers.location;
    if (!header) return fail('201 without a Location header', { expected: `${ctx.op.path}<id>/`, actual: null });
    const location = parseLocation(header, ctx.client.baseUrl);
    // The collection as requested (a nested one has its parent's id filled in).
    const collection = ctx.request.path;
    if (!location || !location.uri.startsWith(collection) || !/^[^/]+\/$/.test(location.uri.slice(collection.length))) {
      return fail(`Location ${header} does not name an object of ${collection}`, { expected: `${collection}<id>/`, actual: header });
    }
    const read: ApiRequest = { method: 'GET', path: location.uri };
    const response = await ctx.client.send(read);
    return response.status === 200
      ? pass()
      : fail(`GET of the Location ${location.uri} answered ${response.status}`, { expected: 200, actual: response.status, request: read });
  },
};

/** Compares a sent value with a read one; resource URIs compare by path, lists as sets. */
function sameValue(sent: unknown, read: unknown): boolean {
  const norm = (v: unknown): unknown => (typeof v === 'string' && /^https?:\/\//.test(v) ? new URL(v).pathname : v);
  if (Array.isArray(sent)) {
    if (!Array.isArray(read)) return false;
    const a = sent.map((v) => JSON.stringify(norm(v))).sort();
    const b = read.map((v) => JSON.stringify(norm(v))).sort();
    return a.length === b.length && a.every((v, i) => v === b[i]);
  }
  return JSON.stringify(norm(sent)) === JSON.stringify(norm(read));
}

export const writeReflectedCheck: Check = {
  id: 'write-reflected',
  title: 'A successful write is what a following read returns (PATCH/PUT replace the fields sent, not add to them)',
  source: (ctx) => ctx.kase.source,
  // POST creates one object; PATCH/PUT on a detail URL change one. A PUT on a list URL replaces
  // the whole collection and is read back by its own cases, not field by field.
  applies: (ctx) =>
    (succeeded(ctx, 'POST', 201) || succeeded(ctx, 'POST', 207) || ((succeeded(ctx, 'PATCH', 202) || succeeded(ctx, 'PUT', 204)) && /\{[^}]+\}\/$/.test(ctx.op.path))) &&
    typeof ctx.request.body === 'object' &&
    ctx.request.body !== null &&
    !Array.isArray(ctx.request.body),
  async run(ctx) {
    // A create names its object by Location (201) or in its 207 list (facts · FAC 8.0.x).
    const where = ctx.op.method === 'POST' ? createdObjects(ctx.response, ctx.request.path, ctx.client.baseUrl)[0]?.uri : requestedPath(ctx);
    if (!where) return skip('no Location (or 207 item) to read the created object from');
    const read: ApiRequest = { method: 'GET', path: where };
    const response = await ctx.client.send(read);
    const object = parseJson(response.text);
    if (response.status !== 200 || typeof object !== 'object' || object === null) {
      return fail(`GET ${where} after the write answered ${response.status}`, { expected: 200, actual: response.status, request: read });
    }
    // Write-only fields never read back; a case may name fields the target documents as transformed
    // (`x-transformed`, e.g. a status sent as "revoked" and shown as "Revoked").
    const skipFields = new Set([...writeOnlyNames(ctx.op.requestSchema), ...ctx.kase.transformed]);
    // A derived read-only case (issue 12) sends a value the write must ignore: it must not read back.
    const ignored = ctx.kase.derived?.category === 'read-only' ? ctx.kase.derived.field : undefined;
    const marked = (v: unknown) => v === READ_ONLY_SENTINEL || (Array.isArray(v) && v.includes(READ_ONLY_SENTINEL));
    for (const [field, sent] of Object.entries(ctx.request.body as Record<string, unknown>)) {
      if (field === ignored) {
        const got = (object as Record<string, unknown>)[field];
        if (marked(sent) && sameValue(sent, got)) return fail(`${field} is read-only, yet the ${ctx.op.method} stored the value sent`, { pointer: `/${field}`, expected: 'the value before the write', actual: got, request: read });
        continue;
      }
      if (skipFields.has(field)) continue;
      const got = (object as Record<string, unknown>)[field];
      if (!sameValue(sent, got)) {
        return fail(`after ${ctx.op.method}, ${field} reads back differently`, { pointer: `/${field}`, expected: sent, actual: got, request: read });
      }
    }
    return pass();
  },
};

export const deletedGoneCheck: Check = {
  id: 'deleted-gone',
  title: 'After 204 on DELETE the object answers 404',
  source: (ctx) => ctx.kase.source,
  applies: (ctx) => succeeded(ctx, 'DELETE', 204) && ctx.op.path !== collectionPathOf(ctx.op.path),
  async run(ctx) {
    const read: ApiRequest = { method: 'GET', path: requestedPath(ctx) };
    const response = await ctx.client.send(read);
    return response.status === 404
      ? pass()
      : fail(`GET ${read.path} after DELETE answered ${response.status}`, { expected: 404, actual: response.status, request: read });
  },
};

interface ListPage {
  meta?: { limit?: unknown; next?: unknown; total_count?: unknown };
  objects?: unknown[];
}

export const listLimitCheck: Check = {
  id: 'list-limit',
  title: '`limit` bounds the page and `next` points past it',
  source: '002 · The FortiAuthenticator API · View pages for large lists',
  // On the plain JSON list of each case: a case that pages or asks for XML already says what it tests.
  applies: (ctx) =>
    isListOperation(ctx.op) &&
    succeeded(ctx, 'GET', 200) &&
    ctx.body.kind === 'json' &&
    ctx.kase.auth === 'admin' &&
    ctx.kase.query.limit === undefined &&
    ctx.kase.query.offset === undefined,
  async run(ctx) {
    const read: ApiRequest = { ...ctx.request, query: { ...ctx.request.query, limit: 1 } };
    const response = await ctx.client.send(read);
    const page = parseJson(response.text) as ListPage | undefined;
    if (response.status !== 200 || !page?.meta || !Array.isArray(page.objects)) {
      return fail(`GET with limit=1 answered ${response.status} without a list envelope`, { request: read, actual: response.status });
    }
    const total = Number(page.meta.total_count);
    if (page.meta.limit !== 1) return fail('meta.limit does not echo limit=1', { pointer: '/meta/limit', expected: 1, actual: page.meta.limit, request: read });
    if (page.objects.length > 1) return fail(`limit=1 returned ${page.objects.length} objects`, { pointer: '/objects', expected: 1, actual: page.objects.length, request: read });
    if (!(total >= 2)) return skip(`needs at least 2 matching objects to see paging; total_count is ${page.meta.total_count}`);
    if (page.objects.length !== 1) return fail(`limit=1 of ${total} returned ${page.objects.length} objects`, { expected: 1, actual: page.objects.length, request: read });
    if (typeof page.meta.next !== 'string') return fail('first page of several has no next link', { pointer: '/meta/next', actual: page.meta.next, request: read });
    return pass();
  },
};
