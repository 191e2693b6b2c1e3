/**
 * The generated contract cases of every operation in `openapi/`, declared as Playwright tests by
 * specs/contract.spec.ts and specs/shared-state.spec.ts (see there for why two files).
 *
 * An operation's cases (its documented ones and those derived from its request schema) run as one
 * Playwright test, "cases", side by side up to the run's in-flight cap: against a slow target a
 * test per one-request case costs as much in Playwright's per-test work (its fixture steps capture
 * stacks) as in waiting, and one worker sending one request at a time leaves the cap's other
 * slots idle. Each case still has its own fixtures, made and cleaned up around it, and its own
 * report and verdict (the conformance reporter lists every case; JUnit and Allure have one entry
 * per operation, whose failure names each failing case). `--grep` selects cases, not tests: it is
 * matched against each case's own title path and tags (derived cases are also @derived), as it was
 * when each case was a test of contract.spec.ts.
 */
import { mapConcurrent } from '../lib/concurrent.ts';
import { aheadInLine } from '../lib/in-flight.ts';
import { describeFailures, runCase } from '../engine/run-case.ts';
import { CaseVerdicts, concludeCase } from '../engine/verdict.ts';
import { apiModel, test } from '../fixtures/suite.ts';
import type { ConformanceCase, Operation } from '../lib/openapi.ts';
import { BY_CASE_TAG, CASE_ANNOTATION } from '../lib/report-model.ts';
import { maxInFlight, runOptions } from '../lib/run-options.ts';
import { POLL_INTERVAL_MS } from '../checks/steps.ts';

const model = await apiModel();
const FILE = 'contract.spec.ts';
const { grep } = runOptions();
const only = grep ? new RegExp(grep) : undefined;
/** Cases of one test side by side: enough to keep the run's whole cap busy from one worker. */
const together = maxInFlight();

/** How many polls the cases' steps may wait out at most (POLL_INTERVAL_MS apart). */
const pollsOf = (cases: ConformanceCase[]): number => cases.reduce((n, kase) => n + kase.steps.reduce((m, step) => m + (step.poll ?? 0), 0), 0);

export function declareOperation(op: Operation, outer: string[], serial: boolean): void {
  const describe = `${op.product} ${op.operationId}`;
  const tagsOf = (...more: string[]) => [`@${op.product}`, ...op.tags.map((t) => `@${t}`), ...more];
  // What Playwright's own --grep would have matched had the case been its own test.
  const selected = (kase: ConformanceCase, tags: string[]) => !only || only.test([FILE, ...outer, describe, kase.id, ...tags].join(' '));

  /** One test judging `cases`: each with its own registry, at most `together` at once (in order, one at a time, on a serial operation). */
  const group = (title: string, cases: ConformanceCase[], tags: string[], source: string) => {
    if (cases.length === 0) return;
    const annotation = [{ type: 'source', description: source }, ...cases.map((k) => ({ type: CASE_ANNOTATION, description: k.id }))];
    test(title, { tag: [...tags, BY_CASE_TAG], annotation }, async ({ suite, newObjects }, testInfo) => {
      // Each case is a request or a few: the time of a few tests, whatever the target's latency;
      // polled steps may wait their polls out (a 60 s lockout period): that time on top.
      test.setTimeout(testInfo.timeout * Math.max(1, Math.ceil(cases.length / 4)) + pollsOf(cases) * POLL_INTERVAL_MS);
      const verdicts = new CaseVerdicts(testInfo, describeFailures);
      const runAll = () => mapConcurrent(cases, serial ? 1 : together, async (kase) => {
        const objects = newObjects();
        let report;
        try {
          report = await runCase(op, kase, suite, objects);
        } finally {
          for (const problem of await objects.cleanup()) testInfo.annotations.push({ type: 'cleanup', description: `${kase.id}: ${problem}` });
        }
        // Judged and attached now: a test the time budget cuts short still reports what it finished.
        await verdicts.add(report);
      });
      // One request at a time is the run's longest chain: its requests go first (lib/in-flight.ts).
      await (serial ? aheadInLine(runAll) : runAll());
      verdicts.conclude();
    });
  };

  test.describe(describe, () => {
    // A case's own tags: its derived negative cases (lib/negative-cases.ts) are also @derived.
    const disposable = (k: ConformanceCase) => k.requires.includes('disposable-target');
    const caseTags = (k: ConformanceCase) => [...(k.derived ? tagsOf('@derived') : tagsOf()), ...(disposable(k) ? ['@disposable'] : [])];
    const cases = op.cases.filter((k) => !disposable(k) && selected(k, caseTags(k)));
    const derived = cases.filter((k) => k.derived).length;
    const source = `${cases.length - derived} documented cases${derived ? `, ${derived} derived from the request schema` : ''}`;
    group('cases', cases, derived > 0 ? tagsOf('@derived') : tagsOf(), source);
    // Derived cases varying a write to an operator's object run with the disposable cases, after
    // every other case: they would otherwise change that object under the cases reading it back.
    const disposableDerived = op.cases.filter((k) => k.derived && disposable(k) && selected(k, caseTags(k)));
    group('disposable-derived-cases', disposableDerived, tagsOf('@derived', '@disposable'), `${disposableDerived.length} derived cases that need a disposable target`);
    // Cases that destroy data they did not create stay tests of their own: with --safety
    // destructive they run in their own project, after every other case (playwright.config.ts),
    // so they cannot pull objects from under running tests.
    for (const kase of op.cases.filter((k) => !k.derived && k.requires.includes('disposable-target'))) {
      test(kase.id, { tag: tagsOf('@disposable'), annotation: [{ type: 'source', description: kase.source }] }, async ({ suite, objects }, testInfo) => {
        const report = await runCase(op, kase, suite, objects);
        await concludeCase(report, testInfo, describeFailures);
      });
    }
  });
}

// Operations that share state run in one group, one case at a time (in order, in one worker),
// instead of racing each other: every operation on the path of a settings singleton or of an
// operation marked `x-serial` (they change and restore one object), and every operation using an
// operator-provided object that some case changes and restores (`restore: true` on it: a PATCH
// that gives an LDAP user an FTM token must not meet the e-mail token code sent to that user).
const providedIn = (value: unknown) => [...JSON.stringify(value ?? {}).matchAll(/\{\{\s*provided\.([A-Za-z0-9_-]+)\./g)].map((m) => m[1]!);
const provided = (op: Operation) => new Set(providedIn(op.cases));
const changedProvided = new Set(model.operations.flatMap((op) => op.cases.filter((k) => k.restore).flatMap((k) => providedIn(k.path))));
const serialPaths = new Set(model.operations.filter((op) => op.serial).map((op) => `${op.product} ${op.path}`));
const sharedKeys = (op: Operation) => [
  ...(serialPaths.has(`${op.product} ${op.path}`) ? [`${op.product} ${op.path}`] : []),
  ...[...provided(op)].filter((name) => changedProvided.has(name)).map((name) => `${op.product} provided ${name}`),
];
// Operations sharing a key, transitively, form one group (named by its keys).
const groupOf = new Map<string, string[]>();
for (const op of model.operations) {
  const keys = sharedKeys(op);
  if (keys.length === 0) continue;
  const merged = [...new Set([...keys, ...keys.flatMap((k) => groupOf.get(k) ?? [])])].sort();
  for (const key of merged) groupOf.set(key, merged);
}
const groups = new Map<string, Operation[]>();
for (const op of model.operations) {
  const keys = sharedKeys(op);
  if (keys.length === 0) continue;
  const name = groupOf.get(keys[0]!)!.join(' + ');
  groups.set(name, [...(groups.get(name) ?? []), op]);
}
/** Declares the operations that share state as one group, one case at a time (in order, in one worker). */
export const declareGroup = (name: string, ops: Operation[]) => {
  const outer = `${name} (one case at a time)`;
  test.describe(outer, () => {
    test.describe.configure({ mode: 'default' });
    for (const op of ops) declareOperation(op, [outer], true);
  });
};

const pollingOf = (ops: Operation[]) => pollsOf(ops.flatMap((op) => op.cases));
/** Groups whose cases wait out polls (a 60 s lockout period), longest first. */
export const waitingGroups = [...groups].filter(([, ops]) => pollingOf(ops) > 0).sort(([, a], [, b]) => pollingOf(b) - pollingOf(a));
/** The other one-at-a-time groups: one slot each. */
export const oneAtATimeGroups = [...groups].filter(([, ops]) => pollingOf(ops) === 0);
/** Operations sharing nothing: their cases fill the whole cap side by side. */
export const independentOperations = model.operations.filter((op) => sharedKeys(op).length === 0);
