// HTTP Basic authentication — tastypie BasicAuthentication (facts · Auth failure; 002 · Initializing
// the REST API: admin username + web service access key; facts · FAC 8.0.3: only the key works).

import { timingSafeEqual } from 'node:crypto';
import type { Admin } from '../fac/store.ts';
import { empty, type WireResponse } from './http.ts';

/**
 * tastypie sends `Basic Realm="django-tastypie"` (capital R, `BasicAuthentication._unauthorized`);
 * auth-param names are case-insensitive (RFC 7235 §2.2), so clients read it as realm="django-tastypie".
 */
export const WWW_AUTHENTICATE = 'Basic Realm="django-tastypie"';

export const unauthorized = (): WireResponse => empty(401, { 'WWW-Authenticate': WWW_AUTHENTICATE });

function same(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** True when the Authorization header carries the admin's username and access key. */
export function basicAuthOk(authorization: string | undefined, admin: Admin): boolean {
  if (!authorization) return false;
  // `(auth_type, data) = header.split()`: exactly two whitespace-separated parts, type "Basic".
  const parts = authorization.trim().split(/\s+/);
  if (parts.length !== 2 || parts[0] !== 'Basic') return false;
  // base64.b64decode (non-strict): non-alphabet characters are dropped, padding must be right.
  const cleaned = (parts[1] ?? '').replace(/[^A-Za-z0-9+/=]/g, '');
  if (cleaned.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(cleaned)) return false;
  const decoded = Buffer.from(cleaned, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  const user = decoded.slice(0, colon);
  const pass = decoded.slice(colon + 1);
  return same(user, admin.username) && same(pass, admin.key);
}
