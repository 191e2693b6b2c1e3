/**
 * Each validation-dropping (or, for accepted sides, too strict) emulator variant (emulator/fac/variants.ts, emulator/faz/variants.ts, and
 * FortiSIEM's token-call, MCP and incident-update variants in emulator/fsm/variants.ts,
 * issue 12), the product whose derived negative cases it is run with, and the categories of derived
 * cases that must catch it; negative-kills.spec.ts proves it.
 */
import type { NegativeCategory } from '../../lib/negative-cases.ts';

export interface CategoryVariant {
  product: 'fac' | 'faz' | 'fsm';
  categories: NegativeCategory[];
}

/** Each validation-dropping variant and the categories of derived cases that must catch it. */
export const CATEGORY_VARIANTS: Record<string, CategoryVariant> = {
  'validation-lengths-unchecked': { product: 'fac', categories: ['length'] },
  'validation-required-unchecked': { product: 'fac', categories: ['required'] },
  'validation-enums-unchecked': { product: 'fac', categories: ['enum'] },
  'validation-formats-unchecked': { product: 'fac', categories: ['format'] },
  'validation-types-coerced': { product: 'fac', categories: ['type'] },
  'validation-readonly-refused': { product: 'fac', categories: ['read-only'] },
  // A malformed params list is omitted, too short, of the wrong type or has a bad item: refusals of several categories.
  'faz-malformed-params-answered': { product: 'faz', categories: ['required', 'length', 'type', 'format'] },
  // FortiSIEM's token call taking any grant_type (or none): its derived grant_type refusals fail.
  'fsm-wrong-grant-accepted': { product: 'fsm', categories: ['required', 'enum'] },
  // FortiSIEM's MCP service answering a malformed JSON-RPC request: its derived required, const and type refusals fail.
  'fsm-mcp-invalid-request-answered': { product: 'fsm', categories: ['required', 'enum', 'type'] },
  // Too strict, not too lax: an incident update refusing documented values fails the accepted sides
  // derived where no refusal is documented (x-not-derived `<keyword>:rejected`: the range's end, each severity).
  'fsm-incident-values-narrowed': { product: 'fsm', categories: ['length', 'enum'] },
  // The same for FortiAnalyzer: a string id (the type union's other type) or verbose 0 refused.
  'faz-request-values-narrowed': { product: 'faz', categories: ['type', 'enum'] },
};
