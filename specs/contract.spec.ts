/**
 * Generated contract checks: one test per documented case of every operation in `openapi/`.
 * Adding a path or an `x-cases` entry to a document adds tests here with no new code.
 */
import { apiModel, expect, test } from '../fixtures/suite.ts';
import { CASE_ATTACHMENT, describeFailures, runCase } from '../fixtures/run-case.ts';

const model = await apiModel();

for (const op of model.operations) {
  test.describe(`${op.product} ${op.operationId}`, () => {
    for (const kase of op.cases) {
      const tags = [`@${op.product}`, ...op.tags.map((t) => `@${t}`)];
      test(kase.id, { tag: tags, annotation: [{ type: 'source', description: kase.source }] }, async ({ suite, objects }, testInfo) => {
        const report = await runCase(op, kase, suite, objects);
        await testInfo.attach(CASE_ATTACHMENT, { body: JSON.stringify(report), contentType: 'application/json' });
        if (report.state === 'precondition') test.skip(true, `precondition: ${report.message}`);
        const failed = report.state !== 'ran' || report.checks.some((c) => c.outcome === 'fail');
        expect(failed, describeFailures(report)).toBe(false);
      });
    }
  });
}
