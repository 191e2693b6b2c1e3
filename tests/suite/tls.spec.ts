/**
 * TLS as appliances have it (issue 8): a self-signed certificate is refused unless the run is given
 * its CA (`--fac-ca-file`) or told to accept any (`--fac-insecure`), and the report says which.
 * Target settings given as flags work like their environment variables.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { type RunningEmulator, startEmulator } from '../../emulator/fac/server.ts';
import { cleanEnv, readReport, runCli } from './cli-run.ts';

const tempDir = (label: string) => mkdtempSync(path.join(tmpdir(), `fc-${label}-`));
let emulator: RunningEmulator;

test.beforeAll(async () => {
  emulator = await startEmulator({ httpsPort: 0 });
});
test.afterAll(async () => emulator.close());

const run = (extra: string[], dir = tempDir('tls')) =>
  runCli(['run', '--quiet', '--grep', 'usergroups\\.list', '--report-dir', dir, '--fac-url', emulator.httpsUrl!, '--fac-user', emulator.user, ...extra], cleanEnv({ FAC_KEY: emulator.key }), 90_000);

test.describe.configure({ mode: 'parallel' });

test('a self-signed certificate without its CA or --fac-insecure: one line naming both, exit 2', async () => {
  const result = await run([]);
  expect(result.code).toBe(2);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(/self-signed certificate|unknown CA|cannot be verified/);
  expect(result.stderr).toContain('--fac-ca-file');
  expect(result.stderr).toContain('--fac-insecure');
});

test('verified against the CA given with --fac-ca-file, and the report says so', async () => {
  const ca = path.join(tempDir('ca'), 'fac-ca.pem');
  writeFileSync(ca, emulator.caCert!);
  const dir = tempDir('tls-ca');
  const result = await run(['--fac-ca-file', ca], dir);
  expect(result.code, result.stdout + result.stderr).toBe(0);
  expect(readReport(dir).target.tls).toBe(`verified against ${ca}`);
});

test('accepted unverified only with --fac-insecure, and the report says so', async () => {
  const dir = tempDir('tls-insecure');
  const result = await run(['--fac-insecure'], dir);
  expect(result.code, result.stdout + result.stderr).toBe(0);
  expect(readReport(dir).target.tls).toBe('certificate NOT verified (FAC_INSECURE)');
});
