// The reference emulator of the FortiAuthenticator 6.3.1 REST API (or a later release: --fac-version) on plain node:http / node:https.

import { createFacApp, type FacApp } from './app.ts';
import { providedPrerequisites, type Provided } from './models/provided.ts';
import { CANNED_500 } from './wire/dispatch.ts';
import { serialized, type WireResponse } from './wire/http.ts';
import { type HostedApp, serve } from '../host.ts';

export interface EmulatorOptions {
  host?: string;
  port?: number;
  httpsPort?: number;
  user?: string;
  key?: string;
  variants?: string[];
  tls?: { cert: string; key: string };
  /** The unit's clock (default: the real one); our own tests move it past a lockout period. */
  now?: () => Date;
  /** Unit-wide operator set-ups to start in (emulator/fac/models/operator-states.ts UNIT_STATES). */
  states?: string[];
  /** The release answered as (default 6.3.1, the guide's). */
  version?: string;
}

export interface RunningEmulator {
  url: string;
  httpsUrl?: string;
  caCert?: string;
  user: string;
  key: string;
  /** Administrator with web service access but no permission set (003): 403 on resources with a
   * permission code. */
  restricted: { user: string; key: string };
  /** Operator-provided prerequisites the emulator provides itself (emulator/fac/models/provided.ts). */
  provided: Provided;
  /** The release it answers as. */
  version: string;
  close(): Promise<void>;
}

/**
 * Request bodies above this are refused with 413. Django's DATA_UPLOAD_MAX_MEMORY_SIZE default
 * (2.5 MB) would refuse them with a 400 page; reading: 413 with a JSON error is the clearer answer.
 */
export const MAX_BODY_BYTES = 2_621_440;

/**
 * The emulator's own control interface (not part of FortiAuthenticator, like the FortiSIEM and
 * FortiAnalyzer emulators' `/__emulator/`): what the suite's own tests read to prove a run's
 * safety — requests received per method, and rows per table.
 */
function controlAnswer(app: FacApp, method: string, url: string, requests: Record<string, number>): WireResponse | undefined {
  if (!url.startsWith('/__emulator/')) return undefined;
  const route = url.split('?')[0];
  if (method === 'GET' && route === '/__emulator/requests') return serialized(200, { byMethod: requests }, 'json');
  if (method === 'GET' && route === '/__emulator/counts') return serialized(200, app.store.objectCounts(), 'json');
  return serialized(404, { error: 'Unknown emulator control path.' }, 'json');
}

/** The FortiAuthenticator app as the shared host serves it, counting product requests per method. */
function hostedApp(app: FacApp): HostedApp {
  const requests: Record<string, number> = {};
  return {
    name: 'FortiAuthenticator',
    maxBodyBytes: MAX_BODY_BYTES,
    tooLarge: serialized(413, { error: 'Request body too large.' }, 'json'),
    // tastypie's canned 500.
    internalError: serialized(500, CANNED_500, 'json'),
    handle(request) {
      const control = controlAnswer(app, request.method, request.url, requests);
      if (control) return control;
      requests[request.method] = (requests[request.method] ?? 0) + 1;
      return app.handle(request);
    },
  };
}

/** The FortiAuthenticator emulator as the shared host serves it, not yet listening (the bench serves it through its own front). */
export function hostedEmulator(opts: EmulatorOptions = {}): { hosted: HostedApp; app: FacApp } {
  const app = createFacApp({
    ...(opts.user !== undefined ? { user: opts.user } : {}),
    ...(opts.key !== undefined ? { key: opts.key } : {}),
    variants: opts.variants ?? [],
    ...(opts.now !== undefined ? { now: opts.now } : {}),
    ...(opts.states !== undefined ? { states: opts.states } : {}),
    ...(opts.version !== undefined ? { version: opts.version } : {}),
  });
  return { hosted: hostedApp(app), app };
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const { hosted: toServe, app } = hostedEmulator(opts);
  const hosted = await serve(toServe, opts);
  return {
    ...hosted,
    user: app.user,
    key: app.key,
    restricted: app.restricted,
    provided: providedPrerequisites(app.store),
    version: app.version,
  };
}
