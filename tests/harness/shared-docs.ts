/**
 * The source documents as the lints read them: the seeds and facts of the project's shared
 * directory (tests/harness/openapi-docs.spec.ts checks x-source headings against them;
 * document-index.spec.ts reads the documented operations from them).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../suite/cli-run.ts';

/**
 * The project's shared documents stand beside the checkout (as in CI), or beside the repository a
 * local clone was made from (`git clone . /tmp/x`); FORTICONFORM_SHARED_DIR overrides.
 */
function sharedDir(): string {
  if (process.env.FORTICONFORM_SHARED_DIR) return process.env.FORTICONFORM_SHARED_DIR;
  const beside = path.resolve(ROOT, '..', 'shared');
  if (existsSync(beside)) return beside;
  const origin = spawnSync('git', ['config', '--get', 'remote.origin.url'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  const besideOrigin = origin && path.isAbsolute(origin) ? path.resolve(origin, '..', 'shared') : undefined;
  return besideOrigin && existsSync(besideOrigin) ? besideOrigin : beside;
}
export const SHARED = sharedDir();

/** Folds OCR noise and punctuation away so `/api/vl/` in the seed matches `/api/v1/` in a heading. */
export const fold = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '').replace(/[1i]/g, 'l').replace(/0/g, 'o');

/** The text of seed `label` (`002`) or of the facts (`facts`); undefined when there is none. */
export function sourceText(label: string): string | undefined {
  if (label === 'facts') return readFileSync(path.join(SHARED, 'facts', 'README.md'), 'utf8');
  const seed = readdirSync(path.join(SHARED, 'seeds')).find((f) => f.startsWith(`${label}_`));
  return seed ? readFileSync(path.join(SHARED, 'seeds', seed), 'utf8') : undefined;
}
