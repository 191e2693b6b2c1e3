// List paging — tastypie `paginator.py` (facts · tastypie paging; 002 · View pages for large lists:
// default 20, up to 1000; the meta block of the examples).

import type { VariantFlags } from '../variants.ts';
import type { Query } from './query.ts';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 1000;

export interface Meta {
  limit: number;
  next: string | null;
  offset: number;
  previous: string | null;
  total_count: number;
}

export type PageResult<T> = { ok: true; objects: readonly T[]; meta: Meta } | { ok: false; message: string };

/** Python int() of a query value: surrounding whitespace and a sign allowed. */
function pyInt(s: string): number | null {
  return /^\s*[+-]?\d+\s*$/.test(s) ? Number.parseInt(s.trim(), 10) : null;
}

export function paginate<T>(objects: readonly T[], query: Query, listUri: string, variants: VariantFlags): PageResult<T> {
  let limit = DEFAULT_LIMIT;
  const rawLimit = query.get('limit');
  if (rawLimit !== undefined) {
    const n = pyInt(rawLimit);
    if (n === null) return { ok: false, message: `Invalid limit '${rawLimit}' provided. Please provide a positive integer.` };
    if (n < 0) return { ok: false, message: `Invalid limit '${rawLimit}' provided. Please provide a positive integer >= 0.` };
    // "if self.max_limit and (not limit or limit > self.max_limit): return self.max_limit"
    limit = n === 0 || n > MAX_LIMIT ? MAX_LIMIT : n;
  }
  if (variants.has('limit-ignored')) limit = DEFAULT_LIMIT; // variant
  let offset = 0;
  const rawOffset = query.get('offset');
  if (rawOffset !== undefined) {
    const n = pyInt(rawOffset);
    if (n === null) return { ok: false, message: `Invalid offset '${rawOffset}' provided. Please provide an integer.` };
    if (n < 0) return { ok: false, message: `Invalid offset '${rawOffset}' provided. Please provide a positive integer >= 0.` };
    offset = n;
  }
  const count = objects.length;
  const start = variants.has('offset-off-by-one') && offset > 0 ? offset + 1 : offset; // variant
  const page = start === 0 && limit >= count ? objects : objects.slice(start, start + limit);
  const linkQuery = variants.has('next-drops-filter') ? query.only(['format', 'limit', 'offset']) : query; // variant
  const link = (o: number): string => `${listUri}?${linkQuery.encodeReplacing({ limit: String(limit), offset: String(o) })}`;
  return {
    ok: true,
    objects: page,
    meta: {
      limit,
      // tastypie: next when offset + limit < count; previous only when offset - limit >= 0 (so an
      // offset smaller than the limit has previous null).
      next: offset + limit >= count && !(variants.has('last-page-next-not-null') && count > 0) ? null : link(offset + limit), // variant
      offset,
      previous: offset - limit < 0 ? null : link(offset - limit),
      total_count: count,
    },
  };
}
