// The unit and user states an operator sets up on a real FortiAuthenticator so the suite can show the
// authentication rules that need them (issue 13): a hardware FortiToken that drifted out of sync, FTM
// users whose pushes are rejected, refused by the push server or cannot reach it, a username that a
// local and an LDAP user share, a user inactive for a long time, remote users with known passwords
// behind realms. On a real unit each is an operator-provided prerequisite (emulator/fac/models/provided.ts
// names them); the emulator seeds them here, so the rules are implemented where they live (auth.ts,
// realmauth.ts, pushauth.ts, lockout.ts) and only read these states.
// Sources: 002 · Authentication (/auth/) · Response codes ("Token is out of sync"); 002 · Push
// authentication (/pushauth/) · Supported fields (realm) and Response codes (401, 500, 503); 002 · User
// lockout policy · Supported fields (inactivity_lockout); 002 · Realm authentication (/realmauth/).

import type { LocalUser, Store } from './store.ts';
import { blankUser } from './localusers.ts';
import { ldapUsers, radiusUsers } from './remoteusers.ts';
import { setLastActivity } from './lockout.ts';

/** What happens to a push sent to a user's FortiToken Mobile (none: delivered, approved by its app). */
export type PushFate = 'rejected' | 'refused' | 'unreachable';

interface OperatorStates {
  /** Local user ids whose hardware FortiToken needs synchronisation. */
  outOfSync: Set<number>;
  /** Local user id → what a push to the user's FTM meets. */
  push: Map<number, PushFate>;
  /** The unit cannot pass SSO logons/logoffs on to its FSSO service. */
  fssoUnavailable: boolean;
}

const states = new WeakMap<Store, OperatorStates>();

function statesOf(store: Store): OperatorStates {
  let s = states.get(store);
  if (!s) states.set(store, (s = { outOfSync: new Set(), push: new Map(), fssoUnavailable: false }));
  return s;
}

export const tokenOutOfSync = (store: Store, user: LocalUser): boolean => states.get(store)?.outOfSync.has(user.id) ?? false;
export const pushFate = (store: Store, user: LocalUser): PushFate | undefined => states.get(store)?.push.get(user.id);

export const fssoUnavailable = (store: Store): boolean => states.get(store)?.fssoUnavailable ?? false;

/**
 * Unit-wide states an operator can set up, which exclude the ordinary state the other rules need (an
 * SSO web service that is off, an FSSO that takes no requests): the emulator starts in one only when
 * asked (`createFacApp({ states })`), as the kill test does for the rule that needs it. Each is also
 * the name of the operator-provided prerequisite the cases read (emulator/fac/models/provided.ts).
 */
export const UNIT_STATES = ['sso-web-service-disabled', 'fsso-unavailable'] as const;
export type UnitState = (typeof UNIT_STATES)[number];

export function applyUnitStates(store: Store, wanted: readonly string[]): void {
  for (const state of wanted) {
    if (state === 'sso-web-service-disabled') store.ssoWebService = false;
    else if (state === 'fsso-unavailable') statesOf(store).fssoUnavailable = true;
    else throw new Error(`forticonform emulator: unknown unit state "${state}" (known: ${UNIT_STATES.join(', ')})`);
  }
}

/** Seeded users' passwords (the provided objects hand them to the suite). */
export const OPERATOR_PASSWORDS = {
  ftkDrift: 'ftk-drift-password',
  inactive: 'inactive-password',
  ldap: 'asmith-ldap-password',
  pushUnanswered: 'push-unanswered-password',
  radius: 'rjones-radius-password',
} as const;

/** Days since the seeded inactive user last logged on (above the policy's default of 90). */
export const INACTIVE_DAYS = 400;

/** The username a local FTM user and an imported LDAP user share (002 · pushauth realm "Required if
 * more than one user matches the username field"). */
export const SHARED_USERNAME = 'bwhite';

const DAY_MS = 86_400_000;

export function seedOperatorStates(store: Store, nowMs: number): void {
  const s = statesOf(store);
  const add = (username: string, fields: Partial<LocalUser>): LocalUser => store.addUser((id) => ({ ...blankUser(id), username, ...fields }));
  const ftm = (): Partial<LocalUser> => ({ token_auth: true, token_type: 'ftm', token_serial: store.nextSerial('ftm') });

  // A hardware FortiToken (ftk) whose clock drifted: the unit answers "Token is out of sync".
  const drift = add('ftk_drift_user', { password: OPERATOR_PASSWORDS.ftkDrift, token_auth: true, token_type: 'ftk', token_serial: store.nextSerial('ftk') });
  s.outOfSync.add(drift.id);

  // FTM users whose pushes meet each documented failure (002 · pushauth · Response codes).
  s.push.set(add('push_reject_user', ftm()).id, 'rejected'); // 401: the user rejects on the phone
  s.push.set(add('push_refused_user', ftm()).id, 'refused'); // 500: the push server refuses to send
  s.push.set(add('push_unreachable_user', ftm()).id, 'unreachable'); // 503: the push server cannot be reached
  // An FTM user whose pushes nobody answers on the phone: the suite answers them itself through
  // /pushauthresp/ (002 · Push authentication response), with the code the emulated tokens accept.
  add('push_unanswered_user', { password: OPERATOR_PASSWORDS.pushUnanswered, ...ftm() });

  // A local FTM user sharing its username with the seeded LDAP user bwhite (emulator/fac/models/remoteusers.ts);
  // its emulated FTM app approves pushes.
  const shared = add(SHARED_USERNAME, ftm());
  store.ssoOAuth.selfApproving.add(shared.username);

  // A user who last logged on INACTIVE_DAYS ago (the emulator clock cannot move; its history can).
  const inactive = add('inactive_user', { password: OPERATOR_PASSWORDS.inactive });
  setLastActivity(store, inactive.id, nowMs - INACTIVE_DAYS * DAY_MS);

  // Passwords of remote users as their LDAP / RADIUS servers know them (realmauth binds with them).
  const asmith = ldapUsers(store).all().find((u) => u.username === 'asmith');
  if (asmith) asmith.password = OPERATOR_PASSWORDS.ldap;
  const rjones = radiusUsers(store).all().find((u) => u.username === 'rjones');
  if (rjones) rjones.password = OPERATOR_PASSWORDS.radius;
}
