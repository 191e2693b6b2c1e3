/**
 * Each validation-dropping emulator variant (emulator/fac/variants.ts, issue 12) and the category of
 * derived negative cases that must catch it; negative-kills.spec.ts proves it.
 */
import type { NegativeCategory } from '../../lib/negative-cases.ts';

/** Each validation-dropping variant and the category of derived cases that must catch it. */
export const CATEGORY_VARIANTS: Record<string, NegativeCategory> = {
  'validation-lengths-unchecked': 'length',
  'validation-required-unchecked': 'required',
  'validation-enums-unchecked': 'enum',
  'validation-formats-unchecked': 'format',
  'validation-types-coerced': 'type',
  'validation-readonly-refused': 'read-only',
};
