// Issue 5 · every documented-behaviour scenario has a variant that breaks its rule: one cheap HTTP
// probe per variant, run on a fresh faithful emulator (the rule holds) and a fresh emulator started
// with the variant (it does not). The mapping scenario → variant is the catalogue (catalogue/).

import { test, expect } from '@playwright/test';
import { startEmulator } from '../../emulator/fac/server.ts';
import { EMULATOR_TOKEN_CODE } from '../../emulator/fac/models/auth.ts';
import { SEED_PASSWORDS } from '../../emulator/fac/models/seed.ts';
import { INACTIVE_DAYS, OPERATOR_PASSWORDS, SHARED_USERNAME } from '../../emulator/fac/models/operator-states.ts';
import { LDAP_REALM } from '../../emulator/fac/models/realmauth.ts';
import { VARIANTS, type VariantId } from '../../emulator/fac/variants.ts';
import { SCENARIOS_BY_PRODUCT } from '../../catalogue/index.ts';
import { Client, idFromLocation, type ListBody } from './helpers.ts';

type Obj = Record<string, unknown>;
/** true when the documented rule holds on this emulator. */
type Probe = (api: Client) => Promise<boolean>;

// The probed emulators' clock: a probe moves it forward (a lockout period) instead of waiting. Tests of
// one worker run one at a time; a probe's two emulators share it, and it only moves forward, so each
// still sees at least the time it waited for.
let clockOffsetMs = 0;
const now = (): Date => new Date(Date.now() + clockOffsetMs);
const advance = (ms: number): void => {
  clockOffsetMs += ms;
};

const USERS = '/api/v1/localusers/';
const GROUPS = '/api/v1/usergroups/';
const TEST_USER = 'test_user'; // seeded: id 4, member of group 3 (emulator/fac/models/seed.ts)
const FTM_USER = 'test_user2'; // seeded: FTM token, its emulated app approves pushes
const PW = SEED_PASSWORDS.test_user ?? '';
const FTM_PW = SEED_PASSWORDS.test_user2 ?? '';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const status = async (p: Promise<{ status: number }>): Promise<number> => (await p).status;
const posted = (api: Client, path: string, body: Obj) => status(api.post(path, body));
const newUser = (api: Client, fields: Obj) => posted(api, USERS, { username: 'probe', password: 'Probe-pass1', ...fields });
const auth = (api: Client, body: Obj) => status(api.post('/api/v1/auth/', body));

async function token(api: Client, username = TEST_USER, password = PW): Promise<Obj> {
  return (await api.post('/api/v1/oauth/token/', { grant_type: 'password', client_id: 'client_id', username, password })).json();
}
const verify = (api: Client, access: unknown) =>
  api.get('/api/v1/oauth/verify_token/?client_id=client_id', { auth: `Bearer ${String(access)}` });
const fabric = async (api: Client): Promise<Obj> =>
  (await api.post('/api/fabric/authenticate', { username: api.emu.user, password: api.emu.key })).json();
const pushChallenge = (api: Client) =>
  api.post('/api/v1/oauth/token/', { grant_type: 'password', client_id: 'client_id', username: FTM_USER, password: FTM_PW });
const poll = async (api: Client, session: unknown): Promise<Obj> => (await api.get(`/api/v1/pushpoll/?s=${String(session)}`)).json();
const ssoauth = (api: Client, body: Obj) => posted(api, '/api/v1/ssoauth/', body);
const setting = async (api: Client, name: string): Promise<Obj> => (await api.get(`/api/v1/${name}/`)).json();
const smtp = (name: string, extra: Obj = {}): Obj => ({ name, address: `${name}.example.com`, sender_email: 'fac@example.com', ...extra });

const PROBES: Record<string, Probe> = {
  // ---- Envelope & HTTP
  'post-answers-body': async (api) => {
    const r = await api.post(GROUPS, { name: 'probe' });
    return r.status === 201 && r.headers.get('location') !== null && r.text === '';
  },
  'patch-answers-200': async (api) => (await status(api.patch(`${GROUPS}3/`, { name: 'renamed' }))) === 202,
  'put-answers-200': async (api) => (await status(api.put(`${GROUPS}3/`, { name: 'Test_Local' }))) === 204,
  'delete-detail-still-served': async (api) => {
    const id = await api.createGroup({ name: 'gone' });
    if ((await status(api.delete(`${GROUPS}${id}/`))) !== 204) return false;
    const list = (await api.get(`${GROUPS}?name=gone`)).json<ListBody>();
    return list.objects.length === 0 && (await status(api.get(`${GROUPS}${id}/`))) === 404;
  },
  'root-omits-schema': async (api) => {
    const root = (await api.get('/api/v1/')).json<Record<string, Obj>>();
    const xml = (await api.get('/api/v1/?format=xml')).text;
    return Object.values(root).every((r) => typeof r.schema === 'string') && xml.includes('<schema>/api/v1/localusers/schema/</schema>');
  },
  // ---- usergroups
  'usergroups-duplicate-name-accepted': async (api) => {
    const r = await api.post(GROUPS, { name: 'Test_Local' });
    return r.status === 400 && JSON.stringify(r.json()) === JSON.stringify({ usergroups: { name: ['A user group with that name already exists.'] } });
  },
  'usergroups-patch-appends': async (api) => {
    await api.patch(`${GROUPS}3/`, { users: [`${USERS}5/`] });
    return JSON.stringify((await api.get(`${GROUPS}3/`)).json().users) === JSON.stringify([`${USERS}5/`]);
  },
  'usergroups-patch-empty-ignored': async (api) => {
    await api.patch(`${GROUPS}3/`, { users: [] });
    return JSON.stringify((await api.get(`${GROUPS}3/`)).json().users) === '[]';
  },
  'usergroups-delete-refuses-members': async (api) =>
    (await status(api.delete(`${GROUPS}3/`))) === 204 && (await status(api.get(`${GROUPS}3/`))) === 404,
  'usergroups-filter-unknown-404': async (api) => {
    const r = await api.get(`${GROUPS}?name=no-such-group`);
    return r.status === 200 && r.json<ListBody>().objects.length === 0;
  },
  'usergroups-return-members-ignored': async (api) =>
    !('users' in (await api.get(`${GROUPS}3/?return_members=false`)).json()) && 'users' in (await api.get(`${GROUPS}3/`)).json(),
  // ---- localusers
  'localusers-lists-admins': async (api) =>
    (await api.get(`${USERS}?limit=1000`)).json<ListBody>().objects.every((u) => u.username !== api.emu.user && Number(u.id) >= 4),
  'localusers-password-or-email-unchecked': async (api) => (await posted(api, USERS, { username: 'nopassword' })) === 400,
  'localusers-username-unchecked': async (api) =>
    (await newUser(api, { username: 'bad name!' })) === 400 && (await newUser(api, { username: 'u'.repeat(254) })) === 400,
  'localusers-mobile-unchecked': async (api) => (await newUser(api, { mobile_number: '5551234' })) === 400,
  'localusers-country-unchecked': async (api) => (await newUser(api, { country: 'XX' })) === 400,
  'localusers-reason-unchecked': async (api) => (await newUser(api, { reason: 9 })) === 400,
  'localusers-expires-at-past-accepted': async (api) =>
    (await newUser(api, { expires_at: new Date(Date.now() + 30 * 60_000).toISOString() })) === 400,
  'localusers-token-type-optional': async (api) => (await newUser(api, { token_auth: true })) === 400,
  'localusers-token-contact-unchecked': async (api) => (await newUser(api, { token_auth: true, token_type: 'email' })) === 400,
  'localusers-ftk-only-unchecked': async (api) => (await newUser(api, { ftk_only: true, email: 'p@example.com' })) === 400,
  'localusers-user-groups-empty': async (api) => {
    const r = await api.get(`${USERS}?username=${TEST_USER}`);
    return JSON.stringify(r.json<ListBody>().objects[0]?.user_groups) === JSON.stringify([`${GROUPS}3/`]);
  },
  'verifyrecoveryanswer-wrong-202': async (api) => {
    const id = await api.createUser({ username: 'recover', recovery_by_question: true, recovery_question: 'Pet?', recovery_answer: 'cat' });
    return (await posted(api, `${USERS}${id}/verifyrecoveryanswer/`, { recovery_answer: 'dog' })) === 404;
  },
  'localusers-abridged-ignored': async (api) => {
    const o = (await api.get(`${USERS}?abridged=1&username=${TEST_USER}`)).json<ListBody>().objects[0] ?? {};
    return 'username' in o && !('reason' in o) && !('token_serial' in o);
  },
  'returnseed-plaintext': async (api) => {
    const r = await api.post(`${USERS}?returnseed=1`, { username: 'seeded', password: 'Probe-pass1', token_auth: true, token_type: 'ftm' });
    const seed = String(r.json().seed);
    // The secret is an EncryptedValue (the variant sends it as a PlainValue).
    return r.status === 201 && seed.includes('<pskc:EncryptedValue') && !/<pskc:Secret>\s*<pskc:PlainValue>/.test(seed);
  },
  // ---- auth / realmauth
  'auth-unknown-user-401': async (api) => (await auth(api, { username: 'ghost', password: 'x' })) === 404,
  'auth-wrong-password-400': async (api) => (await auth(api, { username: TEST_USER, password: 'wrong' })) === 401,
  'auth-disabled-account-accepted': async (api) => {
    await api.createUser({ username: 'off', active: false });
    return (await auth(api, { username: 'off', password: 'Secret-pass1' })) === 401;
  },
  'auth-token-without-2fa-accepted': async (api) => (await auth(api, { username: TEST_USER, password: PW, token_code: EMULATOR_TOKEN_CODE })) === 401,
  'auth-token-before-password': async (api) => (await auth(api, { username: FTM_USER, password: 'wrong', token_code: EMULATOR_TOKEN_CODE })) === 401,
  'auth-concatenated-refused': async (api) => (await auth(api, { username: FTM_USER, password: `${FTM_PW}${EMULATOR_TOKEN_CODE}`, token_code: '' })) === 200,
  'auth-ftk-only-password-accepted': async (api) => {
    await api.post(USERS, { username: 'ftkonly', email: 'f@example.com', token_auth: true, token_type: 'ftm', ftk_only: true });
    return (await auth(api, { username: 'ftkonly', password: 'anything' })) === 401;
  },
  'auth-neither-401': async (api) => (await auth(api, { username: TEST_USER })) === 400,
  'auth-lockout-not-enforced': async (api) => {
    await api.post('/api/v1/userlockoutpolicy/', { failed_login_lockout: true, failed_login_lockout_max_attempts: 1 });
    await auth(api, { username: TEST_USER, password: 'wrong' });
    return (await auth(api, { username: TEST_USER, password: PW })) === 401;
  },
  'realmauth-password-change-200': async (api) => {
    await api.createUser({ username: 'changer', change_password: true });
    return (await posted(api, '/api/v1/realmauth/', { username: 'changer', realm: 'local', password: 'Secret-pass1' })) === 202;
  },
  'realmauth-realm-optional': async (api) => (await posted(api, '/api/v1/realmauth/', { username: TEST_USER, password: PW })) === 400,
  // ---- ssoauth
  'ssoauth-logoff-refused': async (api) => (await ssoauth(api, { event: '0', username: TEST_USER, user_ip: '10.0.0.1' })) === 200,
  'ssoauth-ip-optional': async (api) => (await ssoauth(api, { event: '1', username: TEST_USER })) === 400,
  'ssoauth-same-ip-refused': async (api) =>
    (await ssoauth(api, { event: '1', username: 'ext1', user_ip: '10.0.0.2', user_groups: 'g' })) === 200 &&
    (await ssoauth(api, { event: '1', username: 'ext2', user_ip: '10.0.0.2', user_groups: 'g' })) === 200,
  'ssoauth-groups-plus-refused': async (api) => (await ssoauth(api, { event: '1', username: 'ext', user_ip: '10.0.0.3', user_groups: 'g1+g2' })) === 200,
  // ---- fgtgroupfilter / ssogroup
  'fgtgroupfilter-post-accepted': async (api) => (await posted(api, '/api/v1/fgtgroupfilter/', { shortname: 'new', nasname: '2.2.2.2' })) === 405,
  'fgtgroupfilter-put-200': async (api) => (await status(api.put('/api/v1/fgtgroupfilter/1/', { shortname: 'GroupFilter Test1', nasname: '1.1.1.1' }))) === 204,
  'ssogroup-name-not-unique': async (api) => (await posted(api, '/api/v1/ssogroup/', { name: 'Test Group1' })) === 400,
  'ssogroup-name-length-unchecked': async (api) => (await posted(api, '/api/v1/ssogroup/', { name: 's'.repeat(51) })) === 400,
  // ---- OAuth server & fabric
  'oauth-password-grant-unchecked': async (api) =>
    (await status(api.post('/api/v1/oauth/token/', { grant_type: 'password', client_id: 'client_id', username: TEST_USER, password: 'wrong' }))) === 401,
  'oauth-refresh-reuse': async (api) => {
    const { refresh_token: refresh } = await token(api);
    const again = () => posted(api, '/api/v1/oauth/token/', { grant_type: 'refresh_token', refresh_token: refresh });
    return (await again()) === 200 && (await again()) === 401;
  },
  'oauth-verify-token-no-username': async (api) => (await verify(api, (await token(api)).access_token)).json().username === TEST_USER,
  'oauth-revoke-token-noop': async (api) => {
    const { access_token: access } = await token(api);
    await api.post('/api/v1/oauth/revoke_token/', { client_id: 'client_id', token: access });
    return (await verify(api, access)).status === 401;
  },
  'oauth-push-challenge-200': async (api) => {
    const r = await pushChallenge(api);
    return r.status === 406 && typeof r.json().session === 'string';
  },
  'pushauthresp-validate-not-approving': async (api) => {
    const grant = { grant_type: 'password', client_id: 'client_id', username: 'push_unanswered_user', password: OPERATOR_PASSWORDS.pushUnanswered };
    const { session } = (await api.post('/api/v1/oauth/token/', grant)).json();
    const answered = await api.post('/api/v1/pushauthresp/', { session_id: session, action: 'validate', token_code: EMULATOR_TOKEN_CODE });
    return answered.status === 200 && (await poll(api, session)).status === 'success';
  },
  'pushpoll-never-pending': async (api) => (await poll(api, (await pushChallenge(api)).json().session)).status === 'pending',
  'oauth-challenge-completion-refused': async (api) => {
    const { session } = (await pushChallenge(api)).json();
    let p = await poll(api, session);
    for (let i = 0; i < 30 && p.status !== 'success'; i++) {
      await sleep(100);
      p = await poll(api, session);
    }
    const r = await api.post('/api/v1/oauth/token/', {
      grant_type: 'password', client_id: 'client_id', username: FTM_USER, password: FTM_PW,
      challenge: 'otp', method: 'ftm-push', session, challenge_response: p.challenge_response,
    });
    return r.status === 200 && typeof r.json().access_token === 'string';
  },
  'fabric-expires-in-nonzero': async (api) => (await fabric(api)).expires_in === 0,
  'fabric-token-unusable': async (api) =>
    (await status(api.get('/api/fabric/device/status', { auth: `Bearer ${String((await fabric(api)).access_token)}` }))) === 200,
  // ---- Settings singletons
  'lockout-range-unchecked': async (api) =>
    (await posted(api, '/api/v1/userlockoutpolicy/', { failed_login_lockout: true, failed_login_lockout_max_attempts: 21 })) === 400,
  'settings-post-keeps-values': async (api) => {
    await api.patch('/api/v1/fortitokenmobileprovisioning/', { token_size: 8 });
    await api.post('/api/v1/fortitokenmobileprovisioning/', { token_algo: 'hotp' });
    return (await setting(api, 'fortitokenmobileprovisioning')).token_size === 6;
  },
  'settings-patch-resets-defaults': async (api) => {
    await api.post('/api/v1/fortitokenmobileprovisioning/', { token_size: 8 });
    await api.patch('/api/v1/fortitokenmobileprovisioning/', { token_algo: 'hotp' });
    return (await setting(api, 'fortitokenmobileprovisioning')).token_size === 8;
  },
  'lockout-permanent-restores-period': async (api) => {
    await api.post('/api/v1/userlockoutpolicy/', { failed_login_lockout: true, failed_login_lockout_period: 120 });
    await api.patch('/api/v1/userlockoutpolicy/', { failed_login_lockout_permanent: true });
    await api.patch('/api/v1/userlockoutpolicy/', { failed_login_lockout_permanent: false });
    return (await setting(api, 'userlockoutpolicy')).failed_login_lockout_period === 60;
  },
  'settings-enabled-strings-refused': async (api) =>
    (await posted(api, '/api/v1/scheduledbackupsettings/', { enabled: 'false' })) === 200 &&
    (await posted(api, '/api/v1/scheduledbackupsettings/', { enabled: '0' })) === 200,
  'settings-cross-references-unchecked': async (api) => (await posted(api, '/api/v1/logsettings/', { backup_ftp: 'no-such-ftp' })) === 400,
  // ---- smtpservers / syslogservers / ftpservers
  'smtpservers-no-default-port': async (api) => {
    const r = await api.post('/api/v1/smtpservers/', smtp('mail1'));
    return (await api.get(`/api/v1/smtpservers/${idFromLocation(r)}/`)).json().port === 25;
  },
  'smtpservers-duplicates-accepted': async (api) =>
    (await posted(api, '/api/v1/smtpservers/', smtp('mail2'))) === 201 && (await posted(api, '/api/v1/smtpservers/', smtp('mail2'))) === 400,
  'smtpservers-auth-credentials-optional': async (api) => (await posted(api, '/api/v1/smtpservers/', smtp('mail3', { authentication: true }))) === 400,
  'smtpservers-many-defaults': async (api) => {
    await api.post('/api/v1/smtpservers/', smtp('mail4', { default: true }));
    return (await api.get('/api/v1/smtpservers/')).json<ListBody>().objects.filter((s) => s.default === true).length === 1;
  },
  'syslogservers-defaults-enums-unchecked': async (api) => {
    const r = await api.post('/api/v1/syslogservers/', { name: 'log1', address: '10.0.0.9' });
    const o = (await api.get(`/api/v1/syslogservers/${idFromLocation(r)}/`)).json();
    const loud = await posted(api, '/api/v1/syslogservers/', { name: 'log2', address: '10.0.0.9', level: 'loud' });
    return o.port === 514 && o.level === 'information' && o.facility === 'user' && loud === 400;
  },
  'ftpservers-anonymous-writable': async (api) => {
    const r = await api.post('/api/v1/ftpservers/', { name: 'ftp1', address: '10.0.0.8', username: 'u', password: 'p', anonymous: true });
    return (await api.get(`/api/v1/ftpservers/${idFromLocation(r)}/`)).json().anonymous === false;
  },
  // ---- usercerts / fortitokens / licences
  'usercerts-revoke-reason-optional': async (api) => (await status(api.patch('/api/v1/usercerts/1/', { status: 'revoked' }))) === 400,
  // Seeded certificate 3 is revoked for "Key Compromise" (emulator/fac/models/usercerts.ts seedUserCerts).
  'usercerts-unrevoke-any-reason': async (api) => (await status(api.patch('/api/v1/usercerts/3/', { status: 'active' }))) === 400,
  'fortitokens-next-missing': async (api) => {
    const b = (await api.get('/api/v1/fortitokens/?type=ftm&status=available&limit=1')).json<ListBody>();
    return b.objects.length === 1 && b.meta.next !== null;
  },
  'licences-available-counts-status': async (api) => {
    const l = await setting(api, 'fortitokenmobilelicenses');
    return l.available_ftm === Number(l.total_ftm) - Number(l.used_ftm);
  },
  // ---- MAC, TACACS+, IAM
  'macdevices-accepts-bad-mac': async (api) => (await posted(api, '/api/v1/macdevices/', { name: 'dev0', address: 'zz:zz' })) === 400,
  'tacplus-lengths-unchecked': async (api) => (await posted(api, '/api/v1/tacplusclients/', { name: 'n'.repeat(33), address: '10.0.0.8', secret: 's3cret' })) === 400,
  'iam-account-duplicates-accepted': async (api) =>
    (await posted(api, '/api/v1/iamaccounts/', { name: 'dup', alias: 'dup-a' })) === 201 && (await posted(api, '/api/v1/iamaccounts/', { name: 'dup', alias: 'dup-b' })) === 400,
  'iam-localuser-and-ldapuser-accepted': async (api) => {
    const account = idFromLocation(await api.post('/api/v1/iamaccounts/', { name: 'acct', alias: 'acct' }));
    const ldap = (await api.get('/api/v1/ldapusers/')).json<ListBody>().objects[0]?.id;
    return (await posted(api, '/api/v1/iamusers/', { username: 'iam1', account, localuser: 4, ldapuser: ldap })) === 400;
  },
  // ---- Issue 13 · local users, user groups, write answers, OAuth, fabric, settings, licensing, /auth/ wire
  'usergroups-password-policy-not-defaulted': async (api) => {
    const id = await api.createGroup({ name: 'probe-policy' });
    const policy = (await api.get(`${GROUPS}${id}/`)).json().password_policy;
    return policy !== null && policy !== '' && policy !== undefined;
  },
  'localusers-next-token-not-assigned': async (api) => {
    const r = await api.post(USERS, { username: 'probe-ftm', password: 'Probe-pass1', email: 'probe@example.com', token_auth: true, token_type: 'ftm', ftm_act_method: 'email' });
    return r.status === 201 && (await api.get(`${USERS}${idFromLocation(r)}/`)).json().token_serial !== '';
  },
  'localusers-ftm-act-method-contact-unchecked': async (api) =>
    (await newUser(api, { email: 'probe@example.com', token_auth: true, token_type: 'ftm', ftm_act_method: 'sms' })) === 400,
  'localusers-ftk-only-off-email-optional': async (api) => {
    const r = await api.post(USERS, { username: 'probe-ftk', email: 'probe@example.com', token_auth: true, token_type: 'ftm', ftk_only: true });
    return r.status === 201 && (await status(api.patch(`${USERS}${idFromLocation(r)}/`, { ftk_only: false, email: '' }))) === 400;
  },
  'localusers-recovery-pair-unchecked': async (api) => (await newUser(api, { recovery_by_question: true, recovery_question: 'Why?' })) === 400,
  'patch-202-empty-body': async (api) => {
    const r = await api.patch('/api/v1/userlockoutpolicy/', { failed_login_lockout_max_attempts: 7 });
    return r.status === 202 && r.text !== '' && r.json().failed_login_lockout_max_attempts === 7;
  },
  'oauth-confidential-secret-unchecked': async (api) => {
    const client = api.emu.provided['oauth-confidential-client'] ?? {};
    const r = await api.post('/api/v1/oauth/token/', { grant_type: 'password', client_id: client.client_id, username: TEST_USER, password: PW }, { auth: false });
    return r.status === 401;
  },
  'oauth-expiry-not-stated': async (api) => {
    const client = api.emu.provided['oauth-client'] ?? {};
    const r = await api.post('/api/v1/oauth/token/', { grant_type: 'password', client_id: client.client_id, username: TEST_USER, password: PW }, { auth: false });
    return r.status === 200 && r.json().expires_in === client.expires_in && Number(client.expires_in) > 0;
  },
  'fabric-same-token': async (api) => (await fabric(api)).access_token !== (await fabric(api)).access_token,
  'external-ip-fqdn-port-unchecked': async (api) => (await posted(api, '/api/v1/system/external_ip_fqdn/', { value: 'fac.example.com:65536' })) === 400,
  'licensing-valid-license-refused': async (api) => {
    const file = api.emu.provided['fac-license-file'] ?? {};
    const form = new FormData();
    form.append('license', new Blob([String(file.license)]), String(file.filename));
    const r = await fetch(`${api.emu.url}/api/v1/licensing/`, { method: 'POST', headers: { authorization: api.authorization }, body: form });
    return r.status === 200;
  },
  'auth-no-session-cookie': async (api) => /sessionid=[^;]+;.*httponly/i.test((await api.post('/api/v1/auth/', { username: TEST_USER, password: PW })).headers.get('set-cookie') ?? ''),
  'xml-bodies-refused': async (api) =>
    (await status(api.call('POST', '/api/v1/auth/', { raw: `<object><username>${TEST_USER}</username><password>${PW}</password></object>`, headers: { 'content-type': 'application/xml' } }))) === 200,
  // ---- Issue 13 · authentication rules on the operator-set-up users (emulator/fac/models/operator-states.ts)
  'auth-token-drift-ignored': async (api) => (await auth(api, { username: 'ftk_drift_user', token_code: EMULATOR_TOKEN_CODE })) === 401,
  'auth-ldap-password-validated': async (api) => (await auth(api, { username: 'asmith', password: OPERATOR_PASSWORDS.ldap })) === 401,
  'realmauth-remote-users-unknown': async (api) =>
    (await posted(api, '/api/v1/realmauth/', { username: 'asmith', realm: LDAP_REALM, password: OPERATOR_PASSWORDS.ldap })) === 200,
  'pushauth-rejected-200': async (api) => (await posted(api, '/api/v1/pushauth/', { username: 'push_reject_user' })) === 401,
  'pushauth-refused-503': async (api) => (await posted(api, '/api/v1/pushauth/', { username: 'push_refused_user' })) === 500,
  'pushauth-unreachable-500': async (api) => (await posted(api, '/api/v1/pushauth/', { username: 'push_unreachable_user' })) === 503,
  'pushauth-realm-optional': async (api) => (await posted(api, '/api/v1/pushauth/', { username: SHARED_USERNAME })) === 400,
  // The probe moves the emulators' clock past the 60 s period instead of waiting for it.
  'lockout-period-never-ends': async (api) => {
    await api.post('/api/v1/userlockoutpolicy/', { failed_login_lockout: true, failed_login_lockout_max_attempts: 1, failed_login_lockout_period: 60 });
    await newUser(api, { username: 'lockme' });
    await auth(api, { username: 'lockme', password: 'wrong' });
    const locked = (await auth(api, { username: 'lockme', password: 'Probe-pass1' })) === 401;
    advance(61_000);
    return locked && (await auth(api, { username: 'lockme', password: 'Probe-pass1' })) === 200;
  },
  // Started in the unit-wide state the rule needs (PROBE_STATES).
  'ssoauth-disabled-served': async (api) => (await ssoauth(api, { event: '1', username: 'u', user_ip: '10.0.0.1', user_groups: 'g' })) === 404,
  'ssoauth-fsso-failure-200': async (api) => (await ssoauth(api, { event: '1', username: 'u', user_ip: '10.0.0.1', user_groups: 'g' })) === 500,
  'lockout-inactivity-not-enforced': async (api) => {
    await api.patch('/api/v1/userlockoutpolicy/', { inactivity_lockout: true, inactivity_lockout_period: INACTIVE_DAYS - 1 });
    return (await auth(api, { username: 'inactive_user', password: OPERATOR_PASSWORDS.inactive })) === 401;
  },
};

/** Probes whose rule needs a unit-wide operator set-up (the catalogue's emulatorState): both emulators start in it. */
const PROBE_STATES: Readonly<Record<string, string[]>> = Object.fromEntries(
  SCENARIOS_BY_PRODUCT.fac.flatMap((s) => (s.variant && s.emulatorState ? [[s.variant, [s.emulatorState]]] : [])),
);

test.describe.configure({ mode: 'parallel' });

test('every catalogue scenario has a variant with a probe (or a reason why not)', () => {
  const known = new Set<string>(VARIANTS.map((v) => v.id));
  const SCENARIOS = SCENARIOS_BY_PRODUCT.fac;
  for (const { id, variant, withoutVariant } of SCENARIOS) {
    if (!variant) {
      expect(withoutVariant, `${id}: no variant and no reason`).toBeTruthy();
      continue;
    }
    expect(known.has(variant), `${id} → ${variant}`).toBe(true);
    expect(Object.keys(PROBES), `probe for ${variant}`).toContain(variant);
  }
  // One variant per scenario: a variant breaking two scenarios would not show which one the suite caught.
  const variants = SCENARIOS.flatMap((s) => (s.variant ? [s.variant] : []));
  expect(variants.filter((v, i) => variants.indexOf(v) !== i)).toEqual([]);
  expect(Object.keys(PROBES).sort()).toEqual([...variants].sort());
});

for (const [variant, probe] of Object.entries(PROBES)) {
  test(`${variant}: the faithful emulator keeps the rule, the variant breaks it`, async () => {
    clockOffsetMs = 0;
    const states = PROBE_STATES[variant] ?? [];
    const [faithful, broken] = await Promise.all([startEmulator({ now, states }), startEmulator({ variants: [variant as VariantId], now, states })]);
    try {
      const [holds, holdsBroken] = await Promise.all([probe(new Client(faithful)), probe(new Client(broken))]);
      expect(holds, 'faithful emulator').toBe(true);
      expect(holdsBroken, `variant ${variant}`).toBe(false);
    } finally {
      await Promise.all([faithful.close(), broken.close()]);
    }
  });
}
