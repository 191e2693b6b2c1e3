/**
 * The wire-level emulator variants (filtering, paging, ordering, formats) and the property checks
 * each must fail: `must` are failed on /api/v1/localusers/, and no check outside `allowed` is
 * (a paging deviation may show in every paging property, never in ordering). Proven in-process by
 * property-checks.spec.ts.
 */
export const PROPERTY_KILLS: Record<string, { must: string[]; allowed: string[] }> = {
  'filter-iexact-as-exact': { must: ['filter-lookups'], allowed: ['filter-lookups'] },
  'filter-icontains-case-sensitive': { must: ['filter-lookups'], allowed: ['filter-lookups'] },
  'filter-in-last-value-only': { must: ['filter-lookups'], allowed: ['filter-lookups'] },
  'filter-undocumented-ignored': { must: ['filter-refused'], allowed: ['filter-refused'] },
  'offset-off-by-one': { must: ['paging-offset'], allowed: ['paging-walk', 'paging-offset'] },
  'next-drops-filter': { must: ['paging-walk'], allowed: ['paging-walk'] },
  'total-count-unfiltered': { must: ['paging-walk'], allowed: ['filter-lookups', 'paging-walk', 'paging-offset'] },
  'last-page-next-not-null': { must: ['paging-walk'], allowed: ['paging-walk', 'paging-offset'] },
  'order-desc-ignored': { must: ['ordering'], allowed: ['ordering'] },
  'format-loses-to-accept': { must: ['format-negotiation'], allowed: ['format-negotiation'] },
};
