/**
 * offset is zero-based and limit bounds the page (at most 1000, limit=0 meaning the maximum);
 * negative or non-numeric values answer 400 (tastypie's Paginator, facts · Paging).
 */
import fc from 'fast-check';
import { judgeStable, OBSERVED_ROW_CAP } from '../../engine/property-observed.ts';
import type { QueryValue } from '../../lib/http.ts';
import { expectedPage } from '../../lib/lookups.ts';
import { idOf, pageProblem, type PropertyCheck, type PropertyOutcome } from './context.ts';

export const pagingOffset: PropertyCheck = {
  id: 'paging-offset',
  property: 'offset',
  caseId: 'property-offset',
  title: 'offset is zero-based and limit bounds the page (max 1000); negative or non-numeric values answer 400',
  testTitle: 'offset and limit select the documented window; bad values answer 400',
  source: '002 · Advanced filtering · Offset',
  async run(ctx) {
    const mode = ctx.mode('offset', ctx.data?.scope !== undefined);
    let result: PropertyOutcome;
    let note = '';
    let scopeQuery: Record<string, string> = {};
    if (mode === 'observed') {
      const holder = await ctx.observe();
      let unsettled = 0;
      const n = Math.min(holder.snapshot.total, OBSERVED_ROW_CAP);
      result = await ctx.checkProperty(fc.record({ limit: fc.integer({ min: 1, max: Math.min(n + 1, 1000) }), offset: fc.integer({ min: 0, max: n + 2 }) }), ({ limit, offset }) =>
        judgeStable(ctx.client, ctx.listPath, holder, async (snapshot) => {
          const { request, response, page } = await ctx.list({ limit, offset });
          if (response.status !== 200 || !page?.meta || !Array.isArray(page.objects)) return { message: `answered ${response.status}`, request };
          const problem = pageProblem(page, snapshot.total, limit, offset, `limit=${limit}&offset=${offset}`);
          if (problem) return { message: problem, request };
          // The window of the list in its default order (as read from offset 0).
          const window = snapshot.rows.slice(offset, offset + limit).map(idOf);
          const received = page.objects.map(idOf);
          if (offset + limit <= snapshot.rows.length && JSON.stringify(received) !== JSON.stringify(window)) return { message: `limit=${limit}&offset=${offset} gave rows ${JSON.stringify(received)}, the list from offset 0 has ${JSON.stringify(window)} there`, request };
          return undefined;
        }, () => (unsettled += 1)),
      );
      note = ctx.observedNote(unsettled);
    } else {
      const n = ctx.data.objects.length;
      scopeQuery = ctx.scopeQuery;
      result = await ctx.checkProperty(fc.record({ limit: fc.integer({ min: 1, max: n + 1 }), offset: fc.integer({ min: 0, max: n + 2 }) }), async ({ limit, offset }) => {
        const { request, response, page } = await ctx.list({ ...scopeQuery, limit, offset });
        if (response.status !== 200 || !page?.meta || !Array.isArray(page.objects)) return { message: `answered ${response.status}`, request };
        const want = expectedPage(n, limit, offset);
        if (page.objects.length !== want.size) return { message: `limit=${limit}&offset=${offset} over ${n} rows gave ${page.objects.length} rows, expected ${want.size}`, request };
        if (page.meta.offset !== offset || page.meta.total_count !== n) return { message: `meta ${JSON.stringify(page.meta)} does not echo offset ${offset} / total ${n}`, request };
        if ((page.meta.next !== null) !== want.hasNext) return { message: `next is ${JSON.stringify(page.meta.next)} for offset ${offset}, limit ${limit}, ${n} rows`, request };
        return undefined;
      });
    }
    // Fixed probes: tastypie's documented bounds (facts · Paging).
    let finding = result.finding;
    if (!finding) {
      for (const query of [{ limit: -1 }, { limit: 'abc' }, { offset: -1 }, { offset: 'abc' }] as Array<Record<string, QueryValue>>) {
        const { request, response } = await ctx.list({ ...scopeQuery, ...query });
        if (response.status !== 400) {
          finding = { message: `${JSON.stringify(query)} answered ${response.status}, not 400`, request };
          break;
        }
      }
    }
    if (!finding) {
      for (const limit of [0, 5000]) {
        const { request, page } = await ctx.list({ ...scopeQuery, limit });
        if (page?.meta?.limit !== 1000) {
          finding = { message: `limit=${limit} gave meta.limit ${page?.meta?.limit}; the maximum (and limit=0) is 1000`, request };
          break;
        }
      }
    }
    return { ...(finding ? { finding } : {}), ...(result.details ? { details: result.details } : {}), note };
  },
};
