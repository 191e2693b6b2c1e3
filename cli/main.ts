/**
 * The `forticonform` command. `run` (the default) runs the conformance suite against the configured
 * target, or against the embedded emulator when none is configured; `emulator` serves the reference
 * emulator on its own. Bad input ends with one clear line and exit code 2, never a stack trace.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PRODUCT_NAMES, anyTargetConfigured, resolveTargets, type Target } from '../lib/config.ts';
import { UserError } from '../lib/errors.ts';
import { ApiClient, TransportError } from '../lib/http.ts';
import { runApiModel, useModelCache } from '../lib/model-cache.ts';
import { redact, registerSecretsFromEnv } from '../lib/redact.ts';
import { parseRunOptions } from '../lib/run-options.ts';
import { SAFETY_LEVELS, type SafetyLevel } from '../lib/safety.ts';
import { cleanupJournal, describeCleanup } from '../lib/cleanup.ts';
import { journalDir, readPending } from '../lib/journal.ts';
import { AT_THE_GATE, PREFLIGHT_GATE_ENV, PREFLIGHT_PASSED } from '../lib/preflight-gate.ts';
import { runCleanupCommand } from './cleanup-command.ts';
import { runDiffCommand } from './diff-command.ts';
import { runMergeCommand } from './merge-command.ts';
import { runExpectationsCommand } from './expectations-command.ts';
import { loadExpectations } from '../lib/expectations.ts';
import { loadReport, reportFile } from '../lib/report-diff.ts';
import { runEmulatorCommand } from './emulator-command.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const HELP = `forticonform — conformance suite for Fortinet appliance APIs

Usage:
  forticonform [run] [options]     run the conformance suite (default command)
  forticonform emulator [options]  serve the reference FortiAuthenticator emulator
  forticonform diff OLD NEW [--json|--markdown]
                                   compare two conformance reports (before/after an upgrade):
                                   regressions, fixes, new/removed checks, changed shapes; exit 1
                                   on regressions
  forticonform merge SHARD_DIR... [--report-dir DIR]
                                   join the reports of a run sharded across CI machines
                                   (each ran with --shard i/n) into one set of reports
  forticonform expectations REPORT [--out FILE]
                                   write a starting expectations file from a run's report
  forticonform cleanup [--config FILE] [--journal-dir DIR]
                                   undo what an interrupted run left on the configured targets
                                   (every run journals each object before creating it)
  forticonform --help | --version

Targets (flags, environment, or the config file's "fac" / "fsm" / "faz" sections):
  FortiAuthenticator   --fac-url URL  --fac-user NAME  FAC_KEY or --fac-key-file FILE
  FortiSIEM            --fsm-url URL  --fsm-client-id ID  FSM_CLIENT_SECRET or --fsm-client-secret-file FILE
  FortiAnalyzer Cloud  --faz-url URL  --forticloud-auth-url URL  --forticloud-api-user NAME
                       FORTICLOUD_API_PASSWORD or --forticloud-api-password-file FILE
  TLS, per product     --fac-ca-file PEM (verify against it)  or  --fac-insecure (accept any
                       certificate); likewise --fsm-…, --faz-…; --insecure for every product
  (each flag is the environment variable of the same name: --fac-url is FAC_URL)
With no target configured, the run starts the embedded emulators on free loopback ports with fresh
credentials, runs everything against them, and stops them.

run options:
  --config FILE           config file (default: ./forticonform.config.json when present)
  --report-dir DIR        where reports go (default: ./reports)
  --max-in-flight N       requests in flight toward each target at most, across all workers
                          (default 2: gentle on an appliance)
  --workers N             parallel workers (default: the in-flight cap, at most one per core, and
                          against a configured target one more, so a request is ready whenever a
                          slot frees); workers beyond the cap wait for a slot, so the target never
                          sees more
  --grep REGEX            only cases whose title matches (e.g. "@usergroups", "localusers.list" or
                          a case id)
  --timeout-ms N          per-request timeout (default 15000)
  --budget-s N            time budget of the whole run in seconds (default none): when it runs out
                          the run stops, and the report lists the cases that did not run as unknown
  --rate R                at most R requests per second toward each target, shared by the workers
                          (default no limit)
  --retries N             times a 429 or 503 answer is retried, honouring Retry-After (capped at
                          30 s and at the budget; default 2, 0 for none); each retry is reported
  --seed N                seed of the property-based tests (default 20261124): the same seed
                          replays the same data sets and queries
  --property-runs N       cases per property (default 15)
  --emulator-variant ID   embedded emulator only: start a deliberately broken variant (repeatable)
  --fac-version V         the product release judged (FAC_VERSION; likewise --fsm-version,
                          --faz-version): selects the rules documented for some releases only
                          (x-versions); the embedded FortiAuthenticator and FortiSIEM emulators
                          answer as that release (e.g. --fac-version 8.0.1; defaults 6.3.1, 7.5.1)
  --quiet                 one dot per case instead of one line
  --expectations FILE     known deviations of this target (YAML/JSON; see README): a listed
                          failure is reported as expected; a listed check that passes (stale)
                          fails the run. FAC_VERSION / FSM_VERSION / FAZ_VERSION select entries
                          with a version range
  --shard I/N             run only the I-th of N shards of the run (one per CI machine); each
                          shard's report directory also gets a blob report for \`merge\`
  --baseline REPORT       a previous run's conformance.json (or its directory): the reports add
                          the diff against it
  --journal-dir DIR       where the run journals what it creates (default .forticonform/journal)
  --safety LEVEL          what the run may change on the target (default own-objects; against the
                          embedded emulators, which die with the run, destructive):
                            read-only    sends no POST, PUT, PATCH or DELETE at all
                            own-objects  creates, changes and deletes only its own objects, and
                                         restores every setting it changes
                            destructive  also cases that delete or replace data it did not create
                                         (whole collections); against a configured target only
                                         with --i-accept-data-loss as well

emulator options:
  --host H                listen address (default 127.0.0.1)
  --port N                HTTP port (default 0: a free port)
  --https-port N          also serve HTTPS on this port (0: a free port)
  --tls-cert FILE --tls-key FILE   certificate to serve (default: a generated self-signed one)
  --variant ID            a deliberately broken variant (repeatable); --list-variants lists them
  --fac-version V         answer as that FortiAuthenticator release (default 6.3.1, the guide's)
Credentials come from FAC_USER / FAC_KEY when set; otherwise fresh ones are generated and printed.

Secrets are never accepted on the command line (they would land in shell history and process lists).`;

/**
 * Target settings as flags: each sets the environment variable of the same name (`--fac-url` is
 * FAC_URL), so flags, environment and config file are one configuration. Secrets only as files.
 */
const TARGET_FLAGS = [
  'fac-url', 'fac-user', 'fac-key-file', 'fac-ca-file', 'fac-restricted-user', 'fac-restricted-key-file', 'fac-version', 'fsm-version', 'faz-version',
  'fsm-url', 'fsm-client-id', 'fsm-client-secret-file', 'fsm-ca-file',
  'faz-url', 'forticloud-auth-url', 'forticloud-api-user', 'forticloud-api-password-file', 'forticloud-client-id', 'faz-ca-file',
] as const;

function applyTargetFlags(values: Record<string, unknown>): void {
  const envName = (flag: string) => flag.toUpperCase().replace(/-/g, '_');
  for (const flag of TARGET_FLAGS) {
    const value = values[flag];
    if (typeof value === 'string') process.env[envName(flag)] = flag.endsWith('-file') ? path.resolve(value) : value;
  }
  for (const product of ['fac', 'fsm', 'faz']) if (values[`${product}-insecure`] === true || values.insecure === true) process.env[`${product.toUpperCase()}_INSECURE`] = '1';
}

/** Flags that would carry a secret: refused with the reason. */
const SECRET_FLAG = /^--?(key|password|passwd|secret|token|access-key|api-key|client-secret)(=|$)/i;

function refuseSecretFlags(argv: string[]): void {
  const bad = argv.find((a) => SECRET_FLAG.test(a));
  if (bad) {
    throw new UserError(
      `${bad.split('=')[0]} is refused: a secret on the command line lands in shell history and process lists; set FAC_KEY or FAC_KEY_FILE instead`,
    );
  }
}

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UserError(`${flag} takes a positive whole number, not "${value}"`);
  return Number(value);
}

/**
 * The run's safety level (lib/safety.ts). `destructive` acts on data the suite did not create, so
 * against anything but the embedded emulator it needs a second, explicit flag.
 */
function chooseSafety(level: string | undefined, acceptDataLoss: boolean): SafetyLevel {
  const configured = anyTargetConfigured();
  // The embedded emulators are started for this run and die with it: nothing on them is anyone's
  // data, so by default the run also shows the rules that need a disposable target.
  const chosen = level ?? (configured ? 'own-objects' : 'destructive');
  if (!(SAFETY_LEVELS as readonly string[]).includes(chosen)) throw new UserError(`--safety takes one of ${SAFETY_LEVELS.join(', ')}, not "${chosen}"`);
  if (chosen === 'destructive' && configured && !acceptDataLoss) {
    throw new UserError('--safety destructive deletes and replaces data the suite did not create; against a configured target it also needs --i-accept-data-loss (use it only on a disposable appliance)');
  }
  if (acceptDataLoss && chosen !== 'destructive') throw new UserError('--i-accept-data-loss only goes with --safety destructive');
  return chosen as SafetyLevel;
}

/**
 * Transport failures that are configuration errors — nothing listens, the name does not resolve, the
 * TLS certificate or scheme is wrong: fixed by the operator, not worth a run.
 */
const CONFIGURATION_FAILURES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPROTO',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * One request to the target before the run. A configuration error (see CONFIGURATION_FAILURES, or
 * the configured admin refused) fails fast in one line. A target that times out, resets the
 * connection or answers something that is not the API gets a warning and the run goes ahead: the
 * report then says per case what it got (unknown when no answer), within the budget.
 */
async function probe(target: Target): Promise<string | undefined> {
  const name = PRODUCT_NAMES[target.product];
  const timeoutMs = Math.min(8_000, Number(process.env.FORTICONFORM_TIMEOUT_MS ?? 8_000));
  const client = new ApiClient(target, { timeoutMs, maxInFlight: 1, retries: 0, stopAfter: 0 });
  const request = target.product === 'fac' ? { method: 'GET', path: '/api/v1/localusers/', query: { limit: 1 } } : { method: 'GET', path: '/', auth: 'none' as const };
  try {
    // FortiAuthenticator: the admin's credentials are checked too; token flows are judged by the suite.
    const response = await client.send(request);
    if (target.product !== 'fac') return undefined;
    if (response.status === 401 || response.status === 403) {
      throw new UserError(`${target.url} refused FAC_USER "${target.user}" with that FAC_KEY (HTTP ${response.status}): check the user has web-service access and the key is current`);
    }
    const mediaType = (response.headers['content-type'] ?? '(none)').split(';')[0]!.trim();
    if (response.status >= 500 || !/json|xml/i.test(mediaType)) {
      return `the ${name} target answers GET ${request.path} with HTTP ${response.status} ${mediaType}, not the API; running anyway, the report says what each case got`;
    }
    return undefined;
  } catch (error) {
    if (!(error instanceof TransportError)) throw error;
    if (CONFIGURATION_FAILURES.has(error.code)) throw new UserError(`cannot reach the ${name} target: ${error.message}`);
    return `the ${name} target: ${error.message}; running anyway, cases that get no answer are reported unknown`;
  } finally {
    await client.close();
  }
}

async function preflight(): Promise<void> {
  const targets = resolveTargets();
  // Documents that do not load are our bug: say so plainly before any traffic. (Full validation is
  // `npm test`'s job: here it would cost every run a second.)
  await runApiModel();
  for (const target of Object.values(targets)) {
    const warning = await probe(target);
    if (warning) console.error(`forticonform: warning: ${redact(warning)}`);
  }
}

/**
 * The run's exit code: Playwright's, unless the conformance report says more — a run whose checks
 * passed but where some got no answer (or a configured product no result at all) is not a pass.
 */
function withReportOutcome(code: number): number {
  if (code !== 0) return code;
  try {
    const report = JSON.parse(readFileSync(path.join(process.env.FORTICONFORM_REPORT_DIR ?? 'reports', 'conformance.json'), 'utf8')) as { outcome?: string };
    return report.outcome === 'pass' ? 0 : 1;
  } catch {
    return 1; // no report: nothing shows the target conforms
  }
}

/** A previous run that was interrupted left a journal: undo it before changing anything else. */
async function cleanupBeforeRun(): Promise<void> {
  if (readPending(journalDir()).length === 0) return;
  const result = await cleanupJournal(journalDir(), resolveTargets());
  console.error(`forticonform: a previous run was interrupted; ${redact(describeCleanup(result))}`);
}

async function runCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      config: { type: 'string' },
      'report-dir': { type: 'string' },
      workers: { type: 'string' },
      'max-in-flight': { type: 'string' },
      grep: { type: 'string' },
      'timeout-ms': { type: 'string' },
      'budget-s': { type: 'string' },
      rate: { type: 'string' },
      retries: { type: 'string' },
      seed: { type: 'string' },
      'property-runs': { type: 'string' },
      'emulator-variant': { type: 'string', multiple: true },
      quiet: { type: 'boolean' },
      safety: { type: 'string' },
      ...Object.fromEntries(TARGET_FLAGS.map((flag) => [flag, { type: 'string' as const }])),
      ...Object.fromEntries(['fac-insecure', 'fsm-insecure', 'faz-insecure', 'insecure'].map((flag) => [flag, { type: 'boolean' as const }])),
      'i-accept-data-loss': { type: 'boolean' },
      'journal-dir': { type: 'string' },
      expectations: { type: 'string' },
      shard: { type: 'string' },
      baseline: { type: 'string' },
    },
  });
  if (values.config) process.env.FORTICONFORM_CONFIG = path.resolve(values.config);
  applyTargetFlags(values);
  process.env.FORTICONFORM_REPORT_DIR = path.resolve(values['report-dir'] ?? process.env.FORTICONFORM_REPORT_DIR ?? 'reports');
  const workers = positiveInt(values.workers, '--workers');
  if (workers) process.env.FORTICONFORM_WORKERS = String(workers);
  const inFlight = positiveInt(values['max-in-flight'], '--max-in-flight');
  if (inFlight) process.env.FORTICONFORM_MAX_IN_FLIGHT = String(inFlight);
  const timeout = positiveInt(values['timeout-ms'], '--timeout-ms');
  if (timeout) process.env.FORTICONFORM_TIMEOUT_MS = String(timeout);
  const budget = positiveInt(values['budget-s'], '--budget-s');
  if (budget) {
    process.env.FORTICONFORM_BUDGET_S = String(budget);
    // From now: the preflight counts against the budget too.
    process.env.FORTICONFORM_DEADLINE_MS = String(Date.now() + budget * 1000);
  }
  if (values.rate !== undefined) {
    if (!/^\d+(\.\d+)?$/.test(values.rate) || Number(values.rate) <= 0) throw new UserError(`--rate takes a positive number of requests per second, not "${values.rate}"`);
    process.env.FORTICONFORM_RATE = values.rate;
  }
  if (values.retries !== undefined) {
    if (!/^\d{1,2}$/.test(values.retries)) throw new UserError(`--retries takes a whole number from 0 to 99, not "${values.retries}"`);
    process.env.FORTICONFORM_RETRIES = String(Number(values.retries));
  }
  if (values.quiet) process.env.FORTICONFORM_QUIET = '1';
  if (values.seed !== undefined) {
    if (!/^\d{1,9}$/.test(values.seed)) throw new UserError(`--seed takes a whole number (up to 9 digits), not "${values.seed}"`);
    process.env.FORTICONFORM_SEED = values.seed;
  }
  const runs = positiveInt(values['property-runs'], '--property-runs');
  if (runs) process.env.FORTICONFORM_PROPERTY_RUNS = String(runs);
  if (values.grep !== undefined) {
    try {
      new RegExp(values.grep);
    } catch {
      throw new UserError(`--grep is not a valid regular expression: ${values.grep}`);
    }
  }
  const variants = values['emulator-variant'] ?? [];
  if (variants.length > 0) {
    if (anyTargetConfigured()) throw new UserError('--emulator-variant applies to the embedded emulators only, but a target is configured');
    const { allVariantIds } = await import('../emulator/embedded.ts');
    const known = allVariantIds();
    const unknown = variants.filter((v) => !known.includes(v));
    if (unknown.length) throw new UserError(`unknown emulator variant ${unknown.join(', ')}; known: ${known.join(', ')}`);
    process.env.FORTICONFORM_EMULATOR_VARIANTS = variants.join(',');
  }
  // The release settings (FAC_VERSION…, flags or environment) checked now, in one line (lib/run-options.ts).
  parseRunOptions(process.env);
  if ((values as Record<string, unknown>)['faz-version'] !== undefined && !anyTargetConfigured()) {
    throw new UserError('--faz-version: the embedded FortiAnalyzer Cloud emulator answers as one release only (001 names none); use it with a configured FAZ target');
  }
  if (values.expectations !== undefined) {
    // Checked now, in one line, rather than by every worker.
    loadExpectations(values.expectations);
    process.env.FORTICONFORM_EXPECTATIONS = path.resolve(values.expectations);
  }
  if (values.baseline !== undefined) {
    const file = reportFile(path.resolve(values.baseline));
    try {
      loadReport(file); // a baseline that cannot serve is said now, not after the run
    } catch (error) {
      throw error instanceof UserError ? new UserError(`--baseline: ${error.message}`) : error;
    }
    process.env.FORTICONFORM_BASELINE = file;
  }
  if (values.shard !== undefined) {
    const [, index, total] = /^(\d+)\/(\d+)$/.exec(values.shard) ?? [];
    if (!index || Number(index) < 1 || Number(index) > Number(total)) throw new UserError(`--shard takes i/n with 1 ≤ i ≤ n (e.g. 2/3), not "${values.shard}"`);
    process.env.FORTICONFORM_SHARD = values.shard;
  }
  process.env.FORTICONFORM_SAFETY = chooseSafety(values.safety, values['i-accept-data-loss'] === true);
  if (values['journal-dir']) process.env.FORTICONFORM_JOURNAL_DIR = path.resolve(values['journal-dir']);
  process.env.FORTICONFORM_JOURNAL_DIR = journalDir();
  registerSecretsFromEnv();
  // Loaded once here, read back by the Playwright runner and its workers.
  useModelCache();
  if (values.grep !== undefined) process.env.FORTICONFORM_GREP = values.grep;
  // The runner starts while the preflight runs, and waits before doing anything until it has passed.
  const runner = startRunner(values.shard);
  try {
    await preflight();
    await cleanupBeforeRun();
  } catch (error) {
    await runner.stop();
    throw error;
  }
  // The exit code reads this run's report: never a previous run's (removed only now, once the
  // configuration is known good, so a mistyped flag loses nothing).
  rmSync(path.join(process.env.FORTICONFORM_REPORT_DIR!, 'conformance.json'), { force: true });
  return runner.proceed();
}

/**
 * The Playwright runner, started at once but held as it loads its configuration (lib/preflight-gate.ts):
 * `proceed` lets it run and resolves with the run's exit code; `stop` ends it before it has sent
 * anything or printed a line.
 */
function startRunner(shard: string | undefined): { proceed(): Promise<number>; stop(): Promise<void> } {
  const require = createRequire(import.meta.url);
  const args = [require.resolve('@playwright/test/cli'), 'test', '-c', path.join(ROOT, 'playwright.config.ts')];
  if (shard !== undefined) args.push('--shard', shard);
  const child = spawn(process.execPath, args, { stdio: ['inherit', 'inherit', 'inherit', 'ipc'], env: { ...process.env, [PREFLIGHT_GATE_ENV]: '1' } });
  const exited = new Promise<number>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 130 : 1))));
  const atTheGate = new Promise<void>((resolve) => child.on('message', (message) => message === AT_THE_GATE && resolve()));
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const done = (code: number) => {
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
    return code;
  };
  return {
    async proceed() {
      // A runner that ends before it loaded its configuration just ends.
      await Promise.race([atTheGate, exited]);
      if (child.connected) child.send(PREFLIGHT_PASSED);
      return withReportOutcome(done(await exited));
    },
    async stop() {
      child.kill('SIGKILL');
      done(await exited);
    },
  };
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    refuseSecretFlags(argv);
    const [first, ...rest] = argv;
    if (first === '--help' || first === '-h' || first === 'help') {
      console.log(HELP);
      return 0;
    }
    if (first === '--version') {
      const { createRequire: cr } = await import('node:module');
      console.log((cr(import.meta.url)('../package.json') as { version: string }).version);
      return 0;
    }
    if (first === 'emulator') return await runEmulatorCommand(rest);
    if (first === 'cleanup') return await runCleanupCommand(rest);
    if (first === 'diff') return await runDiffCommand(rest);
    if (first === 'merge') return await runMergeCommand(rest);
    if (first === 'expectations') return await runExpectationsCommand(rest);
    if (first === 'run') return await runCommand(rest);
    if (first === undefined || first.startsWith('-')) return await runCommand(argv);
    throw new UserError(`unknown command "${first}" (try --help)`);
  } catch (error) {
    registerSecretsFromEnv();
    if (error instanceof UserError) {
      console.error(`forticonform: ${redact(error.message)}`);
      return error.exitCode;
    }
    const code = (error as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      console.error(`forticonform: ${redact((error as Error).message)} (try --help)`);
      return 2;
    }
    console.error(`forticonform: internal error: ${redact(String((error as Error)?.stack ?? error))}`);
    return 70;
  }
}
