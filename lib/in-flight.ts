/**
 * The run-wide cap on requests in flight toward one target (`--max-in-flight`, default 2): an
 * appliance sees at most that many at once however many workers the run has, and a worker may send
 * several independent requests at once (lib/concurrent.ts) without raising it.
 *
 * Every worker is its own process, so the permits live in one broker (lib/permit-broker.mjs) that
 * the Playwright runner starts before the workers (FORTICONFORM_PERMITS names its port). A process
 * with no broker (a unit test, a CLI command) counts its own permits against the same cap.
 */
import net from 'node:net';
import { Worker } from 'node:worker_threads';

export const PERMITS_ENV = 'FORTICONFORM_PERMITS';

/** Gives a permit back. */
export type Release = () => void;

interface Permits {
  acquire(key: string, cap: number): Promise<Release>;
}

/** In one process: at most `cap` per key (a key's cap is the one its first request named). */
function localPermits(): Permits {
  const pools = new Map<string, { cap: number; held: number; waiting: Array<() => void> }>();
  return {
    acquire(key, cap) {
      let p = pools.get(key);
      if (!p) pools.set(key, (p = { cap, held: 0, waiting: [] }));
      const pool = p;
      let given = false;
      const release = () => {
        if (given) return;
        given = true;
        const next = pool.waiting.shift();
        if (next) next();
        else pool.held -= 1;
      };
      if (pool.held < pool.cap) {
        pool.held += 1;
        return Promise.resolve(release);
      }
      return new Promise((resolve) => pool.waiting.push(() => resolve(release)));
    },
  };
}

/**
 * A permit given back while another request of this process waits for one goes straight to it,
 * at most this many times in a row before it returns to the broker, whose queue then serves other
 * workers' older asks first: a round trip through the broker between two requests leaves the slot
 * idle for a moment on every request (longer on a loaded machine), which against a slow target is
 * much of what keeps the cap from being full. The cap itself is untouched: a permit changes hands.
 */
const HAND_OFFS_IN_A_ROW = 8;

/** Through the run's broker: one connection per process, grants matched to asks in order. */
function brokerPermits(port: number): Permits {
  const waiting = new Map<string, Array<(release: Release) => void>>();
  let fallback: Permits | undefined;
  const socket = net.connect({ port, host: '127.0.0.1', noDelay: true });
  // Never keeps a finished worker alive.
  socket.unref();
  /** A broker's permit in this process, `handOffs` times passed on from one request to the next. */
  const held = (key: string, handOffs: number): Release => {
    let given = false;
    return () => {
      if (given || socket.destroyed) return;
      given = true;
      const next = handOffs < HAND_OFFS_IN_A_ROW ? waiting.get(key)?.shift() : undefined;
      // Its own ask is withdrawn; one the broker granted meanwhile goes to the next waiter or back.
      if (next) {
        socket.write(`c ${key}\n`);
        next(held(key, handOffs + 1));
      } else socket.write(`r ${key}\n`);
    };
  };
  let buffered = '';
  socket.on('data', (chunk) => {
    buffered += chunk.toString('utf8');
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const key = buffered.slice(2, nl);
      buffered = buffered.slice(nl + 1);
      const next = waiting.get(key)?.shift();
      // Granted for an ask a hand-off already served: nobody here needs it now.
      if (next) next(held(key, 0));
      else if (!socket.destroyed) socket.write(`r ${key}\n`);
    }
  });
  // A lost broker (the runner is ending) must not hang a request: this process counts for itself.
  socket.on('error', () => undefined);
  socket.on('close', () => {
    const local = (fallback = localPermits());
    for (const [key, queue] of waiting) for (const resolve of queue.splice(0)) void local.acquire(key, cap).then(resolve);
  });
  // The broker's own cap rules; this one only if the broker is lost.
  let cap = 1;
  return {
    acquire(key, asked) {
      cap = asked;
      if (fallback) return fallback.acquire(key, asked);
      return new Promise((resolve) => {
        let queue = waiting.get(key);
        if (!queue) waiting.set(key, (queue = []));
        queue.push(resolve);
        socket.write(`a ${key}\n`);
      });
    },
  };
}

/** Per broker port (0: none), this process's permits: one broker per run, so one entry in a run. */
const permitsByPort = new Map<number, Permits>();

/** Waits for a slot toward `key` (a target URL) under the run's cap; resolves with its release. */
export function acquirePermit(key: string, cap: number, env: NodeJS.ProcessEnv = process.env): Promise<Release> {
  const port = Number(env[PERMITS_ENV] ?? 0);
  let permits = permitsByPort.get(port);
  if (!permits) permitsByPort.set(port, (permits = port > 0 ? brokerPermits(port) : localPermits()));
  return permits.acquire(key, cap);
}

/** Starts the broker (in the runner, before any worker) and publishes its port; returns its stop. */
export async function startPermitBroker(cap: number): Promise<() => Promise<void>> {
  const worker = new Worker(new URL('./permit-broker.mjs', import.meta.url), { workerData: { cap } });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (m: { port: number }) => resolve(m.port));
    worker.once('error', reject);
  });
  process.env[PERMITS_ENV] = String(port);
  return async () => {
    await worker.terminate();
  };
}
