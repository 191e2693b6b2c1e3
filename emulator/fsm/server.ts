/**
 * The reference emulator of the FortiSIEM public REST API's token flow, on plain node:http /
 * node:https. Written from 000 (FortiSIEM "API Token" admin guide section) and facts · FortiSIEM token
 * flow, independently of `openapi/`.
 *
 * Product endpoints (see app.ts, clients.ts, data.ts for every reading):
 *   POST /phoenix/rest/pub/security/oauth/token          form: grant_type=client_credentials, client_id, client_secret
 *   GET  /phoenix/rest/context/user?value=<user>          Authorization: Bearer <access_token>
 *   POST /phoenix/rest/pub/incident/update/{incidentId}   Bearer; JSON body
 *
 * Seeded state (seed.ts): organisations super (Super/Global, custId 1), Org1 (2000), Org2 (2001); per
 * organisation a Full Admin and a Network Admin (super: admin, netadmin; Org1: org1_admin,
 * org1_netadmin; Org2: org2_admin, org2_netadmin — the last without the OAuth Tokens permission);
 * user contexts and incidents per organisation (incident 10, Super/Global, is set aside for the suite
 * to update: provided `fsm-incident`); and three API clients created at start: the main one
 * (super/admin, Full Admin, Super/Global), "network-admin-client" (super/netadmin) and "org1-client"
 * (Org1/org1_admin).
 *
 * Emulator control interface — the administrator steps a real FortiSIEM does in its GUI
 * (000 · Admin > Settings > System > API Token: create, Reset Secret, Revoke Token, Delete) plus clock
 * control. Only on the emulator, under /__emulator/, no authentication, loopback callers only (403
 * otherwise). JSON in and out; errors are {"error": "..."} with 400/403/404/405.
 *   GET    /__emulator/                               overview: now, variants, organizations, users, clients (no secrets)
 *   POST   /__emulator/clients                        {"user", "org"?: "super", "name"?, "token_expiry"?: s, "secret_expiry"?: s}
 *                                                     → 201 {"client_id", "client_secret"}; 404 unknown user;
 *                                                       403 the user's role lacks OAuth Tokens
 *   GET    /__emulator/clients/{client_id}            the client (status, owner, organization, secret expiry)
 *   POST   /__emulator/clients/{client_id}/reset-secret   → {"client_id", "client_secret"} (old secret stops working)
 *   POST   /__emulator/clients/{client_id}/revoke         tokens in use are invalid at once; token calls → "Client ID revoked"
 *   POST   /__emulator/clients/{client_id}/expire-tokens  every access token of the client expires now → {"client_id", "expired": n}
 *   POST   /__emulator/clients/{client_id}/expire-secret  the client secret expires now
 *   DELETE /__emulator/clients/{client_id}            → 204; the client id becomes unknown
 *   POST   /__emulator/clock                          {"advance": seconds} → {"now"}: moves the emulator clock
 *                                                     (token/secret expiry, the 5 s rate limit, the 5 min block)
 *   POST   /__emulator/users/permission               {"user", "org"?, "oauth_tokens": boolean}: the role's OAuth Tokens switch
 *   GET    /__emulator/incidents/{incidentId}         an incident's full state (to observe updates)
 *
 * The same interface in the conformance documents' spelling, under /__emulator/fsm/ (every answer
 * 200 unless an error; errors as above, plus 409):
 *   POST   /__emulator/fsm/clients                    {"user", "role": "Full Admin" | "Network Admin",
 *                                                     "organization": "super" | "Org1" | "Org2",
 *                                                     "token_expiry"?: seconds (Access Token Expiry, 3600)}
 *                                                     → {"client_id", "client_secret"}. A user that does
 *                                                       not exist is created first (a throw-away user with
 *                                                       OAuth Tokens); 400 unknown role/organization; 409
 *                                                       the user exists with another role; 403 it exists
 *                                                       without OAuth Tokens
 *   GET    /__emulator/fsm/clients/{client_id}        as /__emulator/clients/{client_id}
 *   POST   /__emulator/fsm/clients/{client_id}/reset-secret | revoke | expire-tokens | expire-secret
 *                                                     as under /__emulator/clients/ (all 200 JSON objects)
 *   DELETE /__emulator/fsm/clients/{client_id}        → 200 {}; the client id becomes unknown, and a
 *                                                     throw-away owner with no other client is removed
 *   POST   /__emulator/fsm/incidents                  {"organization"} → {"incidentId"}: a new active
 *                                                     server incident there (seen by Full Admin tokens of
 *                                                     the organisation and of Super/Global); 400 unknown
 *   GET    /__emulator/fsm/incidents/{incidentId}     as /__emulator/incidents/{incidentId}
 * (DELETE /__emulator/clients/{client_id} removes a throw-away owner the same way.)
 */

import { createFsmApp, CONTROL_BASE } from './app.ts';
import { FsmState } from './state.ts';
import { INCIDENTS, ORG1, SUPER } from './seed.ts';
import { serve } from '../host.ts';

export interface FsmEmulatorOptions {
  host?: string;
  port?: number;
  /** Also serve HTTPS on this port (0: any free port). */
  httpsPort?: number;
  tls?: { cert: string; key: string };
  variants?: string[];
  /** Milliseconds since the epoch; defaults to Date.now. */
  clock?: () => number;
  /** The FortiSIEM release answered as (default 7.5.1: MCP included). */
  version?: string;
}

export interface RunningFsmEmulator {
  url: string;
  httpsUrl?: string;
  caCert?: string;
  /** The main API client: created by the Super/Global Full Admin. */
  clientId: string;
  clientSecret: string;
  /** What an operator would otherwise set up (other API clients, known data, the control interface). */
  provided: Record<string, Record<string, unknown>>;
  /** The emulator's state, for in-process tests. */
  state: FsmState;
  close(): Promise<void>;
}

/** Bodies above this are refused with 413 (the documented calls carry a few hundred bytes). */
export const FSM_MAX_BODY_BYTES = 1_048_576;

function mustCreate(state: FsmState, org: string, user: string, name: string): { client_id: string; client_secret: string } {
  const created = state.createClient(org, user, { name });
  if (!created.ok) throw new Error(`FortiSIEM emulator seed: ${created.error.message}`);
  return { client_id: created.value.clientId, client_secret: created.value.secret };
}

export async function startFsmEmulator(opts: FsmEmulatorOptions = {}): Promise<RunningFsmEmulator> {
  const state = new FsmState({ variants: opts.variants ?? [], ...(opts.clock ? { clock: opts.clock } : {}), ...(opts.version ? { version: opts.version } : {}) });
  const main = mustCreate(state, SUPER, 'admin', 'forticonform_automation');
  const provided: Record<string, Record<string, unknown>> = {
    'emulator-control': { base: CONTROL_BASE },
    // 000: username and password still accepted "for backward compatibility" (Basic, org/user).
    'fsm-basic-user': { username: `${SUPER}/admin`, password: state.passwords.get(`${SUPER}/admin`)! },
    // A client created by a Network Admin (Super/Global): network-device data only.
    'network-admin-client': mustCreate(state, SUPER, 'netadmin', 'netadmin_automation'),
    // A client created by Org1's Full Admin: Org1 data only.
    'org1-client': mustCreate(state, ORG1, 'org1_admin', 'org1_automation'),
    // Known data an operator would name for the data calls (seed.ts).
    'context-user': { value: 'admin' },
    'shared-context-user': { value: 'jdoe', org1_incident_id: INCIDENTS.org1Server, org2_incident_id: INCIDENTS.org2Server },
    incident: { incident_id: INCIDENTS.superAudit },
    'network-incident': { incident_id: INCIDENTS.superNetwork },
    'org1-incident': { incident_id: INCIDENTS.org1Server },
    'org2-incident': { incident_id: INCIDENTS.org2Server },
    // A Super/Global incident set aside for the suite's incident updates (no context refers to it).
    'fsm-incident': { incidentId: INCIDENTS.superUpdatable },
  };
  const handle = createFsmApp(state);
  const hosted = await serve(
    {
      name: 'FortiSIEM',
      maxBodyBytes: FSM_MAX_BODY_BYTES,
      tooLarge: { status: 413, headers: {}, body: '' },
      // FNDN 7.5.1 "API Token": 500 {"error":"INTERNAL_ERROR","message":...}.
      internalError: { status: 500, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ error: 'INTERNAL_ERROR', message: 'Unexpected server error' }) },
      handle,
    },
    opts,
  );
  return { ...hosted, clientId: main.client_id, clientSecret: main.client_secret, provided, state };
}
