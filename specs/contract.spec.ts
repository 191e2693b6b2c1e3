/**
 * Generated contract checks: one test per documented case of every operation in `openapi/`.
 * Adding a path or an `x-cases` entry to a document adds tests here with no new code.
 */
import { describeFailures, runCase } from '../engine/run-case.ts';
import { concludeCase, concludeCases } from '../engine/verdict.ts';
import { apiModel, test } from '../fixtures/suite.ts';
import type { Operation } from '../lib/openapi.ts';
import { POLL_INTERVAL_MS } from '../checks/steps.ts';

const model = await apiModel();

function declareOperation(op: Operation): void {
  test.describe(`${op.product} ${op.operationId}`, () => {
    // Derived negative cases (lib/negative-cases.ts) run as one test per operation: hundreds of
    // one-request tests would cost more in per-test overhead than in requests. Each is still its own
    // case in the reports, with its own fixtures made and cleaned up around it.
    const derived = op.cases.filter((kase) => kase.derived);
    if (derived.length > 0) {
      // Derived cases varying a write to an operator's object run with the disposable cases, after
      // every other case: they would otherwise change that object under the cases reading it back.
      const disposable = derived.some((k) => k.requires.includes('disposable-target')) ? ['@disposable'] : [];
      const tags = [`@${op.product}`, ...op.tags.map((t) => `@${t}`), '@derived', ...disposable];
      test('derived-negative-cases', { tag: tags, annotation: [{ type: 'source', description: `${derived.length} cases derived from the request schema` }] }, async ({ suite, objects }, testInfo) => {
        // Each case is a request or two: the time of a few tests, whatever the target's latency.
        test.setTimeout(testInfo.timeout * Math.max(1, Math.ceil(derived.length / 4)));
        const reports = [];
        for (const kase of derived) {
          reports.push(await runCase(op, kase, suite, objects));
          for (const problem of await objects.cleanup()) testInfo.annotations.push({ type: 'cleanup', description: problem });
        }
        await concludeCases(reports, testInfo, describeFailures);
      });
    }
    for (const kase of op.cases.filter((k) => !k.derived)) {
      // Cases that destroy data they did not create run in their own project, after every other
      // case (see playwright.config.ts), so they cannot pull objects from under running tests.
      const disposable = kase.requires.includes('disposable-target') ? ['@disposable'] : [];
      const tags = [`@${op.product}`, ...op.tags.map((t) => `@${t}`), ...disposable];
      test(kase.id, { tag: tags, annotation: [{ type: 'source', description: kase.source }] }, async ({ suite, objects }, testInfo) => {
        // Polled steps may wait their polls out (a 60 s lockout period): that time on top of the test's own.
        const polling = kase.steps.reduce((ms, step) => ms + (step.poll ?? 0) * POLL_INTERVAL_MS, 0);
        if (polling > 0) test.setTimeout(testInfo.timeout + polling);
        const report = await runCase(op, kase, suite, objects);
        await concludeCase(report, testInfo, describeFailures);
      });
    }
  });
}

// A settings singleton is one object: its cases change and restore it, so they run one at a time
// (in order, in one worker) instead of racing each other's restores. So do cases an operation
// marks `x-serial` (they share one operator-provided object).
const singletonPaths = new Set(model.operations.filter((op) => op.serial).map((op) => `${op.product} ${op.path}`));
for (const key of singletonPaths) {
  test.describe(`${key} (one case at a time)`, () => {
    test.describe.configure({ mode: 'default' });
    for (const op of model.operations) if (`${op.product} ${op.path}` === key) declareOperation(op);
  });
}
for (const op of model.operations) if (!singletonPaths.has(`${op.product} ${op.path}`)) declareOperation(op);
