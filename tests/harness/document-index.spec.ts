/**
 * Issue 13 · "Documented operations without an OpenAPI operation: 0". The documented operations are
 * read from the seeds the source lint reads (lib/document-index.ts: 002's Allowed-methods rows,
 * 003's resources, 000's calls, 001's and 004's endpoints); each must have an OpenAPI operation
 * (003's method-less resources: at least a path item). Writes the counts for `npm test` to print.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { parse as parseYaml } from 'yaml';
import { canonicalPath, documentedOperations, type DocumentedOperation, withoutOperation } from '../../lib/document-index.ts';
import { loadApiModel } from '../../lib/openapi.ts';
import { ROOT } from '../suite/cli-run.ts';
import { sourceText } from './shared-docs.ts';

const seeds = () => Object.fromEntries(['000', '001', '002', '003', '004'].map((l) => [l, sourceText(l) ?? ''])) as Parameters<typeof documentedOperations>[0];

/** Every path item of the three root documents (an item may hold no operation: 003-only resources). */
function pathItems(): Array<{ product: string; path: string }> {
  return ['fac', 'fsm', 'faz'].flatMap((product) => {
    const doc = parseYaml(readFileSync(path.join(ROOT, 'openapi', `${product}.yaml`), 'utf8')) as { paths?: Record<string, unknown> };
    return Object.keys(doc.paths ?? {}).map((p) => ({ product, path: p }));
  });
}

const describe = (d: DocumentedOperation) => `${d.product} ${d.methods.length > 1 ? d.methods.join('|') : d.methods[0]} ${d.paths.join(' or ')} (${d.source}: "${d.text}")`;

test('every operation the documents state has an OpenAPI operation', async () => {
  const documented = documentedOperations(seeds());
  const model = await loadApiModel();
  const missing = withoutOperation(documented, model.operations, pathItems());
  const byDocument = Object.fromEntries(['000', '001', '002', '003', '004'].map((l) => [l, documented.filter((d) => d.source.startsWith(`${l} `)).length]));
  console.log(`documented operations: ${documented.length}, without an OpenAPI operation: ${missing.length}`);
  mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
  writeFileSync(
    path.join(ROOT, 'test-results', 'document-index.json'),
    JSON.stringify({ documented: documented.length, byDocument, withoutOperation: missing.map(describe), index: documented.map(describe) }, null, 2),
  );
  // Each document contributes (a parser that silently read nothing would pass vacuously).
  for (const [label, n] of Object.entries(byDocument)) expect(n, `operations read from ${label}`).toBeGreaterThan(0);
  expect(missing.map(describe)).toEqual([]);
});

test('the index folds the OCR noise of 002 and can report a missing operation', async () => {
  for (const [raw, canonical] of [
    ['/apilv1/smtpservers/[id]/', '/api/v1/smtpservers/{}'],
    ['[api/lv1/syslogservers/[id])/', '/api/v1/syslogservers/{}'],
    ['lapilv1/ftpservers/[id]/', '/api/v1/ftpservers/{}'],
    ['/apil/fabric/device/status', '/api/fabric/device/status'],
    ['/apilvi/oauthiverify_token/?client_', '/api/v1/oauth/verify_token'],
    ['/api/v1l/system/external ip fqgdn/', '/api/v1/system/external_ip_fqdn'],
    ['/apilv1/scepregs/[id]/', '/api/v1/scepreqs/{}'],
    ['/api/v1/localusers/[id]/radiusattributes/[attribute_id]/', '/api/v1/localusers/{}/radiusattributes/{}'],
    ['https://<FortiSIEM-IP>/phoenix/rest/pub/incident/update/{incidentId}', '/phoenix/rest/pub/incident/update/{}'],
  ] as const) {
    expect(canonicalPath(raw), raw).toBe(canonical);
  }
  const documented = documentedOperations(seeds());
  const model = await loadApiModel();
  const dropped = model.operations.filter((op) => !(op.method.toUpperCase() === 'DELETE' && op.path === '/api/v1/smtpservers/{id}/'));
  expect(dropped.length).toBe(model.operations.length - 1);
  expect(withoutOperation(documented, dropped, pathItems()).map(describe)).toEqual([expect.stringContaining('fac DELETE /api/v1/smtpservers/{}')]);
});
