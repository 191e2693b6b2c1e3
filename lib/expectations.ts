/**
 * Known deviations of a target (after web-platform-tests' expectation files and the OpenID
 * conformance suite's expected-failures list): check id → expected outcome + reason, optionally
 * for a range of product versions. A known failure is reported as expected and does not fail the
 * run; an entry whose check now passes is stale and fails the run, so the list stays honest; only
 * unexpected results fail the run.
 *
 * File (YAML or JSON), given with `--expectations FILE`:
 *
 *   expectations:
 *     - check: fac/localusers.list/default/body-schema   # product/operationId/caseId/check id
 *       outcome: fail
 *       reason: firmware 6.5 omits custom3 in lists (ticket FAC-1234)
 *       versions: ">=6.5 <6.6"                            # optional; the target's product version
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import type { Product } from './config.ts';
import { UserError } from './errors.ts';
import { isVersionRange, versionInRange } from './versions.ts';

export interface Expectation {
  check: string;
  outcome: 'fail';
  reason: string;
  versions?: string;
}

export interface Judgement {
  /** Failed checks an expectation names: known, reported as expected. */
  expected: string[];
  /** Expectations whose check ran and passed: stale, they fail the run. */
  stale: string[];
  /** Failed checks no expectation names. */
  unexpected: string[];
}

/** A check's id in expectation files and diffs. */
export function checkKey(c: { product: string; operationId: string; caseId: string }, checkId: string): string {
  return `${c.product}/${c.operationId}/${c.caseId}/${checkId}`;
}

const CHECK_KEY = /^(fac|fsm|faz)\/[^/\s]+\/[^/\s]+\/[a-z0-9-]+$/;

/** Reads and validates an expectations file; every problem is a UserError naming the entry. */
export function loadExpectations(file: string): Expectation[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read the expectations file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch (error) {
    throw new UserError(`the expectations file ${file} is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  const list = (parsed as { expectations?: unknown } | null)?.expectations;
  if (!Array.isArray(list)) throw new UserError(`the expectations file ${file} must hold an "expectations" list`);
  const seen = new Set<string>();
  return list.map((entry, i) => {
    const where = `${file}: expectations[${i}]`;
    if (typeof entry !== 'object' || entry === null) throw new UserError(`${where} must be an object with check, outcome and reason`);
    const { check, outcome, reason, versions, ...rest } = entry as Record<string, unknown>;
    if (Object.keys(rest).length > 0) throw new UserError(`${where} has unknown key(s) ${Object.keys(rest).join(', ')} (allowed: check, outcome, reason, versions)`);
    if (typeof check !== 'string' || !CHECK_KEY.test(check)) throw new UserError(`${where}: check must read product/operationId/caseId/check-id, e.g. fac/localusers.list/default/body-schema`);
    if (outcome !== 'fail') throw new UserError(`${where}: outcome must be "fail" (the outcome expected instead of a pass)`);
    if (typeof reason !== 'string' || reason.trim() === '') throw new UserError(`${where}: a reason is required (why this deviation is known)`);
    // `forticonform expectations` writes TODO placeholders: a file used as written would accept every
    // deviation of the run it came from without anyone saying why.
    if (/^\s*TODO\b/i.test(reason)) throw new UserError(`${where}: the reason is still a TODO placeholder ("${reason.slice(0, 60)}"); write why this deviation is known, or delete the entry`);
    if (versions !== undefined && !isVersionRange(versions)) {
      throw new UserError(`${where}: versions must be a range like ">=6.4 <6.6"`);
    }
    if (seen.has(check)) throw new UserError(`${where}: ${check} is listed twice`);
    seen.add(check);
    return { check, outcome, reason, ...(versions ? { versions: versions as string } : {}) };
  });
}

/** The expectations that apply to a product at a version (an entry with a range needs a known version). */
export function applicable(expectations: Expectation[], product: Product | string, version: string | undefined): Map<string, Expectation> {
  return new Map(
    expectations
      .filter((e) => e.check.startsWith(`${product}/`) && (!e.versions || (version !== undefined && versionInRange(version, e.versions))))
      .map((e) => [e.check, e]),
  );
}

/** Judges one case's checks against the expectations. Pure. */
export function judge(c: { product: string; operationId: string; caseId: string; checks: Array<{ id: string; outcome: string }> }, expectations: Map<string, Expectation>): Judgement {
  const out: Judgement = { expected: [], stale: [], unexpected: [] };
  for (const check of c.checks) {
    const key = checkKey(c, check.id);
    const known = expectations.has(key);
    if (check.outcome === 'fail') (known ? out.expected : out.unexpected).push(key);
    else if (check.outcome === 'pass' && known) out.stale.push(key);
  }
  return out;
}

/** A starting expectations file from a run's report: one entry per failed check, reason to fill in. */
export function startingExpectations(report: { target: { url: string }; generatedAt: string; cases: Array<{ product: string; operationId: string; caseId: string; checks: Array<{ id: string; outcome: string; message?: string }> }> }): string {
  const entries = report.cases.flatMap((c) =>
    c.checks.filter((k) => k.outcome === 'fail').map((k) => ({ check: checkKey(c, k.id), outcome: 'fail', reason: `TODO: why this is known — observed: ${(k.message ?? '').slice(0, 160)}` })),
  );
  const head = `# forticonform expectations: known deviations of ${report.target.url}\n# Written from the run of ${report.generatedAt}. Give every entry a real reason; delete what you do not accept.\n`;
  return head + stringifyYaml({ expectations: entries }, { lineWidth: 0 });
}
