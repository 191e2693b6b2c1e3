/**
 * The contract cases of operations that share state (a settings singleton, an `x-serial` path, an
 * operator-provided object some case changes and restores), one group each, one case at a time.
 * A file of their own that sorts after properties.spec.ts, so they run last: see
 * specs/contract.spec.ts.
 */
import { declareGroup, oneAtATimeGroups } from './operation-cases.ts';

for (const [name, ops] of oneAtATimeGroups) declareGroup(name, ops);
