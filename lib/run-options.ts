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
  /** Playwright workers (requests in flight toward the target). */
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

/** Every run-wide setting of `env`, validated; throws a UserError (exit 2) on the first bad one. */
export function parseRunOptions(env: NodeJS.ProcessEnv = process.env): RunOptions {
  const budget = env.FORTICONFORM_BUDGET_S;
  return {
    safety: parseSafety(env),
    workers: positiveInteger(env, 'FORTICONFORM_WORKERS', 2),
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
