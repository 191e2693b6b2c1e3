// The FortiAnalyzer Cloud scenario catalogue (see catalogue/fac.ts for how an entry is read): the `scenario:`
// ids of openapi/faz.yaml, each with the variant of emulator/faz/variants.ts that breaks it.

import type { ScenarioEntry } from './types.ts';

export const FAZ_SCENARIOS: readonly ScenarioEntry[] = [
  {
    id: 'faz-errors-in-http-200',
    title: 'JSON-RPC errors are status codes inside HTTP 200',
    source: 'facts · FortiAnalyzer JSON-RPC',
    variant: 'faz-error-as-http-500',
    mustFail: ['status'],
  },
  {
    id: 'faz-id-echoed',
    title: 'A JSON-RPC answer echoes the request id',
    source: '001 · Adding API users · To use the FortiAnalyzer Cloud API',
    variant: 'faz-id-not-echoed',
    mustFail: ['body-values'],
  },
  {
    id: 'faz-invalid-token-refused',
    title: 'Login with an invalid FortiCloud token opens no session',
    source: 'facts · FortiAnalyzer JSON-RPC',
    variant: 'faz-invalid-token-accepted',
    mustFail: ['body-values'],
  },
  {
    id: 'faz-login-max',
    title: 'An API user holds at most login-max (20) sessions',
    source: '001 · Adding API users · Note',
    variant: 'faz-login-max-not-enforced',
    mustFail: ['body-values'],
  },
  {
    id: 'faz-login-with-token',
    title: 'A valid FortiCloud access token opens a FortiAnalyzer Cloud session',
    source: '001 · Adding API users · To use the FortiAnalyzer Cloud API',
    variant: 'faz-valid-token-refused',
    mustFail: ['follow-up-steps'],
  },
  {
    id: 'faz-logout-frees-slot',
    title: 'Logging out frees the session slot',
    source: '001 · Adding API users · Note',
    variant: 'faz-logout-keeps-slot',
    mustFail: ['follow-up-steps'],
  },
  {
    id: 'faz-session-required',
    title: 'JSON-RPC calls need a valid session (status -11 otherwise)',
    source: 'facts · FortiAnalyzer JSON-RPC',
    variant: 'faz-session-not-required',
    mustFail: ['body-values'],
  },
  {
    id: 'faz-unknown-method-refused',
    title: 'An unknown JSON-RPC method answers status -5',
    source: 'facts · FortiAnalyzer JSON-RPC',
    variant: 'faz-unknown-method-accepted',
    mustFail: ['body-values'],
  },
];
