// The FortiSIEM scenario catalogue (see catalogue/fac.ts for how an entry is read): the `scenario:`
// ids of openapi/fsm.yaml, each with the variant of emulator/fsm/variants.ts that breaks it.

import type { ScenarioEntry } from './types.ts';

export const FSM_SCENARIOS: readonly ScenarioEntry[] = [
  {
    id: 'fsm-bad-token-401',
    title: 'A missing, malformed or never issued token is refused (401)',
    source: 'facts · FortiSIEM token flow',
    variant: 'fsm-bad-token-accepted',
    mustFail: ['status'],
  },
  {
    id: 'fsm-client-credentials-grant',
    title: 'The token call takes grant_type=client_credentials only',
    source: 'facts · FortiSIEM token flow',
    variant: 'fsm-wrong-grant-accepted',
    mustFail: ['status'],
  },
  {
    id: 'fsm-expired-token-refused',
    title: 'An expired access token is refused (401)',
    source: '000 · Using Token in Public REST API · Step 3: Access Token Expired or Lost',
    variant: 'fsm-expired-token-accepted',
    mustFail: ['status'],
  },
  {
    id: 'fsm-failure-threshold',
    title: 'Repeated failed token requests block the client for 5 minutes, then the block lifts',
    source: 'facts · FortiSIEM token flow',
    variant: 'fsm-failure-threshold-missing',
    alsoBrokenBy: ['fsm-failure-block-never-lifts'],
    mustFail: ['follow-up-steps'],
  },
  {
    id: 'fsm-issued-token-usable',
    title: 'An issued access token opens the data calls as its Bearer token',
    source: '000 · Using Token in Public REST API · Step 2: Use Access Token in API Calls',
    variant: 'fsm-issued-token-rejected',
    mustFail: ['follow-up-steps', 'status'],
  },
  {
    id: 'fsm-network-admin-scope',
    title: 'A Network Admin\'s token sees network devices and their logs only',
    source: '000 · API Token Privileges',
    variant: 'fsm-role-scope-ignored',
    mustFail: ['body-values'],
  },
  {
    id: 'fsm-new-token-after-expiry',
    title: 'A new token can be requested once the old one expired',
    source: '000 · Using Token in Public REST API · Step 3: Access Token Expired or Lost',
    variant: 'fsm-no-new-token-after-expiry',
    mustFail: ['status'],
  },
  {
    id: 'fsm-org-scope',
    title: 'An organisation\'s token sees only its own organisation',
    source: '000 · API Token Privileges',
    variant: 'fsm-org-scope-ignored',
    mustFail: ['status'],
  },
  {
    id: 'fsm-reset-secret',
    title: 'After Reset Secret the old secret is refused',
    source: '000 · Reset Client Secret / Revoke Token',
    variant: 'fsm-old-secret-kept-after-reset',
    mustFail: ['status'],
  },
  {
    id: 'fsm-revoked-token-refused',
    title: 'A token of a revoked client is refused at once (401)',
    source: '000 · Reset Client Secret / Revoke Token',
    variant: 'fsm-revoked-token-accepted',
    mustFail: ['status'],
  },
  {
    id: 'fsm-secret-expiry',
    title: 'An expired client secret is refused',
    source: '000 · Using Token in Public REST API · Step 4: Client Secret is Expired',
    variant: 'fsm-secret-expiry-ignored',
    mustFail: ['status'],
  },
  {
    id: 'fsm-super-global-all-orgs',
    title: 'A Super/Global Full Admin\'s token sees every organisation',
    source: '000 · API Token Privileges',
    variant: 'fsm-super-global-scoped',
    mustFail: ['status'],
  },
  {
    id: 'fsm-token-rate-limit',
    title: 'A client gets at most one token request every 5 seconds',
    source: 'facts · FortiSIEM token flow',
    variant: 'fsm-rate-limit-missing',
    mustFail: ['status'],
  },
  {
    id: 'fsm-unknown-client-not-disclosed',
    title: 'An unknown client id is refused without saying whether it exists',
    source: 'facts · FortiSIEM token flow',
    variant: 'fsm-unknown-client-id-disclosed',
    mustFail: ['body-values'],
  },
  {
    id: 'fsm-wrong-secret-refused',
    title: 'A wrong client secret is refused (400)',
    source: 'facts · FortiSIEM token flow',
    variant: 'fsm-wrong-secret-accepted',
    mustFail: ['status'],
  },
];
