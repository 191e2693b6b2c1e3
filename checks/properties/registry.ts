/**
 * The property checks (issue 4's property-based tests of filtering, paging, ordering and formats),
 * registered like the checks of checks/registry.ts: one definition each, with an id, a title and
 * the source of its rule. specs/properties.spec.ts runs each on every filterable list.
 */
import type { PropertyCheck } from './context.ts';
import { formatNegotiation } from './formats.ts';
import { filterLookups } from './lookups.ts';
import { pagingOffset } from './offset.ts';
import { ordering } from './ordering.ts';
import { pagingWalk } from './paging.ts';
import { filterRefused } from './refused.ts';

export const PROPERTY_CHECKS: readonly PropertyCheck[] = [filterLookups, filterRefused, pagingWalk, pagingOffset, ordering, formatNegotiation];
