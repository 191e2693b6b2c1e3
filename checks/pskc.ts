/**
 * `returnseed=1` answers an FTM's seed as a PSKC (RFC 6030) document encrypted with a key derived
 * from the configured seed passphrase. This check opens it: PBKDF2 (1000 iterations, 32-byte key),
 * AES-256-CBC, and the HMAC-SHA256 MAC over the encrypted seed must verify (RFC 6030 section 6.2).
 * A string that merely looks like PSKC fails here. Nothing secret (key, seed) is ever reported.
 */
import { createDecipheriv, createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { answeredAsExpected, valueAt } from './response.ts';
import { type Check, fail, pass } from '../lib/check.ts';

const SOURCE = '002 · Local users (/localusers/) · Third-party Integration: FortiToken Mobile provisioning';
/** The guide's parameters: "32 byte key length, 1000 iterations", "AES 256 CBC", "SHA256 HMAC". */
const ITERATIONS = 1000;
const KEY_BYTES = 32;
const AES256_CBC = 'http://www.w3.org/2001/04/xmlenc#aes256-cbc';
const HMAC_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#hmac-sha256';
/** PBKDF2 pseudo-random functions by the URI `PRF Algorithm` names; PKCS #5's default is HMAC-SHA1. */
const PRFS: Record<string, string> = {
  'http://www.w3.org/2000/09/xmldsig#hmac-sha1': 'sha1',
  'http://www.w3.org/2001/04/xmldsig-more#hmac-sha256': 'sha256',
  'http://www.w3.org/2001/04/xmldsig-more#hmac-sha384': 'sha384',
  'http://www.w3.org/2001/04/xmldsig-more#hmac-sha512': 'sha512',
};

export type PskcVerdict = { ok: true; keys: number; serials: string[] } | { ok: false; reason: string };

type Node = Record<string, unknown>;
const node = (value: unknown): Node => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Node) : {});
const list = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : typeof node(value)['#text'] === 'string' ? String(node(value)['#text']).trim() : '');
const attr = (value: unknown, name: string): string => String(node(value)[`@${name}`] ?? '');
const base64 = (value: unknown): Buffer | undefined => {
  const t = text(value).replace(/\s+/g, '');
  return /^[A-Za-z0-9+/]+={0,2}$/.test(t) ? Buffer.from(t, 'base64') : undefined;
};

class PskcError extends Error {}

/** Decrypts an xenc EncryptedData-like element (EncryptionMethod + CipherData/CipherValue = IV ‖ ciphertext). */
function decrypt(element: unknown, key: Buffer, what: string): { plain: Buffer; cipher: Buffer } {
  const method = attr(node(element).EncryptionMethod, 'Algorithm');
  if (method !== AES256_CBC) throw new PskcError(`${what} is encrypted with "${method || '(none)'}", not AES-256-CBC (${AES256_CBC})`);
  const cipher = base64(node(node(element).CipherData).CipherValue);
  if (!cipher || cipher.length < 32 || cipher.length % 16 !== 0) throw new PskcError(`${what} has no CipherValue of IV and whole AES blocks`);
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, cipher.subarray(0, 16));
    return { plain: Buffer.concat([decipher.update(cipher.subarray(16)), decipher.final()]), cipher };
  } catch {
    throw new PskcError(`${what} does not decrypt with the key derived from the passphrase (bad padding)`);
  }
}

/**
 * Opens a PSKC document with a passphrase: derives the key with the document's PBKDF2 parameters
 * (which must be the documented ones), checks each key's ValueMAC with the decrypted MAC key, then
 * decrypts each secret.
 */
export function verifyPskcSeed(xml: string, passphrase: string): PskcVerdict {
  let doc: Node;
  try {
    // No entity expansion: a seed has no use for it, and a hostile answer must not blow up.
    doc = node(new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, parseTagValue: false, processEntities: false }).parse(xml, true));
  } catch (error) {
    return { ok: false, reason: `the seed is not well-formed XML: ${(error as Error).message.split('\n')[0]}` };
  }
  try {
    const container = node(doc.KeyContainer);
    if (Object.keys(container).length === 0) throw new PskcError('the seed has no PSKC KeyContainer element');
    const derivation = node(node(node(container.EncryptionKey).DerivedKey).KeyDerivationMethod);
    if (!attr(derivation, 'Algorithm').endsWith('#pbkdf2')) throw new PskcError(`the encryption key is not derived with PBKDF2 (KeyDerivationMethod "${attr(derivation, 'Algorithm') || '(none)'}")`);
    const params = node(derivation['PBKDF2-params']);
    const salt = base64(node(params.Salt).Specified);
    if (!salt || salt.length === 0) throw new PskcError('PBKDF2-params has no Salt/Specified value');
    const iterations = Number(text(params.IterationCount));
    if (iterations !== ITERATIONS) throw new PskcError(`PBKDF2 IterationCount is ${text(params.IterationCount) || '(none)'}, documented ${ITERATIONS}`);
    if (params.KeyLength !== undefined && Number(text(params.KeyLength)) !== KEY_BYTES) throw new PskcError(`PBKDF2 KeyLength is ${text(params.KeyLength)}, documented ${KEY_BYTES}`);
    const prfName = attr(params.PRF, 'Algorithm');
    const prf = prfName === '' ? 'sha1' : PRFS[prfName];
    if (!prf) throw new PskcError(`PBKDF2 PRF "${prfName}" is not a known HMAC`);
    const key = pbkdf2Sync(passphrase, salt, ITERATIONS, KEY_BYTES, prf);

    const macMethod = node(container.MACMethod);
    if (attr(macMethod, 'Algorithm') !== HMAC_SHA256) throw new PskcError(`MACMethod is "${attr(macMethod, 'Algorithm') || '(none)'}", not HMAC-SHA256 (${HMAC_SHA256})`);
    const macKey = decrypt(macMethod.MACKey, key, 'the MAC key').plain;
    const serials: string[] = [];
    const packages = list(container.KeyPackage);
    if (packages.length === 0) throw new PskcError('the seed has no KeyPackage');
    for (const [i, pkg] of packages.entries()) {
      const secret = node(node(node(node(pkg).Key).Data).Secret);
      const where = `key ${i + 1}`;
      if (secret.EncryptedValue === undefined) throw new PskcError(`${where} has no encrypted Secret (EncryptedValue)`);
      const stated = base64(secret.ValueMAC);
      if (!stated) throw new PskcError(`${where} has no ValueMAC`);
      const cipher = base64(node(node(secret.EncryptedValue).CipherData).CipherValue) ?? Buffer.alloc(0);
      const computed = createHmac('sha256', macKey).update(cipher).digest();
      if (stated.length !== computed.length || !timingSafeEqual(stated, computed)) throw new PskcError(`${where}: the ValueMAC does not verify (HMAC-SHA256 of the encrypted seed with the MAC key)`);
      if (decrypt(secret.EncryptedValue, key, `${where}'s seed`).plain.length === 0) throw new PskcError(`${where}'s seed decrypts to nothing`);
      const serial = text(node(node(pkg).DeviceInfo).SerialNo);
      if (serial) serials.push(serial);
    }
    return { ok: true, keys: packages.length, serials };
  } catch (error) {
    if (error instanceof PskcError) return { ok: false, reason: error.message };
    throw error;
  }
}

export const pskcSeedCheck: Check = {
  id: 'pskc-seed-decrypts',
  title: 'The returned seed is a PSKC document that opens with the configured passphrase (PBKDF2, AES-256-CBC, HMAC-SHA256 verified)',
  source: SOURCE,
  applies: (ctx) => answeredAsExpected(ctx) && ctx.kase.expect.pskc !== undefined,
  run(ctx) {
    const { passphrase, at = '/seed' } = ctx.kase.expect.pskc!;
    const value = ctx.body.kind === 'json' || ctx.body.kind === 'xml' ? valueAt(ctx.body.value, at) : undefined;
    if (typeof value !== 'string') return fail(`no PSKC seed string at ${at}`, { pointer: at, actual: typeof value });
    const verdict = verifyPskcSeed(value, passphrase);
    return verdict.ok ? pass() : fail(verdict.reason, { pointer: at });
  },
};
