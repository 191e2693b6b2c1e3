/**
 * Fields the documents do not name. Newer firmware adds fields, and the documents leave objects
 * open for that reason (openapi/CONVENTIONS.md · Schemas): an undocumented field is a warning —
 * reported so an upgrade's additions are seen — and never fails a run.
 */
import { answeredAsExpected, schemaFor } from './response.ts';
import { type Check, pass } from '../lib/check.ts';

export const undocumentedFieldsCheck: Check = {
  id: 'undocumented-fields',
  title: 'The answer carries only documented fields (a warning otherwise)',
  source: (ctx) => ctx.op.source,
  applies: (ctx) => answeredAsExpected(ctx) && schemaFor(ctx) !== undefined && (ctx.body.kind === 'json' || ctx.body.kind === 'xml'),
  run(ctx) {
    const value = ctx.body.kind === 'json' || ctx.body.kind === 'xml' ? ctx.body.value : undefined;
    const extra = ctx.schemas.undocumentedFields(schemaFor(ctx)!, value);
    if (extra.length === 0) return pass();
    // Rows repeat their fields: one pointer per field, the row index replaced by `*`.
    const fields = [...new Set(extra.map((p) => p.replace(/\/\d+\//g, '/*/')))];
    return { outcome: 'warn', message: `fields the documents do not name: ${fields.slice(0, 8).join(', ')}${fields.length > 8 ? ` (+${fields.length - 8} more)` : ''}`, actual: fields };
  },
};
