/**
 * Every check the suite runs, by id. Adding a check is adding it here; specs never name checks.
 */
import { undocumentedFieldsCheck } from './extras.ts';
import { deletedGoneCheck, listLimitCheck, locationCheck, writeReflectedCheck } from './followup.ts';
import { pskcSeedCheck } from './pskc.ts';
import { bodySchemaCheck, bodyValuesCheck, contentTypeCheck, emptyBodyCheck, headerValuesCheck, statusCheck, writeOnlyAbsentCheck } from './response.ts';
import { stepsCheck } from './steps.ts';
import type { Check } from '../lib/check.ts';

export const CHECKS: readonly Check[] = [
  statusCheck,
  contentTypeCheck,
  emptyBodyCheck,
  bodySchemaCheck,
  bodyValuesCheck,
  headerValuesCheck,
  writeOnlyAbsentCheck,
  locationCheck,
  writeReflectedCheck,
  deletedGoneCheck,
  listLimitCheck,
  pskcSeedCheck,
  undocumentedFieldsCheck,
  // Last: its requests change state (a lockout, a spent refresh token) the other checks must not see.
  stepsCheck,
];

const ids = new Set<string>();
for (const check of CHECKS) {
  if (ids.has(check.id)) throw new Error(`duplicate check id ${check.id}`);
  ids.add(check.id);
}
