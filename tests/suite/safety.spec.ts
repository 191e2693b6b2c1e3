/**
 * Safety on a target the suite does not own (issue: real appliances), proven at the emulator's own
 * control interface: `read-only` sends no write method at all; a run killed with a real signal
 * leaves a journal from which `forticonform cleanup` deletes exactly what it had created.
 * (`own-objects` leaving every table as it found it is shown by conformance-run.spec.ts's
 * configured-target run.)
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { type RunningEmulator, startEmulator } from '../../emulator/fac/server.ts';
import { readPending } from '../../lib/journal.ts';
import { cleanEnv, readReport, ROOT, runCli } from './cli-run.ts';

const tempDir = (label: string) => mkdtempSync(path.join(tmpdir(), `fc-${label}-`));

async function control<T>(emulator: RunningEmulator, what: 'counts' | 'requests'): Promise<T> {
  return (await (await fetch(`${emulator.url}/__emulator/${what}`)).json()) as T;
}

function targetEnv(emulator: RunningEmulator, journal: string): NodeJS.ProcessEnv {
  return cleanEnv({ FAC_URL: emulator.url, FAC_USER: emulator.user, FAC_KEY: emulator.key, FAC_PROVIDED: JSON.stringify(emulator.provided), FORTICONFORM_JOURNAL_DIR: journal });
}

test.describe.configure({ mode: 'parallel' });

/** A loopback target that only counts what reaches it: proof that a refused run sent nothing. */
async function countingTarget(): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let requests = 0;
  const server = createServer((_req, res) => {
    requests++;
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests: () => requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function runPlaywrightDirectly(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'test', '-c', path.join(ROOT, 'playwright.config.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

// Issue 14: an unknown safety level used to fall back to own-objects, so a mistyped `read-only` in a
// direct Playwright run allowed writes to the appliance.
test('an unknown safety level stops a direct Playwright run and the CLI with exit 2, naming the allowed values, sending nothing', async () => {
  test.setTimeout(120_000);
  const target = await countingTarget();
  try {
    const env = cleanEnv({ FAC_URL: target.url, FAC_USER: 'admin', FAC_KEY: 'k'.repeat(20), FORTICONFORM_REPORT_DIR: tempDir('bad-safety') });
    const direct = await runPlaywrightDirectly({ ...env, FORTICONFORM_SAFETY: 'readonly' });
    expect(direct.code, direct.output).toBe(2);
    expect(direct.output).toContain('FORTICONFORM_SAFETY takes one of read-only, own-objects, destructive, not "readonly"');
    const cli = await runCli(['run', '--safety', 'readonly', '--report-dir', tempDir('bad-safety-cli')], env, 60_000);
    expect(cli.code, cli.stdout + cli.stderr).toBe(2);
    expect(cli.stderr).toContain('--safety takes one of read-only, own-objects, destructive, not "readonly"');
    // Other run-wide settings are validated the same way, before anything is sent.
    const workers = await runPlaywrightDirectly({ ...env, FORTICONFORM_WORKERS: 'two' });
    expect(workers.code, workers.output).toBe(2);
    expect(workers.output).toContain('FORTICONFORM_WORKERS takes a whole number of at least 1, not "two"');
    expect(direct.output + cli.stdout + cli.stderr + workers.output).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace
    expect(target.requests()).toBe(0);
  } finally {
    await target.close();
  }
});

test('read-only sends no POST, PUT, PATCH or DELETE, and skips what needs one, naming the safety level', async () => {
  test.setTimeout(240_000);
  const emulator = await startEmulator();
  try {
    const before = await control(emulator, 'counts');
    const dir = tempDir('read-only');
    const run = await runCli(['run', '--quiet', '--safety', 'read-only', '--property-runs', '3', '--report-dir', dir], targetEnv(emulator, tempDir('journal')), 230_000);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const { byMethod } = await control<{ byMethod: Record<string, number> }>(emulator, 'requests');
    expect(byMethod.GET).toBeGreaterThan(50);
    expect(Object.keys(byMethod).filter((m) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(m))).toEqual([]);
    expect(await control(emulator, 'counts')).toEqual(before);
    const report = readReport(dir);
    expect(report.totals.cases.passed).toBeGreaterThan(20);
    const skippedForSafety = report.cases.filter((c) => c.outcome === 'skipped' && /safety level read-only/.test(`${c.message ?? c.error}`));
    expect(skippedForSafety.length).toBeGreaterThan(50);
  } finally {
    await emulator.close();
  }
});

test('a run killed with SIGKILL mid-way leaves a journal; `forticonform cleanup` deletes exactly what it created', async () => {
  test.setTimeout(120_000);
  const emulator = await startEmulator();
  const journal = tempDir('journal');
  try {
    const before = await control(emulator, 'counts');
    const runSecret = 'Journal-Run-Secret-' + 'z'.repeat(10);
    const env = { ...targetEnv(emulator, journal), FORTICONFORM_RUN_SECRET: runSecret };
    // Detached: its own process group, so the signal reaches the CLI and every Playwright worker at once.
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'forticonform.mjs'), 'run', '--quiet', '--grep', '@usergroups|@localusers', '--report-dir', tempDir('killed')], {
      cwd: ROOT,
      env,
      detached: true,
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    // Kill while objects of the run exist on the target: freeze the run (SIGSTOP) to look at a
    // still picture, let it go on if nothing of it is there, else kill it where it stands.
    const deadline = Date.now() + 90_000;
    let caught = false;
    while (Date.now() < deadline && !caught && child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 25));
      process.kill(-child.pid!, 'SIGSTOP');
      caught = JSON.stringify(await control(emulator, 'counts')) !== JSON.stringify(before);
      if (!caught) process.kill(-child.pid!, 'SIGCONT');
    }
    process.kill(-child.pid!, 'SIGKILL');
    await exited;
    expect(caught, 'the run had created objects when it was killed').toBe(true);
    expect(readPending(journal).length).toBeGreaterThan(0);
    // The journal names objects, never secrets (the test users' password, the admin's key).
    for (const file of readdirSync(journal)) {
      const text = readFileSync(path.join(journal, file), 'utf8');
      for (const secret of [runSecret, emulator.key]) expect(text.includes(secret), `${file} holds a secret`).toBe(false);
    }

    const cleanup = await runCli(['cleanup'], env, 60_000);
    expect(cleanup.code, cleanup.stdout + cleanup.stderr).toBe(0);
    expect(cleanup.stdout).toMatch(/cleanup: [1-9]\d* object\(s\) deleted/);
    expect(await control(emulator, 'counts')).toEqual(before);
    expect(readPending(journal)).toEqual([]);
    // Nothing left: a second cleanup has nothing to do.
    const again = await runCli(['cleanup'], env, 30_000);
    expect(again.stdout).toContain('nothing to undo');
  } finally {
    await emulator.close();
  }
});

test('destructive is refused against a configured target without the second flag', async () => {
  const emulator = await startEmulator();
  try {
    const run = await runCli(['run', '--safety', 'destructive'], targetEnv(emulator, tempDir('journal')), 30_000);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('--i-accept-data-loss');
    const { byMethod } = await control<{ byMethod: Record<string, number> }>(emulator, 'requests');
    // Refused before a single request reached the target.
    expect(byMethod).toEqual({});
  } finally {
    await emulator.close();
  }
});
