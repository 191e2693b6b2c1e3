#!/usr/bin/env node
// `npm test`: every test of the project, in order of cost — types, OpenAPI validation and lint,
// then our own Playwright tests (harness units, emulator, and the suite run against the faithful
// emulator and its deliberately broken variants). Ends with one plain "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };

function step(name, command, args) {
  console.log(`\n== ${name}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) {
    console.log(`\n${name} failed`);
    console.log('0 passed, 1 failed');
    process.exit(result.status ?? 1);
  }
}

step('typecheck', process.execPath, [require.resolve('typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json']);
// Issue 14: the architecture has no import cycle (madge reads type-only imports too).
step('import cycles (madge)', process.execPath, [require.resolve('madge/bin/cli.js'), '--circular', '--extensions', 'ts', '--no-spinner', 'arbitraries', 'bench', 'catalogue', 'checks', 'cli', 'emulator', 'engine', 'fixtures', 'lib', 'reporters', 'specs']);
step('openapi lint (redocly)', process.execPath, [require.resolve('@redocly/cli/bin/cli.js'), 'lint', '--format', 'stylish', 'openapi/fac.yaml', 'openapi/fsm.yaml', 'openapi/faz.yaml']);

// The HTML report is tested in a real browser: Debian's Chromium (installed here when missing; the
// browser test skips, naming why, if the install fails).
spawnSync(process.execPath, [path.join(root, 'scripts', 'ensure-chromium.mjs')], { cwd: root, stdio: 'inherit', env });

const resultsFile = path.join(root, 'test-results', 'selftest.json');
rmSync(resultsFile, { force: true });
rmSync(path.join(root, 'test-results', 'scenario-kills.json'), { force: true });
for (const f of ['negative-cases.json', 'negative-kills.json', 'document-index.json']) rmSync(path.join(root, 'test-results', f), { force: true });
console.log('\n== own tests (playwright)');
const run = spawnSync(process.execPath, [require.resolve('@playwright/test/cli'), 'test', '-c', 'tests/playwright.config.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...env, PLAYWRIGHT_JSON_OUTPUT_FILE: resultsFile },
});
let stats = { expected: 0, unexpected: 0, skipped: 0, flaky: 0 };
try {
  stats = JSON.parse(readFileSync(resultsFile, 'utf8')).stats;
} catch {
  // No JSON results: the runner itself failed; its exit code below says so.
}
// Issue 5: how many documented scenarios the suite is proven to catch when broken
// (tests/suite/scenario-kills.spec.ts writes it).
try {
  const kills = JSON.parse(readFileSync(path.join(root, 'test-results', 'scenario-kills.json'), 'utf8'));
  const notShown = Object.keys(kills.withoutCase ?? {});
  console.log(`\ncatalogue: ${kills.scenarios + notShown.length} documented rules, ${kills.scenarios} shown by cases, ${notShown.length} not (each with its reason in catalogue/): ${notShown.join(', ') || 'none'}`);
  console.log(`scenario deviations killed: ${kills.killed} of ${kills.withVariant} (${kills.scenarios} scenarios with cases; without a variant: ${Object.keys(kills.withoutVariant).join(', ') || 'none'}; catalogue entries without a case: ${Object.keys(kills.withoutCase ?? {}).join(', ') || 'none'})`);
} catch {
  console.log('\nscenario deviations killed: not measured (the scenario kill test did not run)');
}
// Issue 12: the derived negative cases (tests/harness/negative-cases.spec.ts, suite/negative-kills.spec.ts).
try {
  const counts = JSON.parse(readFileSync(path.join(root, 'test-results', 'negative-cases.json'), 'utf8'));
  console.log(`constraints: ${counts.constraints}, derived cases: ${counts.derivedCases}`);
  const kills = JSON.parse(readFileSync(path.join(root, 'test-results', 'negative-kills.json'), 'utf8'));
  const variants = Object.entries(kills.variants);
  const caught = variants.filter(([, v]) => v.caught > 0 && v.outside.length === 0);
  console.log(`validation-dropping variants caught by their category only: ${caught.length} of ${variants.length} (${variants.map(([id, v]) => `${id}: ${v.caught}/${v.ofCategory}`).join(', ')})`);
} catch {
  console.log('derived negative cases: not measured (their self-tests did not run)');
}
// Issue 13: documented operations (read from the seeds) without an OpenAPI operation (tests/harness/document-index.spec.ts).
try {
  const index = JSON.parse(readFileSync(path.join(root, 'test-results', 'document-index.json'), 'utf8'));
  console.log(`documented operations: ${index.documented} (${Object.entries(index.byDocument).map(([d, n]) => `${d}: ${n}`).join(', ')}), without an OpenAPI operation: ${index.withoutOperation.length}${index.withoutOperation.length ? ` — ${index.withoutOperation.join('; ')}` : ''}`);
} catch {
  console.log('documented operations: not measured (the document-index self-test did not run)');
}
console.log(`\n${stats.expected + stats.flaky} passed, ${stats.unexpected} failed, ${stats.skipped} skipped`);
process.exit(run.status ?? 1);
