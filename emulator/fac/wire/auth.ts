// Authentication and authorization of the tastypie request cycle, per 003 · Authorization and
// Permissions (authentication method and permission code per resource):
//   - "Webservice Basic Authentication" — tastypie BasicAuthentication (facts · Auth failure; 002 ·
//     Initializing the REST API: admin username + web service access key; facts · FAC 8.0.3: only the
//     key works). Then the resource's permission code: an administrator without it gets 403 (002 ·
//     General API response codes: "403 Forbidden — Permission is denied to perform an operation";
//     tastypie raises Unauthorized, which FAC answers 403).
//   - "OAuth Bearer Token Authentication" — an access token from /oauth/token/ or /api/fabric/authenticate
//     in `Authorization: Bearer <token>`; 401 for a missing, malformed, unknown, revoked or expired one
//     (002 · Fabric widget · Response codes: "401 Unauthorized — Invalid Bearer token").
//   - "None" — no credentials.

import { timingSafeEqual } from 'node:crypto';
import type { ResourceDecl } from '../models/types.ts';
import type { Admin } from '../models/store.ts';
import type { VariantFlags } from '../variants.ts';
import { empty, type WireResponse } from './http.ts';

/**
 * tastypie sends `Basic Realm="django-tastypie"` (capital R, `BasicAuthentication._unauthorized`);
 * auth-param names are case-insensitive (RFC 7235 §2.2), so clients read it as realm="django-tastypie".
 */
export const WWW_AUTHENTICATE = 'Basic Realm="django-tastypie"';
/** Reading: FAC's OAuth provider is django-oauth-toolkit (its default token length and the
 * 36000-second expiry in 002's FTM push example); DRF's OAuth2Authentication challenges with this. */
export const WWW_AUTHENTICATE_BEARER = 'Bearer realm="api"';

export const unauthorized = (): WireResponse => empty(401, { 'WWW-Authenticate': WWW_AUTHENTICATE });
export const bearerUnauthorized = (): WireResponse => empty(401, { 'WWW-Authenticate': WWW_AUTHENTICATE_BEARER });
/** Django HttpResponseForbidden: empty body. */
export const forbidden = (): WireResponse => empty(403);

function same(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The username and password of a Basic Authorization header, or null. */
export function basicCredentials(authorization: string | undefined): { user: string; pass: string } | null {
  if (!authorization) return null;
  // `(auth_type, data) = header.split()`: exactly two whitespace-separated parts, type "Basic".
  const parts = authorization.trim().split(/\s+/);
  if (parts.length !== 2 || parts[0] !== 'Basic') return null;
  // base64.b64decode (non-strict): non-alphabet characters are dropped, padding must be right.
  const cleaned = (parts[1] ?? '').replace(/[^A-Za-z0-9+/=]/g, '');
  if (cleaned.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(cleaned)) return null;
  const decoded = Buffer.from(cleaned, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { user: decoded.slice(0, colon), pass: decoded.slice(colon + 1) };
}

/** True when the Authorization header carries the admin's username and access key. */
export function basicAuthOk(authorization: string | undefined, admin: Admin): boolean {
  const c = basicCredentials(authorization);
  return c !== null && same(c.user, admin.username) && same(c.pass, admin.key);
}

/** The token of `Authorization: Bearer <token>` (scheme case-insensitive, RFC 7235 §2.1; exactly one
 * token, as DRF's `get_authorization_header().split()` wants), or undefined. */
export function bearerToken(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const parts = authorization.trim().split(/\s+/);
  if (parts.length !== 2 || (parts[0] ?? '').toLowerCase() !== 'bearer') return undefined;
  // RFC 6750 §2.1 b64token characters.
  const token = parts[1] ?? '';
  return /^[A-Za-z0-9\-._~+/]+=*$/.test(token) ? token : undefined;
}

/** Who may call what: the administrators and the live access tokens. */
export interface Principals {
  admin: Admin;
  /** Web service access, no admin profile: every permission code is missing. */
  restricted?: Admin | null;
  /** Administrators made through /localapiadmin/ (username → access key). Reading: full rights. */
  apiAdmins?: ReadonlyMap<string, string>;
  /** Is this a live (issued, not revoked, not expired) access token? */
  bearerValid?(token: string): boolean;
  variants: VariantFlags;
}

/** null when the request may go on; otherwise the 401/403 to answer. */
export function authorize(decl: Pick<ResourceDecl, 'auth' | 'permission'> | null, authorization: string | undefined, p: Principals): WireResponse | null {
  const method = decl?.auth ?? 'basic';
  if (method === 'none') return null;
  if (p.variants.has('auth-not-enforced')) return null; // variant: every request passes
  if (method === 'bearer') {
    const token = bearerToken(authorization);
    // Reading: any live token will do; the Widgets permission (003 · fabric) is the token owner's
    // business when the token is issued (004 · "must have Widget read/write permissions").
    return token !== undefined && p.bearerValid?.(token) === true ? null : bearerUnauthorized();
  }
  const c = basicCredentials(authorization);
  if (!c) return unauthorized();
  if (same(c.user, p.admin.username) && same(c.pass, p.admin.key)) return null;
  const apiKey = p.apiAdmins?.get(c.user);
  if (apiKey !== undefined && same(c.pass, apiKey)) return null;
  const r = p.restricted;
  if (r && same(c.user, r.username) && same(c.pass, r.key)) {
    // Reading: the permission is checked up front (before the object lookup), like a Django
    // permission_required view, so a missing object does not tell a restricted admin anything.
    if (!decl?.permission) return null;
    if (p.variants.has('restricted-admin-allowed')) return null; // variant
    return forbidden();
  }
  return unauthorized();
}
