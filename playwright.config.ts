/**
 * The conformance run. Normally started by `forticonform run` (`npm start`), which validates the
 * configuration first; `npx playwright test` works too. Reports go to FORTICONFORM_REPORT_DIR
 * (default `reports/`): conformance JSON + Markdown, JUnit, Allure results, Playwright HTML.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const reportDir = path.resolve(process.env.FORTICONFORM_REPORT_DIR ?? 'reports');
// Shared by the runner and every worker (workers inherit the environment): the run's object-name
// prefix and the password it gives its own test users (redacted everywhere).
process.env.FORTICONFORM_REPORT_DIR = reportDir;
process.env.FORTICONFORM_RUN_ID ??= randomBytes(3).toString('hex');
process.env.FORTICONFORM_RUN_SECRET ??= `Fc1-${randomBytes(12).toString('base64url')}`;

const quiet = process.env.FORTICONFORM_QUIET === '1';

export default defineConfig({
  testDir: './specs',
  outputDir: path.join(reportDir, 'test-results'),
  globalSetup: './fixtures/global-setup.ts',
  fullyParallel: true,
  workers: Number(process.env.FORTICONFORM_WORKERS ?? 2),
  timeout: Number(process.env.FORTICONFORM_TEST_TIMEOUT_MS ?? 60_000),
  retries: 0,
  forbidOnly: true,
  reporter: [
    [quiet ? 'dot' : 'list'],
    ['junit', { outputFile: path.join(reportDir, 'junit.xml') }],
    ['html', { outputFolder: path.join(reportDir, 'html'), open: 'never' }],
    ['allure-playwright', { resultsDir: path.join(reportDir, 'allure-results'), detail: false }],
    ['./reporters/conformance.ts', { outputDir: reportDir }],
  ],
});
