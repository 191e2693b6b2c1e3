// Just enough ASN.1 DER (ITU-T X.690) for the user certificate endpoints: read a PKCS#10 CSR
// (RFC 2986) and issue an X.509 v3 certificate (RFC 5280) with node:crypto doing the signing.
// 002 · User certificate management (/usercerts/): renew takes a CSR file and answers a PEM certificate.

import { createPublicKey, verify as cryptoVerify, type KeyObject } from 'node:crypto';

export class DerError extends Error {}

// ---- encoding -----------------------------------------------------------------------------------

function lengthBytes(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export const tlv = (tag: number, content: Buffer): Buffer => Buffer.concat([Buffer.from([tag]), lengthBytes(content.length), content]);
export const seq = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));
export const setOf = (...items: Buffer[]): Buffer => tlv(0x31, Buffer.concat([...items].sort(Buffer.compare)));
export const nullValue = (): Buffer => Buffer.from([0x05, 0x00]);
export const utf8String = (s: string): Buffer => tlv(0x0c, Buffer.from(s, 'utf8'));
export const printableString = (s: string): Buffer => tlv(0x13, Buffer.from(s, 'latin1'));
export const ia5String = (s: string): Buffer => tlv(0x16, Buffer.from(s, 'latin1'));
export const octetString = (b: Buffer): Buffer => tlv(0x04, b);
export const bitString = (b: Buffer): Buffer => tlv(0x03, Buffer.concat([Buffer.from([0]), b]));
export const boolean = (v: boolean): Buffer => tlv(0x01, Buffer.from([v ? 0xff : 0x00]));
/** [n] EXPLICIT (constructed context tag). */
export const explicit = (n: number, content: Buffer): Buffer => tlv(0xa0 | n, content);

/** A non-negative INTEGER from its unsigned big-endian bytes. */
export function unsignedInteger(bytes: Buffer): Buffer {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  let b = bytes.subarray(i);
  if (b.length === 0) b = Buffer.from([0]);
  if ((b[0] as number) & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return tlv(0x02, b);
}

export const smallInteger = (n: number): Buffer => {
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return unsignedInteger(Buffer.from(bytes));
};

export function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const out: number[] = [40 * (parts[0] ?? 0) + (parts[1] ?? 0)];
  for (const p of parts.slice(2)) {
    const chunk: number[] = [p & 0x7f];
    for (let v = Math.floor(p / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. */
export function time(ms: number): Buffer {
  const iso = new Date(ms).toISOString(); // 2030-01-02T03:04:05.678Z
  const y = Number(iso.slice(0, 4));
  const rest = iso.slice(5, 7) + iso.slice(8, 10) + iso.slice(11, 13) + iso.slice(14, 16) + iso.slice(17, 19) + 'Z';
  return y < 2050 ? tlv(0x17, Buffer.from(iso.slice(2, 4) + rest, 'latin1')) : tlv(0x18, Buffer.from(iso.slice(0, 4) + rest, 'latin1'));
}

// ---- decoding -----------------------------------------------------------------------------------

export interface DerNode {
  tag: number;
  /** The whole element (tag + length + content). */
  raw: Buffer;
  content: Buffer;
}

const MAX_DEPTH = 32;

/** One element at `offset`; throws DerError on anything malformed. */
export function readNode(buf: Buffer, offset = 0): DerNode {
  if (offset + 2 > buf.length) throw new DerError('truncated');
  const tag = buf[offset] as number;
  if ((tag & 0x1f) === 0x1f) throw new DerError('high tag numbers are not used here');
  let len = buf[offset + 1] as number;
  let head = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || offset + 2 + n > buf.length) throw new DerError('bad length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (buf[offset + 2 + i] as number);
    head += n;
  }
  const end = offset + head + len;
  if (end > buf.length) throw new DerError('truncated');
  return { tag, raw: buf.subarray(offset, end), content: buf.subarray(offset + head, end) };
}

/** The elements inside a constructed element. */
export function childrenOf(node: DerNode, depth = 0): DerNode[] {
  if (depth > MAX_DEPTH) throw new DerError('too deep');
  if (!(node.tag & 0x20)) throw new DerError('not constructed');
  const out: DerNode[] = [];
  for (let at = 0; at < node.content.length; ) {
    const child = readNode(node.content, at);
    out.push(child);
    at += child.raw.length;
  }
  return out;
}

export function readOid(node: DerNode): string {
  if (node.tag !== 0x06 || node.content.length === 0) throw new DerError('not an OID');
  const b = node.content;
  const first = b[0] as number;
  const parts = [Math.min(2, Math.floor(first / 40)), first - 40 * Math.min(2, Math.floor(first / 40))];
  let v = 0;
  for (let i = 1; i < b.length; i++) {
    v = v * 128 + ((b[i] as number) & 0x7f);
    if (!((b[i] as number) & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

// ---- names --------------------------------------------------------------------------------------

const ATTRIBUTE_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN', '2.5.4.5': 'serialNumber', '2.5.4.6': 'C', '2.5.4.7': 'L', '2.5.4.8': 'ST', '2.5.4.9': 'street',
  '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.12': 'title', '1.2.840.113549.1.9.1': 'emailAddress', '0.9.2342.19200300.100.1.25': 'DC',
};
const ATTRIBUTE_OIDS: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(ATTRIBUTE_NAMES).map(([k, v]) => [v, k]));

export type Rdn = ReadonlyArray<readonly [string, string]>;

/** A Name (RDNSequence) as [short name, value] pairs, in order. */
export function readName(node: DerNode): Rdn {
  const out: Array<[string, string]> = [];
  for (const rdn of childrenOf(node)) {
    for (const atv of childrenOf(rdn)) {
      const [type, value] = childrenOf(atv);
      if (!type || !value) throw new DerError('bad attribute');
      const id = readOid(type);
      if (value.tag === 0x1e && value.content.length % 2 !== 0) throw new DerError('bad BMPString');
      const text =
        value.tag === 0x1e ? Buffer.from(value.content).swap16().toString('utf16le') : value.content.toString(value.tag === 0x0c ? 'utf8' : 'latin1');
      out.push([ATTRIBUTE_NAMES[id] ?? id, text]);
    }
  }
  return out;
}

/** OpenSSL's one-line form, as the guide's examples show subjects: "/C=CA/ST=BC/L=Burnaby/O=O/OU=RD/CN=test". */
export const onelineName = (name: Rdn): string => name.map(([k, v]) => `/${k}=${v}`).join('');

/** The comma form the guide's issuer strings use: "C=CA, ST=BC, ..., CN=test, emailAddress=...". */
export const commaName = (name: Rdn): string => name.map(([k, v]) => `${k}=${v}`).join(', ');

export function encodeName(name: Rdn): Buffer {
  return seq(
    ...name.map(([k, v]) => {
      const id = ATTRIBUTE_OIDS[k] ?? k;
      const value = k === 'C' ? printableString(v) : k === 'emailAddress' || k === 'DC' ? ia5String(v) : utf8String(v);
      return setOf(seq(oid(id), value));
    }),
  );
}

// ---- PKCS#10 ------------------------------------------------------------------------------------

const SIGNATURE_HASHES: Readonly<Record<string, string | null>> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
  '1.3.101.112': null, // Ed25519
};

export interface Csr {
  subject: Rdn;
  subjectRaw: Buffer;
  /** SubjectPublicKeyInfo, DER. */
  spki: Buffer;
  publicKey: KeyObject;
}

/** PEM ("-----BEGIN CERTIFICATE REQUEST-----", also the NEW variant) or raw DER → a CSR whose
 * self-signature verifies. Throws DerError otherwise. */
export function parseCsr(file: Buffer): Csr {
  let der = file;
  const text = file.toString('latin1');
  const m = /-----BEGIN (?:NEW )?CERTIFICATE REQUEST-----([\s\S]*?)-----END (?:NEW )?CERTIFICATE REQUEST-----/.exec(text);
  if (m) der = Buffer.from((m[1] ?? '').replace(/\s+/g, ''), 'base64');
  else if (file[0] !== 0x30) throw new DerError('not a CSR');
  const top = readNode(der);
  if (top.tag !== 0x30 || top.raw.length !== der.length) throw new DerError('not a CSR');
  const [info, algorithm, signature] = childrenOf(top);
  if (!info || !algorithm || !signature || info.tag !== 0x30 || signature.tag !== 0x03) throw new DerError('not a CSR');
  const [version, subject, spki] = childrenOf(info);
  if (!version || !subject || !spki || version.tag !== 0x02 || subject.tag !== 0x30 || spki.tag !== 0x30) throw new DerError('not a CSR');
  const [algOid] = childrenOf(algorithm);
  if (!algOid) throw new DerError('no signature algorithm');
  const alg = readOid(algOid);
  if (!(alg in SIGNATURE_HASHES)) throw new DerError(`unsupported signature algorithm ${alg}`);
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey({ key: spki.raw, format: 'der', type: 'spki' });
  } catch {
    throw new DerError('bad public key');
  }
  const sig = signature.content.subarray(1);
  let good = false;
  try {
    good = cryptoVerify(SIGNATURE_HASHES[alg] ?? null, info.raw, publicKey, sig);
  } catch {
    good = false;
  }
  if (!good) throw new DerError('the CSR signature does not verify');
  return { subject: readName(subject), subjectRaw: Buffer.from(subject.raw), spki: Buffer.from(spki.raw), publicKey };
}

export const pem = (label: string, der: Buffer): string =>
  `-----BEGIN ${label}-----\n${(der.toString('base64').match(/.{1,64}/g) ?? []).join('\n')}\n-----END ${label}-----\n`;
