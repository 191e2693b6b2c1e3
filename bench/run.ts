/**
 * `npm run bench`: the speed and memory figures of the suite and the emulator, each with its
 * inputs, as one JSON object on stdout followed by a short human summary (on stderr, so the JSON
 * stays machine-readable). Targets (issue "Fast by design, and measured"):
 *   full run ≤ 90 s · latency efficiency ≥ 0.8 at 20 ms · suite HTTP ≥ 0.5× plain undici ·
 *   emulator ≥ 5,000 req/s on a 20-row page with 10,000 users · filtered list over 100,000 users
 *   < 20 ms p50 · < 400 MB RSS with 100,000 users.
 * Everything runs on loopback; every loop is bounded in count and time.
 * Options: `--only=full,latency,properties,client,emulator` to run some parts, `--caps=2` to measure
 * latency efficiency at some caps only, `--latency-target=process` to run the full and latency runs
 * through a proxy to an emulator process (see conformanceRun).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { ApiClient } from '../lib/http.ts';
import { defaultWorkers, maxInFlight } from '../lib/run-options.ts';
import { startDelayProxy } from './proxy.ts';
import { hostedEmulator } from '../emulator/fac/server.ts';
import { requestListener } from '../emulator/host.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `node --import tsx` (not the tsx CLI, which forks): the pid is the process measured.
const TS = ['--import', 'tsx'];
const only = (process.argv.find((a) => a.startsWith('--only='))?.slice(7) ?? 'full,latency,properties,client,emulator').split(',');
const log = (line: string) => process.stderr.write(`${line}\n`);
// `--latency-target=process`: the full and latency runs through a proxy to an emulator process (see conformanceRun).
const throughProcess = process.argv.includes('--latency-target=process');

interface EmulatorChild {
  url: string;
  user: string;
  key: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts the emulator in its own process. */
function startEmulatorProcess(): Promise<EmulatorChild> {
  const child = spawn(process.execPath, [...TS, path.join(ROOT, 'bench', 'emulator-process.ts')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('emulator process did not start within 20 s')), 20_000);
    child.stdout.once('data', (line: Buffer) => {
      clearTimeout(timer);
      const info = JSON.parse(line.toString()) as { url: string; user: string; key: string };
      resolve({
        ...info,
        pid: child.pid!,
        stop: () => new Promise<void>((done) => {
          child.once('exit', () => done());
          child.kill('SIGTERM');
        }),
      });
    });
  });
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

function runProcess(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; ms: number; stdout: string; started: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', () => undefined);
    const timer = setTimeout(() => child.kill('SIGKILL'), 600_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, ms: Math.round(performance.now() - started), stdout, started });
    });
  });
}

/** Per second of the run, the average number of requests in flight at the target (one decimal). */
function slotsBusy(intervals: Array<[number, number]>, started: number, wallMs: number): number[] {
  const seconds = new Array<number>(Math.ceil(wallMs / 1000)).fill(0);
  for (const [from, to] of intervals) {
    for (let s = Math.max(0, Math.floor((from - started) / 1000)); s < seconds.length && started + s * 1000 < to; s++) {
      seconds[s]! += Math.min(to, started + (s + 1) * 1000) - Math.max(from, started + s * 1000);
    }
  }
  return seconds.map((ms) => Math.round(ms / 100) / 10);
}

/**
 * One complete conformance run against the emulator, with `delayMs` added to every request and at
 * most `cap` requests in flight; counts requests and waiting time. The emulator runs in this
 * process behind the counting front (bench/proxy.ts), which hands each request to the emulator's
 * own listener after the delay: a second loopback hop to an emulator process would add about a
 * millisecond per request on this machine (both processes waking), time that is neither the
 * suite's nor the network's. `--latency-target=process` measures through that hop instead.
 */
async function conformanceRun(delayMs: number, cap = maxInFlight()) {
  const emulator = throughProcess ? await startEmulatorProcess() : undefined;
  const inProcess = throughProcess ? undefined : hostedEmulator({ user: 'bench', key: 'bench-key-0123456789' });
  const proxy = await startDelayProxy(emulator?.url ?? requestListener(inProcess!.hosted), delayMs);
  const credentials = emulator ?? inProcess!.app;
  const reports = mkdtempSync(path.join(tmpdir(), 'fc-bench-'));
  try {
    const workers = Number(process.env.FORTICONFORM_WORKERS ?? defaultWorkers(cap, false)); // a configured target, as the CLI sees this one
    const run = await runProcess([path.join(ROOT, 'bin', 'forticonform.mjs'), 'run', '--quiet', '--report-dir', reports], {
      ...process.env,
      FORTICONFORM_MAX_IN_FLIGHT: String(cap),
      FAC_URL: proxy.url,
      FAC_USER: credentials.user,
      FAC_KEY: credentials.key,
    });
    const stats = proxy.stats();
    const summary = /forticonform: .*/.exec(run.stdout)?.[0] ?? '(no summary)';
    // Where the wall time goes: before the first request (start-up), between the first request and
    // the last answer (sending), after it (reports, teardown).
    const timeline = stats.requests > 0 ? { beforeFirstRequestMs: Math.round(stats.firstAt - run.started), sendingMs: Math.round(stats.lastAt - stats.firstAt), afterLastAnswerMs: Math.round(run.started + run.ms - stats.lastAt) } : undefined;
    const target = throughProcess ? 'emulator process behind the delay proxy' : 'emulator in the bench process behind the delay front';
    return { exitCode: run.code, wallMs: run.ms, requests: stats.requests, waitingMs: stats.busyMs, cap, maxInFlight: stats.maxInFlight, workers, target, summary, timeline, slotsBusyPerSecond: slotsBusy(stats.intervals, run.started, run.ms) };
  } finally {
    await proxy.close();
    await emulator?.stop();
    rmSync(reports, { recursive: true, force: true });
  }
}

/** Requests per second of `send` with `concurrency` in flight, `total` requests. */
async function throughput(send: () => Promise<unknown>, total: number, concurrency: number): Promise<number> {
  let left = total;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left-- > 0) await send();
    }),
  );
  return Math.round(total / ((performance.now() - started) / 1000));
}

async function clientOverhead() {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"meta":{},"objects":[]}');
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const total = 20_000;
  const concurrency = 8;
  const client = new ApiClient({ product: 'fac', url, user: 'bench', key: 'bench-key-0123456789', insecure: false, values: {} }, { maxInFlight: concurrency });
  const agent = new Agent({ connections: concurrency });
  const authorization = `Basic ${Buffer.from('bench:bench-key-0123456789').toString('base64')}`;
  const plain = () => request(`${url}/api/v1/localusers/?limit=1`, { dispatcher: agent, headers: { authorization } }).then((r) => r.body.text());
  const suite = () => client.send({ method: 'GET', path: '/api/v1/localusers/', query: { limit: 1 } });
  // Warm both, then alternate measurements so neither profits from the other's JIT work.
  await throughput(plain, 2000, concurrency);
  await throughput(suite, 2000, concurrency);
  const plainRps = await throughput(plain, total, concurrency);
  const suiteRps = await throughput(suite, total, concurrency);
  await client.close();
  await agent.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { requests: total, concurrency, plainUndiciRps: plainRps, suiteRps, ratio: Number((suiteRps / plainRps).toFixed(2)) };
}

/** Creates `count` local users through the API with `concurrency` in flight. */
async function createUsers(emulator: EmulatorChild, from: number, count: number): Promise<void> {
  const agent = new Agent({ connections: 32 });
  const authorization = `Basic ${Buffer.from(`${emulator.user}:${emulator.key}`).toString('base64')}`;
  let next = from;
  const end = from + count;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < end) {
        const n = next++;
        const res = await request(`${emulator.url}/api/v1/localusers/`, {
          method: 'POST',
          dispatcher: agent,
          headers: { authorization, 'content-type': 'application/json' },
          body: JSON.stringify({ username: `bench_user_${n}`, password: 'Bench-pass-1', first_name: n % 2 ? 'Odd' : 'Even', city: `City ${n % 100}` }),
        });
        await res.body.text();
        if (res.statusCode !== 201) throw new Error(`creating bench_user_${n} answered ${res.statusCode}`);
      }
    }),
  );
  await agent.close();
}

async function load(emulator: EmulatorChild, requestPath: string, concurrency = 16, durationMs = 5000) {
  const authorization = `Basic ${Buffer.from(`${emulator.user}:${emulator.key}`).toString('base64')}`;
  const run = await runProcess([...TS, path.join(ROOT, 'bench', 'load.ts'), emulator.url, requestPath, authorization, String(concurrency), String(durationMs)], process.env);
  return { path: requestPath, concurrency, durationMs, ...(JSON.parse(run.stdout.trim()) as { requests: number; rps: number; p50Ms: number; p99Ms: number; errors: number }) };
}

const require = createRequire(import.meta.url);

/**
 * Prism's mock (`@stoplight/prism-cli`, what a user would pick instead of our emulator) serving our
 * own `openapi/fac.yaml`, bundled to one file by redocly; silent, so logging does not slow it.
 * Rejects with the reason when it cannot be started here.
 */
async function startPrism(): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fc-prism-'));
  const bundled = path.join(dir, 'fac.yaml');
  const bundle = await runProcess([require.resolve('@redocly/cli/bin/cli.js'), 'bundle', path.join(ROOT, 'openapi', 'fac.yaml'), '-o', bundled], process.env);
  if (bundle.code !== 0) throw new Error(`redocly bundle exited ${bundle.code}`);
  const port = await new Promise<number>((resolve) => {
    const probe = http.createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as AddressInfo;
      probe.close(() => resolve(free));
    });
  });
  const cli = path.join(path.dirname(require.resolve('@stoplight/prism-cli/package.json')), 'dist', 'index.js');
  const child = spawn(process.execPath, [cli, 'mock', '-h', '127.0.0.1', '-p', String(port), '-v', 'silent', bundled], { cwd: ROOT, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill('SIGTERM');
    }).finally(() => rmSync(dir, { recursive: true, force: true }));
  for (const until = Date.now() + 60_000; Date.now() < until; ) {
    if (child.exitCode !== null) throw new Error(`prism mock exited ${child.exitCode} before listening`);
    const up = await request(`${url}/api/v1/`).then((r) => r.body.dump().then(() => true), () => false);
    if (up) return { url, stop };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error('prism mock did not listen within 60 s');
}

/** The same list route and load against Prism's mock, as a ratio to our emulator's figure. */
async function prismFigures(emulator: EmulatorChild, ours: { rps: number; p50Ms: number }) {
  let prism: Awaited<ReturnType<typeof startPrism>>;
  try {
    prism = await startPrism();
  } catch (error) {
    return { error: `Prism's mock could not be run here: ${(error as Error).message}` };
  }
  try {
    const listPage = await load({ ...emulator, url: prism.url }, '/api/v1/localusers/?limit=20');
    return { version: require('@stoplight/prism-cli/package.json').version as string, listPage, oursOverPrism: Number((ours.rps / listPage.rps).toFixed(2)) };
  } finally {
    await prism.stop();
  }
}

async function emulatorFigures() {
  const emulator = await startEmulatorProcess();
  try {
    const out: Record<string, unknown> = {};
    for (const users of [10_000, 100_000]) {
      const existing = users === 10_000 ? 0 : 10_000;
      const started = performance.now();
      await createUsers(emulator, existing, users - existing);
      const seedSeconds = Number(((performance.now() - started) / 1000).toFixed(1));
      out[`users${users}`] = {
        users,
        createdThroughApiSeconds: seedSeconds,
        listPage: await load(emulator, '/api/v1/localusers/?limit=20'),
        // Latency of one filtered query at a time (concurrency 1): queueing behind other requests is
        // the list-page figure's business.
        filteredList: await load(emulator, `/api/v1/localusers/?username__iexact=BENCH_USER_${users - 7}&limit=20`, 1),
        rssMb: rssMb(emulator.pid),
      };
      // Side by side, with the emulator's 10,000 users already made and its figure just taken.
      if (users === 10_000) {
        log('the same list page served by Prism\'s mock…');
        out.prism = await prismFigures(emulator, (out.users10000 as { listPage: { rps: number; p50Ms: number } }).listPage);
      }
    }
    return out;
  } finally {
    await emulator.stop();
  }
}

const figures: Record<string, unknown> = { machine: { cpus: (await import('node:os')).cpus().length, node: process.version } };
if (only.includes('full')) {
  log('full run against the emulator (through a counting proxy, no delay)…');
  const full = await conformanceRun(0);
  figures.fullRun = { ...full, waitingShare: Number((full.waitingMs / full.wallMs).toFixed(2)) };
}
if (only.includes('latency')) {
  // Ideal: every request waits its 20 ms and the cap's slots are never idle.
  const delayMs = 20;
  const latency: Record<string, unknown> = {};
  // `--caps=2` measures one cap only.
  const caps = (process.argv.find((a) => a.startsWith('--caps='))?.slice(7) ?? '2,8').split(',').map(Number);
  for (const cap of caps) {
    log(`full run through a proxy adding 20 ms per request, at most ${cap} in flight…`);
    const run = await conformanceRun(delayMs, cap);
    const idealMs = (run.requests * delayMs) / cap;
    latency[`cap${cap}`] = { delayMs, ...run, idealMs: Math.round(idealMs), efficiency: Number((idealMs / run.wallMs).toFixed(2)) };
  }
  figures.latency = latency;
}
if (only.includes('properties')) {
  log('property-based tests alone against the emulator (default case count)…');
  const emulator = await startEmulatorProcess();
  const reports = mkdtempSync(path.join(tmpdir(), 'fc-bench-'));
  try {
    const run = await runProcess([path.join(ROOT, 'bin', 'forticonform.mjs'), 'run', '--quiet', '--grep', '@properties', '--report-dir', reports], {
      ...process.env,
      FAC_URL: emulator.url,
      FAC_USER: emulator.user,
      FAC_KEY: emulator.key,
    });
    const summary = /forticonform: .*/.exec(run.stdout)?.[0] ?? '(no summary)';
    figures.propertyTests = { exitCode: run.code, wallMs: run.ms, casesPerProperty: Number(process.env.FORTICONFORM_PROPERTY_RUNS ?? 15), summary };
  } finally {
    await emulator.stop();
    rmSync(reports, { recursive: true, force: true });
  }
}
if (only.includes('client')) {
  log('client overhead: suite HTTP layer vs plain undici…');
  figures.clientOverhead = await clientOverhead();
}
if (only.includes('emulator')) {
  log('emulator throughput and memory with 10,000 and 100,000 users…');
  figures.emulator = await emulatorFigures();
}
console.log(JSON.stringify(figures, null, 2));

const f = figures as {
  fullRun?: { wallMs: number; requests: number; waitingShare: number; summary: string };
  latency?: Record<string, { cap: number; workers: number; maxInFlight: number; efficiency: number; wallMs: number; idealMs: number; timeline?: { beforeFirstRequestMs: number; sendingMs: number; afterLastAnswerMs: number } }>;
  clientOverhead?: { ratio: number; suiteRps: number; plainUndiciRps: number };
  propertyTests?: { wallMs: number; casesPerProperty: number; summary: string };
  emulator?: Record<string, { users: number; listPage: { rps: number; p50Ms: number }; filteredList: { rps: number; p50Ms: number }; rssMb: number }> & {
    prism?: { error?: string; version?: string; listPage?: { rps: number; p50Ms: number }; oursOverPrism?: number };
  };
};
log('\nSummary (targets in brackets):');
if (f.fullRun) log(`  full run: ${(f.fullRun.wallMs / 1000).toFixed(1)} s [≤ 90 s], ${f.fullRun.requests} requests, ${Math.round(f.fullRun.waitingShare * 100)}% of wall time waiting on the target — ${f.fullRun.summary}`);
for (const l of Object.values(f.latency ?? {})) {
  const t = l.timeline;
  const parts = t ? `; ${(t.beforeFirstRequestMs / 1000).toFixed(1)} s before the first request, ${(t.sendingMs / 1000).toFixed(1)} s sending, ${(t.afterLastAnswerMs / 1000).toFixed(1)} s after the last answer` : '';
  log(`  latency efficiency at 20 ms, cap ${l.cap} (${l.workers} workers, at most ${l.maxInFlight} seen in flight): ${l.efficiency} [≥ 0.8 at cap 2] (ideal ${(l.idealMs / 1000).toFixed(1)} s, measured ${(l.wallMs / 1000).toFixed(1)} s${parts})`);
}
if (f.propertyTests) log(`  property tests alone: ${(f.propertyTests.wallMs / 1000).toFixed(1)} s with ${f.propertyTests.casesPerProperty} cases per property, start-up included [< 60 s added to the full run]`);
if (f.fullRun && f.clientOverhead) {
  const rate = Math.round(f.fullRun.requests / (f.fullRun.wallMs / 1000));
  log(`  full run's request rate: ${rate} req/s = ${(rate / f.clientOverhead.plainUndiciRps).toFixed(3)}× the plain-undici limit (${f.clientOverhead.plainUndiciRps} req/s on this machine)`);
}
if (f.clientOverhead) log(`  suite HTTP layer: ${f.clientOverhead.suiteRps} req/s vs plain undici ${f.clientOverhead.plainUndiciRps} req/s = ${f.clientOverhead.ratio}× [≥ 0.5×]`);
const { prism, ...byUsers } = f.emulator ?? {};
if (prism?.error) log(`  Prism's mock vs our emulator: not measured — ${prism.error}`);
else if (prism?.listPage) log(`  Prism ${prism.version} mock, same list page and load: ${prism.listPage.rps} req/s (p50 ${prism.listPage.p50Ms} ms); ours/Prism = ${prism.oursOverPrism} [> 1: ours is faster] (Prism answers the documented one-row example, ours a real 20-row page)`);
// autocannon measures latency in whole milliseconds.
const ms = (v: number) => (v === 0 ? '< 1' : String(v));
for (const e of Object.values(byUsers)) {
  log(`  emulator, ${e.users} users: list page ${e.listPage.rps} req/s (p50 ${ms(e.listPage.p50Ms)} ms) [≥ 5,000 at 10k], filtered ${e.filteredList.rps} req/s (p50 ${ms(e.filteredList.p50Ms)} ms) [< 20 ms p50 at 100k], RSS ${e.rssMb} MB [< 400 MB at 100k]`);
}
