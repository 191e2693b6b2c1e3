// URL resolution, tastypie's URLconf written once: which resource (list, detail, schema, sub-path
// action or child resource) a path names, or none. Pure: no HTTP, no state.

import type { ChildResource, ResourceDecl, SubAction } from '../models/types.ts';
import { API_PREFIX } from '../models/types.ts';

export type Route =
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

/** Django `pk=int(...)`: digits only (leading zeros allowed); anything else → null (404). */
export const parsePk = (pk: string): number | null => (/^[0-9]{1,15}$/.test(pk) ? Number(pk) : null);

/** The resolver of `resources`' URLs. */
export function createRouter(resources: readonly ResourceDecl[]): (path: string) => Route {
  // Resources by full list path without the trailing slash ("/api/v1/localusers", "/api/v1/oauth/token",
  // "/api/fabric/authenticate"): a name may hold slashes, and a few live outside /api/v1/ (urlPrefix).
  const byPath = new Map(resources.map((d) => [`${d.urlPrefix ?? API_PREFIX}${d.name}`, d]));
  const prefixes = [...new Set([API_PREFIX, ...resources.map((d) => d.urlPrefix ?? API_PREFIX)])];
  const maxDepth = Math.max(1, ...resources.map((d) => d.name.split('/').length));

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

  return resolve;
}
