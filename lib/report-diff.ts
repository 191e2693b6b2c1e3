/**
 * The upgrade diff: what changed between two conformance reports of the same target (before and
 * after a firmware upgrade, or a CI baseline and today). Checks are matched by a stable id —
 * product, operationId, case id, check id — never by position, so reordering or added cases do
 * not show as changes.
 *
 * - regression: a check that passed now fails, or a case that passed now fails or has no answer
 *   (listed at case level only when no check regression already explains it);
 * - fix: a check that failed now passes;
 * - new / removed: checks present in only one report (and cases without checks, by themselves);
 * - changed: any other outcome change (e.g. pass → skip), for information;
 * - shape: the JSON answer of a case gained or lost paths (lib/shape.ts).
 * Only regressions make `forticonform diff` exit non-zero.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ConformanceReport, DiffEntry, DiffSummary, ReportDiff, ReportSide, ShapeChange } from './report-model.ts';
import { UserError } from './errors.ts';
import { compareShapes } from './shape.ts';
import { runOptions } from './run-options.ts';


type Case = ConformanceReport['cases'][number];
type Check = Case['checks'][number];

// Outcomes by what they mean for the target; unknown spellings (newer report versions) are neutral.
const CHECK_GOOD = new Set(['pass', 'warn']);
const CHECK_BAD = new Set(['fail', 'unknown', 'error']);
const CASE_GOOD = new Set(['passed']);
const CASE_BAD = new Set(['failed', 'error', 'unknown']);

function side(report: ConformanceReport): ReportSide {
  return { url: report.target?.url ?? '(unknown)', generatedAt: report.generatedAt ?? '', version: report.tool?.version ?? '', variants: report.target?.variants ?? [] };
}

/** Cases by stable key; a key seen twice gets `#2`, `#3`… in order of appearance. */
function casesByKey(report: ConformanceReport): Map<string, Case> {
  const out = new Map<string, Case>();
  for (const c of report.cases) {
    const base = `${c.product} ${c.operationId} ${c.caseId}`;
    let key = base;
    for (let n = 2; out.has(key); n += 1) key = `${base}#${n}`;
    out.set(key, c);
  }
  return out;
}

function checksByKey(caseKey: string, c: Case | undefined): Map<string, Check> {
  const out = new Map<string, Check>();
  for (const k of c?.checks ?? []) {
    const base = `${caseKey} ${k.id}`;
    let key = base;
    for (let n = 2; out.has(key); n += 1) key = `${base}#${n}`;
    out.set(key, k);
  }
  return out;
}

function entry(key: string, c: Case, check?: Check): DiffEntry {
  return { key, product: c.product, operationId: c.operationId, caseId: c.caseId, ...(check ? { check: check.id } : {}) };
}

/** Compares two reports. Pure. */
export function diffReports(oldReport: ConformanceReport, newReport: ConformanceReport): ReportDiff {
  const diff: ReportDiff = { old: side(oldReport), new: side(newReport), regressions: [], fixes: [], added: [], removed: [], changed: [], shapes: [] };
  const oldCases = casesByKey(oldReport);
  const newCases = casesByKey(newReport);
  for (const caseKey of [...new Set([...oldCases.keys(), ...newCases.keys()])].sort()) {
    const before = oldCases.get(caseKey);
    const after = newCases.get(caseKey);
    const oldChecks = checksByKey(caseKey, before);
    const newChecks = checksByKey(caseKey, after);
    let checkRegressed = false;
    for (const key of [...new Set([...oldChecks.keys(), ...newChecks.keys()])]) {
      const was = oldChecks.get(key);
      const now = newChecks.get(key);
      if (!was && now && after) diff.added.push({ ...entry(key, after, now), after: now.outcome, source: now.source });
      else if (was && !now && before) diff.removed.push({ ...entry(key, before, was), before: was.outcome, source: was.source });
      else if (was && now && after && was.outcome !== now.outcome) {
        const change = { ...entry(key, after, now), before: was.outcome, after: now.outcome, source: now.source };
        if (CHECK_GOOD.has(was.outcome) && CHECK_BAD.has(now.outcome)) {
          diff.regressions.push({ ...change, ...(now.message ? { message: now.message } : {}) });
          checkRegressed = true;
        } else if (CHECK_BAD.has(was.outcome) && CHECK_GOOD.has(now.outcome)) diff.fixes.push({ ...change, ...(was.message ? { message: was.message } : {}) });
        else diff.changed.push(change);
      }
    }
    // A case only one report has, without checks (skipped before it ran, or an error): still named.
    if (!before && after && after.checks.length === 0) diff.added.push({ ...entry(caseKey, after), after: after.outcome, source: after.source });
    if (before && !after && before.checks.length === 0) diff.removed.push({ ...entry(caseKey, before), before: before.outcome, source: before.source });
    if (!before || !after) continue;
    // A case that went bad without a check going from pass to fail (no answer, an error, a new check failing).
    if (!checkRegressed && CASE_GOOD.has(before.outcome) && CASE_BAD.has(after.outcome)) {
      const why = after.error ?? after.message ?? after.checks.find((k) => CHECK_BAD.has(k.outcome))?.message;
      diff.regressions.push({ ...entry(caseKey, after), before: before.outcome, after: after.outcome, source: after.source, ...(why ? { message: why } : {}) });
    } else if (CASE_BAD.has(before.outcome) && CASE_GOOD.has(after.outcome) && !diff.fixes.some((f) => f.key.startsWith(`${caseKey} `))) {
      diff.fixes.push({ ...entry(caseKey, after), before: before.outcome, after: after.outcome, source: after.source });
    }
    if (before.shape && after.shape) {
      const { added, removed } = compareShapes(before.shape, after.shape);
      if (added.length || removed.length) diff.shapes.push({ key: caseKey, product: after.product, operationId: after.operationId, caseId: after.caseId, added, removed });
    }
  }
  return diff;
}

export function summarizeDiff(diff: ReportDiff, baseline: string): DiffSummary {
  return {
    baseline,
    against: diff.old,
    regressions: diff.regressions.length,
    fixes: diff.fixes.length,
    added: diff.added.length,
    removed: diff.removed.length,
    changed: diff.changed.length,
    shapes: diff.shapes.length,
    regressed: diff.regressions.map((r) => r.key),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Why `value` is not a conformance report, or undefined when it is one (enough of one to diff). */
function invalidReason(value: unknown): string | undefined {
  if (!isObject(value)) return 'it is not a JSON object';
  if (!Array.isArray(value.cases)) return 'it has no "cases" list';
  for (const [i, c] of value.cases.entries()) {
    if (!isObject(c)) return `case ${i} is not an object`;
    for (const field of ['product', 'operationId', 'caseId', 'outcome'] as const) {
      if (typeof c[field] !== 'string') return `case ${i} has no "${field}"`;
    }
    if (!Array.isArray(c.checks) || !c.checks.every((k) => isObject(k) && typeof k.id === 'string' && typeof k.outcome === 'string')) {
      return `case ${i} (${String(c.operationId)} › ${String(c.caseId)}) has no valid "checks" list`;
    }
    if (c.shape !== undefined && !(Array.isArray(c.shape) && c.shape.every((s) => typeof s === 'string'))) return `case ${i} has an invalid "shape"`;
  }
  return undefined;
}

/** The `conformance.json` a path names: the file itself, or the one in a report directory. */
export function reportFile(fileOrDir: string): string {
  try {
    return statSync(fileOrDir).isDirectory() ? path.join(fileOrDir, 'conformance.json') : fileOrDir;
  } catch {
    return fileOrDir; // reading it says what is wrong
  }
}

/**
 * Reads a conformance report: a `conformance.json` file, or a report directory holding one.
 * Throws a UserError naming the file and what is wrong with it.
 */
export function loadReport(fileOrDir: string): ConformanceReport {
  const file = reportFile(fileOrDir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new UserError(`cannot read the report ${file}: ${why}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${file} is not a conformance report: not JSON (${(error as Error).message})`);
  }
  const reason = invalidReason(value);
  if (reason) throw new UserError(`${file} is not a conformance report: ${reason}`);
  return value as ConformanceReport;
}

// ---------------------------------------------------------------------------------------------
// Rendering

function label(e: DiffEntry | ShapeChange): string {
  return `${e.product} ${e.operationId} › ${e.caseId}${'check' in e && e.check ? ` › ${e.check}` : ''}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** New or removed checks grouped by case, so a new resource is one line, not fifty. */
function groupByCase(entries: DiffEntry[], outcome: (e: DiffEntry) => string | undefined): { label: string; checks: string }[] {
  const groups = new Map<string, { label: string; checks: string[] }>();
  for (const e of entries) {
    const caseLabel = `${e.product} ${e.operationId} › ${e.caseId}`;
    const group = groups.get(caseLabel) ?? { label: caseLabel, checks: [] };
    group.checks.push(e.check ? `${e.check} (${outcome(e) ?? '?'})` : `case ${outcome(e) ?? '?'}, no checks`);
    groups.set(caseLabel, group);
  }
  return [...groups.values()].map((g) => ({ label: g.label, checks: g.checks.join(', ') }));
}

const SHAPE_LINES = 12;

export function diffHeadline(diff: ReportDiff): string {
  const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
  return [
    n(diff.regressions.length, 'regression'),
    n(diff.fixes.length, 'fix', 'fixes'),
    n(diff.added.length, 'new check'),
    n(diff.removed.length, 'removed check'),
    n(diff.changed.length, 'other outcome change'),
    n(diff.shapes.length, 'changed response shape'),
  ].join(', ');
}

function describeSide(s: ReportSide): string {
  return `${s.url}${s.variants.length ? ` (emulator variants: ${s.variants.join(', ')})` : ''}, generated ${s.generatedAt || '?'} by forticonform ${s.version || '?'}`;
}

/** Plain lines for a terminal. Pure. */
export function renderDiffText(diff: ReportDiff): string {
  const lines = [`forticonform diff: ${diffHeadline(diff)}`, `  old: ${describeSide(diff.old)}`, `  new: ${describeSide(diff.new)}`];
  const section = (title: string, items: string[], count = items.length) => {
    if (items.length) lines.push('', `${title} (${count}):`, ...items);
  };
  const detailed = (e: DiffEntry, mark: string) =>
    [`  ${mark} ${label(e)}: ${e.before ?? '?'} -> ${e.after ?? '?'}`, ...(e.message ? [`      ${oneLine(e.message)}`] : []), ...(e.source ? [`      source: ${e.source}`] : [])].join('\n');
  section('Regressions', diff.regressions.map((e) => detailed(e, 'x')));
  section('Fixes', diff.fixes.map((e) => detailed(e, '+')));
  section('New checks', groupByCase(diff.added, (e) => e.after).map((g) => `  + ${g.label}: ${g.checks}`), diff.added.length);
  section('Removed checks', groupByCase(diff.removed, (e) => e.before).map((g) => `  - ${g.label}: ${g.checks}`), diff.removed.length);
  section('Other outcome changes', diff.changed.map((e) => `  ~ ${label(e)}: ${e.before} -> ${e.after}`));
  section(
    'Changed response shapes',
    diff.shapes.map((s) => {
      const changes = [...s.added.map((p) => `+ ${p}`), ...s.removed.map((p) => `- ${p}`)];
      const shown = changes.slice(0, SHAPE_LINES).map((c) => `      ${c}`);
      if (changes.length > SHAPE_LINES) shown.push(`      … and ${changes.length - SHAPE_LINES} more`);
      return [`  ~ ${label(s)}`, ...shown].join('\n');
    }),
  );
  return `${lines.join('\n')}\n`;
}

function mdText(text: string): string {
  return oneLine(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/([\\*_[\]|])/g, '\\$1');
}

function mdCode(text: string): string {
  return text.includes('`') ? `\`\` ${oneLine(text)} \`\`` : `\`${oneLine(text)}\``;
}

/** Markdown (for CI summaries); `level` is the heading level of its title. Pure. */
export function renderDiffMarkdown(diff: ReportDiff, level = 1): string {
  const h = (extra: number) => '#'.repeat(Math.min(6, level + extra));
  const lines = [
    `${h(0)} Changes against the baseline`,
    '',
    `**${mdText(diffHeadline(diff))}**`,
    '',
    `- baseline: ${mdText(describeSide(diff.old))}`,
    `- this run: ${mdText(describeSide(diff.new))}`,
  ];
  const section = (title: string, items: string[], count = items.length) => {
    if (items.length) lines.push('', `${h(1)} ${title} (${count})`, '', ...items);
  };
  const detailed = (e: DiffEntry) =>
    [
      `- ${mdCode(label(e))}: ${mdText(e.before ?? '?')} → **${mdText(e.after ?? '?')}**${e.message ? ` — ${mdText(e.message)}` : ''}`,
      ...(e.source ? [`  - source: ${mdText(e.source)}`] : []),
    ].join('\n');
  section('Regressions', diff.regressions.map(detailed));
  section('Fixes', diff.fixes.map(detailed));
  section('New checks', groupByCase(diff.added, (e) => e.after).map((g) => `- ${mdCode(g.label)}: ${mdText(g.checks)}`), diff.added.length);
  section('Removed checks', groupByCase(diff.removed, (e) => e.before).map((g) => `- ${mdCode(g.label)}: ${mdText(g.checks)}`), diff.removed.length);
  section('Other outcome changes', diff.changed.map((e) => `- ${mdCode(label(e))}: ${mdText(e.before ?? '?')} → ${mdText(e.after ?? '?')}`));
  section(
    'Changed response shapes',
    diff.shapes.map((s) => {
      const changes = [...s.added.map((p) => `added ${mdCode(p)}`), ...s.removed.map((p) => `removed ${mdCode(p)}`)];
      const shown = changes.slice(0, SHAPE_LINES);
      if (changes.length > SHAPE_LINES) shown.push(`… and ${changes.length - SHAPE_LINES} more`);
      return `- ${mdCode(label(s))}: ${shown.join(', ')}`;
    }),
  );
  return `${lines.join('\n')}\n`;
}

/**
 * The diff of `report` against the baseline a run was given (`FORTICONFORM_BASELINE`, set by
 * `forticonform run --baseline FILE`), or undefined without one. An unreadable baseline does not
 * lose the run's report: the reason is returned for the reporter to print.
 */
export function diffAgainstBaseline(report: ConformanceReport, baseline = runOptions().baseline): { diff?: ReportDiff; summary?: DiffSummary; problem?: string } {
  if (!baseline) return {};
  try {
    const diff = diffReports(loadReport(baseline), report);
    return { diff, summary: summarizeDiff(diff, baseline) };
  } catch (error) {
    if (error instanceof UserError) return { problem: `baseline not used: ${error.message}` };
    throw error;
  }
}
