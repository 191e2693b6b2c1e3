/**
 * order_by=field sorts ascending and order_by=-field is its reverse; an unknown field answers 400.
 */
import { filterValue, judgeStable } from '../../engine/property-observed.ts';
import { type Finding, idOf, ordered, type Page, PropertyEnd, type PropertyCheck, same } from './context.ts';

export const ordering: PropertyCheck = {
  id: 'ordering',
  property: 'ordering',
  caseId: 'property-ordering',
  title: 'order_by=field sorts ascending, order_by=-field is its reverse, an unknown field answers 400',
  testTitle: 'order_by sorts ascending and -field descending',
  source: '002 · Advanced filtering · Order',
  async run(ctx) {
    const { op, data } = ctx;
    const ownOrderable = (op.ordering ?? []).filter((f) => data?.fields.some((x) => x.name === f && x.kind === 'string'));
    const mode = ctx.mode('ordering', ownOrderable.length > 0);
    let finding: Finding;
    let note = '';
    let skip: string | undefined;
    const scopeQuery = mode === 'own' ? ctx.scopeQuery : {};
    if (mode === 'own') {
      for (const field of ownOrderable) {
        const asc = await ctx.list({ ...scopeQuery, order_by: field, limit: 1000 });
        const desc = await ctx.list({ ...scopeQuery, order_by: `-${field}`, limit: 1000 });
        const ours = new Set(data.objects.map((o) => String(o.id)));
        const pick = (p: Page | undefined) => (p?.objects ?? []).filter((o) => ours.has(idOf(o))).map((o) => o[field] as string);
        const a = pick(asc.page);
        const d = pick(desc.page);
        if (asc.response.status !== 200 || !ordered(a)) {
          finding = { message: `order_by=${field} answered ${asc.response.status} with ${JSON.stringify(a)}, not in ascending order`, request: asc.request };
          break;
        }
        if (desc.response.status !== 200 || JSON.stringify(d) !== JSON.stringify([...a].reverse())) {
          finding = { message: `order_by=-${field} gave ${JSON.stringify(d)}, not the reverse of ${JSON.stringify(a)}`, request: desc.request };
          break;
        }
      }
    } else if ((op.ordering ?? []).length > 0) {
      // Observed rows: the values a documented field has, ascending, then the same values reversed.
      const holder = await ctx.snapshot();
      if (holder.snapshot.problem) throw new PropertyEnd({ finding: holder.snapshot.problem });
      let unsettled = 0;
      const fields = (op.ordering ?? []).filter((f) => holder.snapshot.rows.some((row) => filterValue(row[f]) !== undefined));
      for (const field of fields) {
        finding = await judgeStable(ctx.client, ctx.listPath, holder, async (snapshot) => {
          const asc = await ctx.list({ order_by: field, limit: 1000 });
          const desc = await ctx.list({ order_by: `-${field}`, limit: 1000 });
          const values = (p: Page | undefined) => (p?.objects ?? []).map((o) => filterValue(o[field]) ?? null);
          const a = values(asc.page);
          const d = values(desc.page);
          if (asc.response.status !== 200 || !ordered(a)) return { message: `order_by=${field} answered ${asc.response.status} with ${JSON.stringify(a)}, not in ascending order`, request: asc.request };
          if (desc.response.status !== 200 || !ordered([...d].reverse())) return { message: `order_by=-${field} gave ${JSON.stringify(d)}, not in descending order`, request: desc.request };
          const whole = (asc.page?.meta?.total_count ?? Infinity) <= 1000;
          if (whole && JSON.stringify(d.filter((v) => v !== null)) !== JSON.stringify(a.filter((v) => v !== null).reverse())) return { message: `order_by=-${field} gave ${JSON.stringify(d)}, not the reverse of ${JSON.stringify(a)}`, request: desc.request };
          if (whole && snapshot.complete && !same((asc.page?.objects ?? []).map(idOf), snapshot.rows.map(idOf))) return { message: `order_by=${field} did not answer the list's rows`, request: asc.request };
          return undefined;
        }, () => (unsettled += 1));
        if (finding) break;
      }
      note = `${ctx.observedNote(unsettled)}; fields ${fields.join(', ') || '-'}`;
      if (!finding && fields.length === 0) skip = `no row of ${ctx.listPath} holds a value of an orderable field (${(op.ordering ?? []).join(', ')}); order_by on an unknown field was refused as it must be`;
    }
    if (!finding) {
      const { request, response } = await ctx.list({ ...scopeQuery, order_by: 'no_such_field_fc' });
      if (response.status !== 400) {
        finding = { message: `order_by on an unknown field answered ${response.status}, not 400`, request };
        skip = undefined;
      }
    }
    return { ...(finding ? { finding } : {}), ...(skip ? { skip } : {}), note };
  },
};
