/**
 * Issue 5 · every documented-behaviour scenario is proven able to fail: each scenario's cases (the
 * `scenario:` ids in openapi/) pass on the faithful emulator, and fail on the emulator variant that
 * breaks exactly that rule, failing exactly the checks the catalogue names (catalogue/, written
 * independently of openapi/).
 *
 * Cases run through the suite's own case runner (`runCase`, the function every conformance test
 * calls) against emulators of their product (FortiAuthenticator, FortiSIEM, FortiAnalyzer Cloud)
 * started in this process: one fresh emulator per variant, so a kill costs milliseconds, not a
 * Playwright run. The count is written for `npm test` to print.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { CaseReport } from '../../lib/report-model.ts';
import { type ApiModel, type ConformanceCase, loadApiModel, type Operation } from '../../lib/openapi.ts';
import { SchemaRegistry } from '../../lib/schemas.ts';
import { ROOT } from './cli-run.ts';
import { runCasesOnFreshEmulator } from './in-process.ts';
import { SCENARIOS } from '../../catalogue/index.ts';

// Objects these runs create live in emulators that die with the test: nothing to journal.
process.env.FORTICONFORM_JOURNAL = 'off';
// Those emulators are disposable: run the cases that need a disposable target (x-requires) too.
process.env.FORTICONFORM_SAFETY = 'destructive';

type ScenarioCase = { op: Operation; kase: ConformanceCase };

function scenarioCases(model: ApiModel): Map<string, ScenarioCase[]> {
  const byScenario = new Map<string, ScenarioCase[]>();
  for (const op of model.operations) {
    for (const kase of op.cases) {
      if (!kase.scenario) continue;
      byScenario.set(kase.scenario, [...(byScenario.get(kase.scenario) ?? []), { op, kase }]);
    }
  }
  return byScenario;
}

/** Runs the scenario's cases, in order, against a fresh emulator of their product (faithful or one
 * variant), started in the unit-wide state the rule needs (catalogue `emulatorState`), if any. */
const runScenario = (model: ApiModel, schemas: SchemaRegistry, cases: ScenarioCase[], variants: string[], state?: string): Promise<CaseReport[]> =>
  runCasesOnFreshEmulator(model, schemas, cases, variants, 'Scenario-Secret-1', state ? { states: [state] } : {});

const failedChecks = (r: CaseReport) => r.checks.filter((c) => c.outcome === 'fail').map((c) => `${r.operationId}#${r.caseId} ${c.id}: ${c.message}`);

test('every scenario passes on the faithful emulator and fails on the variant that breaks its rule', async () => {
  test.setTimeout(300_000);
  const model = await loadApiModel();
  const schemas = new SchemaRegistry(model.schemaExtensions);
  const scenarios = scenarioCases(model);

  // The two independent readings name the same catalogue.
  const documented = [...scenarios.keys()].sort();
  const catalogued = SCENARIOS.map((s) => s.id);
  expect(documented.filter((id) => !catalogued.includes(id)), 'scenarios in openapi/ missing from the catalogue').toEqual([]);
  expect(SCENARIOS.filter((s) => !documented.includes(s.id) && !s.withoutCase).map((s) => s.id), 'catalogue scenarios with no case in openapi/ and no reason').toEqual([]);
  expect(SCENARIOS.filter((s) => s.withoutCase && documented.includes(s.id)).map((s) => s.id), 'catalogued as without a case, but openapi/ has one').toEqual([]);
  expect(SCENARIOS.filter((s) => !s.variant && !s.withoutVariant).map((s) => s.id), 'catalogue scenarios with neither a variant nor a reason').toEqual([]);

  const results: Array<{ scenario: string; variant: string; killed: boolean; detail: string; checks: string[] }> = [];
  const problems: string[] = [];
  for (const [scenario, cases] of [...scenarios].sort(([a], [b]) => a.localeCompare(b))) {
    const entry = SCENARIOS.find((s) => s.id === scenario)!;
    const faithful = await runScenario(model, schemas, cases, [], entry.emulatorState);
    for (const r of faithful) {
      if (r.state === 'ran' && failedChecks(r).length > 0) problems.push(`${scenario}: fails on the faithful emulator: ${failedChecks(r).join('; ')}`);
      if (r.state === 'unreachable') problems.push(`${scenario}: ${r.operationId}#${r.caseId} got no answer from the faithful emulator`);
    }
    for (const variant of [...(entry.variant ? [entry.variant] : []), ...(entry.alsoBrokenBy ?? [])]) {
      const reports = await runScenario(model, schemas, cases, [variant], entry.emulatorState);
      const failing = reports.flatMap(failedChecks);
      const checks = [...new Set(reports.flatMap((r) => r.checks.filter((c) => c.outcome === 'fail').map((c) => c.id)))].sort();
      if (failing.length > 0 && checks.join() !== [...(entry.mustFail ?? [])].sort().join()) problems.push(`${scenario} on ${variant}: fails ${checks.join(', ')}; the catalogue says ${entry.mustFail?.join(', ')}`);
      results.push({ scenario, variant, killed: failing.length > 0, checks, detail: failing[0] ?? reports.map((r) => `${r.caseId}: ${r.state}${r.message ? ` (${r.message})` : ''}`).join(', ') });
    }
  }
  const survivors = results.filter((r) => !r.killed).map((r) => `${r.scenario} survives ${r.variant}: ${r.detail}`);

  const summary = {
    scenarios: documented.length,
    withVariant: results.length,
    killed: results.filter((r) => r.killed).length,
    withoutVariant: Object.fromEntries(SCENARIOS.filter((s) => s.withoutVariant && documented.includes(s.id)).map((s) => [s.id, s.withoutVariant])),
    withoutCase: Object.fromEntries(SCENARIOS.filter((s) => s.withoutCase).map((s) => [s.id, s.withoutCase])),
    survivors,
    failingChecks: Object.fromEntries(results.map((r) => [`${r.scenario} ${r.variant}`, r.checks])),
  };
  mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
  writeFileSync(path.join(ROOT, 'test-results', 'scenario-kills.json'), JSON.stringify(summary, null, 2));
  expect(problems, 'scenarios failing on the faithful emulator, or failing other checks than the catalogue names').toEqual([]);
  expect(survivors, 'scenarios their variant does not break').toEqual([]);
});
