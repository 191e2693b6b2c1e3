// Plain data of the emulated FortiSIEM (no HTTP here): organisations, FortiSIEM users, the principal a
// token acts as, and results as values.

/** An organisation. `global`: the Super/Global organisation, whose users see every organisation
 * (000 · API Token Privileges: "Token created by Super-global Full Admin user can access logs
 * belonging to all Organizations"). */
export interface Org {
  name: string;
  /** FortiSIEM's organisation id (phCustId): 1 for Super/Global, 2000 and up for organisations
   * (the FNDN incident filter's example "org 2000, and org 2001"). */
  custId: number;
  global: boolean;
}

/** The two roles the seed names (000 · API Token Privileges). */
export type Role = 'Full Admin' | 'Network Admin';

export interface FsmUser {
  org: string;
  name: string;
  role: Role;
  /** "OAuth Tokens" in the user's role profile (000 · Permissions for Creating API Token: built in for
   * Full Admin users; a Full Admin can enable it for other users). */
  oauthTokens: boolean;
  /** Created by the emulator control interface (POST /__emulator/fsm/clients) for one test's API
   * client; removed again when its last API client is deleted. Seeded users never are. */
  throwaway?: boolean;
}

/** Who a data call acts as: the user that created the API token, in its organisation (000 · API Token
 * Privileges: "API calls executed using a token inherit the same privileges as the user who created
 * the token"). */
export interface Principal {
  org: Org;
  user: FsmUser;
}

export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };
export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = <E>(error: E): Result<never, E> => ({ ok: false, error });

export type Severity = 'LOW' | 'MEDIUM' | 'HIGH';
export const SEVERITIES: readonly Severity[] = ['LOW', 'MEDIUM', 'HIGH'];

/**
 * What produced a piece of data. 000 · API Token Privileges: "Tokens created by a Network Admin user
 * can access only network devices and related logs" — data from `network` devices (firewalls,
 * routers, switches) is visible to Network Admin tokens; `server` (hosts, applications) and
 * `fortisiem` (the SIEM's own audit) data is not.
 */
export type Source = 'network' | 'server' | 'fortisiem';

export interface Incident {
  incidentId: number;
  org: string;
  /** The user entity (context/user `value`) the incident is about. */
  user: string;
  source: Source;
  ruleName: string;
  incidentTitle: string;
  firstSeenTime: string;
  lastSeenTime: string;
  severityCat: Severity;
  /** FNDN incident status: 0 active, 1 automatically cleared, 2 manually cleared, 3 system cleared. */
  incidentStatus: number;
  comments?: string;
  incidentExtTicketType?: string;
  incidentExtTicketId?: string;
  incidentExtTicketState?: string;
  incidentExtUser?: string;
  incidentExtClearedTime?: number;
}

export interface EventTypeCount {
  eventType: string;
  eventName: string;
  count: number;
  source: Source;
}

/** A user entity FortiSIEM has context for, per organisation (000 · Get user context example). */
export interface Identity {
  org: string;
  value: string;
  location: { latitude: number; longitude: number };
  groups: string[];
  topEventTypes: EventTypeCount[];
  risk?: {
    score: number;
    explanation: { name: string; incidentIds: number[]; severity: number; rarity: number; counts: number[] };
  };
}
