/**
 * The embedded default targets: one reference emulator per product, started by the conformance run
 * when no target is configured. Each product's entry starts its emulator on loopback (HTTPS with a
 * generated certificate) and answers the target settings the suite needs to reach it, including
 * what an operator would otherwise provide (a restricted administrator, prerequisite users).
 */
import type { Product } from '../lib/config.ts';
import { FAZ_VARIANTS } from './faz/variants.ts';
import { startFazEmulator } from './faz/server.ts';
import { FSM_VARIANTS } from './fsm/variants.ts';
import { startFsmEmulator } from './fsm/server.ts';
import { startEmulator } from './fac/server.ts';
import { VARIANTS } from './fac/variants.ts';

export interface EmbeddedTarget {
  url: string;
  /** The certificate HTTPS is served with; absent when started plain (HTTP only). */
  caCert?: string;
  user?: string;
  key?: string;
  restricted?: { user: string; key: string };
  provided?: Record<string, Record<string, unknown>>;
  values: Record<string, string>;
  /** The product release the emulator answers as: the run judges version-scoped rules against it. */
  version?: string;
  close(): Promise<void>;
}

export interface EmbeddedProduct {
  /** Variant ids this product's emulator knows. */
  variants: readonly string[];
  /** Whether it can answer as another release than its default (`--fac-version`, `--fsm-version`). */
  versioned: boolean;
  /**
   * `plain`: HTTP only (in-process self-tests, where a generated certificate per start would cost
   * more than the test); `version`: the release to answer as (default: the documents' own);
   * `states`: unit-wide operator set-ups to start in (FortiAuthenticator only:
   * emulator/fac/models/operator-states.ts).
   */
  start(variants: string[], opts?: { plain?: boolean; version?: string; states?: string[] }): Promise<EmbeddedTarget>;
}

/** The URL the run uses: HTTPS unless started plain. */
function served(emulator: { url: string; httpsUrl?: string; caCert?: string }, plain: boolean, name: string): string {
  if (plain) return emulator.url;
  if (!emulator.httpsUrl || !emulator.caCert) throw new Error(`the ${name} emulator did not start HTTPS`);
  return emulator.httpsUrl;
}

export const EMBEDDED: Partial<Record<Product, EmbeddedProduct>> = {
  fac: {
    variants: VARIANTS.map((v) => v.id),
    versioned: true,
    async start(variants, { plain = false, version, states } = {}) {
      const emulator = await startEmulator({ ...(plain ? {} : { httpsPort: 0 }), variants, ...(version ? { version } : {}), ...(states ? { states } : {}) });
      const url = served(emulator, plain, 'FortiAuthenticator');
      const extras = emulator as { restricted?: { user: string; key: string }; provided?: Record<string, Record<string, unknown>> };
      return {
        url,
        ...(emulator.caCert ? { caCert: emulator.caCert } : {}),
        user: emulator.user,
        key: emulator.key,
        // 6.3.1 unless asked otherwise: 002 is the FortiAuthenticator 6.3.1 REST API Solution Guide.
        version: emulator.version,
        restricted: extras.restricted,
        provided: extras.provided,
        values: {},
        close: () => emulator.close(),
      };
    },
  },
  fsm: {
    variants: FSM_VARIANTS.map((v) => v.id),
    versioned: true,
    async start(variants, { plain = false, version } = {}) {
      const emulator = await startFsmEmulator({ ...(plain ? {} : { httpsPort: 0 }), variants, ...(version ? { version } : {}) });
      const url = served(emulator, plain, 'FortiSIEM');
      return {
        url,
        ...(emulator.caCert ? { caCert: emulator.caCert } : {}),
        values: { client_id: emulator.clientId, client_secret: emulator.clientSecret },
        version: emulator.state.version,
        provided: emulator.provided,
        close: () => emulator.close(),
      };
    },
  },
  faz: {
    variants: FAZ_VARIANTS.map((v) => v.id),
    // 001 names no release and no version-dependent rule: one emulated release.
    versioned: false,
    async start(variants, { plain = false } = {}) {
      const emulator = await startFazEmulator({ ...(plain ? {} : { httpsPort: 0 }), variants });
      const url = served(emulator, plain, 'FortiAnalyzer Cloud');
      return {
        url,
        ...(emulator.caCert ? { caCert: emulator.caCert } : {}),
        // FortiCloud's token path is served on the emulator's own origin: auth_url is the HTTPS URL too.
        values: { auth_url: url, api_user: emulator.apiUser, api_password: emulator.apiPassword, client_id: emulator.clientId },
        provided: emulator.provided,
        close: () => emulator.close(),
      };
    },
  },
};

/** Every variant id of every embedded product. */
export function allVariantIds(): string[] {
  return Object.values(EMBEDDED).flatMap((p) => [...p.variants]);
}
