// /api/v1/pushpoll/ — poll an FTM push session.
// Source: 002 · OAuth server token · "Check for FTM-PUSH approval": GET /api/v1/pushpoll/?s=<session>
// answers {"challenge", "method", "session", "status"} ("pending"; on approval "success" plus
// "challenge_response"), and 003 · Authorization and Permissions (pushpoll: authentication None).
// The guide has no section of its own for this resource.

import type { FieldSpec, Json, ModelContext, Outcome, Reply, ResourceDecl } from './types.ts';
import { badRequest, ok } from './types.ts';
import { generateToken } from './sso-oauth-state.ts';

export const PUSHPOLL = 'pushpoll';

const FIELDS: Record<string, FieldSpec> = {
  challenge: { type: 'string', help: 'Challenge type ("otp")', readonly: true },
  challenge_response: { type: 'string', help: 'Code for /oauth/token/ once the push is approved', readonly: true },
  method: { type: 'string', help: 'Challenge method ("ftm-push")', readonly: true },
  s: { type: 'string', help: 'Push session (query parameter)' },
  session: { type: 'string', help: 'Push session', readonly: true },
  status: { type: 'string', help: 'pending, success or rejected', readonly: true },
};

export function pushpollResource(ctx: ModelContext): ResourceDecl {
  const push = ctx.store.ssoOAuth.push;

  function run(req: { query: { get(k: string): string | undefined } }): Outcome<Reply> {
    const id = req.query.get('s');
    if (id === undefined || id === '') return badRequest('The s query parameter (push session) is required.');
    const s = push.get(id);
    // Reading: an unknown (or spent) session → 404, empty body.
    if (!s) return ok({ kind: 'empty', status: 404 });
    // A self-approving user's emulated FTM app has approved by now (SsoOAuthState.selfApproving).
    // variant pushpoll-never-pending: approved at the first poll (002 · "Response if status is 'pending'").
    const approved = s.approveAt !== undefined && (ctx.now().getTime() >= s.approveAt || ctx.variants.has('pushpoll-never-pending'));
    if (s.status === 'pending' && approved) {
      s.status = 'success';
      s.challengeResponse = generateToken(20);
    }
    const data: Record<string, Json> = { challenge: 'otp', method: 'ftm-push', session: s.session, status: s.status };
    if (s.status === 'success' && s.challengeResponse !== null) data.challenge_response = s.challengeResponse;
    return ok({ kind: 'object', status: 200, data });
  }

  return {
    name: PUSHPOLL,
    listMethods: ['GET'], // 002 · the example's GET
    detailMethods: [],
    auth: 'none', // 003 · pushpoll: None
    fields: FIELDS,
    filtering: {},
    ordering: [],
    endpoint: { methods: ['GET'], run },
  };
}
