// The tastypie request cycle, written once for every resource (facts · FAC is django-tastypie):
//   URL resolution (routing.ts; trailing slash required) → method check (405 + Allow, before auth)
//   → authentication and permission (401/403, auth.ts) → list/detail/action handler (handlers.ts,
//   input validated by validation.ts) → serialization in the negotiated format (responses.ts).

import type { ResourceDecl } from '../models/types.ts';
import type { Admin } from '../models/store.ts';
import type { VariantFlags } from '../variants.ts';
import { authorize, type Principals } from './auth.ts';
import { createHandlers } from './handlers.ts';
import { empty, header, type WireRequest, type WireResponse } from './http.ts';
import { Query } from './query.ts';
import { type Ctx, methodCheck, respond } from './responses.ts';
import { createRouter, parsePk } from './routing.ts';

export { CANNED_500 } from './responses.ts';

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

export function createApp(opts: AppOptions): (req: WireRequest) => WireResponse {
  const resolve = createRouter(opts.resources);
  const handlers = createHandlers(opts);
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
    const ctx: Ctx = { req, query: Query.parse(rawQuery), accept: header(req, 'accept'), variants: opts.variants };
    const method = (header(req, 'x-http-method-override') ?? req.method).toUpperCase();
    // Any other request may change what a row shows (even a GET endpoint): rows are made afresh.
    const readsRows = route.kind === 'list' && method === 'GET' && !route.decl.singleton && !route.decl.endpoint && route.decl.collection?.stableRows === true;
    handlers.noteRequest(readsRows);

    switch (route.kind) {
      case 'root': {
        // 002 · Resource Summary: Root "/" — GET. facts · FAC 8.0.3: answers without authentication.
        // variant root-needs-credentials: the listing asks for the admin's Basic credentials.
        const denied = methodCheck(method, ['GET']) ?? (opts.variants.has('root-needs-credentials') ? authCheck(ctx, null) : null);
        if (denied) return denied;
        return respond(ctx, 200, handlers.rootListing(), { Vary: 'Accept' });
      }
      case 'schema': {
        const denied = methodCheck(method, ['GET']) ?? authCheck(ctx, route.decl);
        if (denied) return denied;
        return respond(ctx, 200, handlers.schemaOf(route.decl), { Vary: 'Accept' });
      }
      case 'list': {
        const denied = methodCheck(method, route.decl.listMethods) ?? authCheck(ctx, route.decl);
        if (denied) return denied;
        return handlers.handleList(ctx, route.decl, method);
      }
      case 'detail': {
        const denied = methodCheck(method, route.decl.detailMethods) ?? authCheck(ctx, route.decl);
        if (denied) return denied;
        return handlers.handleDetail(ctx, route.decl, method, route.pk);
      }
      case 'listAction': {
        const denied = methodCheck(method, route.action.methods) ?? authCheck(ctx, route.decl);
        if (denied) return denied;
        return handlers.runAction(ctx, route.decl, route.action, method, null, path);
      }
      case 'detailAction': {
        const denied = methodCheck(method, route.action.methods) ?? authCheck(ctx, route.decl);
        if (denied) return denied;
        const id = parsePk(route.pk);
        if (id === null) return empty(404);
        return handlers.runAction(ctx, route.decl, route.action, method, id, path);
      }
      case 'child': {
        const child = route.child.decl;
        const isSchema = route.cpk === 'schema';
        const allowed = isSchema ? ['GET'] : route.cpk === null ? child.listMethods : child.detailMethods;
        const denied = methodCheck(method, allowed) ?? authCheck(ctx, route.decl);
        if (denied) return denied;
        if (isSchema) return respond(ctx, 200, handlers.schemaOf(child), { Vary: 'Accept' });
        // The parent must exist: /localusers/999/radiusattributes/ → 404.
        const parentId = parsePk(route.pk);
        const coll = parentId === null ? undefined : route.child.collectionFor(parentId);
        if (!coll) return empty(404);
        const scoped: ResourceDecl = { ...child, path: `${route.decl.name}/${parentId}/${child.name}`, collection: coll };
        return route.cpk === null ? handlers.handleList(ctx, scoped, method) : handlers.handleDetail(ctx, scoped, method, route.cpk);
      }
    }
  };
}

