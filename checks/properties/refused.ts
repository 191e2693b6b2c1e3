/**
 * A filter on an undocumented field, or with an undocumented lookup, answers 400: tastypie refuses
 * what a resource's Meta.filtering does not allow (facts), never silently ignoring it.
 */
import { firstFinding } from '../../lib/concurrent.ts';
import { maxInFlight } from '../../lib/run-options.ts';
import type { Finding, PropertyCheck } from './context.ts';

const LOOKUPS = ['exact', 'iexact', 'contains', 'icontains', 'in', 'startswith', 'istartswith'] as const;

export const filterRefused: PropertyCheck = {
  id: 'filter-refused',
  property: 'refused',
  caseId: 'property-refused-filters',
  title: 'A filter on an undocumented field or with an undocumented lookup answers 400',
  testTitle: 'undocumented filters and lookups are refused with 400',
  source: 'facts · FortiAuthenticator is a django-tastypie API · Filtering',
  async run(ctx) {
    ctx.mode('refused');
    const documented = new Set(ctx.data.fields.map((f) => f.name));
    // Probe the fields the target's answer really has (a write-only or create-only field is no
    // field of the resource, and tastypie ignores unknown keys).
    const sample = await ctx.list({ ...ctx.scopeQuery, limit: 1 });
    const answered = Object.keys(sample.page?.objects?.[0] ?? {});
    const probes: Array<{ key: string; why: string }> = [];
    for (const field of ctx.data.objectFields) {
      if (!documented.has(field) && field !== 'resource_uri' && answered.includes(field)) probes.push({ key: field, why: `${field} is not a documented filter` });
    }
    for (const field of ctx.data.fields) {
      for (const lookup of LOOKUPS) {
        if (!field.lookups.includes(lookup)) probes.push({ key: `${field.name}__${lookup}`, why: `${lookup} is not documented for ${field.name}` });
      }
    }
    // Independent probes, sent together up to the in-flight cap; the verdict is the first finding in order.
    const finding: Finding = await firstFinding(probes, maxInFlight(), async (probe) => {
      const { request, response } = await ctx.list({ ...ctx.scopeQuery, [probe.key]: 'x' });
      return response.status === 400 ? undefined : { message: `${probe.why}, yet ?${probe.key}=x answered ${response.status} (a filter must be refused, never silently ignored)`, request };
    });
    return { ...(finding ? { finding } : {}), ...(probes.length === 0 ? { skip: 'every field and lookup is documented' } : {}) };
  },
};
