// Deliberately broken variants of the FortiAnalyzer Cloud emulator, for the suite's self-tests: each
// one breaks exactly one documented behaviour. The flag is checked where the behaviour lives (one
// `if` each):
//   faz-session-not-required    → emulator/faz/jsonrpc.ts (jsonrpc: session check)
//   faz-id-not-echoed           → emulator/faz/jsonrpc.ts (envelope)
//   faz-login-max-not-enforced  → emulator/faz/jsonrpc.ts (forticloudLogin: login-max check)
//   faz-invalid-token-accepted  → emulator/faz/jsonrpc.ts (forticloudLogin: token check)
//   faz-error-as-http-500       → emulator/faz/jsonrpc.ts (jsonrpc: unknown URL)
//   faz-logout-keeps-slot       → emulator/faz/jsonrpc.ts (sysLogout) + state.ts (slotsUsed)
//   faz-unknown-method-accepted → emulator/faz/jsonrpc.ts (jsonrpc: method check)
//   faz-valid-token-refused     → emulator/faz/jsonrpc.ts (forticloudLogin: valid token)
//   faz-verbose-ignored         → emulator/faz/jsonrpc.ts (sysStatus: verbose 1)
//   faz-malformed-params-answered → emulator/faz/jsonrpc.ts (jsonrpc: params and url check)

import { type VariantFlags as Flags, type VariantSpec, variantRegistry } from '../variant-registry.ts';

export const FAZ_VARIANTS = [
  {
    id: 'faz-session-not-required',
    description: 'POST /jsonrpc without a session (or with an unknown or expired one) answers the data instead of status -11.',
    source: '001 · "You can use the access token to generate a session ID which is required to send an JSON API request"; facts · FortiAnalyzer JSON-RPC (-11 for a stale or invalid session).',
  },
  {
    id: 'faz-id-not-echoed',
    description: 'JSON-RPC answers carry "id": null instead of the id the request sent.',
    source: 'facts · FortiAnalyzer JSON-RPC · response envelope {"id": <echo>, "result": [...]} (jpforcioli/github_howto_jsonrpc_api).',
  },
  {
    id: 'faz-login-max-not-enforced',
    description: 'POST /p/forticloud_jsonrpc_login/ opens a session past the API user\'s login-max (the 21st concurrent session is granted).',
    source: '001 · Note: "The number of simultaneous API sessions allowed for an API user is controlled by the user\'s max login setting. By default, this setting is set to 20."',
  },
  {
    id: 'faz-invalid-token-accepted',
    description: 'POST /p/forticloud_jsonrpc_login/ answers a session for an unknown, expired or revoked access token.',
    source: '001 · To use the FortiAnalyzer Cloud API (step 3): "Use the access token [obtained from FortiCloud in step 2] to get a FortiAnalyzer Cloud API session ID".',
  },
  {
    id: 'faz-error-as-http-500',
    description: 'A JSON-RPC request for an unknown URL answers HTTP 500 instead of HTTP 200 with status -6.',
    source: 'facts · FortiAnalyzer JSON-RPC: "-6 invalid URL"; "Errors are JSON-RPC answers with HTTP 200, not HTTP errors".',
  },
  {
    id: 'faz-logout-keeps-slot',
    description: 'exec /sys/logout ends the session but its login-max slot stays taken (logging out does not let the user log in again).',
    source: '001 · Note ("The number of simultaneous API sessions allowed for an API user is controlled by the user\'s max login setting"); facts · FortiAnalyzer JSON-RPC (exec /sys/logout).',
  },
  {
    id: 'faz-unknown-method-accepted',
    description: 'A JSON-RPC request with an unknown method is answered like a get (status 0 and data) instead of status -5.',
    source: 'facts · FortiAnalyzer JSON-RPC: "-5 no such command".',
  },
  {
    id: 'faz-valid-token-refused',
    description: 'POST /p/forticloud_jsonrpc_login/ refuses a valid FortiCloud access token (HTTP 200, login fail -22, no session).',
    source: '001 · To use the FortiAnalyzer Cloud API, step 3 ("Use the access token to get a FortiAnalyzer Cloud API session ID"; Response {"session": ...}).',
  },
  // Issue 13: verbose 1.
  {
    id: 'faz-verbose-ignored',
    description: 'get /sys/status with "verbose": 1 answers the enum-like keys (HA Mode, Admin Domain Configuration, License Status) as numeric codes instead of strings.',
    source: '001 · To use the FortiAnalyzer Cloud API (step 4: "verbose": 1); facts · FortiAnalyzer JSON-RPC ("verbose: 1 makes get return enums as strings").',
  },
  // Issue 12: the derived refusals (malformed requests) can fail.
  {
    id: 'faz-malformed-params-answered',
    description: 'A JSON-RPC request whose params are missing, empty or not a list, or whose params entry has no url (or one that is not text), is answered as get /sys/status (status 0) instead of a negative status.',
    source: '001 · To use the FortiAnalyzer Cloud API (step 4: "params": [{"url": ...}]); facts · FortiAnalyzer JSON-RPC (errors are negative status codes, -8 invalid parameter).',
  },
  // Too strict: the accepted sides derived where no refusal is documented (a string id, verbose 0) can fail.
  {
    id: 'faz-request-values-narrowed',
    description: 'A JSON-RPC request whose id is not a number, or whose verbose is 0, is refused with status -8 instead of answered.',
    source: 'facts · FortiAnalyzer JSON-RPC ({"id": <echo>}; "verbose: 1 makes get return enums as strings", numeric codes otherwise).',
  },
] as const satisfies readonly VariantSpec[];

export type FazVariantId = (typeof FAZ_VARIANTS)[number]['id'];

export type FazVariantFlags = Flags<FazVariantId>;
export const { resolve: resolveFazVariants } = variantRegistry('FortiAnalyzer emulator', FAZ_VARIANTS);
