/**
 * The `forticonform` command. `run` (the default) runs the conformance suite against the configured
 * target, or against the embedded emulator when none is configured; `emulator` serves the reference
 * emulator on its own. Bad input ends with one clear line and exit code 2, never a stack trace.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PRODUCT_NAMES, resolveTargets, type Target } from '../lib/config.ts';
import { UserError } from '../lib/errors.ts';
import { ApiClient, TransportError } from '../lib/http.ts';
import { loadApiModel } from '../lib/openapi.ts';
import { redact, registerSecretsFromEnv } from '../lib/redact.ts';
import { runEmulatorCommand } from './emulator-command.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const HELP = `forticonform — conformance suite for Fortinet appliance APIs

Usage:
  forticonform [run] [options]     run the conformance suite (default command)
  forticonform emulator [options]  serve the reference FortiAuthenticator emulator
  forticonform --help | --version

Target (environment, or the "fac" section of forticonform.config.json):
  FAC_URL        base URL of the appliance, e.g. https://fac.example.com
  FAC_USER       administrator with web-service access
  FAC_KEY        its web-service access key (or FAC_KEY_FILE: a file holding it)
  FAC_CA_FILE    PEM of the CA / self-signed certificate to verify TLS against
  FAC_INSECURE=1 accept any TLS certificate
With no FAC_URL, the run starts the embedded emulator on a free loopback port with fresh
credentials, runs everything against it, and stops it.

run options:
  --config FILE           config file (default: ./forticonform.config.json when present)
  --report-dir DIR        where reports go (default: ./reports)
  --workers N             parallel workers, i.e. requests in flight toward the target (default 2)
  --grep REGEX            only cases whose title matches (e.g. "@usergroups" or "localusers.list")
  --timeout-ms N          per-request timeout (default 15000)
  --seed N                seed of the property-based tests (default 20261124): the same seed
                          replays the same data sets and queries
  --property-runs N       cases per property (default 15)
  --emulator-variant ID   embedded emulator only: start a deliberately broken variant (repeatable)
  --quiet                 one dot per case instead of one line

emulator options:
  --host H                listen address (default 127.0.0.1)
  --port N                HTTP port (default 0: a free port)
  --https-port N          also serve HTTPS on this port (0: a free port)
  --tls-cert FILE --tls-key FILE   certificate to serve (default: a generated self-signed one)
  --variant ID            a deliberately broken variant (repeatable); --list-variants lists them
Credentials come from FAC_USER / FAC_KEY when set; otherwise fresh ones are generated and printed.

Secrets are never accepted on the command line (they would land in shell history and process lists).`;

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

/** Fails fast, in one line, on a target that cannot be reached or refuses the configured admin. */
async function probe(target: Target): Promise<void> {
  const client = new ApiClient(target, { timeoutMs: 8_000, connections: 1 });
  try {
    // FortiAuthenticator: the admin's credentials are checked too; token flows are judged by the suite.
    const response = await client.send(target.product === 'fac' ? { method: 'GET', path: '/api/v1/localusers/', query: { limit: 1 } } : { method: 'GET', path: '/', auth: 'none' });
    if (target.product === 'fac' && (response.status === 401 || response.status === 403)) {
      throw new UserError(`${target.url} refused FAC_USER "${target.user}" with that FAC_KEY (HTTP ${response.status}): check the user has web-service access and the key is current`);
    }
  } catch (error) {
    if (error instanceof TransportError) throw new UserError(`cannot reach the ${PRODUCT_NAMES[target.product]} target: ${error.message}`);
    throw error;
  } finally {
    await client.close();
  }
}

async function preflight(): Promise<void> {
  const targets = resolveTargets();
  // Broken documents are our bug, but say so plainly before any traffic.
  await loadApiModel({ validate: true });
  for (const target of Object.values(targets)) await probe(target);
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
      grep: { type: 'string' },
      'timeout-ms': { type: 'string' },
      seed: { type: 'string' },
      'property-runs': { type: 'string' },
      'emulator-variant': { type: 'string', multiple: true },
      quiet: { type: 'boolean' },
    },
  });
  if (values.config) process.env.FORTICONFORM_CONFIG = path.resolve(values.config);
  if (values['report-dir']) process.env.FORTICONFORM_REPORT_DIR = path.resolve(values['report-dir']);
  const workers = positiveInt(values.workers, '--workers');
  if (workers) process.env.FORTICONFORM_WORKERS = String(workers);
  const timeout = positiveInt(values['timeout-ms'], '--timeout-ms');
  if (timeout) process.env.FORTICONFORM_TIMEOUT_MS = String(timeout);
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
    if (Object.keys(resolveTargets()).length > 0) throw new UserError('--emulator-variant applies to the embedded emulators only, but a target is configured');
    const { allVariantIds } = await import('../emulator/embedded.ts');
    const known = allVariantIds();
    const unknown = variants.filter((v) => !known.includes(v));
    if (unknown.length) throw new UserError(`unknown emulator variant ${unknown.join(', ')}; known: ${known.join(', ')}`);
    process.env.FORTICONFORM_EMULATOR_VARIANTS = variants.join(',');
  }
  registerSecretsFromEnv();
  await preflight();

  const require = createRequire(import.meta.url);
  const playwrightCli = require.resolve('@playwright/test/cli');
  const args = [playwrightCli, 'test', '-c', path.join(ROOT, 'playwright.config.ts')];
  if (values.grep !== undefined) process.env.FORTICONFORM_GREP = values.grep;
  return new Promise<number>((resolve) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', env: process.env });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 130 : 1));
    });
  });
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
