/**
 * The real `forticonform run` against targets that do not behave like an API: one that accepts
 * connections and never answers, one that resets every connection, and one that answers an HTML
 * 502 page to everything. Each run finishes within its time budget, exits non-zero without a
 * crash, and its report says per case what happened. The three run in parallel, one worker each,
 * scoped with --grep to stay cheap: the contract cases of one or two resources (the property-based
 * tests would only add restarts of failed workers).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { cleanEnv, readReport, runCli } from './cli-run.ts';

test.describe.configure({ mode: 'parallel' });

/** Starts `server` on a free loopback port; `close` also ends the connections it holds open. */
async function listen(server: Server): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const HTML_502 = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>The upstream server is not responding.</p></body></html>';

const CONTRACT = (tags: string) => `^(?!.*@properties).*(?:${tags})`;

/**
 * The no-answer targets are given up on after 3 requests in a row, so their runs end well within
 * the budget. Every case against the HTML target fails, and a failed test costs a worker restart:
 * its scope is larger than its budget, so the budget running out is tested too.
 */
const BAD_TARGETS = {
  // Accepts the connection, reads the request, never answers.
  'never answers': { budgetS: 40, grep: CONTRACT('@usergroups'), make: () => createNetServer(() => undefined) },
  // Resets (TCP RST) every connection as soon as it is accepted.
  'resets every connection': { budgetS: 40, grep: CONTRACT('@usergroups'), make: () => createNetServer((socket) => socket.resetAndDestroy()) },
  // A reverse proxy whose backend is gone: an HTML error page for every request.
  'answers an HTML 502 page to everything': {
    budgetS: 40,
    // Every FortiAuthenticator operation: with an operation's cases in one test, two resources'
    // worth of failed tests (each a worker restart) can end within the budget on a quiet machine.
    grep: CONTRACT('@fac'),
    make: () =>
      createHttpServer((req, res) => {
        req.resume();
        res.writeHead(502, { 'content-type': 'text/html; charset=utf-8' }).end(HTML_502);
      }) as unknown as Server,
  },
} as const;

const KEY = 'dummy-key-resilience-0123456789';

for (const [behaviour, { budgetS, grep, make }] of Object.entries(BAD_TARGETS)) {
  test(`a target that ${behaviour}: the run finishes within its budget and the report says so per case`, async () => {
    const target = await listen(make());
    try {
      const dir = mkdtempSync(path.join(tmpdir(), 'fc-resilience-'));
      const run = await runCli(
        ['run', '--quiet', '--workers', '1', '--report-dir', dir, '--timeout-ms', '1000', '--budget-s', String(budgetS), '--grep', grep],
        // The journal of objects the run meant to create stays with the test's own files.
        cleanEnv({ FAC_URL: target.url, FAC_USER: 'admin', FAC_KEY: KEY, FORTICONFORM_JOURNAL_DIR: path.join(dir, 'journal') }),
        (budgetS + 30) * 1000,
      );
      const output = run.stdout + run.stderr;
      // Within the budget, plus the time Playwright takes to stop and write its reports.
      expect(run.ms, output).toBeLessThan((budgetS + 15) * 1000);
      expect(run.code, output).not.toBe(0);
      expect(run.code, output).not.toBe(2);
      expect(run.code, output).not.toBe(70);
      expect(run.stderr, 'no stack trace').not.toMatch(/\n\s+at /);
      expect(run.stderr).toMatch(/^forticonform: warning: the FortiAuthenticator target:? .*running anyway/m);
      expect(output).not.toContain(KEY);

      const report = readReport(dir);
      const markdown = readFileSync(path.join(dir, 'conformance.md'), 'utf8');
      const fac = report.cases.filter((c) => c.product === 'fac');
      expect(fac.length).toBeGreaterThan(0);
      expect(report.products.find((p) => p.product === 'fac')?.verdict).not.toBe('conforms');
      if (behaviour === 'answers an HTML 502 page to everything') {
        // An answer, just not the API's: checks fail naming what came back.
        const contract = fac.filter((c) => c.state === 'ran' && c.checks.length > 0);
        expect(contract.length).toBeGreaterThan(0);
        for (const c of contract) expect(c.checks.some((k) => k.outcome === 'fail'), `${c.operationId} ${c.caseId}`).toBe(true);
        const messages = contract.flatMap((c) => c.checks.filter((k) => k.outcome === 'fail').map((k) => `${k.id}: ${k.message}`)).join('\n');
        expect(messages).toMatch(/^status: .*502/m);
        // The budget ran out: the report says so and names every case that did not run.
        expect(report.budget).toMatchObject({ seconds: budgetS, exhausted: true });
        const notRun = fac.filter((c) => c.message === 'time budget exhausted');
        expect(notRun.length).toBeGreaterThan(0);
        expect(report.budget?.notRun).toBe(notRun.length);
        for (const c of notRun) expect(c.outcome).toBe('unknown');
        expect(markdown).toMatch(new RegExp(`Time budget: ${budgetS} s — \\*\\*exhausted\\*\\*: ${notRun.length} case`));
      } else {
        // No answer: every case is unknown (never passed, never failed), with the reason.
        // Cheap: given up on after 3 requests in a row, so well within the budget.
        // (On a loaded machine the budget may still run out first: then the rest is unknown too,
        // saying so — timing is not what this test judges.)
        expect(report.budget?.seconds).toBe(budgetS);
        const reason = behaviour === 'never answers' ? /sent no answer within 1000 ms|stopped answering/ : /reset the connection|closed the connection|stopped answering/;
        // (skipped: a case this configuration cannot run, e.g. one needing a restricted admin)
        for (const c of fac) expect(['unknown', 'skipped'], `${c.operationId} ${c.caseId}`).toContain(c.outcome);
        const unknown = fac.filter((c) => c.outcome === 'unknown' && c.message !== 'time budget exhausted');
        expect(unknown.length).toBeGreaterThan(0);
        for (const c of unknown) expect(c.message ?? c.error ?? '', `${c.operationId} ${c.caseId}`).toMatch(reason);
        // After 3 requests in a row without an answer, later cases do not wait for a timeout.
        expect(unknown.some((c) => /stopped answering after 3 requests in a row/.test(c.message ?? ''))).toBe(true);
        expect(markdown).toMatch(behaviour === 'never answers' ? /sent no answer within 1000 ms/ : /reset the connection|closed the connection/);
      }
    } finally {
      await target.close();
    }
  });
}
