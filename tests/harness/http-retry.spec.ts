/**
 * The HTTP layer's resilience (lib/http.ts): `429`/`503` retried honouring `Retry-After`, bounded
 * and within the run's budget; the request-rate limit; a target that stops answering given up on
 * after a few requests in a row, by every client of the run. In-process servers, no emulator.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ApiClient, type ClientOptions, MAX_RETRY_WAIT_MS, retryAfterMs, retryWait, TransportError } from '../../lib/http.ts';

/** Serves `handler` on a free loopback port; returns its URL, the requests it saw and a closer. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse, n: number) => void) {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    handler(req, res, seen.length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

const clientFor = (url: string, options: ClientOptions = {}) => new ApiClient({ product: 'fac', url, user: 'admin', key: 'retry-key', insecure: false, values: {} }, { timeoutMs: 2_000, ...options });

test.describe('Retry-After and the retry decision', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  test('reads delay-seconds and HTTP dates; ignores what it cannot read', () => {
    expect(retryAfterMs('3', now)).toBe(3000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });
  test('retries 429/503 only; a POST only when told when; never past the cap or the deadline', () => {
    const answer = (status: number, retryAfter?: string): { status: number; headers: Record<string, string> } => ({ status, headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter } });
    expect(retryWait({ method: 'GET' }, answer(503), 0, undefined, now)).toBe(1000);
    expect(retryWait({ method: 'GET' }, answer(429), 1, undefined, now)).toBe(2000);
    expect(retryWait({ method: 'GET' }, answer(500), 0, undefined, now)).toBeUndefined();
    expect(retryWait({ method: 'GET' }, answer(200), 0, undefined, now)).toBeUndefined();
    expect(retryWait({ method: 'POST' }, answer(503), 0, undefined, now)).toBeUndefined();
    expect(retryWait({ method: 'POST' }, answer(503, '2'), 0, undefined, now)).toBe(2000);
    expect(retryWait({ method: 'GET', retry: false }, answer(429, '1'), 0, undefined, now)).toBeUndefined();
    expect(retryWait({ method: 'GET' }, answer(429, '3600'), 0, undefined, now)).toBe(MAX_RETRY_WAIT_MS);
    expect(retryWait({ method: 'GET' }, answer(429, '5'), 0, now + 4_000, now)).toBeUndefined();
    expect(retryWait({ method: 'GET' }, answer(429, '5'), 0, now + 6_000, now)).toBe(5000);
  });
});

test.describe('ApiClient under pressure', () => {
  test('a 503 with Retry-After: 1, twice, then the answer: waited for and reported', async () => {
    const target = await serve((_req, res, n) => {
      if (n <= 2) res.writeHead(503, { 'retry-after': '1', 'content-type': 'text/plain' }).end('busy');
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    const client = clientFor(target.url);
    try {
      const started = Date.now();
      const response = await client.send({ method: 'GET', path: '/api/v1/localusers/' });
      expect(response.status).toBe(200);
      expect(response.retries).toEqual([{ status: 503, waitedMs: 1000 }, { status: 503, waitedMs: 1000 }]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_950);
      expect(target.seen).toHaveLength(3);
    } finally {
      await client.close();
      await target.close();
    }
  });

  test('retries are bounded: the last 429 is returned after --retries attempts', async () => {
    const target = await serve((_req, res) => res.writeHead(429, { 'retry-after': '0' }).end());
    const client = clientFor(target.url, { retries: 3 });
    try {
      const response = await client.send({ method: 'GET', path: '/' });
      expect(response.status).toBe(429);
      expect(response.retries).toHaveLength(3);
      expect(target.seen).toHaveLength(4);
    } finally {
      await client.close();
      await target.close();
    }
  });

  test('a Retry-After beyond the run budget is not waited for', async () => {
    const target = await serve((_req, res) => res.writeHead(503, { 'retry-after': '20' }).end());
    const client = clientFor(target.url, { deadline: Date.now() + 5_000 });
    try {
      const started = Date.now();
      const response = await client.send({ method: 'GET', path: '/' });
      expect(response.status).toBe(503);
      expect(response.retries).toBeUndefined();
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      await client.close();
      await target.close();
    }
  });

  test('the rate limit spaces requests', async () => {
    const target = await serve((_req, res) => res.writeHead(200).end());
    const client = clientFor(target.url, { ratePerSecond: 10 });
    try {
      const started = Date.now();
      await Promise.all(Array.from({ length: 5 }, () => client.send({ method: 'GET', path: '/' })));
      // 5 requests at 10/s: the 5th leaves 400 ms after the first.
      expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    } finally {
      await client.close();
      await target.close();
    }
  });

  test('after 3 requests in a row without an answer the target counts as stopped, for every client of the run', async () => {
    const target = await serve((req) => req.socket.destroy());
    const stoppedFile = path.join(mkdtempSync(path.join(tmpdir(), 'fc-stopped-')), 'fac.stopped');
    const first = clientFor(target.url, { stoppedFile });
    const second = clientFor(target.url, { stoppedFile });
    try {
      for (let i = 0; i < 3; i++) {
        const error = await first.send({ method: 'GET', path: '/' }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(TransportError);
        expect((error as TransportError).code).not.toBe('TARGET_STOPPED');
      }
      expect(target.seen).toHaveLength(3);
      expect(existsSync(stoppedFile)).toBe(true);
      for (const client of [first, second]) {
        const error = (await client.send({ method: 'GET', path: '/' }).catch((e: unknown) => e)) as TransportError;
        expect(error.code).toBe('TARGET_STOPPED');
        expect(error.message).toMatch(/stopped answering after 3 requests in a row got no answer \(last: .*(reset|closed) the connection/);
      }
      expect(target.seen).toHaveLength(3);
    } finally {
      await first.close();
      await second.close();
      await target.close();
    }
  });

  test('an answer in between resets the count', async () => {
    const target = await serve((req, res, n) => (n % 3 === 0 ? res.writeHead(200).end() : req.socket.destroy()));
    const client = clientFor(target.url, { stopAfter: 3 });
    try {
      const codes: string[] = [];
      for (let i = 0; i < 6; i++) codes.push(await client.send({ method: 'GET', path: '/' }).then((r) => String(r.status), (e: TransportError) => e.code));
      expect(codes).not.toContain('TARGET_STOPPED');
      expect(codes.filter((c) => c === '200')).toHaveLength(2);
    } finally {
      await client.close();
      await target.close();
    }
  });
});
