/**
 * Every check the suite runs, by id. Adding a check is adding it here; specs never name checks.
 */
import { deletedGoneCheck, listLimitCheck, locationCheck, writeReflectedCheck } from './followup.ts';
import { bodySchemaCheck, bodyValuesCheck, contentTypeCheck, emptyBodyCheck, statusCheck, writeOnlyAbsentCheck } from './response.ts';
import type { Check } from './types.ts';

export const CHECKS: readonly Check[] = [
  statusCheck,
  contentTypeCheck,
  emptyBodyCheck,
  bodySchemaCheck,
  bodyValuesCheck,
  writeOnlyAbsentCheck,
  locationCheck,
  writeReflectedCheck,
  deletedGoneCheck,
  listLimitCheck,
];

const ids = new Set<string>();
for (const check of CHECKS) {
  if (ids.has(check.id)) throw new Error(`duplicate check id ${check.id}`);
  ids.add(check.id);
}
