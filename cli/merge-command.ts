/**
 * `forticonform merge SHARD_DIR... [--report-dir DIR]`: one conformance run sharded across CI
 * machines (`forticonform run --shard i/n` on each) joined into one set of reports. Playwright's own
 * `merge-reports` replays the shards' blob reports through the same reporters as a run
 * (conformance JSON/Markdown/HTML, JUnit, Allure, Playwright HTML); the run's description (target,
 * safety level) comes from the first shard's conformance.json.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { UserError } from '../lib/errors.ts';
import { loadReport } from '../lib/report-diff.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function runMergeCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, strict: true, allowPositionals: true, options: { 'report-dir': { type: 'string' }, quiet: { type: 'boolean' } } });
  if (positionals.length === 0) throw new UserError('usage: forticonform merge SHARD_REPORT_DIR... [--report-dir DIR] (each a --report-dir of a `run --shard i/n`)');
  const blobs = mkdtempSync(path.join(tmpdir(), 'forticonform-blobs-'));
  let durationMs = 0;
  const allure: string[] = [];
  try {
    for (const dir of positionals.map((d) => path.resolve(d))) {
      const blobDir = path.join(dir, 'blob');
      const zips = existsSync(blobDir) ? readdirSync(blobDir).filter((f) => f.endsWith('.zip')) : [];
      if (zips.length === 0) throw new UserError(`${dir} holds no blob report (blob/*.zip): was it the --report-dir of a \`forticonform run --shard i/n\`?`);
      for (const zip of zips) {
        if (existsSync(path.join(blobs, zip))) throw new UserError(`two shards both hold ${zip}: give each shard directory once`);
        copyFileSync(path.join(blobDir, zip), path.join(blobs, zip));
      }
      allure.push(path.join(dir, 'allure-results'));
      // The shards ran side by side: the run took as long as the longest.
      durationMs = Math.max(durationMs, loadReport(dir).durationMs);
    }
    const reportDir = path.resolve(values['report-dir'] ?? 'reports');
    mkdirSync(reportDir, { recursive: true });
    rmSync(path.join(reportDir, 'conformance.json'), { force: true });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      FORTICONFORM_REPORT_DIR: reportDir,
      FORTICONFORM_MERGE_META: path.join(path.resolve(positionals[0]!), 'conformance.json'),
      FORTICONFORM_MERGE_DURATION_MS: String(durationMs),
      ...(values.quiet ? { FORTICONFORM_QUIET: '1' } : {}),
    };
    delete env.FORTICONFORM_SHARD;
    const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
    const code = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, [cli, 'merge-reports', '--config', path.join(ROOT, 'playwright.config.ts'), blobs], { stdio: 'inherit', env, cwd: ROOT });
      child.on('exit', (c) => resolve(c ?? 1));
    });
    if (code !== 0) return code;
    // Allure's results are one file per test: the shards' together are the run's.
    mkdirSync(path.join(reportDir, 'allure-results'), { recursive: true });
    for (const dir of allure.filter((d) => existsSync(d))) cpSync(dir, path.join(reportDir, 'allure-results'), { recursive: true });
    const merged = JSON.parse(readFileSync(path.join(reportDir, 'conformance.json'), 'utf8')) as { outcome: string };
    return merged.outcome === 'pass' ? 0 : 1;
  } finally {
    rmSync(blobs, { recursive: true, force: true });
  }
}
