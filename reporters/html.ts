/**
 * The conformance report as one self-contained HTML page (`conformance.html`): inline CSS, no
 * script, nothing fetched — a Content-Security-Policy of `default-src 'none'` makes the browser
 * refuse any request the page might make. Readable offline, attachable to a ticket, printable.
 *
 * Every value from the report is escaped (and redacted) where it is written. Pure.
 */
import { redact } from '../lib/redact.ts';
import { diffHeadline } from '../lib/report-diff.ts';
import type { ConformanceReport, DiffEntry, ReportDiff } from '../lib/report-model.ts';

type Case = ConformanceReport['cases'][number];
type Check = Case['checks'][number];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Redacted and escaped for text and attribute values. */
function esc(value: unknown): string {
  return redact(String(value ?? '')).replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

function json(value: unknown): string {
  const text = JSON.stringify(value, null, 2) ?? String(value);
  return text.length > 4000 ? `${text.slice(0, 4000)}\n… (${text.length - 4000} more characters)` : text;
}

// Worst first: a cell takes the colour of its worst outcome.
const SEVERITY = ['fail', 'failed', 'error', 'unknown', 'warn', 'warning', 'pass', 'passed', 'skip', 'skipped'];
const MARK: Record<string, string> = { pass: '✓', passed: '✓', fail: '✗', failed: '✗', error: '!', unknown: '?', warn: '△', warning: '△', skip: '–', skipped: '–' };

/** Check outcomes shown as failures (`unknown`: no answer, in newer reports). */
const FAILING_CHECK = new Set<string>(['fail', 'unknown']);

const CHECK_WORDS: Record<string, string> = { pass: 'passed', fail: 'failed', warn: 'warnings', skip: 'skipped' };

function cssClass(outcome: string): string {
  return /^[a-z-]+$/.test(outcome) ? `o-${outcome}` : 'o-other';
}

function worst(outcomes: string[]): string {
  return [...outcomes].sort((a, b) => rank(a) - rank(b))[0] ?? 'none';
}

function rank(outcome: string): number {
  const i = SEVERITY.indexOf(outcome);
  return i === -1 ? SEVERITY.length : i;
}

/**
 * The resource of a case, as the report's coverage table has it (first tag that is not the product
 * or a project): found through the operation, falling back to the operationId's first word.
 */
function resourceIndex(report: ConformanceReport): (c: Case) => string {
  const byOperation = new Map<string, string>();
  for (const row of report.coverage ?? []) for (const op of row.operations) byOperation.set(`${row.product} ${op}`, `${row.product} · ${row.resource}`);
  return (c) => byOperation.get(`${c.product} ${c.method} ${c.path}`) ?? `${c.product} · ${c.operationId.split('.')[0]}`;
}

function countsText(counts: Record<string, number>): string {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
}

/** Optional report fields other sessions add (safety level, product versions): shown when present. */
function describeLoose(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return value.map(describeLoose).join(', ');
  const record = value as Record<string, unknown>;
  const head = typeof record.level === 'string' ? record.level : '';
  const rest = Object.entries(record)
    .filter(([k]) => k !== 'level')
    .map(([k, v]) => `${k}: ${describeLoose(v)}`);
  return [head, rest.length ? `(${rest.join('; ')})` : ''].filter(Boolean).join(' ');
}

function productVersions(product: object): string {
  return Object.entries(product)
    .filter(([k]) => /version|firmware|build/i.test(k))
    .map(([, v]) => describeLoose(v))
    .filter(Boolean)
    .join(', ');
}

const CSS = `
:root { --pass: #1a7f37; --pass-bg: #dafbe1; --fail: #b42318; --fail-bg: #ffe4e1; --warn: #8a5a00; --warn-bg: #fff3c4;
  --skip: #57606a; --skip-bg: #eef0f2; --line: #d0d7de; --ink: #1f2328; --muted: #59636e; --code-bg: #f6f8fa; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink);
  margin: 0 auto; padding: 24px; max-width: 1400px; background: #fff; }
h1 { font-size: 24px; margin: 0 0 8px; } h2 { font-size: 19px; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 0 0 6px; }
code, pre { font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; }
pre { background: var(--code-bg); border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; margin: 4px 0;
  white-space: pre-wrap; word-break: break-all; max-height: 320px; overflow: auto; }
table { border-collapse: collapse; } th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: var(--code-bg); font-weight: 600; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0; } dl.meta dt { color: var(--muted); } dl.meta dd { margin: 0; }
.verdict { display: inline-block; font-weight: 700; padding: 6px 14px; border-radius: 6px; margin: 8px 0; font-size: 16px; }
.verdict.ok { background: var(--pass-bg); color: var(--pass); } .verdict.bad { background: var(--fail-bg); color: var(--fail); }
.verdict.none { background: var(--skip-bg); color: var(--skip); }
.tiles { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0; }
.tile { border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; min-width: 96px; }
.tile b { display: block; font-size: 20px; } .tile span { color: var(--muted); font-size: 12px; }
.o-pass, .o-passed, .o-conforms { background: var(--pass-bg); color: var(--pass); }
.o-fail, .o-failed, .o-error, .o-unknown, .o-does-not-conform { background: var(--fail-bg); color: var(--fail); }
.o-warn, .o-warning, .o-expected { background: var(--warn-bg); color: var(--warn); }
.o-skip, .o-skipped, .o-not-run, .o-none, .o-other { background: var(--skip-bg); color: var(--skip); }
.badge { display: inline-block; border-radius: 4px; padding: 0 6px; font-weight: 600; font-size: 12px; }
.matrix-wrap { overflow-x: auto; }
#matrix th.check { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; font-weight: 600; padding: 8px 4px; }
#matrix td.cell { text-align: center; white-space: nowrap; font-variant-numeric: tabular-nums; min-width: 40px; padding: 4px 5px; }
#matrix thead th { vertical-align: bottom; }
#matrix td.cell a { color: inherit; } #matrix td.empty { background: #fff; color: #c0c6cc; }
#matrix th.resource { white-space: nowrap; }
.legend { color: var(--muted); margin: 4px 0 8px; } .legend .badge { margin-right: 4px; }
.failure { border: 1px solid var(--line); border-left: 4px solid var(--fail); border-radius: 6px; padding: 10px 14px; margin: 12px 0; }
.failure .check { margin: 10px 0 0; padding-top: 8px; border-top: 1px dashed var(--line); }
.failure .check:first-of-type { border-top: none; padding-top: 0; }
.source { color: var(--muted); } .source b { color: var(--ink); font-weight: 600; }
.vs { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; } .vs > div > span { font-size: 12px; color: var(--muted); }
.diff-list li { margin: 4px 0; } .diff .none { color: var(--muted); }
details summary { cursor: pointer; color: var(--muted); margin: 8px 0; }
.muted { color: var(--muted); }
@media print { pre { max-height: none; } details { display: block; } }
`;

function badge(outcome: string, text = outcome): string {
  return `<span class="badge ${cssClass(outcome)}">${esc(MARK[outcome] ? `${MARK[outcome]} ${text}` : text)}</span>`;
}

function header(report: ConformanceReport): string {
  const { cases } = report.totals;
  const ran = Object.entries(cases).filter(([k]) => k !== 'skipped').reduce((n, [, v]) => n + v, 0);
  // The run's own outcome (reporters/conformance.ts): known deviations pass, unknown does not.
  const known = cases.expected > 0 ? ' (known deviations only)' : '';
  const verdict =
    ran === 0 ? ['none', 'NOTHING RAN'] : report.outcome === 'pass' ? ['ok', `CONFORMS${known}`] : report.outcome === 'unknown' ? ['bad', 'UNKNOWN (some checks got no answer)'] : ['bad', 'DOES NOT CONFORM'];
  const safety = describeLoose((report as ConformanceReport & { safety?: unknown }).safety);
  const rows: [string, string][] = [
    ['Target', `<code>${esc(report.target.url)}</code>${report.target.embeddedEmulator ? ' (embedded reference emulator)' : ''}`],
    ...(report.target.variants.length ? [['Emulator variants', esc(report.target.variants.join(', '))] as [string, string]] : []),
    ['TLS', esc(report.target.tls)],
    ...(safety ? [['Safety level', esc(safety)] as [string, string]] : []),
    ['Generated', `${esc(report.generatedAt)} by forticonform ${esc(report.tool.version)} in ${esc((report.durationMs / 1000).toFixed(1))} s`],
  ];
  return `<header>
<h1>forticonform conformance report</h1>
<div class="verdict ${verdict[0]}" id="verdict">Verdict: ${verdict[1]}</div>
<dl class="meta">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>
</header>`;
}

function products(report: ConformanceReport): string {
  const rows = report.products.map((p) => {
    const versions = productVersions(p);
    return `<tr><td>${esc(p.name)}</td><td>${p.url ? `<code>${esc(p.url)}</code>` : '<span class="muted">(none configured)</span>'}</td><td>${esc(versions || '—')}</td><td>${badge(p.verdict.replace(/ /g, '-'), p.verdict)}</td><td>${esc(countsText(p.cases) || '—')}</td></tr>`;
  });
  return `<section id="products"><h2>Products</h2>
<table><thead><tr><th>Product</th><th>Target</th><th>Version</th><th>Verdict</th><th>Cases</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function counts(report: ConformanceReport): string {
  const tile = (n: number, what: string, outcome: string) => `<div class="tile ${n === 0 ? 'o-none' : cssClass(outcome)}"><b>${esc(n)}</b><span>${esc(what)}</span></div>`;
  const caseTiles = Object.entries(report.totals.cases).map(([k, n]) => tile(n, `cases ${k}`, k));
  const checkTiles = Object.entries(report.totals.checks).map(([k, n]) => tile(n, `checks ${CHECK_WORDS[k] ?? k}`, k));
  return `<section id="counts"><h2>Counts</h2><div class="tiles">${caseTiles.join('')}</div><div class="tiles">${checkTiles.join('')}</div></section>`;
}

function failureAnchor(c: Case, check?: Check): string {
  return `fail-${`${c.product}-${c.operationId}-${c.caseId}${check ? `-${check.id}` : ''}`.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
}

function matrix(report: ConformanceReport): string {
  const resourceOf = resourceIndex(report);
  const columnTotals = new Map<string, number>();
  const cells = new Map<string, Map<string, { counts: Map<string, number>; firstFailure?: string }>>();
  for (const c of report.cases) {
    const row = cells.get(resourceOf(c)) ?? new Map();
    cells.set(resourceOf(c), row);
    for (const k of c.checks) {
      columnTotals.set(k.id, (columnTotals.get(k.id) ?? 0) + 1);
      const cell = row.get(k.id) ?? { counts: new Map<string, number>() };
      cell.counts.set(k.outcome, (cell.counts.get(k.outcome) ?? 0) + 1);
      if (FAILING_CHECK.has(k.outcome) && !cell.firstFailure) cell.firstFailure = failureAnchor(c, k);
      row.set(k.id, cell);
    }
  }
  if (cells.size === 0) return `<section id="matrix-section"><h2>Resources × checks</h2><p class="muted" id="matrix">No case ran.</p></section>`;
  // The coverage table's "rejects invalid input": derived negative cases passed / ran, per resource.
  const rejectsInvalidInput = new Map<string, { ran: number; passed: number }>();
  for (const row of report.coverage ?? []) {
    const total = { ran: 0, passed: 0 };
    for (const n of Object.values(row.invalidInput ?? {})) {
      total.ran += n.ran;
      total.passed += n.passed;
    }
    rejectsInvalidInput.set(`${row.product} · ${row.resource}`, total);
  }
  // Most-used checks first (status, content type, schema…), then by name.
  const columns = [...columnTotals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([id]) => id);
  const body = [...cells.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([resource, row]) => {
      const tds = columns.map((id) => {
        const cell = row.get(id);
        if (!cell) return '<td class="cell empty" title="not applicable">·</td>';
        const outcomes = [...cell.counts.entries()].sort((a, b) => rank(a[0]) - rank(b[0]));
        const text = outcomes.map(([o, n]) => `${MARK[o] ?? o} ${n}`).join(' ');
        const title = `${resource} · ${id}: ${outcomes.map(([o, n]) => `${n} ${o}`).join(', ')}`;
        const inner = cell.firstFailure ? `<a href="#${esc(cell.firstFailure)}">${esc(text)}</a>` : esc(text);
        return `<td class="cell ${cssClass(worst([...cell.counts.keys()]))}" title="${esc(title)}">${inner}</td>`;
      });
      const rejects = rejectsInvalidInput.get(resource);
      const rejectsCell = !rejects || rejects.ran === 0
        ? '<td class="cell empty rejects" title="no derived negative case ran">·</td>'
        : `<td class="cell ${rejects.passed === rejects.ran ? 'pass' : 'fail'} rejects" title="${esc(`${resource} · derived negative cases passed / ran`)}">${rejects.passed} / ${rejects.ran}</td>`;
      return `<tr><th class="resource" scope="row">${esc(resource)}</th>${tds.join('')}${rejectsCell}</tr>`;
    });
  return `<section id="matrix-section"><h2>Resources × checks</h2>
<p class="legend">Each cell counts the check's outcomes over the resource's cases: ${badge('pass', 'passed')} ${badge('fail', 'failed')} ${badge('warn', 'warning')} ${badge('skip', 'skipped')} · not applicable. A failed cell links to its first failure. <em>Rejects invalid input</em>: the cases derived from the request schemas' limits that passed, of those that ran.</p>
<div class="matrix-wrap"><table id="matrix"><thead><tr><th>Resource</th>${columns.map((id) => `<th class="check" scope="col">${esc(id)}</th>`).join('')}<th class="check" scope="col" title="derived negative cases passed / ran (issue 12)">rejects invalid input</th></tr></thead>
<tbody>${body.join('\n')}</tbody></table></div></section>`;
}

function failures(report: ConformanceReport): string {
  const failed = report.cases.filter((c) => c.outcome !== 'passed' && c.outcome !== 'skipped');
  if (failed.length === 0) return `<section id="failures"><h2>Failures</h2><p class="muted">None.</p></section>`;
  const articles = failed.map((c) => {
    const checks = c.checks.filter((k) => FAILING_CHECK.has(k.outcome));
    const caseLevel =
      checks.length === 0 || c.state !== 'ran'
        ? `<div class="check"><p>${badge(c.outcome)} ${esc(c.error ?? c.message ?? c.state)}</p>${c.curl ? `<div>Reproduce:</div><pre class="curl">${esc(c.curl)}</pre>` : ''}<p class="source">Source: <b>${esc(c.source)}</b></p></div>`
        : '';
    const checkBlocks = checks.map(
      (k) => `<div class="check" id="${esc(failureAnchor(c, k))}">
<h3>${badge(k.outcome)} <code>${esc(k.id)}</code> — ${esc(k.title)}</h3>
<p>${esc(k.message ?? '')}${k.pointer ? ` at <code>${esc(k.pointer)}</code>` : ''}${k.schemaPath ? ` (schema <code>${esc(k.schemaPath)}</code>)` : ''}</p>
${k.expected !== undefined || k.actual !== undefined ? `<div class="vs"><div><span>documented (expected)</span><pre class="expected">${esc(json(k.expected))}</pre></div><div><span>received (actual)</span><pre class="actual">${esc(json(k.actual))}</pre></div></div>` : ''}
<p class="source">Source: <b>${esc(k.source)}</b></p>
${k.curl ? `<div>Reproduce:</div><pre class="curl">${esc(k.curl)}</pre>` : ''}
</div>`,
    );
    return `<article class="failure" id="${esc(failureAnchor(c))}">
<h3><code>${esc(c.operationId)}</code> › ${esc(c.caseId)} ${badge(c.outcome)}</h3>
<p>${c.path ? `${esc(c.method)} <code>${esc(c.path)}</code> — ` : ''}${esc(c.summary)}${c.status !== undefined ? ` (answered ${esc(c.status)})` : ''}</p>
${caseLevel}${checkBlocks.join('\n')}
</article>`;
  });
  return `<section id="failures"><h2>Failures (${failed.length})</h2>${articles.join('\n')}</section>`;
}

function diffSection(diff: ReportDiff): string {
  const item = (e: DiffEntry) =>
    `<li><code>${esc(`${e.product} ${e.operationId} › ${e.caseId}${e.check ? ` › ${e.check}` : ''}`)}</code>: ${badge(e.before ?? '?')} → ${badge(e.after ?? '?')}${e.message ? ` — ${esc(e.message)}` : ''}${e.source ? ` <span class="source">(${esc(e.source)})</span>` : ''}</li>`;
  const list = (id: string, title: string, entries: DiffEntry[]) =>
    `<h3>${esc(title)} (${entries.length})</h3>${entries.length ? `<ul class="diff-list" id="${id}">${entries.map(item).join('')}</ul>` : `<p class="none">None.</p>`}`;
  // New and removed checks: one line per case, so a new resource is a few lines, not hundreds.
  const grouped = (id: string, title: string, entries: DiffEntry[], outcome: (e: DiffEntry) => string | undefined) => {
    const byCase = new Map<string, DiffEntry[]>();
    for (const e of entries) byCase.set(`${e.product} ${e.operationId} › ${e.caseId}`, [...(byCase.get(`${e.product} ${e.operationId} › ${e.caseId}`) ?? []), e]);
    const items = [...byCase.entries()].map(([label, es]) => `<li><code>${esc(label)}</code>: ${es.map((e) => (e.check ? badge(outcome(e) ?? '?', e.check) : `case ${badge(outcome(e) ?? '?')}`)).join(' ')}</li>`);
    return `<h3>${esc(title)} (${entries.length})</h3><ul class="diff-list" id="${id}">${items.join('')}</ul>`;
  };
  const shapes = diff.shapes.map(
    (s) => `<li><code>${esc(`${s.product} ${s.operationId} › ${s.caseId}`)}</code>: ${[...s.added.map((p) => `added <code>${esc(p)}</code>`), ...s.removed.map((p) => `removed <code>${esc(p)}</code>`)].join(', ')}</li>`,
  );
  const side = (s: ReportDiff['old']) => `<code>${esc(s.url)}</code>${s.variants.length ? ` (variants: ${esc(s.variants.join(', '))})` : ''}, ${esc(s.generatedAt)}, forticonform ${esc(s.version)}`;
  return `<section id="diff" class="diff"><h2>Changes against the baseline</h2>
<p><b>${esc(diffHeadline(diff))}</b></p>
<dl class="meta"><dt>Baseline</dt><dd>${side(diff.old)}</dd><dt>This run</dt><dd>${side(diff.new)}</dd></dl>
${list('diff-regressions', 'Regressions', diff.regressions)}
${diff.fixes.length ? list('diff-fixes', 'Fixes', diff.fixes) : ''}
${diff.added.length ? grouped('diff-added', 'New checks', diff.added, (e) => e.after) : ''}
${diff.removed.length ? grouped('diff-removed', 'Removed checks', diff.removed, (e) => e.before) : ''}
${diff.changed.length ? list('diff-changed', 'Other outcome changes', diff.changed) : ''}
${shapes.length ? `<h3>Changed response shapes (${diff.shapes.length})</h3><ul class="diff-list" id="diff-shapes">${shapes.join('')}</ul>` : ''}
</section>`;
}

/** Checks that warn (a SHOULD not met, an undocumented extra): listed with their source, never failures. */
function warnings(report: ConformanceReport): string {
  const warned = report.cases.flatMap((c) => c.checks.filter((k) => (k.outcome as string) === 'warn' || (k.outcome as string) === 'warning').map((k) => ({ c, k })));
  if (warned.length === 0) return '';
  const items = warned.map(
    ({ c, k }) => `<li>${badge(k.outcome)} <code>${esc(c.operationId)}</code> › ${esc(c.caseId)} › <code>${esc(k.id)}</code>: ${esc(k.message ?? k.title)}${k.pointer ? ` at <code>${esc(k.pointer)}</code>` : ''} <span class="source">(${esc(k.source)})</span></li>`,
  );
  return `<section id="warnings"><h2>Warnings (${warned.length})</h2><ul>${items.join('')}</ul></section>`;
}

function skippedSection(report: ConformanceReport): string {
  const skipped = report.cases.filter((c) => c.outcome === 'skipped');
  if (skipped.length === 0) return '';
  return `<section id="skipped"><h2>Skipped (${skipped.length})</h2><ul>${skipped.map((c) => `<li><code>${esc(c.operationId)}</code> › ${esc(c.caseId)}: ${esc(c.message ?? c.error ?? 'skipped')}</li>`).join('')}</ul></section>`;
}

function allCases(report: ConformanceReport): string {
  const rows = report.cases.map(
    (c) =>
      `<tr><td><code>${esc(c.operationId)}</code><br><span class="muted">${esc(c.method)} ${esc(c.path)}</span></td><td>${esc(c.summary)}</td><td>${badge(c.outcome)}</td><td>${c.checks.map((k) => badge(k.outcome, k.id)).join(' ') || esc(c.message ?? c.error ?? '')}</td><td class="source">${esc(c.source)}</td></tr>`,
  );
  return `<section id="cases"><h2>Cases (${report.cases.length})</h2><details><summary>Every case with its checks and source section</summary>
<table><thead><tr><th>Operation</th><th>Case</th><th>Outcome</th><th>Checks</th><th>Source</th></tr></thead><tbody>${rows.join('\n')}</tbody></table></details></section>`;
}

/** The whole page. `diff` is the comparison against a baseline report, when the run had one. */
const BEHAVIOUR_OUTCOME: Record<string, string> = { holds: 'pass', broken: 'fail', 'known deviation': 'expected', unknown: 'unknown', 'not run': 'skip' };

/** The documented behaviours (scenarios) with their verdicts and where each is written. */
function behaviours(report: ConformanceReport): string {
  const rows = report.scenarios ?? [];
  if (rows.length === 0) return '';
  const holding = rows.filter((r) => r.verdict === 'holds').length;
  const body = rows
    .map((r) => `<tr><td>${r.title ? `${esc(r.title)} <small>(${esc(r.id)})</small>` : esc(r.id)}</td><td>${badge(BEHAVIOUR_OUTCOME[r.verdict] ?? 'skip', r.verdict)}</td><td>${r.cases.map((c) => `<code>${esc(c)}</code>`).join('<br>')}</td><td>${esc(r.sources.join('; '))}</td></tr>`)
    .join('\n');
  return `<h2 id="behaviours">Documented behaviours</h2>
<p>${holding} of ${rows.length} hold on this target.</p>
<table><thead><tr><th>Behaviour</th><th>Verdict</th><th>Cases</th><th>Source</th></tr></thead><tbody>
${body}
</tbody></table>`;
}

export function renderHtmlReport(report: ConformanceReport, diff?: ReportDiff): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>forticonform — ${esc(report.target.url)}</title>
<style>${CSS}</style></head>
<body>
${header(report)}
${products(report)}
${counts(report)}
${diff ? diffSection(diff) : ''}
${matrix(report)}
${behaviours(report)}
${failures(report)}
${warnings(report)}
${skippedSection(report)}
${allCases(report)}
</body></html>
`;
}
