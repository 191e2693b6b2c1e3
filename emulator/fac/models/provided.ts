// The "provided prerequisites" of the emulated unit: what an operator sets up on a real
// FortiAuthenticator for the conformance suite (target configuration "fac.provided": name → fields),
// read here from the seeded store (emulator/fac/models/seed.ts) so every item names an object that exists and
// works against this emulator. Licence codes and the renewal CSR are made fresh on every call.

import { generateKeyPairSync, randomInt, sign } from 'node:crypto';
import type { Store } from './store.ts';
import { detailUri } from './types.ts';
import { bitString, encodeName, oid, pem, seq, smallInteger, tlv, type Rdn } from './der.ts';
import { ldapUsers, radiusUsers, type RemoteUser } from './remoteusers.ts';
import { userCerts, type UserCert } from './usercerts.ts';
import { fortiTokens, tokenStatus } from './fortitokens.ts';
import { scepRequests } from './scepreqs.ts';
import { TACPLUSPOLICIES, tacplusPolicies } from './tacplus.ts';
import { FGTGROUPFILTER, type FgtGroupFilter } from './fgtgroupfilter.ts';
import { LDAP_REALM, LOCAL_REALM, RADIUS_REALM } from './realmauth.ts';
import { EMULATOR_TOKEN_CODE } from './auth.ts';
import { INACTIVE_DAYS, OPERATOR_PASSWORDS, SHARED_USERNAME, fssoUnavailable } from './operator-states.ts';
import { FABRIC_CLIENT_ID } from './sso-oauth-state.ts';
import { emulatorLicenseFile } from './licensing.ts';

export type Provided = Record<string, Record<string, unknown>>;

const LICENSE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

/** A licence code the FTM / FortiGuard messaging activation accepts (five dash-separated groups:
 * emulator/fac/models/fortitokenmobilelicenses.ts), random so it is unused on a fresh unit. */
export function freshLicense(prefix: string): string {
  const group = (n: number): string => Array.from({ length: n }, () => LICENSE_ALPHABET[randomInt(LICENSE_ALPHABET.length)]).join('');
  return [prefix.slice(0, 5).padEnd(4, 'X'), group(4), group(4), group(4), group(4)].join('-');
}

/** A PKCS#10 (RFC 2986) request for `subject`: a fresh P-256 key, signed ecdsa-with-SHA256, PEM. */
export function makeCsr(subject: Rdn): string {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const info = seq(
    smallInteger(0), // version 1
    encodeName(subject),
    publicKey.export({ format: 'der', type: 'spki' }),
    tlv(0xa0, Buffer.alloc(0)), // attributes [0]: none
  );
  return pem('CERTIFICATE REQUEST', seq(info, seq(oid('1.2.840.10045.4.3.2')), bitString(sign('sha256', info, privateKey))));
}

const OOB_TOKENS = new Set(['email', 'sms', 'dual']);
const hasOobToken = (u: RemoteUser): boolean => u.active && u.token_auth && OOB_TOKENS.has(u.token_type ?? '');

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`forticonform emulator: the seed lacks ${what}`);
  return value;
}

/** Every operator-provided prerequisite the suite knows that the unit's state allows: sso-web-service
 * or sso-web-service-disabled, and fsso-unavailable only when started so (operator-states.ts UNIT_STATES).
 * Throws if the seed lacks an object one of them needs. */
export function providedPrerequisites(store: Store, nowMs = Date.now()): Provided {
  const ldap = need(
    ldapUsers(store).all().find((u) => hasOobToken(u) && u.recovery_by_question && u.recovery_answer !== ''),
    'an LDAP user with an e-mail/SMS token and a recovery question',
  );
  const radius = need(radiusUsers(store).all().find(hasOobToken), 'a RADIUS user with an e-mail/SMS token');
  // Two different active certificates: one for revoke/un-revoke, one for renewal.
  const live = userCerts(store).all().filter((c: UserCert) => c.status === 'active' && c.expiry > nowMs);
  const cert = need(live[0], 'an active user certificate');
  const renewal = need(live[1], 'a second active user certificate');
  // 002 · User certificate management · Un-revoke: only a hold can be lifted; one revoked for good.
  const revoked = need(
    userCerts(store).all().find((c: UserCert) => c.status === 'revoked' && c.revocation_reason !== null && c.revocation_reason !== 'Certificate Hold'),
    'a user certificate revoked for a reason other than Certificate Hold',
  );
  const token = need(
    fortiTokens(store).all().find((t) => t.type === 'ftm' && !t.locked && tokenStatus(store, t) === 'available'),
    'an available FortiToken Mobile',
  );
  const ftmUsers = store.users
    .all()
    .filter((u) => u.active && u.expires_at === null && u.token_auth && u.token_type === 'ftm' && u.token_serial !== '' && u.password !== null && !u.ftk_only);
  const ftmUser = need(ftmUsers[0], 'a local user with an FTM token');
  const pushUser = need(
    ftmUsers.find((u) => store.ssoOAuth.selfApproving.has(u.username)),
    'a local FTM user whose emulated app approves pushes',
  );
  const scep = need(scepRequests(store).all()[0], 'a SCEP enrollment request');
  const policy = need(tacplusPolicies(store).all()[0], 'a TACACS+ policy');
  const filter = need(store.table<FgtGroupFilter>(FGTGROUPFILTER).all()[0], 'a FortiGate group filter');
  const client = need(
    [...store.ssoOAuth.apps.values()].find((a) => a.clientId !== FABRIC_CLIENT_ID && !a.confidential && a.expirySeconds > 0),
    'a public OAuth application whose token expiry is not zero',
  );
  const confidential = need(
    [...store.ssoOAuth.apps.values()].find((a) => a.confidential && a.secret !== null),
    'a confidential OAuth application',
  );
  const passphrase = need(store.seedPassphrase ?? undefined, 'a FortiGuard seed passphrase');

  const provided: Provided = {
    'ldap-user': { id: ldap.id, recovery_answer: ldap.recovery_answer },
    'radius-user': { id: radius.id },
    'user-cert': { id: cert.id },
    'user-cert-renewal': { cert_id: renewal.cert_id, csr: makeCsr(renewal.subject) },
    'revoked-user-cert': { id: revoked.id },
    'ftm-token': { serial: token.serial },
    'ftm-seed-passphrase': { passphrase },
    // The code the emulated tokens accept right now (emulator/fac/models/auth.ts). A real unit's codes come
    // from a device or an e-mail, so only an emulator can provide this one.
    'current-token-code': { token_code: EMULATOR_TOKEN_CODE },
    'ftm-user': { username: ftmUser.username, password: ftmUser.password },
    'ftm-push-user': { username: pushUser.username, password: pushUser.password },
    // The push user's emulated FTM app approves by itself (emulator/fac/models/pushpoll.ts).
    'ftm-push-approver': {},
    'scep-request': { id: scep.id, subject: scep.subject },
    'tacplus-policy': { id: policy.id, uri: detailUri(TACPLUSPOLICIES, policy.id), name: policy.name },
    'fgt-group-filter': { id: filter.id },
    'local-realm': { name: LOCAL_REALM },
    // expires_in: the application's access token expiry in seconds, as set in its GUI.
    'oauth-client': { client_id: client.clientId, expires_in: client.expirySeconds },
    // /api/fabric/authenticate takes an administrator and its web service access key (emulator/fac/models/fabric.ts).
    'fabric-admin': { username: store.admin.username, password: store.admin.key },
    'sms-license': { license: freshLicense('SMS') },
    'ftm-license': { license: freshLicense('FTM') },
    // Issue 13 (local users, settings, OAuth, fabric): an OAuth application of client type
    // confidential, with its client secret (002 · OAuth server token · client_secret).
    'oauth-confidential-client': { client_id: confidential.clientId, client_secret: confidential.secret },
    // A FortiAuthenticator licence file (002 · Licensing): its name and its text (under "license", so
    // reports redact it). A real unit reboots after taking one; the emulator does not.
    'fac-license-file': { filename: 'FAC-VM-forticonform.lic', license: emulatorLicenseFile() },
  };
  if (store.ssoWebService) provided['sso-web-service'] = {};
  else provided['sso-web-service-disabled'] = {};
  if (fssoUnavailable(store)) provided['fsso-unavailable'] = {};
  return { ...provided, ...authPrerequisites() };
}

/** The authentication rules' prerequisites (issue 13), seeded by emulator/fac/models/operator-states.ts. */
function authPrerequisites(): Provided {
  return {
    // A user whose hardware FortiToken needs synchronisation, and a code it shows now.
    'ftk-out-of-sync-user': { username: 'ftk_drift_user', token_code: EMULATOR_TOKEN_CODE },
    // Imported remote users with the passwords their servers know, and a realm of their server.
    'ldap-password-user': { username: 'asmith', password: OPERATOR_PASSWORDS.ldap, realm: LDAP_REALM },
    'radius-password-user': { username: 'rjones', password: OPERATOR_PASSWORDS.radius, realm: RADIUS_REALM },
    // FTM users whose pushes are rejected on the phone, refused by the push server, or cannot reach it.
    'ftm-push-rejecter': { username: 'push_reject_user' },
    'push-server-refusing': { username: 'push_refused_user' },
    'push-server-unreachable': { username: 'push_unreachable_user' },
    // An FTM user whose pushes no app answers: a case answers its OAuth push session itself (/pushauthresp/).
    'ftm-push-unanswered-user': { username: 'push_unanswered_user', password: OPERATOR_PASSWORDS.pushUnanswered },
    // A username more than one user has (a local FTM user and an LDAP user).
    'push-username-collision': { username: SHARED_USERNAME },
    // A user last active INACTIVE_DAYS ago, and an inactivity period (days) it has exceeded.
    'inactive-user': { username: 'inactive_user', password: OPERATOR_PASSWORDS.inactive, period_days: INACTIVE_DAYS - 35 },
  };
}
