/**
 * Unit tests of the property checks (checks/properties/): each holds on the faithful emulator and
 * fails on the emulator variant that breaks its rule, judged in-process on one list
 * (/api/v1/localusers/) with the suite's own data set — the checks run exactly as the spec runs
 * them, without Playwright in between. And every registered property check has such a pair; and
 * every wire-level variant (property-kills.ts) fails the property checks it must, and no others.
 */
import { expect, test } from '@playwright/test';
import { PropertyContext, PropertyEnd, type PropertyCheck, type PropertyOutcome } from '../../checks/properties/context.ts';
import { PROPERTY_CHECKS } from '../../checks/properties/registry.ts';
import { loadApiModel } from '../../lib/openapi.ts';
import { planProperties } from '../../lib/property-plan.ts';
import { startInProcess } from '../suite/in-process.ts';
import { PROPERTY_KILLS } from './property-kills.ts';

// Objects these runs create live in emulators that die with the test: nothing to journal.
process.env.FORTICONFORM_JOURNAL = 'off';

/** The variant of emulator/fac/variants.ts that breaks each property's rule. */
const BREAKING: Record<string, string> = {
  'filter-lookups': 'filter-iexact-as-exact',
  'filter-refused': 'filter-undocumented-ignored',
  'paging-walk': 'next-drops-filter',
  'paging-offset': 'offset-off-by-one',
  ordering: 'order-desc-ignored',
  'format-negotiation': 'format-loses-to-accept',
};

const SETTINGS = { seed: 20261124, runs: 10, runId: 'unit', secret: 'Unit-Secret-1' };

/** Runs `checks` on the localusers list of a fresh emulator with `variants`, one data set for all. */
async function judgeAll(checks: readonly PropertyCheck[], variants: string[]): Promise<Map<string, PropertyOutcome>> {
  const model = await loadApiModel();
  const plan = planProperties(model, { safety: 'own-objects' }).find((p) => p.op.operationId === 'localusers.list')!;
  const emulator = await startInProcess('fac', variants, model);
  const ctx = await PropertyContext.prepare(emulator.suite, plan, SETTINGS);
  const outcomes = new Map<string, PropertyOutcome>();
  try {
    expect(ctx.own, `the data set was built: ${ctx.noOwnData}`).toBe(true);
    for (const check of checks) {
      try {
        outcomes.set(check.id, await check.run(ctx));
      } catch (error) {
        if (!(error instanceof PropertyEnd)) throw error;
        outcomes.set(check.id, error.outcome);
      }
    }
    return outcomes;
  } finally {
    await ctx.cleanup();
    await emulator.close();
  }
}

const judge = async (check: PropertyCheck, variants: string[]) => (await judgeAll([check], variants)).get(check.id)!;

test('every registered property check has a breaking variant here', () => {
  expect(PROPERTY_CHECKS.map((c) => c.id).sort()).toEqual(Object.keys(BREAKING).sort());
});

for (const check of PROPERTY_CHECKS) {
  test(`${check.id}: holds on the faithful emulator, fails on ${BREAKING[check.id]}`, async () => {
    const faithful = await judge(check, []);
    expect(faithful.finding?.message, 'faithful emulator').toBeUndefined();
    expect(faithful.skip).toBeUndefined();
    const broken = await judge(check, [BREAKING[check.id]!]);
    expect(broken.finding?.message, `variant ${BREAKING[check.id]}`).toBeTruthy();
    expect(broken.finding?.request.path).toMatch(/^\/api\/v1\/localusers\//);
  });
}

for (const [variant, { must, allowed }] of Object.entries(PROPERTY_KILLS)) {
  test(`the property checks catch ${variant}, and only where it shows`, async () => {
    const outcomes = await judgeAll(PROPERTY_CHECKS, [variant]);
    const failing = [...outcomes].filter(([, o]) => o.finding).map(([id]) => id);
    expect(failing, 'checks the variant must fail').toEqual(expect.arrayContaining(must));
    expect(failing.filter((id) => !allowed.includes(id)), 'checks the variant must not fail').toEqual([]);
  });
}
