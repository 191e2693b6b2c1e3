/**
 * How much a run may change on its target (issue: real appliances).
 * - `read-only`: no POST, PUT, PATCH or DELETE is ever sent; cases that need one are skipped.
 * - `own-objects` (default): the suite creates, changes and deletes only objects it created, and
 *   restores every setting it changed.
 * - `destructive`: also cases that act on data the suite did not create (whole-collection PUT or
 *   DELETE); only on a disposable target.
 * The CLI validates the level and passes it to the workers in FORTICONFORM_SAFETY.
 */
export const SAFETY_LEVELS = ['read-only', 'own-objects', 'destructive'] as const;
export type SafetyLevel = (typeof SAFETY_LEVELS)[number];

export function safetyLevel(): SafetyLevel {
  const value = process.env.FORTICONFORM_SAFETY;
  return (SAFETY_LEVELS as readonly string[]).includes(value ?? '') ? (value as SafetyLevel) : 'own-objects';
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
