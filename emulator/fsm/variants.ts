// Deliberately broken variants of the FortiSIEM emulator, for the suite's self-tests: each one breaks
// exactly one documented behaviour. The flag is checked where the behaviour lives (one `if` each):
//   fsm-expired-token-accepted  → emulator/fsm/clients.ts (principalFor: token expiry)
//   fsm-revoked-token-accepted  → emulator/fsm/clients.ts (principalFor: revoked client)
//   fsm-rate-limit-missing      → emulator/fsm/clients.ts (requestToken: rate limit)
//   fsm-wrong-secret-accepted   → emulator/fsm/clients.ts (requestToken: secret check)
//   fsm-org-scope-ignored       → emulator/fsm/data.ts    (inOrgScope)

export const FSM_VARIANTS = [
  {
    id: 'fsm-expired-token-accepted',
    description: 'A data call with an access token past its expires_in is answered 200 instead of 401.',
    source: '000 · API Token · Using Token in Public REST API, Step 3 ("If Access Token is expired [...] get a new Access Token"); facts · FortiSIEM token flow ("Data calls with a missing/invalid/expired token → 401").',
  },
  {
    id: 'fsm-revoked-token-accepted',
    description: 'After the API token is revoked, the access token in use keeps working (200 instead of 401).',
    source: '000 · API Token · Reset Client Secret / Revoke Token ("the currently in use access token becomes invalid immediately").',
  },
  {
    id: 'fsm-rate-limit-missing',
    description: 'Token requests for one client id are never rate limited (a second token within 5 s is issued).',
    source: 'facts · FortiSIEM token flow ("Rate limit exceeded. Limit is 1 token request per ClientId every 5 seconds").',
  },
  {
    id: 'fsm-org-scope-ignored',
    description: 'A token created by an organisation user sees (and updates) the data of every organisation.',
    source: '000 · API Token · API Token Privileges ("Token created by Org1 Full Admin user can access Org1 logs").',
  },
  {
    id: 'fsm-wrong-secret-accepted',
    description: 'The token call issues a token for a known client id whatever client_secret is sent.',
    source: 'facts · FortiSIEM token flow (400 "Invalid ClientId or ClientSecret"); 000 · Using Token in Public REST API, Step 1.',
  },
] as const satisfies readonly { id: string; description: string; source: string }[];

export type FsmVariantId = (typeof FSM_VARIANTS)[number]['id'];

export class FsmVariantFlags {
  private readonly on: ReadonlySet<FsmVariantId>;

  constructor(ids: Iterable<FsmVariantId> = []) {
    this.on = new Set(ids);
  }

  has(id: FsmVariantId): boolean {
    return this.on.has(id);
  }

  get ids(): FsmVariantId[] {
    return [...this.on];
  }
}

export function isFsmVariantId(id: string): id is FsmVariantId {
  return FSM_VARIANTS.some((v) => v.id === id);
}

/** Turn option strings into flags; an unknown id is a programming error and throws. */
export function resolveFsmVariants(ids: readonly string[] = []): FsmVariantFlags {
  const unknown = ids.filter((id) => !isFsmVariantId(id));
  if (unknown.length > 0)
    throw new Error(`Unknown FortiSIEM emulator variant(s): ${unknown.join(', ')}. Known: ${FSM_VARIANTS.map((v) => v.id).join(', ')}`);
  return new FsmVariantFlags(ids.filter(isFsmVariantId));
}
