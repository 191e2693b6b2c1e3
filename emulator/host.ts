/**
 * The server host shared by every emulator (FortiAuthenticator, FortiSIEM, FortiAnalyzer Cloud):
 * an emulator is a pure `handle(request) → response` function, and this file serves it over HTTP and
 * HTTPS — server limits, reading bodies with a size cap, never crashing on an emulator bug, listening
 * on a (free) port, closing with open keep-alive connections, and the self-signed certificate an
 * emulator serves HTTPS with when it is given none.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

const SERVER_OPTIONS: http.ServerOptions = {
  keepAliveTimeout: 5_000,
  requestTimeout: 30_000,
  headersTimeout: 20_000,
  maxHeaderSize: 32 * 1024,
};

/** Listens and resolves with the port (a free one for port 0). */
function listen(server: http.Server | https.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: http.Server | https.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** The host as it stands in a URL (IPv6 in brackets). */
const urlHost = (host: string): string => (host.includes(':') ? `[${host}]` : host);

/** A self-signed certificate for 127.0.0.1, ::1 and localhost (generated only when HTTPS is asked for). */
async function selfSignedCert(): Promise<{ cert: string; key: string }> {
  const selfsigned = await import('selfsigned');
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + 365 * 24 * 3_600_000);
  const pems = await selfsigned.generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

/** Past this much a client is not sending a request but flooding: the socket is dropped. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

/**
 * Collects a request body up to `maxBytes`. Calls `done` with the body, or with `'too-large'` when
 * it is longer (the rest is drained, so the 413 reaches the client); a flood past 64 MiB drops the
 * socket instead. Written once for every emulator.
 */
function readBody(req: http.IncomingMessage, res: http.ServerResponse, maxBytes: number, done: (body: Buffer | 'too-large') => void): void {
  let size = 0;
  let over = Number(req.headers['content-length'] ?? 0) > maxBytes;
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_DRAIN_BYTES) {
      req.destroy();
      return;
    }
    if (over) return;
    if (size > maxBytes) {
      over = true;
      chunks.length = 0;
      return;
    }
    chunks.push(chunk);
  });
  req.on('error', () => res.destroy());
  req.on('end', () => done(over ? 'too-large' : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
}

/** A request as the emulators' apps see it: the body already read (within the size cap). */
export interface HostRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  remoteAddress: string;
}

/** What every emulator app answers: a status, headers and a UTF-8 body. */
export interface HostResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface HostedApp {
  /** Names the emulator in the warning an unhandled error prints. */
  name: string;
  maxBodyBytes: number;
  /** The answer to a body over `maxBodyBytes` (sent with `Connection: close`). */
  tooLarge: HostResponse;
  /** The product's own answer to an unexpected server error. */
  internalError: HostResponse;
  handle(request: HostRequest): HostResponse;
}

function send(res: http.ServerResponse, r: HostResponse): void {
  if (res.headersSent || res.destroyed) return;
  if (r.status === 204 || r.status === 304) {
    res.writeHead(r.status, r.headers);
    res.end();
    return;
  }
  // One UTF-8 encoding pass (also flattens a serializer's concatenated string).
  const body = Buffer.from(r.body, 'utf8');
  res.writeHead(r.status, { ...r.headers, 'Content-Length': body.length });
  res.end(body);
}

/** How every emulator handles one HTTP request (what `serve` listens with; the bench wraps it). */
export function requestListener(app: HostedApp): http.RequestListener {
  return (req, res) => {
    readBody(req, res, app.maxBodyBytes, (body) => {
      if (body === 'too-large') return send(res, { ...app.tooLarge, headers: { ...app.tooLarge.headers, Connection: 'close' } });
      let r: HostResponse;
      try {
        r = app.handle({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body, remoteAddress: req.socket.remoteAddress ?? '' });
      } catch (e) {
        // An emulator bug, never a client mistake: answer the product's 500 and keep serving.
        process.emitWarning(`forticonform ${app.name} emulator: unhandled error: ${(e as Error)?.stack ?? String(e)}`);
        r = app.internalError;
      }
      send(res, r);
    });
  };
}

export interface HostOptions {
  host?: string;
  port?: number;
  /** Also serve HTTPS on this port (0: any free port). */
  httpsPort?: number;
  /** Certificate and key for HTTPS; a self-signed one for 127.0.0.1/localhost is generated if absent. */
  tls?: { cert: string; key: string };
}

export interface Hosted {
  url: string;
  httpsUrl?: string;
  /** The certificate HTTPS is served with (to verify it against). */
  caCert?: string;
  close(): Promise<void>;
}

/** Serves `app` over HTTP, and over HTTPS too when `httpsPort` is given. */
export async function serve(app: HostedApp, opts: HostOptions = {}): Promise<Hosted> {
  const host = opts.host ?? '127.0.0.1';
  const listener = requestListener(app);
  const servers: Array<http.Server | https.Server> = [];
  try {
    const server = http.createServer(SERVER_OPTIONS, listener);
    servers.push(server);
    const port = await listen(server, opts.port ?? 0, host);
    const hosted: Hosted = { url: `http://${urlHost(host)}:${port}`, close: () => Promise.all(servers.map(closeServer)).then(() => undefined) };
    if (opts.httpsPort !== undefined) {
      const tls = opts.tls ?? (await selfSignedCert());
      const secure = https.createServer({ ...SERVER_OPTIONS, cert: tls.cert, key: tls.key }, listener);
      servers.push(secure);
      const httpsPort = await listen(secure, opts.httpsPort, host);
      hosted.httpsUrl = `https://${urlHost(host)}:${httpsPort}`;
      hosted.caCert = tls.cert;
    }
    return hosted;
  } catch (e) {
    await Promise.all(servers.map((s) => (s.listening ? closeServer(s) : Promise.resolve())));
    throw e;
  }
}
