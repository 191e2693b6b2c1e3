// The answers of the tastypie request cycle, written once: serialisation in the negotiated format,
// error bodies, the method check (405 + Allow), and the one mapping from what a model reports
// (an Outcome's ModelError, an action's ActionOutcome) to HTTP statuses.

import { randomBytes } from 'node:crypto';
import type { ActionOutcome, Json, ModelError, ResourceDecl } from '../models/types.ts';
import type { VariantFlags } from '../variants.ts';
import { determineFormat, formatForError, InvalidAcceptHeader } from './format.ts';
import { empty, serialized, text, type WireRequest, type WireResponse } from './http.ts';
import type { Query } from './query.ts';
import type { WireValue } from './serialize.ts';

/** One request as the handlers see it. */
export interface Ctx {
  req: WireRequest;
  query: Query;
  accept: string | undefined;
  variants: VariantFlags;
}

/** The canned 500 body of tastypie `_handle_500` (settings.DEBUG off). */
export const CANNED_500 = { error_message: 'Sorry, this request could not be processed. Please try again later.' };

/** A serialized 200-ish answer; a malformed Accept header turns it into 400 (JSON). */
export function respond(ctx: Ctx, status: number, data: WireValue, headers: Record<string, string> = {}): WireResponse {
  let format;
  try {
    format = determineFormat(ctx.query, ctx.accept, ctx.variants);
  } catch (e) {
    if (e instanceof InvalidAcceptHeader) return serialized(400, { error: 'Invalid Accept header' }, 'json');
    throw e;
  }
  return serialized(status, data, format, headers);
}

export function error(ctx: Ctx, status: number, data: Json): WireResponse {
  return serialized(status, data, formatForError(ctx.query, ctx.accept));
}

export const badRequest = (ctx: Ctx, message: string): WireResponse => error(ctx, 400, { error: message });

export function modelError(ctx: Ctx, decl: ResourceDecl, err: ModelError): WireResponse {
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
export function methodCheck(method: string, allowed: readonly string[]): WireResponse | null {
  const allows = allowed.join(',');
  if (method === 'OPTIONS') return text(200, allows, { Allow: allows });
  if (!allowed.includes(method)) return text(405, allows, { Allow: allows });
  return null;
}

/** Django's session cookie, for a resource whose answers set one (variant auth-no-session-cookie: none). */
function sessionCookie(ctx: Ctx, decl: ResourceDecl): Record<string, string> {
  if (!decl.sessionCookie || ctx.variants.has('auth-no-session-cookie')) return {}; // variant
  return { 'Set-Cookie': `sessionid=${randomBytes(16).toString('hex')}; httponly; Path=/` };
}

/** What a POST-only action resource (auth, realmauth, ssoauth…) reports, on the wire. */
export function actionAnswer(ctx: Ctx, decl: ResourceDecl, r: ActionOutcome): WireResponse {
  switch (r.kind) {
    case 'accepted':
      return empty(200, sessionCookie(ctx, decl));
    case 'rejected':
      return text(401, r.reason, sessionCookie(ctx, decl));
    case 'unknown_subject':
      return text(404, r.reason, sessionCookie(ctx, decl));
    case 'error':
      return modelError(ctx, decl, r.error);
  }
}
