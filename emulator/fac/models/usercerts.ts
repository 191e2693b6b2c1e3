// /api/v1/usercerts/ — user certificates (model + declaration), with /usercerts/pem/ and
// /usercerts/renew/. Source: 002 · User certificate management (/usercerts/) (Supported fields, Allowed
// methods, Allowed filtering, Examples) and 003 (Webservice Basic; "Can view / change user certificate").
// Certificates are real: X.509 v3, ECDSA P-256 / SHA-256, issued by an emulated CA (emulator/fac/models/der.ts).

import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { FieldErrors, FieldSpec, Json, Lookup, ModelContext, Outcome, Reply, ResourceDecl, Scalar } from './types.ts';
import { UploadedFile, invalid, notFound, ok, tableCollection } from './types.ts';
import type { Row, Store, Table } from './store.ts';
import { REQUIRED, parseBoolean, parseInteger, parseString, pyStr } from './validate.ts';
import { has } from './forms.ts';
import {
  DerError,
  bitString,
  boolean,
  commaName,
  encodeName,
  explicit,
  octetString,
  oid,
  onelineName,
  parseCsr,
  pem,
  seq,
  smallInteger,
  time,
  tlv,
  unsignedInteger,
  type Rdn,
} from './der.ts';

export const USERCERTS = 'usercerts';

type Status = 'active' | 'pending' | 'revoked';

export interface UserCert extends Row {
  cert_id: string;
  subject: Rdn;
  /** Hex, upper case (002 example: "0122A3"). */
  serial: string;
  notBefore: number;
  /** Epoch ms. */
  expiry: number;
  status: Status;
  revocation_reason: string | null;
  /** SubjectPublicKeyInfo (DER) once known: from the CSR, or generated for the seeded certificates. */
  spki: Buffer | null;
  pem: string | null;
}

// 002 · revocation_reason: 'Either "Unspecified", "Key Compromise", "CA Compromise", "Affiliation
// Changed", "Superseded", "Cessation Of Operation", or "Certificate Hold"'.
export const REVOCATION_REASONS = [
  'Unspecified', 'Key Compromise', 'CA Compromise', 'Affiliation Changed', 'Superseded', 'Cessation Of Operation', 'Certificate Hold',
] as const;
const HOLD = 'Certificate Hold';
// 002 · status: 'Either "active", "pending", "expired", or "revoked"' (requests); answers show the
// display names "Active", "Revoked" (Examples).
const STATUSES = ['active', 'pending', 'expired', 'revoked'] as const;
const DISPLAY: Readonly<Record<string, string>> = { active: 'Active', pending: 'Pending', expired: 'Expired', revoked: 'Revoked' };

/** The emulated certificate authority (the guide's issuer: "issuer_cert | C=CA, ST=BC, L=Burnaby,
 * O=Fortinet, OU=RD, CN=test, emailAddress=..."; the address is ours). */
const CA_ID = 'issuer_cert';
const CA_NAME: Rdn = [['C', 'CA'], ['ST', 'BC'], ['L', 'Burnaby'], ['O', 'Fortinet'], ['OU', 'RD'], ['CN', 'test'], ['emailAddress', 'ca@example.com']];
const DAY_MS = 86_400_000;

// 002 · User certificate management · Supported fields / the example objects. No resource_uri: the
// guide's objects carry none (and FAC 8.0.3 lists 8 fields for usercerts: facts · SATOM census).
const FIELDS: Record<string, FieldSpec> = {
  cert_id: { type: 'string', help: 'Certificate ID', readonly: true },
  expiry: { type: 'datetime', help: 'Expiry time', readonly: true },
  id: { type: 'integer', help: 'Integer data. Ex: 2673', unique: true },
  issuer: { type: 'string', help: 'Issuer certificate ID and name', readonly: true },
  revocation_reason: { type: 'string', help: 'Revocation reason', nullable: true, default: null },
  serial: { type: 'string', help: 'Serial number', readonly: true },
  status: { type: 'string', help: 'active, pending, expired or revoked' },
  subject: { type: 'string', help: 'Subject', readonly: true },
};
// 002 · Allowed filtering: subject exact, iexact, contains, icontains.
const FILTERING: Record<string, readonly Lookup[]> = { subject: ['exact', 'iexact', 'contains', 'icontains'] };

/** 002 example: "2019-08-15T01:02:07+00:00". */
const isoUtc = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19)}+00:00`;

export const userCerts = (store: Store): Table<UserCert> => store.table<UserCert>(USERCERTS);

export function usercertsResource(ctx: ModelContext): ResourceDecl {
  const { store } = ctx;
  const table = userCerts(store);
  let caKey: KeyObject | null = null;
  const ca = (): KeyObject => (caKey ??= generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);

  const statusOf = (c: UserCert): string => (c.status === 'active' && c.expiry <= ctx.now().getTime() ? 'expired' : c.status);

  function dehydrate(c: UserCert): Record<string, Json> {
    return {
      cert_id: c.cert_id,
      expiry: isoUtc(c.expiry),
      id: c.id,
      issuer: `${CA_ID} | ${commaName(CA_NAME)}`,
      revocation_reason: c.revocation_reason,
      serial: c.serial,
      status: DISPLAY[statusOf(c)] ?? c.status,
      subject: onelineName(c.subject),
    };
  }

  /** Issue (once) the X.509 certificate of `c`: RFC 5280 TBSCertificate signed ecdsa-with-SHA256. */
  function certificatePem(c: UserCert): string {
    if (c.pem) return c.pem;
    const spki = c.spki ?? generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'der', type: 'spki' });
    const ecdsaSha256 = seq(oid('1.2.840.10045.4.3.2'));
    const tbs = seq(
      explicit(0, smallInteger(2)), // v3
      unsignedInteger(Buffer.from(c.serial.length % 2 ? `0${c.serial}` : c.serial, 'hex')),
      ecdsaSha256,
      encodeName(CA_NAME),
      seq(time(c.notBefore), time(c.expiry)),
      encodeName(c.subject),
      spki,
      explicit(
        3,
        seq(
          seq(oid('2.5.29.19'), boolean(true), octetString(seq())), // basicConstraints: not a CA
          seq(oid('2.5.29.15'), boolean(true), octetString(tlv(0x03, Buffer.from([0x07, 0x80])))), // keyUsage: digitalSignature
          seq(oid('2.5.29.37'), octetString(seq(oid('1.3.6.1.5.5.7.3.2')))), // extKeyUsage: clientAuth
        ),
      ),
    );
    const der = seq(tbs, ecdsaSha256, bitString(sign('sha256', tbs, ca())));
    c.spki = spki;
    c.pem = pem('CERTIFICATE', der);
    return c.pem;
  }

  function nextSerial(): string {
    let max = 0x0122a2;
    for (const c of table.values()) max = Math.max(max, Number.parseInt(c.serial, 16) || 0);
    return (max + 1).toString(16).toUpperCase().padStart(6, '0');
  }

  // 002 · "Revoke a user certificate with ID. To revoke a user certificate, set the status field to
  // "revoked" and the revocation_reason to one of the revocation reasons." / "Un-revoke [...] If a user
  // certificate was revoked with revocation_reason set to "Certificate Hold", it can be un-revoked by
  // setting the status field to active." Readings: only revoked/active can be set; a certificate on
  // hold may be revoked again with a final reason; other keys are ignored (read only).
  function patch(id: number, data: Record<string, unknown>): Outcome<UserCert> {
    const c = table.get(id);
    if (!c) return notFound();
    const raw = data.status;
    if (!has(data, 'status') || raw === null || raw === '') return invalid({ status: [REQUIRED] });
    if (typeof raw !== 'string' || !(STATUSES as readonly string[]).includes(raw))
      return invalid({ status: [`Select a valid choice. ${pyStr(raw)} is not one of the available choices.`] });
    const current = statusOf(c);
    if (raw === 'revoked') {
      const reason = data.revocation_reason;
      const optional = ctx.variants.has('usercerts-revoke-reason-optional'); // variant: "Required: Yes, if revoking"
      if (!optional && (reason === undefined || reason === null || reason === ''))
        return invalid({ revocation_reason: ['This field is required when revoking a certificate.'] });
      if (optional && (reason === undefined || reason === null || reason === '')) {
        c.status = 'revoked';
        c.revocation_reason = null;
        return ok(c);
      }
      if (typeof reason !== 'string' || !(REVOCATION_REASONS as readonly string[]).includes(reason))
        return invalid({ revocation_reason: [`Select a valid choice. ${pyStr(reason)} is not one of the available choices.`] });
      if (current === 'revoked' && c.revocation_reason !== HOLD) return invalid({ status: ['The certificate is already revoked.'] });
      c.status = 'revoked';
      c.revocation_reason = reason;
      return ok(c);
    }
    if (raw === 'active') {
      if (current === 'active') return ok(c);
      // variant usercerts-unrevoke-any-reason (and a reason-less revocation of usercerts-revoke-reason-optional,
      // so a run against that variant can restore the certificate).
      const unrevocable = c.revocation_reason === HOLD || ctx.variants.has('usercerts-unrevoke-any-reason') ||
        (c.revocation_reason === null && ctx.variants.has('usercerts-revoke-reason-optional'));
      if (current !== 'revoked' || !unrevocable)
        return invalid({ status: ['Only a certificate revoked with revocation_reason "Certificate Hold" can be un-revoked.'] });
      c.status = 'active';
      c.revocation_reason = null;
      return ok(c);
    }
    return invalid({ status: ['The status can only be set to "revoked" or "active".'] });
  }

  // 002 · POST /usercerts/renew/: "Renew a user certificate. Requires 'cert_id', 'csr', and 'expiry'";
  // multipart (`-F 'csr=@/path/to/csr/*.csr'`); "Subject in the CSR must match the subject of the
  // certificate specified by cert_id"; revoke_old "Default is set to false". The example answers
  // {"cert_id": "new_user_cert", "certificate": "-----BEGIN CERTIFICATE-----..."}: status 200
  // (002 · General API response codes: 201 would carry no body). New cert_id: ours ("<old>_renewed").
  function renew(data: Record<string, unknown>): Outcome<Reply> {
    const errors: FieldErrors = {};
    let old: UserCert | undefined;
    const certId = has(data, 'cert_id') ? parseString(data.cert_id, 255) : { value: '' };
    if ('error' in certId) errors.cert_id = [certId.error];
    else if (certId.value === '') errors.cert_id = [REQUIRED];
    else {
      for (const c of table.values()) if (c.cert_id === certId.value) old = c;
      if (!old) errors.cert_id = [`No user certificate with cert_id '${certId.value}'.`];
      else if (statusOf(old) === 'revoked') errors.cert_id = ['A revoked certificate cannot be renewed.'];
    }
    // expiry: "Number of days until new certificate expires" — reading: 1 to 36500.
    let days = 0;
    if (!has(data, 'expiry') || data.expiry === '' || data.expiry === null) errors.expiry = [REQUIRED];
    else {
      const r = parseInteger(data.expiry);
      if ('error' in r) errors.expiry = [r.error];
      else if (r.value < 1) errors.expiry = ['Ensure this value is greater than or equal to 1.'];
      else if (r.value > 36500) errors.expiry = ['Ensure this value is less than or equal to 36500.'];
      else days = r.value;
    }
    let revokeOld = false;
    if (has(data, 'revoke_old') && data.revoke_old !== '') {
      const r = parseBoolean(data.revoke_old);
      if ('error' in r) errors.revoke_old = [r.error];
      else revokeOld = r.value;
    }
    // csr: a file part (Django FileField: "No file was submitted."); a PEM string is accepted too.
    const rawCsr = data.csr;
    let csrBytes: Buffer | null = null;
    if (rawCsr instanceof UploadedFile) csrBytes = rawCsr.content;
    else if (typeof rawCsr === 'string' && rawCsr !== '') csrBytes = Buffer.from(rawCsr, 'utf8');
    if (csrBytes === null || csrBytes.length === 0) errors.csr = [rawCsr === undefined ? REQUIRED : 'No file was submitted.'];
    if (Object.keys(errors).length > 0 || !old || !csrBytes) return invalid(errors);
    let csr;
    try {
      csr = parseCsr(csrBytes);
    } catch (e) {
      if (e instanceof DerError) return invalid({ csr: ['The file is not a valid certificate signing request.'] });
      throw e;
    }
    if (onelineName(csr.subject) !== onelineName(old.subject))
      return invalid({ csr: ['Subject in the CSR must match the subject of the certificate specified by cert_id.'] });
    let newId = `${old.cert_id}_renewed`;
    const taken = new Set([...table.values()].map((c) => c.cert_id));
    for (let n = 2; taken.has(newId); n++) newId = `${old.cert_id}_renewed${n}`;
    const now = ctx.now().getTime();
    const serial = nextSerial();
    const fresh = table.insert((id) => ({
      id, cert_id: newId, subject: csr.subject, serial, notBefore: now, expiry: now + days * DAY_MS, status: 'active',
      revocation_reason: null, spki: csr.spki, pem: null,
    }));
    if (revokeOld) {
      old.status = 'revoked';
      old.revocation_reason = 'Superseded'; // reading: the RFC 5280 reason for a replaced certificate
    }
    return ok({ kind: 'object', status: 200, data: { cert_id: fresh.cert_id, certificate: certificatePem(fresh) } });
  }

  function value(c: UserCert, field: string): Scalar {
    const o = dehydrate(c);
    const v = o[field];
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null ? v : null;
  }

  return {
    name: USERCERTS,
    // 002 · Allowed methods: GET list/detail, GET pem/, POST renew/, PATCH detail (revoke/un-revoke).
    listMethods: ['GET'],
    detailMethods: ['GET', 'PATCH'],
    auth: 'basic', // 003 · usercerts: Webservice Basic Authentication
    permission: { set: 'Certificate Management', code: 'Can view / change user certificate' }, // 003 · usercerts
    fields: FIELDS,
    filtering: FILTERING,
    ordering: ['id', 'subject'],
    collection: tableCollection(table, {
      value,
      dehydrate: (c: UserCert) => dehydrate(c),
      patch,
      // The revoke/un-revoke examples answer the updated object (202: "the response body contains the
      // newly updated resource", 002 · General API response codes).
      // variant patch-202-empty-body: no body.
      writeAnswer: (c: UserCert) => (ctx.variants.has('patch-202-empty-body') ? undefined : dehydrate(c)),
    }),
    listActions: {
      // 002 · "Get all user certificates in PEM format": objects {"cert_id", "certificate"} (the example
      // shows one). Reading: a tastypie list like GET /usercerts/ (whose example also shows one object).
      pem: {
        methods: ['GET'],
        run: () => ok({ kind: 'list', objects: table.all().map((c) => ({ cert_id: c.cert_id, certificate: certificatePem(c) })) }),
      },
      renew: { methods: ['POST'], multipart: true, run: (req) => renew(req.data) },
    },
  };
}

/** Seeded certificates: the guide's example (id 1, "user_cert", serial 0122A3) plus two more (ours). */
export function seedUserCerts(store: Store, nowMs: number): void {
  const table = userCerts(store);
  const subject = (cn: string): Rdn => [['C', 'CA'], ['ST', 'BC'], ['L', 'Burnaby'], ['O', 'O'], ['OU', 'RD'], ['CN', cn]];
  const base = { notBefore: nowMs - 30 * DAY_MS, spki: null, pem: null };
  table.insert((id) => ({ ...base, id, cert_id: 'user_cert', subject: subject('test'), serial: '0122A3', expiry: nowMs + 365 * DAY_MS, status: 'active', revocation_reason: null }));
  table.insert((id) => ({ ...base, id, cert_id: 'user_cert_alice', subject: subject('alice'), serial: '0122A4', expiry: nowMs + 365 * DAY_MS, status: 'active', revocation_reason: null }));
  table.insert((id) => ({ ...base, id, cert_id: 'user_cert_bob', subject: subject('bob'), serial: '0122A5', expiry: nowMs + 365 * DAY_MS, status: 'revoked', revocation_reason: 'Key Compromise' }));
}
