import { randomBytes } from 'node:crypto';
// One emulated FortiSIEM's state: clock, organisations, users, API clients and data, plus the
// administrator steps a real unit does in its GUI (used by the emulator control interface). No HTTP.

import { ApiClients, type ApiClient, type ClientOptions } from './clients.ts';
import { FsmData } from './data.ts';
import { FIRST_CREATED_INCIDENT_ID, SUPER, seedIdentities, seedIncidents, seedOrgs, seedUsers } from './seed.ts';
import { fail, ok, type FsmUser, type Incident, type Org, type Principal, type Result, type Role } from './types.ts';
import { checkRelease } from '../release.ts';
import { resolveFsmVariants, type FsmVariantFlags } from './variants.ts';

export interface FsmStateOptions {
  /** The release answered as (default FSM_DEFAULT_VERSION). */
  version?: string;
  variants?: readonly string[];
  /** Milliseconds since the epoch; defaults to Date.now. The control interface can advance it. */
  clock?: () => number;
}

/** The FortiSIEM release the emulator answers as (000: the client-credentials grant is "the current release"; MCP is 7.5.1+). */
export const FSM_DEFAULT_VERSION = '7.5.1';

export class FsmState {
  readonly variants: FsmVariantFlags;
  readonly version: string;
  /** Login passwords by `<organization>/<user>` (only the seeded Super/Global admin has one). */
  readonly passwords = new Map<string, string>([[`${SUPER}/admin`, `Fsm-${randomBytes(12).toString('base64url')}`]]);
  readonly orgs: Org[] = seedOrgs();
  readonly users: FsmUser[] = seedUsers();
  readonly clients: ApiClients;
  readonly data: FsmData;
  private offsetMs = 0;
  private readonly baseClock: () => number;

  constructor(opts: FsmStateOptions = {}) {
    this.variants = resolveFsmVariants(opts.variants ?? []);
    this.version = checkRelease('FortiSIEM', opts.version ?? FSM_DEFAULT_VERSION);
    this.baseClock = opts.clock ?? Date.now;
    this.clients = new ApiClients(() => this.now(), this.variants, (org, name) => this.findUser(org, name));
    this.data = new FsmData(new Map(seedIncidents().map((i) => [i.incidentId, i])), seedIdentities(), this.variants);
  }

  now(): number {
    return this.baseClock() + this.offsetMs;
  }

  /** Emulator control: move the clock forward (token and secret expiry, rate limit, block). */
  advance(seconds: number): number {
    this.offsetMs += seconds * 1000;
    return this.now();
  }

  org(name: string): Org | undefined {
    return this.orgs.find((o) => o.name === name);
  }

  findUser(org: string, name: string): FsmUser | undefined {
    return this.users.find((u) => u.org === org && u.name === name);
  }

  /** The principal of a Bearer access token, or undefined (→ 401). */
  authenticate(token: string): Principal | undefined {
    const found = this.clients.principalFor(token);
    if (!found) return undefined;
    const org = this.org(found.user.org);
    return org ? { org, user: found.user } : undefined;
  }

  /**
   * 000: "For backward compatibility, public REST API calls can still be made using a username and
   * password." The seeded Super/Global Full Admin has a password (made per start); Basic
   * credentials name the user as `<organization>/<user>` (FortiSIEM's login names a user within its
   * organization). The principal of valid Basic credentials, or undefined (→ 401).
   */
  authenticateBasic(encoded: string): Principal | undefined {
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const slash = decoded.indexOf('/');
    if (colon < 0 || slash < 0 || slash > colon) return undefined;
    const [orgName, userName, password] = [decoded.slice(0, slash), decoded.slice(slash + 1, colon), decoded.slice(colon + 1)];
    const org = this.org(orgName);
    const user = this.findUser(orgName, userName);
    if (!org || !user || this.passwords.get(`${orgName}/${userName}`) !== password) return undefined;
    if (this.variants.has('fsm-basic-refused')) return undefined; // variant: 000 · API Token (backward compatibility)
    return { org, user };
  }

  /** Only for the variant fsm-bad-token-accepted: who a call without a valid token is answered as
   * (the seeded Super/Global Full Admin). */
  fallbackPrincipal(): Principal | undefined {
    const org = this.org(SUPER);
    const user = this.findUser(SUPER, 'admin');
    return org && user ? { org, user } : undefined;
  }

  /** Emulator control: create an API token for a user (000 · Creating/Editing API Token). */
  createClient(org: string, user: string, opts: ClientOptions = {}): Result<ApiClient, { status: number; message: string }> {
    const owner = this.findUser(org, user);
    if (!owner) return fail({ status: 404, message: `No user ${org}/${user}` });
    const created = this.clients.create(owner, opts);
    return created.ok ? ok(created.value) : fail({ status: 403, message: created.error });
  }

  /** Emulator control: enable or disable "OAuth Tokens" in a user's role (000 · Permissions for Creating API Token). */
  setOAuthPermission(org: string, user: string, allowed: boolean): FsmUser | undefined {
    const u = this.findUser(org, user);
    if (u) u.oauthTokens = allowed;
    return u;
  }

  /**
   * Emulator control: an API client for `user` of `org` with `role`. A user that does not exist is
   * created first as a throw-away user with the OAuth Tokens permission; an existing user must have
   * that role (409 otherwise) and keeps its own permission (403 without OAuth Tokens).
   */
  createClientFor(org: string, user: string, role: Role, opts: ClientOptions = {}): Result<ApiClient, { status: number; message: string }> {
    if (!this.org(org)) return fail({ status: 400, message: `Unknown organization ${org}` });
    let owner = this.findUser(org, user);
    let created = false;
    if (!owner) {
      owner = { org, name: user, role, oauthTokens: true, throwaway: true };
      this.users.push(owner);
      created = true;
    } else if (owner.role !== role) {
      return fail({ status: 409, message: `User ${org}/${user} exists with role ${owner.role}` });
    }
    const client = this.clients.create(owner, opts);
    if (client.ok) return ok(client.value);
    if (created) this.removeUser(owner);
    return fail({ status: 403, message: client.error });
  }

  /** Emulator control: delete an API client (000 · Deleting API Token); a throw-away owner left with
   * no API client is removed too. */
  deleteClient(clientId: string): boolean {
    const client = this.clients.get(clientId);
    if (!client || !this.clients.remove(clientId)) return false;
    const owner = this.findUser(client.org, client.owner);
    if (owner?.throwaway && !this.clients.list().some((c) => c.org === owner.org && c.owner === owner.name)) this.removeUser(owner);
    return true;
  }

  private removeUser(user: FsmUser): void {
    const i = this.users.indexOf(user);
    if (i !== -1) this.users.splice(i, 1);
  }

  /**
   * Emulator control: a new active incident in `org`, from a server (so Full Admin tokens of the
   * organisation, and Super/Global Full Admin tokens, see it; Network Admin tokens do not). Its user
   * entity has no context, so it changes no context/user answer. Undefined for an unknown organisation.
   */
  createIncident(org: string): Incident | undefined {
    if (!this.org(org)) return undefined;
    const incidentId = Math.max(FIRST_CREATED_INCIDENT_ID - 1, ...this.data.incidents.keys()) + 1;
    const seen = fsmTime(this.now());
    const incident: Incident = {
      incidentId,
      org,
      user: 'svc_conform',
      source: 'server',
      ruleName: 'Multiple Logon Failures: Same User',
      incidentTitle: `Multiple logon failures for user svc_conform on SRV-${incidentId}.${org.toLowerCase()}.example`,
      firstSeenTime: seen,
      lastSeenTime: seen,
      severityCat: 'MEDIUM',
      incidentStatus: 0,
    };
    this.data.incidents.set(incidentId, incident);
    return incident;
  }
}

/** The seed's time format ("11/04/2025 07:59:45 PST"), in UTC (the emulator clock has no zone). */
function fsmTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC`;
}
