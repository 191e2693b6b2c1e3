// /api/v1/transfertoken/ — declaration only.
// Source: 003 · Authorization and Permissions: authentication "None", permission set "None",
// permission code "None". The guide has no section for it (no fields, methods or examples).
// facts · visionebc/SATOM (FAC 8.0.3, live census of the 58 resources): transfertoken is "Forbidden
// (403) — refused even with a valid key". Reading: it serves FortiToken Mobile token transfers, which
// FortiToken Mobile authenticates by means the documents do not give, so every request this API can
// make is refused with 403 (empty body, tastypie HttpForbidden) — with or without credentials.

import type { ModelContext, ResourceDecl } from './types.ts';
import { ok } from './types.ts';

export const TRANSFERTOKEN = 'transfertoken';

export function transfertokenResource(_ctx: ModelContext): ResourceDecl {
  return {
    name: TRANSFERTOKEN,
    // Reading: GET (measured: 403, not 405) and POST (a transfer request) are the allowed methods.
    listMethods: ['GET', 'POST'],
    detailMethods: [],
    auth: 'none', // 003 · Authentication Method: None
    fields: {},
    filtering: {},
    ordering: [],
    endpoint: { methods: ['GET', 'POST'], run: () => ok({ kind: 'empty', status: 403 }) },
  };
}
