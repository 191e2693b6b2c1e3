/**
 * Property-based tests of filtering, paging, ordering and formats, for every list operation that
 * documents `x-filters`, as planned by `planProperties` (lib/property-plan.ts). A list the suite can
 * create objects in gets a seeded data set of its own (`fixtures/property-data.ts`; a nested list
 * also gets a parent of its own); any other list — and every list under `read-only` — is judged on
 * the rows it already holds (`fixtures/property-observed.ts`). fast-check draws queries and compares
 * the target's answers with the reference model in `lib/lookups.ts`. A failure prints the seed, the
 * shrunk counterexample and the request that showed it; `--seed` (FORTICONFORM_SEED) replays a run
 * and FORTICONFORM_PROPERTY_RUNS sets the number of cases per property (default 15; the lookup
 * property runs that many per documented field and lookup on the suite's own data, per documented
 * field on observed rows).
 */
import type { TestInfo } from '@playwright/test';
import fc from 'fast-check';
import { caseVariant, fragment, RICH_ALPHABET, substringContaining } from '../arbitraries/filterValue.ts';
import type { CheckReport, CaseReport, SuiteServices } from '../fixtures/run-case.ts';
import type { Product } from '../lib/config.ts';
import { concludeCase } from '../fixtures/verdict.ts';
import { ObjectRegistry } from '../fixtures/objects.ts';
import { publishedRunFixtures } from '../fixtures/run-fixtures.ts';
import { buildPropertyData, createOperation, filterFields, listObjectFields, type FilterField, type PropertyData } from '../fixtures/property-data.ts';
import { absentValue, filterQuery, filterValue, judgeStable, observedValues, OBSERVED_ROW_CAP, readSnapshot, type Snapshot } from '../fixtures/property-observed.ts';
import { apiModel, expect, test } from '../fixtures/suite.ts';
import { toCurl } from '../lib/curl.ts';
import { firstFinding } from '../lib/concurrent.ts';
import { parseJson, type ApiClient, type ApiRequest, type QueryValue } from '../lib/http.ts';
import { compareValues, expectedPage, type FieldValue, type Lookup, matches } from '../lib/lookups.ts';
import type { Operation } from '../lib/openapi.ts';
import { planProperties, type PropertyId } from '../lib/property-plan.ts';
import { redactValue } from '../lib/redact.ts';
import { maxInFlight } from '../lib/run-options.ts';
import { safetyLevel } from '../lib/safety.ts';
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

interface Meta {
  caseId: string;
  summary: string;
  checkId: string;
  source: string;
}
/** Each property's case in the conformance report (the same ids whichever data it ran on). */
const META: Record<PropertyId, Meta> = {
  lookups: { caseId: 'property-lookups', summary: 'Every documented filter lookup selects exactly the rows the reference model selects', checkId: 'filter-lookups', source: SOURCES.lookups },
  refused: { caseId: 'property-refused-filters', summary: 'A filter on an undocumented field or with an undocumented lookup answers 400', checkId: 'filter-refused', source: SOURCES.refused },
  paging: { caseId: 'property-paging', summary: 'Following next from the first page visits every matching row exactly once; links keep filters, format and limit', checkId: 'paging-walk', source: SOURCES.paging },
  offset: { caseId: 'property-offset', summary: 'offset is zero-based and limit bounds the page (max 1000); negative or non-numeric values answer 400', checkId: 'paging-offset', source: SOURCES.offset },
  ordering: { caseId: 'property-ordering', summary: 'order_by=field sorts ascending, order_by=-field is its reverse, an unknown field answers 400', checkId: 'ordering', source: SOURCES.ordering },
  formats: { caseId: 'property-formats', summary: 'format=json|xml and Accept select the format, format wins, XML carries the same data', checkId: 'format-negotiation', source: SOURCES.formats },
};

interface Page {
  meta: { limit: number; next: string | null; offset: number; previous: string | null; total_count: number };
  objects: Array<Record<string, unknown>>;
}

/** A property's verdict: `undefined` when it holds, else what was wrong and which request showed it. */
type Finding = { message: string; request: ApiRequest } | undefined;
type Result = { finding?: Finding & object; details?: string };

class PropertyFailure extends Error {
  constructor(message: string, readonly request: ApiRequest) {
    super(message);
  }
}

async function getList(client: ApiClient, path: string, query: Record<string, QueryValue>, headers?: Record<string, string>) {
  const request: ApiRequest = { method: 'GET', path, query, headers };
  const response = await client.send(request);
  return { request, response, page: parseJson(response.text) as Page | undefined };
}

const idOf = (o: Record<string, unknown>) => String(o.id ?? o.resource_uri);
const sorted = (ids: Iterable<string>) => [...ids].sort();
const same = (a: Iterable<string>, b: Iterable<string>) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));

/** Runs a property with the run's seed; returns the failure found (after shrinking), if any. */
async function checkProperty<T>(arb: fc.Arbitrary<T>, predicate: (value: T) => Promise<Finding>): Promise<Result> {
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

/** Sorted by one of the collations a database may use: byte order, case-insensitive, or letters and digits only (glibc locales skip punctuation). */
function ordered(values: FieldValue[]): boolean {
  const xs = values.filter((v) => v !== null);
  const by = (cmp: (x: FieldValue, y: FieldValue) => number) => xs.every((x, i) => i === 0 || cmp(xs[i - 1]!, x) <= 0);
  const text = (v: FieldValue) => String(v);
  const bare = (v: FieldValue) => text(v).replace(/[^\p{L}\p{N}]/gu, '');
  return (
    by(compareValues) ||
    by((x, y) => (typeof x === 'number' && typeof y === 'number' ? x - y : text(x).localeCompare(text(y), 'en', { sensitivity: 'base' }))) ||
    by((x, y) => bare(x).localeCompare(bare(y), 'en', { sensitivity: 'base' }))
  );
}

const model = await apiModel();
const plans = planProperties(model, { safety: safetyLevel() });

for (const plan of plans) {
  const op = plan.op;
  test.describe(`${op.product} ${op.operationId} properties`, () => {
    // One data set per resource, built once: the properties run in order in one worker, and a failing
    // property does not stop the others.
    test.describe.configure({ mode: 'default' });
    const tags = [`@${op.product}`, '@properties', ...op.tags.map((t) => `@${t}`)];
    let data: PropertyData;
    let objects: ObjectRegistry | undefined;
    /** The suite's own data set was built (else why not: the properties then judge observed rows). */
    let own = false;
    let noOwnData = plan.ownData.available ? undefined : plan.ownData.why;
    /** The list's path with a nested list's parent filled in. */
    let listPath = op.path;
    /** Why the list cannot be addressed at all (a nested list with no parent on the target). */
    let noList: string | undefined;
    let observed: { snapshot: Snapshot } | undefined;

    const clientFor = (suite: SuiteServices): ApiClient => suite.clients[op.product as Product]!;

    test.beforeAll(async ({ suite }) => {
      test.skip(!suite.clients[op.product as Product], `no ${op.product.toUpperCase()} target is configured in this run`);
      const client = clientFor(suite);
      const fixtureBody = suite.model.fixtureBodies.get(op.path);
      data = { token: '', fields: filterFields(op, createOperation(suite.model, op)?.requestSchema, fixtureBody), objects: [], objectFields: listObjectFields(op) };
      const wantsOwn = plan.ownData.available && Object.values(plan.properties).some((p) => 'run' in p && p.run === 'own');
      if (wantsOwn) {
        let n = 0;
        // The operation's index keeps data sets of different lists apart (a membership's device and
        // a device list's own would otherwise share a name, and the MAC derived from it).
        const list = suite.model.operations.indexOf(op);
        objects = new ObjectRegistry(client, suite.model.fixtureBodies, () => `fc_${process.env.FORTICONFORM_RUN_ID ?? 'p'}_p${list}_${++n}`, process.env.FORTICONFORM_RUN_SECRET ?? 'forticonform-unset-secret', client.target.provided, publishedRunFixtures()[op.product]);
        try {
          if (plan.parent) {
            const parent = await objects.create(plan.parent.collection, suite.model.fixtureBodies.get(plan.parent.collection));
            listPath = op.path.replace(`{${plan.parent.param}}`, String(parent.id));
          }
          data = await buildPropertyData(suite.model, op, suite.schemas, objects, SEED, listPath);
          own = true;
        } catch (error) {
          // Prerequisites this target lacks: the properties judge the rows the list holds instead.
          noOwnData = (error as Error).message;
        }
      }
      if (plan.parent && listPath === op.path) noList = await findParent(client);
    });
    test.afterAll(async () => {
      await objects?.cleanup();
    });

    /** Without writing: the first parent (of the first 20) whose nested list has rows, else the first parent. */
    async function findParent(client: ApiClient): Promise<string | undefined> {
      const parent = plan.parent!;
      const { response, page } = await getList(client, parent.collection, { limit: 20 });
      const ids = response.status === 200 && Array.isArray(page?.objects) ? page.objects.map((o) => o.id).filter((id) => id !== undefined) : [];
      if (ids.length === 0) return `${op.path} lists objects under a ${parent.collection} object, and the target answered none (${response.status})`;
      const pathFor = (id: unknown) => op.path.replace(`{${parent.param}}`, String(id));
      for (const id of ids) {
        const nested = await getList(client, pathFor(id), { limit: 1 });
        if ((nested.page?.meta?.total_count ?? 0) > 0) {
          listPath = pathFor(id);
          return undefined;
        }
      }
      listPath = pathFor(ids[0]);
      return undefined;
    }

    /** The mode a property runs in now: planned `own` falls back to observed rows when no data set could be built. */
    function modeOf(id: PropertyId, usable = true): 'own' | 'observed' | 'probe' {
      const planned = plan.properties[id];
      if ('skip' in planned) test.skip(true, planned.skip);
      const mode = 'run' in planned ? planned.run : 'probe';
      test.skip(noList !== undefined, noList ?? '');
      return mode === 'own' && !(own && usable) ? 'observed' : mode;
    }

    /**
     * The list's rows as the target holds them (read once; re-read when a judgement needs it). A list
     * that cannot be read fails the property; an empty one skips it, naming why.
     */
    async function observe(client: ApiClient, testInfo: TestInfo, meta: Meta): Promise<{ snapshot: Snapshot }> {
      observed ??= { snapshot: await readSnapshot(client, listPath) };
      const { snapshot } = observed;
      if (snapshot.problem) await verdict(testInfo, client, meta, { finding: snapshot.problem });
      const why = noOwnData ? ` (no data set of the suite's own: ${noOwnData})` : '';
      if (snapshot.total === 0) await verdict(testInfo, client, meta, {}, `the target's ${listPath} list is empty, so there are no rows to observe${why}`);
      return observed;
    }

    /** Records one property's verdict in the conformance report and fails the test on a finding. */
    async function verdict(testInfo: TestInfo, client: ApiClient, { caseId, summary, checkId, source }: Meta, result: Result, skipReason?: string, note = '') {
      const check: CheckReport = skipReason
        ? { id: checkId, title: summary, source, outcome: 'skip', message: skipReason }
        : result.finding
          ? { id: checkId, title: summary, source, outcome: 'fail', message: `${result.finding.message} — ${result.details ?? ''}`.trim(), curl: toCurl(client, result.finding.request) }
          : { id: checkId, title: summary, source, outcome: 'pass', message: `held for ${RUNS} cases (seed ${SEED})${note}` };
      const kase = report(op, caseId, summary, [check]);
      if (skipReason) Object.assign(kase, { state: 'precondition', message: skipReason });
      // Attached, skipped or judged (known deviations included) like every other case.
      await concludeCase(kase, testInfo, () => `[${checkId}] ${op.operationId} › ${caseId}: ${check.message}\n  Source: ${source}\n  Reproduce with: ${check.curl}`);
    }

    const observedNote = (unsettled: number) => `; on the rows the target holds${noOwnData ? ` (${noOwnData})` : ''}${unsettled ? `; ${unsettled} case(s) not judged: the list kept changing` : ''}`;

    test('filter lookups match the reference model', { tag: tags, annotation: [{ type: 'source', description: SOURCES.lookups }] }, async ({ suite }, testInfo) => {
      const client = clientFor(suite);
      const mode = modeOf('lookups', data?.fields.some((f) => f.kind !== 'fixed' && f.lookups.length > 0));
      if (mode === 'observed') return observedLookups(client, testInfo);
      const fields = data.fields.filter((f) => f.kind !== 'fixed' && f.lookups.length > 0);
      /** Query values for one lookup on one field, drawn around a stored value. */
      const valuesFor = (field: FilterField, lookup: Lookup | 'plain'): fc.Arbitrary<string[]> =>
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
      const probe = async (field: FilterField, lookup: Lookup | 'plain', values: string[], commaJoined: boolean): Promise<Finding> => {
        const key = lookup === 'plain' ? field.name : `${field.name}__${lookup}`;
        const filter = filterQuery(key, values, lookup === 'in' && commaJoined);
        const query: Record<string, QueryValue> = { ...(data.scope ? { [data.scope.key]: data.scope.value } : {}), ...filter, limit: 1000 };
        const { request, response, page } = await getList(client, listPath, query);
        if (response.status !== 200 || !Array.isArray(page?.objects)) return { message: `${key} answered ${response.status}, not a 200 list`, request };
        const bare = lookup === 'plain' ? 'exact' : lookup;
        const [scopeField, scopeLookup] = data.scope ? (data.scope.key.split('__') as [string, Lookup]) : [undefined, undefined];
        const expected = data.objects
          .filter((o) => !scopeField || matches(o.values[scopeField] ?? null, scopeLookup!, data.scope!.value))
          .filter((o) => matches(o.values[field.name] ?? null, bare, bare === 'in' ? values : values[0]!))
          .map((o) => String(o.id));
        const ours = new Set(data.objects.map((o) => String(o.id)));
        const received = page.objects.map(idOf).filter((id) => ours.has(id) || !data.scope);
        if (!same(received, expected)) {
          return { message: `${key}=${JSON.stringify(filter[key])} matched ids ${JSON.stringify(sorted(received))}, the reference model expects ${JSON.stringify(sorted(expected))}`, request };
        }
        if (page.meta.total_count !== page.objects.length) return { message: `total_count ${page.meta.total_count} but ${page.objects.length} objects on a single page`, request };
        return undefined;
      };
      // One property per (field, lookup), so every documented lookup gets its share of cases; they
      // are independent, so as many run at once as the in-flight cap lets through.
      const pairs = fields.flatMap((field) => (['plain', ...field.lookups] as Array<Lookup | 'plain'>).map((lookup) => [field, lookup] as const));
      const failed = await firstFinding(pairs, maxInFlight(), async ([field, lookup]) => {
        const outcome = await checkProperty(fc.tuple(valuesFor(field, lookup), fc.boolean()), ([values, commaJoined]) => probe(field, lookup, values, commaJoined));
        return outcome.finding ? outcome : undefined;
      });
      await verdict(testInfo, client, META.lookups, failed ?? {});
    });

    /** Lookups on the rows the list holds: query values drawn from values present (and variants, prefixes, absent values). */
    async function observedLookups(client: ApiClient, testInfo: TestInfo) {
      const holder = await observe(client, testInfo, META.lookups);
      const token = fc.sample(fc.stringMatching(/^[a-z][a-z0-9]{5}$/), { seed: SEED, numRuns: 1 })[0]!;
      let unsettled = 0;
      const judged: string[] = [];
      let result: Result = {};
      for (const field of data.fields.filter((f) => f.lookups.length > 0)) {
        // A field the answers do not carry cannot be modelled from them.
        if (!holder.snapshot.rows.some((row) => field.name in row)) continue;
        const present = observedValues(holder.snapshot.rows, field.name).filter((v) => v !== '');
        const candidates = [...new Set([...present.map(String), ...(field.values ?? [])])];
        if (candidates.length === 0) continue;
        judged.push(field.name);
        const numeric = present.length > 0 && present.every((v) => typeof v === 'number');
        const boolean = present.length > 0 && present.every((v) => typeof v === 'boolean');
        const absent = numeric ? String(Math.max(...present.map(Number)) + 1_000_000) : absentValue(token);
        const valuesFor = (lookup: Lookup | 'plain'): fc.Arbitrary<string[]> => {
          const bare: Lookup = lookup === 'plain' ? 'exact' : lookup;
          let one: fc.Arbitrary<string>;
          if (boolean) one = fc.constantFrom('true', 'false');
          else if (numeric || field.values) one = fc.oneof(fc.constantFrom(...candidates), fc.constant(field.values ? field.values[0]! : absent));
          else if (bare === 'exact' || bare === 'iexact' || bare === 'in') {
            one = fc.constantFrom(...candidates).chain((v) => fc.oneof(fc.constant(v), caseVariant(v), fragment(RICH_ALPHABET, 2).map((x) => `${v}${x}`), fc.constant(absent)));
          } else {
            one = fc.constantFrom(...candidates).chain((v) =>
              fc.oneof(substringContaining(v, '').filter((sub) => sub !== '').chain((sub) => fc.oneof(fc.constant(sub), caseVariant(sub))), fc.constant(absent)),
            );
          }
          return bare === 'in' ? fc.array(one, { minLength: 1, maxLength: 3 }) : one.map((v) => [v]);
        };
        // One property per field, its cases spread over the field's lookups (observed rows are few
        // distinct values; this keeps big read-only lists within the run's time budget).
        const lookups = ['plain', ...field.lookups] as Array<Lookup | 'plain'>;
        const arb = fc.constantFrom(...lookups).chain((lookup) => fc.tuple(fc.constant(lookup), valuesFor(lookup), fc.boolean()));
        result = await checkProperty(arb, ([lookup, vs, commaJoined]) =>
          judgeStable(client, listPath, holder, (snapshot) => judgeLookup(client, snapshot, field.name, lookup, vs, commaJoined), () => (unsettled += 1)),
        );
        if (result.finding) break;
      }
      const skip = judged.length === 0 ? `no row of ${listPath} holds a value of a documented filter field (${data.fields.map((f) => f.name).join(', ')})` : undefined;
      await verdict(testInfo, client, META.lookups, result, skip, `${observedNote(unsettled)}; fields ${judged.join(', ')}`);
    }

    /** One filter query judged against observed rows: every answered row matches, every matching row is answered, total_count counts them. */
    async function judgeLookup(client: ApiClient, snapshot: Snapshot, field: string, lookup: Lookup | 'plain', values: string[], commaJoined: boolean): Promise<Finding> {
      const key = lookup === 'plain' ? field : `${field}__${lookup}`;
      const bare: Lookup = lookup === 'plain' ? 'exact' : lookup;
      const filter = filterQuery(key, values, bare === 'in' && commaJoined);
      const { request, response, page } = await getList(client, listPath, { ...filter, limit: 1000 });
      if (response.status !== 200 || !Array.isArray(page?.objects) || !page.meta) return { message: `${key}=${JSON.stringify(filter[key])} answered ${response.status}, not a 200 list`, request };
      const hit = (row: Record<string, unknown>) => matches(filterValue(row[field]) ?? null, bare, bare === 'in' ? values : values[0]!);
      const wrong = page.objects.find((row) => field in row && !hit(row));
      if (wrong) return { message: `${key}=${JSON.stringify(filter[key])} answered row ${idOf(wrong)} whose ${field} is ${JSON.stringify(wrong[field])}; the reference model does not select it`, request };
      const expected = snapshot.rows.filter(hit).map(idOf);
      const received = page.objects.map(idOf);
      const whole = page.meta.total_count <= page.objects.length;
      const missing = expected.filter((id) => !received.includes(id));
      if (whole && missing.length > 0) return { message: `${key}=${JSON.stringify(filter[key])} did not answer rows ${JSON.stringify(missing)}, which the reference model selects`, request };
      if (whole && page.meta.total_count !== page.objects.length) return { message: `total_count ${page.meta.total_count} but ${page.objects.length} objects on a single page`, request };
      if (snapshot.complete && page.meta.total_count !== expected.length) return { message: `${key}=${JSON.stringify(filter[key])} gave total_count ${page.meta.total_count}; ${expected.length} rows match`, request };
      return undefined;
    }

    test('undocumented filters and lookups are refused with 400', { tag: tags, annotation: [{ type: 'source', description: SOURCES.refused }] }, async ({ suite }, testInfo) => {
      modeOf('refused');
      const client = clientFor(suite);
      const documented = new Set(data.fields.map((f) => f.name));
      const scopeQuery = data.scope ? { [data.scope.key]: data.scope.value } : {};
      // Probe the fields the target's answer really has (a write-only or create-only field is no
      // field of the resource, and tastypie ignores unknown keys).
      const sample = await getList(client, listPath, { ...scopeQuery, limit: 1 });
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
      const finding: Finding = await firstFinding(probes, maxInFlight(), async (probe) => {
        const { request, response } = await getList(client, listPath, { ...scopeQuery, [probe.key]: 'x' });
        return response.status === 400 ? undefined : { message: `${probe.why}, yet ?${probe.key}=x answered ${response.status} (a filter must be refused, never silently ignored)`, request };
      });
      await verdict(testInfo, client, META.refused, { finding }, probes.length === 0 ? 'every field and lookup is documented' : undefined);
    });

    /** Checks one page's envelope against `count` rows at (`limit`, `offset`). */
    function pageProblem(page: Page, count: number, limit: number, offset: number, where: string): string | undefined {
      const want = expectedPage(count, limit, offset);
      if (page.meta.total_count !== count) return `total_count is ${page.meta.total_count}, ${count} rows match`;
      if (page.meta.limit !== limit) return `meta.limit is ${page.meta.limit}, limit=${limit} was asked`;
      if (page.meta.offset !== offset) return `meta.offset is ${page.meta.offset} on ${where}, expected ${offset}`;
      if (page.objects.length !== want.size) return `${where} holds ${page.objects.length} rows, expected ${want.size}`;
      if ((page.meta.previous !== null) !== want.hasPrevious) return `previous is ${JSON.stringify(page.meta.previous)} on ${where} (offset ${offset}, limit ${limit})`;
      if ((page.meta.next !== null) !== want.hasNext) return `next is ${JSON.stringify(page.meta.next)} on ${where} of ${Math.ceil(count / limit)}`;
      return undefined;
    }

    /** Follows `next` from the first page; returns the ids visited in order, or what was wrong. */
    async function walk(client: ApiClient, filter: Record<string, string>, limit: number, count: number, maxPages = Infinity): Promise<{ seen: string[]; partial?: true } | { finding: Finding & object }> {
      const seen: string[] = [];
      let query: Record<string, QueryValue> = { ...filter, limit, format: 'json' };
      for (let pageNo = 0; pageNo <= Math.ceil(count / limit) + 1; pageNo += 1) {
        // A list bigger than the suite reads is walked only so far.
        if (pageNo >= maxPages) return { seen, partial: true };
        const { request, response, page } = await getList(client, listPath, query);
        if (response.status !== 200 || !page?.meta || !Array.isArray(page.objects)) return { finding: { message: `page ${pageNo + 1} answered ${response.status}, not a list`, request } };
        const problem = pageProblem(page, count, limit, pageNo * limit, `page ${pageNo + 1}`);
        if (problem) return { finding: { message: problem, request } };
        seen.push(...page.objects.map(idOf));
        if (page.meta.next === null) return { seen };
        const next = new URL(page.meta.next, client.baseUrl + '/');
        if (next.pathname !== listPath) return { finding: { message: `next link ${page.meta.next} leaves ${listPath}`, request } };
        const params = Object.fromEntries([...next.searchParams.entries()]);
        for (const [k, v] of Object.entries({ ...filter, limit: String(limit), format: 'json' })) {
          if (params[k] !== v) return { finding: { message: `next link ${page.meta.next} does not keep ${k}=${v}`, request } };
        }
        query = params;
      }
      return { finding: { message: `next links went on past ${count} rows`, request: { method: 'GET', path: listPath, query } } };
    }

    test('paging visits every row once and its links keep the query', { tag: tags, annotation: [{ type: 'source', description: SOURCES.paging }] }, async ({ suite }, testInfo) => {
      const client = clientFor(suite);
      if (modeOf('paging', data?.scope !== undefined) === 'observed') {
        const holder = await observe(client, testInfo, META.paging);
        let unsettled = 0;
        const n = Math.min(holder.snapshot.total, OBSERVED_ROW_CAP);
        // Walks of at most ~4 pages: a big list is walked with big pages.
        const result = await checkProperty(fc.integer({ min: Math.min(1000, Math.max(1, Math.ceil(n / 4))), max: Math.min(n + 1, 1000) }), (limit) =>
          judgeStable(client, listPath, holder, async (snapshot) => {
            const walked = await walk(client, {}, limit, snapshot.total, Math.ceil(OBSERVED_ROW_CAP / limit) + 1);
            if ('finding' in walked) return walked.finding;
            const request: ApiRequest = { method: 'GET', path: listPath, query: { limit } };
            if (new Set(walked.seen).size !== walked.seen.length) return { message: `walking next from the first page visited a row twice: ${JSON.stringify(walked.seen)}`, request };
            if (snapshot.complete && !walked.partial && !same(walked.seen, snapshot.rows.map(idOf))) return { message: `walking next from the first page visited ${JSON.stringify(walked.seen)}, expected each of ${JSON.stringify(snapshot.rows.map(idOf))} once`, request };
            return undefined;
          }, () => (unsettled += 1)),
        );
        return verdict(testInfo, client, META.paging, result, undefined, observedNote(unsettled));
      }
      const n = data.objects.length;
      const scope = data.scope!;
      const result = await checkProperty(fc.integer({ min: 1, max: n + 1 }), async (limit) => {
        const walked = await walk(client, { [scope.key]: scope.value }, limit, n);
        if ('finding' in walked) return walked.finding;
        const ours = data.objects.map((o) => String(o.id));
        if (walked.seen.length !== ours.length || !same(walked.seen, ours)) return { message: `walking next from the first page visited ${JSON.stringify(walked.seen)}, expected each of ${JSON.stringify(sorted(ours))} once`, request: { method: 'GET', path: listPath, query: { [scope.key]: scope.value, limit } } };
        return undefined;
      });
      await verdict(testInfo, client, META.paging, result);
    });

    test('offset and limit select the documented window; bad values answer 400', { tag: tags, annotation: [{ type: 'source', description: SOURCES.offset }] }, async ({ suite }, testInfo) => {
      const client = clientFor(suite);
      const mode = modeOf('offset', data?.scope !== undefined);
      let result: Result;
      let note = '';
      let scopeQuery: Record<string, string> = {};
      if (mode === 'observed') {
        const holder = await observe(client, testInfo, META.offset);
        let unsettled = 0;
        const n = Math.min(holder.snapshot.total, OBSERVED_ROW_CAP);
        result = await checkProperty(fc.record({ limit: fc.integer({ min: 1, max: Math.min(n + 1, 1000) }), offset: fc.integer({ min: 0, max: n + 2 }) }), ({ limit, offset }) =>
          judgeStable(client, listPath, holder, async (snapshot) => {
            const { request, response, page } = await getList(client, listPath, { limit, offset });
            if (response.status !== 200 || !page?.meta || !Array.isArray(page.objects)) return { message: `answered ${response.status}`, request };
            const problem = pageProblem(page, snapshot.total, limit, offset, `limit=${limit}&offset=${offset}`);
            if (problem) return { message: problem, request };
            // The window of the list in its default order (as read from offset 0).
            const window = snapshot.rows.slice(offset, offset + limit).map(idOf);
            const received = page.objects.map(idOf);
            if (offset + limit <= snapshot.rows.length && JSON.stringify(received) !== JSON.stringify(window)) return { message: `limit=${limit}&offset=${offset} gave rows ${JSON.stringify(received)}, the list from offset 0 has ${JSON.stringify(window)} there`, request };
            return undefined;
          }, () => (unsettled += 1)),
        );
        note = observedNote(unsettled);
      } else {
        const n = data.objects.length;
        scopeQuery = { [data.scope!.key]: data.scope!.value };
        result = await checkProperty(fc.record({ limit: fc.integer({ min: 1, max: n + 1 }), offset: fc.integer({ min: 0, max: n + 2 }) }), async ({ limit, offset }) => {
          const { request, response, page } = await getList(client, listPath, { ...scopeQuery, limit, offset });
          if (response.status !== 200 || !page?.meta || !Array.isArray(page.objects)) return { message: `answered ${response.status}`, request };
          const want = expectedPage(n, limit, offset);
          if (page.objects.length !== want.size) return { message: `limit=${limit}&offset=${offset} over ${n} rows gave ${page.objects.length} rows, expected ${want.size}`, request };
          if (page.meta.offset !== offset || page.meta.total_count !== n) return { message: `meta ${JSON.stringify(page.meta)} does not echo offset ${offset} / total ${n}`, request };
          if ((page.meta.next !== null) !== want.hasNext) return { message: `next is ${JSON.stringify(page.meta.next)} for offset ${offset}, limit ${limit}, ${n} rows`, request };
          return undefined;
        });
      }
      // Fixed probes: tastypie's documented bounds (facts · Paging).
      let finding = result.finding;
      if (!finding) {
        for (const query of [{ limit: -1 }, { limit: 'abc' }, { offset: -1 }, { offset: 'abc' }] as Array<Record<string, QueryValue>>) {
          const { request, response } = await getList(client, listPath, { ...scopeQuery, ...query });
          if (response.status !== 400) {
            finding = { message: `${JSON.stringify(query)} answered ${response.status}, not 400`, request };
            break;
          }
        }
      }
      if (!finding) {
        for (const limit of [0, 5000]) {
          const { request, page } = await getList(client, listPath, { ...scopeQuery, limit });
          if (page?.meta?.limit !== 1000) {
            finding = { message: `limit=${limit} gave meta.limit ${page?.meta?.limit}; the maximum (and limit=0) is 1000`, request };
            break;
          }
        }
      }
      await verdict(testInfo, client, META.offset, { finding, details: result.details }, undefined, note);
    });

    test('order_by sorts ascending and -field descending', { tag: tags, annotation: [{ type: 'source', description: SOURCES.ordering }] }, async ({ suite }, testInfo) => {
      const client = clientFor(suite);
      const ownOrderable = (op.ordering ?? []).filter((f) => data?.fields.some((x) => x.name === f && x.kind === 'string'));
      const mode = modeOf('ordering', ownOrderable.length > 0);
      let finding: Finding;
      let note = '';
      let skip: string | undefined;
      const scopeQuery = mode === 'own' && data.scope ? { [data.scope.key]: data.scope.value } : {};
      if (mode === 'own') {
        for (const field of ownOrderable) {
          const asc = await getList(client, listPath, { ...scopeQuery, order_by: field, limit: 1000 });
          const desc = await getList(client, listPath, { ...scopeQuery, order_by: `-${field}`, limit: 1000 });
          const ours = new Set(data.objects.map((o) => String(o.id)));
          const pick = (p: Page | undefined) => (p?.objects ?? []).filter((o) => ours.has(idOf(o))).map((o) => o[field] as string);
          const a = pick(asc.page);
          const d = pick(desc.page);
          if (asc.response.status !== 200 || !ordered(a)) {
            finding = { message: `order_by=${field} answered ${asc.response.status} with ${JSON.stringify(a)}, not in ascending order`, request: asc.request };
            break;
          }
          if (desc.response.status !== 200 || JSON.stringify(d) !== JSON.stringify([...a].reverse())) {
            finding = { message: `order_by=-${field} gave ${JSON.stringify(d)}, not the reverse of ${JSON.stringify(a)}`, request: desc.request };
            break;
          }
        }
      } else if ((op.ordering ?? []).length > 0) {
        // Observed rows: the values a documented field has, ascending, then the same values reversed.
        observed ??= { snapshot: await readSnapshot(client, listPath) };
        const holder = observed;
        if (holder.snapshot.problem) await verdict(testInfo, client, META.ordering, { finding: holder.snapshot.problem });
        let unsettled = 0;
        const fields = (op.ordering ?? []).filter((f) => holder.snapshot.rows.some((row) => filterValue(row[f]) !== undefined));
        for (const field of fields) {
          finding = await judgeStable(client, listPath, holder, async (snapshot) => {
            const asc = await getList(client, listPath, { order_by: field, limit: 1000 });
            const desc = await getList(client, listPath, { order_by: `-${field}`, limit: 1000 });
            const values = (p: Page | undefined) => (p?.objects ?? []).map((o) => filterValue(o[field]) ?? null);
            const a = values(asc.page);
            const d = values(desc.page);
            if (asc.response.status !== 200 || !ordered(a)) return { message: `order_by=${field} answered ${asc.response.status} with ${JSON.stringify(a)}, not in ascending order`, request: asc.request };
            if (desc.response.status !== 200 || !ordered([...d].reverse())) return { message: `order_by=-${field} gave ${JSON.stringify(d)}, not in descending order`, request: desc.request };
            const whole = (asc.page?.meta?.total_count ?? Infinity) <= 1000;
            if (whole && JSON.stringify(d.filter((v) => v !== null)) !== JSON.stringify(a.filter((v) => v !== null).reverse())) return { message: `order_by=-${field} gave ${JSON.stringify(d)}, not the reverse of ${JSON.stringify(a)}`, request: desc.request };
            if (whole && snapshot.complete && !same((asc.page?.objects ?? []).map(idOf), snapshot.rows.map(idOf))) return { message: `order_by=${field} did not answer the list's rows`, request: asc.request };
            return undefined;
          }, () => (unsettled += 1));
          if (finding) break;
        }
        note = `${observedNote(unsettled)}; fields ${fields.join(', ') || '-'}`;
        if (!finding && fields.length === 0) skip = `no row of ${listPath} holds a value of an orderable field (${(op.ordering ?? []).join(', ')}); order_by on an unknown field was refused as it must be`;
      }
      if (!finding) {
        const { request, response } = await getList(client, listPath, { ...scopeQuery, order_by: 'no_such_field_fc' });
        if (response.status !== 400) {
          finding = { message: `order_by on an unknown field answered ${response.status}, not 400`, request };
          skip = undefined;
        }
      }
      await verdict(testInfo, client, META.ordering, { finding }, skip, note);
    });

    test('format and Accept choose JSON or XML carrying the same data', { tag: tags, annotation: [{ type: 'source', description: SOURCES.formats }] }, async ({ suite }, testInfo) => {
      modeOf('formats');
      const client = clientFor(suite);
      const scopeQuery: Record<string, QueryValue> = data.scope ? { [data.scope.key]: data.scope.value } : { limit: 1 };
      let finding: Finding;
      // Unscoped lists may change between two requests (other tests create and delete objects):
      // an XML answer is compared with JSON answers taken just before and after it that agree.
      let json = await getList(client, listPath, { ...scopeQuery, format: 'json' });
      let xml = await getList(client, listPath, { ...scopeQuery, format: 'xml' });
      // Other tests may keep writing for a while: wait a little between tries (bounded: 20 × 50 ms).
      for (let attempt = 0; attempt < 20; attempt += 1) {
        const after = await getList(client, listPath, { ...scopeQuery, format: 'json' });
        if (JSON.stringify(normalise(after.page)) === JSON.stringify(normalise(json.page))) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
        json = after;
        xml = await getList(client, listPath, { ...scopeQuery, format: 'xml' });
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
        const byAccept = await getList(client, listPath, scopeQuery, { Accept: 'application/xml' });
        if (contentType(byAccept) !== 'application/xml') finding = { message: `Accept: application/xml answered ${contentType(byAccept)}`, request: byAccept.request };
      }
      if (!finding) {
        const both = await getList(client, listPath, { ...scopeQuery, format: 'json' }, { Accept: 'application/xml' });
        if (contentType(both) !== 'application/json') finding = { message: `format=json with Accept: application/xml answered ${contentType(both)}; the format parameter must win`, request: both.request };
      }
      await verdict(testInfo, client, META.formats, { finding });
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
