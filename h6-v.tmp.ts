import { loadApiModel } from '/work/wt-negative2/lib/openapi.ts';
const m = await loadApiModel();
const rows = m.operations.flatMap((op) => op.cases.filter((c) => c.derived && c.derived.expects === 'rejected').map((c) => `${op.operationId}#${c.id}:${c.versions ?? ''}`));
console.log(rows.length, rows.filter((r) => !r.endsWith(':')).length);
const bases = m.operations.flatMap((op) => op.cases.filter((c) => !c.generated && c.versions && /^>=\S+$/.test(c.versions.trim())).map((c) => `${op.product} ${op.operationId}#${c.id} ${c.versions}`));
console.log(bases.join('\n'));
