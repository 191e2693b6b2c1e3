/**
 * Generated contract checks: one test per documented case of every operation in `openapi/`.
 * Adding a path or an `x-cases` entry to a document adds tests here with no new code.
 */
import { describeFailures, runCase } from '../engine/run-case.ts';
import { concludeCase } from '../engine/verdict.ts';
import { apiModel, test } from '../fixtures/suite.ts';
import type { Operation } from '../lib/openapi.ts';

const model = await apiModel();

function declareOperation(op: Operation): void {
  test.describe(`${op.product} ${op.operationId}`, () => {
    for (const kase of op.cases) {
      // Cases that destroy data they did not create run in their own project, after every other
      // case (see playwright.config.ts), so they cannot pull objects from under running tests.
      const disposable = kase.requires.includes('disposable-target') ? ['@disposable'] : [];
      const tags = [`@${op.product}`, ...op.tags.map((t) => `@${t}`), ...disposable];
      test(kase.id, { tag: tags, annotation: [{ type: 'source', description: kase.source }] }, async ({ suite, objects }, testInfo) => {
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
