// Resource URIs in request bodies (tastypie related fields: RelatedField.build_related_resource /
// resource_from_uri; facts · tastypie). Messages are tastypie's ApiFieldError texts.

import type { Outcome } from './types.ts';
import { API_PREFIX, badRequest, ok } from './types.ts';
import { pyStr } from './validate.ts';

const cache = new Map<string, RegExp>();

/** The id in `/api/v1/<resource>/<id>/`, or null. */
export function idFromUri(resource: string, uri: string): number | null {
  let re = cache.get(resource);
  if (!re) {
    re = new RegExp(`^${API_PREFIX}${resource.replace(/[-]/g, '\\-')}/(\\d+)/$`);
    cache.set(resource, re);
  }
  const m = re.exec(uri);
  return m ? Number(m[1]) : null;
}

const notFoundMessage = (resource: string, uri: string): string =>
  `Could not find the provided ${resource} object via resource URI '${uri}'.`;

/** One related object given as a URI (or a {"resource_uri": ...} dict). */
export function resolveToOne(raw: unknown, field: string, resource: string, exists: (id: number) => boolean): Outcome<number> {
  let uri: unknown = raw;
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) uri = (raw as Record<string, unknown>).resource_uri;
  if (typeof uri !== 'string')
    return badRequest(
      `The '${field}' field was given data that was not a URI, not a dictionary-alike and does not have a 'pk' attribute: ${pyStr(raw)}.`,
    );
  const id = idFromUri(resource, uri);
  if (id === null || !exists(id)) return badRequest(notFoundMessage(resource, uri));
  return ok(id);
}

/** A to-many field: a list of URIs. Reading: null clears like []; a non-list is refused (tastypie
 * would iterate a string character by character). Duplicates collapse. */
export function resolveToMany(raw: unknown, field: string, resource: string, exists: (id: number) => boolean): Outcome<number[]> {
  if (raw === null) return ok([]);
  if (!Array.isArray(raw)) return badRequest(`The '${field}' field must be a list of ${resource} resource URIs.`);
  const ids: number[] = [];
  const seen = new Set<number>();
  for (const item of raw) {
    const r = resolveToOne(item, field, resource, exists);
    if (!r.ok) return r;
    if (!seen.has(r.value)) {
      seen.add(r.value);
      ids.push(r.value);
    }
  }
  return ok(ids);
}
