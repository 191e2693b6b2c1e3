// Deliberately broken variants of the FortiSIEM emulator, for the suite's self-tests: each one breaks
// exactly one documented behaviour. The flag is checked where the behaviour lives (one `if` each):
//   fsm-expired-token-accepted  → emulator/fsm/clients.ts (principalFor: token expiry)
//   fsm-revoked-token-accepted  → emulator/fsm/clients.ts (principalFor: revoked client)
//   fsm-rate-limit-missing      → emulator/fsm/clients.ts (requestToken: rate limit)
//   fsm-wrong-secret-accepted   → emulator/fsm/clients.ts (requestToken: secret check)
//   fsm-org-scope-ignored       → emulator/fsm/data.ts    (inOrgScope)
//   fsm-secret-expiry-ignored   → emulator/fsm/clients.ts (requestToken: secret expiry)
//   fsm-wrong-grant-accepted    → emulator/fsm/clients.ts (requestToken: grant_type)
//   fsm-old-secret-kept-after-reset → emulator/fsm/clients.ts (requestToken: secret check after resetSecret)
//   fsm-unknown-client-id-disclosed → emulator/fsm/clients.ts (requestToken: unknown client id)
//   fsm-no-new-token-after-expiry   → emulator/fsm/clients.ts (requestToken: rate limit never lifts)
//   fsm-failure-threshold-missing   → emulator/fsm/clients.ts (registerFailure: block)
//   fsm-failure-block-never-lifts   → emulator/fsm/clients.ts (requestToken: failure-threshold block)
//   fsm-issued-token-rejected   → emulator/fsm/clients.ts (principalFor: issued tokens)
//   fsm-role-scope-ignored      → emulator/fsm/data.ts    (roleAllows)
//   fsm-super-global-scoped     → emulator/fsm/data.ts    (inOrgScope: Super/Global)
//   fsm-bad-token-accepted      → emulator/fsm/app.ts     (withPrincipal)
//   fsm-incident-values-narrowed → emulator/fsm/data.ts   (updateIncident: status range, severities)

import { type VariantFlags as Flags, type VariantSpec, variantRegistry } from '../variant-registry.ts';

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
  {
    id: 'fsm-secret-expiry-ignored',
    description: 'The token call keeps issuing access tokens after the client secret expired.',
    source: '000 · Using Token in Public REST API, Step 3 ("You can always get a new Access Token until Client Secret is expired") and Step 4; facts · FortiSIEM token flow (400 "Client secret expired").',
  },
  {
    id: 'fsm-wrong-grant-accepted',
    description: 'The token call issues an access token whatever grant_type is sent (e.g. password), not only client_credentials.',
    source: '000 · Using Token in Public REST API, Step 1 ("grant_type (set to client_credentials)"); facts · FortiSIEM token flow (failures are 400 BAD_REQUEST).',
  },
  {
    id: 'fsm-old-secret-kept-after-reset',
    description: 'After "Reset Secret" the old client secret still gets access tokens (as well as the new one).',
    source: '000 · Reset Client Secret / Revoke Token ("FortiSIEM will issue a new Client Secret"); facts · FortiSIEM token flow (400 "Invalid ClientId or ClientSecret").',
  },
  {
    id: 'fsm-unknown-client-id-disclosed',
    description: 'An unknown client id is refused with "Unknown ClientId" (telling which ids exist) instead of "Invalid ClientId or ClientSecret".',
    source: 'facts · FortiSIEM token flow (400 "Invalid ClientId or ClientSecret").',
  },
  {
    id: 'fsm-no-new-token-after-expiry',
    description: 'Once a client id got an access token, every later token request is refused with the rate-limit message, however much later (no new token after the old one expired).',
    source: '000 · Using Token in Public REST API, Step 3 ("If Access Token is expired [...] get a new Access Token using the API in Step 1. You can always get a new Access Token until Client Secret is expired"); facts · FortiSIEM token flow (the limit is per 5 seconds).',
  },
  {
    id: 'fsm-failure-threshold-missing',
    description: 'Failed token requests never block a client id: the right secret still gets a token after any number of failures.',
    source: 'facts · FortiSIEM token flow (400 "Failure threshold exceeded. Token requests blocked for 5 minutes").',
  },
  {
    id: 'fsm-failure-block-never-lifts',
    description: 'A client id blocked by the failure threshold stays blocked for ever: after the 5 minutes the right secret still gets "Failure threshold exceeded" instead of a token.',
    source: 'facts · FortiSIEM token flow ("Failure threshold exceeded. Token requests blocked for 5 minutes"); 000 · Using Token in Public REST API, Step 3 ("You can always get a new Access Token until Client Secret is expired").',
  },
  {
    id: 'fsm-issued-token-rejected',
    description: 'The access tokens the token call issues are refused (401) by the data calls.',
    source: '000 · Using Token in Public REST API, Step 2 ("Use Access Token in API Calls": Bearer <access_token>).',
  },
  {
    id: 'fsm-role-scope-ignored',
    description: 'A token created by a Network Admin sees what only Full Admin tokens see (server incidents, event types and risk in user contexts).',
    source: '000 · API Token · API Token Privileges ("Tokens created by a Network Admin user can access only network devices and related logs").',
  },
  {
    id: 'fsm-super-global-scoped',
    description: 'A token created by a Super/Global Full Admin sees only the Super/Global organisation, not every organisation.',
    source: '000 · API Token · API Token Privileges ("Token created by Super-global Full Admin user can access logs belonging to all Organizations").',
  },
  {
    id: 'fsm-bad-token-accepted',
    description: 'Data calls without a Bearer token, or with a malformed or never issued one, are answered as the Super/Global Full Admin instead of 401.',
    source: 'facts · FortiSIEM token flow ("Data calls with a missing/invalid/expired token → 401"); 000 · Using Token in Public REST API, Step 2.',
  },
  {
    id: 'fsm-mcp-tool-missing',
    description: 'The MCP service lists every documented tool but one (update_incident_resolution_by_id).',
    source: '000 · MCP Service ("The following MCP tools are available for AI Agents to use").',
  },
  // Issue 12: the derived MCP refusals can fail.
  {
    id: 'fsm-mcp-invalid-request-answered',
    description: 'An MCP request with a known method but a missing or wrong "jsonrpc", an id that is not a string or number, or params that are not an object is answered instead of error -32600.',
    source: '000 · MCP Service (the public Model Context Protocol: JSON-RPC 2.0, whose §4 and §5.1 answer a malformed request with -32600 Invalid Request).',
  },
  {
    id: 'fsm-basic-refused',
    description: 'Username and password (Basic) are refused with 401 even when right: only API tokens work.',
    source: '000 · API Token ("For backward compatibility, public REST API calls can still be made using a username and password").',
  },
  {
    id: 'fsm-incident-values-narrowed',
    description: 'An incident update refuses documented values: incidentStatus 3 (the range read as 0-2) and incidentSeverity HIGH.',
    source: 'facts · FortiSIEM token flow ("incidentStatus (0–3), incidentSeverity (LOW/MEDIUM/HIGH)").',
  },
] as const satisfies readonly VariantSpec[];

export type FsmVariantId = (typeof FSM_VARIANTS)[number]['id'];

export type FsmVariantFlags = Flags<FsmVariantId>;
export const { resolve: resolveFsmVariants } = variantRegistry('FortiSIEM emulator', FSM_VARIANTS);
