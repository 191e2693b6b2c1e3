/**
 * How much a run may change on its target (issue: real appliances).
 * - `read-only`: no POST, PUT, PATCH or DELETE is ever sent; cases that need one are skipped.
 * - `own-objects` (default): the suite creates, changes and deletes only objects it created, and
 *   restores every setting it changed.
 * - `destructive`: also cases that act on data the suite did not create (whole-collection PUT or
 *   DELETE); only on a disposable target.
 * The CLI validates the level and passes it to the workers in FORTICONFORM_SAFETY; a direct
 * Playwright run is validated by `lib/run-options.ts` when its config loads.
 */
import { UserError } from './errors.ts';

export const SAFETY_LEVELS = ['read-only', 'own-objects', 'destructive'] as const;
export type SafetyLevel = (typeof SAFETY_LEVELS)[number];

/**
 * The run's level. An unknown value throws (never a fallback: a mistyped `read-only` must not allow
 * writes); the Playwright config has already stopped such a run with exit 2 before any test.
 */
export function safetyLevel(): SafetyLevel {
  return parseSafety(process.env);
}

/** The safety level in `env` (default own-objects); an unknown value is an error naming the allowed ones. */
export function parseSafety(env: NodeJS.ProcessEnv): SafetyLevel {
  const raw = env.FORTICONFORM_SAFETY;
  if (raw === undefined || raw === '') return 'own-objects';
  if (!(SAFETY_LEVELS as readonly string[]).includes(raw)) throw new UserError(`FORTICONFORM_SAFETY takes one of ${SAFETY_LEVELS.join(', ')}, not "${raw}"`);
  return raw as SafetyLevel;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isWriteMethod(method: string): boolean {
  return WRITE_METHODS.has(method.toUpperCase());
}

/** Thrown (by the HTTP layer, before anything is sent) for a write under `read-only`. */
export class SafetyRefusal extends Error {
  constructor(method: string, path: string) {
    super(`safety level read-only: ${method.toUpperCase()} ${path} was not sent`);
    this.name = 'SafetyRefusal';
  }
}
