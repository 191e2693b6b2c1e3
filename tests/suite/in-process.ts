/**
 * The suite's own case runner pointed at an emulator started in this process: what self-tests use
 * when they judge cases directly (no Playwright run), e.g. one fresh emulator per variant.
 */
import { CHECKS } from '../../checks/registry.ts';
import { EMBEDDED } from '../../emulator/embedded.ts';
import { ObjectRegistry } from '../../engine/objects.ts';
import { runCase, type SuiteServices } from '../../engine/run-case.ts';
import { makeRunFixtures, RUN_FIXTURES_ENV } from '../../engine/run-fixtures.ts';
import type { Product, Target } from '../../lib/config.ts';
import type { CaseReport } from '../../lib/report-model.ts';
import { ApiClient } from '../../lib/http.ts';
import type { ApiModel, ConformanceCase, Operation } from '../../lib/openapi.ts';
import { SchemaRegistry } from '../../lib/schemas.ts';


/** One product's embedded emulator, started in this process (plain HTTP), with the suite's services against it. */
export interface InProcessTarget {
  target: Target;
  client: ApiClient;
  suite: SuiteServices;
  /** A registry for one case's objects (names unique within this emulator); the caller cleans it up. */
  objects(): ObjectRegistry;
  close(): Promise<void>;
}

/**
 * Starts `product`'s embedded emulator with `variants`, makes the run's `x-run-fixtures` against it
 * (a FortiSIEM token, a FortiAnalyzer session) and publishes them to the case runner as a run does.
 * Callers run one such target at a time (the run fixtures travel in this process's environment).
 */
export interface InProcessOptions {
  /** Unit-wide operator set-ups the emulator starts in (FortiAuthenticator: operator-states.ts). */
  states?: string[];
  /** The release the emulator answers as (`--fac-version`); default its own. */
  release?: string;
  /** The release the run judges it as (`<P>_VERSION`), where a self-test wants another than `release`; null: none stated (a configured target without `<P>_VERSION`). */
  judgedAs?: string | null;
}

export async function startInProcess(product: Product, variants: string[], model: ApiModel, schemas = new SchemaRegistry(model.schemaExtensions), secret = 'In-Process-Secret-1', { states = [], release, judgedAs }: InProcessOptions = {}): Promise<InProcessTarget> {
  const emulator = await EMBEDDED[product]!.start(variants, { plain: true, ...(states.length > 0 ? { states } : {}), ...(release ? { version: release } : {}) });
  const { close: closeEmulator, caCert: _none, version, ...settings } = emulator;
  // As a run against the embedded emulators does: version-scoped rules judged against its release.
  if (judgedAs === null) delete process.env[`${product.toUpperCase()}_VERSION`];
  else if (version) process.env[`${product.toUpperCase()}_VERSION`] = judgedAs ?? version;
  const target: Target = { product, insecure: false, ...settings };
  const client = new ApiClient(target, { timeoutMs: 10_000, maxInFlight: 1 });
  const { answers, teardown } = await makeRunFixtures(model.runFixtures, { [product]: client }, secret);
  process.env[RUN_FIXTURES_ENV] = JSON.stringify(answers);
  let counter = 0;
  return {
    target,
    client,
    suite: { model, schemas, checks: CHECKS, clients: { [product]: client } },
    // Long enough for a derived at-the-limit value ({{unique:N}}, N >= 24) to pad it.
    objects: () => new ObjectRegistry(client, model.fixtureBodies, () => `fc_kill_${String(++counter).padStart(5, '0')}_in_process`, secret, target.provided, answers[product] ?? {}),
    async close() {
      await teardown();
      await client.close();
      await closeEmulator();
    },
  };
}

/**
 * Runs cases (all of one product), in order, against a fresh emulator of that product (faithful, or
 * with `variants`; as its default release or `release`; in the unit-wide `states` an operator set
 * up), each with its own fixtures made and cleaned up around it, through the suite's own case runner.
 */
export async function runCasesOnFreshEmulator(model: ApiModel, schemas: SchemaRegistry, cases: Array<{ op: Operation; kase: ConformanceCase }>, variants: string[], secret: string, opts: InProcessOptions = {}): Promise<CaseReport[]> {
  const emulator = await startInProcess(cases[0]!.op.product as Product, variants, model, schemas, secret, opts);
  try {
    const reports: CaseReport[] = [];
    for (const { op, kase } of cases) {
      const objects = emulator.objects();
      try {
        reports.push(await runCase(op, kase, emulator.suite, objects));
      } finally {
        await objects.cleanup();
      }
    }
    return reports;
  } finally {
    await emulator.close();
  }
}
