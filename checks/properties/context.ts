/**
 * What a property check works with: one filterable list of one target, the data it is judged on
 * (a seeded data set of the suite's own, or the rows the target already holds), and the tools every
 * property shares — fetching a page, running a fast-check property with the run's seed, reading the
 * observed rows once. Built once per list (`PropertyContext.prepare`), then handed to each property
 * check of the registry (checks/properties/registry.ts) in turn.
 */
import fc from 'fast-check';
import type { SuiteServices } from '../../engine/run-case.ts';
import { ObjectRegistry } from '../../engine/objects.ts';
import { publishedRunFixtures } from '../../engine/run-fixtures.ts';
import { buildPropertyData, createOperation, filterFields, listObjectFields, type PropertyData } from '../../engine/property-data.ts';
import { readSnapshot, type Snapshot } from '../../engine/property-observed.ts';
import type { Product } from '../../lib/config.ts';
import { parseJson, type ApiClient, type ApiRequest, type QueryValue } from '../../lib/http.ts';
import { compareValues, expectedPage, type FieldValue } from '../../lib/lookups.ts';
import type { Operation } from '../../lib/openapi.ts';
import type { PropertyId, PropertyPlan } from '../../lib/property-plan.ts';

export interface Page {
  meta: { limit: number; next: string | null; offset: number; previous: string | null; total_count: number };
  objects: Array<Record<string, unknown>>;
}

/** A property's verdict: `undefined` when it holds, else what was wrong and which request showed it. */
export type Finding = { message: string; request: ApiRequest } | undefined;

/** What a property check concludes: a finding (fails), a reason it could not judge (skips), or neither (holds). */
export interface PropertyOutcome {
  finding?: Finding & object;
  /** How the finding was reached: cases run, seed and replay line, the shrunk counterexample. */
  details?: string;
  /** Why nothing could be judged (reported as a precondition skip). */
  skip?: string;
  /** Said after "held for N cases" (observed rows, fields judged). */
  note?: string;
}

/** A property check, registered like every other check: an id, a title and the source of its rule. */
export interface PropertyCheck {
  /** The check id the report, `--grep` and expectation files use (`filter-lookups`…). */
  id: string;
  /** The property of the plan (lib/property-plan.ts) this check judges. */
  property: PropertyId;
  /** The case id in the conformance report (the same whichever data it ran on). */
  caseId: string;
  /** The rule, as the report states it. */
  title: string;
  /** The Playwright test title. */
  testTitle: string;
  source: string;
  run(ctx: PropertyContext): Promise<PropertyOutcome>;
}

/** Ends a property early with its outcome (the observed list could not be read, or is empty). */
export class PropertyEnd extends Error {
  constructor(readonly outcome: PropertyOutcome) {
    super(outcome.skip ?? outcome.finding?.message ?? 'property ended');
  }
}

/** The property cannot run on this list at all (its plan says why): the test is skipped without a case report. */
export class PropertyNotPlanned extends Error {}

class PropertyFailure extends Error {
  constructor(message: string, readonly request: ApiRequest) {
    super(message);
  }
}

export const idOf = (o: Record<string, unknown>) => String(o.id ?? o.resource_uri);
export const sorted = (ids: Iterable<string>) => [...ids].sort();
export const same = (a: Iterable<string>, b: Iterable<string>) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));

/** Sorted by one of the collations a database may use: byte order, case-insensitive, or letters and digits only (glibc locales skip punctuation). */
export function ordered(values: FieldValue[]): boolean {
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

/** Checks one page's envelope against `count` rows at (`limit`, `offset`). */
export function pageProblem(page: Page, count: number, limit: number, offset: number, where: string): string | undefined {
  const want = expectedPage(count, limit, offset);
  if (page.meta.total_count !== count) return `total_count is ${page.meta.total_count}, ${count} rows match`;
  if (page.meta.limit !== limit) return `meta.limit is ${page.meta.limit}, limit=${limit} was asked`;
  if (page.meta.offset !== offset) return `meta.offset is ${page.meta.offset} on ${where}, expected ${offset}`;
  if (page.objects.length !== want.size) return `${where} holds ${page.objects.length} rows, expected ${want.size}`;
  if ((page.meta.previous !== null) !== want.hasPrevious) return `previous is ${JSON.stringify(page.meta.previous)} on ${where} (offset ${offset}, limit ${limit})`;
  if ((page.meta.next !== null) !== want.hasNext) return `next is ${JSON.stringify(page.meta.next)} on ${where} of ${Math.ceil(count / limit)}`;
  return undefined;
}

export interface PropertySettings {
  seed: number;
  /** Cases per property. */
  runs: number;
  /** The run's id and secret: the names and password of the data set's objects. */
  runId: string;
  secret: string;
  /** fast-check's replay path (FORTICONFORM_PROPERTY_PATH). */
  path?: string;
}

export class PropertyContext {
  /** The suite's own data set was built (else the properties judge observed rows). */
  own = false;
  /** Why there is no data set of the suite's own. */
  noOwnData: string | undefined;
  /** The list's path with a nested list's parent filled in. */
  listPath: string;
  /** Why the list cannot be addressed at all (a nested list with no parent on the target). */
  noList: string | undefined;
  data: PropertyData;
  private observed: { snapshot: Snapshot } | undefined;
  private objects: ObjectRegistry | undefined;

  private constructor(
    readonly op: Operation,
    readonly plan: PropertyPlan,
    readonly client: ApiClient,
    readonly settings: PropertySettings,
    data: PropertyData,
  ) {
    this.listPath = op.path;
    this.data = data;
    this.noOwnData = plan.ownData.available ? undefined : plan.ownData.why;
  }

  /** Builds the list's data set (when the plan wants one and the target allows it), else prepares to observe. */
  static async prepare(suite: SuiteServices, plan: PropertyPlan, settings: PropertySettings): Promise<PropertyContext> {
    const op = plan.op;
    const client = suite.clients[op.product as Product]!;
    const fixtureBody = suite.model.fixtureBodies.get(op.path);
    const ctx = new PropertyContext(op, plan, client, settings, {
      token: '',
      fields: filterFields(op, createOperation(suite.model, op)?.requestSchema, fixtureBody),
      objects: [],
      objectFields: listObjectFields(op),
    });
    const wantsOwn = plan.ownData.available && Object.values(plan.properties).some((p) => 'run' in p && p.run === 'own');
    if (wantsOwn) {
      let n = 0;
      // The operation's index keeps data sets of different lists apart (a membership's device and
      // a device list's own would otherwise share a name, and the MAC derived from it).
      const list = suite.model.operations.indexOf(op);
      ctx.objects = new ObjectRegistry(client, suite.model.fixtureBodies, () => `fc_${settings.runId}_p${list}_${++n}`, settings.secret, client.target.provided, publishedRunFixtures()[op.product]);
      try {
        if (plan.parent) {
          const parent = await ctx.objects.create(plan.parent.collection, suite.model.fixtureBodies.get(plan.parent.collection));
          ctx.listPath = op.path.replace(`{${plan.parent.param}}`, String(parent.id));
        }
        ctx.data = await buildPropertyData(suite.model, op, suite.schemas, ctx.objects, settings.seed, ctx.listPath);
        ctx.own = true;
      } catch (error) {
        // Prerequisites this target lacks: the properties judge the rows the list holds instead.
        ctx.noOwnData = (error as Error).message;
      }
    }
    if (plan.parent && ctx.listPath === op.path) ctx.noList = await ctx.findParent();
    return ctx;
  }

  async cleanup(): Promise<void> {
    await this.objects?.cleanup();
  }

  /** Without writing: the first parent (of the first 20) whose nested list has rows, else the first parent. */
  private async findParent(): Promise<string | undefined> {
    const parent = this.plan.parent!;
    const { response, page } = await this.getList(parent.collection, { limit: 20 });
    const ids = response.status === 200 && Array.isArray(page?.objects) ? page.objects.map((o) => o.id).filter((id) => id !== undefined) : [];
    if (ids.length === 0) return `${this.op.path} lists objects under a ${parent.collection} object, and the target answered none (${response.status})`;
    const pathFor = (id: unknown) => this.op.path.replace(`{${parent.param}}`, String(id));
    for (const id of ids) {
      const nested = await this.getList(pathFor(id), { limit: 1 });
      if ((nested.page?.meta?.total_count ?? 0) > 0) {
        this.listPath = pathFor(id);
        return undefined;
      }
    }
    this.listPath = pathFor(ids[0]);
    return undefined;
  }

  async getList(path: string, query: Record<string, QueryValue>, headers?: Record<string, string>) {
    const request: ApiRequest = { method: 'GET', path, query, headers };
    const response = await this.client.send(request);
    return { request, response, page: parseJson(response.text) as Page | undefined };
  }

  /** A page of this list. */
  list(query: Record<string, QueryValue>, headers?: Record<string, string>) {
    return this.getList(this.listPath, query, headers);
  }

  /** The data set's scope filter (its run-unique token), or none. */
  get scopeQuery(): Record<string, string> {
    return this.data.scope ? { [this.data.scope.key]: this.data.scope.value } : {};
  }

  /**
   * The mode a property runs in now: planned `own` falls back to observed rows when no data set
   * could be built (or it cannot serve this property). Throws PropertyNotPlanned when the plan
   * skips the property or the list cannot be addressed.
   */
  mode(id: PropertyId, usable = true): 'own' | 'observed' | 'probe' {
    const planned = this.plan.properties[id];
    if ('skip' in planned) throw new PropertyNotPlanned(planned.skip);
    if (this.noList !== undefined) throw new PropertyNotPlanned(this.noList);
    const mode = 'run' in planned ? planned.run : 'probe';
    return mode === 'own' && !(this.own && usable) ? 'observed' : mode;
  }

  /**
   * The list's rows as the target holds them (read once; re-read when a judgement needs it). A list
   * that cannot be read fails the property; an empty one skips it, naming why (PropertyEnd).
   */
  async observe(): Promise<{ snapshot: Snapshot }> {
    const holder = await this.snapshot();
    if (holder.snapshot.problem) throw new PropertyEnd({ finding: holder.snapshot.problem });
    const why = this.noOwnData ? ` (no data set of the suite's own: ${this.noOwnData})` : '';
    if (holder.snapshot.total === 0) throw new PropertyEnd({ skip: `the target's ${this.listPath} list is empty, so there are no rows to observe${why}` });
    return holder;
  }

  /** The rows, read once, without judging whether they can be observed. */
  async snapshot(): Promise<{ snapshot: Snapshot }> {
    this.observed ??= { snapshot: await readSnapshot(this.client, this.listPath) };
    return this.observed;
  }

  observedNote(unsettled: number): string {
    return `; on the rows the target holds${this.noOwnData ? ` (${this.noOwnData})` : ''}${unsettled ? `; ${unsettled} case(s) not judged: the list kept changing` : ''}`;
  }

  /** Runs a property with the run's seed; returns the failure found (after shrinking), if any. */
  async checkProperty<T>(arb: fc.Arbitrary<T>, predicate: (value: T) => Promise<Finding>): Promise<PropertyOutcome> {
    const { seed, runs } = this.settings;
    const details = await fc.check(
      fc.asyncProperty(arb, async (value) => {
        const finding = await predicate(value);
        if (finding) throw new PropertyFailure(finding.message, finding.request);
      }),
      { seed, numRuns: runs, path: this.settings.path, endOnFailure: false, interruptAfterTimeLimit: 60_000 },
    );
    if (!details.failed) return {};
    // Re-run the shrunk counterexample once to capture its message and request.
    const counterexample = details.counterexample?.[0] as T;
    const finding = counterexample === undefined ? undefined : await predicate(counterexample);
    const replay = `seed ${details.seed}, path ${details.counterexamplePath ?? '-'} (replay: FORTICONFORM_SEED=${details.seed} FORTICONFORM_PROPERTY_PATH=${details.counterexamplePath ?? ''})`;
    const error = details.errorInstance instanceof Error && !(details.errorInstance instanceof PropertyFailure) ? `; error: ${details.errorInstance.message}` : '';
    // A failure the replay does not show again (the target answered differently the second time)
    // is still a failure: reported with what was seen the first time, not as an unexplained one.
    const seen = details.errorInstance instanceof PropertyFailure
      ? { message: `${details.errorInstance.message} (not seen again when the counterexample was replayed)`, request: details.errorInstance.request }
      : undefined;
    return {
      finding: finding ?? seen ?? { message: `property failed${error}`, request: { method: 'GET', path: '/' } },
      details: `after ${details.numRuns} cases, ${replay}; shrunk counterexample: ${fc.stringify(counterexample)}`,
    };
  }
}
