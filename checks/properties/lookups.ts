/**
 * Every documented filter lookup selects exactly the rows the reference model (lib/lookups.ts)
 * selects: on the suite's own data set, one property per (field, lookup); on observed rows, one per
 * field, its cases spread over the field's lookups.
 */
import fc from 'fast-check';
import { caseVariant, fragment, RICH_ALPHABET, substringContaining } from '../../arbitraries/filterValue.ts';
import type { FilterField } from '../../engine/property-data.ts';
import { absentValue, filterQuery, filterValue, judgeStable, observedValues, type Snapshot } from '../../engine/property-observed.ts';
import { firstFinding } from '../../lib/concurrent.ts';
import type { QueryValue } from '../../lib/http.ts';
import { maxInFlight } from '../../lib/run-options.ts';
import { type Lookup, matches } from '../../lib/lookups.ts';
import { type Finding, idOf, type PropertyCheck, type PropertyContext, type PropertyOutcome, same, sorted } from './context.ts';

async function ownLookups(ctx: PropertyContext): Promise<PropertyOutcome> {
  const { data } = ctx;
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
    const query: Record<string, QueryValue> = { ...ctx.scopeQuery, ...filter, limit: 1000 };
    const { request, response, page } = await ctx.list(query);
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
    const outcome = await ctx.checkProperty(fc.tuple(valuesFor(field, lookup), fc.boolean()), ([values, commaJoined]) => probe(field, lookup, values, commaJoined));
    return outcome.finding ? outcome : undefined;
  });
  return failed ?? {};
}

/** One filter query judged against observed rows: every answered row matches, every matching row is answered, total_count counts them. */
async function judgeLookup(ctx: PropertyContext, snapshot: Snapshot, field: string, lookup: Lookup | 'plain', values: string[], commaJoined: boolean): Promise<Finding> {
  const key = lookup === 'plain' ? field : `${field}__${lookup}`;
  const bare: Lookup = lookup === 'plain' ? 'exact' : lookup;
  const filter = filterQuery(key, values, bare === 'in' && commaJoined);
  const { request, response, page } = await ctx.list({ ...filter, limit: 1000 });
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

/** Lookups on the rows the list holds: query values drawn from values present (and variants, prefixes, absent values). */
async function observedLookups(ctx: PropertyContext): Promise<PropertyOutcome> {
  const holder = await ctx.observe();
  const token = fc.sample(fc.stringMatching(/^[a-z][a-z0-9]{5}$/), { seed: ctx.settings.seed, numRuns: 1 })[0]!;
  let unsettled = 0;
  const judged: string[] = [];
  let result: PropertyOutcome = {};
  for (const field of ctx.data.fields.filter((f) => f.lookups.length > 0)) {
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
    result = await ctx.checkProperty(arb, ([lookup, vs, commaJoined]) =>
      judgeStable(ctx.client, ctx.listPath, holder, (snapshot) => judgeLookup(ctx, snapshot, field.name, lookup, vs, commaJoined), () => (unsettled += 1)),
    );
    if (result.finding) break;
  }
  const skip = judged.length === 0 ? `no row of ${ctx.listPath} holds a value of a documented filter field (${ctx.data.fields.map((f) => f.name).join(', ')})` : undefined;
  return { ...result, ...(skip ? { skip } : {}), note: `${ctx.observedNote(unsettled)}; fields ${judged.join(', ')}` };
}

export const filterLookups: PropertyCheck = {
  id: 'filter-lookups',
  property: 'lookups',
  caseId: 'property-lookups',
  title: 'Every documented filter lookup selects exactly the rows the reference model selects',
  testTitle: 'filter lookups match the reference model',
  source: '002 · Advanced filtering · Filter lookup expressions',
  async run(ctx) {
    const mode = ctx.mode('lookups', ctx.data?.fields.some((f) => f.kind !== 'fixed' && f.lookups.length > 0));
    return mode === 'observed' ? observedLookups(ctx) : ownLookups(ctx);
  },
};
