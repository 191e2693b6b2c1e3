// One emulated FortiSIEM's state: clock, organisations, users, API clients and data, plus the
// administrator steps a real unit does in its GUI (used by the emulator control interface). No HTTP.

import { ApiClients, type ApiClient, type ClientOptions } from './clients.ts';
import { FsmData } from './data.ts';
import { seedIdentities, seedIncidents, seedOrgs, seedUsers } from './seed.ts';
import { fail, ok, type FsmUser, type Org, type Principal, type Result } from './types.ts';
import { resolveFsmVariants, type FsmVariantFlags } from './variants.ts';

export interface FsmStateOptions {
  variants?: readonly string[];
  /** Milliseconds since the epoch; defaults to Date.now. The control interface can advance it. */
  clock?: () => number;
}

export class FsmState {
  readonly variants: FsmVariantFlags;
  readonly orgs: Org[] = seedOrgs();
  readonly users: FsmUser[] = seedUsers();
  readonly clients: ApiClients;
  readonly data: FsmData;
  private offsetMs = 0;
  private readonly baseClock: () => number;

  constructor(opts: FsmStateOptions = {}) {
    this.variants = resolveFsmVariants(opts.variants ?? []);
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
}
