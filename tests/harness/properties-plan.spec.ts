/**
 * Issue 4, done-when: "a test fails if a resource has filter metadata but no property run". The
 * property spec plans its tests with `planProperties`; this checks that plan for every list
 * operation of the model that documents `x-filters`, under every safety level. Cheap: the model
 * only, no run.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { isListOperation, loadApiModel } from '../../lib/openapi.ts';
import { planProperties, PROPERTY_IDS } from '../../lib/property-plan.ts';
import { SAFETY_LEVELS } from '../../lib/safety.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

test('every list with x-filters gets every property planned, lookups always run', async () => {
  const model = await loadApiModel();
  // Enumerated here on its own, not through the planner's filter, so a planner that drops a list fails.
  const filterable = model.operations.filter((op) => isListOperation(op) && Object.keys(op.filters ?? {}).length > 0).map((op) => op.operationId);
  expect(filterable.length).toBeGreaterThan(10);
  for (const safety of SAFETY_LEVELS) {
    const plans = planProperties(model, { safety });
    expect(plans.map((p) => p.op.operationId).sort(), `planned lists under ${safety}`).toEqual([...filterable].sort());
    for (const plan of plans) {
      for (const id of PROPERTY_IDS) {
        const planned = plan.properties[id];
        const where = `${plan.op.operationId} ${id} (${safety})`;
        expect(planned, where).toBeDefined();
        if ('skip' in planned) {
          // A planned skip names its reason, and "cannot be created" is never one: such lists run on observed rows.
          expect(planned.skip.trim(), where).not.toBe('');
          expect(planned.skip, where).not.toMatch(/creat/i);
        }
      }
      // Every filterable list gets a lookup property: on its own data or on the rows it holds.
      expect(plan.properties.lookups, `${plan.op.operationId} lookups (${safety})`).toHaveProperty('run');
      if (safety === 'read-only') {
        expect(plan.ownData, `${plan.op.operationId} under read-only`).toEqual({ available: false, why: 'safety level read-only' });
        for (const id of PROPERTY_IDS) expect(plan.properties[id], `${plan.op.operationId} ${id} writes nothing under read-only`).not.toEqual({ run: 'own' });
      }
    }
  }
});

test('a nested list is planned with its parent; own data where the parent and the list can be created', async () => {
  const model = await loadApiModel();
  const plans = planProperties(model, { safety: 'own-objects' });
  const nested = plans.filter((p) => /\{[^}]+\}/.test(p.op.path));
  expect(nested.length).toBeGreaterThan(0);
  for (const plan of nested) {
    expect(plan.parent, plan.op.operationId).toBeDefined();
    expect(plan.op.path.startsWith(plan.parent!.collection), plan.op.operationId).toBe(true);
    const creatable = model.fixtureBodies.has(plan.op.path) && model.fixtureBodies.has(plan.parent!.collection);
    expect(plan.ownData.available, plan.op.operationId).toBe(creatable);
  }
});

test('the property spec runs the planner\'s plan', () => {
  // The spec must take its lists and modes from planProperties, not from a list of its own.
  const spec = readFileSync(path.join(ROOT, 'specs', 'properties.spec.ts'), 'utf8');
  expect(spec).toMatch(/import \{[^}]*\bplanProperties\b[^}]*\} from '\.\.\/lib\/property-plan\.ts'/);
  expect(spec).toMatch(/for \(const plan of planProperties\(|const plans = planProperties\(/);
  expect(spec).toMatch(/for \(const plan of plans\)/);
});
