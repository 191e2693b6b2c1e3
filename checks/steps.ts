/**
 * The later moves of a documented flow (`steps:` of a case, see `openapi/CONVENTIONS.md`): after the
 * case's own request answered as documented, each step is sent (`repeat` times, or polled until it
 * answers as expected) and must answer its own documented status and values.
 */
import { parseJson, type ApiRequest } from '../lib/http.ts';
import type { CaseStep } from '../lib/openapi.ts';
import { registerSecretFields } from '../lib/redact.ts';
import { renderTemplates } from '../lib/template.ts';
import { answeredAsExpected, valueAt } from './response.ts';
import { type Check, type CheckContext, type CheckResult, fail, pass } from '../lib/check.ts';

/** Pause between two polls of a `poll` step (a push approval, say). */
export const POLL_INTERVAL_MS = 500;

/** Why an answer is not the step's expected one, or undefined when it is. */
function mismatch(step: CaseStep, expectJson: Record<string, unknown> | undefined, status: number, answer: unknown): Omit<CheckResult, 'outcome' | 'request'> | undefined {
  if (status !== step.expect.status) return { message: `answered ${status}`, expected: step.expect.status, actual: status };
  for (const [pointer, expected] of Object.entries(expectJson ?? {})) {
    const actual = valueAt(answer, pointer);
    if (JSON.stringify(actual) !== JSON.stringify(expected)) return { message: `at ${pointer}: expected ${JSON.stringify(expected)}, received ${JSON.stringify(actual)}`, pointer, expected, actual };
  }
  return undefined;
}

async function runStep(ctx: CheckContext, step: CaseStep, label: string): Promise<CheckResult | undefined> {
  let request: ApiRequest;
  let expectJson: Record<string, unknown> | undefined;
  try {
    request = (await renderTemplates(step.call, ctx.scope)) as unknown as ApiRequest;
    expectJson = step.expect.json === undefined ? undefined : ((await renderTemplates(step.expect.json, ctx.scope)) as Record<string, unknown>);
  } catch (error) {
    // A template naming a field an earlier answer lacks: that answer was not as documented.
    return fail(`${label} cannot be made: ${(error as Error).message}`);
  }
  const sends = step.poll ?? step.repeat;
  for (let attempt = 1; attempt <= sends; attempt++) {
    const response = await ctx.client.send({ ...request, retry: false });
    const answer = parseJson(response.text);
    const wrong = mismatch(step, expectJson, response.status, answer);
    if (wrong && step.poll !== undefined && attempt < sends) {
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
      continue;
    }
    if (wrong) {
      const when = step.poll !== undefined ? ` after ${sends} polls` : step.repeat > 1 ? ` on send ${attempt} of ${step.repeat}` : '';
      const { message, ...details } = wrong;
      return fail(`${label} (${request.method} ${request.path})${when}: ${message}`, { ...details, request });
    }
    if (step.poll !== undefined || attempt === sends) {
      if (step.name && typeof answer === 'object' && answer !== null) {
        // Tokens and challenge answers obtained this way are secrets too.
        registerSecretFields(answer);
        ctx.scope.steps![step.name] = answer as Record<string, unknown>;
      }
      return undefined;
    }
  }
  return undefined;
}

export const stepsCheck: Check = {
  id: 'follow-up-steps',
  title: 'The documented flow continues as documented: each follow-up request answers its documented status and values',
  source: (ctx) => ctx.kase.source,
  applies: (ctx) => ctx.kase.steps.length > 0 && answeredAsExpected(ctx),
  async run(ctx) {
    ctx.scope.steps ??= {};
    for (const [i, step] of ctx.kase.steps.entries()) {
      const failed = await runStep(ctx, step, `step ${i + 1}${step.name ? ` (${step.name})` : ''}`);
      if (failed) return failed;
    }
    return pass();
  },
};
