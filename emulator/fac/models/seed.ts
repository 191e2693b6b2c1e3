// Pre-existing objects, shaped like the guide's examples, so clients must scope to their own objects.
// Source: 002 · User groups · View all user groups (Test_Local id 3 holding /localusers/4/,
// Test_LDAP id 4, REST_RADIUS id 5) and 002 · Local users · List all local users (test_user id 4,
// test_user2 id 5). Ids 1-3 are administrators, "never returned by this query".

import type { Store } from './store.ts';
import { blankUser } from './localusers.ts';
import { DEFAULT_PASSWORD_POLICY } from './usergroups.ts';
import { seedTacplusPolicies, tacplusClients, tacplusPolicies, tacplusPolicyClients } from './tacplus.ts';
import { iamAccounts, iamUsers } from './iam.ts';
import { seedScepRequests } from './scepreqs.ts';
import { seedSsoGroups } from './ssogroup.ts';
import { seedFgtGroupFilters } from './fgtgroupfilter.ts';
import { seedFortiTokens } from './fortitokens.ts';
import { seedOAuthApps } from './oauth.ts';
import { seedRemoteUsers } from './remoteusers.ts';
import { seedUserCerts } from './usercerts.ts';
import { seedOperatorStates } from './operator-states.ts';

/** Passwords of the seeded users (for /auth/ checks). */
export const SEED_PASSWORDS: Readonly<Record<string, string>> = {
  test_user: 'testpassword',
  test_user2: 'testpassword2',
};

/** The FortiGuard FTM seed encryption passphrase of the seeded appliance (ours). */
export const SEED_PASSPHRASE = 'forticonform-seed-passphrase';

/** First id handed to a local user: admins hold ids 1-3. */
export const FIRST_LOCAL_USER_ID = 4;

export function seed(store: Store): void {
  const testUser = store.addUser((id) => ({ ...blankUser(id), username: 'test_user', password: SEED_PASSWORDS.test_user ?? null }));
  // test_user2 holds a FortiToken Mobile (ours: the guide's list shows no token fields), so the
  // provided ftm-user / ftm-push-user exist (emulator/fac/models/provided.ts). Its serial is handed out like
  // any POST without token_serial (store.nextSerial), so the /fortitokens/ pool stays untouched; its
  // emulated FTM app approves OAuth pushes on its own (SsoOAuthState.selfApproving: ftm-push-approver).
  const ftmUser = store.addUser((id) => ({
    ...blankUser(id), username: 'test_user2', password: SEED_PASSWORDS.test_user2 ?? null,
    token_auth: true, token_type: 'ftm', token_serial: store.nextSerial('ftm'),
  }));
  store.ssoOAuth.selfApproving.add(ftmUser.username);
  const groups = ['Test_Local', 'Test_LDAP', 'REST_RADIUS'].map((name, i) =>
    store.addGroupWithId({ id: 3 + i, name, password_policy: DEFAULT_PASSWORD_POLICY }),
  );
  const local = groups[0];
  if (local) store.addMembership(testUser.id, local.id);
  // TACACS+ policies and SCEP requests cannot be created through the API (002 · read only).
  seedTacplusPolicies(store);
  // A TACACS+ client associated with the first policy, and an IAM account with one IAM user (linked to
  // test_user): rows a client meets on any unit, so lists it cannot fill itself still have rows to read.
  const tacClient = tacplusClients(store).insert((id) => ({ id, name: 'Core_Switch', address: '192.0.2.10', secret: 'seeded-tacacs-secret' }));
  const policy = tacplusPolicies(store).all()[0];
  if (policy) tacplusPolicyClients(store).insert((id) => ({ id, policy: policy.id, client: tacClient.id }));
  const account = iamAccounts(store).insert((id) => ({ id, name: 'Test_IAM', alias: 'test-iam' }));
  iamUsers(store).insert((id) => ({ id, username: 'iam_test_user', account: account.id, is_admin: false, localuser: testUser.id, ldapuser: null }));
  seedScepRequests(store);
  // SSO groups, FortiGate filters (GUI-only), FortiTokens and OAuth applications (GUI-only), as in the
  // guide's examples (emulator/fac/models/ssogroup.ts, fgtgroupfilter.ts, fortitokens.ts, oauth.ts).
  seedSsoGroups(store);
  seedFgtGroupFilters(store);
  seedFortiTokens(store);
  seedOAuthApps(store);
  // Imported LDAP/RADIUS users and user certificates (cannot be created through the API), and the
  // FortiGuard seed passphrase FTM seed return needs (002 · Third-party integration: FTM provisioning).
  seedRemoteUsers(store);
  seedUserCerts(store, Date.now());
  store.seedPassphrase = SEED_PASSPHRASE;
  // The user and unit states an operator sets up for the authentication rules (issue 13).
  seedOperatorStates(store, Date.now());
}
