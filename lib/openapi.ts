/**
 * Loads the hand-written OpenAPI documents and turns them into the model the suite generates its
 * tests from: operations, their documented responses, and their `x-cases` (see
 * `openapi/CONVENTIONS.md`). Nothing here knows a resource by name.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OpenAPIV3_1 } from 'openapi-types';
import type { AuthMode, QueryValue } from './http.ts';
import type { JsonSchema, JsonType, FixtureSpec, CaseStep, CaseExpect, ConformanceCase, ExpectedAnswer, MediaSpec, ResponseSpec, Operation, RunFixture, ApiModel, InvalidInput, QueryParameter } from './api-model.ts';
import { invalidInputOf, negativeCases } from './negative-cases.ts';
import { isVersionRange } from './versions.ts';

export const OPENAPI_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'openapi');

function validRegExp(source: string): boolean {
  try {
    new RegExp(source, 'i');
    return true;
  } catch {
    return false;
  }
}

const JSON_TYPES: readonly JsonType[] = ['string', 'number', 'integer', 'boolean', 'array', 'object', 'null'];

export type { JsonSchema, FixtureSpec, CaseStep, ConformanceCase, MediaSpec, ResponseSpec, Operation, RunFixture, ApiModel } from './api-model.ts';

const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'] as const;

/** The top-level documents in `openapi/`, one per product; their parts live in `openapi/<product>/`. */
export function documentFiles(dir = OPENAPI_DIR): string[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function collectExtensions(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectExtensions(item, into);
    return;
  }
  for (const [key, child] of Object.entries(asRecord(value))) {
    if (key.startsWith('x-')) into.add(key);
    collectExtensions(child, into);
  }
}

/** One answer of `expect` (the case's, or a release's in `byVersion`): every field validated. */
function parseExpect(raw: unknown, where: string): ExpectedAnswer {
  const e = asRecord(raw);
  const status = e.status;
  if (typeof status !== 'number') throw new Error(`${where}: "expect.status" must be a number`);
  const pskc = e.pskc;
  if (pskc !== undefined && typeof asRecord(pskc).passphrase !== 'string') throw new Error(`${where}: "expect.pskc" needs a "passphrase"`);
  const sums = e.sums;
  // expect.contains: pointer → objects each array element must be found among (by the fields given).
  const contains = e.contains;
  if (contains !== undefined && !(contains === asRecord(contains) && Object.entries(asRecord(contains)).every(([at, items]) => at.startsWith('/') && Array.isArray(items) && items.length > 0 && items.every((i) => i === asRecord(i))))) {
    throw new Error(`${where}: "expect.contains" maps a JSON pointer to a list of objects`);
  }
  // expect.differs: pointer → values the answer must not hold there (it must hold one, though).
  const differs = e.differs;
  if (differs !== undefined && !(differs === asRecord(differs) && Object.entries(asRecord(differs)).every(([at, values]) => at.startsWith('/') && Array.isArray(values) && values.length > 0))) {
    throw new Error(`${where}: "expect.differs" maps a JSON pointer to a list of values`);
  }
  // expect.types: pointer → the JSON type the value there must have.
  const types = e.types;
  if (types !== undefined && !(types === asRecord(types) && Object.entries(asRecord(types)).every(([at, t]) => at.startsWith('/') && JSON_TYPES.includes(t as JsonType)))) {
    throw new Error(`${where}: "expect.types" maps a JSON pointer to one of ${JSON_TYPES.join(', ')}`);
  }
  // expect.headers: header name → a regular expression its value must match.
  const headers = e.headers;
  if (headers !== undefined && !(headers === asRecord(headers) && Object.values(asRecord(headers)).every((re) => typeof re === 'string' && validRegExp(re)))) {
    throw new Error(`${where}: "expect.headers" maps a header name to a regular expression`);
  }
  const isTerm = (t: unknown) => typeof t === 'string' && /^-?\//.test(t);
  const sumsValid = (value: unknown) => value === asRecord(value) && Object.entries(asRecord(value)).every(([at, terms]) => at.startsWith('/') && Array.isArray(terms) && terms.length > 0 && terms.every(isTerm));
  if (sums !== undefined && !sumsValid(sums)) {
    throw new Error(`${where}: "expect.sums" maps a JSON pointer to a list of pointers ("-/x" subtracts)`);
  }
  return {
    status,
    ...(typeof e.json === 'object' ? { json: asRecord(e.json) } : {}),
    ...(Array.isArray(e.absent) ? { absent: (e.absent as unknown[]).map(String) } : {}),
    ...(sums === undefined ? {} : { sums: asRecord(sums) as Record<string, string[]> }),
    ...(contains === undefined ? {} : { contains: contains as Record<string, Record<string, unknown>[]> }),
    ...(differs === undefined ? {} : { differs: differs as Record<string, unknown[]> }),
    ...(types === undefined ? {} : { types: types as Record<string, JsonType> }),
    ...(headers === undefined ? {} : { headers: Object.fromEntries(Object.entries(asRecord(headers)).map(([k, v]) => [k.toLowerCase(), String(v)])) }),
    ...(pskc === undefined ? {} : { pskc: asRecord(pskc) as { passphrase: string; at?: string } }),
  };
}

/**
 * A case's `expect`, with `byVersion: { ">=8.0": { status: 207, x-source: "facts · …" } }`: the
 * answer of other releases to the same request (openapi/CONVENTIONS.md, "Version ranges"). Each
 * reading is a whole answer told apart by its status, so an answer identifies its reading where
 * the release is unknown (lib/versions.ts).
 */
function parseCaseExpect(raw: unknown, where: string): CaseExpect {
  const { byVersion, ...own } = asRecord(raw);
  const expect: CaseExpect = parseExpect(own, where);
  if (byVersion === undefined) return expect;
  if (byVersion !== asRecord(byVersion) || Object.keys(asRecord(byVersion)).length === 0) throw new Error(`${where}: "expect.byVersion" maps a version range to an answer`);
  const seen = new Set(expect.statusIn ?? [expect.status]);
  expect.byVersion = Object.entries(asRecord(byVersion)).map(([versions, answer]) => {
    if (!isVersionRange(versions)) throw new Error(`${where}: "expect.byVersion" key "${versions}" is not a range like ">=8.0"`);
    const { 'x-source': source, ...fields } = asRecord(answer);
    const reading = parseExpect(fields, `${where} byVersion "${versions}"`);
    const statuses = reading.statusIn ?? [reading.status];
    if (statuses.some((s) => seen.has(s))) throw new Error(`${where}: "expect.byVersion" "${versions}" expects a status another answer of the case expects: an answer must tell its reading`);
    statuses.forEach((s) => seen.add(s));
    return { versions, ...(typeof source === 'string' ? { source } : {}), expect: reading };
  });
  return expect;
}

function parseCase(raw: unknown, operationSource: string, where: string): ConformanceCase {
  const c = asRecord(raw);
  const id = c.id;
  if (typeof id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(id)) throw new Error(`${where}: x-cases entry needs a kebab-case "id"`);
  if (c['x-versions'] !== undefined && !isVersionRange(c['x-versions'])) throw new Error(`${where} case ${id}: "x-versions" must be a range like ">=6.3 <8.0"`);
  const auth = parseAuth(c.auth ?? 'admin', `${where} case ${id}`);
  const fixtures: Record<string, FixtureSpec> = {};
  for (const [name, spec] of Object.entries(asRecord(c.fixtures))) {
    const f = asRecord(spec);
    if (typeof f.create === 'string') fixtures[name] = { create: f.create, body: f.body ?? {} };
    else if (typeof asRecord(f.call).path === 'string' && typeof asRecord(f.call).method === 'string') {
      const call = asRecord(f.call) as { method: string; path: string };
      fixtures[name] = { call, expect: typeof f.expect === 'number' ? f.expect : 200, teardown: f.teardown === undefined ? undefined : asRecord(f.teardown) };
    } else throw new Error(`${where} case ${id}: fixture ${name} needs "create" or "call" with method and path`);
  }
  if (c.steps !== undefined && !Array.isArray(c.steps)) throw new Error(`${where} case ${id}: "steps" must be a list`);
  const steps = ((c.steps ?? []) as unknown[]).map((s, i) => parseStep(s, `${where} case ${id} step ${i + 1}`));
  const bodies = ['body', 'form', 'multipart', 'rawBody'].filter((k) => c[k] !== undefined);
  if (bodies.length > 1) throw new Error(`${where} case ${id}: give one of ${bodies.join(', ')}`);
  return {
    id,
    summary: typeof c.summary === 'string' ? c.summary : id,
    source: typeof c['x-source'] === 'string' ? c['x-source'] : operationSource,
    ...(c.scenario === undefined ? {} : { scenario: String(c.scenario) }),
    fixtures,
    path: asRecord(c.path),
    query: asRecord(c.query) as Record<string, QueryValue>,
    headers: asRecord(c.headers) as Record<string, string>,
    body: c.body,
    form: c.form === undefined ? undefined : asRecord(c.form),
    multipart: c.multipart === undefined ? undefined : asRecord(c.multipart),
    rawBody: typeof c.rawBody === 'string' ? c.rawBody : undefined,
    auth,
    restore: c.restore === true,
    requires: Array.isArray(c['x-requires']) ? c['x-requires'].map(String) : [],
    ...(typeof c['x-versions'] === 'string' ? { versions: c['x-versions'] } : {}),
    transformed: Array.isArray(c['x-transformed']) ? c['x-transformed'].map(String) : [],
    generated: false,
    steps,
    expect: parseCaseExpect(c.expect, `${where} case ${id}`),
  };
}

function parseStep(raw: unknown, where: string): CaseStep {
  const s = asRecord(raw);
  const call = asRecord(s.call);
  const expect = asRecord(s.expect);
  if (typeof call.method !== 'string' || typeof call.path !== 'string') throw new Error(`${where}: needs "call" with method and path`);
  if (typeof expect.status !== 'number') throw new Error(`${where}: "expect.status" must be a number`);
  // A poll may wait out the shortest lockout period (60 s at 2 polls a second): up to 200 polls.
  const count = (key: 'repeat' | 'poll', max: number) => {
    const n = s[key];
    if (n !== undefined && !(Number.isInteger(n) && (n as number) >= 1 && (n as number) <= max)) throw new Error(`${where}: "${key}" must be an integer 1-${max}`);
    return n as number | undefined;
  };
  const [repeat, poll] = [count('repeat', 100), count('poll', 200)];
  if (repeat !== undefined && poll !== undefined) throw new Error(`${where}: give "repeat" or "poll", not both`);
  return {
    ...(typeof s.name === 'string' ? { name: s.name } : {}),
    call,
    repeat: repeat ?? 1,
    ...(poll === undefined ? {} : { poll }),
    expect: { status: expect.status, ...(typeof expect.json === 'object' && expect.json !== null ? { json: asRecord(expect.json) } : {}) },
  };
}

function parseAuth(raw: unknown, where: string): AuthMode {
  if (raw === 'admin' || raw === 'none' || raw === 'wrong-key' || raw === 'restricted') return raw;
  const r = asRecord(raw);
  if (typeof r.bearer === 'string') return { bearer: r.bearer };
  const basic = asRecord(r.basic);
  if (typeof basic.user === 'string' && typeof basic.password === 'string') return { basic: { user: basic.user, password: basic.password } };
  throw new Error(`${where}: unknown auth ${JSON.stringify(raw)}`);
}

const sameAuth = (a: AuthMode, b: AuthMode) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The auth cases every protected operation shares, generated so that no document has to repeat
 * them (and none can forget them): no credentials and a wrong key answer 401 on Basic operations,
 * no token and a malformed token answer 401 on Bearer operations, and an administrator without the
 * resource's permission answers 403 on its list. Path parameters get a placeholder: tastypie
 * authenticates before it looks anything up. A case the document already has is not repeated.
 */
function generatedAuthCases(op: Pick<Operation, 'method' | 'path' | 'security' | 'responses' | 'permission' | 'cases'>, list: boolean): ConformanceCase[] {
  const optional = op.security.some((requirement) => requirement.length === 0);
  if (optional || op.security.length === 0 || !op.responses['401']) return [];
  // Never send a whole-collection PUT or DELETE on a guess: a target that failed to check
  // credentials first would replace or delete every object of the appliance.
  if ((op.method === 'PUT' || op.method === 'DELETE') && !/\{[^}]+\}\/$/.test(op.path)) return [];
  const schemes = new Set(op.security.flat());
  const placeholders = Object.fromEntries([...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => [m[1], 0]));
  const make = (id: string, summary: string, source: string, auth: AuthMode, status: number): ConformanceCase => ({
    id, summary, source, auth, fixtures: {}, path: placeholders, query: {}, headers: {}, restore: false, requires: [], transformed: [], generated: true, steps: [], expect: { status },
  });
  const wanted: ConformanceCase[] = [];
  const general = '002 · General API response codes';
  if ([...schemes].some((s) => /basic/i.test(s))) {
    wanted.push(make('auto-no-credentials', 'Without credentials the request answers 401', general, 'none', 401));
    wanted.push(make('auto-wrong-key', 'With a wrong access key the request answers 401', general, 'wrong-key', 401));
    const code = asRecord(op.permission).code;
    if (list && op.method === 'GET' && typeof code === 'string' && code !== 'None' && op.responses['403']) {
      wanted.push(make('auto-restricted', `An administrator without "${code}" is refused with 403`, '003 · Authorization and Permissions', 'restricted', 403));
    }
  }
  if ([...schemes].some((s) => /bearer/i.test(s))) {
    wanted.push(make('auto-no-token', 'Without a Bearer token the request answers 401', '003 · Authorization and Permissions', 'none', 401));
    wanted.push(make('auto-malformed-token', 'A malformed Bearer token answers 401', '003 · Authorization and Permissions', { bearer: 'not-a-token' }, 401));
  }
  return wanted.filter((w) => !op.cases.some((c) => c.id === w.id || (sameAuth(c.auth, w.auth) && c.expect.status === w.expect.status)));
}

function parseResponses(raw: unknown): Record<string, ResponseSpec> {
  const out: Record<string, ResponseSpec> = {};
  for (const [status, value] of Object.entries(asRecord(raw))) {
    const r = asRecord(value);
    const content: Record<string, MediaSpec> = {};
    for (const [media, spec] of Object.entries(asRecord(r.content))) {
      const schema = asRecord(spec).schema;
      content[media.split(';')[0]!.trim().toLowerCase()] = { schema: schema === undefined ? undefined : asRecord(schema) };
    }
    out[status] = {
      status,
      description: typeof r.description === 'string' ? r.description : '',
      content,
      headers: Object.keys(asRecord(r.headers)).map((h) => h.toLowerCase()),
    };
  }
  return out;
}

/** The `in: query` parameters: schema, and the parameter's own `x-invalid-input` and `x-not-derived` map. */
function queryParameters(raw: unknown[]): Record<string, QueryParameter> {
  const out: Record<string, QueryParameter> = {};
  for (const p of raw.map(asRecord)) {
    if (p.in !== 'query' || typeof p.name !== 'string') continue;
    const invalidInput = invalidInputOf(p);
    out[p.name] = { schema: asRecord(p.schema), ...(typeof p['x-source'] === 'string' ? { source: p['x-source'] } : {}), ...(invalidInput ? { invalidInput } : {}), notDerived: asRecord(p['x-not-derived']) as Record<string, string> };
  }
  return out;
}

/** Parses one dereferenced document into operations. */
function modelDocument(product: string, doc: OpenAPIV3_1.Document, model: ApiModel, invalidInput: InvalidInput | undefined): void {
  collectExtensions(doc.components?.schemas, model.schemaExtensions);
  for (const [pathTemplate, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = asRecord(asRecord(item)[method]);
      if (Object.keys(op).length === 0) continue;
      const operationId = typeof op.operationId === 'string' ? op.operationId : `${method} ${pathTemplate}`;
      const source = typeof op['x-source'] === 'string' ? op['x-source'] : '';
      const where = `${product}: ${operationId}`;
      const rawCases = Array.isArray(op['x-cases']) ? op['x-cases'] : [];
      // A JSON body, else a form (FortiSIEM's token call): the fields the derived negative cases vary.
      const content = asRecord(asRecord(op.requestBody).content);
      const requestSchema = asRecord(content['application/json'] ?? content['application/x-www-form-urlencoded']).schema;
      const responses = parseResponses(op.responses);
      for (const response of Object.values(responses)) {
        for (const media of Object.values(response.content)) collectExtensions(media.schema, model.schemaExtensions);
      }
      if (op['x-fixture-body'] !== undefined) model.fixtureBodies.set(pathTemplate, op['x-fixture-body']);
      const security = ((op.security ?? doc.security ?? []) as Array<Record<string, unknown>>).map((req) => Object.keys(req));
      const operation: Operation = {
        product,
        operationId,
        method: method.toUpperCase(),
        path: pathTemplate,
        summary: typeof op.summary === 'string' ? op.summary : operationId,
        source,
        tags: Array.isArray(op.tags) ? op.tags.map(String) : [],
        responses,
        requestSchema: requestSchema === undefined ? undefined : asRecord(requestSchema),
        filters: op['x-filters'] === undefined ? undefined : asRecord(op['x-filters']),
        ordering: Array.isArray(op['x-ordering']) ? op['x-ordering'].map(String) : undefined,
        permission: op['x-permission'] ?? asRecord(item)['x-permission'],
        security,
        singleton: op['x-singleton'] === true,
        fixtureCollection: op['x-fixture-body'] !== undefined,
        ...(typeof op['x-not-derived'] === 'string' ? { notDerived: op['x-not-derived'] } : {}),
        ...(typeof op['x-changes-nothing'] === 'string' ? { changesNothing: op['x-changes-nothing'] } : {}),
        // The operation's own invalid-input answer (an OAuth endpoint's RFC 6749 errors) replaces the document's.
        ...(invalidInputOf(op) ? { invalidInput: invalidInputOf(op) } : {}),
        queryParameters: queryParameters([...(Array.isArray(asRecord(item).parameters) ? (asRecord(item).parameters as unknown[]) : []), ...(Array.isArray(op.parameters) ? op.parameters : [])]),
        serial: op['x-singleton'] === true || op['x-serial'] === true,
        cases: rawCases.map((c) => parseCase(c, source, where)),
        pointer: `#/paths/${pathTemplate.replace(/~/g, '~0').replace(/\//g, '~1')}/${method}`,
      };
      operation.cases.push(...generatedAuthCases(operation, isListOperation(operation) || !/\{[^}]+\}\/$/.test(pathTemplate)));
      operation.cases.push(...negativeCases(operation, operation.invalidInput ?? invalidInput));
      model.operations.push(operation);
    }
  }
}

/**
 * Loads every document in `openapi/`, dereferenced. `validate` also runs swagger-parser's
 * validation (the lint step and the CLI's preflight do; test collection need not pay for it twice).
 */
export async function loadApiModel(options: { dir?: string; validate?: boolean } = {}): Promise<ApiModel> {
  const model: ApiModel = { documents: [], runFixtures: [], operations: [], fixtureBodies: new Map(), schemaExtensions: new Set() };
  // Imported when used: a process that reads the run's model back (lib/model-cache.ts) never needs it.
  const { default: SwaggerParser } = await import('@apidevtools/swagger-parser');
  for (const file of documentFiles(options.dir)) {
    const product = path.basename(file).replace(/\.ya?ml$/, '');
    // By file path, so `$ref`s into `openapi/<product>/*.yaml` resolve relative to the document.
    if (options.validate) await SwaggerParser.validate(file);
    const doc = (await SwaggerParser.dereference(file)) as OpenAPIV3_1.Document;
    const invalidInput = invalidInputOf(doc);
    model.documents.push({ product, file, title: doc.info.title, version: doc.info.version, ...(invalidInput ? { invalidInput } : {}) });
    for (const [name, raw] of Object.entries(asRecord((doc as unknown as Record<string, unknown>)['x-run-fixtures']))) {
      const f = asRecord(raw);
      if (typeof asRecord(f.call).path !== 'string') throw new Error(`${product}: x-run-fixtures.${name} needs "call" with method and path`);
      model.runFixtures.push({ name, product, call: asRecord(f.call), expect: typeof f.expect === 'number' ? f.expect : 200, teardown: f.teardown === undefined ? undefined : asRecord(f.teardown) });
    }
    modelDocument(product, doc, model, invalidInput);
  }
  return model;
}

/** The documented response for a status: exact code, then `4XX`-style ranges, then `default`. */
export function documentedResponse(op: Operation, status: number): ResponseSpec | undefined {
  return op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`] ?? op.responses.default;
}

/** True when `op` answers a list envelope (`meta` + `objects`) on 200. */
export function isListOperation(op: Operation): boolean {
  const schema = documentedResponse(op, 200)?.content['application/json']?.schema;
  const props = asRecord(schema?.properties);
  return op.method === 'GET' && 'meta' in props && 'objects' in props;
}

/** The collection path of a detail path (`/api/v1/x/{id}/` → `/api/v1/x/`). */
export function collectionPathOf(pathTemplate: string): string {
  return pathTemplate.replace(/\{[^}]+\}\/$/, '');
}
