/**
 * Property-based tests of filtering, paging, ordering and formats, for every list operation that
 * documents `x-filters`. Each resource gets a seeded data set of its own objects (see
 * `fixtures/property-data.ts`); fast-check then draws queries and compares the target's answers with
 * the reference model in `lib/lookups.ts`. A failure prints the seed, the shrunk counterexample and
 * the request that showed it; `--seed` (FORTICONFORM_SEED) replays a run and
 * FORTICONFORM_PROPERTY_RUNS sets the number of cases per property (default 15; the lookup property
 * runs that many per documented field and lookup).
 */
import fc from 'fast-check';
import { caseVariant, fragment, RICH_ALPHABET, substringContaining } from '../arbitraries/filterValue.ts';
import type { CheckReport, CaseReport, SuiteServices } from '../fixtures/run-case.ts';
import type { Product } from '../lib/config.ts';
import { CASE_ATTACHMENT } from '../fixtures/run-case.ts';
import { ObjectRegistry } from '../fixtures/objects.ts';
import { publishedRunFixtures } from '../fixtures/run-fixtures.ts';
import { buildPropertyData, createOperation, filterFields, listObjectFields, type PropertyData } from '../fixtures/property-data.ts';
import { apiModel, expect, test } from '../fixtures/suite.ts';
import { toCurl } from '../lib/curl.ts';
import { parseJson, type ApiClient, type ApiRequest, type QueryValue } from '../lib/http.ts';
import { compareValues, expectedPage, type Lookup, matches } from '../lib/lookups.ts';
import { isListOperation, type Operation } from '../lib/openapi.ts';
import { redactValue } from '../lib/redact.ts';
import { parseTastypieXml } from '../lib/xml.ts';

const SEED = Number(process.env.FORTICONFORM_SEED ?? 20261124);
const RUNS = Number(process.env.FORTICONFORM_PROPERTY_RUNS ?? 15);

const SOURCES = {
  lookups: '002 · Advanced filtering · Filter lookup expressions',
  refused: 'facts · FortiAuthenticator is a django-tastypie API · Filtering',
  paging: '002 · The FortiAuthenticator API · View pages for large lists',
  offset: '002 · Advanced filtering · Offset',
  bounds: 'facts · FortiAuthenticator is a django-tastypie API · Paging',
  ordering: '002 · Advanced filtering · Order',
  formats: '002 · The FortiAuthenticator API · Supported data formats',
};

interface Page {
  meta: { limit: number; next: string | null; offset: number; previous: string | null; total_count: number };
  objects: Array<Record<string, unknown>>;
}

/** A property's verdict: `undefined` when it holds, else what was wrong and which request showed it. */
type Finding = { message: string; request: ApiRequest } | undefined;

class PropertyFailure extends Error {
  constructor(message: string, readonly request: ApiRequest) {
    super(message);
  }
}

async function getList(client: ApiClient, op: Operation, query: Record<string, QueryValue>, headers?: Record<string, string>) {
  const request: ApiRequest = { method: 'GET', path: op.path, query, headers };
  const response = await client.send(request);
  return { request, response, page: parseJson(response.text) as Page | undefined };
}

const idOf = (o: Record<string, unknown>) => String(o.id ?? o.resource_uri);
const sorted = (ids: Iterable<string>) => [...ids].sort();

/** Runs a property with the run's seed; returns the failure found (after shrinking), if any. */
async function checkProperty<T>(arb: fc.Arbitrary<T>, predicate: (value: T) => Promise<Finding>): Promise<{ finding?: Finding & object; details?: string }> {
  const details = await fc.check(
    fc.asyncProperty(arb, async (value) => {
      const finding = await predicate(value);
      if (finding) throw new PropertyFailure(finding.message, finding.request);
    }),
    { seed: SEED, numRuns: RUNS, path: process.env.FORTICONFORM_PROPERTY_PATH, endOnFailure: false, interruptAfterTimeLimit: 60_000 },
  );
  if (!details.failed) return {};
  // Re-run the shrunk counterexample once to capture its message and request.
  const counterexample = details.counterexample?.[0] as T;
  const finding = counterexample === undefined ? undefined : await predicate(counterexample);
  const replay = `seed ${details.seed}, path ${details.counterexamplePath ?? '-'} (replay: FORTICONFORM_SEED=${details.seed} FORTICONFORM_PROPERTY_PATH=${details.counterexamplePath ?? ''})`;
  const error = details.errorInstance instanceof Error && !(details.errorInstance instanceof PropertyFailure) ? `; error: ${details.errorInstance.message}` : '';
  return {
    finding: finding ?? { message: `property failed${error}`, request: { method: 'GET', path: '/' } },
    details: `after ${details.numRuns} cases, ${replay}; shrunk counterexample: ${fc.stringify(counterexample)}`,
  };
}

function report(op: Operation, caseId: string, summary: string, checks: CheckReport[]): CaseReport {
  return redactValue({
    product: op.product,
    operationId: op.operationId,
    method: 'GET',
    path: op.path,
    caseId,
    summary,
    source: checks[0]?.source ?? '',
    tags: op.tags,
    permission: op.permission,
    state: 'ran',
    message: checks.find((c) => c.outcome !== 'pass')?.message,
    checks,
  });
}

const model = await apiModel();
const filterable = model.operations.filter((op) => isListOperation(op) && op.filters && Object.keys(op.filters).length > 0);

for (const op of filterable) {
  test.describe(`${op.product} ${op.operationId} properties`, () => {
    // One data set per resource, built once: the properties run in order in one worker, and a failing
    // property does not stop the others.
    test.describe.configure({ mode: 'default' });
    const tags = [`@${op.product}`, '@properties', ...op.tags.map((t) => `@${t}`)];
    let data: PropertyData;
    let objects: ObjectRegistry;
    /** Why the resource's own data set could not be built (those properties are then skipped). */
    let noData: string | undefined;

    const clientFor = (suite: SuiteServices): ApiClient => suite.clients[op.product as Product]!;

    test.beforeAll(async ({ suite }) => {
      test.skip(!suite.clients[op.product as Product], `no ${op.product.toUpperCase()} target is configured in this run`);
      // A nested list (under a parent's detail URL) needs a parent per data set: not built yet.
      test.skip(/\{[^}]+\}/.test(op.path), `${op.path} is nested under a parent object; its properties are not run yet`);
      let n = 0;
      const client = clientFor(suite);
      objects = new ObjectRegistry(client, suite.model.fixtureBodies, () => `fc_${process.env.FORTICONFORM_RUN_ID ?? 'p'}_p${++n}`, process.env.FORTICONFORM_RUN_SECRET ?? 'forticonform-unset-secret', client.target.provided, publishedRunFixtures()[op.product]);
      try {
        data = await buildPropertyData(suite.model, op, suite.schemas, objects, SEED);
      } catch (error) {
        // Objects this resource cannot get through the API (or prerequisites this target lacks):
        // the properties that need own rows are skipped naming why; the rest run unscoped.
        noData = (error as Error).message;
        data = { token: '', fields: filterFields(op, createOperation(suite.model, op)?.requestSchema), objects: [], objectFields: listObjectFields(op) };
      }
    });
    const needsData = () => test.skip(noData !== undefined, `no data set of the suite's own: ${noData}`);
    test.afterAll(async () => {
      await objects?.cleanup();
    });

    /** Records one property's verdict in the conformance report and fails the test on a finding. */
    async function verdict(testInfo: import('@playwright/test').TestInfo, client: ApiClient, caseId: string, summary: string, checkId: string, source: string, result: { finding?: Finding & object; details?: string }, skipReason?: string) {
      const check: CheckReport = skipReason
        ? { id: checkId, title: summary, source, outcome: 'skip', message: skipReason }
        : result.finding
          ? { id: checkId, title: summary, source, outcome: 'fail', message: `${result.finding.message} — ${result.details ?? ''}`.trim(), curl: toCurl(client, result.finding.request) }
          : { id: checkId, title: summary, source, outcome: 'pass', message: `held for ${RUNS} cases (seed ${SEED})` };
      await testInfo.attach(CASE_ATTACHMENT, { body: JSON.stringify(report(op, caseId, summary, [check])), contentType: 'application/json' });
      if (skipReason) test.skip(true, skipReason);
      expect(result.finding === undefined, `[${checkId}] ${op.operationId} › ${caseId}: ${check.message}\n  Source: ${source}\n  Reproduce with: ${check.curl}`).toBe(true);
    }

    test('filter lookups match the reference model', { tag: tags, annotation: [{ type: 'source', description: SOURCES.lookups }] }, async ({ suite }, testInfo) => {
      needsData();
      const fields = data.fields.filter((f) => f.kind !== 'fixed' && f.lookups.length > 0);
      /** Query values for one lookup on one field, drawn around a stored value. */
      const valuesFor = (field: (typeof fields)[number], lookup: Lookup | 'plain'): fc.Arbitrary<string[]> =>
        fc.integer({ min: 0, max: data.objects.length - 1 }).chain((index) => {
          if (field.kind === 'boolean') return fc.constantFrom('true', 'false').map((v) => [v]);
          const stored = String(data.objects[index]!.values[field.name]);
          const scoped = data.scope !== undefined;
          const bare = lookup === 'plain' ? 'exact' : lookup;
          const value =
            bare === 'exact' || bare === 'iexact' || bare === 'in'
              ? fc.oneof(fc.constant(stored), caseVariant(stored), fragment(RICH_ALPHABET, 2).map((x) => `${stored}${x}`), ...(scoped ? [fc.constant('')] : []))
              : substringContaining(stored, scoped ? '' : data.token).chain((sub) => fc.oneof(fc.constant(sub), caseVariant(sub)));
          return bare === 'in' ? fc.array(value, { minLength: 1, maxLength: 3 }) : value.map((v) => [v]);
        });
      const probe = async (field: (typeof fields)[number], lookup: Lookup | 'plain', values: string[], commaJoined: boolean): Promise<Finding> => {
        const key = lookup === 'plain' ? field.name : `${field.name}__${lookup}`;
        const queryValue: QueryValue = lookup === 'in' && commaJoined && values.every((v) => !v.includes(',') && v !== '') ? values.join(',') : values.length === 1 ? values[0]! : values;
        const query: Record<string, QueryValue> = { ...(data.scope ? { [data.scope.key]: data.scope.value } : {}), [key]: queryValue, limit: 1000 };
        const { request, response, page } = await getList(clientFor(suite), op, query);
        if (response.status !== 200 || !Array.isArray(page?.objects)) return { message: `${key} answered ${response.status}, not a 200 list`, request };
        const bare = lookup === 'plain' ? 'exact' : lookup;
        const [scopeField, scopeLookup] = data.scope ? (data.scope.key.split('__') as [string, Lookup]) : [undefined, undefined];
        const expected = data.objects
          .filter((o) => !scopeField || matches(o.values[scopeField] ?? null, scopeLookup!, data.scope!.value))
          .filter((o) => matches(o.values[field.name] ?? null, bare, bare === 'in' ? values : values[0]!))
          .map((o) => String(o.id));
        const ours = new Set(data.objects.map((o) => String(o.id)));
        const received = page.objects.map(idOf).filter((id) => ours.has(id) || !data.scope);
        if (JSON.stringify(sorted(received)) !== JSON.stringify(sorted(expected))) {
          return { message: `${key}=${JSON.stringify(queryValue)} matched ids ${JSON.stringify(sorted(received))}, the reference model expects ${JSON.stringify(sorted(expected))}`, request };
        }
        if (page.meta.total_count !== page.objects.length) return { message: `total_count ${page.meta.total_count} but ${page.objects.length} objects on a single page`, request };
        return undefined;
      };
      // One property per (field, lookup), so every documented lookup gets its share of cases.
      let result: Awaited<ReturnType<typeof checkProperty>> = {};
      for (const field of fields) {
        for (const lookup of ['plain', ...field.lookups] as Array<Lookup | 'plain'>) {
          result = await checkProperty(fc.tuple(valuesFor(field, lookup), fc.boolean()), ([values, commaJoined]) => probe(field, lookup, values, commaJoined));
          if (result.finding) break;
        }
        if (result.finding) break;
      }
      await verdict(testInfo, clientFor(suite), 'property-lookups', 'Every documented filter lookup selects exactly the rows the reference model selects', 'filter-lookups', SOURCES.lookups, result, fields.length === 0 ? 'no filterable field the suite can write values into' : undefined);
    });

    test('undocumented filters and lookups are refused with 400', { tag: tags, annotation: [{ type: 'source', description: SOURCES.refused }] }, async ({ suite }, testInfo) => {
      const documented = new Set(data.fields.map((f) => f.name));
      // Probe the fields the target's answer really has (a write-only or create-only field is no
      // field of the resource, and tastypie ignores unknown keys).
      const sample = await getList(clientFor(suite), op, { ...(data.scope ? { [data.scope.key]: data.scope.value } : {}), limit: 1 });
      const answered = Object.keys(sample.page?.objects?.[0] ?? {});
      const probes: Array<{ key: string; why: string }> = [];
      for (const field of data.objectFields) {
        if (!documented.has(field) && field !== 'resource_uri' && answered.includes(field)) probes.push({ key: field, why: `${field} is not a documented filter` });
      }
      for (const field of data.fields) {
        for (const lookup of ['exact', 'iexact', 'contains', 'icontains', 'in', 'startswith', 'istartswith'] as const) {
          if (!field.lookups.includes(lookup)) probes.push({ key: `${field.name}__${lookup}`, why: `${lookup} is not documented for ${field.name}` });
        }
      }
      let finding: Finding;
      for (const probe of probes) {
        const { request, response } = await getList(clientFor(suite), op, { ...(data.scope ? { [data.scope.key]: data.scope.value } : {}), [probe.key]: 'x' });
        if (response.status !== 400) {
          finding = { message: `${probe.why}, yet ?${probe.key}=x answered ${response.status} (a filter must be refused, never silently ignored)`, request };
          break;
        }
      }
      await verdict(testInfo, clientFor(suite), 'property-refused-filters', 'A filter on an undocumented field or with an undocumented lookup answers 400', 'filter-refused', SOURCES.refused, { finding }, probes.length === 0 ? 'every field and lookup is documented' : undefined);
    });

    test('paging visits every row once and its links keep the query', { tag: tags, annotation: [{ type: 'source', description: SOURCES.paging }] }, async ({ suite }, testInfo) => {
      needsData();
      const n = data.objects.length;
      const result = !data.scope ? {} : await checkProperty(fc.record({ limit: fc.integer({ min: 1, max: n + 1 }), xml: fc.constant(false) }), async ({ limit }) => {
        const scope = data.scope!;
        const seen: string[] = [];
        let query: Record<string, QueryValue> = { [scope.key]: scope.value, limit, format: 'json' };
        for (let pageNo = 0; pageNo <= n + 1; pageNo += 1) {
          const { request, response, page } = await getList(clientFor(suite), op, query);
          if (response.status !== 200 || !page?.meta || !Array.isArray(page.objects)) return { message: `page ${pageNo + 1} answered ${response.status}, not a list`, request };
          const offset = pageNo * limit;
          const want = expectedPage(n, limit, offset);
          if (page.meta.total_count !== n) return { message: `total_count is ${page.meta.total_count}, ${n} rows match the filter`, request };
          if (page.meta.limit !== limit) return { message: `meta.limit is ${page.meta.limit}, limit=${limit} was asked`, request };
          if (page.meta.offset !== offset) return { message: `meta.offset is ${page.meta.offset} on page ${pageNo + 1}, expected ${offset}`, request };
          if (page.objects.length !== want.size) return { message: `page ${pageNo + 1} holds ${page.objects.length} rows, expected ${want.size}`, request };
          if ((page.meta.previous !== null) !== want.hasPrevious) return { message: `previous is ${JSON.stringify(page.meta.previous)} on page ${pageNo + 1} (offset ${offset}, limit ${limit})`, request };
          if ((page.meta.next !== null) !== want.hasNext) return { message: `next is ${JSON.stringify(page.meta.next)} on page ${pageNo + 1} of ${Math.ceil(n / limit)}`, request };
          seen.push(...page.objects.map(idOf));
          if (page.meta.next === null) break;
          const next = new URL(page.meta.next, clientFor(suite).baseUrl + '/');
          if (next.pathname !== op.path) return { message: `next link ${page.meta.next} leaves ${op.path}`, request };
          const params = Object.fromEntries([...next.searchParams.entries()]);
          for (const [k, v] of Object.entries({ [scope.key]: scope.value, limit: String(limit), format: 'json' })) {
            if (params[k] !== v) return { message: `next link ${page.meta.next} does not keep ${k}=${v}`, request };
          }
          query = params;
        }
        const ours = sorted(data.objects.map((o) => String(o.id)));
        if (JSON.stringify(sorted(seen)) !== JSON.stringify(ours)) return { message: `walking next from the first page visited ${JSON.stringify(seen)}, expected each of ${JSON.stringify(ours)} once`, request: { method: 'GET', path: op.path, query: { [scope.key]: scope.value, limit } } };
        return undefined;
      });
      await verdict(testInfo, clientFor(suite), 'property-paging', 'Following next from the first page visits every matching row exactly once; links keep filters, format and limit', 'paging-walk', SOURCES.paging, result, data.scope ? undefined : 'no documented filter can scope the list to the suite\'s own objects, so paging cannot be checked without counting other clients\' objects');
    });

    test('offset and limit select the documented window; bad values answer 400', { tag: tags, annotation: [{ type: 'source', description: SOURCES.offset }] }, async ({ suite }, testInfo) => {
      needsData();
      const n = data.objects.length;
      const scopeQuery = data.scope ? { [data.scope.key]: data.scope.value } : undefined;
      const result = !scopeQuery ? {} : await checkProperty(fc.record({ limit: fc.integer({ min: 1, max: n + 1 }), offset: fc.integer({ min: 0, max: n + 2 }) }), async ({ limit, offset }) => {
        const { request, response, page } = await getList(clientFor(suite), op, { ...scopeQuery, limit, offset });
        if (response.status !== 200 || !page?.meta) return { message: `answered ${response.status}`, request };
        const want = expectedPage(n, limit, offset);
        if (page.objects.length !== want.size) return { message: `limit=${limit}&offset=${offset} over ${n} rows gave ${page.objects.length} rows, expected ${want.size}`, request };
        if (page.meta.offset !== offset || page.meta.total_count !== n) return { message: `meta ${JSON.stringify(page.meta)} does not echo offset ${offset} / total ${n}`, request };
        if ((page.meta.next !== null) !== want.hasNext) return { message: `next is ${JSON.stringify(page.meta.next)} for offset ${offset}, limit ${limit}, ${n} rows`, request };
        return undefined;
      });
      // Fixed probes: tastypie's documented bounds (facts · Paging).
      let finding = result.finding;
      if (!finding) {
        for (const [query, check] of [
          [{ limit: -1 }, (s: number) => s === 400],
          [{ limit: 'abc' }, (s: number) => s === 400],
          [{ offset: -1 }, (s: number) => s === 400],
          [{ offset: 'abc' }, (s: number) => s === 400],
        ] as const) {
          const { request, response } = await getList(clientFor(suite), op, { ...(scopeQuery ?? {}), ...query });
          if (!check(response.status)) {
            finding = { message: `${JSON.stringify(query)} answered ${response.status}, not 400`, request };
            break;
          }
        }
      }
      if (!finding) {
        for (const limit of [0, 5000]) {
          const { request, page } = await getList(clientFor(suite), op, { ...(scopeQuery ?? {}), limit });
          if (page?.meta?.limit !== 1000) {
            finding = { message: `limit=${limit} gave meta.limit ${page?.meta?.limit}; the maximum (and limit=0) is 1000`, request };
            break;
          }
        }
      }
      await verdict(testInfo, clientFor(suite), 'property-offset', 'offset is zero-based and limit bounds the page (max 1000); negative or non-numeric values answer 400', 'paging-offset', SOURCES.offset, { finding, details: result.details });
    });

    test('order_by sorts ascending and -field descending', { tag: tags, annotation: [{ type: 'source', description: SOURCES.ordering }] }, async ({ suite }, testInfo) => {
      needsData();
      const orderable = (op.ordering ?? []).filter((f) => data.fields.some((x) => x.name === f && x.kind === 'string'));
      let finding: Finding;
      const scopeQuery = data.scope ? { [data.scope.key]: data.scope.value } : {};
      for (const field of orderable) {
        const asc = await getList(clientFor(suite), op, { ...scopeQuery, order_by: field, limit: 1000 });
        const desc = await getList(clientFor(suite), op, { ...scopeQuery, order_by: `-${field}`, limit: 1000 });
        const ours = new Set(data.objects.map((o) => String(o.id)));
        const pick = (p: Page | undefined) => (p?.objects ?? []).filter((o) => ours.has(idOf(o))).map((o) => o[field] as string);
        const a = pick(asc.page);
        const d = pick(desc.page);
        const sortedBy = (xs: string[], cmp: (x: string, y: string) => number) => xs.every((x, i) => i === 0 || cmp(xs[i - 1]!, x) <= 0);
        // Collations differ between databases; either byte order or case-insensitive order is accepted.
        const ordered = (xs: string[]) => sortedBy(xs, (x, y) => compareValues(x, y)) || sortedBy(xs, (x, y) => x.localeCompare(y, 'en', { sensitivity: 'base' }));
        if (asc.response.status !== 200 || !ordered(a)) {
          finding = { message: `order_by=${field} answered ${asc.response.status} with ${JSON.stringify(a)}, not in ascending order`, request: asc.request };
          break;
        }
        if (desc.response.status !== 200 || JSON.stringify(d) !== JSON.stringify([...a].reverse())) {
          finding = { message: `order_by=-${field} gave ${JSON.stringify(d)}, not the reverse of ${JSON.stringify(a)}`, request: desc.request };
          break;
        }
      }
      if (!finding) {
        const { request, response } = await getList(clientFor(suite), op, { ...scopeQuery, order_by: 'no_such_field_fc' });
        if (response.status !== 400) finding = { message: `order_by on an unknown field answered ${response.status}, not 400`, request };
      }
      await verdict(testInfo, clientFor(suite), 'property-ordering', 'order_by=field sorts ascending, order_by=-field is its reverse, an unknown field answers 400', 'ordering', SOURCES.ordering, { finding });
    });

    test('format and Accept choose JSON or XML carrying the same data', { tag: tags, annotation: [{ type: 'source', description: SOURCES.formats }] }, async ({ suite }, testInfo) => {
      const scopeQuery: Record<string, QueryValue> = data.scope ? { [data.scope.key]: data.scope.value } : { limit: 1 };
      let finding: Finding;
      // Unscoped lists may change between two requests (other tests create and delete objects):
      // an XML answer is compared with JSON answers taken just before and after it that agree.
      let json = await getList(clientFor(suite), op, { ...scopeQuery, format: 'json' });
      let xml = await getList(clientFor(suite), op, { ...scopeQuery, format: 'xml' });
      // Other tests may keep writing for a while: wait a little between tries (bounded: 20 × 50 ms).
      for (let attempt = 0; attempt < 20; attempt += 1) {
        const after = await getList(clientFor(suite), op, { ...scopeQuery, format: 'json' });
        if (JSON.stringify(normalise(after.page)) === JSON.stringify(normalise(json.page))) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
        json = after;
        xml = await getList(clientFor(suite), op, { ...scopeQuery, format: 'xml' });
      }
      const contentType = (r: { response: { headers: Record<string, string> } }) => (r.response.headers['content-type'] ?? '').split(';')[0]!.trim();
      if (contentType(xml) !== 'application/xml') finding = { message: `format=xml answered ${contentType(xml)}`, request: xml.request };
      else {
        let fromXml: unknown;
        try {
          fromXml = parseTastypieXml(xml.response.text);
        } catch (error) {
          finding = { message: `format=xml body is not tastypie XML: ${(error as Error).message}`, request: xml.request };
        }
        if (!finding && JSON.stringify(normalise(fromXml)) !== JSON.stringify(normalise(json.page))) {
          finding = { message: 'the XML answer does not carry the same data as the JSON answer', request: xml.request };
        }
      }
      if (!finding) {
        const byAccept = await getList(clientFor(suite), op, scopeQuery, { Accept: 'application/xml' });
        if (contentType(byAccept) !== 'application/xml') finding = { message: `Accept: application/xml answered ${contentType(byAccept)}`, request: byAccept.request };
      }
      if (!finding) {
        const both = await getList(clientFor(suite), op, { ...scopeQuery, format: 'json' }, { Accept: 'application/xml' });
        if (contentType(both) !== 'application/json') finding = { message: `format=json with Accept: application/xml answered ${contentType(both)}; the format parameter must win`, request: both.request };
      }
      await verdict(testInfo, clientFor(suite), 'property-formats', 'format=json|xml and Accept select the format, format wins, XML carries the same data', 'format-negotiation', SOURCES.formats, { finding });
    });
  });
}

/**
 * Key order does not matter between JSON and XML answers, nor the `format` each answer's paging
 * links rightly keep; everything else does.
 */
function normalise(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => normalise(v));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, normalise(v, k)]));
  }
  if ((key === 'next' || key === 'previous') && typeof value === 'string') {
    const url = new URL(value, 'http://x');
    url.searchParams.delete('format');
    url.searchParams.sort();
    return `${url.pathname}?${url.searchParams}`;
  }
  return value;
}
