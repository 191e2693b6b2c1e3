/**
 * Closed-loop load generator, run as its own process so the server's figures are not shared with
 * the client's CPU time in one event loop. autocannon writes requests on raw sockets and counts
 * answers without building response objects, so on a 2-core machine the client takes less of the
 * CPU the server needs than an undici client that reads every body. A short warm-up (not counted)
 * lets the server's JIT settle first.
 * `tsx bench/load.ts URL PATH AUTH CONCURRENCY MS` prints `{"requests", "rps", "p50Ms", "p99Ms", "errors"}`.
 */
import autocannon from 'autocannon';

const [url = '', path = '', authorization = '', concurrencyArg, durationArg] = process.argv.slice(2);
if (!url || !path || !authorization) {
  console.error('usage: load.ts URL PATH AUTHORIZATION CONCURRENCY DURATION_MS');
  process.exit(2);
}
const connections = Number(concurrencyArg ?? 16);
const durationMs = Number(durationArg ?? 5000);
const run = (seconds: number) =>
  autocannon({ url: `${url}${path}`, connections, pipelining: 1, duration: seconds, headers: { authorization }, timeout: 10 });

await run(Math.min(1, durationMs / 5000));
const result = await run(Math.max(1, Math.round(durationMs / 1000)));
const requests = result.requests.total;
console.log(
  JSON.stringify({
    requests,
    rps: Math.round(requests / (result.duration || durationMs / 1000)),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  }),
);
