/**
 * The run-wide cap on requests in flight toward one target (`--max-in-flight`, default 2): an
 * appliance sees at most that many at once however many workers the run has, and a worker may send
 * several independent requests at once (lib/concurrent.ts) without raising it.
 *
 * Every worker is its own process, so the permits live in one broker (lib/permit-broker.mjs) that
 * the Playwright runner starts before the workers (FORTICONFORM_PERMITS names its port). A process
 * with no broker (a unit test, a CLI command) counts its own permits against the same cap.
 *
 * Requests sent within `aheadInLine` are served before every other waiting request: a group of
 * cases that must run one request at a time (a settings singleton, the 60 s lockout period) is the
 * run's longest chain, and waiting its turn behind the requests of cases run side by side would
 * make the whole run wait for it, while those cases can use whatever slot it leaves free.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import net from 'node:net';
import { Worker } from 'node:worker_threads';

export const PERMITS_ENV = 'FORTICONFORM_PERMITS';

/** Gives a permit back. */
export type Release = () => void;

interface Permits {
  acquire(key: string, cap: number, ahead: boolean): Promise<Release>;
}

/** Waiting asks in the order they are served: every ask ahead first, each kind in the order asked. */
class AskQueue<T> {
  private readonly ahead: T[] = [];
  private readonly plain: T[] = [];
  push(item: T, ahead: boolean): void {
    (ahead ? this.ahead : this.plain).push(item);
  }
  /** The next ask to serve. */
  shift(): T | undefined {
    return this.ahead.length > 0 ? this.ahead.shift() : this.plain.shift();
  }
  drain(): T[] {
    return [...this.ahead.splice(0), ...this.plain.splice(0)];
  }
}

/** In one process: at most `cap` per key (a key's cap is the one its first request named). */
function localPermits(): Permits {
  const pools = new Map<string, { cap: number; held: number; waiting: AskQueue<() => void> }>();
  return {
    acquire(key, cap, ahead) {
      let p = pools.get(key);
      if (!p) pools.set(key, (p = { cap, held: 0, waiting: new AskQueue() }));
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
      return new Promise((resolve) => pool.waiting.push(() => resolve(release), ahead));
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
  const waiting = new Map<string, AskQueue<(release: Release) => void>>();
  /** Keys whose next permit given back goes to the broker: an ask ahead waits there (`y KEY`). */
  const yieldNext = new Set<string>();
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
      const yielding = yieldNext.delete(key);
      const next = !yielding && handOffs < HAND_OFFS_IN_A_ROW ? waiting.get(key)?.shift() : undefined;
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
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      const key = line.slice(2);
      if (line.startsWith('y ')) {
        yieldNext.add(key);
        continue;
      }
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
    for (const [key, queue] of waiting) for (const resolve of queue.drain()) void local.acquire(key, cap, false).then(resolve);
  });
  // The broker's own cap rules; this one only if the broker is lost.
  let cap = 1;
  return {
    acquire(key, asked, ahead) {
      cap = asked;
      if (fallback) return fallback.acquire(key, asked, ahead);
      return new Promise((resolve) => {
        let queue = waiting.get(key);
        if (!queue) waiting.set(key, (queue = new AskQueue()));
        queue.push(resolve, ahead);
        socket.write(`${ahead ? 'p' : 'a'} ${key}\n`);
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
  return permits.acquire(key, cap, inLineAhead.getStore() === true);
}

const inLineAhead = new AsyncLocalStorage<boolean>();

/** Runs `work` with every permit it asks for served ahead of other waiting requests (see above). */
export function aheadInLine<T>(work: () => Promise<T>): Promise<T> {
  return inLineAhead.run(true, work);
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
