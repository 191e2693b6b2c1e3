/**
 * A loopback HTTP front for a target that adds a fixed delay to every request and counts what
 * passes: requests, and the time at least one request was in flight (the time the client was
 * waiting on the target). The target is either a URL (the request is forwarded there after the
 * delay) or a request listener in this process (an emulator's own: it handles the request after
 * the delay, with no second loopback hop). Used by `npm run bench` only.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';

export interface ProxyStats {
  requests: number;
  /** Milliseconds during which at least one request was in flight. */
  busyMs: number;
  maxInFlight: number;
  /** performance.now() of the first request's arrival and of the last answer (0 before any). */
  firstAt: number;
  lastAt: number;
  /** Each request's arrival and answer (performance.now()), for a timeline of the slots' use. */
  intervals: Array<[number, number]>;
}

export interface RunningProxy {
  url: string;
  stats(): ProxyStats;
  reset(): void;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'content-length']);

export async function startDelayProxy(target: string | http.RequestListener, delayMs: number): Promise<RunningProxy> {
  const upstream = typeof target === 'string' ? new Pool(target, { connections: 64 }) : undefined;
  let requests = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let busySince = 0;
  let busyMs = 0;
  let firstAt = 0;
  let lastAt = 0;
  let intervals: Array<[number, number]> = [];
  const server = http.createServer((req, res) => {
    requests += 1;
    const arrived = performance.now();
    firstAt ||= arrived;
    if (inFlight++ === 0) busySince = performance.now();
    maxInFlight = Math.max(maxInFlight, inFlight);
    let answered = false;
    const done = () => {
      if (answered) return;
      answered = true;
      lastAt = performance.now();
      intervals.push([arrived, lastAt]);
      if (--inFlight === 0) busyMs += lastAt - busySince;
    };
    if (!upstream) {
      // The target's own listener reads the body (held in the stream meanwhile) and answers.
      res.once('finish', done);
      res.once('close', done);
      setTimeout(() => (target as http.RequestListener)(req, res), delayMs);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !HOP_BY_HOP.has(k))) as Record<string, string>;
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      setTimeout(() => {
        upstream
          .request({ method: req.method as 'GET', path: req.url ?? '/', headers, body })
          .then(async (answer) => {
            const text = Buffer.from(await answer.body.arrayBuffer());
            const out = Object.fromEntries(Object.entries(answer.headers).filter(([k]) => !HOP_BY_HOP.has(k)));
            res.writeHead(answer.statusCode, out as http.OutgoingHttpHeaders);
            res.end(text);
          })
          .catch(() => {
            res.writeHead(502);
            res.end();
          })
          .finally(done);
      }, delayMs);
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats: () => ({ requests, busyMs: Math.round(busyMs), maxInFlight, firstAt, lastAt, intervals }),
    reset: () => {
      requests = 0;
      busyMs = 0;
      maxInFlight = 0;
      firstAt = 0;
      lastAt = 0;
      intervals = [];
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await upstream?.close();
    },
  };
}
