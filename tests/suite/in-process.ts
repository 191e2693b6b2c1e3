/**
 * The suite's own case runner pointed at an emulator started in this process: what self-tests use
 * when they judge cases directly (no Playwright run), e.g. one fresh emulator per variant.
 */
import type { RunningEmulator } from '../../emulator/server.ts';
import type { SuiteServices } from '../../fixtures/run-case.ts';
import type { Target } from '../../lib/config.ts';
import { ApiClient } from '../../lib/http.ts';
import type { ApiModel } from '../../lib/openapi.ts';
import { SchemaRegistry } from '../../lib/schemas.ts';

export function inProcessSuite(emulator: RunningEmulator, model: ApiModel, schemas = new SchemaRegistry(model.schemaExtensions)): { target: Target; client: ApiClient; suite: SuiteServices } {
  const target: Target = { product: 'fac', url: emulator.url, insecure: false, user: emulator.user, key: emulator.key, restricted: emulator.restricted, provided: emulator.provided, values: {} };
  const client = new ApiClient(target, { timeoutMs: 10_000, maxInFlight: 1 });
  return { target, client, suite: { model, schemas, clients: { fac: client } } };
}
