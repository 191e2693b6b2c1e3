// Query-string filters and order_by — tastypie ModelResource.build_filters / check_filtering /
// filter_value_to_python / apply_sorting, with Django lookup semantics (facts · Filtering, Ordering;
// 002 · Filter lookup expressions).

import type { Collection, FieldSpec, ResourceDecl, Scalar } from '../models/types.ts';
import type { VariantFlags } from '../variants.ts';
import type { Query } from './query.ts';

// Lookup names Django knows for a field: a trailing `__<one of these>` is a lookup, anything else
// after the field name is a relation path.
const DJANGO_LOOKUPS = new Set([
  'exact', 'iexact', 'contains', 'icontains', 'in', 'gt', 'gte', 'lt', 'lte', 'startswith', 'istartswith',
  'endswith', 'iendswith', 'range', 'isnull', 'regex', 'iregex', 'year', 'month', 'day', 'week_day', 'hour',
  'minute', 'second', 'date', 'time', 'search',
]);

const MISMATCHED = 'Invalid resource lookup data provided (mismatched type).';

export class FilterError extends Error {}

type Predicate = (v: Scalar) => boolean;

/** tastypie utils.string_to_python. */
function stringToPython(s: string): string | boolean | null {
  if (s === 'true' || s === 'True') return true;
  if (s === 'false' || s === 'False') return false;
  if (s === 'nil' || s === 'none' || s === 'None') return null;
  return s;
}

/** Django's get_prep_value for the field type; throws FilterError on a mismatched type. */
function coerce(spec: FieldSpec, v: string | boolean | null): Scalar {
  if (v === null) return null;
  switch (spec.type) {
    case 'boolean':
      if (v === true || v === 'true' || v === 'True' || v === '1' || v === 't') return true;
      if (v === false || v === 'false' || v === 'False' || v === '0' || v === 'f') return false;
      throw new FilterError(`'${String(v)}' value must be either True or False.`);
    case 'integer':
    case 'related': {
      if (v === true) return 1;
      if (v === false) return 0;
      if (!/^\s*[+-]?\d+\s*$/.test(v)) throw new FilterError(MISMATCHED);
      return Number.parseInt(v.trim(), 10);
    }
    default:
      // CharField: str(True) == "True"
      return v === true ? 'True' : v === false ? 'False' : v;
  }
}

function predicate(lookup: string, spec: FieldSpec, raw: string, all: readonly string[], variants?: VariantFlags): Predicate {
  if (variants?.has('filter-iexact-as-exact') && lookup === 'iexact') lookup = 'exact'; // variant
  if (variants?.has('filter-icontains-case-sensitive') && lookup === 'icontains') lookup = 'contains'; // variant
  if (lookup === 'in') {
    // filter_value_to_python: every repeated value, each split on commas; an empty (last) value → ''.
    if (raw === '') return () => false;
    const given = variants?.has('filter-in-last-value-only') ? all.slice(-1) : all; // variant
    const wanted = new Set<Scalar>(given.flatMap((p) => p.split(',')).map((p) => coerce(spec, p)));
    return (v) => v !== null && wanted.has(v);
  }
  const value = coerce(spec, stringToPython(raw));
  // Django turns `exact=None` / `iexact=None` into `isnull=True`; other lookups refuse None (ValueError).
  if (value === null) {
    if (lookup === 'exact' || lookup === 'iexact') return (v) => v === null;
    throw new FilterError(MISMATCHED);
  }
  const s = String(value);
  const upper = s.toUpperCase();
  switch (lookup) {
    case 'exact':
      return (v) => v === value;
    case 'iexact':
      return (v) => v !== null && String(v).toUpperCase() === upper;
    case 'contains':
      return (v) => v !== null && String(v).includes(s);
    case 'icontains':
      return (v) => v !== null && String(v).toUpperCase().includes(upper);
    case 'startswith':
      return (v) => v !== null && String(v).startsWith(s);
    case 'istartswith':
      return (v) => v !== null && String(v).toUpperCase().startsWith(upper);
    default:
      // A lookup the declaration allows but the emulator does not implement: nothing matches.
      return () => false;
  }
}

/** Positions in `objects` by a field's value (upper-cased when `fold`), for exact/iexact filters. */
export type FieldIndex = (field: string, fold: boolean) => ReadonlyMap<Scalar, readonly number[]>;

/** A FieldIndex's map for one field of `objects` (null values are never matched by exact/iexact on a string). */
export function indexField<T>(coll: Collection<T>, objects: readonly T[], field: string, fold: boolean): Map<Scalar, number[]> {
  const index = new Map<Scalar, number[]>();
  for (let i = 0; i < objects.length; i++) {
    const v = coll.value(objects[i] as T, field);
    if (v === null) continue;
    const key = fold ? String(v).toUpperCase() : v;
    const at = index.get(key);
    if (at) at.push(i);
    else index.set(key, [i]);
  }
  return index;
}

/**
 * Apply every filter in the query. Throws FilterError (→ 400 {"error": message}). With `index`, an
 * exact/iexact filter on a string field narrows the rows to its matches first (the same rows a scan
 * keeps: every filter still runs on them); order stays that of `objects`.
 */
export function applyFilters<T>(decl: ResourceDecl, coll: Collection<T>, objects: readonly T[], query: Query, variants?: VariantFlags, index?: FieldIndex): readonly T[] {
  const tests: Array<{ field: string; test: Predicate }> = [];
  let narrowed: readonly number[] | undefined;
  for (const key of query.keys()) {
    const bits = key.split('__');
    const field = bits.shift() as string;
    const spec = decl.fields[field];
    // "It's not a field we know about. Move along citizen." (format, limit, abridged, ...)
    if (!spec || !Object.prototype.hasOwnProperty.call(decl.fields, field)) continue;
    let lookup = 'exact';
    const last = bits[bits.length - 1];
    if (last !== undefined && DJANGO_LOOKUPS.has(last)) lookup = bits.pop() as string;
    const allowed = decl.filtering[field];
    if (!allowed && variants?.has('filter-undocumented-ignored')) continue; // variant
    if (!allowed) throw new FilterError(`The '${field}' field does not allow filtering.`);
    if (!(allowed as readonly string[]).includes(lookup))
      throw new FilterError(`'${lookup}' is not an allowed filter on the '${field}' field.`);
    if (bits.length > 0)
      throw new FilterError(
        spec.type === 'related'
          ? `Lookups are not allowed more than one level deep on the '${field}' field.`
          : `The '${field}' field does not support relations.`,
      );
    const raw = query.get(key) ?? '';
    tests.push({ field, test: predicate(lookup, spec, raw, query.getAll(key), variants) });
    const indexable = spec.type === 'string' && (lookup === 'exact' || (lookup === 'iexact' && !variants?.has('filter-iexact-as-exact')));
    if (index && narrowed === undefined && indexable) {
      const value = coerce(spec, stringToPython(raw));
      if (typeof value === 'string') narrowed = index(field, lookup === 'iexact').get(lookup === 'iexact' ? value.toUpperCase() : value) ?? [];
    }
  }
  if (tests.length === 0) return objects;
  const candidates = narrowed === undefined ? objects : narrowed.map((i) => objects[i] as T);
  return candidates.filter((o) => tests.every((t) => t.test(coll.value(o, t.field))));
}

export class OrderError extends Error {}

function compareScalars(a: Scalar, b: Scalar): number {
  // PostgreSQL: NULLs sort last ascending (first descending).
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0; // code-unit order (reading: no locale collation)
}

/** order_by (repeatable, `-field` descending). Throws OrderError (→ 400). Stable over the default order. */
export function applyOrdering<T>(decl: ResourceDecl, coll: Collection<T>, objects: readonly T[], query: Query, variants?: VariantFlags): readonly T[] {
  const orderBits = query.getAll('order_by');
  if (orderBits.length === 0) return objects;
  const keys: Array<{ field: string; desc: boolean }> = [];
  for (const ob of orderBits) {
    const bits = ob.split('__');
    const head = bits[0] ?? '';
    const desc = head.startsWith('-');
    const field = desc ? head.slice(1) : head;
    if (!Object.prototype.hasOwnProperty.call(decl.fields, field)) throw new OrderError(`No matching '${field}' field for ordering on.`);
    if (!decl.ordering.includes(field)) throw new OrderError(`The '${field}' field does not allow ordering.`);
    // Reading: a relation path after an orderable field (Django FieldError, a 500 in tastypie) → 400.
    if (bits.length > 1) throw new OrderError(`No matching '${[field, ...bits.slice(1)].join('__')}' field for ordering on.`);
    keys.push({ field, desc: desc && !variants?.has('order-desc-ignored') }); // variant: `-` dropped
  }
  const rows = objects.map((o, i) => ({ o, i, v: keys.map((k) => coll.value(o, k.field)) }));
  rows.sort((a, b) => {
    for (let k = 0; k < keys.length; k++) {
      const c = compareScalars(a.v[k] as Scalar, b.v[k] as Scalar);
      if (c !== 0) return keys[k]?.desc ? -c : c;
    }
    return a.i - b.i;
  });
  return rows.map((r) => r.o);
}
