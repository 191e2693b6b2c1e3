/**
 * Issue 13 · product versions: the cases a document or fact ties to a release range (`x-versions`)
 * or whose answer depends on the release (`expect.byVersion`) switch with the release judged. Each
 * product's version-specific cases run against its emulator started as two releases
 * (FortiAuthenticator 6.3.1 and 8.0.1, FortiSIEM 7.5.0 and 7.5.1): 0 failed on both, every
 * `x-versions` case runs on exactly the releases its range names (skipped, "out of range", on the
 * others), and every `byVersion` case runs on both, judged by the answer of each. The release is the
 * variant that proves they can fail: judged as the other release (FAC_VERSION 8.0.1 against a 6.3.1
 * unit, and back), the FortiAuthenticator cases that differ fail;
 * a rule both releases' emulators keep (8.0.x answering the root without credentials) has its own
 * variant (version-variants.ts).
 * One small CLI run shows `--fac-version` end to end, and a bad version string is exit 2.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { versionInRange } from '../../lib/versions.ts';
import type { Product } from '../../lib/config.ts';
import type { CaseReport } from '../../lib/report-model.ts';
import { type ApiModel, type ConformanceCase, loadApiModel, type Operation } from '../../lib/openapi.ts';
import { SchemaRegistry } from '../../lib/schemas.ts';
import { cleanEnv, readReport, runCli } from './cli-run.ts';
import { runCasesOnFreshEmulator } from './in-process.ts';
import { VERSION_VARIANTS } from './version-variants.ts';

process.env.FORTICONFORM_JOURNAL = 'off';
process.env.FORTICONFORM_SAFETY = 'own-objects';

type Versioned = { op: Operation; kase: ConformanceCase };

/** The two releases each product's self-test starts its emulator as. */
const RELEASES: Partial<Record<Product, [string, string]>> = { fac: ['6.3.1', '8.0.1'], fsm: ['7.5.0', '7.5.1'] };

const key = (r: { operationId: string; caseId: string }) => `${r.operationId}#${r.caseId}`;
const failures = (r: CaseReport) => (r.state === 'ran' ? r.checks.filter((c) => c.outcome === 'fail').map((c) => `${key(r)} ${c.id}: ${c.message}`) : r.state === 'precondition' ? [] : [`${key(r)} ${r.state}: ${r.message}`]);

/** The documented cases whose running or answer depends on the release: `x-versions` or `expect.byVersion`. */
function versionedCases(model: ApiModel, product: Product): Versioned[] {
  return model.operations.flatMap((op) => (op.product === product ? op.cases.filter((k) => (typeof k.versions === 'string' || k.expect.byVersion !== undefined) && !k.generated).map((kase) => ({ op, kase })) : []));
}

/** Whether the case runs on `release` at all (a `byVersion` case without `x-versions` runs on every one). */
const runsOn = (kase: ConformanceCase, release: string) => kase.versions === undefined || versionInRange(release, kase.versions);

/** Runs `cases` (one product's) against its emulator answering as `release` (with `variants`), judged as `judged` (default: the same release). */
async function runAs(model: ApiModel, schemas: SchemaRegistry, cases: Versioned[], release: string, judged = release, variants: string[] = []): Promise<CaseReport[]> {
  if (cases.length === 0) return [];
  return runCasesOnFreshEmulator(model, schemas, cases, variants, 'Versions-Secret-1', { release, judgedAs: judged });
}

test('version-specific cases run on the releases their range names, skip on the others, and pass on both', async () => {
  test.setTimeout(180_000);
  const model = await loadApiModel();
  const schemas = new SchemaRegistry(model.schemaExtensions);
  const summary: string[] = [];
  for (const [product, releases] of Object.entries(RELEASES) as Array<[Product, [string, string]]>) {
    const cases = versionedCases(model, product);
    expect(cases.length, `${product}: cases with x-versions or byVersion`).toBeGreaterThan(0);
    const ranOn = new Map<string, string[]>();
    for (const release of releases) {
      const reports = await runAs(model, schemas, cases, release);
      expect(reports.flatMap(failures), `${product} ${release}: version-specific cases failing`).toEqual([]);
      for (const r of reports) {
        const kase = cases.find((c) => key({ operationId: c.op.operationId, caseId: c.kase.id }) === key(r))!.kase;
        const inRange = runsOn(kase, release);
        // In range: it ran (or was skipped for another reason than the version); out of range: skipped naming it.
        if (inRange) expect(r.message ?? '', `${key(r)} on ${release}`).not.toContain('out of range');
        else expect(r, `${key(r)} (${kase.versions}) on ${release}`).toMatchObject({ state: 'precondition', message: expect.stringContaining('out of range') });
        // A byVersion case is judged by its release's answer, and its status check says which.
        if (kase.expect.byVersion && r.state === 'ran') expect(r.checks.find((c) => c.id === 'status')?.message ?? '', `${key(r)} on ${release}`).toContain(`VERSION ${release}`);
        if (r.state === 'ran') ranOn.set(key(r), [...(ranOn.get(key(r)) ?? []), release]);
      }
    }
    // Switching: some case runs on each release only where the documents give one (FortiSIEM 7.5.0 has none of its own).
    const only = (release: string) => [...ranOn].filter(([, on]) => on.length === 1 && on[0] === release).map(([k]) => k);
    expect(only(releases[1]).length, `${product}: cases run on ${releases[1]} only`).toBeGreaterThan(0);
    if (product === 'fac') expect(only(releases[0]).length, `fac: cases run on ${releases[0]} only`).toBeGreaterThan(0);
    // A status keyed by release: the case runs (and passes) on both.
    const keyed = cases.filter((c) => c.kase.expect.byVersion && c.kase.versions === undefined && c.kase.requires.length === 0).map((c) => key({ operationId: c.op.operationId, caseId: c.kase.id }));
    if (product === 'fac') expect(keyed.length, 'fac: cases whose status is keyed by release').toBeGreaterThan(0);
    for (const k of keyed) expect(ranOn.get(k), `${k}: releases it ran on`).toEqual(releases);
    summary.push(`${product}: ${cases.length} version-specific cases; ${releases[0]} only: ${only(releases[0]).length}, ${releases[1]} only: ${only(releases[1]).length}, status keyed by release: ${keyed.length}`);
  }
  test.info().annotations.push({ type: 'versions', description: summary.join('; ') });
});

test('judged as the other release, the FortiAuthenticator cases whose answers differ fail (the release is their variant)', async () => {
  test.setTimeout(120_000);
  const model = await loadApiModel();
  const schemas = new SchemaRegistry(model.schemaExtensions);
  // The localusers creates: 201 + Location on 6.3.1, 207 + list on 8.0.x (facts). Those needing an
  // operator-provided object are skipped either way.
  const creates = versionedCases(model, 'fac').filter((c) => c.op.operationId === 'localusers.create' && c.kase.requires.length === 0);
  expect(creates.length).toBeGreaterThan(1);
  for (const [release, judged] of [['6.3.1', '8.0.1'], ['8.0.1', '6.3.1']] as const) {
    const mine = creates.filter((c) => runsOn(c.kase, judged));
    expect(mine.length, `cases documented for ${judged}`).toBeGreaterThan(0);
    const reports = await runAs(model, schemas, mine, release, judged);
    const survivors = reports.filter((r) => r.state !== 'ran' || r.checks.every((c) => c.outcome !== 'fail')).map(key);
    expect(survivors, `cases for ${judged} that pass against a ${release} emulator`).toEqual([]);
  }
});

test('with no release stated, a status keyed by release is not judged: either release passes, and the status check says so', async () => {
  const model = await loadApiModel();
  const schemas = new SchemaRegistry(model.schemaExtensions);
  const keyed = versionedCases(model, 'fac').filter((c) => c.kase.expect.byVersion && c.kase.versions === undefined && c.kase.requires.length === 0);
  expect(keyed.length).toBeGreaterThan(0);
  for (const release of RELEASES.fac!) {
    const reports = await runCasesOnFreshEmulator(model, schemas, keyed, [], 'Versions-Secret-1', { release, judgedAs: null });
    expect(reports.flatMap(failures), `unjudged on a ${release} emulator`).toEqual([]);
    for (const r of reports) expect(r.checks.find((c) => c.id === 'status')?.message ?? '', `${key(r)} on ${release}`).toMatch(/FAC_VERSION not set, so the release is not judged: \d+ taken as the/);
  }
});

test('each variant breaking a rule of one release fails that rule\'s cases on that release', async () => {
  const model = await loadApiModel();
  const schemas = new SchemaRegistry(model.schemaExtensions);
  for (const [variant, { product, release, cases: ids }] of Object.entries(VERSION_VARIANTS)) {
    const cases = versionedCases(model, product).filter((c) => ids.includes(`${c.op.operationId}#${c.kase.id}`));
    expect(cases.map((c) => `${c.op.operationId}#${c.kase.id}`).sort(), `${variant}: its cases`).toEqual([...ids].sort());
    expect((await runAs(model, schemas, cases, release)).flatMap(failures), `${variant}'s cases on the faithful ${release}`).toEqual([]);
    const broken = await runAs(model, schemas, cases, release, release, [variant]);
    expect(broken.filter((r) => failures(r).length === 0).map(key), `${variant}: cases that still pass`).toEqual([]);
  }
});

test('--fac-version runs the embedded emulator as that release and the report names it; a bad version is exit 2', async () => {
  test.setTimeout(180_000);
  const bad = await runCli(['run', '--fac-version', '8.x'], cleanEnv());
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('FAC_VERSION takes a release number');
  expect(bad.stderr).not.toMatch(/\n\s+at /); // no stack trace

  const dir = mkdtempSync(path.join(tmpdir(), 'fc-versions-'));
  const run = await runCli(['run', '--quiet', '--fac-version', '8.0.1', '--report-dir', dir, '--grep', '^(?!.*@derived).*localusers\\.create'], cleanEnv());
  expect(run.code, run.stdout + run.stderr).toBe(0);
  const report = readReport(dir);
  expect(report.products.find((p) => p.product === 'fac')?.version).toBe('8.0.1');
  const outcome = (caseId: string) => report.cases.find((c) => c.operationId === 'localusers.create' && c.caseId === caseId)?.outcome;
  // One case for both releases: passed on 8.0.1 with its 207; the 6.3.1-only FTM seed case skipped.
  expect(outcome('create-minimal')).toBe('passed');
  expect(outcome('create-ftm-returnseed')).toBe('skipped');
});
