// The tastypie request cycle, written once for every resource (facts · FAC is django-tastypie):
//   URL resolution (trailing slash required) → method check (405 + Allow, before auth) →
//   authentication and permission (401/403, emulator/fac/wire/auth.ts) → list/detail handler →
//   serialization in the negotiated format.

import type { ChildResource, Collection, HttpMethod, Json, ModelError, Reply, ResourceDecl, Scalar, SubAction } from '../models/types.ts';
import { API_PREFIX } from '../models/types.ts';
import type { Admin } from '../models/store.ts';
import type { VariantFlags } from '../variants.ts';
import { authorize, bearerToken, type Principals } from './auth.ts';
import { decodeBody, decodeMultipart, isMultipartContentType } from './body.ts';
import { FilterError, OrderError, applyFilters, applyOrdering, type FieldIndex, indexField } from './filtering.ts';
import { determineFormat, formatForError, InvalidAcceptHeader } from './format.ts';
import { empty, header, serialized, text, type WireRequest, type WireResponse } from './http.ts';
import { paginate, DEFAULT_LIMIT } from './paging.ts';
import { Query } from './query.ts';
import { Bundle, type WireValue } from './serialize.ts';

export interface AppOptions {
  resources: readonly ResourceDecl[];
  admin: Admin;
  variants: VariantFlags;
  /** The administrator without an admin profile (403 where a resource has a permission code). */
  restricted?: Admin | null;
  /** Administrators made through /localapiadmin/ (username → access key). */
  apiAdmins?: ReadonlyMap<string, string>;
  /** Is this a live OAuth access token? (Bearer resources; none accepted when absent.) */
  bearerValid?(token: string): boolean;
}

type Route =
  | { kind: 'root' }
  | { kind: 'list'; decl: ResourceDecl }
  | { kind: 'schema'; decl: ResourceDecl }
  | { kind: 'detail'; decl: ResourceDecl; pk: string }
  // /<name>/<sub>/ and /<name>/<id>/<sub>/ (002 · usercerts pem/ and renew/; sendoobtoken, verifyrecoveryanswer)
  | { kind: 'listAction'; decl: ResourceDecl; action: SubAction }
  | { kind: 'detailAction'; decl: ResourceDecl; pk: string; action: SubAction }
  // /<name>/<id>/<child>/[<child id>/ | schema/] (002 · /localusers/[id]/radiusattributes/)
  | { kind: 'child'; decl: ResourceDecl; pk: string; child: ChildResource; cpk: string | null }
  | { kind: 'none' };

interface Ctx {
  req: WireRequest;
  query: Query;
  accept: string | undefined;
}

/** Django `pk=int(...)`: digits only (leading zeros allowed); anything else → null (404). */
const parsePk = (pk: string): number | null => (/^[0-9]{1,15}$/.test(pk) ? Number(pk) : null);

/** The canned 500 body of tastypie `_handle_500` (settings.DEBUG off). */
export const CANNED_500 = { error_message: 'Sorry, this request could not be processed. Please try again later.' };

export function createApp(opts: AppOptions): (req: WireRequest) => WireResponse {
  // Resources by full list path without the trailing slash ("/api/v1/localusers", "/api/v1/oauth/token",
  // "/api/fabric/authenticate"): a name may hold slashes, and a few live outside /api/v1/ (urlPrefix).
  const byPath = new Map(opts.resources.map((d) => [`${d.urlPrefix ?? API_PREFIX}${d.name}`, d]));
  const prefixes = [...new Set([API_PREFIX, ...opts.resources.map((d) => d.urlPrefix ?? API_PREFIX)])];
  const maxDepth = Math.max(1, ...opts.resources.map((d) => d.name.split('/').length));

  /** The resource whose list path is the longest leading run of segments of `p` (at most maxDepth
   * segments are tried), and what follows it: null = exactly the list URL. */
  function lookup(p: string): { decl: ResourceDecl; rest: string | null } | null {
    for (const prefix of prefixes) {
      if (!p.startsWith(prefix)) continue;
      const tail = p.slice(prefix.length);
      let found: { decl: ResourceDecl; rest: string | null } | null = null;
      let cut = tail.indexOf('/');
      for (let depth = 1; depth <= maxDepth; depth++) {
        const d = byPath.get(prefix + (cut < 0 ? tail : tail.slice(0, cut)));
        if (d) found = { decl: d, rest: cut < 0 ? null : tail.slice(cut + 1) };
        if (cut < 0) break;
        cut = tail.indexOf('/', cut + 1);
      }
      if (found) return found;
    }
    return null;
  }

  /** A plain Django view (ResourceDecl.plainView): trailing slash optional, fixed sub-paths only. */
  function resolveView(decl: ResourceDecl, rest: string | null): Route {
    if (rest === null) return decl.endpoint || decl.collection || decl.action ? { kind: 'list', decl } : { kind: 'none' };
    if (rest === 'schema') return { kind: 'schema', decl };
    const actions = decl.listActions;
    const action = actions && Object.prototype.hasOwnProperty.call(actions, rest) ? actions[rest] : undefined;
    return action ? { kind: 'listAction', decl, action } : { kind: 'none' };
  }

  function resolve(path: string): Route {
    if (path === API_PREFIX) return { kind: 'root' };
    const slashed = path.endsWith('/');
    const found = lookup(slashed ? path.slice(0, -1) : path);
    if (!found) return { kind: 'none' };
    const { decl, rest } = found;
    if (decl.plainView) return resolveView(decl, rest);
    if (!slashed) return { kind: 'none' };
    if (rest === null) return { kind: 'list', decl };
    const pk = rest;
    // Singletons have no detail URLs (only schema/).
    if (decl.singleton && pk !== 'schema') return { kind: 'none' };
    if (pk === 'schema') return { kind: 'schema', decl };
    const seg = pk.split('/');
    const listAction = seg.length === 1 ? decl.listActions?.[pk] : undefined;
    if (listAction && Object.prototype.hasOwnProperty.call(decl.listActions, pk)) return { kind: 'listAction', decl, action: listAction };
    const sub = seg[1];
    if ((seg.length === 2 || seg.length === 3) && sub !== undefined) {
      const own = (o: object | undefined): boolean => o !== undefined && Object.prototype.hasOwnProperty.call(o, sub);
      const action = seg.length === 2 && own(decl.detailActions) ? decl.detailActions?.[sub] : undefined;
      if (action) return { kind: 'detailAction', decl, pk: seg[0] as string, action };
      const child = own(decl.children) ? decl.children?.[sub] : undefined;
      if (child) return { kind: 'child', decl, pk: seg[0] as string, child, cpk: seg[2] ?? null };
    }
    // tastypie's detail pattern is `^<resource>/(?P<pk>.*?)/$`: anything goes, bad pks end in 404.
    return { kind: 'detail', decl, pk };
  }

  // ---- response helpers ----------------------------------------------------------------------
  /** A serialized 200-ish answer; a malformed Accept header turns it into 400 (JSON). */
  function respond(ctx: Ctx, status: number, data: WireValue, headers: Record<string, string> = {}): WireResponse {
    let format;
    try {
      format = determineFormat(ctx.query, ctx.accept, opts.variants);
    } catch (e) {
      if (e instanceof InvalidAcceptHeader) return serialized(400, { error: 'Invalid Accept header' }, 'json');
      throw e;
    }
    return serialized(status, data, format, headers);
  }

  function error(ctx: Ctx, status: number, data: Json): WireResponse {
    return serialized(status, data, formatForError(ctx.query, ctx.accept));
  }

  const badRequest = (ctx: Ctx, message: string): WireResponse => error(ctx, 400, { error: message });

  function modelError(ctx: Ctx, decl: ResourceDecl, err: ModelError): WireResponse {
    switch (err.kind) {
      case 'invalid':
        // 002 · duplicate group: {"usergroups": {"name": ["A user group with that name already exists."]}}
        return error(ctx, 400, { [decl.name]: err.fields });
      case 'bad_request':
        return badRequest(ctx, err.message);
      case 'not_found':
        return empty(404);
    }
  }

  /** tastypie method_check: OPTIONS answers the allowed list; anything else not allowed → 405. */
  function methodCheck(method: string, allowed: readonly string[]): WireResponse | null {
    const allows = allowed.join(',');
    if (method === 'OPTIONS') return text(200, allows, { Allow: allows });
    if (!allowed.includes(method)) return text(405, allows, { Allow: allows });
    return null;
  }

  const principals: Principals = {
    admin: opts.admin,
    restricted: opts.restricted ?? null,
    apiAdmins: opts.apiAdmins ?? new Map<string, string>(),
    bearerValid: (token) => opts.bearerValid?.(token) === true,
    variants: opts.variants,
  };

  /** 003 · authentication method and permission code of the resource (emulator/fac/wire/auth.ts). */
  function authCheck(ctx: Ctx, decl: ResourceDecl | null): WireResponse | null {
    return authorize(decl, header(ctx.req, 'authorization'), principals);
  }

  /** A JSON/XML (or, where the endpoint takes uploads, multipart) object body, or the 400 to answer. */
  function readObject(ctx: Ctx, multipart = false): { ok: true; data: Record<string, unknown> } | { ok: false; response: WireResponse } {
    const contentType = header(ctx.req, 'content-type');
    const r =
      multipart && isMultipartContentType(contentType)
        ? decodeMultipart(contentType, ctx.req.body)
        : decodeBody(contentType, ctx.req.body);
    if (!r.ok) return { ok: false, response: badRequest(ctx, r.message) };
    if (r.value === null || typeof r.value !== 'object' || Array.isArray(r.value))
      return { ok: false, response: badRequest(ctx, 'Invalid data sent: the request body must be an object.') };
    return { ok: true, data: r.value as Record<string, unknown> };
  }

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
    let objects: readonly unknown[];
    try {
      const all = coll.all();
      objects = applyFilters(decl, coll, all, ctx.query, opts.variants, indexOf(decl, coll, all));
      objects = applyOrdering(decl, coll, objects, ctx.query, opts.variants);
    } catch (e) {
      if (e instanceof FilterError || e instanceof OrderError) return badRequest(ctx, e.message);
      throw e;
    }
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
      if (decl.action) {
        const r = decl.action(data);
        switch (r.kind) {
          case 'accepted':
            return empty(200);
          case 'rejected':
            return text(401, r.reason);
          case 'unknown_subject':
            return text(404, r.reason);
          case 'error':
            return modelError(ctx, decl, r.error);
        }
      }
      if (coll?.create) {
        const r = coll.create(data);
        if (!r.ok) return modelError(ctx, decl, r.error);
        // facts · Write answers: 201, relative Location, empty body (002 · returnseed=1: a body).
        const location = `${listPath(decl)}${coll.id(r.value)}/`;
        const answer = coll.writeAnswer?.(r.value, ctx.query);
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

  return function handle(req: WireRequest): WireResponse {
    const q = req.url.indexOf('?');
    const rawPath = q < 0 ? req.url : req.url.slice(0, q);
    const rawQuery = q < 0 ? '' : req.url.slice(q + 1);
    let path: string;
    try {
      path = decodeURIComponent(rawPath);
    } catch {
      return empty(404);
    }
    const route = resolve(path);
    if (route.kind === 'none') {
      // Django APPEND_SLASH (facts: "Trailing slash required (missing slash: likely a redirect)").
      if (!path.endsWith('/') && resolve(`${path}/`).kind !== 'none')
        return empty(301, { Location: `${rawPath}/${q < 0 ? '' : `?${rawQuery}`}` });
      return empty(404);
    }
    const ctx: Ctx = { req, query: Query.parse(rawQuery), accept: header(req, 'accept') };
    const method = (header(req, 'x-http-method-override') ?? req.method).toUpperCase();
    // Any other request may change what a row shows (even a GET endpoint): rows are made afresh.
    const readsRows = route.kind === 'list' && method === 'GET' && !route.decl.singleton && !route.decl.endpoint && route.decl.collection?.stableRows === true;
    if (!readsRows) generation += 1;

    switch (route.kind) {
      case 'root': {
        // 002 · Resource Summary: Root "/" — GET. facts · FAC 8.0.3: answers without authentication.
        const denied = methodCheck(method, ['GET']);
        if (denied) return denied;
        return respond(ctx, 200, rootListing(), { Vary: 'Accept' });
      }
      case 'schema': {
        const denied = methodCheck(method, ['GET']) ?? authCheck(ctx, route.decl);
        if (denied) return denied;
        return respond(ctx, 200, schemaOf(route.decl), { Vary: 'Accept' });
      }
      case 'list': {
        const denied = methodCheck(method, route.decl.listMethods) ?? authCheck(ctx, route.decl);
        if (denied) return denied;
        return handleList(ctx, route.decl, method);
      }
      case 'detail': {
        const denied = methodCheck(method, route.decl.detailMethods) ?? authCheck(ctx, route.decl);
        if (denied) return denied;
        return handleDetail(ctx, route.decl, method, route.pk);
      }
      case 'listAction': {
        const denied = methodCheck(method, route.action.methods) ?? authCheck(ctx, route.decl);
        if (denied) return denied;
        return runAction(ctx, route.decl, route.action, method, null, path);
      }
      case 'detailAction': {
        const denied = methodCheck(method, route.action.methods) ?? authCheck(ctx, route.decl);
        if (denied) return denied;
        const id = parsePk(route.pk);
        if (id === null) return empty(404);
        return runAction(ctx, route.decl, route.action, method, id, path);
      }
      case 'child': {
        const child = route.child.decl;
        const isSchema = route.cpk === 'schema';
        const allowed = isSchema ? ['GET'] : route.cpk === null ? child.listMethods : child.detailMethods;
        const denied = methodCheck(method, allowed) ?? authCheck(ctx, route.decl);
        if (denied) return denied;
        if (isSchema) return respond(ctx, 200, schemaOf(child), { Vary: 'Accept' });
        // The parent must exist: /localusers/999/radiusattributes/ → 404.
        const parentId = parsePk(route.pk);
        const coll = parentId === null ? undefined : route.child.collectionFor(parentId);
        if (!coll) return empty(404);
        const scoped: ResourceDecl = { ...child, path: `${route.decl.name}/${parentId}/${child.name}`, collection: coll };
        return route.cpk === null ? handleList(ctx, scoped, method) : handleDetail(ctx, scoped, method, route.cpk);
      }
    }
  };
}

