/**
 * Property-based tests of filtering, paging, ordering and formats, for every list operation that
 * documents `x-filters`, as planned by `planProperties` (lib/property-plan.ts). The properties are
 * registered checks (checks/properties/); this file only wires them to Playwright: one describe per
 * list, its data set built once (checks/properties/context.ts: a seeded data set of the suite's own,
 * or the rows the list already holds), one test per list whose property checks run side by side
 * and are each reported as a case of their own. A failure prints the seed, the
 * shrunk counterexample and the request that showed it; `--seed` (FORTICONFORM_SEED) replays a run
 * and FORTICONFORM_PROPERTY_RUNS sets the number of cases per property (default 15; the lookup
 * property runs that many per documented field and lookup on the suite's own data, per documented
 * field on observed rows).
 */
import { PropertyContext, PropertyEnd, PropertyNotPlanned, type PropertyCheck, type PropertyOutcome } from '../checks/properties/context.ts';
import { PROPERTY_CHECKS } from '../checks/properties/registry.ts';
import { CaseVerdicts } from '../engine/verdict.ts';
import { apiModel, test } from '../fixtures/suite.ts';
import type { Product } from '../lib/config.ts';
import { toCurl } from '../lib/curl.ts';
import { BY_CASE_TAG, CASE_ANNOTATION, type CaseReport, type CheckReport } from '../lib/report-model.ts';
import { mapConcurrent } from '../lib/concurrent.ts';
import { planProperties } from '../lib/property-plan.ts';
import { redactValue } from '../lib/redact.ts';
import { safetyLevel } from '../lib/safety.ts';
import { maxInFlight, runOptions } from '../lib/run-options.ts';

const { seed, propertyRuns: runs, runId, runSecret: secret, propertyPath, grep } = runOptions();
const SETTINGS = { seed, runs, runId, secret, ...(propertyPath ? { path: propertyPath } : {}) };

/** One property's verdict as a case report of the list's operation. */
function propertyReport(ctx: PropertyContext, check: PropertyCheck, outcome: PropertyOutcome): CaseReport {
  const { id, title, source, caseId } = check;
  const checkReport: CheckReport = outcome.skip
    ? { id, title, source, outcome: 'skip', message: outcome.skip }
    : outcome.finding
      ? { id, title, source, outcome: 'fail', message: `${outcome.finding.message} — ${outcome.details ?? ''}`.trim(), curl: toCurl(ctx.client, outcome.finding.request) }
      : { id, title, source, outcome: 'pass', message: `held for ${SETTINGS.runs} cases (seed ${SETTINGS.seed})${outcome.note ?? ''}` };
  const op = ctx.op;
  return redactValue({
    product: op.product,
    operationId: op.operationId,
    method: 'GET',
    path: op.path,
    caseId,
    summary: title,
    source,
    tags: op.tags,
    permission: op.permission,
    state: outcome.skip ? 'precondition' : 'ran',
    message: outcome.skip ?? (checkReport.outcome !== 'pass' ? checkReport.message : undefined),
    checks: [checkReport],
  });
}

/** The failure text of a property: its check, the shrunk counterexample's message, the request that showed it. */
const describeProperty = (report: CaseReport) =>
  report.checks.map((c) => `[${c.id}] ${report.operationId} › ${report.caseId}: ${c.message}\n  Source: ${c.source}\n  Reproduce with: ${c.curl}`).join('\n\n');

const model = await apiModel();
const plans = planProperties(model, { safety: safetyLevel() });
const FILE = 'properties.spec.ts';
const only = grep ? new RegExp(grep) : undefined;

for (const plan of plans) {
  const op = plan.op;
  const describe = `${op.product} ${op.operationId} properties`;
  const tags = [`@${op.product}`, '@properties', ...op.tags.map((t) => `@${t}`)];
  // `--grep` selects properties as it did when each was a test of its own (specs/contract.spec.ts).
  const checks = PROPERTY_CHECKS.filter((check) => !only || only.test([FILE, describe, check.testTitle, ...tags].join(' ')));
  if (checks.length === 0) continue;
  test.describe(describe, () => {
    // One test per list: its data set is built once, its properties (read-only queries on it) run
    // side by side up to the in-flight cap, each reported as its own case, and a failing property
    // does not stop the others.
    const annotation = [{ type: 'source', description: `${checks.length} properties of ${op.path}` }, ...checks.map((c) => ({ type: CASE_ANNOTATION, description: c.caseId }))];
    test('properties', { tag: [...tags, BY_CASE_TAG], annotation }, async ({ suite }, testInfo) => {
      test.skip(!suite.clients[op.product as Product], `no ${op.product.toUpperCase()} target is configured in this run`);
      test.setTimeout(testInfo.timeout * checks.length);
      const ctx = await PropertyContext.prepare(suite, plan, SETTINGS);
      try {
        // Judged (known deviations included) and attached as each ends, like every other case.
        const verdicts = new CaseVerdicts(testInfo, describeProperty);
        await mapConcurrent(checks, maxInFlight(), async (check) => {
          let outcome: PropertyOutcome;
          try {
            outcome = await check.run(ctx);
          } catch (error) {
            // Not planned for this list: skipped, naming why, like a case missing a precondition.
            if (error instanceof PropertyNotPlanned) return verdicts.add({ ...propertyReport(ctx, check, { skip: error.message }), checks: [] });
            if (!(error instanceof PropertyEnd)) throw error;
            outcome = error.outcome;
          }
          return verdicts.add(propertyReport(ctx, check, outcome));
        });
        verdicts.conclude();
      } finally {
        await ctx.cleanup();
      }
    });
  });
}
