/**
 * Emulator variants that break a rule of one product release only (x-versions): proven caught by
 * tests/suite/versions.spec.ts, which runs the rule's cases on that release with the variant on.
 * Variant id → the product, the release and the cases (`operationId#caseId`) that must fail.
 */
export const VERSION_VARIANTS: Record<string, { product: 'fac'; release: string; cases: string[] }> = {
  'root-needs-credentials': { product: 'fac', release: '8.0.1', cases: ['root.list#no-credentials-8x'] },
};
