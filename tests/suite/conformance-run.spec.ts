/**
 * The suite judged by running it: against the faithful emulator every case passes; against each
 * deliberately broken variant the suite fails exactly the checks that variant breaks; bad targets
 * and bad configuration end in one clear line; no secret reaches any file the run writes.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startFazEmulator } from '../../emulator/faz/server.ts';
import { loadApiModel } from '../../lib/openapi.ts';
import { startEmulator } from '../../emulator/fac/server.ts';
import { allVariantIds } from '../../emulator/embedded.ts';
import { SCENARIOS } from '../../catalogue/index.ts';
import { PROPERTY_KILLS } from '../harness/property-kills.ts';
import { CATEGORY_VARIANTS } from './negative-variants.ts';
import { VERSION_VARIANTS } from './version-variants.ts';
import { cleanEnv, failingChecks, filesUnder, readReport, runCli } from './cli-run.ts';
import { UNIT_STATES } from '../../emulator/fac/models/operator-states.ts';

const tempDir = (label: string) => mkdtempSync(path.join(tmpdir(), `fc-${label}-`));

/**
 * Each variant breaks one documented behaviour. The suite must fail the named checks on the named
 * operations (`check@operationId`), and every check it fails must be one of the variant's: a
 * wire-level deviation may show on every list resource, never in an unrelated check. To keep CI
 * fast each variant runs the part of the suite that covers what it breaks (`scope`, a --grep of
 * tags); "and only it" holds within that part, which always includes every resource the variant
 * touches.
 */
interface Kill {
  scope: string;
  checks: string[];
  includes: string[];
}
/**
 * The documented contract cases (not the property tests, nor the derived negative cases: those are
 * proven against their own validation-dropping variants in negative-kills.spec.ts) of these tags.
 */
const contract = (tags: string) => `^(?!.*@properties)(?!.*@derived).*(?:${tags})`;
/** The property tests of these list operations (their describe titles read "<product> <operationId> properties"). */
const properties = (...operations: string[]) => `(?:${operations.map((o) => o.replace(/\./g, '\\.')).join('|')}) properties`;
const CORE = contract('@localusers|@usergroups|@auth|@root');
const VARIANT_KILLS: Record<string, Kill> = {
  'usergroups-patch-appends': { scope: CORE, checks: ['write-reflected'], includes: ['write-reflected@usergroups.patch'] },
  'auth-unknown-user-401': { scope: CORE, checks: ['status'], includes: ['status@auth.validate'] },
  'localusers-list-drops-username': { scope: CORE, checks: ['body-schema', 'body-values'], includes: ['body-schema@localusers.list'] },
  // The administrator without permissions (003): its generated 403 cases.
  'restricted-admin-allowed': { scope: CORE, checks: ['status'], includes: ['status@localusers.list', 'status@usergroups.list'] },
  'limit-ignored': { scope: `${CORE}|${properties('localusers.list')}`, checks: ['list-limit', 'paging-walk', 'paging-offset'], includes: ['list-limit@localusers.list', 'list-limit@usergroups.list', 'paging-walk@localusers.list'] },
  // Filters, paging, ordering and formats: each wire-level variant is proven in-process against the
  // property checks (tests/harness/property-checks.spec.ts, table in property-kills.ts).
  // FortiSIEM and FortiAnalyzer Cloud variants each break one catalogued scenario: the scenario kill
  // test (scenario-kills.spec.ts) proves them in-process, failing exactly the catalogue's checks.
};

/** Variants that break something on every resource: the per-resource test below proves them caught. */
const WHOLE_EMULATOR_VARIANTS = ['auth-not-enforced', 'success-status-changed', 'pushauthresp-unknown-session-accepted'];

test.describe.configure({ mode: 'parallel' });

test('every emulator variant is proven caught: by a kill run here, its catalogue scenario, the property kills, the negative-case kills or the version kills', () => {
  const catalogued = new Set([...SCENARIOS.flatMap((s) => [...(s.variant ? [s.variant] : []), ...(s.alsoBrokenBy ?? [])]), ...Object.keys(PROPERTY_KILLS), ...Object.keys(CATEGORY_VARIANTS), ...Object.keys(VERSION_VARIANTS)]);
  const unproven = allVariantIds().filter((v) => !(v in VARIANT_KILLS) && !catalogued.has(v) && !WHOLE_EMULATOR_VARIANTS.includes(v));
  expect(unproven, 'variants neither in VARIANT_KILLS, the scenario catalogue, the property kills, the negative-case kills nor the version kills').toEqual([]);
});

test('the main command against the embedded emulator passes every case and writes every report', async () => {
  // The whole run (about a minute alone since the derived negative cases), sharing 2 cores with another run.
  test.setTimeout(300_000);
  const dir = tempDir('faithful');
  const run = await runCli(['run', '--quiet', '--report-dir', dir], cleanEnv(), 280_000);
  expect(run.code, run.stdout + run.stderr).toBe(0);
  expect(run.stdout).toMatch(/forticonform: \d+ cases — \d+ passed, 0 failed, \d+ skipped, 0 errors/);
  const report = readReport(dir);
  expect(report.target.embeddedEmulator).toBe(true);
  expect(report.target.tls).toMatch(/^FAC: verified against .*; FSM: verified against .*; FAZ: verified against /);
  expect(report.totals.checks.fail).toBe(0);
  expect(report.totals.checks.pass).toBeGreaterThan(50);
  // The emulator provides every operator prerequisite, so nothing is skipped for a missing one.
  const skipped = report.cases.filter((c) => c.outcome === 'skipped');
  // (Except the unit-wide states that exclude the ordinary one, e.g. the SSO web service disabled:
  // the emulator starts in them only when asked, emulator/fac/models/operator-states.ts.)
  const unitState = (message: string): boolean => UNIT_STATES.some((state) => message.includes(state));
  const missing = skipped.filter((c) => /operator-provided|restricted|precondition|safety level/i.test(`${c.message}`) && !unitState(`${c.message}`));
  expect(missing.map((c) => `${c.operationId} ${c.caseId}: ${c.message}`)).toEqual([]);
  const files = filesUnder(dir).map((f) => path.relative(dir, f));
  expect(files).toEqual(expect.arrayContaining(['conformance.json', 'conformance.md', 'junit.xml', 'html/index.html']));
  expect(files.some((f) => f.startsWith('allure-results/') && f.endsWith('-result.json'))).toBe(true);
  expect(readFileSync(path.join(dir, 'junit.xml'), 'utf8')).toContain('<testsuites');
});

for (const [variant, expected] of Object.entries(VARIANT_KILLS)) {
  test(`the suite catches the emulator variant ${variant}, and only it`, async () => {
    // Its run (at most 170 s, runCli) shares the 2 cores with the whole-suite runs above, which the
    // derived negative cases made longer: the test's own budget must cover the run's.
    test.setTimeout(200_000);
    const dir = tempDir(variant);
    const run = await runCli(['run', '--quiet', '--report-dir', dir, '--grep', expected.scope, '--emulator-variant', variant], cleanEnv());
    expect(run.code, run.stderr).toBe(1);
    const report = readReport(dir);
    const failing = failingChecks(report);
    expect(failing).toEqual(expect.arrayContaining(expected.includes));
    expect(failing.filter((f) => !expected.checks.includes(f.split('@')[0]!)), 'checks this variant must not fail').toEqual([]);
    const markdown = readFileSync(path.join(dir, 'conformance.md'), 'utf8');
    for (const entry of expected.includes) {
      const operationId = entry.split('@')[1]!;
      expect(markdown).toContain(`### \`${operationId}\``);
    }
    const failed = report.cases.flatMap((c) => c.checks.filter((k) => k.outcome === 'fail'));
    for (const check of failed) {
      expect(check.source).toMatch(/^(00[0-4]|facts) · /);
      expect(check.curl).toMatch(/^curl /);
    }
  });
}

test('a configured target: no secret in any file the run writes, and nothing left behind', async () => {
  // The whole run (at most 280 s), derived negative cases included, beside another run on 2 cores,
  // then every file it wrote searched for secrets.
  test.setTimeout(420_000);
  const key = 'Kk7' + 'q'.repeat(20) + 'SecretAccessKey';
  const runSecret = 'RunPassw0rd-' + 'x'.repeat(12);
  const emulator = await startEmulator({ user: 'apiadmin', key });
  // own-objects (the default): every table of the target exactly as the run found it.
  const counts = async () => (await (await fetch(`${emulator.url}/__emulator/counts`)).json()) as Record<string, number>;
  try {
    const before = await counts();
    const dir = tempDir('secrets');
    const run = await runCli(
      // Every case runs; the property tests with fewer cases each (what they send is the same kind).
      ['run', '--quiet', '--property-runs', '3', '--report-dir', dir],
      cleanEnv({ FAC_URL: emulator.url, FAC_USER: 'apiadmin', FAC_KEY: key, FORTICONFORM_RUN_SECRET: runSecret }),
      280_000,
    );
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(await counts()).toEqual(before);
    // No operator-provided extras configured (nor FAC_VERSION): the behaviours that need them are
    // skipped, not failed, each naming what is missing.
    const waiting = readReport(dir).cases.filter((c) => c.scenario && c.outcome === 'skipped');
    expect(waiting.length).toBeGreaterThan(5);
    for (const c of waiting) expect(`${c.message}`, `${c.operationId} ${c.caseId}`).toMatch(/needs operator-provided [a-z-]+|needs an administrator without|safety level|set FAC_VERSION to run it/);
    const forbidden = [key, runSecret, Buffer.from(`apiadmin:${key}`).toString('base64')];
    for (const file of filesUnder(dir)) {
      const text = readFileSync(file).toString('latin1');
      for (const secret of forbidden) expect(text.includes(secret), `${secret.slice(0, 4)}… found in ${file}`).toBe(false);
    }
    for (const secret of forbidden) expect(run.stdout + run.stderr).not.toContain(secret);
  } finally {
    await emulator.close();
  }
});

test('a URL where nothing listens fails within seconds with one clear line', async () => {
  const run = await runCli(['run'], cleanEnv({ FAC_URL: 'http://127.0.0.1:9', FAC_USER: 'admin', FAC_KEY: 'some-key-value' }), 30_000);
  expect(run.code).toBe(2);
  expect(run.ms).toBeLessThan(15_000);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).toContain('nothing is listening at http://127.0.0.1:9');
  expect(run.stderr).not.toContain('some-key-value');
});

test('a key refused while the runner is already starting: one clear line, exit 2, and the last run\'s reports untouched', async () => {
  // The runner starts alongside the preflight (cli/main.ts): it must stop before it clears or writes anything.
  const server = http.createServer((_req, res) => {
    setTimeout(() => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{}');
    }, 2_000);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const reports = tempDir('kept');
  const before = ['conformance.json', 'junit.xml', 'test-results/previous.txt', 'allure-results/previous.txt', 'html/index.html'];
  for (const file of before) {
    mkdirSync(path.dirname(path.join(reports, file)), { recursive: true });
    writeFileSync(path.join(reports, file), 'the last run');
  }
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const run = await runCli(['run', '--report-dir', reports], cleanEnv({ FAC_URL: url, FAC_USER: 'admin', FAC_KEY: 'some-key-value' }), 30_000);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringContaining('refused FAC_USER "admin" with that FAC_KEY (HTTP 401)')]);
    expect(run.stdout).toBe('');
    expect(run.stderr).not.toContain('some-key-value');
    expect(filesUnder(reports).map((f) => path.relative(reports, f)).sort()).toEqual([...before].sort());
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

for (const [name, args, env, message] of [
  ['a malformed URL', ['run'], { FAC_URL: 'not a url', FAC_USER: 'a', FAC_KEY: 'k' }, /FAC_URL is not a valid URL/],
  ['a missing key', ['run'], { FAC_URL: 'https://127.0.0.1:9' , FAC_USER: 'admin' }, /FAC_KEY is not set/],
  ['a secret on the command line', ['run', '--key=abc'], {}, /--key is refused/],
  ['an unknown flag', ['run', '--wat'], {}, /Unknown option '--wat'/],
  ['an unknown variant', ['run', '--emulator-variant', 'nope'], {}, /unknown emulator variant nope/],
  ['a bad worker count', ['run', '--workers', 'many'], {}, /--workers takes a positive whole number/],
] as const) {
  test(`bad configuration — ${name} — is one clear line and exit 2`, async () => {
    const run = await runCli([...args], cleanEnv(env as Record<string, string>), 30_000);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
}

test('a FortiAnalyzer Cloud run logs out every session it opened and targets only that product', async () => {
  const faz = await startFazEmulator();
  try {
    const dir = tempDir('faz-sessions');
    const run = await runCli(
      // Only its cases: the other products have no target, so theirs would only be skipped.
      ['run', '--quiet', '--grep', '@faz', '--report-dir', dir],
      cleanEnv({
        FAZ_URL: faz.url,
        FORTICLOUD_AUTH_URL: faz.authUrl,
        FORTICLOUD_API_USER: faz.apiUser,
        FORTICLOUD_API_PASSWORD: faz.apiPassword,
        FAZ_PROVIDED: JSON.stringify(faz.provided),
      }),
    );
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const sessions = (await (await fetch(`${faz.url}/__emulator/sessions`)).json()) as { open: number };
    expect(sessions.open).toBe(0);
    const report = readReport(dir);
    const verdicts = Object.fromEntries(report.products.map((p) => [p.product, p.verdict]));
    expect(verdicts).toEqual({ fac: 'not run', fsm: 'not run', faz: 'conforms' });
    for (const file of filesUnder(dir)) expect(readFileSync(file).toString('latin1').includes(faz.apiPassword), file).toBe(false);
  } finally {
    await faz.close();
  }
});

/**
 * Every FortiAuthenticator resource is caught by at least one deliberately broken emulator: auth not
 * enforced (every protected resource), success statuses changed (the resources that need no
 * credentials) and an unknown push session accepted (the one with no success case it can reach).
 */
test('every FortiAuthenticator resource fails at least one check on some broken emulator', async () => {
  test.setTimeout(360_000);
  const model = await loadApiModel();
  const fac = model.operations.filter((op) => op.product === 'fac');
  const resources = new Set(fac.map((op) => op.tags[0]!));
  // One operation per protected resource, with its no-credentials case: each failing case costs a
  // Playwright worker restart, so the run asks only what it needs.
  const probes = new Map<string, string>();
  // Prefer the suite's generated case (its operation surely requires credentials), then a written one.
  for (const generated of [true, false]) {
    for (const op of fac) {
      const unauthenticated = op.cases.find((c) => c.generated === generated && c.auth === 'none' && c.expect.status === 401);
      if (unauthenticated && !probes.has(op.tags[0]!)) probes.set(op.tags[0]!, `${op.operationId.replace(/\./g, '\\.')} ${unauthenticated.id}`);
    }
  }
  const runs: Array<[string, string]> = [
    ['auth-not-enforced', `fac (${[...probes.values()].join('|')})`],
    ['success-status-changed', '@oauth|@pushpoll|@root'],
    ['pushauthresp-unknown-session-accepted', '@pushauthresp'],
  ];
  const caught = new Set<string>();
  await Promise.all(
    runs.map(async ([variant, scope]) => {
      const dir = tempDir(variant);
      const run = await runCli(['run', '--quiet', '--report-dir', dir, '--grep', scope, '--emulator-variant', variant], cleanEnv(), 300_000);
      expect(run.code, run.stderr).toBe(1);
      for (const row of readReport(dir).coverage) if (row.product === 'fac' && row.checks.fail > 0) caught.add(row.resource);
    }),
  );
  expect([...resources].filter((r) => !caught.has(r)).sort()).toEqual([]);
});
