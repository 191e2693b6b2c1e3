/**
 * One conformance run sharded across CI machines: each machine runs `forticonform run --shard i/n`,
 * and `forticonform merge` joins their blob reports into one set of reports — every case once, the
 * verdict of the whole, JUnit and Allure for all of it.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { cleanEnv, readReport, runCli } from './cli-run.ts';

const tempDir = (label: string) => mkdtempSync(path.join(tmpdir(), `fc-${label}-`));
// The documented cases of two operations: two Playwright tests, one per shard (an operation's cases
// are one test and one JUnit/Allure entry, each still its own case in the conformance report). Not
// the list's property tests: Playwright shards by test count, and their serial group of six would
// leave the other shard empty.
const SCOPE = ['--grep', '^(?!.*@derived)(?!.*@properties).*usergroups\\.(list|create)'];

test('two shards merged give one report of every case, once', async () => {
  test.setTimeout(240_000);
  const [one, two, merged] = [tempDir('shard1'), tempDir('shard2'), tempDir('merged')];
  const shards = await Promise.all([
    runCli(['run', '--quiet', ...SCOPE, '--shard', '1/2', '--report-dir', one], cleanEnv()),
    runCli(['run', '--quiet', ...SCOPE, '--shard', '2/2', '--report-dir', two], cleanEnv()),
  ]);
  for (const run of shards) expect(run.code, run.stdout + run.stderr).toBe(0);
  const keys = (dir: string) => readReport(dir).cases.map((c) => `${c.operationId}#${c.caseId}`);
  const [first, second] = [keys(one), keys(two)];
  expect(first.length).toBeGreaterThan(0);
  expect(second.length).toBeGreaterThan(0);
  expect(first.filter((k) => second.includes(k)), 'a case in both shards').toEqual([]);

  const merge = await runCli(['merge', one, two, '--report-dir', merged, '--quiet'], cleanEnv(), 120_000);
  expect(merge.code, merge.stdout + merge.stderr).toBe(0);
  const report = readReport(merged);
  expect(report.cases.map((c) => `${c.operationId}#${c.caseId}`).sort()).toEqual([...first, ...second].sort());
  expect(report.outcome).toBe('pass');
  expect(report.target.embeddedEmulator).toBe(true);
  expect(report.coverage.find((r) => r.resource === 'usergroups')?.cases.passed).toBe(first.length + second.length);
  const operations = new Set(report.cases.map((c) => c.operationId)).size;
  expect(operations).toBe(2);
  expect(readFileSync(path.join(merged, 'junit.xml'), 'utf8')).toContain(`tests="${operations}"`);
  expect(existsSync(path.join(merged, 'conformance.html'))).toBe(true);
  expect(readdirSync(path.join(merged, 'allure-results')).filter((f) => f.endsWith('-result.json'))).toHaveLength(operations);
});

test('merge refuses what is not a shard report, in one line', async () => {
  const run = await runCli(['merge', tempDir('empty')], cleanEnv(), 30_000);
  expect(run.code).toBe(2);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).toContain('holds no blob report');
});
