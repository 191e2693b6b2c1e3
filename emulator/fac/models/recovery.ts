// /api/v1/recovery/ — configuration backup (GET, a file download) and restore (POST, multipart).
// Source: 002 · Backup and restore (/recovery/) (Supported fields, Allowed methods, Example) and
// 002 · What's new in 6.3.0 ("A new endpoint to backup and restore the FortiAuthenticator configuration").

import { createHash } from 'node:crypto';
import type { ModelContext, Outcome, Reply, ResourceDecl } from './types.ts';
import { UploadedFile, invalid, ok } from './types.ts';
import { REQUIRED } from './validate.ts';
import { APPLIANCE_SERIAL } from './settings.ts';

export const RECOVERY = 'recovery';

// 002 · Backup and restore · Example · Restore · Response.
export const RESTORE_STARTED =
  'System configuration restore process has been started. FortiAuthenticator will be restarted to apply the new configuration';

// The backup format is FAC's own (encrypted) one; ours: a header, the settings as base64 JSON and a
// SHA-256 checksum line, so a restore can tell a backup from any other file.
const HEADER = '#config-version=FAC-VM-6.3.1\n#conf_file_ver=1\n';

function checksum(body: string): string {
  return createHash('sha256').update(body).digest('hex');
}

export function recoveryResource(ctx: ModelContext): ResourceDecl {
  const { store } = ctx;

  function backup(): Reply {
    const state = { settings: Object.fromEntries(store.settings), seedPassphrase: store.seedPassphrase };
    const body = `${HEADER}${Buffer.from(JSON.stringify(state), 'utf8').toString('base64')}\n`;
    const stamp = ctx.now().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '_');
    // "curl ... --output backup.conf": a download, not a JSON answer.
    return { kind: 'file', filename: `${APPLIANCE_SERIAL}_${stamp}.conf`, contentType: 'application/octet-stream', content: `${body}#checksum=${checksum(body)}\n` };
  }

  // POST: "Restore from a config backup file" (`-F 'file=@backup.conf'`). Reading: the settings in the
  // backup take effect at once (the appliance restarts into them; the emulator does not go away).
  function restore(data: Record<string, unknown>): Outcome<Reply> {
    const file = data.file;
    if (file === undefined || file === null || file === '') return invalid({ file: [REQUIRED] });
    if (!(file instanceof UploadedFile)) return invalid({ file: ['No file was submitted. Check the encoding type on the form.'] });
    if (file.content.length === 0) return invalid({ file: ['The submitted file is empty.'] });
    const text = file.content.toString('utf8');
    const m = /^([\s\S]*\n)#checksum=([0-9a-f]{64})\n?$/.exec(text);
    if (!m || !(m[1] ?? '').startsWith(HEADER) || checksum(m[1] ?? '') !== m[2]) return invalid({ file: ['Invalid configuration backup file.'] });
    let state: { settings?: Record<string, Record<string, unknown>>; seedPassphrase?: string | null };
    try {
      state = JSON.parse(Buffer.from((m[1] ?? '').slice(HEADER.length).trim(), 'base64').toString('utf8')) as typeof state;
    } catch {
      return invalid({ file: ['Invalid configuration backup file.'] });
    }
    store.settings.clear();
    for (const [k, v] of Object.entries(state.settings ?? {})) if (v && typeof v === 'object') store.settings.set(k, { ...v });
    if (state.seedPassphrase === null || typeof state.seedPassphrase === 'string') store.seedPassphrase = state.seedPassphrase;
    return ok({ kind: 'text', status: 200, text: RESTORE_STARTED });
  }

  return {
    name: RECOVERY,
    // 002 · Backup and restore · Allowed methods: GET (download), POST (restore).
    listMethods: ['GET', 'POST'],
    detailMethods: [],
    auth: 'basic', // 002 · Authorization and Permissions table (row "recovery"; 003's copy lacks it)
    permission: { set: 'Maintenance', code: 'Can perform configuration backup' }, // 002 · same row
    fields: { file: { type: 'string', help: 'Backup config file to restore from (multipart upload)' } },
    filtering: {},
    ordering: [],
    endpoint: {
      methods: ['GET', 'POST'],
      multipart: true,
      run: (req) => (req.method === 'GET' ? ok(backup()) : restore(req.data)),
    },
  };
}
