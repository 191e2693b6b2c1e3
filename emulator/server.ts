// The reference emulator of the FortiAuthenticator 6.3.1 REST API on plain node:http / node:https.

import http from 'node:http';
import https from 'node:https';
import { createFacApp, type FacApp } from './app.ts';
import { providedPrerequisites, type Provided } from './fac/provided.ts';
import { CANNED_500 } from './wire/dispatch.ts';
import { serialized, type WireResponse } from './wire/http.ts';
import { closeServer, listen, readBody, SERVER_OPTIONS, selfSignedCert, urlHost } from './listen.ts';

export interface EmulatorOptions {
  host?: string;
  port?: number;
  httpsPort?: number;
  user?: string;
  key?: string;
  variants?: string[];
  tls?: { cert: string; key: string };
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
  /** Operator-provided prerequisites the emulator provides itself (emulator/fac/provided.ts). */
  provided: Provided;
  close(): Promise<void>;
}

/**
 * Request bodies above this are refused with 413. Django's DATA_UPLOAD_MAX_MEMORY_SIZE default
 * (2.5 MB) would refuse them with a 400 page; reading: 413 with a JSON error is the clearer answer.
 */
export const MAX_BODY_BYTES = 2_621_440;
/** Past this much discarded body the connection is dropped instead of drained. */

const tooLarge = (): WireResponse =>
  serialized(413, { error: 'Request body too large.' }, 'json', { Connection: 'close' });

function send(res: http.ServerResponse, r: WireResponse): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string | number> = { ...r.headers };
  if (r.status === 204 || r.status === 304) {
    res.writeHead(r.status, headers);
    res.end();
    return;
  }
  // One UTF-8 encoding pass (also flattens the serializer's concatenated string).
  const body = Buffer.from(r.body, 'utf8');
  headers['Content-Length'] = body.length;
  res.writeHead(r.status, headers);
  res.end(body);
}

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

function nodeHandler(app: FacApp): http.RequestListener {
  const requests: Record<string, number> = {};
  return (req, res) => {
    readBody(req, res, MAX_BODY_BYTES, (body) => {
      const control = controlAnswer(app, req.method ?? 'GET', req.url ?? '/', requests);
      if (control) return send(res, control);
      requests[req.method ?? 'GET'] = (requests[req.method ?? 'GET'] ?? 0) + 1;
      if (body === 'too-large') return send(res, tooLarge());
      let r: WireResponse;
      try {
        r = app.handle({
          method: req.method ?? 'GET',
          url: req.url ?? '/',
          headers: req.headers,
          body,
        });
      } catch (e) {
        // Never crash on input: answer tastypie's canned 500 and keep serving.
        process.emitWarning(`forticonform emulator: unhandled error: ${(e as Error)?.stack ?? String(e)}`);
        r = serialized(500, CANNED_500, 'json');
      }
      send(res, r);
    });
  };
}


export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const app = createFacApp({
    ...(opts.user !== undefined ? { user: opts.user } : {}),
    ...(opts.key !== undefined ? { key: opts.key } : {}),
    variants: opts.variants ?? [],
  });
  const host = opts.host ?? '127.0.0.1';
  const handler = nodeHandler(app);

  const servers: Array<http.Server | https.Server> = [];
  try {
    const server = http.createServer(SERVER_OPTIONS, handler);
    servers.push(server);
    const port = await listen(server, opts.port ?? 0, host);
    const running: RunningEmulator = {
      url: `http://${urlHost(host)}:${port}`,
      user: app.user,
      key: app.key,
      restricted: app.restricted,
      provided: providedPrerequisites(app.store),
      close: async () => {
        await Promise.all(servers.map(closeServer));
      },
    };
    if (opts.httpsPort !== undefined) {
      const tls = opts.tls ?? (await selfSignedCert());
      const secure = https.createServer({ ...SERVER_OPTIONS, cert: tls.cert, key: tls.key }, handler);
      servers.push(secure);
      const httpsPort = await listen(secure, opts.httpsPort, host);
      running.httpsUrl = `https://${urlHost(host)}:${httpsPort}`;
      running.caCert = tls.cert;
    }
    return running;
  } catch (e) {
    await Promise.all(servers.map((s) => (s.listening ? closeServer(s) : Promise.resolve())));
    throw e;
  }
}
