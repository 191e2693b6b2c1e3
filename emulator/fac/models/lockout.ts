// Failed-login lockout of local users: the user lockout policy applied to /auth/, /realmauth/ and the
// OAuth password grant.
// Source: 002 · Authentication (/auth/) and Realm authentication (/realmauth/): "User lockout policies
// can be configured under Authentication > User Account Policies > Lockouts. The policies will be
// applied as configured."; 002 · User lockout policy (/userlockoutpolicy/) · Supported fields
// (failed_login_lockout, _max_attempts, _permanent, _period); 002 · Local users · reason "2 (too many
// failed attempts)".
// Readings: a lockout disables the account (active false, reason 2), as the GUI shows it; a
// non-permanent one ends by itself after the period (the account is enabled again); an administrator
// setting active true ends any lockout. Only wrong credentials count ("User authentication failed"),
// a success resets the count.
// Inactivity lockout (002 · User lockout policy · inactivity_lockout, _period; 002 · Local users · reason
// "1 (account inactivity)"): a user whose last logon is longer ago than the period (in days) is
// disabled (reason 1) when it next authenticates. Reading: the last activity is the last successful
// authentication, or the account's creation; the emulator knows an older one only for the users it
// seeds so (emulator/fac/models/operator-states.ts), as its clock cannot move.

import type { LocalUser, Store } from './store.ts';
import type { VariantFlags } from '../variants.ts';
import { GUIDE_LOCKOUT_POLICY, USERLOCKOUTPOLICY } from './settings.ts';

/** Reason codes of a lockout (002 · Local users · reason). */
export const REASON_INACTIVITY = 1;
export const REASON_TOO_MANY_FAILURES = 2;
const DAY_MS = 86_400_000;

interface LockState {
  failures: number;
  /** Epoch ms the lockout ends; Infinity = permanent; null = not locked. */
  lockedUntil: number | null;
  /** Epoch ms of the last successful authentication; undefined = recent (created on this unit's watch). */
  lastActivity?: number;
}

// Per emulated unit, per local user id (kept off the Store: only this file reads it).
const states = new WeakMap<Store, Map<number, LockState>>();

function stateOf(store: Store, userId: number): LockState {
  let byUser = states.get(store);
  if (!byUser) states.set(store, (byUser = new Map()));
  let s = byUser.get(userId);
  if (!s) byUser.set(userId, (s = { failures: 0, lockedUntil: null }));
  return s;
}

interface Policy {
  enabled: boolean;
  maxAttempts: number;
  permanent: boolean;
  periodSeconds: number;
  inactivity: boolean;
  inactivityDays: number;
}

/** The policy as configured now (the guide's example values until someone sets it). */
function policy(store: Store): Policy {
  const v = store.settings.get(USERLOCKOUTPOLICY) ?? GUIDE_LOCKOUT_POLICY;
  const num = (x: unknown, d: number): number => (typeof x === 'number' && Number.isFinite(x) ? x : d);
  return {
    enabled: v.failed_login_lockout === true,
    maxAttempts: Math.max(1, num(v.failed_login_lockout_max_attempts, 3)),
    permanent: v.failed_login_lockout_permanent === true,
    periodSeconds: num(v.failed_login_lockout_period, 60),
    inactivity: v.inactivity_lockout === true,
    inactivityDays: num(v.inactivity_lockout_period, 90),
  };
}

/** Whether the user is locked out now. Ends a lockout whose period is over, or that an administrator
 * lifted by enabling the account. */
export function isLockedOut(store: Store, user: LocalUser, nowMs: number, variants?: VariantFlags): boolean {
  const s = states.get(store)?.get(user.id);
  if (s?.lastActivity !== undefined && user.active && inactiveTooLong(store, s.lastActivity, nowMs, variants)) {
    user.active = false;
    user.reason = REASON_INACTIVITY;
    return true;
  }
  if (!s || s.lockedUntil === null) return false;
  if (user.active) {
    s.lockedUntil = null; // enabled again by an administrator
    return false;
  }
  // failed_login_lockout_period: "Period of time (in seconds) the user account is lockout".
  // variant lockout-period-never-ends: every lockout kept as if permanent.
  if (nowMs < s.lockedUntil || variants?.has('lockout-period-never-ends')) return true;
  s.lockedUntil = null;
  if (!user.active && user.reason === REASON_TOO_MANY_FAILURES) {
    user.active = true;
    user.reason = 0;
  }
  return false;
}

/** A wrong password or token code: count it, and lock the account out at the policy's maximum. */
export function recordFailure(store: Store, user: LocalUser, nowMs: number, variants: VariantFlags): void {
  if (variants.has('auth-lockout-not-enforced')) return; // variant: 002 · "The policies will be applied as configured."
  const p = policy(store);
  if (!p.enabled || isLockedOut(store, user, nowMs, variants)) return;
  const s = stateOf(store, user.id);
  s.failures += 1;
  if (s.failures < p.maxAttempts) return;
  s.failures = 0;
  s.lockedUntil = p.permanent ? Number.POSITIVE_INFINITY : nowMs + p.periodSeconds * 1000;
  user.active = false;
  user.reason = REASON_TOO_MANY_FAILURES;
}

export function recordSuccess(store: Store, user: LocalUser, nowMs: number): void {
  const s = states.get(store)?.get(user.id);
  if (!s) return;
  s.failures = 0;
  if (s.lastActivity !== undefined) s.lastActivity = nowMs;
}

/** Seeds a user's last activity (emulator/fac/models/operator-states.ts: a user inactive for long). */
export function setLastActivity(store: Store, userId: number, ms: number): void {
  stateOf(store, userId).lastActivity = ms;
}

function inactiveTooLong(store: Store, lastActivity: number, nowMs: number, variants: VariantFlags | undefined): boolean {
  if (variants?.has('lockout-inactivity-not-enforced')) return false; // variant: 002 · inactivity_lockout "Set to "true" to disable when inactive"
  const p = policy(store);
  return p.inactivity && nowMs - lastActivity > p.inactivityDays * DAY_MS;
}
