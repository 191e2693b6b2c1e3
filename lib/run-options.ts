/**
 * The run-wide settings the Playwright runner and its workers read from the environment, parsed and
 * validated in one place. The CLI sets them from its flags; a direct `npx playwright test` sets them
 * by hand — so a typo there (`FORTICONFORM_SAFETY=readonly`) must stop the run with a clear error
 * instead of silently falling back to a level that writes to the appliance (issue 14).
 */
import { UserError } from './errors.ts';
import { parseSafety, type SafetyLevel } from './safety.ts';

export interface RunOptions {
  safety: SafetyLevel;
  /** Requests in flight toward one target at most, across all workers (lib/in-flight.ts). */
  maxInFlight: number;
  /** Playwright workers (default: the cap, see `defaultWorkers`). */
  workers: number;
  /** Per-test timeout. */
  testTimeoutMs: number;
  /** Whole-run time budget, when set. */
  budgetS?: number;
}

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
 * Workers when none are asked for: as many as the cap. More (`--workers`) may hide Playwright's
 * per-test work against a slow target on a machine with spare cores (the broker still keeps the
 * target at the cap); on 2 shared cores each extra worker's start-up cost more than it hid.
 */
export const defaultWorkers = (cap: number): number => cap;

/** Every run-wide setting of `env`, validated; throws a UserError (exit 2) on the first bad one. */
export function parseRunOptions(env: NodeJS.ProcessEnv = process.env): RunOptions {
  const budget = env.FORTICONFORM_BUDGET_S;
  return {
    safety: parseSafety(env),
    maxInFlight: maxInFlight(env),
    workers: positiveInteger(env, 'FORTICONFORM_WORKERS', defaultWorkers(maxInFlight(env))),
    testTimeoutMs: positiveInteger(env, 'FORTICONFORM_TEST_TIMEOUT_MS', 60_000),
    ...(budget === undefined || budget === '' ? {} : { budgetS: positiveInteger(env, 'FORTICONFORM_BUDGET_S', 0) }),
  };
}

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
