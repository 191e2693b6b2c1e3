/**
 * The conformance report: which documented behaviours hold on this target, each traced to its
 * source section. Writes `conformance.json` (for tools) and `conformance.md` (for people and CI
 * summaries) into the report directory, and prints one summary line.
 *
 * One class, pure formatting functions (after Playwright's `packages/playwright/src/reporter/`).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import type { Outcome } from '../lib/check.ts';
import { CASE_ANNOTATION, CASE_ATTACHMENT, type CaseOutcome, type CaseReport, type CheckCounts, type ConformanceReport, type CoverageRow, type DiffSummary, type ProductVerdict, type ReportedCase, type ScenarioRow } from '../lib/report-model.ts';
import { redact, registerSecretsFromEnv } from '../lib/redact.ts';
import { PRODUCT_NAMES, PRODUCTS, type Product } from '../lib/config.ts';
import { diffAgainstBaseline, renderDiffMarkdown } from '../lib/report-diff.ts';
import { renderHtmlReport } from './html.ts';
import { checkKey, loadExpectations } from '../lib/expectations.ts';
import { type SafetyLevel, safetyLevel } from '../lib/safety.ts';
import { scenarioEntry } from '../catalogue/index.ts';
import { runOptions } from '../lib/run-options.ts';

const emptyCaseCounts = (): Record<CaseOutcome, number> => ({ passed: 0, failed: 0, skipped: 0, error: 0, unknown: 0, expected: 0 });
const emptyCheckCounts = (): CheckCounts => ({ pass: 0, fail: 0, warn: 0, skip: 0 });

const PACKAGE_JSON = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'package.json');

function toolVersion(): string {
  try {
    return (JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function caseOutcome(result: TestResult, report: CaseReport | undefined): CaseOutcome {
  if (result.status === 'skipped') return 'skipped';
  if (result.status === 'passed' && (report?.expectation?.expected.length ?? 0) > 0) return 'expected';
  if (!report || report.state === 'unreachable') return result.status === 'passed' ? 'passed' : 'error';
  return result.status === 'passed' ? 'passed' : 'failed';
}

/** The coverage table's "rejects invalid input" cell: per operation, derived cases passed / ran. */
function invalidInputCell(row: CoverageRow): string {
  const entries = Object.entries(row.invalidInput ?? {});
  if (entries.length === 0) return '—';
  return entries.map(([operation, n]) => `${n.passed === n.ran ? '✅' : '❌'} \`${operation}\` ${n.passed} / ${n.ran}`).join('<br>');
}

/** The outcome of one of several cases judged in one test, from its own report. */
function reportOutcome(report: CaseReport): CaseOutcome {
  if (report.state === 'precondition') return 'skipped';
  if (report.state === 'unreachable') return 'unknown';
  const failing = report.checks.filter((c) => c.outcome === 'fail').length;
  if ((report.expectation?.stale.length ?? 0) > 0 || failing > (report.expectation?.expected.length ?? 0)) return 'failed';
  return failing > 0 ? 'expected' : 'passed';
}

/** Builds the report's JSON from what the tests attached. Pure. */
/** Per product: its verdict from its own cases. Pure. */
export function productVerdicts(cases: ReportedCase[], urls: Partial<Record<Product, string>>, versions: Partial<Record<Product, string>> = {}): ProductVerdict[] {
  return PRODUCTS.map((product) => {
    const counts = emptyCaseCounts();
    for (const c of cases) if (c.product === product) counts[c.outcome] += 1;
    const ran = counts.passed + counts.failed + counts.error + counts.expected;
    const selected = Object.values(counts).reduce((a, b) => a + b, 0);
    // No target, or none of its cases selected (--grep): not run. Cases, but no result: unknown.
    const verdict: ProductVerdict['verdict'] =
      ran === 0 ? (urls[product] && selected > 0 ? 'unknown' : 'not run') : counts.failed + counts.error > 0 ? 'does not conform' : counts.expected > 0 ? 'known deviations only' : 'conforms';
    return { product, name: PRODUCT_NAMES[product], url: urls[product] ?? null, verdict, ...(versions[product] ? { version: versions[product] } : {}), cases: counts };
  });
}

/** Per resource (an operation's first tag): operations, cases and checks. Pure. */
export function coverageTable(cases: ReportedCase[]): CoverageRow[] {
  const rows = new Map<string, CoverageRow>();
  for (const c of cases) {
    const resource = c.tags.map((t) => t.replace(/^@/, '')).find((t) => t !== c.product && t !== 'properties' && t !== 'disposable') ?? '(untagged)';
    const key = `${c.product} ${resource}`;
    const row = rows.get(key) ?? { product: c.product, resource, operations: [], cases: emptyCaseCounts(), checks: emptyCheckCounts(), invalidInput: {} };
    const operation = `${c.method} ${c.path}`.trim();
    if (c.derived && c.state === 'ran') {
      const counts = (row.invalidInput[operation] ??= { ran: 0, passed: 0 });
      counts.ran += 1;
      if (c.outcome === 'passed') counts.passed += 1;
    }
    if (operation && !row.operations.includes(operation)) row.operations.push(operation);
    row.cases[c.outcome] += 1;
    for (const k of c.checks) row.checks[k.outcome] += 1;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => `${a.product} ${a.resource}`.localeCompare(`${b.product} ${b.resource}`));
}

/** A documented behaviour (`scenario:` of the cases that show it) and whether it holds on this target. */

/** One row per scenario, from its cases' outcomes. Pure. */
export function scenarioTable(cases: ReportedCase[]): ScenarioRow[] {
  const rows = new Map<string, ScenarioRow & { outcomes: CaseOutcome[] }>();
  for (const c of cases) {
    if (!c.scenario) continue;
    const entry = scenarioEntry(c.scenario);
    const row = rows.get(c.scenario) ?? { id: c.scenario, ...(entry ? { title: entry.title } : {}), product: c.product, verdict: 'not run', cases: [], sources: entry ? [entry.source] : [], outcomes: [] };
    row.cases.push(`${c.operationId}#${c.caseId}`);
    if (!row.sources.includes(c.source)) row.sources.push(c.source);
    row.outcomes.push(c.outcome);
    rows.set(c.scenario, row);
  }
  return [...rows.values()]
    .map(({ outcomes, ...row }) => {
      const has = (o: CaseOutcome) => outcomes.includes(o);
      const verdict: ScenarioRow['verdict'] = has('failed') || has('error') ? 'broken' : has('expected') ? 'known deviation' : has('passed') ? 'holds' : has('unknown') ? 'unknown' : 'not run';
      return { ...row, verdict };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** The run's result from its cases and product verdicts (see ConformanceReport.outcome). Pure. */
export function runOutcome(totals: ConformanceReport['totals'], products: ProductVerdict[]): ConformanceReport['outcome'] {
  if (totals.cases.failed + totals.cases.error > 0) return 'fail';
  if (totals.cases.unknown > 0 || products.some((p) => p.verdict === 'unknown')) return 'unknown';
  return 'pass';
}

export function buildReport(cases: ReportedCase[], meta: Omit<ConformanceReport, 'totals' | 'cases' | 'tool' | 'generatedAt' | 'coverage' | 'outcome' | 'scenarios'>): ConformanceReport {
  const totals: ConformanceReport['totals'] = {
    cases: emptyCaseCounts(),
    checks: emptyCheckCounts(),
  };
  for (const c of cases) {
    totals.cases[c.outcome] += 1;
    for (const check of c.checks) totals.checks[check.outcome] += 1;
  }
  const sorted = [...cases].sort((a, b) => `${a.product} ${a.operationId} ${a.caseId}`.localeCompare(`${b.product} ${b.operationId} ${b.caseId}`));
  return { tool: { name: 'forticonform', version: toolVersion() }, generatedAt: new Date().toISOString(), ...meta, outcome: runOutcome(totals, meta.products), coverage: coverageTable(cases), scenarios: scenarioTable(cases), totals, cases: sorted };
}

const OUTCOME_MARK: Record<string, string> = { pass: '✅', fail: '❌', warn: '⚠️', skip: '➖', passed: '✅', failed: '❌', skipped: '➖', error: '💥', unknown: '❓', expected: '🔶' };
const SCENARIO_MARK: Record<ScenarioRow['verdict'], string> = { holds: '✅', broken: '❌', 'known deviation': '🔶', unknown: '❓', 'not run': '➖' };
const VERDICT_MARK: Record<ProductVerdict['verdict'], string> = { conforms: '✅', 'known deviations only': '🔶', 'does not conform': '❌', unknown: '❓', 'not run': '➖' };
const RUN_VERDICT: Record<ConformanceReport['outcome'], string> = { pass: 'CONFORMS', fail: 'DOES NOT CONFORM', unknown: 'UNKNOWN (some checks got no answer)' };

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Renders the Markdown report. Pure. */
export function renderMarkdown(report: ConformanceReport): string {
  const { cases: ct, checks } = report.totals;
  const lines = [
    '# forticonform conformance report',
    '',
    `Target: \`${report.target.url}\`${report.target.embeddedEmulator ? ' (embedded reference emulator)' : ''}${report.target.variants.length ? ` — emulator variants: ${report.target.variants.join(', ')}` : ''}  `,
    `TLS: ${report.target.tls}  `,
    `Safety level: ${report.safety}  `,
    ...(report.expectations ? [`Expectations: \`${report.expectations.file}\` — ${report.expectations.entries} entries, ${report.expectations.expected} known failure(s) seen, ${report.expectations.stale.length} stale  `] : []),
    ...(report.budget ? [`Time budget: ${report.budget.seconds} s${report.budget.exhausted ? ` — **exhausted**: ${report.budget.notRun} case(s) did not run or were cut short (outcome unknown)` : ''}  `] : []),
    `Generated: ${report.generatedAt} by forticonform ${report.tool.version} in ${(report.durationMs / 1000).toFixed(1)} s`,
    '',
    `**Verdict: ${RUN_VERDICT[report.outcome]}** — cases: ${ct.passed} passed, ${ct.failed} failed, ${ct.expected} known deviations, ${ct.unknown} unknown, ${ct.skipped} skipped, ${ct.error} errors; checks: ${checks.pass} passed, ${checks.fail} failed, ${checks.warn} warnings, ${checks.skip} skipped.`,
    '',
    '## Products',
    '',
    '| Product | Target | Version judged | Verdict | Cases passed / failed / skipped / errors |',
    '| --- | --- | --- | --- | --- |',
    ...report.products.map((p) => `| ${p.name} | ${p.url ? `\`${p.url}\`` : '(none configured)'} | ${p.version ?? '(not stated)'} | ${VERDICT_MARK[p.verdict]} ${p.verdict} | ${p.cases.passed} / ${p.cases.failed} / ${p.cases.skipped} / ${p.cases.error} |`),
    '',
    '## Coverage',
    '',
    '| Product | Resource | Operations checked | Cases passed / failed / skipped / errors | Checks passed / failed / skipped | Rejects invalid input (derived cases passed / ran, per operation) |',
    '| --- | --- | --- | --- | --- | --- |',
    ...report.coverage.map((r) => `| ${r.product} | ${r.resource} | ${r.operations.map((o) => `\`${o}\``).join('<br>')} | ${r.cases.passed} / ${r.cases.failed} / ${r.cases.skipped} / ${r.cases.error} | ${r.checks.pass} / ${r.checks.fail} / ${r.checks.skip} | ${invalidInputCell(r)} |`),
    '',
    ...(report.scenarios.length === 0
      ? []
      : [
          '## Documented behaviours',
          '',
          `${report.scenarios.filter((r) => r.verdict === 'holds').length} of ${report.scenarios.length} hold on this target.`,
          '',
          '| Behaviour | Verdict | Cases | Source |',
          '| --- | --- | --- | --- |',
          ...report.scenarios.map((r) => `| ${r.title ? `${escapeCell(r.title)} (${r.id})` : r.id} | ${SCENARIO_MARK[r.verdict]} ${r.verdict} | ${r.cases.map((c) => `\`${c}\``).join('<br>')} | ${escapeCell(r.sources.join('; '))} |`),
          '',
        ]),
    '## Cases',
    '',
    '| Operation | Case | Outcome | Checks | Source |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const c of report.cases) {
    const marks = c.checks.map((k) => `${OUTCOME_MARK[k.outcome]} ${k.id}`).join('<br>') || escapeCell(c.message ?? c.error ?? '');
    lines.push(`| \`${c.operationId}\` ${c.method} \`${c.path}\` | ${escapeCell(c.summary)} | ${OUTCOME_MARK[c.outcome]} ${c.outcome} | ${marks} | ${escapeCell(c.source)} |`);
  }
  const failures = report.cases.filter((c) => c.outcome === 'failed' || c.outcome === 'error');
  if (failures.length > 0) {
    lines.push('', '## Failures', '');
    for (const c of failures) {
      lines.push(`### \`${c.operationId}\` › ${c.caseId}`, '', `${c.method} \`${c.path}\` — ${c.summary}`, '');
      if (c.error || c.state !== 'ran') lines.push(`- ${escapeCell(c.error ?? c.message ?? '')}`);
      for (const key of c.expectation?.stale ?? []) lines.push(`- **stale expectation** \`${key}\` — the check passes now: remove the entry from the expectations file`);
      for (const k of c.checks.filter((x) => x.outcome === 'fail')) {
        lines.push(`- **${k.id}** — ${k.message}`);
        if (k.pointer) lines.push(`  - at \`${k.pointer}\`${k.schemaPath ? ` (schema \`${k.schemaPath}\`)` : ''}`);
        if (k.expected !== undefined) lines.push(`  - documented: \`${JSON.stringify(k.expected)}\``);
        if (k.actual !== undefined) lines.push(`  - received: \`${JSON.stringify(k.actual)}\``);
        lines.push(`  - source: ${k.source}`, `  - reproduce: \`${k.curl}\``);
      }
      lines.push('');
    }
  }
  const known = report.cases.filter((c) => (c.expectation?.expected.length ?? 0) > 0);
  if (known.length > 0) {
    lines.push('', '## Known deviations (expected failures)', '');
    for (const c of known) for (const key of c.expectation!.expected) lines.push(`- \`${key}\` — ${escapeCell(c.checks.find((k) => key.endsWith(`/${k.id}`))?.message ?? '')}`);
  }
  const warned = report.cases.flatMap((c) => c.checks.filter((k) => k.outcome === 'warn').map((k) => ({ c, k })));
  if (warned.length > 0) {
    lines.push('', '## Warnings (never fail a run)', '');
    for (const { c, k } of warned) lines.push(`- \`${c.operationId}\` › ${c.caseId} — **${k.id}**: ${escapeCell(k.message ?? '')}`);
  }
  if (report.expectations && report.expectations.unused.length > 0) {
    lines.push('', '## Expectations no check of this run met', '', ...report.expectations.unused.map((key) => `- \`${key}\``));
  }
  const skipped = report.cases.filter((c) => c.outcome === 'skipped');
  if (skipped.length > 0) {
    lines.push('', '## Skipped', '');
    for (const c of skipped) lines.push(`- \`${c.operationId}\` › ${c.caseId}: ${c.message ?? c.error ?? 'skipped'}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The one line printed at the end of a run. Pure. */
export function summaryLine(report: ConformanceReport, dir: string): string {
  const { cases, checks } = report.totals;
  const total = Object.values(cases).reduce((a, b) => a + b, 0);
  const extra = [cases.expected ? `${cases.expected} known deviations` : '', cases.unknown ? `${cases.unknown} unknown` : ''].filter(Boolean).map((t) => `, ${t}`).join('');
  return `forticonform: ${total} cases — ${cases.passed} passed, ${cases.failed} failed${extra}, ${cases.skipped} skipped, ${cases.error} errors; ${checks.pass} checks passed, ${checks.fail} failed, ${checks.warn} warnings, ${checks.skip} skipped. Report: ${path.join(dir, 'conformance.md')}`;
}

export default class ConformanceReporter implements Reporter {
  private readonly cases = new Map<string, ReportedCase>();
  /** Keys of cases whose own report arrived: judged to the end, even in a test cut short. */
  private readonly reported = new Set<string>();
  private started = Date.now();
  private readonly dir: string;
  private suite: Suite | undefined;

  constructor(options: { outputDir?: string } = {}) {
    this.dir = options.outputDir ? path.resolve(options.outputDir) : runOptions().reportDir;
  }

  printsToStdio(): boolean {
    return false;
  }

  onBegin(_config: FullConfig, suite: Suite): void {
    this.started = Date.now();
    this.suite = suite;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const attached = result.attachments.filter((a) => a.name === CASE_ATTACHMENT && a.body);
    // A test that judged several cases (an operation's, specs/contract.spec.ts): each is its own
    // case, with its own outcome; one it has no report of (the test was skipped, cut short or hit
    // a suite error) gets the test's.
    const judged = judgedCases(test);
    if (judged.length > 0 || attached.length > 1) {
      const reports = attached.map((a) => JSON.parse(a.body!.toString('utf8')) as CaseReport);
      for (const own of reports) {
        this.cases.set(`${test.id}#${own.caseId}`, { ...own, outcome: reportOutcome(own) });
        this.reported.add(`${test.id}#${own.caseId}`);
      }
      const error = result.errors.map((e) => e.message ?? '').join('\n').trim() || test.annotations.find((a) => a.type === 'skip')?.description;
      const unknown = result.status === 'skipped' && test.annotations.some((a) => a.type === 'unknown');
      for (const caseId of judged.filter((id) => !reports.some((r) => r.caseId === id))) {
        this.cases.set(`${test.id}#${caseId}`, { ...caseFromTitle(test, caseId), outcome: unknown ? 'unknown' : caseOutcome(result, undefined), error });
      }
      return;
    }
    const attachment = attached[0];
    const own = attachment?.body ? (JSON.parse(attachment.body.toString('utf8')) as CaseReport) : undefined;
    // Without the case's own report (skipped before it ran, or a suite error): rebuild what the
    // title and tags say — describe titles are "<product> <operationId>[ properties]".
    const fallback = caseFromTitle(test);
    const skipReason = test.annotations.find((a) => a.type === 'skip')?.description;
    const error = result.errors.map((e) => e.message ?? '').join('\n').trim() || undefined;
    this.cases.set(test.id, {
      ...(own ?? fallback),
      // No answer (specs/contract.spec.ts marks it): unknown, not skipped.
      outcome: result.status === 'skipped' && test.annotations.some((a) => a.type === 'unknown') ? 'unknown' : caseOutcome(result, own),
      ...(own ? {} : { error: error ?? skipReason }),
      ...(own?.state === 'precondition' && skipReason ? { message: skipReason.replace(/^precondition: /, '') } : {}),
    });
  }

  onEnd(result: FullResult): void {
    registerSecretsFromEnv();
    // `--budget-s` ran out (Playwright's globalTimeout): cases cut short or never started are unknown.
    let notRun = 0;
    if (result.status === 'timedout') {
      for (const test of this.suite?.allTests() ?? []) {
        // Stopped mid-test, Playwright reports it interrupted, or skipped with no reason given.
        const last = test.results.at(-1);
        const cut = !last || last.status === 'interrupted' || (last.status === 'skipped' && !test.annotations.some((a) => a.type === 'skip' || a.type === 'unknown'));
        const judged = judgedCases(test);
        const keys = judged.length > 0 ? judged.map((id) => [`${test.id}#${id}`, id] as const) : [[test.id, undefined] as const];
        if (!cut && keys.every(([key]) => this.cases.has(key))) continue;
        // A test judging several cases attaches each as it ends: those are judged to the end.
        for (const [key, caseId] of keys.filter(([key]) => judged.length === 0 || !this.reported.has(key))) {
          notRun += 1;
          this.cases.set(key, { ...(this.cases.get(key) ?? caseFromTitle(test, caseId)), outcome: 'unknown', message: 'time budget exhausted', error: undefined });
        }
      }
    }
    const budgetSeconds = runOptions().budgetS ?? 0;
    const cases = [...this.cases.values()];
    const run = runMeta();
    const report = buildReport(cases, {
      products: productVerdicts(cases, run.urls, run.versions),
      target: run.target,
      durationMs: run.durationMs ?? Date.now() - this.started,
      safety: run.safety,
      ...expectationsSummary(cases),
      ...(budgetSeconds ? { budget: { seconds: budgetSeconds, exhausted: result.status === 'timedout', notRun } } : {}),
    });
    mkdirSync(this.dir, { recursive: true });
    const baseline = diffAgainstBaseline(report);
    if (baseline.summary) report.diff = baseline.summary;
    if (baseline.problem) process.stderr.write(`forticonform: ${redact(baseline.problem)}\n`);
    writeFileSync(path.join(this.dir, 'conformance.json'), redact(JSON.stringify(report, null, 2)));
    writeFileSync(path.join(this.dir, 'conformance.md'), redact(renderMarkdown(report) + (baseline.diff ? `\n${renderDiffMarkdown(baseline.diff, 2)}` : '')));
    writeFileSync(path.join(this.dir, 'conformance.html'), redact(renderHtmlReport(report, baseline.diff)));
    process.stdout.write(`${redact(summaryLine(report, path.relative(process.cwd(), this.dir) || '.'))}\n`);
  }
}

/** The cases a test judges, when it judges several (their ids, in its annotations). */
function judgedCases(test: TestCase): string[] {
  return test.annotations.filter((a) => a.type === CASE_ANNOTATION && a.description).map((a) => a.description!);
}

/** What a test's title and tags say of its case, for a test that attached no report of its own.
 * Describe titles are "<product> <operationId>[ properties]". */
function caseFromTitle(test: TestCase, caseId = test.title): CaseReport {
  const product = test.tags.map((t) => t.slice(1)).find((t) => (PRODUCTS as readonly string[]).includes(t)) ?? '';
  return {
    product,
    operationId: test.parent.title.replace(`${product} `, '').replace(/ properties$/, ''),
    method: '',
    path: '',
    caseId,
    summary: caseId,
    source: test.annotations.find((a) => a.type === 'source')?.description ?? '',
    tags: test.tags,
    state: 'ran',
    checks: [],
  };
}

/**
 * What the report says of the run itself: from this process's environment, or — when merging the
 * blob reports of a sharded run (`forticonform merge`) — from one shard's own conformance.json.
 */
function runMeta(): { target: ConformanceReport['target']; urls: Partial<Record<Product, string>>; versions: Partial<Record<Product, string>>; safety: SafetyLevel; durationMs?: number } {
  const merged = runOptions().mergeMeta;
  if (merged) {
    const shard = JSON.parse(readFileSync(merged, 'utf8')) as ConformanceReport;
    const urls = Object.fromEntries(shard.products.filter((p) => p.url).map((p) => [p.product, p.url!])) as Partial<Record<Product, string>>;
    const versions = Object.fromEntries(shard.products.filter((p) => p.version).map((p) => [p.product, p.version!])) as Partial<Record<Product, string>>;
    return { target: shard.target, urls, versions, safety: shard.safety, durationMs: runOptions().mergeDurationMs || shard.durationMs };
  }
  const { embedded, emulatorVariants: variants, versions } = runOptions();
  const urls = Object.fromEntries(PRODUCTS.map((p) => [p, process.env[`${p.toUpperCase()}_URL`]]).filter(([, v]) => v)) as Partial<Record<Product, string>>;
  return {
    target: { url: process.env.FAC_URL ?? '(none)', embeddedEmulator: embedded, variants: embedded ? variants : [], tls: describeTls(process.env) },
    urls,
    versions,
    safety: safetyLevel(),
  };
}

/** The expectations file's coverage in this run: known failures seen, stale entries, entries never met. */
function expectationsSummary(cases: ReportedCase[]): Pick<ConformanceReport, 'expectations'> {
  const file = runOptions().expectationsFile;
  if (!file) return {};
  const entries = loadExpectations(file);
  const ran = new Set(cases.flatMap((c) => c.checks.filter((k) => k.outcome === 'pass' || k.outcome === 'fail').map((k) => checkKey(c, k.id))));
  return {
    expectations: {
      file,
      entries: entries.length,
      expected: cases.reduce((n, c) => n + (c.expectation?.expected.length ?? 0), 0),
      stale: cases.flatMap((c) => c.expectation?.stale ?? []),
      unused: entries.map((e) => e.check).filter((key) => !ran.has(key)),
    },
  };
}

/** How each configured product's TLS was handled (the report states it: issue · TLS as appliances have it). */
function describeTls(env: NodeJS.ProcessEnv): string {
  const one = (p: string): string => {
    const url = env[`${p}_URL`] ?? '';
    if (!url.startsWith('https:')) return 'none (plain HTTP)';
    if (env[`${p}_INSECURE`]) return `certificate NOT verified (${p}_INSECURE)`;
    if (env[`${p}_CA_FILE`]) return `verified against ${env[`${p}_CA_FILE`]}`;
    return 'verified against the system CAs';
  };
  const configured = PRODUCTS.map((p) => p.toUpperCase()).filter((p) => env[`${p}_URL`]);
  if (configured.length === 0) return 'none (no target)';
  const each = configured.map((p) => ({ p, tls: one(p) }));
  // One product: one phrase; several: one per product.
  return each.length === 1 ? each[0]!.tls : each.map(({ p, tls }) => `${p}: ${tls}`).join('; ');
}
