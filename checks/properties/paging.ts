/**
 * Following `next` from the first page visits every matching row exactly once, each page's envelope
 * (total_count, limit, offset, previous/next) is right, and the links keep filters, format and limit.
 */
import fc from 'fast-check';
import { judgeStable, OBSERVED_ROW_CAP } from '../../engine/property-observed.ts';
import type { ApiRequest, QueryValue } from '../../lib/http.ts';
import { type Finding, idOf, pageProblem, type PropertyCheck, type PropertyContext, same, sorted } from './context.ts';

/** Follows `next` from the first page; returns the ids visited in order, or what was wrong. */
async function walk(ctx: PropertyContext, filter: Record<string, string>, limit: number, count: number, maxPages = Infinity): Promise<{ seen: string[]; partial?: true } | { finding: Finding & object }> {
  const seen: string[] = [];
  let query: Record<string, QueryValue> = { ...filter, limit, format: 'json' };
  for (let pageNo = 0; pageNo <= Math.ceil(count / limit) + 1; pageNo += 1) {
    // A list bigger than the suite reads is walked only so far.
    if (pageNo >= maxPages) return { seen, partial: true };
    const { request, response, page } = await ctx.list(query);
    if (response.status !== 200 || !page?.meta || !Array.isArray(page.objects)) return { finding: { message: `page ${pageNo + 1} answered ${response.status}, not a list`, request } };
    const problem = pageProblem(page, count, limit, pageNo * limit, `page ${pageNo + 1}`);
    if (problem) return { finding: { message: problem, request } };
    seen.push(...page.objects.map(idOf));
    if (page.meta.next === null) return { seen };
    const next = new URL(page.meta.next, ctx.client.baseUrl + '/');
    if (next.pathname !== ctx.listPath) return { finding: { message: `next link ${page.meta.next} leaves ${ctx.listPath}`, request } };
    const params = Object.fromEntries([...next.searchParams.entries()]);
    for (const [k, v] of Object.entries({ ...filter, limit: String(limit), format: 'json' })) {
      if (params[k] !== v) return { finding: { message: `next link ${page.meta.next} does not keep ${k}=${v}`, request } };
    }
    query = params;
  }
  return { finding: { message: `next links went on past ${count} rows`, request: { method: 'GET', path: ctx.listPath, query } } };
}

export const pagingWalk: PropertyCheck = {
  id: 'paging-walk',
  property: 'paging',
  caseId: 'property-paging',
  title: 'Following next from the first page visits every matching row exactly once; links keep filters, format and limit',
  testTitle: 'paging visits every row once and its links keep the query',
  source: '002 · The FortiAuthenticator API · View pages for large lists',
  async run(ctx) {
    if (ctx.mode('paging', ctx.data?.scope !== undefined) === 'observed') {
      const holder = await ctx.observe();
      let unsettled = 0;
      const n = Math.min(holder.snapshot.total, OBSERVED_ROW_CAP);
      // Walks of at most ~4 pages: a big list is walked with big pages.
      const result = await ctx.checkProperty(fc.integer({ min: Math.min(1000, Math.max(1, Math.ceil(n / 4))), max: Math.min(n + 1, 1000) }), (limit) =>
        judgeStable(ctx.client, ctx.listPath, holder, async (snapshot) => {
          const walked = await walk(ctx, {}, limit, snapshot.total, Math.ceil(OBSERVED_ROW_CAP / limit) + 1);
          if ('finding' in walked) return walked.finding;
          const request: ApiRequest = { method: 'GET', path: ctx.listPath, query: { limit } };
          if (new Set(walked.seen).size !== walked.seen.length) return { message: `walking next from the first page visited a row twice: ${JSON.stringify(walked.seen)}`, request };
          if (snapshot.complete && !walked.partial && !same(walked.seen, snapshot.rows.map(idOf))) return { message: `walking next from the first page visited ${JSON.stringify(walked.seen)}, expected each of ${JSON.stringify(snapshot.rows.map(idOf))} once`, request };
          return undefined;
        }, () => (unsettled += 1)),
      );
      return { ...result, note: ctx.observedNote(unsettled) };
    }
    const n = ctx.data.objects.length;
    const scope = ctx.data.scope!;
    return ctx.checkProperty(fc.integer({ min: 1, max: n + 1 }), async (limit) => {
      const walked = await walk(ctx, { [scope.key]: scope.value }, limit, n);
      if ('finding' in walked) return walked.finding;
      const ours = ctx.data.objects.map((o) => String(o.id));
      if (walked.seen.length !== ours.length || !same(walked.seen, ours)) return { message: `walking next from the first page visited ${JSON.stringify(walked.seen)}, expected each of ${JSON.stringify(sorted(ours))} once`, request: { method: 'GET', path: ctx.listPath, query: { [scope.key]: scope.value, limit } } };
      return undefined;
    });
  },
};
