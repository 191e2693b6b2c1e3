/**
 * Socket plumbing shared by every emulator (FortiAuthenticator, FortiSIEM, FortiAnalyzer Cloud):
 * server limits, listening on a (free) port, closing with open keep-alive connections, and the
 * self-signed certificate an emulator serves HTTPS with when it is given none.
 */
import type http from 'node:http';
import type https from 'node:https';
import type { AddressInfo } from 'node:net';

export const SERVER_OPTIONS: http.ServerOptions = {
  keepAliveTimeout: 5_000,
  requestTimeout: 30_000,
  headersTimeout: 20_000,
  maxHeaderSize: 32 * 1024,
};

/** Listens and resolves with the port (a free one for port 0). */
export function listen(server: http.Server | https.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export function closeServer(server: http.Server | https.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** The host as it stands in a URL (IPv6 in brackets). */
export const urlHost = (host: string): string => (host.includes(':') ? `[${host}]` : host);

/** A self-signed certificate for 127.0.0.1, ::1 and localhost (generated only when HTTPS is asked for). */
export async function selfSignedCert(): Promise<{ cert: string; key: string }> {
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
export function readBody(req: http.IncomingMessage, res: http.ServerResponse, maxBytes: number, done: (body: Buffer | 'too-large') => void): void {
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
