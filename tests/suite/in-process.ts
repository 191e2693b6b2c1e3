/**
 * The suite's own case runner pointed at an emulator started in this process: what self-tests use
 * when they judge cases directly (no Playwright run), e.g. one fresh emulator per variant.
 */
import { type RunningEmulator, startEmulator } from '../../emulator/server.ts';
import { ObjectRegistry } from '../../fixtures/objects.ts';
import { type CaseReport, runCase, type SuiteServices } from '../../fixtures/run-case.ts';
import type { Target } from '../../lib/config.ts';
import { ApiClient } from '../../lib/http.ts';
import type { ApiModel, ConformanceCase, Operation } from '../../lib/openapi.ts';
import { SchemaRegistry } from '../../lib/schemas.ts';

export function inProcessSuite(emulator: RunningEmulator, model: ApiModel, schemas = new SchemaRegistry(model.schemaExtensions)): { target: Target; client: ApiClient; suite: SuiteServices } {
  const target: Target = { product: 'fac', url: emulator.url, insecure: false, user: emulator.user, key: emulator.key, restricted: emulator.restricted, provided: emulator.provided, values: {} };
  const client = new ApiClient(target, { timeoutMs: 10_000, connections: 1 });
  return { target, client, suite: { model, schemas, clients: { fac: client } } };
}

/**
 * Runs cases, in order, against a fresh emulator (faithful, or with `variants`), each with its own
 * fixtures made and cleaned up around it, through the suite's own case runner.
 */
export async function runCasesOnFreshEmulator(model: ApiModel, schemas: SchemaRegistry, cases: Array<{ op: Operation; kase: ConformanceCase }>, variants: string[], secret: string): Promise<CaseReport[]> {
  const emulator = await startEmulator({ variants });
  const { target, client, suite } = inProcessSuite(emulator, model, schemas);
  let counter = 0;
  try {
    const reports: CaseReport[] = [];
    for (const { op, kase } of cases) {
      // Long enough for a derived at-the-limit value ({{unique:N}}, N >= 24) to pad it.
      const objects = new ObjectRegistry(client, model.fixtureBodies, () => `fc_kill_${String(++counter).padStart(5, '0')}_in_process`, secret, target.provided, {});
      try {
        reports.push(await runCase(op, kase, suite, objects));
      } finally {
        await objects.cleanup();
      }
    }
    return reports;
  } finally {
    await client.close();
    await emulator.close();
  }
}
