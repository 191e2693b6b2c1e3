// Second-factor token behaviour shared by local, LDAP and RADIUS users:
//   * the token field rules (002 · Local users / LDAP users / RADIUS users · Supported fields),
//   * POST .../<id>/sendoobtoken/ and POST .../<id>/verifyrecoveryanswer/ (002 · Allowed methods),
//   * FTM seed return with ?returnseed=1 (002 · Local users · Third-party integration: FTM
//     provisioning): an RFC 6030 PSKC document, key from the FortiGuard seed passphrase by PBKDF2
//     (32-byte key, 1000 iterations), seed encrypted with AES-256-CBC, MAC'd with HMAC-SHA256.

import { createCipheriv, createHmac, pbkdf2Sync, randomBytes, randomInt } from 'node:crypto';
import type { FieldErrors, Json, Outcome, QueryParams, Reply } from './types.ts';
import { badRequest, invalid, notFound, ok } from './types.ts';
import type { Store } from './store.ts';
import type { VariantFlags } from '../variants.ts';
import { ftmProvisioning } from './settings.ts';
import { REQUIRED, parseString } from './validate.ts';

export interface TokenHolder {
  email: string;
  mobile_number: string;
  active: boolean;
  token_auth: boolean;
  token_type: string | null;
  token_serial: string;
  ftm_act_method: string | null;
}

export const TOKEN_TYPES = ['ftk', 'ftm', 'ftc', 'email', 'sms', 'dual'] as const;
export const FTM_ACT_METHODS = ['email', 'sms'] as const;

/** Cross-field token rules (002 · token_auth, token_type, ftm_act_method). Same texts as localusers.ts. */
export function checkTokenFields(draft: TokenHolder, errors: FieldErrors): void {
  const fail = (field: string, message: string): void => {
    if (!errors[field]) errors[field] = [message];
  };
  if (!draft.token_auth) return;
  // "Whether second factor authentication should be enabled. If true, token_type is required."
  if (draft.token_type === null) fail('token_type', 'This field is required when token_auth is true.');
  // "If email is chosen, email is required. If SMS is chosen, mobile_number is required. Both are
  // required if dual is selected."
  if ((draft.token_type === 'email' || draft.token_type === 'dual') && draft.email === '')
    fail('email', 'This field is required when token_type is email or dual.');
  if ((draft.token_type === 'sms' || draft.token_type === 'dual') && draft.mobile_number === '')
    fail('mobile_number', 'This field is required when token_type is sms or dual.');
  if (draft.token_type === 'ftm' && draft.ftm_act_method === 'email' && draft.email === '')
    fail('email', 'This field is required when ftm_act_method is email.');
  if (draft.token_type === 'ftm' && draft.ftm_act_method === 'sms' && draft.mobile_number === '')
    fail('mobile_number', 'This field is required when ftm_act_method is sms.');
}

/**
 * Token bookkeeping once the fields are valid (002 · token_serial: "If token_type is ftm, or ftk, and
 * this is not present or blank, the next available token will be assigned"). `owner` names the holder
 * in store.remoteSerials ("ldapusers:3"). Returns an error text (facts · FAC error body seen live).
 */
export function settleRemoteToken(store: Store, owner: string, draft: TokenHolder, before: TokenHolder | null, serialGiven: boolean): string | null {
  if (!draft.token_auth) {
    draft.token_type = null;
    draft.token_serial = '';
    draft.ftm_act_method = null;
  } else if (draft.token_type !== 'ftk' && draft.token_type !== 'ftm') {
    draft.token_serial = '';
  } else if (serialGiven && draft.token_serial !== '') {
    const holder = store.remoteSerials.get(draft.token_serial);
    if (store.serialOwner(draft.token_serial) !== undefined || (holder !== undefined && holder !== owner))
      return 'This serial number is not available for use.';
  } else if (draft.token_serial === '' || before === null || before.token_type !== draft.token_type) {
    draft.token_serial = store.nextSerial(draft.token_type);
  }
  return null;
}

/** Record the holder of a remote user's serial after a successful write. */
export function claimSerial(store: Store, owner: string, before: string, after: string): void {
  if (before && store.remoteSerials.get(before) === owner) store.remoteSerials.delete(before);
  if (after) store.remoteSerials.set(after, owner);
}

// ---- sendoobtoken / verifyrecoveryanswer ---------------------------------------------------------

/**
 * 002 · POST .../[id]/sendoobtoken/: "Send an out-of-band token code (email/SMS token)". The guide
 * gives no answer: reading — 200 with an empty body once the code is sent; a user without an email
 * or SMS token cannot get one (400). The code itself goes to the user, never into the answer.
 */
export function sendOobToken(user: TokenHolder | undefined): Outcome<Reply> {
  if (!user) return notFound();
  if (!user.token_auth || (user.token_type !== 'email' && user.token_type !== 'sms' && user.token_type !== 'dual'))
    return badRequest('User is not configured for email or SMS token authentication.');
  if (!user.active) return badRequest('User account is disabled.');
  return ok({ kind: 'empty', status: 200 });
}

/**
 * 002 · POST .../[id]/verifyrecoveryanswer/: "recovery_answer must be included. Returns status 202 if
 * the supplied recovery_answer parameter is correct, or 404 if not correct." Reading: exact,
 * case-sensitive comparison; a user without a recovery question has no correct answer (404).
 */
export function verifyRecoveryAnswer(
  user: { recovery_by_question: boolean; recovery_answer: string } | undefined,
  data: Record<string, unknown>,
  variants: VariantFlags,
): Outcome<Reply> {
  if (!user) return notFound();
  const raw = data.recovery_answer;
  if (raw === undefined || raw === null || raw === '') return invalid({ recovery_answer: [REQUIRED] });
  const r = parseString(raw);
  if ('error' in r) return invalid({ recovery_answer: [r.error] });
  const right = user.recovery_by_question && user.recovery_answer !== '' && r.value === user.recovery_answer;
  if (right || variants.has('verifyrecoveryanswer-wrong-202')) return ok({ kind: 'empty', status: 202 }); // variant
  return notFound();
}

// ---- returnseed=1 ------------------------------------------------------------------------------

/** True when this write gave the holder an FTM it did not have ("provisioning an FTM"). */
export function ftmProvisioned(before: TokenHolder | null, after: TokenHolder): boolean {
  if (!after.token_auth || after.token_type !== 'ftm' || after.token_serial === '') return false;
  return before === null || !before.token_auth || before.token_type !== 'ftm' || before.token_serial !== after.token_serial;
}

export const wantsSeed = (query: QueryParams): boolean => query.get('returnseed') === '1';

const NS = {
  pskc: 'urn:ietf:params:xml:ns:keyprov:pskc',
  xenc: 'http://www.w3.org/2001/04/xmlenc#',
  xenc11: 'http://www.w3.org/2009/xmlenc11#',
  pkcs5: 'http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#',
};
export const PBKDF2_ITERATIONS = 1000;
export const PBKDF2_KEY_LENGTH = 32;
const AES256_CBC = 'http://www.w3.org/2001/04/xmlenc#aes256-cbc';
const HMAC_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#hmac-sha256';

/** xmlenc CBC: the IV is prepended to the ciphertext (RFC 6030 §6.1). */
function encrypt(key: Buffer, plain: Buffer): Buffer {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([iv, cipher.update(plain), cipher.final()]);
}

export interface PskcInput {
  serial: string;
  secret: Buffer;
  passphrase: string;
  tokenSize: number;
  algorithm: 'totp' | 'hotp';
  timeStep: number;
}

/**
 * RFC 6030 §6.2 (passphrase-based key, PBKDF2 per PKCS #5) with §6.1.1's MAC: the secret is encrypted
 * with the derived key; a random MAC key, itself encrypted with the derived key, signs IV‖ciphertext
 * with HMAC-SHA256. The guide names PBKDF2, the 32-byte key, 1000 iterations, AES-256-CBC and
 * HMAC-SHA256; it does not name the PBKDF2 PRF — reading: HMAC-SHA256, declared in the document.
 */
export function buildPskc(input: PskcInput, variants: VariantFlags): string {
  const { serial, secret, tokenSize, algorithm, timeStep } = input;
  let protection = '';
  let secretXml: string;
  if (variants.has('returnseed-plaintext')) {
    secretXml = `<pskc:PlainValue>${secret.toString('base64')}</pskc:PlainValue>`; // variant
  } else {
    const salt = randomBytes(16);
    const key = pbkdf2Sync(input.passphrase, salt, PBKDF2_ITERATIONS, PBKDF2_KEY_LENGTH, 'sha256');
    const macKey = randomBytes(32);
    const encSecret = encrypt(key, secret);
    const encMacKey = encrypt(key, macKey);
    const mac = createHmac('sha256', macKey).update(encSecret).digest();
    protection =
      `<pskc:EncryptionKey><xenc11:DerivedKey>` +
      `<xenc11:KeyDerivationMethod Algorithm="${NS.pkcs5}pbkdf2"><pkcs5:PBKDF2-params>` +
      `<Salt><Specified>${salt.toString('base64')}</Specified></Salt>` +
      `<IterationCount>${PBKDF2_ITERATIONS}</IterationCount><KeyLength>${PBKDF2_KEY_LENGTH}</KeyLength>` +
      `<PRF Algorithm="${HMAC_SHA256}"/>` +
      `</pkcs5:PBKDF2-params></xenc11:KeyDerivationMethod>` +
      `<xenc:ReferenceList><xenc:DataReference URI="#ED"/></xenc:ReferenceList>` +
      `<xenc11:MasterKeyName>FortiGuard seed passphrase</xenc11:MasterKeyName>` +
      `</xenc11:DerivedKey></pskc:EncryptionKey>` +
      `<pskc:MACMethod Algorithm="${HMAC_SHA256}"><pskc:MACKey>` +
      `<xenc:EncryptionMethod Algorithm="${AES256_CBC}"/>` +
      `<xenc:CipherData><xenc:CipherValue>${encMacKey.toString('base64')}</xenc:CipherValue></xenc:CipherData>` +
      `</pskc:MACKey></pskc:MACMethod>`;
    secretXml =
      `<pskc:EncryptedValue Id="ED"><xenc:EncryptionMethod Algorithm="${AES256_CBC}"/>` +
      `<xenc:CipherData><xenc:CipherValue>${encSecret.toString('base64')}</xenc:CipherValue></xenc:CipherData>` +
      `</pskc:EncryptedValue><pskc:ValueMAC>${mac.toString('base64')}</pskc:ValueMAC>`;
  }
  const moving =
    algorithm === 'totp'
      ? `<pskc:Time><pskc:PlainValue>0</pskc:PlainValue></pskc:Time><pskc:TimeInterval><pskc:PlainValue>${timeStep}</pskc:PlainValue></pskc:TimeInterval>`
      : `<pskc:Counter><pskc:PlainValue>0</pskc:PlainValue></pskc:Counter>`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<pskc:KeyContainer xmlns:pskc="${NS.pskc}" xmlns:xenc="${NS.xenc}" xmlns:xenc11="${NS.xenc11}" xmlns:pkcs5="${NS.pkcs5}" Version="1.0">` +
    protection +
    `<pskc:KeyPackage><pskc:DeviceInfo><pskc:Manufacturer>Fortinet</pskc:Manufacturer><pskc:SerialNo>${serial}</pskc:SerialNo></pskc:DeviceInfo>` +
    `<pskc:Key Id="${serial}" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:${algorithm}">` +
    `<pskc:Issuer>FortiAuthenticator</pskc:Issuer>` +
    `<pskc:AlgorithmParameters><pskc:ResponseFormat Length="${tokenSize}" Encoding="DECIMAL"/></pskc:AlgorithmParameters>` +
    `<pskc:Data><pskc:Secret>${secretXml}</pskc:Secret>${moving}</pskc:Data>` +
    `</pskc:Key></pskc:KeyPackage></pskc:KeyContainer>`
  );
}

const ACTIVATION_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** An FTM activation code (format ours: 16 unambiguous upper-case characters). */
export function activationCode(): string {
  let s = '';
  for (let i = 0; i < 16; i++) s += ACTIVATION_ALPHABET[randomInt(ACTIVATION_ALPHABET.length)];
  return s;
}

/**
 * The extra answer fields for a write that provisioned an FTM with ?returnseed=1: `activation_code`
 * ("Whenever an FTM is provisioned, its activation code will be returned as well") and `seed` (the
 * PSKC string). Field names are ours (the guide names neither). Without a configured passphrase the
 * seed cannot be returned ("A seed encryption passphrase must be specified") — reading: the usual
 * empty answer.
 */
export function seedFields(store: Store, serial: string, variants: VariantFlags): Record<string, Json> | undefined {
  if (store.seedPassphrase === null) return undefined;
  const settings = ftmProvisioning(store);
  const seed = buildPskc(
    {
      serial,
      secret: randomBytes(20), // an HMAC-SHA1 OTP secret (RFC 4226 recommends 160 bits)
      passphrase: store.seedPassphrase,
      tokenSize: settings.token_size,
      algorithm: settings.token_algo,
      timeStep: settings.time_step,
    },
    variants,
  );
  return { activation_code: activationCode(), seed };
}
