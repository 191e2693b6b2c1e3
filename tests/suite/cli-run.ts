/**
 * Helpers for the self-tests that run the real `forticonform` command as a user would.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConformanceReport } from '../../lib/report-model.ts';
import { defaultWorkers, maxInFlight } from '../../lib/run-options.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = path.join(ROOT, 'bin', 'forticonform.mjs');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Environment without any target configuration inherited from the developer's shell. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  // No target settings from the developer's shell; no colour (FORCE_COLOR, which Playwright sets for
  // its workers, would make node warn about NO_COLOR on stderr).
  for (const key of Object.keys(env)) if (/^(FAC_|FSM_|FAZ_|FORTICLOUD_|FORTICONFORM_|PLAYWRIGHT_|TEST_)|^FORCE_COLOR$/.test(key)) delete env[key];
  // Each run its own journal: what one test's run leaves there is never another's to clean up.
  // The self-tests' targets are emulators on this machine: CPU-bound like the embedded run, so its
  // worker count, not the extra one a remote target gets (lib/run-options.ts).
  const workers = String(defaultWorkers(maxInFlight({}), true));
  return { ...env, NO_COLOR: '1', FORTICONFORM_JOURNAL_DIR: mkdtempSync(path.join(tmpdir(), 'fc-journal-')), FORTICONFORM_WORKERS: workers, ...extra };
}

/** Runs `forticonform ARGS`; kills it after `timeoutMs` so a hang fails the test instead of stalling it. */
export function runCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 170_000): Promise<CliResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

export function readReport(dir: string): ConformanceReport {
  return JSON.parse(readFileSync(path.join(dir, 'conformance.json'), 'utf8')) as ConformanceReport;
}

/** `check@operationId` for every failed check (and `case@operationId` for cases that errored). */
export function failingChecks(report: ConformanceReport): string[] {
  const out = new Set<string>();
  for (const c of report.cases) {
    for (const k of c.checks) if (k.outcome === 'fail') out.add(`${k.id}@${c.operationId}`);
    if (c.outcome === 'error') out.add(`error@${c.operationId}`);
  }
  return [...out].sort();
}

/** Every file under `dir`, recursively. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}
