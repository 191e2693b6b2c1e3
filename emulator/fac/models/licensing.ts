// /api/v1/licensing/ — license upload (POST-only endpoint resource).
// Source: 002 · Licensing (/licensing/) (Supported fields, Allowed methods, Examples) and 003
// (Webservice Basic; System Administration, "Can import a new FAC license"). facts · POST-only
// resources answer GET with 405 (FAC 8.0.3 lists licensing among them).

import { createHash, randomBytes } from 'node:crypto';
import type { ModelContext, Outcome, Reply, ResourceDecl } from './types.ts';
import { UploadedFile, invalid, ok } from './types.ts';
import { REQUIRED } from './validate.ts';

export const LICENSING = 'licensing';
/** The emulated appliance's management address (ours; the guide's example shows "192.168.60.908"). */
export const APPLIANCE_IP = '192.168.1.99';
const DAY_MS = 86_400_000;

// 002 · Licensing · Examples · Response: "success_message".
export const LICENSE_SUCCESS =
  'Reboot process for license update of VM is started. Please wait for the FAC to restart before making new requests.';

// "license · The .lic file · Must be a valid .lic file". Reading: a *.lic file holding a FortiAuthenticator
// VM license block (Fortinet VM licenses are base64 between BEGIN/END ... VM LICENSE lines).
const LICENSE_BLOCK = /-----BEGIN FAC VM LICENSE-----\s*([A-Za-z0-9+/=\s]+?)\s*-----END FAC VM LICENSE-----/;

/** A licence file this emulator takes as valid (the operator-provided fac-license-file). */
export function emulatorLicenseFile(): string {
  return `-----BEGIN FAC VM LICENSE-----\n${randomBytes(48).toString('base64')}\n-----END FAC VM LICENSE-----\n`;
}

export function licensingResource(ctx: ModelContext): ResourceDecl {
  function upload(data: Record<string, unknown>): Outcome<Reply> {
    const file = data.license;
    // Django FileField messages.
    if (file === undefined || file === null || file === '') return invalid({ license: [REQUIRED] });
    if (!(file instanceof UploadedFile)) return invalid({ license: ['No file was submitted. Check the encoding type on the form.'] });
    if (file.content.length === 0) return invalid({ license: ['The submitted file is empty.'] });
    const m = LICENSE_BLOCK.exec(file.content.toString('latin1'));
    // variant licensing-valid-license-refused: a valid licence file is refused like an invalid one.
    if (!/\.lic$/i.test(file.filename) || !m || Buffer.from((m[1] ?? '').replace(/\s+/g, ''), 'base64').length < 16 || ctx.variants.has('licensing-valid-license-refused'))
      return invalid({ license: ['Must be a valid .lic file.'] });
    // Reading: a VM license runs one year from its import, to midnight UTC.
    const expiry = new Date(ctx.now().getTime() + 365 * DAY_MS).toISOString().slice(0, 10);
    ctx.store.settings.set(LICENSING, { license: file.filename, expiry_date: `${expiry}T00:00:00+00:00` });
    // 002 · Licensing · Examples · Response (200: the body carries the result).
    return ok({
      kind: 'object',
      status: 200,
      data: {
        expiry_date: `${expiry}T00:00:00+00:00`,
        ip: APPLIANCE_IP,
        license: file.filename,
        license_hash: createHash('md5').update(file.content).digest('hex'),
        success_message: LICENSE_SUCCESS,
      },
    });
  }

  return {
    name: LICENSING,
    // 002 · Licensing · Allowed methods: POST only.
    listMethods: ['POST'],
    detailMethods: [],
    auth: 'basic', // 003 · licensing: Webservice Basic Authentication
    permission: { set: 'System Administration', code: 'Can import a new FAC license' }, // 003 · licensing
    fields: { license: { type: 'string', help: 'The .lic file (multipart upload)' } },
    filtering: {},
    ordering: [],
    endpoint: { methods: ['POST'], multipart: true, run: (req) => upload(req.data) },
  };
}
