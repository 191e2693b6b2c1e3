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
import { CASE_ATTACHMENT, type CaseReport } from '../fixtures/run-case.ts';
import { redact, registerSecretsFromEnv } from '../lib/redact.ts';
import { PRODUCT_NAMES, PRODUCTS, type Product } from '../lib/config.ts';

export type CaseOutcome = 'passed' | 'failed' | 'skipped' | 'error';

export interface ReportedCase extends CaseReport {
  outcome: CaseOutcome;
  /** Test error text when the case did not produce its own report (suite or fixture error). */
  error?: string;
}

export interface ProductVerdict {
  product: Product;
  name: string;
  url: string | null;
  /** `not run` when no case of the product ran: never reported as passed. */
  verdict: 'conforms' | 'does not conform' | 'not run';
  cases: Record<CaseOutcome, number>;
}

/** One row of the coverage table: a resource (tag) and what of it was checked. */
export interface CoverageRow {
  product: string;
  resource: string;
  /** `METHOD path` of every operation of the resource that has cases. */
  operations: string[];
  cases: Record<CaseOutcome, number>;
  checks: { pass: number; fail: number; skip: number };
}

export interface ConformanceReport {
  tool: { name: string; version: string };
  generatedAt: string;
  target: { url: string; embeddedEmulator: boolean; variants: string[]; tls: string };
  products: ProductVerdict[];
  coverage: CoverageRow[];
  durationMs: number;
  totals: {
    cases: Record<CaseOutcome, number>;
    checks: { pass: number; fail: number; skip: number };
  };
  cases: ReportedCase[];
}

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
  if (!report || report.state === 'unreachable') return result.status === 'passed' ? 'passed' : 'error';
  return result.status === 'passed' ? 'passed' : 'failed';
}

/** Builds the report's JSON from what the tests attached. Pure. */
/** Per product: its verdict from its own cases. Pure. */
export function productVerdicts(cases: ReportedCase[], urls: Partial<Record<Product, string>>): ProductVerdict[] {
  return PRODUCTS.map((product) => {
    const counts: Record<CaseOutcome, number> = { passed: 0, failed: 0, skipped: 0, error: 0 };
    for (const c of cases) if (c.product === product) counts[c.outcome] += 1;
    const ran = counts.passed + counts.failed + counts.error;
    const verdict = ran === 0 ? 'not run' : counts.failed + counts.error > 0 ? 'does not conform' : 'conforms';
    return { product, name: PRODUCT_NAMES[product], url: urls[product] ?? null, verdict, cases: counts };
  });
}

/** Per resource (an operation's first tag): operations, cases and checks. Pure. */
export function coverageTable(cases: ReportedCase[]): CoverageRow[] {
  const rows = new Map<string, CoverageRow>();
  for (const c of cases) {
    const resource = c.tags.map((t) => t.replace(/^@/, '')).find((t) => t !== c.product && t !== 'properties' && t !== 'disposable') ?? '(untagged)';
    const key = `${c.product} ${resource}`;
    const row = rows.get(key) ?? { product: c.product, resource, operations: [], cases: { passed: 0, failed: 0, skipped: 0, error: 0 }, checks: { pass: 0, fail: 0, skip: 0 } };
    const operation = `${c.method} ${c.path}`.trim();
    if (operation && !row.operations.includes(operation)) row.operations.push(operation);
    row.cases[c.outcome] += 1;
    for (const k of c.checks) row.checks[k.outcome] += 1;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => `${a.product} ${a.resource}`.localeCompare(`${b.product} ${b.resource}`));
}

export function buildReport(cases: ReportedCase[], meta: Omit<ConformanceReport, 'totals' | 'cases' | 'tool' | 'generatedAt' | 'coverage'>): ConformanceReport {
  const totals: ConformanceReport['totals'] = {
    cases: { passed: 0, failed: 0, skipped: 0, error: 0 },
    checks: { pass: 0, fail: 0, skip: 0 },
  };
  for (const c of cases) {
    totals.cases[c.outcome] += 1;
    for (const check of c.checks) totals.checks[check.outcome] += 1;
  }
  const sorted = [...cases].sort((a, b) => `${a.product} ${a.operationId} ${a.caseId}`.localeCompare(`${b.product} ${b.operationId} ${b.caseId}`));
  return { tool: { name: 'forticonform', version: toolVersion() }, generatedAt: new Date().toISOString(), ...meta, coverage: coverageTable(cases), totals, cases: sorted };
}

const OUTCOME_MARK: Record<string, string> = { pass: '✅', fail: '❌', skip: '➖', passed: '✅', failed: '❌', skipped: '➖', error: '⚠️' };

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
    `Generated: ${report.generatedAt} by forticonform ${report.tool.version} in ${(report.durationMs / 1000).toFixed(1)} s`,
    '',
    `**Verdict: ${ct.failed + ct.error === 0 ? 'CONFORMS' : 'DOES NOT CONFORM'}** — cases: ${ct.passed} passed, ${ct.failed} failed, ${ct.skipped} skipped, ${ct.error} errors; checks: ${checks.pass} passed, ${checks.fail} failed, ${checks.skip} skipped.`,
    '',
    '## Products',
    '',
    '| Product | Target | Verdict | Cases passed / failed / skipped / errors |',
    '| --- | --- | --- | --- |',
    ...report.products.map((p) => `| ${p.name} | ${p.url ? `\`${p.url}\`` : '(none configured)'} | ${p.verdict === 'conforms' ? '✅' : p.verdict === 'not run' ? '➖' : '❌'} ${p.verdict} | ${p.cases.passed} / ${p.cases.failed} / ${p.cases.skipped} / ${p.cases.error} |`),
    '',
    '## Coverage',
    '',
    '| Product | Resource | Operations checked | Cases passed / failed / skipped / errors | Checks passed / failed / skipped |',
    '| --- | --- | --- | --- | --- |',
    ...report.coverage.map((r) => `| ${r.product} | ${r.resource} | ${r.operations.map((o) => `\`${o}\``).join('<br>')} | ${r.cases.passed} / ${r.cases.failed} / ${r.cases.skipped} / ${r.cases.error} | ${r.checks.pass} / ${r.checks.fail} / ${r.checks.skip} |`),
    '',
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
  return `forticonform: ${cases.passed + cases.failed + cases.skipped + cases.error} cases — ${cases.passed} passed, ${cases.failed} failed, ${cases.skipped} skipped, ${cases.error} errors; ${checks.pass} checks passed, ${checks.fail} failed, ${checks.skip} skipped. Report: ${path.join(dir, 'conformance.md')}`;
}

export default class ConformanceReporter implements Reporter {
  private readonly cases = new Map<string, ReportedCase>();
  private started = Date.now();
  private readonly dir: string;

  constructor(options: { outputDir?: string } = {}) {
    this.dir = path.resolve(options.outputDir ?? process.env.FORTICONFORM_REPORT_DIR ?? 'reports');
  }

  printsToStdio(): boolean {
    return false;
  }

  onBegin(_config: FullConfig, _suite: Suite): void {
    this.started = Date.now();
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const attachment = result.attachments.find((a) => a.name === CASE_ATTACHMENT && a.body);
    const own = attachment?.body ? (JSON.parse(attachment.body.toString('utf8')) as CaseReport) : undefined;
    // Without the case's own report (skipped before it ran, or a suite error): rebuild what the
    // title and tags say — describe titles are "<product> <operationId>[ properties]".
    const product = test.tags.map((t) => t.slice(1)).find((t) => (PRODUCTS as readonly string[]).includes(t)) ?? '';
    const describe = test.parent.title; // innermost describe: "<product> <operationId>"
    const fallback: CaseReport = {
      product,
      operationId: describe.replace(`${product} `, '').replace(/ properties$/, ''),
      method: '',
      path: '',
      caseId: test.title,
      summary: test.title,
      source: test.annotations.find((a) => a.type === 'source')?.description ?? '',
      tags: test.tags,
      state: 'ran',
      checks: [],
    };
    const skipReason = test.annotations.find((a) => a.type === 'skip')?.description;
    const error = result.errors.map((e) => e.message ?? '').join('\n').trim() || undefined;
    this.cases.set(test.id, {
      ...(own ?? fallback),
      outcome: caseOutcome(result, own),
      ...(own ? {} : { error: error ?? skipReason }),
      ...(own?.state === 'precondition' && skipReason ? { message: skipReason.replace(/^precondition: /, '') } : {}),
    });
  }

  onEnd(_result: FullResult): void {
    registerSecretsFromEnv();
    const variants = (process.env.FORTICONFORM_EMULATOR_VARIANTS ?? '').split(',').filter(Boolean);
    const embedded = process.env.FORTICONFORM_EMBEDDED === '1';
    const cases = [...this.cases.values()];
    const urls = { fac: process.env.FAC_URL, fsm: process.env.FSM_URL, faz: process.env.FAZ_URL };
    const report = buildReport(cases, {
      products: productVerdicts(cases, Object.fromEntries(Object.entries(urls).filter(([, v]) => v)) as Partial<Record<Product, string>>),
      target: {
        url: process.env.FAC_URL ?? '(none)',
        embeddedEmulator: embedded,
        variants: embedded ? variants : [],
        tls: describeTls(process.env),
      },
      durationMs: Date.now() - this.started,
    });
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(path.join(this.dir, 'conformance.json'), redact(JSON.stringify(report, null, 2)));
    writeFileSync(path.join(this.dir, 'conformance.md'), redact(renderMarkdown(report)));
    process.stdout.write(`${redact(summaryLine(report, path.relative(process.cwd(), this.dir) || '.'))}\n`);
  }
}

function describeTls(env: NodeJS.ProcessEnv): string {
  if (!env.FAC_URL?.startsWith('https:')) return 'none (plain HTTP)';
  if (env.FAC_INSECURE) return 'certificate NOT verified (FAC_INSECURE)';
  if (env.FAC_CA_FILE) return `verified against ${env.FAC_CA_FILE}`;
  return 'verified against the system CAs';
}
