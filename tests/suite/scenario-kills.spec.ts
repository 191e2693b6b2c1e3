/**
 * Issue 5 · every documented-behaviour scenario is proven able to fail: each scenario's cases (the
 * `scenario:` ids in openapi/) pass on the faithful emulator, and fail on the emulator variant that
 * breaks exactly that rule (tests/suite/scenario-variants.ts, written independently of openapi/).
 *
 * Cases run through the suite's own case runner (`runCase`, the function every conformance test
 * calls) against emulators started in this process: one fresh emulator per variant, so a kill costs
 * milliseconds, not a Playwright run. The count is written for `npm test` to print.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { CaseReport } from '../../fixtures/run-case.ts';
import { type ApiModel, type ConformanceCase, loadApiModel, type Operation } from '../../lib/openapi.ts';
import { SchemaRegistry } from '../../lib/schemas.ts';
import { ROOT } from './cli-run.ts';
import { runCasesOnFreshEmulator } from './in-process.ts';
import { SCENARIO_VARIANTS, SCENARIOS_WITHOUT_VARIANT } from './scenario-variants.ts';

// Objects these runs create live in emulators that die with the test: nothing to journal.
process.env.FORTICONFORM_JOURNAL = 'off';
// Those emulators are disposable: run the cases that need a disposable target (x-requires) too.
process.env.FORTICONFORM_SAFETY = 'destructive';

/**
 * Catalogue entries (scenario-variants.ts) with no case in openapi/, and why: the catalogue is only
 * honest if each gap is named here, and an entry leaves this list once a case exists.
 */
const SCENARIOS_WITHOUT_CASE: Record<string, string> = {
  'mac-uniqueness': 'the guide documents no uniqueness rule for MAC devices or groups',
};

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

/** Runs the scenario's cases, in order, against a fresh emulator (faithful or one variant). */
const runScenario = (model: ApiModel, schemas: SchemaRegistry, cases: ScenarioCase[], variants: string[]): Promise<CaseReport[]> =>
  runCasesOnFreshEmulator(model, schemas, cases, variants, 'Scenario-Secret-1');

const failedChecks = (r: CaseReport) => r.checks.filter((c) => c.outcome === 'fail').map((c) => `${r.operationId}#${r.caseId} ${c.id}: ${c.message}`);

test('every scenario passes on the faithful emulator and fails on the variant that breaks its rule', async () => {
  test.setTimeout(300_000);
  const model = await loadApiModel();
  const schemas = new SchemaRegistry(model.schemaExtensions);
  const scenarios = scenarioCases(model);

  // The two independent readings name the same catalogue.
  const documented = [...scenarios.keys()].sort();
  const broken = [...Object.keys(SCENARIO_VARIANTS), ...Object.keys(SCENARIOS_WITHOUT_VARIANT)].sort();
  expect(documented.filter((id) => !broken.includes(id)), 'scenarios in openapi/ with no variant (or reason) in scenario-variants.ts').toEqual([]);
  expect(broken.filter((id) => !documented.includes(id) && !(id in SCENARIOS_WITHOUT_CASE)), 'catalogue scenarios with no case in openapi/ and no reason').toEqual([]);
  expect(Object.keys(SCENARIOS_WITHOUT_CASE).filter((id) => documented.includes(id)), 'listed as without a case, but openapi/ has one').toEqual([]);

  const results: Array<{ scenario: string; variant: string; killed: boolean; detail: string }> = [];
  const problems: string[] = [];
  for (const [scenario, cases] of [...scenarios].sort(([a], [b]) => a.localeCompare(b))) {
    const faithful = await runScenario(model, schemas, cases, []);
    for (const r of faithful) {
      if (r.state === 'ran' && failedChecks(r).length > 0) problems.push(`${scenario}: fails on the faithful emulator: ${failedChecks(r).join('; ')}`);
      if (r.state === 'unreachable') problems.push(`${scenario}: ${r.operationId}#${r.caseId} got no answer from the faithful emulator`);
    }
    const variant = SCENARIO_VARIANTS[scenario];
    if (!variant) continue;
    const reports = await runScenario(model, schemas, cases, [variant]);
    const failing = reports.flatMap(failedChecks);
    results.push({ scenario, variant, killed: failing.length > 0, detail: failing[0] ?? reports.map((r) => `${r.caseId}: ${r.state}${r.message ? ` (${r.message})` : ''}`).join(', ') });
  }
  const survivors = results.filter((r) => !r.killed).map((r) => `${r.scenario} survives ${r.variant}: ${r.detail}`);

  const summary = {
    scenarios: documented.length,
    withVariant: results.length,
    killed: results.filter((r) => r.killed).length,
    withoutVariant: SCENARIOS_WITHOUT_VARIANT,
    withoutCase: SCENARIOS_WITHOUT_CASE,
    survivors,
  };
  mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
  writeFileSync(path.join(ROOT, 'test-results', 'scenario-kills.json'), JSON.stringify(summary, null, 2));
  expect(problems, 'scenarios failing on the faithful emulator').toEqual([]);
  expect(survivors, 'scenarios their variant does not break').toEqual([]);
});
