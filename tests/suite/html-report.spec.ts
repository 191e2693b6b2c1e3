/**
 * The upgrade diff and the HTML report, judged on real runs: the faithful emulator, then a variant
 * that breaks one documented behaviour with the faithful report as its baseline. The diff must name
 * exactly the checks the variant fails; the HTML page must render in a real Chromium without
 * touching the network, with its matrix, failures (source, curl) and the diff.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, expect, test } from '@playwright/test';
import { runDiffCommand } from '../../cli/diff-command.ts';
import { diffReports } from '../../lib/report-diff.ts';
import type { ReportDiff } from '../../lib/report-model.ts';
import { jsonShape } from '../../lib/shape.ts';
import type { ConformanceReport } from '../../lib/report-model.ts';
import { renderHtmlReport } from '../../reporters/html.ts';
import { cleanEnv, readReport, runCli } from './cli-run.ts';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SCOPE = '@usergroups';
const VARIANT = 'usergroups-patch-appends';

const tempDir = (label: string) => mkdtempSync(path.join(tmpdir(), `fc-${label}-`));

/** Runs `forticonform diff` in-process and captures what it prints. */
async function diffCommand(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runDiffCommand(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** `product operationId caseId checkId` of every failed check: what a diff from a clean run must call regressions. */
function failedCheckKeys(report: ConformanceReport): string[] {
  return report.cases.flatMap((c) => c.checks.filter((k) => k.outcome === 'fail').map((k) => `${c.product} ${c.operationId} ${c.caseId} ${k.id}`)).sort();
}

test.describe('shape signatures and diff input', () => {
  test('a JSON answer has a sorted shape with array items folded, independent of how many there are', () => {
    const one = { meta: { next: null, total_count: 1 }, objects: [{ username: 'a', 'a/b': 1 }] };
    const many = { meta: { next: null, total_count: 9 }, objects: [{ username: 'b', 'a/b': 2 }, { username: 'c', 'a/b': 3 }] };
    expect(jsonShape(one)).toEqual(['/:object', '/meta/next:null', '/meta/total_count:number', '/meta:object', '/objects/*/a~1b:number', '/objects/*/username:string', '/objects/*:object', '/objects:array']);
    expect(jsonShape(many)).toEqual(jsonShape(one));
    expect(jsonShape({ objects: [{ username: 'a', email: 'x@y' }] })).toContain('/objects/*/email:string');
  });

  test('a case whose answer gained or lost a path is a changed response shape, not a regression', () => {
    const report = (shape: string[]): ConformanceReport =>
      ({
        tool: { name: 'forticonform', version: 't' },
        generatedAt: 'now',
        target: { url: 'https://t', embeddedEmulator: false, variants: [], tls: 'x' },
        cases: [{ product: 'fac', operationId: 'localusers.list', caseId: 'list', outcome: 'passed', shape, checks: [{ id: 'status', outcome: 'pass' }] }],
      }) as unknown as ConformanceReport;
    const diff = diffReports(report(['/:object', '/objects/*/username:string']), report(['/:object', '/objects/*/user_name:string']));
    expect(diff.shapes).toEqual([{ key: 'fac localusers.list list', product: 'fac', operationId: 'localusers.list', caseId: 'list', added: ['/objects/*/user_name:string'], removed: ['/objects/*/username:string'] }]);
    expect(diff.regressions).toEqual([]);
  });

  test('diff refuses unusable input with one line and exit code 2', async () => {
    const dir = tempDir('diff-bad');
    writeFileSync(path.join(dir, 'garbage.json'), '{"cases": [ oops');
    writeFileSync(path.join(dir, 'other.json'), '{"hello": "world"}');
    writeFileSync(path.join(dir, 'badcase.json'), '{"cases": [{"product": "fac", "operationId": "x", "caseId": "y", "outcome": "passed", "checks": [{"id": 3}]}]}');
    mkdirSync(path.join(dir, 'empty-dir'));
    const ok = path.join(dir, 'ok.json');
    writeFileSync(ok, JSON.stringify({ cases: [] }));
    const cases: [string[], RegExp][] = [
      [[path.join(dir, 'missing.json'), ok], /cannot read the report .*missing\.json: no such file/],
      [[path.join(dir, 'empty-dir'), ok], /cannot read the report .*empty-dir\/conformance\.json: no such file/],
      [[path.join(dir, 'garbage.json'), ok], /garbage\.json is not a conformance report: not JSON/],
      [[ok, path.join(dir, 'other.json')], /other\.json is not a conformance report: it has no "cases" list/],
      [[ok, path.join(dir, 'badcase.json')], /badcase\.json is not a conformance report: case 0 .* no valid "checks" list/],
      [[ok], /diff takes two reports, OLD and NEW \(got 1/],
      [[ok, ok, '--json', '--markdown'], /--json or --markdown, not both/],
      [[ok, ok, '--colour'], /Unknown option '--colour'/],
    ];
    for (const [argv, message] of cases) {
      const run = await diffCommand(...argv);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.out).toBe('');
      expect(run.err).toMatch(message);
      expect(run.err.trim().split('\n'), 'one line, no stack trace').toHaveLength(1);
    }
    expect((await diffCommand(ok, ok)).code).toBe(0);
  });
});

test.describe('a faithful run and a broken variant with it as baseline', () => {
  // Both tests read the same two runs: one worker, in order, the runs made once.
  test.describe.configure({ mode: 'default' });
  let faithfulDir = '';
  let variantDir = '';
  let faithful: ConformanceReport;
  let variant: ConformanceReport;

  test.beforeAll(async () => {
    test.setTimeout(360_000);
    faithfulDir = tempDir('html-faithful');
    variantDir = tempDir('html-variant');
    // In sequence: the variant run takes the faithful run's report as its baseline.
    const first = await runCli(['run', '--quiet', '--grep', SCOPE, '--report-dir', faithfulDir], cleanEnv());
    expect(first.code, first.stdout + first.stderr).toBe(0);
    const second = await runCli(['run', '--quiet', '--grep', SCOPE, '--emulator-variant', VARIANT, '--report-dir', variantDir], cleanEnv({ FORTICONFORM_BASELINE: path.join(faithfulDir, 'conformance.json') }));
    expect(second.code, second.stdout + second.stderr).toBe(1);
    faithful = readReport(faithfulDir);
    variant = readReport(variantDir);
  });

  test('the diff names exactly the checks the variant broke, and nothing against itself', async () => {
    const regressed = failedCheckKeys(variant);
    expect(regressed.length, 'the variant must break something in this scope').toBeGreaterThan(0);
    expect(regressed.filter((k) => /^fac usergroups\.patch \S+ write-reflected$/.test(k)).length, 'the variant\'s own check').toBeGreaterThan(0);
    expect(failedCheckKeys(faithful)).toEqual([]);

    const diff: ReportDiff = diffReports(faithful, variant);
    expect(diff.regressions.map((r) => r.key).sort()).toEqual(regressed);
    expect(diff.regressions.every((r) => r.before === 'pass' && r.after === 'fail' && r.message && r.source)).toBe(true);
    // Same scope, same documents: nothing fixed, added or removed, and shape signatures do not
    // depend on the data a run happens to see.
    expect({ fixes: diff.fixes, added: diff.added, removed: diff.removed, shapes: diff.shapes }).toEqual({ fixes: [], added: [], removed: [], shapes: [] });
    expect(variant.cases.some((c) => c.shape && c.shape.length > 0), 'JSON answers carry a shape').toBe(true);

    // The command: exit 1 with every regression named; reversed, they are fixes (exit 0); itself: 0.
    const forward = await diffCommand(faithfulDir, path.join(variantDir, 'conformance.json'));
    expect(forward.code, forward.err).toBe(1);
    expect(forward.out).toMatch(new RegExp(`^forticonform diff: ${regressed.length} regressions?, 0 fixes`));
    for (const key of regressed) {
      const [product, operationId, caseId, check] = key.split(' ');
      expect(forward.out).toContain(`${product} ${operationId} › ${caseId} › ${check}: pass -> fail`);
    }
    const asJson = JSON.parse((await diffCommand(faithfulDir, variantDir, '--json')).out) as ReportDiff;
    expect(asJson.regressions.map((r) => r.key).sort()).toEqual(regressed);
    const markdown = await diffCommand(faithfulDir, variantDir, '--markdown');
    expect(markdown.code).toBe(1);
    expect(markdown.out).toContain('## Regressions');
    const backward = await diffCommand(variantDir, faithfulDir);
    expect(backward.code).toBe(0);
    expect(backward.out).toMatch(new RegExp(`0 regressions, ${regressed.length} fix(es)?`));
    for (const dir of [faithfulDir, variantDir]) {
      const same = await diffCommand(dir, dir);
      expect(same.code, same.out).toBe(0);
      expect(same.out).toMatch(/^forticonform diff: 0 regressions, 0 fixes, 0 new checks, 0 removed checks, 0 other outcome changes, 0 changed response shapes/);
    }

    // The run given a baseline carries the diff in its JSON and Markdown reports too.
    expect(variant.diff?.regressed.sort()).toEqual(regressed);
    expect(variant.diff?.baseline).toBe(path.join(faithfulDir, 'conformance.json'));
    const md = readFileSync(path.join(variantDir, 'conformance.md'), 'utf8');
    expect(md).toContain('## Changes against the baseline');
    expect(md).toMatch(/usergroups\.patch › \S+ › write-reflected/);
    expect(faithful.diff, 'no baseline, no diff').toBeUndefined();
  });

  test('the HTML report renders in Chromium, offline, with matrix, failures and the diff', async ({}, testInfo) => {
    // Under CI a missing browser is a failure, not a skip: a green CI must have looked at the page.
    if (process.env.CI) expect(existsSync(CHROMIUM), `${CHROMIUM} is not installed under CI (scripts/ensure-chromium.mjs should have installed it)`).toBe(true);
    test.skip(!existsSync(CHROMIUM), `${CHROMIUM} is not installed (node scripts/ensure-chromium.mjs installs it)`);
    const htmlFile = path.join(variantDir, 'conformance.html');
    const html = readFileSync(htmlFile, 'utf8');
    expect(html).not.toMatch(/<script|<link|@import/i);
    // Escaping: a report value that looks like markup is shown, not interpreted.
    expect(renderHtmlReport({ ...variant, target: { ...variant.target, url: '<b id="x">"&' } })).toContain('&lt;b id=&quot;x&quot;&gt;&quot;&amp;');

    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      // Without JavaScript: the page must be readable as it is.
      const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1400, height: 900 } });
      const network: string[] = [];
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('file:')) return route.continue();
        network.push(url);
        return route.abort('blockedbyclient');
      });
      const page = await context.newPage();
      page.on('request', (request) => {
        if (!request.url().startsWith('file:')) network.push(request.url());
      });
      await page.goto(pathToFileURL(htmlFile).href);

      await expect(page.locator('#verdict')).toHaveText(/DOES NOT CONFORM/);
      const matrix = page.locator('#matrix');
      await expect(matrix).toBeVisible();
      const failingCell = matrix.locator('td.cell[title^="fac · usergroups · write-reflected:"]');
      const writeReflectedFailures = failedCheckKeys(variant).filter((k) => k.endsWith(' write-reflected')).length;
      await expect(failingCell).toHaveClass(/o-fail/);
      await expect(failingCell).toContainText(`✗ ${writeReflectedFailures}`);
      await expect(matrix.locator('td.cell[title^="fac · usergroups · status:"]')).toHaveClass(/o-pass/);

      const failure = page.locator('.failure .check', { hasText: 'write-reflected' }).first();
      await expect(failure).toBeVisible();
      await expect(failure.locator('.source')).toContainText('002 · User groups (/usergroups/)');
      await expect(failure.locator('pre.expected')).toBeVisible();
      await expect(failure.locator('pre.actual')).toContainText('/api/v1/localusers/');
      await expect(failure.locator('pre.curl')).toContainText(/curl .*\$FAC_KEY/);

      const regressions = page.locator('#diff-regressions li');
      await expect(regressions).toHaveCount(failedCheckKeys(variant).length);
      await expect(regressions.first()).toContainText('write-reflected');
      await expect(page.locator('#diff')).toContainText('pass');

      const shot = await matrix.screenshot();
      await testInfo.attach('matrix.png', { body: shot, contentType: 'image/png' });
      // PNG header: width and height are the big-endian words at bytes 16 and 20.
      const [width, height] = [shot.readUInt32BE(16), shot.readUInt32BE(20)];
      expect(width, 'matrix screenshot width').toBeGreaterThan(300);
      expect(height, 'matrix screenshot height').toBeGreaterThan(60);
      expect(shot.length, 'a blank image compresses to almost nothing').toBeGreaterThan(3_000);

      expect(network, 'the page requested nothing from the network').toEqual([]);
      // The net above can catch: a page that does request something is seen.
      const probe = await context.newPage();
      await probe.setContent('<img src="http://127.0.0.1:9/pixel.png">');
      await expect.poll(() => network).toContain('http://127.0.0.1:9/pixel.png');
      await context.close();
    } finally {
      await browser.close();
    }
  });
});
