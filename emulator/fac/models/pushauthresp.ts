// /api/v1/pushauthresp/ — the FortiToken Mobile app's answer to a push (validate or alert).
// Source: 002 · Push authentication response (/pushauthresp/) (Supported fields, Allowed methods,
// Response codes 200 "Valid credentials" / 401 "Invalid credentials") and 003 · Authorization and
// Permissions (pushauthresp: authentication None). The sessions are the FTM push sessions of
// /oauth/token/ (002 · OAuth server token · Get a token with FTM push).

import type { FieldSpec, ModelContext, Outcome, Reply, ResourceDecl } from './types.ts';
import { invalid, ok } from './types.ts';
import { REQUIRED, parseChoice, parseString, requiredMissing } from './validate.ts';
import { EMULATOR_TOKEN_CODE } from './auth.ts';
import { generateToken } from './sso-oauth-state.ts';

export const PUSHAUTHRESP = 'pushauthresp';

const FIELDS: Record<string, FieldSpec> = {
  action: { type: 'string', help: 'Requested action: "validate" or "alert"' },
  hmac: { type: 'string', help: 'HMAC verification (action "alert")', blank: true },
  message: { type: 'string', help: 'Alert message (action "alert")', blank: true },
  session_id: { type: 'string', help: 'Authentication session ID', unique: true },
  token_code: { type: 'string', help: 'Security token code (action "validate")', blank: true },
};

export function pushauthrespResource(ctx: ModelContext): ResourceDecl {
  const push = ctx.store.ssoOAuth.push;

  function run(req: { data: Record<string, unknown> }): Outcome<Reply> {
    const data = req.data;
    const errors: Record<string, string[]> = {};
    const field = (name: string): string => {
      const raw = data[name];
      if (requiredMissing(data, name)) {
        errors[name] = [REQUIRED];
        return '';
      }
      if (raw === undefined) return '';
      const r = parseString(raw);
      if ('error' in r) errors[name] = [r.error];
      return 'error' in r ? '' : r.value;
    };
    const sessionId = field('session_id');
    let action: 'validate' | 'alert' | null = null;
    if (requiredMissing(data, 'action')) errors.action = [REQUIRED];
    else if (data.action !== undefined) {
      // "Must be "validate" or "alert"".
      const r = parseChoice(data.action, ['validate', 'alert'] as const);
      if ('error' in r) errors.action = [r.error];
      else action = r.value;
    }
    // token_code "Only required when action is validate"; message and hmac "when action is alert".
    // A field sent for the other action is still validated, as a form cleans every field it is given.
    const optional = (name: string): string => (data[name] === undefined || data[name] === null || data[name] === '' ? '' : field(name));
    const code = action === 'validate' ? field('token_code') : optional('token_code');
    if (action === 'alert') {
      field('message');
      field('hmac');
    } else {
      optional('message');
      optional('hmac');
    }
    if (Object.keys(errors).length > 0) return invalid(errors);

    // 401 "Invalid credentials": an unknown or already answered session, or a wrong code.
    const s = push.get(sessionId);
    if (ctx.variants.has('pushauthresp-unknown-session-accepted') && !s) return ok({ kind: 'empty', status: 200 }); // variant
    if (!s || s.status !== 'pending') return ok({ kind: 'empty', status: 401 });
    if (action === 'alert') {
      // Reading: an alert is the user refusing (and reporting) the push. The HMAC cannot be checked:
      // the emulator has no device secrets.
      s.status = 'rejected';
      return ok({ kind: 'empty', status: 200 });
    }
    if (code !== EMULATOR_TOKEN_CODE) return ok({ kind: 'empty', status: 401 });
    // Approved: /pushpoll/ now shows status "success" and the challenge_response for /oauth/token/
    // (002 example: "3njPWHp6LgXtRwwXabEN", 20 characters).
    // variant pushauthresp-validate-not-approving: 200, but the push stays pending.
    if (ctx.variants.has('pushauthresp-validate-not-approving')) return ok({ kind: 'empty', status: 200 });
    s.status = 'success';
    s.challengeResponse = generateToken(20);
    return ok({ kind: 'empty', status: 200 });
  }

  return {
    name: PUSHAUTHRESP,
    listMethods: ['POST'], // 002 · Allowed methods: POST
    detailMethods: [],
    auth: 'none', // 003 · pushauthresp: None
    fields: FIELDS,
    filtering: {},
    ordering: [],
    endpoint: { methods: ['POST'], run },
  };
}
