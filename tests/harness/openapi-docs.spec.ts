/**
 * The OpenAPI documents are the contract, so they are linted like code: they validate, every
 * operation has cases whose statuses it documents, and every `x-source` points at a heading that
 * exists in the seed (or fact) it names — sources go stale, so a lint keeps them honest.
 */
import { expect, test } from '@playwright/test';
import { documentedResponse, loadApiModel } from '../../lib/openapi.ts';
import { SchemaRegistry } from '../../lib/schemas.ts';
import { SCENARIOS } from '../../catalogue/index.ts';
import { CHECKS } from '../../checks/registry.ts';
import { PROPERTY_CHECKS } from '../../checks/properties/registry.ts';
import { VARIANTS } from '../../emulator/fac/variants.ts';
import { FSM_VARIANTS } from '../../emulator/fsm/variants.ts';
import { FAZ_VARIANTS } from '../../emulator/faz/variants.ts';
import { fold, sourceText } from './shared-docs.ts';

test('every document validates and every schema compiles under ajv strict mode', async () => {
  const model = await loadApiModel({ validate: true });
  expect(model.operations.length).toBeGreaterThan(0);
  const schemas = new SchemaRegistry(model.schemaExtensions);
  for (const op of model.operations) {
    for (const response of Object.values(op.responses)) {
      for (const media of Object.values(response.content)) {
        if (media.schema) expect(() => schemas.validate(media.schema!, null), `${op.operationId} ${response.status}`).not.toThrow();
      }
    }
  }
});

test('every operation has a source, cases, and documents the status of each case', async () => {
  const model = await loadApiModel();
  for (const op of model.operations) {
    expect(op.source, `${op.operationId} has no x-source`).not.toBe('');
    expect(op.cases.length, `${op.operationId} has no x-cases`).toBeGreaterThan(0);
    const ids = op.cases.map((c) => c.id);
    expect(new Set(ids).size, `${op.operationId} repeats a case id`).toBe(ids.length);
    for (const kase of op.cases) {
      expect(documentedResponse(op, kase.expect.status), `${op.operationId} › ${kase.id} expects an undocumented ${kase.expect.status}`).toBeDefined();
    }
  }
});

// A scenario id names one documented rule (the issue 5 catalogue): kebab-case, as the emulator's
// per-scenario variants and the report key on it.
const SCENARIO_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

test('every scenario id is kebab-case, and a malformed one is refused', async () => {
  const model = await loadApiModel();
  const bad = model.operations.flatMap((op) => op.cases.filter((c) => c.scenario !== undefined && !SCENARIO_ID.test(c.scenario)).map((c) => `${op.operationId}#${c.id}: "${c.scenario}"`));
  expect(bad).toEqual([]);
  expect(model.operations.some((op) => op.cases.some((c) => c.scenario !== undefined)), 'no case carries a scenario').toBe(true);
  for (const wrong of ['Auth-Lockout', 'auth_lockout', 'auth lockout', '-auth', 'auth--lockout', 'auth-', '']) expect(SCENARIO_ID.test(wrong), wrong).toBe(false);
});

test('every x-source names a heading that exists in its seed or fact file', async () => {
  const model = await loadApiModel();
  const sources = new Set<string>();
  for (const op of model.operations) {
    sources.add(op.source);
    for (const kase of op.cases) sources.add(kase.source);
  }
  const missing: string[] = [];
  for (const source of sources) {
    const [label = '', ...headings] = source.split(' · ');
    const text = sourceText(label);
    if (!text) {
      missing.push(`${source}: no seed or fact file "${label}"`);
      continue;
    }
    const folded = fold(text);
    for (const heading of headings) {
      if (!folded.includes(fold(heading))) missing.push(`${source}: "${heading}" not found in ${label}`);
    }
  }
  expect(missing).toEqual([]);
});

/**
 * The headings a free-form source segment may name: the segment itself, or its text before a field
 * list (`Supported fields: name`), a quote or a parenthesis (`Allowed methods ("PATCH …")`).
 */
function headingCandidates(segment: string): string[] {
  const clean = segment.trim().replace(/[.;]$/, '');
  return [clean, ...[/\s*\(/, /:\s/, /,\s/, /\s"/].map((re) => clean.split(re)[0]!.trim())].filter((h) => h.length >= 4);
}

/** Problems of a catalogue or variant source: each `;`-separated part naming a document must name existing headings. */
function sourceProblems(id: string, source: string): string[] {
  const parts = source.split(/;\s+/).map((p) => p.split(' · ')).filter(([label]) => /^(00\d|facts)$/.test(label!.trim()));
  if (parts.length === 0) return [`${id}: "${source}" names no seed (000–004) or facts`];
  return parts.flatMap(([label = '', ...segments]) => {
    const text = sourceText(label.trim());
    if (!text) return [`${id}: no seed or fact file "${label}"`];
    const folded = fold(text);
    return segments.filter((seg) => !headingCandidates(seg).some((h) => folded.includes(fold(h)))).map((seg) => `${id}: "${seg}" not found in ${label}`);
  });
}

test('every catalogue scenario, check, property check and emulator variant names a source heading that exists', () => {
  const checks = [...CHECKS, ...PROPERTY_CHECKS].flatMap((c) => (typeof c.source === 'string' ? [{ id: c.id, source: c.source }] : []));
  expect(PROPERTY_CHECKS.length, 'the property checks are linted').toBeGreaterThan(0);
  const entries = [...SCENARIOS, ...VARIANTS, ...FSM_VARIANTS, ...FAZ_VARIANTS, ...checks];
  expect(entries.flatMap((e) => sourceProblems(e.id, e.source))).toEqual([]);
  // The lint can fail: a heading the seeds do not have, and a source naming no document.
  expect(sourceProblems('x', '002 · User groups (/usergroups/) · Frobnicate a group')).toHaveLength(1);
  expect(sourceProblems('x', 'the vendor said so')).toHaveLength(1);
});
