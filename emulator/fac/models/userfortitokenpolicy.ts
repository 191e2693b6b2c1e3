// /api/v1/userfortitokenpolicy/ — declaration and a minimal reading.
// Source: 003 · Authorization and Permissions: Webservice Basic Authentication; permission set
// "Webservice Authentication", code "Can use API to authenticate" (the set of /auth/, /realmauth/ and
// /ssoauth/: a resource for authentication clients, not for configuration). The guide has no section
// for it. facts · visionebc/SATOM (FAC 8.0.3, live census): a bare GET answers 400 — GET is allowed and
// needs something the bare request lacks.
// Reading (ours, every detail): GET ?username=<local user> answers that user's FortiToken settings —
// the fields /localusers/ documents for token authentication — so an authentication client can tell
// whether to ask for a token code. No username → 400 {"error"}; an unknown user → 404 (empty body).

import type { ModelContext, Outcome, Reply, ResourceDecl } from './types.ts';
import { badRequest, notFound, ok } from './types.ts';

export const USERFORTITOKENPOLICY = 'userfortitokenpolicy';
export const USERNAME_REQUIRED = 'The username query parameter is required.';

export function userfortitokenpolicyResource(ctx: ModelContext): ResourceDecl {
  const { store } = ctx;

  function run(req: { query: { get(key: string): string | undefined } }): Outcome<Reply> {
    const username = req.query.get('username');
    if (username === undefined || username === '') return badRequest(USERNAME_REQUIRED);
    const u = store.userByUsername(username);
    if (!u) return notFound();
    return ok({
      kind: 'object', status: 200,
      data: { ftk_only: u.ftk_only, token_auth: u.token_auth, token_type: u.token_type, username: u.username },
    });
  }

  return {
    name: USERFORTITOKENPOLICY,
    listMethods: ['GET'],
    detailMethods: [],
    auth: 'basic', // 003 · Webservice Basic Authentication
    permission: { set: 'Webservice Authentication', code: 'Can use API to authenticate' }, // 003 · Authorization and Permissions
    fields: {
      ftk_only: { type: 'boolean', help: 'FortiToken-only authentication (read only)', readonly: true },
      token_auth: { type: 'boolean', help: 'Token authentication (read only)', readonly: true },
      token_type: { type: 'string', help: 'Token type (read only)', readonly: true, nullable: true },
      username: { type: 'string', help: 'Local user username (query parameter)' },
    },
    filtering: {},
    ordering: [],
    endpoint: { methods: ['GET'], run },
  };
}
