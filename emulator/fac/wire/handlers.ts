// The list, detail, singleton and action handlers of the tastypie cycle, written once for every
// resource: what each method does with a model's collection (facts · Write answers: 201 + Location,
// 202, 204), paging (002 · View pages for large lists), and the schema and root listings.

import type { Collection, HttpMethod, Json, ResourceDecl, Scalar, SubAction } from '../models/types.ts';
import { API_PREFIX } from '../models/types.ts';
import type { VariantFlags } from '../variants.ts';
import { bearerToken } from './auth.ts';
import { type FieldIndex, indexField } from './filtering.ts';
import { empty, header, text, type WireResponse } from './http.ts';
import { paginate, DEFAULT_LIMIT } from './paging.ts';
import { actionAnswer, badRequest, type Ctx, modelError, respond } from './responses.ts';
import { parsePk } from './routing.ts';
import { Bundle, type WireValue } from './serialize.ts';
import { readObject, selectRows } from './validation.ts';
import type { Reply } from '../models/types.ts';

export interface Handlers {
  handleList(ctx: Ctx, decl: ResourceDecl, method: string): WireResponse;
  handleDetail(ctx: Ctx, decl: ResourceDecl, method: string, pk: string): WireResponse;
  runAction(ctx: Ctx, decl: ResourceDecl, action: SubAction, method: string, id: number | null, listUri: string): WireResponse;
  schemaOf(decl: ResourceDecl): Record<string, WireValue>;
  rootListing(): Record<string, WireValue>;
  /** Called for every request: one that may change what a row shows (any but a list read) ends row reuse. */
  noteRequest(readsRows: boolean): void;
}

export function createHandlers(opts: { resources: readonly ResourceDecl[]; variants: VariantFlags }): Handlers {
  /** 002 · General API response codes: PATCH answers 202 (variant patch-answers-200: 200). */
  const patchStatus = (): number => (opts.variants.has('patch-answers-200') ? 200 : 202); // variant
  /** Variant delete-detail-still-served: detail URL → the object as it was when deleted. */
  const deleted = new Map<string, Record<string, Json>>();

  // ---- root and schema -----------------------------------------------------------------------
  // 002 · View available endpoint resources: {"<name>": {"list_endpoint", "schema"}}.
  function rootListing(): Record<string, WireValue> {
    const out: Record<string, WireValue> = {};
    // Every resource under /api/v1/ (the /api/fabric/ views have their own prefix: not listed).
    for (const d of opts.resources)
      if ((d.urlPrefix ?? API_PREFIX) === API_PREFIX)
        out[d.name] = opts.variants.has('root-omits-schema') // variant: 002 · View available endpoint resources
          ? { list_endpoint: `${API_PREFIX}${d.name}/` }
          : { list_endpoint: `${API_PREFIX}${d.name}/`, schema: `${API_PREFIX}${d.name}/schema/` };
    return out;
  }

  // tastypie Resource.build_schema (002 · "append /schema/ to the endpoint URL").
  function schemaOf(decl: ResourceDecl): Record<string, WireValue> {
    const fields: Record<string, WireValue> = {};
    for (const [name, f] of Object.entries(decl.fields)) {
      const entry: Record<string, WireValue> = {
        blank: f.blank ?? false,
        default: f.default === undefined ? 'No default provided.' : f.default,
        help_text: f.help,
        nullable: f.nullable ?? false,
        primary_key: name === 'id',
        readonly: f.readonly ?? false,
        type: f.type,
        unique: f.unique ?? false,
        verbose_name: name.replace(/_/g, ' '),
      };
      if (f.related) {
        entry.related_type = f.related.kind;
        entry.related_schema = `${API_PREFIX}${f.related.to}/schema/`;
      }
      fields[name] = entry;
    }
    const schema: Record<string, WireValue> = {
      allowed_detail_http_methods: decl.detailMethods.map((m) => m.toLowerCase()),
      allowed_list_http_methods: decl.listMethods.map((m) => m.toLowerCase()),
      default_format: 'application/json',
      default_limit: DEFAULT_LIMIT,
      fields,
    };
    if (decl.ordering.length > 0) schema.ordering = [...decl.ordering];
    if (Object.keys(decl.filtering).length > 0) {
      const filtering: Record<string, WireValue> = {};
      for (const [k, v] of Object.entries(decl.filtering)) filtering[k] = [...v];
      schema.filtering = filtering;
    }
    return schema;
  }

  // ---- list and detail -----------------------------------------------------------------------
  /** The list URL (child resources live under their parent's detail URL). */
  const listPath = (decl: ResourceDecl): string => `${decl.urlPrefix ?? API_PREFIX}${decl.path ?? decl.name}/`;

  /**
   * Rows of list answers as last shown, by stored row: reused (with their JSON text) by the next
   * list request with the same URL while no request that may write came in between, so a busy list
   * page costs a slice, not 20 dehydrations and serialisations. `generation` counts such requests.
   */
  const shown = new WeakMap<object, { generation: number; url: string; bundle: Bundle }>();
  let generation = 0;

  function bundleOf(o: unknown, url: string, dehydrate: (o: unknown) => Record<string, Json>): Bundle {
    if (typeof o !== 'object' || o === null) return new Bundle(dehydrate(o));
    const last = shown.get(o);
    if (last && last.generation === generation && last.url === url) return last.bundle;
    const bundle = new Bundle(dehydrate(o));
    shown.set(o, { generation, url, bundle });
    return bundle;
  }

  /** One page of a tastypie list envelope. */
  function pagedList(ctx: Ctx, objects: readonly unknown[], listUri: string, dehydrate: (o: unknown) => Record<string, Json>, totalCount?: number, dropNext = false, reuse = false): WireResponse {
    const page = paginate(objects, ctx.query, listUri, opts.variants);
    if (!page.ok) return badRequest(ctx, page.message);
    const meta = { ...page.meta, total_count: totalCount ?? page.meta.total_count, ...(dropNext ? { next: null } : {}) };
    const bundle = reuse ? (o: unknown) => bundleOf(o, ctx.req.url, dehydrate) : (o: unknown) => new Bundle(dehydrate(o));
    const data = { meta, objects: page.objects.map(bundle) };
    return respond(ctx, 200, data, { Vary: 'Accept', 'Cache-Control': 'no-cache' });
  }

  /** A model's Reply on the wire. */
  function sendReply(ctx: Ctx, listUri: string, r: Reply): WireResponse {
    switch (r.kind) {
      case 'object':
        return respond(ctx, r.status, new Bundle(r.data), r.location ? { Location: r.location } : {});
      case 'list':
        return pagedList(ctx, r.objects, listUri, (o) => o as Record<string, Json>);
      case 'empty':
        return empty(r.status);
      case 'text':
        return text(r.status, r.text);
      case 'file':
        // A download (002 · Backup and restore: `curl ... --output backup.conf`).
        return {
          status: 200,
          headers: { 'Content-Type': r.contentType, 'Content-Disposition': `attachment; filename="${r.filename}"` },
          body: r.content,
        };
    }
  }

  /** A sub-path or endpoint: body (none for GET/DELETE), run, answer. */
  function runAction(ctx: Ctx, decl: ResourceDecl, action: SubAction, method: string, id: number | null, listUri: string): WireResponse {
    let data: Record<string, unknown> = {};
    if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
      const body = readObject(ctx, action.multipart === true);
      if (!body.ok) return body.response;
      data = body.data;
    }
    const bearer = bearerToken(header(ctx.req, 'authorization'));
    const r = action.run({ method: method as HttpMethod, data, query: ctx.query, ...(bearer === undefined ? {} : { bearer }) }, id);
    if (!r.ok) return modelError(ctx, decl, r.error);
    return sendReply(ctx, listUri, r.value);
  }

  /** Field indexes of stable collections, by list path, field and fold: kept while no write came in
   * and the list is the same array of the same length. */
  const indexes = new Map<string, { generation: number; objects: readonly unknown[]; length: number; index: Map<Scalar, number[]> }>();

  function indexOf(decl: ResourceDecl, coll: Collection<unknown>, objects: readonly unknown[]): FieldIndex | undefined {
    if (coll.stableRows !== true) return undefined;
    return (field, fold) => {
      const key = `${listPath(decl)} ${field} ${fold}`;
      const kept = indexes.get(key);
      if (kept && kept.generation === generation && kept.objects === objects && kept.length === objects.length) return kept.index;
      const index = indexField(coll, objects, field, fold);
      indexes.set(key, { generation, objects, length: objects.length, index });
      return index;
    };
  }

  function getList(ctx: Ctx, decl: ResourceDecl, coll: Collection<unknown>): WireResponse {
    const selected = selectRows(ctx, decl, coll, (all) => indexOf(decl, coll, all));
    if (!selected.ok) return selected.response;
    const objects = selected.rows;
    const view = { query: ctx.query, forList: true };
    const unfiltered = opts.variants.has('total-count-unfiltered') ? coll.all().length : undefined; // variant
    // variant: 002 · User groups · Allowed filters — a name no group has is an empty list, not 404.
    if (opts.variants.has('usergroups-filter-unknown-404') && decl.name === 'usergroups' && ctx.query.has('name') && objects.length === 0)
      return empty(404);
    // variant: 002 · FortiTokens · View subset of tokens — type=ftm&status=available&limit=1 carries a next link.
    const dropNext = opts.variants.has('fortitokens-next-missing') && decl.name === 'fortitokens';
    return pagedList(ctx, objects, listPath(decl), (o) => coll.dehydrate(o, view), unfiltered, dropNext, coll.stableRows === true);
  }

  /** Settings singleton on its list URL. Shape: the 6.3.1 guide's examples show a bare object
   * (002 · User lockout policy · Examples), as FAC 8.0.3 does (facts · singletons). Statuses:
   * 002 · General API response codes — 200 "successfully completed" for GET and POST (a set, nothing
   * is created), 202 "the response body contains the newly updated resource" for PATCH. */
  function handleSingleton(ctx: Ctx, decl: ResourceDecl, method: string): WireResponse {
    const single = decl.singleton;
    if (!single) return empty(501);
    if (method === 'GET') return respond(ctx, 200, new Bundle(single.get()), { Vary: 'Accept', 'Cache-Control': 'no-cache' });
    const write = method === 'POST' ? single.set : method === 'PATCH' ? single.update : undefined;
    if (!write) return empty(501);
    const body = readObject(ctx);
    if (!body.ok) return body.response;
    const r = write(body.data);
    if (!r.ok) return modelError(ctx, decl, r.error);
    // variant patch-202-empty-body: 202 without "the newly updated resource" (002 · General API response codes).
    if (method === 'PATCH' && opts.variants.has('patch-202-empty-body')) return empty(patchStatus());
    return respond(ctx, method === 'POST' ? 200 : patchStatus(), new Bundle(r.value));
  }

  function handleList(ctx: Ctx, decl: ResourceDecl, method: string): WireResponse {
    if (decl.singleton) return handleSingleton(ctx, decl, method);
    if (decl.endpoint) return runAction(ctx, decl, decl.endpoint, method, null, listPath(decl));
    const coll = decl.collection;
    if (method === 'GET' && coll) return getList(ctx, decl, coll);
    // tastypie put_list: body {"objects": [...]} replaces the collection → 204 (delete_list → 204).
    if (method === 'PUT' && coll?.replaceAll) {
      const body = readObject(ctx);
      if (!body.ok) return body.response;
      const items = body.data.objects;
      if (!Array.isArray(items)) return badRequest(ctx, 'Invalid data sent.');
      if (!items.every((i) => i !== null && typeof i === 'object' && !Array.isArray(i)))
        return badRequest(ctx, 'Invalid data sent: every object must be a dictionary.');
      const r = coll.replaceAll(items as Record<string, unknown>[]);
      if (!r.ok) return modelError(ctx, decl, r.error);
      return empty(204);
    }
    if (method === 'DELETE' && coll?.removeAll) {
      coll.removeAll();
      return empty(204);
    }
    if (method === 'POST') {
      const body = readObject(ctx);
      if (!body.ok) return body.response;
      const data = body.data;
      if (decl.action) return actionAnswer(ctx, decl, decl.action(data));
      if (coll?.create) {
        const r = coll.create(data);
        if (!r.ok) return modelError(ctx, decl, r.error);
        // facts · Write answers: 201, relative Location, empty body (002 · returnseed=1: a body).
        const location = `${listPath(decl)}${coll.id(r.value)}/`;
        const answer = coll.writeAnswer?.(r.value, ctx.query);
        // facts · FAC 8.0.x (verified live): 207, a list body with a per-item status the vendor spells
        // "statue", no Location. The item's other keys are not recorded: read as the created object.
        if (decl.multiStatusCreate)
          return respond(ctx, 207, [new Bundle({ ...(answer ?? coll.dehydrate(r.value, { query: ctx.query, forList: false })), statue: 201 })]);
        if (answer) return respond(ctx, 201, new Bundle(answer), { Location: location });
        // variant: facts · Write answers — 201 with an empty body (tastypie always_return_data off).
        if (opts.variants.has('post-answers-body'))
          return respond(ctx, 201, new Bundle(coll.dehydrate(r.value, { query: ctx.query, forList: false })), { Location: location });
        return empty(201, { Location: location });
      }
    }
    // Declared but not implemented here (e.g. PUT/DELETE/PATCH on a list): tastypie HttpNotImplemented.
    return empty(501);
  }

  function handleDetail(ctx: Ctx, decl: ResourceDecl, method: string, pk: string): WireResponse {
    const coll = decl.collection;
    const id = parsePk(pk);
    if (!coll) return empty(501);
    switch (method) {
      case 'GET': {
        const obj = id === null ? undefined : coll.get(id);
        const ghost = id === null ? undefined : deleted.get(`${listPath(decl)}${id}/`);
        if (obj === undefined && ghost) return respond(ctx, 200, new Bundle(ghost), { Vary: 'Accept', 'Cache-Control': 'no-cache' }); // variant
        if (obj === undefined) return empty(404);
        return respond(ctx, 200, new Bundle(coll.dehydrate(obj, { query: ctx.query, forList: false })), {
          Vary: 'Accept',
          'Cache-Control': 'no-cache',
        });
      }
      case 'PUT': {
        if (!coll.replace) return empty(501);
        if (id === null) return empty(404);
        const body = readObject(ctx);
        if (!body.ok) return body.response;
        const r = coll.replace(id, body.data);
        if (!r.ok) return modelError(ctx, decl, r.error);
        // facts · Write answers: PUT detail 204 (201 + Location when it created the object).
        if (r.value.created) return empty(201, { Location: `${listPath(decl)}${id}/` });
        // variants: 002 · General API response codes (204); 002 · FortiGate group filter · Modify (204).
        const fgt = decl.name === 'fgtgroupfilter';
        if (opts.variants.has(fgt ? 'fgtgroupfilter-put-200' : 'put-answers-200')) return empty(200);
        return empty(204);
      }
      case 'PATCH': {
        if (!coll.patch) return empty(501);
        // tastypie patch_detail fetches the object before reading the body: 404 first.
        if (id === null || coll.get(id) === undefined) return empty(404);
        const body = readObject(ctx);
        if (!body.ok) return body.response;
        const r = coll.patch(id, body.data);
        if (!r.ok) return modelError(ctx, decl, r.error);
        const answer = coll.writeAnswer?.(r.value, ctx.query); // 002 · returnseed=1 on PATCH
        if (answer) return respond(ctx, patchStatus(), new Bundle(answer));
        return empty(patchStatus()); // 002 · Modify local user: 202 ACCEPTED, Content-Length 0
      }
      case 'DELETE': {
        if (!coll.remove) return empty(501);
        const before = id === null ? undefined : coll.get(id);
        const removed = id === null ? false : coll.remove(id);
        if (typeof removed === 'object') return modelError(ctx, decl, removed);
        if (!removed) return empty(404);
        // variant: 002 · General API response codes — a deleted object's detail answers 404.
        if (opts.variants.has('delete-detail-still-served') && before !== undefined)
          deleted.set(`${listPath(decl)}${id}/`, coll.dehydrate(before, { query: ctx.query, forList: false }));
        return empty(204);
      }
      default:
        return empty(501);
    }
  }

  return {
    handleList,
    handleDetail,
    runAction,
    schemaOf,
    rootListing,
    noteRequest(readsRows) {
      if (!readsRows) generation += 1;
    },
  };
}
