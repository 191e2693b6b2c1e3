/**
 * `forticonform cleanup`: undoes what interrupted runs left on the configured targets, from the
 * journal every run writes before it creates or changes anything (lib/journal.ts, lib/cleanup.ts).
 * Exit 0 when nothing is left to undo, 1 when some step had to stay in the journal.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveTargets } from '../lib/config.ts';
import { cleanupJournal, describeCleanup } from '../lib/cleanup.ts';
import { journalDir, readPending } from '../lib/journal.ts';
import { redact, registerSecretsFromEnv } from '../lib/redact.ts';

export async function runCleanupCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, strict: true, allowPositionals: false, options: { config: { type: 'string' }, 'journal-dir': { type: 'string' } } });
  if (values.config) process.env.FORTICONFORM_CONFIG = path.resolve(values.config);
  if (values['journal-dir']) process.env.FORTICONFORM_JOURNAL_DIR = path.resolve(values['journal-dir']);
  const dir = journalDir();
  registerSecretsFromEnv();
  if (readPending(dir).length === 0) {
    console.log(`cleanup: nothing to undo (no pending steps in ${dir})`);
    return 0;
  }
  const result = await cleanupJournal(dir, resolveTargets());
  console.log(redact(describeCleanup(result)));
  return result.kept.length === 0 ? 0 : 1;
}
