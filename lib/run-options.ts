/**
 * The run-wide settings the Playwright runner and its workers read from the environment, parsed and
 * validated in one place. The CLI sets them from its flags; a direct `npx playwright test` sets them
 * by hand — so a typo there (`FORTICONFORM_SAFETY=readonly`) must stop the run with a clear error
 * instead of silently falling back to a level that writes to the appliance (issue 14).
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { RELEASE_PATTERN } from '../emulator/release.ts';
import { UserError } from './errors.ts';
import { parseSafety, type SafetyLevel } from './safety.ts';

export interface RunOptions {
  safety: SafetyLevel;
  /** Where the reports go (FORTICONFORM_REPORT_DIR, default `reports/`), absolute. */
  reportDir: string;
  /** The run's id (object-name prefix) and the password its own test users get (redacted everywhere). */
  runId: string;
  runSecret: string;
  /** Where workers tell each other a target stopped answering (lib/http.ts). */
  stateDir?: string;
  /** `--budget-s`: when the whole run stops (ms since the epoch). */
  deadlineMs?: number;
  /** Per-request timeout (FORTICONFORM_TIMEOUT_MS, default 15 s). */
  requestTimeoutMs: number;
  /** Times a 429/503 answer is retried (default 2), and requests per second at most (0: no limit). */
  retries: number;
  rate: number;
  /** The property tests' seed, cases per property and a replay path (fast-check). */
  seed: number;
  propertyRuns: number;
  propertyPath?: string;
  /** Known deviations (`--expectations`) and the report to diff against (`--baseline`). */
  expectationsFile?: string;
  baseline?: string;
  /** The embedded emulators stand in for the targets, and the broken variants they run. */
  embedded: boolean;
  emulatorVariants: string[];
  /** `--grep`, `--shard i/n`, `--quiet`. */
  grep: string;
  shard?: string;
  quiet: boolean;
  /** `forticonform merge`: the shards' run metadata the merged report keeps (JSON), and the merged run's duration. */
  mergeMeta?: string;
  mergeDurationMs?: number;
  /** The product versions the operator states (FAC_VERSION, FSM_VERSION, FAZ_VERSION). */
  versions: Partial<Record<'fac' | 'fsm' | 'faz', string>>;
  /** Requests in flight toward one target at most, across all workers (lib/in-flight.ts). */
  maxInFlight: number;
  /** Playwright workers (default: the cap, see `defaultWorkers`). */
  workers: number;
  /** Per-test timeout. */
  testTimeoutMs: number;
  /** Whole-run time budget, when set. */
  budgetS?: number;
}

function nonNegativeInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^[0-9]+$/.test(raw.trim())) throw new UserError(`${name} takes a whole number of at least 0, not "${raw}"`);
  return Number(raw);
}

function nonNegativeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^[0-9]+(\.[0-9]+)?$/.test(raw.trim())) throw new UserError(`${name} takes a number of at least 0, not "${raw}"`);
  return Number(raw);
}

const optional = (env: NodeJS.ProcessEnv, name: string): string | undefined => (env[name] === undefined || env[name] === '' ? undefined : env[name]);

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^[0-9]+$/.test(raw.trim()) || Number(raw) < 1) throw new UserError(`${name} takes a whole number of at least 1, not "${raw}"`);
  return Number(raw);
}

/** Requests in flight toward one target at most (FORTICONFORM_MAX_IN_FLIGHT, default 2: gentle on
 * an appliance). */
export function maxInFlight(env: NodeJS.ProcessEnv = process.env): number {
  return positiveInteger(env, 'FORTICONFORM_MAX_IN_FLIGHT', 2);
}

/**
 * Workers when none are asked for. Against the embedded emulators the run is CPU-bound (the targets
 * share the machine): as many as the cap, but no more than the cores, since on 2 shared cores each
 * extra worker's start-up cost more than it hid. Against a configured target a worker mostly waits
 * on the network, and between two of its requests (checks, the next test's start) it has none
 * ready: one worker more than that keeps a request waiting whenever a slot frees (bench at 20 ms,
 * cap 2: 0.74-0.76 with 2 workers, 0.80-0.82 with 3). The broker keeps the target at the cap
 * however many workers run.
 */
export const defaultWorkers = (cap: number, embedded: boolean): number => {
  const busy = Math.max(1, Math.min(cap, availableParallelism()));
  return embedded ? busy : busy + 1;
};

/**
 * Every run-wide setting of `env`, validated; throws a UserError (exit 2) on the first bad one.
 * Cheap: callers parse when they need a setting (self-tests change settings between in-process runs).
 */
export function parseRunOptions(env: NodeJS.ProcessEnv = process.env): RunOptions {
  const budget = env.FORTICONFORM_BUDGET_S;
  const deadline = optional(env, 'FORTICONFORM_DEADLINE_MS');
  const seed = optional(env, 'FORTICONFORM_SEED');
  if (seed !== undefined && !/^-?[0-9]+$/.test(seed.trim())) throw new UserError(`FORTICONFORM_SEED takes a whole number, not "${seed}"`);
  const versions: RunOptions['versions'] = {};
  for (const product of ['fac', 'fsm', 'faz'] as const) {
    const name = `${product.toUpperCase()}_VERSION`;
    const version = optional(env, name)?.trim();
    // x-versions ranges compare it part by part: a typo ("8.0.x", "v8") would silently skip or run the wrong cases.
    if (version !== undefined && !RELEASE_PATTERN.test(version)) throw new UserError(`${name} takes a release number like 6.3.1 or 8.0 (major.minor[.patch]), not "${version}"`);
    if (version !== undefined) versions[product] = version;
  }
  return {
    safety: parseSafety(env),
    reportDir: path.resolve(env.FORTICONFORM_REPORT_DIR ?? 'reports'),
    runId: env.FORTICONFORM_RUN_ID ?? 'run',
    runSecret: env.FORTICONFORM_RUN_SECRET ?? 'forticonform-unset-secret',
    ...(optional(env, 'FORTICONFORM_STATE_DIR') ? { stateDir: env.FORTICONFORM_STATE_DIR } : {}),
    ...(deadline !== undefined ? { deadlineMs: nonNegativeInteger(env, 'FORTICONFORM_DEADLINE_MS', 0) } : {}),
    maxInFlight: maxInFlight(env),
    workers: positiveInteger(env, 'FORTICONFORM_WORKERS', defaultWorkers(maxInFlight(env), env.FORTICONFORM_EMBEDDED === '1')),
    testTimeoutMs: positiveInteger(env, 'FORTICONFORM_TEST_TIMEOUT_MS', 60_000),
    ...(budget === undefined || budget === '' ? {} : { budgetS: positiveInteger(env, 'FORTICONFORM_BUDGET_S', 0) }),
    requestTimeoutMs: positiveInteger(env, 'FORTICONFORM_TIMEOUT_MS', 15_000),
    retries: nonNegativeInteger(env, 'FORTICONFORM_RETRIES', 2),
    rate: nonNegativeNumber(env, 'FORTICONFORM_RATE', 0),
    seed: seed === undefined ? 20261124 : Number(seed),
    propertyRuns: positiveInteger(env, 'FORTICONFORM_PROPERTY_RUNS', 15),
    ...(optional(env, 'FORTICONFORM_PROPERTY_PATH') ? { propertyPath: env.FORTICONFORM_PROPERTY_PATH } : {}),
    ...(optional(env, 'FORTICONFORM_EXPECTATIONS') ? { expectationsFile: env.FORTICONFORM_EXPECTATIONS } : {}),
    ...(optional(env, 'FORTICONFORM_BASELINE') ? { baseline: env.FORTICONFORM_BASELINE } : {}),
    embedded: env.FORTICONFORM_EMBEDDED === '1',
    emulatorVariants: (env.FORTICONFORM_EMULATOR_VARIANTS ?? '').split(',').filter(Boolean),
    grep: env.FORTICONFORM_GREP ?? '',
    ...(optional(env, 'FORTICONFORM_SHARD') ? { shard: env.FORTICONFORM_SHARD } : {}),
    quiet: env.FORTICONFORM_QUIET === '1',
    ...(optional(env, 'FORTICONFORM_MERGE_META') ? { mergeMeta: env.FORTICONFORM_MERGE_META } : {}),
    ...(optional(env, 'FORTICONFORM_MERGE_DURATION_MS') ? { mergeDurationMs: nonNegativeInteger(env, 'FORTICONFORM_MERGE_DURATION_MS', 0) } : {}),
    versions,
  };
}

/** The run's settings as this process's environment holds them now. */
export const runOptions = (): RunOptions => parseRunOptions(process.env);

/**
 * For the Playwright config: the parsed settings, or — on a bad value — the error on stderr and
 * exit 2 before any test (or request) starts.
 */
export function runOptionsOrExit(env: NodeJS.ProcessEnv = process.env): RunOptions {
  try {
    return parseRunOptions(env);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    process.stderr.write(`forticonform: ${error.message}\n`);
    process.exit(error.exitCode);
  }
}
