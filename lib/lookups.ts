/**
 * The suite's reference model of tastypie/Django filter lookups, ordering and paging over the
 * objects a property test created. Written from the guide's "Filter lookup expressions" table
 * (002 · Advanced filtering · Filter lookup expressions) and the tastypie facts
 * (facts · FortiAuthenticator is a django-tastypie API · Filtering, Ordering, Paging); independent
 * of the emulator's implementation.
 */

export type Lookup = 'exact' | 'iexact' | 'contains' | 'icontains' | 'in' | 'startswith' | 'istartswith';
export const LOOKUPS: readonly Lookup[] = ['exact', 'iexact', 'contains', 'icontains', 'in', 'startswith', 'istartswith'];

export type FieldValue = string | number | boolean | null;

/** Case folding as PostgreSQL's UPPER() does it for Django's i-lookups. */
const fold = (s: string) => s.toUpperCase();

/** Whether a stored value matches `lookup` with the query value(s). `in` takes every value. */
export function matches(stored: FieldValue, lookup: Lookup, query: string | string[]): boolean {
  if (lookup === 'in') {
    const wanted = (Array.isArray(query) ? query : [query]).flatMap((v) => v.split(','));
    return stored !== null && wanted.includes(String(stored));
  }
  const q = Array.isArray(query) ? query[query.length - 1]! : query;
  if (typeof stored === 'boolean') {
    // tastypie's string_to_python turns "true"/"false" into booleans before Django compares.
    return (lookup === 'exact' || lookup === 'iexact') && String(stored) === q.toLowerCase();
  }
  if (stored === null) return false;
  const s = String(stored);
  switch (lookup) {
    case 'exact':
      return s === q;
    case 'iexact':
      return fold(s) === fold(q);
    case 'contains':
      return s.includes(q);
    case 'icontains':
      return fold(s).includes(fold(q));
    case 'startswith':
      return s.startsWith(q);
    case 'istartswith':
      return fold(s).startsWith(fold(q));
  }
}

/** tastypie's paging of `count` rows: the rows of one page and the links it must carry. */
export function expectedPage(count: number, limit: number, offset: number): { size: number; hasNext: boolean; hasPrevious: boolean } {
  return {
    size: Math.max(0, Math.min(limit, count - offset)),
    hasNext: offset + limit < count,
    // tastypie (paginator.py `get_previous`): a previous link only when offset - limit >= 0.
    hasPrevious: offset - limit >= 0,
  };
}

/** Compares two field values the way an ordering on a documented field must: numbers numerically,
 * strings by code point (the data the properties order by is plain ASCII, where collations agree). */
export function compareValues(a: FieldValue, b: FieldValue): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : 1;
}
