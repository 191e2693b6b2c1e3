/**
 * Generated contract checks: every documented case of every operation in `openapi/`
 * (specs/operation-cases.ts declares them). Adding a path or an `x-cases` entry to a document adds
 * cases here with no new code.
 *
 * Workers take tests in file order, then declaration order. Groups whose cases wait out polls (a
 * 60 s lockout period) go first, so their waiting overlaps the rest of the run; then the operations
 * whose cases fill the whole cap side by side. The other one-at-a-time groups (one slot each) are
 * in specs/shared-state.spec.ts, which runs after the property tests: by then every worker is free
 * to run one such group each, and none waits alone on one slot while the cap's other is idle.
 */
import { declareGroup, declareOperation, independentOperations, waitingGroups } from './operation-cases.ts';

for (const [name, ops] of waitingGroups) declareGroup(name, ops);
for (const op of independentOperations) declareOperation(op, [], false);
