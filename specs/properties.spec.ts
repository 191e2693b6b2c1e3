/**
 * Property-based tests of filtering, paging, ordering and formats, for every list operation that
 * documents `x-filters`, as planned by `planProperties` (lib/property-plan.ts). The properties are
 * registered checks (checks/properties/); this file only wires them to Playwright: one describe per
 * list, its data set built once (checks/properties/context.ts: a seeded data set of the suite's own,
 * or the rows the list already holds), one test per property check. A failure prints the seed, the
 * shrunk counterexample and the request that showed it; `--seed` (FORTICONFORM_SEED) replays a run
 * and FORTICONFORM_PROPERTY_RUNS sets the number of cases per property (default 15; the lookup
 * property runs that many per documented field and lookup on the suite's own data, per documented
 * field on observed rows).
 */
import type { TestInfo } from '@playwright/test';
import { PropertyContext, PropertyEnd, PropertyNotPlanned, type PropertyCheck, type PropertyOutcome } from '../checks/properties/context.ts';
import { PROPERTY_CHECKS } from '../checks/properties/registry.ts';
import { concludeCase } from '../engine/verdict.ts';
import { apiModel, test } from '../fixtures/suite.ts';
import type { Product } from '../lib/config.ts';
import { toCurl } from '../lib/curl.ts';
import type { CaseReport, CheckReport } from '../lib/report-model.ts';
import { planProperties } from '../lib/property-plan.ts';
import { redactValue } from '../lib/redact.ts';
import { safetyLevel } from '../lib/safety.ts';
import { runOptions } from '../lib/run-options.ts';

const { seed, propertyRuns: runs, runId, runSecret: secret, propertyPath } = runOptions();
const SETTINGS = { seed, runs, runId, secret, ...(propertyPath ? { path: propertyPath } : {}) };

/** Records one property's verdict in the conformance report and fails the test on a finding. */
async function conclude(testInfo: TestInfo, ctx: PropertyContext, check: PropertyCheck, outcome: PropertyOutcome): Promise<void> {
  const { id, title, source, caseId } = check;
  const checkReport: CheckReport = outcome.skip
    ? { id, title, source, outcome: 'skip', message: outcome.skip }
    : outcome.finding
      ? { id, title, source, outcome: 'fail', message: `${outcome.finding.message} — ${outcome.details ?? ''}`.trim(), curl: toCurl(ctx.client, outcome.finding.request) }
      : { id, title, source, outcome: 'pass', message: `held for ${SETTINGS.runs} cases (seed ${SETTINGS.seed})${outcome.note ?? ''}` };
  const op = ctx.op;
  const kase: CaseReport = redactValue({
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
  // Attached, skipped or judged (known deviations included) like every other case.
  await concludeCase(kase, testInfo, () => `[${id}] ${op.operationId} › ${caseId}: ${checkReport.message}\n  Source: ${source}\n  Reproduce with: ${checkReport.curl}`);
}

const model = await apiModel();
const plans = planProperties(model, { safety: safetyLevel() });

for (const plan of plans) {
  const op = plan.op;
  test.describe(`${op.product} ${op.operationId} properties`, () => {
    // One data set per resource, built once: the properties run in order in one worker, and a failing
    // property does not stop the others.
    test.describe.configure({ mode: 'default' });
    const tags = [`@${op.product}`, '@properties', ...op.tags.map((t) => `@${t}`)];
    let ctx: PropertyContext;

    test.beforeAll(async ({ suite }) => {
      test.skip(!suite.clients[op.product as Product], `no ${op.product.toUpperCase()} target is configured in this run`);
      ctx = await PropertyContext.prepare(suite, plan, SETTINGS);
    });
    test.afterAll(async () => {
      await ctx?.cleanup();
    });

    for (const check of PROPERTY_CHECKS) {
      test(check.testTitle, { tag: tags, annotation: [{ type: 'source', description: check.source }] }, async ({}, testInfo) => {
        let outcome: PropertyOutcome;
        try {
          outcome = await check.run(ctx);
        } catch (error) {
          if (error instanceof PropertyNotPlanned) test.skip(true, error.message);
          if (!(error instanceof PropertyEnd)) throw error;
          outcome = error.outcome;
        }
        await conclude(testInfo, ctx, check, outcome);
      });
    }
  });
}
