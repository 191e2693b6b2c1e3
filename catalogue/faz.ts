// The FortiAnalyzer Cloud scenario catalogue (see catalogue/fac.ts for how an entry is read): the `scenario:`
// ids of openapi/faz.yaml, each with the variant of emulator/faz/variants.ts that breaks it.

import type { ScenarioEntry } from './types.ts';

export const FAZ_SCENARIOS: readonly ScenarioEntry[] = [
  { id: 'faz-errors-in-http-200', variant: 'faz-error-as-http-500', mustFail: ['status'],
    title: 'JSON-RPC errors are status codes inside HTTP 200',
    source: 'facts · FortiAnalyzer JSON-RPC' },
  { id: 'faz-id-echoed', variant: 'faz-id-not-echoed', mustFail: ['body-values'],
    title: 'A JSON-RPC answer echoes the request id',
    source: '001 · Adding API users · To use the FortiAnalyzer Cloud API' },
  { id: 'faz-invalid-token-refused', variant: 'faz-invalid-token-accepted', mustFail: ['body-values'],
    title: 'Login with an invalid FortiCloud token opens no session',
    source: 'facts · FortiAnalyzer JSON-RPC' },
  { id: 'faz-login-max', variant: 'faz-login-max-not-enforced', mustFail: ['body-values'],
    title: 'An API user holds at most login-max (20) sessions',
    source: '001 · Adding API users · Note' },
  { id: 'faz-login-with-token', variant: 'faz-valid-token-refused', mustFail: ['follow-up-steps'],
    title: 'A valid FortiCloud access token opens a FortiAnalyzer Cloud session',
    source: '001 · Adding API users · To use the FortiAnalyzer Cloud API' },
  { id: 'faz-logout-frees-slot', variant: 'faz-logout-keeps-slot', mustFail: ['follow-up-steps'],
    title: 'Logging out frees the session slot',
    source: '001 · Adding API users · Note' },
  { id: 'faz-session-required', variant: 'faz-session-not-required', mustFail: ['body-values'],
    title: 'JSON-RPC calls need a valid session (status -11 otherwise)',
    source: 'facts · FortiAnalyzer JSON-RPC' },
  { id: 'faz-unknown-method-refused', variant: 'faz-unknown-method-accepted', mustFail: ['body-values'],
    title: 'An unknown JSON-RPC method answers status -5',
    source: 'facts · FortiAnalyzer JSON-RPC' },
  { id: 'faz-verbose-1', variant: 'faz-verbose-ignored', mustFail: ['body-values'],
    title: 'With "verbose": 1, get answers enums as strings',
    source: '001 · Adding API users · To use the FortiAnalyzer Cloud API',
    note: '001 sends verbose 1 without stating its effect; facts · FortiAnalyzer JSON-RPC state it' },
];
