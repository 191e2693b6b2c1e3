/**
 * Unit tests of the reporters' pure functions (reporters/conformance.ts, reporters/html.ts) and the
 * upgrade diff (lib/report-diff.ts) on small hand-built cases: verdicts, outcome, tables, Markdown,
 * the summary line, HTML escaping and redaction, and what a diff calls a regression or a fix.
 */
import { expect, test } from '@playwright/test';
import { SCENARIOS } from '../../catalogue/index.ts';
import { redact, registerSecret } from '../../lib/redact.ts';
import { diffReports, summarizeDiff } from '../../lib/report-diff.ts';
import type { CheckReport, ConformanceReport, ProductVerdict, ReportedCase } from '../../lib/report-model.ts';
import { buildReport, coverageTable, productVerdicts, renderMarkdown, runOutcome, scenarioTable, summaryLine } from '../../reporters/conformance.ts';
import { renderHtmlReport } from '../../reporters/html.ts';

const check = (id: string, outcome: CheckReport['outcome'], extra: Partial<CheckReport> = {}): CheckReport => ({ id, title: `${id} title`, source: `${id} source`, outcome, ...extra });

function kase(caseId: string, outcome: ReportedCase['outcome'], checks: CheckReport[] = [], extra: Partial<ReportedCase> = {}): ReportedCase {
  return {
    product: 'fac',
    operationId: 'localusers.list',
    method: 'GET',
    path: '/api/v1/localusers/',
    caseId,
    summary: `summary of ${caseId}`,
    source: '002 · Local users',
    tags: ['@fac', '@localusers'],
    state: 'ran',
    checks,
    outcome,
    ...extra,
  };
}

const FAC_URL = { fac: 'https://fac.example' };
const passed = kase('list', 'passed', [check('status', 'pass'), check('body-schema', 'pass')]);
const failed = kase('filter', 'failed', [check('status', 'pass'), check('body-values', 'fail', { message: 'at /meta/total_count: expected 1, received 2', pointer: '/meta/total_count', expected: 1, actual: 2, curl: "curl -X GET 'https://fac.example/api/v1/localusers/'" })]);
const expectedDeviation = kase('abridged', 'expected', [check('body-values', 'fail', { message: 'known' })], { expectation: { expected: ['fac/localusers.list/abridged/body-values'], stale: [] } });
const unknown = kase('offset', 'unknown', [], { message: 'no answer' });

function report(cases: ReportedCase[], products = productVerdicts(cases, FAC_URL)): ConformanceReport {
  return buildReport(cases, { products, target: { url: 'https://fac.example', embeddedEmulator: false, variants: [], tls: 'verified' }, durationMs: 1500, safety: 'own-objects' });
}

const facVerdict = (cases: ReportedCase[], urls: Record<string, string> = FAC_URL): ProductVerdict => productVerdicts(cases, urls).find((p) => p.product === 'fac')!;

test.describe('productVerdicts', () => {
  test('every case passed: conforms, with the counts', () => {
    const v = facVerdict([passed, kase('skip', 'skipped')]);
    expect(v).toMatchObject({ verdict: 'conforms', url: 'https://fac.example', cases: { passed: 1, skipped: 1, failed: 0 } });
  });
  test('one failed or errored case: does not conform', () => {
    expect(facVerdict([passed, failed]).verdict).toBe('does not conform');
    expect(facVerdict([passed, kase('x', 'error')]).verdict).toBe('does not conform');
    expect(facVerdict([expectedDeviation, failed]).verdict).toBe('does not conform');
  });
  test('failures all in the expectations file: known deviations only', () => {
    expect(facVerdict([passed, expectedDeviation]).verdict).toBe('known deviations only');
  });
  test('configured, cases selected, none answered: unknown; nothing selected or no target: not run', () => {
    expect(facVerdict([unknown]).verdict).toBe('unknown');
    expect(facVerdict([kase('s', 'skipped')]).verdict).toBe('unknown');
    expect(facVerdict([], FAC_URL).verdict).toBe('not run');
    expect(facVerdict([unknown], {}).verdict).toBe('not run');
  });
  test('each product is judged by its own cases only', () => {
    const verdicts = productVerdicts([passed, { ...failed, product: 'fsm' }], { ...FAC_URL, fsm: 'https://fsm.example' });
    expect(Object.fromEntries(verdicts.map((p) => [p.product, p.verdict]))).toEqual({ fac: 'conforms', fsm: 'does not conform', faz: 'not run' });
    expect(verdicts.find((p) => p.product === 'faz')!.url).toBeNull();
  });
});

test.describe('runOutcome', () => {
  const totals = (cases: ReportedCase[]) => report(cases).totals;
  test('pass, fail, unknown', () => {
    expect(runOutcome(totals([passed]), productVerdicts([passed], FAC_URL))).toBe('pass');
    expect(runOutcome(totals([passed, failed]), productVerdicts([passed, failed], FAC_URL))).toBe('fail');
    expect(runOutcome(totals([passed, kase('e', 'error')]), productVerdicts([passed], FAC_URL))).toBe('fail');
    expect(runOutcome(totals([passed, unknown]), productVerdicts([passed, unknown], FAC_URL))).toBe('unknown');
    expect(runOutcome(totals([passed, expectedDeviation]), productVerdicts([passed, expectedDeviation], FAC_URL))).toBe('pass');
  });
  test('a configured product without any result makes the run unknown', () => {
    const fsmUnknown = productVerdicts([passed, { ...unknown, product: 'fsm' }], { ...FAC_URL, fsm: 'https://fsm' });
    expect(runOutcome(totals([passed]), fsmUnknown)).toBe('unknown');
  });
  test('failure beats unknown; warnings never fail a run', () => {
    expect(runOutcome(totals([failed, unknown]), productVerdicts([failed, unknown], FAC_URL))).toBe('fail');
    const warned = kase('w', 'passed', [check('undocumented-fields', 'warn', { message: 'x' })]);
    expect(report([warned]).outcome).toBe('pass');
  });
});

test.describe('coverageTable and scenarioTable', () => {
  test('one row per product and resource, operations listed once, cases and checks counted', () => {
    const other = kase('create', 'passed', [check('status', 'pass'), check('location-header', 'skip')], { operationId: 'usergroups.create', method: 'POST', path: '/api/v1/usergroups/', tags: ['@fac', '@usergroups', '@disposable'] });
    const rows = coverageTable([passed, failed, kase('get', 'passed', [], { method: 'GET', path: '/api/v1/localusers/{id}/' }), other]);
    expect(rows.map((r) => r.resource)).toEqual(['localusers', 'usergroups']);
    expect(rows[0]).toMatchObject({ product: 'fac', operations: ['GET /api/v1/localusers/', 'GET /api/v1/localusers/{id}/'], cases: { passed: 2, failed: 1 }, checks: { pass: 3, fail: 1, skip: 0 } });
    expect(rows[1]).toMatchObject({ operations: ['POST /api/v1/usergroups/'], checks: { pass: 1, skip: 1 } });
    expect(coverageTable([kase('t', 'passed', [], { tags: ['@fac'] })])[0]!.resource).toBe('(untagged)');
  });
  test('a scenario is broken by any failed case, a known deviation, holds when passed; catalogue title and source first', () => {
    const entry = SCENARIOS[0]!;
    const rows = scenarioTable([
      kase('a', 'passed', [], { scenario: entry.id }),
      kase('b', 'failed', [], { scenario: entry.id, source: 'case source b' }),
      kase('c', 'expected', [], { scenario: 'zz-known' }),
      kase('d', 'passed', [], { scenario: 'zz-holds' }),
      kase('e', 'unknown', [], { scenario: 'zz-unknown' }),
      kase('f', 'skipped', [], { scenario: 'zz-not-run' }),
      kase('g', 'passed'),
    ]);
    expect(rows.map((r) => [r.id, r.verdict])).toEqual([
      [entry.id, 'broken'],
      ['zz-holds', 'holds'],
      ['zz-known', 'known deviation'],
      ['zz-not-run', 'not run'],
      ['zz-unknown', 'unknown'],
    ].sort((a, b) => a[0]!.localeCompare(b[0]!)));
    const known = rows.find((r) => r.id === entry.id)!;
    expect(known).toMatchObject({ title: entry.title, cases: ['localusers.list#a', 'localusers.list#b'], sources: [entry.source, '002 · Local users', 'case source b'] });
    expect(rows.find((r) => r.id === 'zz-holds')!.title).toBeUndefined();
  });
});

test.describe('buildReport, renderMarkdown, summaryLine', () => {
  test('totals count cases and checks; cases are sorted; outcome from the cases', () => {
    const r = report([unknown, failed, passed, expectedDeviation]);
    expect(r.totals.cases).toEqual({ passed: 1, failed: 1, skipped: 0, error: 0, unknown: 1, expected: 1 });
    expect(r.totals.checks).toEqual({ pass: 3, fail: 2, warn: 0, skip: 0 });
    expect(r.cases.map((c) => c.caseId)).toEqual(['abridged', 'filter', 'list', 'offset']);
    expect(r.outcome).toBe('fail');
    expect(r.coverage).toHaveLength(1);
  });
  test('Markdown: verdict, product verdict, the failure with pointer, documented and received, known deviations', () => {
    const md = renderMarkdown(report([passed, failed, expectedDeviation]));
    expect(md).toContain('**Verdict: DOES NOT CONFORM**');
    expect(md).toMatch(/\| FortiAuthenticator \| `https:\/\/fac\.example` \| \(not stated\) \| ❌ does not conform \|/);
    // The release judged (FAC_VERSION, or the embedded emulator's) is printed per product.
    const versioned = renderMarkdown(report([passed], productVerdicts([passed], FAC_URL, { fac: '8.0.1' })));
    expect(versioned).toMatch(/\| FortiAuthenticator \| `https:\/\/fac\.example` \| 8\.0\.1 \| ✅ conforms \|/);
    expect(md).toContain('## Failures');
    expect(md).toContain('- **body-values** — at /meta/total_count: expected 1, received 2');
    expect(md).toContain('  - at `/meta/total_count`');
    expect(md).toContain('  - documented: `1`');
    expect(md).toContain('  - received: `2`');
    expect(md).toContain("  - reproduce: `curl -X GET 'https://fac.example/api/v1/localusers/'`");
    expect(md).toContain('## Known deviations (expected failures)');
    expect(md).toContain('- `fac/localusers.list/abridged/body-values` — known');
    expect(renderMarkdown(report([passed]))).toContain('**Verdict: CONFORMS**');
    expect(renderMarkdown(report([passed]))).not.toContain('## Failures');
    expect(renderMarkdown(report([passed, unknown]))).toContain('**Verdict: UNKNOWN');
  });
  test('Markdown table cells escape pipes and newlines', () => {
    const md = renderMarkdown(report([kase('p', 'passed', [], { summary: 'a | b\nc' })]));
    expect(md).toContain('a \\| b c');
  });
  test('a secret in a message never survives redact of the rendered report', () => {
    const secret = 'Sup3r-secret-key-4242';
    registerSecret(secret, 'admin');
    const leaky = kase('leak', 'failed', [check('status', 'fail', { message: `got ${secret}`, actual: secret, curl: `curl -u admin:${secret} https://fac.example/` })], { error: `Authorization: Basic ${Buffer.from(`admin:${secret}`).toString('base64')}` });
    const r = report([leaky]);
    expect(renderMarkdown(r)).toContain(secret); // the renderer is pure; the reporter redacts what it writes
    for (const text of [redact(renderMarkdown(r)), redact(JSON.stringify(r)), renderHtmlReport(r)]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(Buffer.from(`admin:${secret}`).toString('base64'));
      expect(text).toContain('[REDACTED]');
    }
  });
  test('summary line counts everything and points at the Markdown', () => {
    const line = summaryLine(report([passed, failed, expectedDeviation, unknown, kase('s', 'skipped')]), 'reports');
    expect(line).toBe('forticonform: 5 cases — 1 passed, 1 failed, 1 known deviations, 1 unknown, 1 skipped, 0 errors; 3 checks passed, 2 failed, 0 warnings, 0 skipped. Report: reports/conformance.md');
    expect(summaryLine(report([passed]), 'out')).not.toMatch(/known deviations|unknown/);
  });
});

test.describe('renderHtmlReport', () => {
  test('a message with <script> is escaped, never markup', () => {
    const evil = kase('xss', 'failed', [check('body-values', 'fail', { message: '<script>alert(1)</script>', actual: '<img src=x onerror=alert(2)>' })], { summary: '"quoted" & <b>bold</b>' });
    const html = renderHtmlReport(report([evil]));
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>bold</b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;');
    expect(html).toContain("default-src 'none'");
  });
  test('the matrix shows per resource how many derived negative cases passed of those that ran', () => {
    const derived = (caseId: string, outcome: ReportedCase['outcome']) =>
      kase(caseId, outcome, [check('status', outcome === 'passed' ? 'pass' : 'fail')], { derived: { keyword: 'maxLength', field: 'username', category: 'length', expects: 'rejected' } });
    const cell = (cases: ReportedCase[]) => /<td class="cell (\w+) rejects"[^>]*>([^<]*)</.exec(renderHtmlReport(report(cases)))?.slice(1);
    expect(cell([passed, derived('d1', 'passed'), derived('d2', 'passed')])).toEqual(['pass', '2 / 2']);
    expect(cell([passed, derived('d1', 'passed'), derived('d2', 'failed')])).toEqual(['fail', '1 / 2']);
    expect(renderHtmlReport(report([passed]))).toContain('title="no derived negative case ran"');
  });
  test('the verdict shown follows the run outcome', () => {
    const verdictOf = (cases: ReportedCase[]) => /id="verdict">Verdict: ([^<]+)</.exec(renderHtmlReport(report(cases)))?.[1];
    expect(verdictOf([passed])).toBe('CONFORMS');
    expect(verdictOf([passed, failed])).toBe('DOES NOT CONFORM');
    expect(verdictOf([passed, expectedDeviation])).toBe('CONFORMS (known deviations only)');
    expect(verdictOf([passed, unknown])).toBe('UNKNOWN (some checks got no answer)');
    expect(verdictOf([])).toBe('NOTHING RAN');
  });
  test('a failure is listed with its check, source and curl; a clean run lists none', () => {
    const html = renderHtmlReport(report([passed, failed]));
    expect(html).toContain('<h2>Failures (1)</h2>');
    expect(html).toContain('id="fail-fac-localusers.list-filter-body-values"');
    expect(html).toContain('Source: <b>body-values source</b>');
    expect(html).toContain('curl -X GET &#39;https://fac.example/api/v1/localusers/&#39;');
    expect(renderHtmlReport(report([passed]))).toContain('<h2>Failures</h2><p class="muted">None.</p>');
  });
});

test.describe('diffReports and summarizeDiff', () => {
  const side = (cases: ReportedCase[], url = 'https://fac.example'): ConformanceReport => ({ ...report(cases), target: { url, embeddedEmulator: false, variants: [], tls: 'x' } });
  const before = [kase('list', 'passed', [check('status', 'pass'), check('body-schema', 'pass')]), kase('filter', 'failed', [check('body-values', 'fail', { message: 'old' })]), kase('gone', 'passed', [check('status', 'pass')])];
  const after = [
    kase('list', 'failed', [check('status', 'pass'), check('body-schema', 'fail', { message: 'at /objects: must be array' }), check('list-limit', 'pass')]),
    kase('filter', 'passed', [check('body-values', 'pass')]),
    kase('new', 'skipped'),
  ];
  test('regressions, fixes, new and removed checks, matched by id not position', () => {
    const diff = diffReports(side(before, 'https://old'), side(after));
    expect(diff.old.url).toBe('https://old');
    expect(diff.regressions).toEqual([{ key: 'fac localusers.list list body-schema', product: 'fac', operationId: 'localusers.list', caseId: 'list', check: 'body-schema', before: 'pass', after: 'fail', source: 'body-schema source', message: 'at /objects: must be array' }]);
    expect(diff.fixes.map((e) => e.key)).toEqual(['fac localusers.list filter body-values']);
    expect(diff.fixes[0]!.message).toBe('old');
    expect(diff.added.map((e) => e.key).sort()).toEqual(['fac localusers.list list list-limit', 'fac localusers.list new']);
    expect(diff.removed.map((e) => e.key)).toEqual(['fac localusers.list gone status']);
    expect(diff.changed).toEqual([]);
    expect(diffReports(side(before), side([...before].reverse()))).toMatchObject({ regressions: [], fixes: [], added: [], removed: [], changed: [] });
  });
  test('a case that lost its answer is a case-level regression; pass → skip is only a change', () => {
    const diff = diffReports(side([kase('a', 'passed', [check('status', 'pass')]), kase('b', 'passed', [check('location-header', 'pass')])]), side([kase('a', 'unknown', [], { message: 'no answer' }), kase('b', 'passed', [check('location-header', 'skip')])]));
    expect(diff.regressions).toEqual([expect.objectContaining({ key: 'fac localusers.list a', before: 'passed', after: 'unknown', message: 'no answer' })]);
    expect(diff.changed).toEqual([expect.objectContaining({ key: 'fac localusers.list b location-header', before: 'pass', after: 'skip' })]);
  });
  test('summarizeDiff counts each list and names the regressions', () => {
    const diff = diffReports(side(before, 'https://old'), side(after));
    expect(summarizeDiff(diff, 'base.json')).toEqual({
      baseline: 'base.json',
      against: diff.old,
      regressions: 1,
      fixes: 1,
      added: 2,
      removed: 1,
      changed: 0,
      shapes: 0,
      regressed: ['fac localusers.list list body-schema'],
    });
  });
});
