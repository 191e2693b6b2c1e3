// The request input of the tastypie cycle, validated once for every resource: the body must be
// an object (JSON, XML or, where an endpoint takes uploads, multipart), and a list query's filters
// and ordering must be ones the resource allows (400 otherwise, facts · tastypie filtering).

import type { Collection, ResourceDecl } from '../models/types.ts';
import { decodeBody, decodeMultipart, isMultipartContentType, isXmlContentType } from './body.ts';
import { FilterError, OrderError, applyFilters, applyOrdering, type FieldIndex } from './filtering.ts';
import { header, type WireResponse } from './http.ts';
import { badRequest, type Ctx } from './responses.ts';

/** A JSON/XML (or, where the endpoint takes uploads, multipart) object body, or the 400 to answer. */
export function readObject(ctx: Ctx, multipart = false): { ok: true; data: Record<string, unknown> } | { ok: false; response: WireResponse } {
  const contentType = header(ctx.req, 'content-type');
  // variant xml-bodies-refused: 002 allows XML request bodies (/auth/: "in JSON format, but XML also
  // possible"; Create SSO group's XML query); this one reads every body as JSON.
  if (isXmlContentType(contentType) && ctx.variants.has('xml-bodies-refused')) return { ok: false, response: badRequest(ctx, 'Request is not valid JSON.') };
  const r =
    multipart && isMultipartContentType(contentType)
      ? decodeMultipart(contentType, ctx.req.body)
      : decodeBody(contentType, ctx.req.body);
  if (!r.ok) return { ok: false, response: badRequest(ctx, r.message) };
  if (r.value === null || typeof r.value !== 'object' || Array.isArray(r.value))
    return { ok: false, response: badRequest(ctx, 'Invalid data sent: the request body must be an object.') };
  return { ok: true, data: r.value as Record<string, unknown> };
}

/** The collection's rows the list query selects, in its order; or the 400 to answer for a filter or ordering the resource does not allow. */
export function selectRows(ctx: Ctx, decl: ResourceDecl, coll: Collection<unknown>, index?: (all: readonly unknown[]) => FieldIndex | undefined): { ok: true; rows: readonly unknown[] } | { ok: false; response: WireResponse } {
  try {
    const all = coll.all();
    const filtered = applyFilters(decl, coll, all, ctx.query, ctx.variants, index?.(all));
    return { ok: true, rows: applyOrdering(decl, coll, filtered, ctx.query, ctx.variants) };
  } catch (e) {
    if (e instanceof FilterError || e instanceof OrderError) return { ok: false, response: badRequest(ctx, e.message) };
    throw e;
  }
}
