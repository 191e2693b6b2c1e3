/**
 * The conformance run. Normally started by `forticonform run` (`npm start`), which validates the
 * configuration first; `npx playwright test` works too. Reports go to FORTICONFORM_REPORT_DIR
 * (default `reports/`): conformance JSON + Markdown, JUnit, Allure results, Playwright HTML.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { anyTargetConfigured } from './lib/config.ts';
import { useModelCache } from './lib/model-cache.ts';
import { preflightPassed } from './lib/preflight-gate.ts';
import { BY_CASE_TAG } from './lib/report-model.ts';
import { runOptionsOrExit } from './lib/run-options.ts';

// Shared by the runner and every worker (workers inherit the environment): the run's object-name
// prefix and the password it gives its own test users (redacted everywhere), and where workers tell
// each other that a target stopped answering (lib/http.ts; Playwright empties its output directory
// at the start of every run).
process.env.FORTICONFORM_REPORT_DIR = path.resolve(process.env.FORTICONFORM_REPORT_DIR ?? 'reports');
process.env.FORTICONFORM_RUN_ID ??= randomBytes(3).toString('hex');
process.env.FORTICONFORM_RUN_SECRET ??= `Fc1-${randomBytes(12).toString('base64url')}`;
process.env.FORTICONFORM_STATE_DIR ??= path.join(process.env.FORTICONFORM_REPORT_DIR, 'test-results', '.run-state');
// The API model is loaded once per run and read back by every other process (lib/model-cache.ts).
useModelCache();
// Started by `forticonform run`: the runner waits here, before it clears its output directory or
// sends a request, until the CLI's preflight (run alongside this start-up) has passed.
await preflightPassed();
// No target configured: the embedded emulators will be the targets (fixtures/global-setup.ts sets
// this too), which decides how many workers the run takes by default (lib/run-options.ts). A bad
// configuration file is reported by the global set-up, where the run stops cleanly.
const noTarget = (() => {
  try {
    return !anyTargetConfigured();
  } catch {
    return false;
  }
})();
if (noTarget) process.env.FORTICONFORM_EMBEDDED = '1';
// Every run-wide setting validated before anything else: a bad value (FORTICONFORM_SAFETY=readonly)
// stops the run with exit 2, naming the allowed values, before a single request is sent.
const options = runOptionsOrExit();
const { reportDir, quiet, shard } = options;
// `--budget-s`: the CLI fixes the deadline when it starts (so its preflight counts); the whole run,
// setup included, stops then, and the conformance report lists what did not run.
const deadline = options.deadlineMs ?? (options.budgetS !== undefined ? Date.now() + options.budgetS * 1000 : 0);
if (deadline) process.env.FORTICONFORM_DEADLINE_MS ??= String(deadline);
// `forticonform run --grep` arrives here: a project's own grep would otherwise replace it.
// A test tagged BY_CASE_TAG holds only cases the grep selected one by one (specs/contract.spec.ts).
const only = options.grep;
const matching = (also: string) => new RegExp(`^(?=.*(?:${also}))(?=.*(?:${only})|.*${BY_CASE_TAG})`);
// Cases that need a disposable target only run with `--safety destructive`; otherwise they are
// skipped at once, and a project of their own would only start its workers again for that.
const destructive = options.safety === 'destructive';

export default defineConfig({
  testDir: './specs',
  outputDir: path.join(reportDir, 'test-results'),
  globalSetup: './fixtures/global-setup.ts',
  fullyParallel: true,
  workers: options.workers,
  timeout: options.testTimeoutMs,
  retries: 0,
  globalTimeout: deadline ? Math.max(1_000, deadline - Date.now()) : 0,
  forbidOnly: true,
  projects: destructive
    ? [
        { name: 'conformance', grep: matching(''), grepInvert: /@disposable/ },
        // Whole-collection deletes and the like: only on a disposable target, and only once every
        // other case has finished.
        { name: 'disposable', grep: matching('@disposable'), dependencies: ['conformance'] },
      ]
    : [{ name: 'conformance', grep: matching('') }],
  reporter: [
    [quiet ? 'dot' : 'list'],
    ['junit', { outputFile: path.join(reportDir, 'junit.xml') }],
    ['html', { outputFolder: path.join(reportDir, 'html'), open: 'never' }],
    // Allure merges by joining result files (`forticonform merge` copies the shards'): its reporter
    // cannot replay blob reports.
    // (reporters/allure.ts: allure-playwright without an fsync per file, which held up the runner.)
    ...(options.mergeMeta ? [] : [['./reporters/allure.ts', { resultsDir: path.join(reportDir, 'allure-results'), detail: false }] as [string, object]]),
    ['./reporters/conformance.ts', { outputDir: reportDir }],
    // `forticonform run --shard i/n`: a blob report too, which `forticonform merge` joins with the
    // other shards' into one conformance report.
    ...(shard ? [['blob', { outputDir: path.join(reportDir, 'blob'), fileName: `shard-${shard.replace('/', '-of-')}.zip` }] as ['blob', object]] : []),
  ],
});
