// The shared in-memory state of one emulated FortiAuthenticator (moto-style: state apart from HTTP).
// Every table keeps its rows in a Map and a cached array in the resource's default order, so a list
// request with no filter/order costs a slice, not a sort (target: 5,000 req/s with 10,000 users).

import { SsoOAuthState } from './sso-oauth-state.ts';

export interface Row {
  id: number;
}

export class Table<T extends Row> {
  private readonly rows = new Map<number, T>();
  private ordered: T[] | null = null;
  private nextId: number;

  /** `compare` gives the default order of `all()`. */
  constructor(
    private readonly compare: (a: T, b: T) => number,
    firstId = 1,
  ) {
    this.nextId = firstId;
  }

  insert(make: (id: number) => T): T {
    const row = make(this.nextId++);
    this.rows.set(row.id, row);
    this.placeInOrder(row);
    return row;
  }

  /** Insert with a caller-chosen id (tastypie put_detail creating at a given pk). */
  insertWithId(row: T): T {
    this.rows.set(row.id, row);
    if (row.id >= this.nextId) this.nextId = row.id + 1;
    this.placeInOrder(row);
    return row;
  }

  /** Keep the cached order up to date (binary search + splice) instead of re-sorting on every write. */
  private placeInOrder(row: T): void {
    const o = this.ordered;
    if (o === null) return;
    const last = o[o.length - 1];
    if (last === undefined || this.compare(last, row) <= 0) {
      o.push(row);
      return;
    }
    o.splice(this.lowerBound(o, row), 0, row);
  }

  private lowerBound(o: readonly T[], row: T): number {
    let lo = 0;
    let hi = o.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(o[mid] as T, row) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  get(id: number): T | undefined {
    return this.rows.get(id);
  }

  delete(id: number): boolean {
    const row = this.rows.get(id);
    if (row === undefined) return false;
    this.rows.delete(id);
    const o = this.ordered;
    if (o !== null) {
      let i = this.lowerBound(o, row);
      while (i < o.length && o[i] !== row) i++;
      if (i < o.length) o.splice(i, 1);
      else this.ordered = null;
    }
    return true;
  }

  /** Call after changing a field the default order depends on. */
  touch(): void {
    this.ordered = null;
  }

  /** Rows in default order. The array is live: callers must not keep it across writes. */
  all(): readonly T[] {
    if (this.ordered === null) this.ordered = [...this.rows.values()].sort(this.compare);
    return this.ordered;
  }

  get size(): number {
    return this.rows.size;
  }

  values(): IterableIterator<T> {
    return this.rows.values();
  }
}

export const byIdAsc = (a: Row, b: Row): number => a.id - b.id;
export const byIdDesc = (a: Row, b: Row): number => b.id - a.id;

// 002 · Local users (/localusers/) · Supported fields; the profile part is shared with local API
// admins and validated once (user-profile.ts).
/** The profile a local user and a local API admin both carry. */
export interface UserProfile {
  username: string;
  email: string;
  first_name: string;
  last_name: string;
  address: string;
  city: string;
  state: string;
  country: string;
  custom1: string;
  custom2: string;
  custom3: string;
  mobile_number: string;
  phone_number: string;
  active: boolean;
}

// 002 · Local users (/localusers/) · Supported fields (+ the create-only fields table).
export interface LocalUser extends Row, UserProfile {
  /** null: random password e-mailed by FAC (002 · POST notes), unknown to anyone. Never returned. */
  password: string | null;
  reason: number;
  token_auth: boolean;
  token_type: string | null;
  token_serial: string;
  ftm_act_method: string | null;
  ftk_only: boolean;
  /** Epoch milliseconds, UTC; null = never expires. */
  expires_at: number | null;
  token_fas: boolean;
  change_password: boolean;
  recovery_by_question: boolean;
  recovery_question: string;
  recovery_answer: string;
}

// 002 · User groups (/usergroups/) · Supported fields.
export interface UserGroup extends Row {
  name: string;
  /** id of a password policy (only the built-in default, 1, exists in this slice); null: none
   * (only variant usergroups-password-policy-not-defaulted leaves a group without one). */
  password_policy: number | null;
}

// 002 · Local user group memberships (/localgroup-memberships/) · Supported fields.
export interface Membership extends Row {
  user: number;
  group: number;
}

export interface Admin {
  id: number;
  username: string;
  /** Web service access key: the only password Basic auth accepts (facts · FAC 8.0.3). */
  key: string;
}

export class Store {
  readonly users: Table<LocalUser>;
  // 002 · User groups · View all user groups: the examples list groups newest first (ids 5, 4, 3) and
  // a user's user_groups newest first too (9, 8): default order -id.
  readonly groups = new Table<UserGroup>(byIdDesc);
  readonly memberships = new Table<Membership>(byIdAsc);
  private readonly usernames = new Map<string, number>();
  private readonly groupNames = new Map<string, number>();
  private readonly byUser = new Map<number, Set<number>>();
  private readonly byGroup = new Map<number, Set<number>>();
  private readonly pairs = new Map<string, number>();
  private readonly serials = new Map<string, number>();
  private serialCounter = 0;
  /** Extra tables for resources added later (one model file each). */
  private readonly extra = new Map<string, Table<Row>>();
  /** API-only admins made through /localapiadmin/: username → web service access key (FAC keeps
   * admins and local users in one user table, so their usernames are taken for local users too). */
  readonly apiAdmins = new Map<string, string>();
  /** FortiGuard settings: the FTM seed encryption passphrase (002 · Local users · Third-party
   * integration: "A seed encryption passphrase must be specified in FortiGuard settings"); null = unset. */
  seedPassphrase: string | null = null;
  /** Current values of the settings singletons, by resource name (emulator/fac/models/settings.ts). */
  readonly settings = new Map<string, Record<string, unknown>>();
  /** Token serials held by LDAP/RADIUS users, serial → "ldapusers:3": a token belongs to one user of any kind. */
  readonly remoteSerials = new Map<string, string>();

  /** A second administrator with web service access but no admin profile (no permission set), so
   * a resource's 003 permission can be checked: 403 for it (emulator/fac/wire/auth.ts). */
  restricted: Admin | null = null;
  /** 002 · SSO authentication (/ssoauth/): false → 404 "SSO web service is disabled". */
  ssoWebService = true;
  /** FSSO sessions, OAuth applications and tokens, FTM push sessions (emulator/fac/models/sso-oauth-state.ts). */
  readonly ssoOAuth = new SsoOAuthState();

  constructor(readonly admin: Admin, firstUserId: number) {
    this.users = new Table<LocalUser>(byIdAsc, firstUserId);
  }

  /** Rows per table (control interface `/__emulator/counts`): what a run must leave as it found. */
  objectCounts(): Record<string, number> {
    const counts: Record<string, number> = { localusers: this.users.size, usergroups: this.groups.size, memberships: this.memberships.size };
    for (const [name, table] of this.extra) counts[name] = table.size;
    return counts;
  }

  table<T extends Row>(name: string, compare: (a: T, b: T) => number = byIdAsc): Table<T> {
    let t = this.extra.get(name);
    if (!t) {
      t = new Table<T>(compare) as unknown as Table<Row>;
      this.extra.set(name, t);
    }
    return t as unknown as Table<T>;
  }

  // ---- local users -------------------------------------------------------------------------
  /** Also true for the admin: FAC keeps admins and local users in one user table. */
  usernameTaken(username: string, exceptId?: number): boolean {
    if (username === this.admin.username || username === this.restricted?.username || this.apiAdmins.has(username)) return true;
    const id = this.usernames.get(username);
    return id !== undefined && id !== exceptId;
  }

  userByUsername(username: string): LocalUser | undefined {
    const id = this.usernames.get(username);
    return id === undefined ? undefined : this.users.get(id);
  }

  addUser(make: (id: number) => LocalUser): LocalUser {
    const u = this.users.insert(make);
    this.usernames.set(u.username, u.id);
    if (u.token_serial) this.serials.set(u.token_serial, u.id);
    return u;
  }

  /** Replace a user's fields in place (keeps the object identity that caches may hold). */
  updateUser(user: LocalUser, next: LocalUser): void {
    if (user.username !== next.username) {
      this.usernames.delete(user.username);
      this.usernames.set(next.username, user.id);
    }
    if (user.token_serial !== next.token_serial) {
      if (user.token_serial) this.serials.delete(user.token_serial);
      if (next.token_serial) this.serials.set(next.token_serial, user.id);
    }
    Object.assign(user, next);
  }

  deleteUser(id: number): boolean {
    const u = this.users.get(id);
    if (!u) return false;
    for (const m of [...(this.byUser.get(id) ?? [])]) this.removeMembership(m);
    this.usernames.delete(u.username);
    if (u.token_serial) this.serials.delete(u.token_serial);
    return this.users.delete(id);
  }

  serialOwner(serial: string): number | undefined {
    return this.serials.get(serial);
  }

  /** Next "available" token serial (002 · token_serial: "the next available token will be assigned"). */
  nextSerial(tokenType: 'ftk' | 'ftm'): string {
    for (;;) {
      this.serialCounter += 1;
      const n = this.serialCounter.toString(16).toUpperCase().padStart(10, '0');
      const serial = (tokenType === 'ftm' ? 'FTKMOB' : 'FTK200') + n;
      if (!this.serials.has(serial) && !this.remoteSerials.has(serial)) return serial;
    }
  }

  // ---- user groups -------------------------------------------------------------------------
  groupNameTaken(name: string, exceptId?: number): boolean {
    const id = this.groupNames.get(name);
    return id !== undefined && id !== exceptId;
  }

  addGroup(make: (id: number) => UserGroup): UserGroup {
    const g = this.groups.insert(make);
    this.groupNames.set(g.name, g.id);
    return g;
  }

  addGroupWithId(g: UserGroup): UserGroup {
    this.groups.insertWithId(g);
    this.groupNames.set(g.name, g.id);
    return g;
  }

  updateGroup(group: UserGroup, next: UserGroup): void {
    if (group.name !== next.name) {
      this.groupNames.delete(group.name);
      this.groupNames.set(next.name, group.id);
    }
    Object.assign(group, next);
  }

  deleteGroup(id: number): boolean {
    const g = this.groups.get(id);
    if (!g) return false;
    // 002 · Delete a user group: "will delete the group even if the group contains users".
    for (const m of [...(this.byGroup.get(id) ?? [])]) this.removeMembership(m);
    this.groupNames.delete(g.name);
    return this.groups.delete(id);
  }

  // ---- memberships (the one relation behind user_groups, users and /localgroup-memberships/) --
  membershipOf(user: number, group: number): Membership | undefined {
    const id = this.pairs.get(`${user}:${group}`);
    return id === undefined ? undefined : this.memberships.get(id);
  }

  addMembership(user: number, group: number): Membership {
    const existing = this.membershipOf(user, group);
    if (existing) return existing;
    const m = this.memberships.insert((id) => ({ id, user, group }));
    this.pairs.set(`${user}:${group}`, m.id);
    let s = this.byUser.get(user);
    if (!s) this.byUser.set(user, (s = new Set()));
    s.add(m.id);
    let t = this.byGroup.get(group);
    if (!t) this.byGroup.set(group, (t = new Set()));
    t.add(m.id);
    return m;
  }

  removeMembership(id: number): boolean {
    const m = this.memberships.get(id);
    if (!m) return false;
    this.pairs.delete(`${m.user}:${m.group}`);
    this.byUser.get(m.user)?.delete(id);
    this.byGroup.get(m.group)?.delete(id);
    return this.memberships.delete(id);
  }

  /** Group ids of a user, newest group first (the groups' default order). */
  groupsOfUser(user: number): number[] {
    const s = this.byUser.get(user);
    if (!s || s.size === 0) return [];
    const ids: number[] = [];
    for (const m of s) {
      const row = this.memberships.get(m);
      if (row) ids.push(row.group);
    }
    return ids.sort((a, b) => b - a);
  }

  /** User ids of a group, ascending. */
  usersOfGroup(group: number): number[] {
    const s = this.byGroup.get(group);
    if (!s || s.size === 0) return [];
    const ids: number[] = [];
    for (const m of s) {
      const row = this.memberships.get(m);
      if (row) ids.push(row.user);
    }
    return ids.sort((a, b) => a - b);
  }

  /** Make the members of `group` exactly `users` (002 · Add a user to a group: "not additive"). */
  setGroupMembers(group: number, users: readonly number[]): void {
    const wanted = new Set(users);
    for (const m of [...(this.byGroup.get(group) ?? [])]) {
      const row = this.memberships.get(m);
      if (row && !wanted.has(row.user)) this.removeMembership(m);
    }
    for (const u of users) this.addMembership(u, group);
  }
}
