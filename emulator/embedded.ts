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
import { startEmulator } from './server.ts';
import { VARIANTS } from './variants.ts';

export interface EmbeddedTarget {
  url: string;
  caCert: string;
  user?: string;
  key?: string;
  restricted?: { user: string; key: string };
  provided?: Record<string, Record<string, unknown>>;
  values: Record<string, string>;
  close(): Promise<void>;
}

export interface EmbeddedProduct {
  /** Variant ids this product's emulator knows. */
  variants: readonly string[];
  start(variants: string[]): Promise<EmbeddedTarget>;
}

export const EMBEDDED: Partial<Record<Product, EmbeddedProduct>> = {
  fac: {
    variants: VARIANTS.map((v) => v.id),
    async start(variants) {
      const emulator = await startEmulator({ httpsPort: 0, variants });
      if (!emulator.httpsUrl || !emulator.caCert) throw new Error('the FortiAuthenticator emulator did not start HTTPS');
      const extras = emulator as { restricted?: { user: string; key: string }; provided?: Record<string, Record<string, unknown>> };
      return {
        url: emulator.httpsUrl,
        caCert: emulator.caCert,
        user: emulator.user,
        key: emulator.key,
        restricted: extras.restricted,
        provided: extras.provided,
        values: {},
        close: () => emulator.close(),
      };
    },
  },
  fsm: {
    variants: FSM_VARIANTS.map((v) => v.id),
    async start(variants) {
      const emulator = await startFsmEmulator({ httpsPort: 0, variants });
      if (!emulator.httpsUrl || !emulator.caCert) throw new Error('the FortiSIEM emulator did not start HTTPS');
      return {
        url: emulator.httpsUrl,
        caCert: emulator.caCert,
        values: { client_id: emulator.clientId, client_secret: emulator.clientSecret },
        provided: emulator.provided,
        close: () => emulator.close(),
      };
    },
  },
  faz: {
    variants: FAZ_VARIANTS.map((v) => v.id),
    async start(variants) {
      const emulator = await startFazEmulator({ httpsPort: 0, variants });
      if (!emulator.httpsUrl || !emulator.caCert) throw new Error('the FortiAnalyzer Cloud emulator did not start HTTPS');
      return {
        url: emulator.httpsUrl,
        caCert: emulator.caCert,
        // FortiCloud's token path is served on the emulator's own origin: auth_url is the HTTPS URL too.
        values: { auth_url: emulator.httpsUrl, api_user: emulator.apiUser, api_password: emulator.apiPassword, client_id: emulator.clientId },
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
