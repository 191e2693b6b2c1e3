/**
 * Issue 12 · every documented limit is a negative case. An independent walk of every request schema
 * in openapi/ finds each constraint keyword; each must have a derived case (lib/negative-cases.ts:
 * one on its pointer, on its field and keyword, or one whose rule `covers` it) or a stated reason
 * why none can be derived (`x-not-derived`, a document without an invalid-input answer, no
 * documented success case to vary). Prints `constraints: N, derived cases: M`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { enumerateConstraints } from '../../lib/negative-cases.ts';
import { loadApiModel } from '../../lib/openapi.ts';
import { ROOT } from '../suite/cli-run.ts';

test('every constraint keyword of a request schema yields a derived case or names why not', async () => {
  const model = await loadApiModel();
  const uncovered: string[] = [];
  const notDerivable = new Map<string, number>();
  let constraints = 0;
  let derivedCases = 0;
  const perOperation: Record<string, number> = {};
  for (const op of model.operations) {
    const invalid = op.invalidInput ?? model.documents.find((d) => d.product === op.product)?.invalidInput;
    const derived = op.cases.filter((c) => c.derived);
    derivedCases += derived.length;
    if (derived.length > 0) perOperation[`${op.product} ${op.operationId}`] = derived.length;
    for (const c of enumerateConstraints(op, invalid)) {
      constraints++;
      if (c.notDerivable) {
        notDerivable.set(c.notDerivable, (notDerivable.get(c.notDerivable) ?? 0) + 1);
        continue;
      }
      // A keyword inside a list item is covered only by a case on the item (its pointer), not by the list's own.
      const inItem = /\/items\//.test(c.pointer);
      const covered = derived.some((d) =>
        d.derived!.pointer === c.pointer ||
        (d.derived!.covers ?? []).some((rule) => c.pointer === rule || c.pointer.startsWith(`${rule}/`)) ||
        (!inItem && c.field !== undefined && d.derived!.field === c.field && d.derived!.keyword === c.keyword) ||
        // The body's own `type: object` (and its allOf branches'): the not-JSON case sends no object.
        (c.field === undefined && c.keyword === 'type' && d.derived!.category === 'not-json'),
      );
      if (!covered) uncovered.push(`${op.product} ${op.operationId}: ${c.keyword} at ${c.pointer}${c.field ? ` (${c.field})` : ''}`);
    }
  }
  const exempt = [...notDerivable.values()].reduce((a, b) => a + b, 0);
  console.log(`constraints: ${constraints}, derived cases: ${derivedCases} (constraint keywords without one, each with its reason: ${exempt})`);
  mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
  writeFileSync(path.join(ROOT, 'test-results', 'negative-cases.json'), JSON.stringify({ constraints, derivedCases, perOperation, notDerivable: Object.fromEntries(notDerivable), uncovered }, null, 2));
  expect(uncovered, 'constraint keywords with no derived case and no reason').toEqual([]);
  expect(derivedCases).toBeGreaterThan(0);
});

test('derived cases name their keyword and source, are unique per operation and expect the documented answers', async () => {
  const model = await loadApiModel();
  // Problems are collected and compared once: an expect per case costs more than the whole walk.
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  for (const op of model.operations) {
    const ids = op.cases.map((c) => c.id);
    check(new Set(ids).size === ids.length, `${op.operationId}: case ids are not unique`);
    const invalid = op.invalidInput ?? model.documents.find((d) => d.product === op.product)?.invalidInput;
    for (const c of op.cases.filter((k) => k.derived)) {
      const d = c.derived!;
      const at = `${op.operationId}#${c.id}`;
      check(c.generated, `${at}: not marked generated`);
      check(/^(\d{3}|facts) · ./.test(c.source), `${at}: source "${c.source}" names no seed section`);
      check(c.summary.includes(`[${d.keyword}`), `${at}: summary does not name its keyword ${d.keyword}`);
      check(c.steps.length === 0, `${at}: has steps`);
      if (d.expects === 'rejected') check(c.expect.status === invalid!.status && (invalid!.statuses.length === 1 || JSON.stringify(c.expect.statusIn) === JSON.stringify(invalid!.statuses)), `${at}: a refusal expects ${c.expect.statusIn?.join(' or ') ?? c.expect.status}, not ${invalid!.statuses.join(' or ')}`);
      else check(c.expect.status < 300, `${at}: an accepted case expects ${c.expect.status}`);
      // Derived cases write to the run's own objects, or change nothing (a read, an authentication:
      // `x-changes-nothing`); one varying a write to an operator-provided object needs a disposable target.
      // A detail write to an object the case itself creates (`{{fixtures.NAME.id}}` of a create fixture) is the run's own.
      const addressed = Object.values(c.path).map(String).map((v) => /^\{\{\s*fixtures\.(\w+)\.id\s*\}\}$/.exec(v)?.[1]).find((f) => f !== undefined);
      const ownFixture = addressed !== undefined && 'create' in (c.fixtures[addressed] ?? {});
      const safe = c.requires.length === 0 || op.method === 'GET' || op.changesNothing !== undefined || c.requires.includes('disposable-target') || (op.method === 'POST' && [201, 400].includes(c.expect.status)) || ownFixture;
      check(safe, `${at} needs ${c.requires.join(', ')} without a disposable target`);
    }
  }
  expect(problems).toEqual([]);
});

test('`<keyword>:rejected`: only the accepted side is derived — with or without a documented refusal', async () => {
  const { negativeCases } = await import('../../lib/negative-cases.ts');
  const base = {
    id: 'set', summary: 'sets', source: '000 · x', fixtures: {}, path: {}, query: {}, headers: {}, body: { level: 1 }, auth: 'none' as const, restore: false,
    requires: [], transformed: [], generated: false, steps: [], expect: { status: 200 },
  };
  const no = 'no refusal is documented';
  const op = {
    method: 'POST', path: '/update', singleton: false, fixtureCollection: false, cases: [base], responses: { '200': {}, '400': {} }, queryParameters: {},
    requestSchema: {
      type: 'object',
      properties: {
        level: { type: 'integer', minimum: 0, maximum: 3, 'x-not-derived': { 'minimum:rejected': no, 'maximum:rejected': no } },
        tone: { type: 'string', enum: ['low', 'high'], 'x-not-derived': { 'enum:rejected': no } },
        name: { type: 'string', maxLength: 5 },
      },
    },
  };
  const shown = (cases: ReturnType<typeof negativeCases>) => cases.map((c) => `${c.derived.expects} ${c.derived.keyword} ${JSON.stringify(c.body)}`).sort();
  // No invalid-input answer: the accepted sides only, nothing else (no unknown field, no not-JSON body).
  expect(shown(negativeCases(op, undefined))).toEqual([
    'accepted enum {"level":1,"tone":"high"}',
    'accepted enum {"level":1,"tone":"low"}',
    'accepted maximum {"level":3}',
    'accepted minimum {"level":0}',
  ]);
  // With one: the other keywords' refusals as usual, still no refusal for the exempted ones.
  const withRefusal = shown(negativeCases(op, { status: 400, statuses: [400], source: '002 · x' }));
  expect(withRefusal).toContain('rejected maxLength {"level":1,"name":"aaaaaa"}');
  expect(withRefusal.filter((c) => /^rejected (enum|minimum|maximum) /.test(c))).toEqual([]);
  expect(withRefusal).toContain('accepted enum {"level":1,"tone":"low"}');
});
