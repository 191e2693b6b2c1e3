// The data a fresh emulated FortiSIEM starts with: three organisations, a Full Admin and a Network Admin
// per organisation, user entities with context, and incidents per organisation.
//
// 000 · Examples using OAuth Token · Get user (admin) context: the Super/Global "admin" context below
// reproduces the seed's response example (incidents 7 and 8, the Generic_Unix event type, the risk
// explanation) so a Full Admin token's answer for ?value=admin is that example. The other entities are
// invented in the same shape to give organisation scope and the Network Admin restriction something to
// show: "jdoe" exists in Org1 and in Org2; Org1 and Org2 each hold a network-device incident.

import type { FsmUser, Identity, Incident, Org } from './types.ts';

export const SUPER = 'super';
export const ORG1 = 'Org1';
export const ORG2 = 'Org2';

export const seedOrgs = (): Org[] => [
  { name: SUPER, custId: 1, global: true },
  { name: ORG1, custId: 2000, global: false },
  { name: ORG2, custId: 2001, global: false },
];

/**
 * A Full Admin and a Network Admin per organisation. 000 · Permissions for Creating API Token: Full
 * Admin users have the permission built in; a Full Admin may enable "OAuth Tokens" for other roles —
 * done here for the Super/Global and Org1 Network Admins (so they own API clients), not for Org2's,
 * which therefore cannot own one.
 */
export const seedUsers = (): FsmUser[] => [
  { org: SUPER, name: 'admin', role: 'Full Admin', oauthTokens: true },
  { org: SUPER, name: 'netadmin', role: 'Network Admin', oauthTokens: true },
  { org: ORG1, name: 'org1_admin', role: 'Full Admin', oauthTokens: true },
  { org: ORG1, name: 'org1_netadmin', role: 'Network Admin', oauthTokens: true },
  { org: ORG2, name: 'org2_admin', role: 'Full Admin', oauthTokens: true },
  { org: ORG2, name: 'org2_netadmin', role: 'Network Admin', oauthTokens: false },
];

/** Incident ids the operator-provided settings name (embedded target `provided`). */
export const INCIDENTS = {
  /** Super/Global, FortiSIEM audit (not network): visible to the Super/Global Full Admin only. */
  superAudit: 7,
  /** Super/Global, network device. */
  superNetwork: 9,
  org1Server: 101,
  org1Network: 102,
  org2Server: 201,
  org2Network: 202,
  /** Super/Global, server: set aside for the suite to update (provided `fsm-incident`); no user
   * entity refers to it, so updating it changes no context answer. */
  superUpdatable: 10,
} as const;

/** Ids of incidents created through the emulator control interface start here. */
export const FIRST_CREATED_INCIDENT_ID = 1000;

export const seedIncidents = (): Incident[] => [
  // 000 · Get user (admin) context-GET API · Response example: incidents 7 and 8.
  {
    incidentId: 7,
    org: SUPER,
    user: 'admin',
    source: 'fortisiem',
    ruleName: 'FortiSIEM User Created',
    incidentTitle: 'admin created FortiSIEM user auto-user on super19867.fortinet.com',
    firstSeenTime: '11/04/2025 07:59:45 PST',
    lastSeenTime: '11/04/2025 07:59:45 PST',
    severityCat: 'MEDIUM',
    incidentStatus: 0,
  },
  {
    incidentId: 8,
    org: SUPER,
    user: 'admin',
    source: 'fortisiem',
    ruleName: 'FortiSIEM User Created',
    incidentTitle: 'admin created FortiSIEM user team_queue_auto-team on super19867.fortinet.com',
    firstSeenTime: '11/04/2025 08:00:00 PST',
    lastSeenTime: '11/04/2025 08:00:00 PST',
    severityCat: 'MEDIUM',
    incidentStatus: 0,
  },
  {
    incidentId: 9,
    org: SUPER,
    user: 'netops',
    source: 'network',
    ruleName: 'Excessive Denied Connections From Same Source',
    incidentTitle: 'Excessive denied connections from 10.1.1.20 (user netops) on FortiGate-HQ',
    firstSeenTime: '11/04/2025 09:12:03 PST',
    lastSeenTime: '11/04/2025 09:40:51 PST',
    severityCat: 'HIGH',
    incidentStatus: 0,
  },
  {
    incidentId: 10,
    org: SUPER,
    user: 'svc_backup',
    source: 'server',
    ruleName: 'Windows: Scheduled Task Created',
    incidentTitle: 'Scheduled task created by svc_backup on WIN-APP01.example.com',
    firstSeenTime: '11/04/2025 10:15:22 PST',
    lastSeenTime: '11/04/2025 10:15:22 PST',
    severityCat: 'LOW',
    incidentStatus: 0,
  },
  {
    incidentId: 101,
    org: ORG1,
    user: 'jdoe',
    source: 'server',
    ruleName: 'Multiple Logon Failures: Same User',
    incidentTitle: 'Multiple logon failures for user jdoe on WIN-DC01.org1.example',
    firstSeenTime: '11/05/2025 10:01:10 PST',
    lastSeenTime: '11/05/2025 10:03:44 PST',
    severityCat: 'MEDIUM',
    incidentStatus: 0,
  },
  {
    incidentId: 102,
    org: ORG1,
    user: 'jdoe',
    source: 'network',
    ruleName: 'Excessive Denied Connections From Same Source',
    incidentTitle: 'Excessive denied connections from 192.168.10.15 (user jdoe) on FortiGate-Org1',
    firstSeenTime: '11/05/2025 11:20:00 PST',
    lastSeenTime: '11/05/2025 11:25:31 PST',
    severityCat: 'HIGH',
    incidentStatus: 0,
  },
  {
    incidentId: 201,
    org: ORG2,
    user: 'jdoe',
    source: 'server',
    ruleName: 'Windows Account Locked',
    incidentTitle: 'Account jdoe locked out on WIN-DC02.org2.example',
    firstSeenTime: '11/06/2025 08:30:12 PST',
    lastSeenTime: '11/06/2025 08:30:12 PST',
    severityCat: 'LOW',
    incidentStatus: 0,
  },
  {
    incidentId: 202,
    org: ORG2,
    user: 'mlee',
    source: 'network',
    ruleName: 'Excessive VPN Logon Failures',
    incidentTitle: 'Excessive VPN logon failures for user mlee on FortiGate-Org2',
    firstSeenTime: '11/06/2025 14:02:09 PST',
    lastSeenTime: '11/06/2025 14:09:45 PST',
    severityCat: 'MEDIUM',
    incidentStatus: 0,
  },
];

export const seedIdentities = (): Identity[] => [
  // 000 · Get user (admin) context-GET API · Response example (groups, topEventTypes, risk).
  {
    org: SUPER,
    value: 'admin',
    location: { latitude: 0.0, longitude: 0.0 },
    groups: ['FortiSIEM Users'],
    topEventTypes: [{ eventType: 'Generic_Unix_Successful_Switch_User', eventName: 'Successful privilege escalation', count: 100, source: 'server' }],
    risk: {
      score: 35.80429,
      explanation: { name: 'FortiSIEM User Created', incidentIds: [7, 8], severity: 7, rarity: 0.7071067811865476, counts: [1, 1] },
    },
  },
  {
    org: SUPER,
    value: 'netops',
    location: { latitude: 0.0, longitude: 0.0 },
    groups: ['Network Operators'],
    topEventTypes: [{ eventType: 'FortiGate-traffic-deny', eventName: 'Traffic denied', count: 250, source: 'network' }],
    risk: {
      score: 48.5,
      explanation: { name: 'Excessive Denied Connections From Same Source', incidentIds: [9], severity: 9, rarity: 1.0, counts: [1] },
    },
  },
  {
    org: ORG1,
    value: 'jdoe',
    location: { latitude: 37.3861, longitude: -122.0839 },
    groups: ['Domain Users', 'Finance'],
    topEventTypes: [
      { eventType: 'Win-Security-4625', eventName: 'Windows logon failure', count: 42, source: 'server' },
      { eventType: 'FortiGate-traffic-deny', eventName: 'Traffic denied', count: 17, source: 'network' },
    ],
    risk: {
      score: 21.3,
      explanation: { name: 'Multiple Logon Failures: Same User', incidentIds: [101], severity: 5, rarity: 1.0, counts: [1] },
    },
  },
  {
    org: ORG2,
    value: 'jdoe',
    location: { latitude: 48.8566, longitude: 2.3522 },
    groups: ['Sales'],
    topEventTypes: [{ eventType: 'Win-Security-4740', eventName: 'Windows account locked out', count: 3, source: 'server' }],
    risk: {
      score: 8.2,
      explanation: { name: 'Windows Account Locked', incidentIds: [201], severity: 3, rarity: 1.0, counts: [1] },
    },
  },
  {
    org: ORG2,
    value: 'mlee',
    location: { latitude: 0.0, longitude: 0.0 },
    groups: ['Remote Workers'],
    topEventTypes: [{ eventType: 'FortiGate-event-vpn-ssl-login-fail', eventName: 'SSL VPN login failed', count: 12, source: 'network' }],
  },
];
