/**
 * Closed-loop load generator, run as its own process so the emulator's figures are not shared
 * with the client's CPU time in one event loop. `tsx bench/load.ts URL PATH AUTH CONCURRENCY MS`
 * prints `{"requests", "rps", "p50Ms", "p99Ms", "errors"}`.
 */
import { Pool } from 'undici';

const [url = '', path = '', authorization = '', concurrencyArg, durationArg] = process.argv.slice(2);
if (!url || !path || !authorization) {
  console.error('usage: load.ts URL PATH AUTHORIZATION CONCURRENCY DURATION_MS');
  process.exit(2);
}
const concurrency = Number(concurrencyArg ?? 16);
const durationMs = Number(durationArg ?? 5000);
const pool = new Pool(url, { connections: concurrency, pipelining: 1 });
const latencies: number[] = [];
let errors = 0;
const until = performance.now() + durationMs;

async function worker(): Promise<void> {
  while (performance.now() < until) {
    const started = performance.now();
    try {
      const res = await pool.request({ method: 'GET', path, headers: { authorization } });
      await res.body.arrayBuffer();
      if (res.statusCode !== 200) errors += 1;
    } catch {
      errors += 1;
    }
    latencies.push(performance.now() - started);
  }
}

const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, worker));
const elapsed = performance.now() - started;
latencies.sort((a, b) => a - b);
const pct = (p: number) => Number((latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0).toFixed(2));
console.log(JSON.stringify({ requests: latencies.length, rps: Math.round(latencies.length / (elapsed / 1000)), p50Ms: pct(0.5), p99Ms: pct(0.99), errors }));
await pool.close();
