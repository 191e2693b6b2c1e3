/**
 * The run-wide in-flight cap (lib/in-flight.ts): the broker never grants more than the cap per
 * target across connections (one per worker process), grants in order as permits come back, and
 * takes back the permits of a connection that closes (a crashed worker).
 */
import net from 'node:net';
import { expect, test } from '@playwright/test';
import { acquirePermit, aheadInLine, PERMITS_ENV, type Release, startPermitBroker } from '../../lib/in-flight.ts';

/** A raw broker connection that records the grants it gets. */
function connect(port: number) {
  const socket = net.connect({ port, host: '127.0.0.1' });
  const grants: string[] = [];
  socket.on('data', (chunk) => grants.push(...chunk.toString().split('\n').filter(Boolean)));
  return { socket, grants, send: (line: string) => socket.write(`${line}\n`) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

/** Runs `body` with a broker of `cap` permits started (and its port published), then stops it. */
async function withBroker(cap: number, body: (port: number) => Promise<void>): Promise<void> {
  const previous = process.env[PERMITS_ENV];
  const stop = await startPermitBroker(cap);
  try {
    await body(Number(process.env[PERMITS_ENV]));
  } finally {
    await stop();
    if (previous === undefined) delete process.env[PERMITS_ENV];
    else process.env[PERMITS_ENV] = previous;
  }
}

test('at most the cap per target across workers; released and dropped permits go to the next asker', async () => {
  await withBroker(2, async (port) => {
    const a = connect(port);
    const b = connect(port);
    for (let i = 0; i < 3; i++) a.send('a http://t1');
    await settle();
    b.send('a http://t1');
    b.send('a http://t2');
    await settle();
    // t1: two granted to a, a's third and b's wait; t2 has its own slots.
    expect(a.grants).toEqual(['g http://t1', 'g http://t1']);
    expect(b.grants).toEqual(['g http://t2']);
    a.send('r http://t1');
    await settle();
    expect(a.grants).toHaveLength(3); // first asked, first served
    expect(b.grants).toEqual(['g http://t2']);
    a.socket.destroy(); // a crashed holding two: b gets its turn
    await settle();
    expect(b.grants).toEqual(['g http://t2', 'g http://t1']);
    b.socket.destroy();
  });
});

test('a permit given back while this process waits for one goes straight to it, a few times in a row, then back to the broker', async () => {
  await withBroker(1, async (port) => {
    const env = { [PERMITS_ENV]: String(port) };
    const other = connect(port);
    let release: Release = await acquirePermit('http://t3', 1, env);
    // Another worker asks, then this process nine more times.
    other.send('a http://t3');
    await settle();
    const handedOff: number[] = [];
    const asks = Array.from({ length: 9 }, (_, i) => acquirePermit('http://t3', 1, env).then((r) => (handedOff.push(i), r)));
    await settle();
    for (let i = 0; i < 8; i++) {
      release();
      release = await asks[i]!;
      // Handed on within this process: the other worker still waits (the cap is 1).
      expect(other.grants).toEqual([]);
    }
    expect(handedOff).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    release(); // a ninth hand-off in a row: no, back to the broker, which serves the other worker's older ask
    await settle();
    expect(other.grants).toEqual(['g http://t3']);
    expect(handedOff).toHaveLength(8);
    other.send('r http://t3');
    release = await asks[8]!;
    release();
    other.socket.destroy();
  });
});

test('an ask ahead in line is served before older plain asks, and a holder gives its next permit back for it', async () => {
  await withBroker(1, async (port) => {
    const holder = connect(port);
    const plain = connect(port);
    const chain = connect(port);
    holder.send('a http://t4');
    await settle();
    plain.send('a http://t4');
    await settle();
    chain.send('p http://t4');
    await settle();
    // The holder is asked to give its next permit back rather than hand it on to its own requests.
    expect(holder.grants).toEqual(['g http://t4', 'y http://t4']);
    holder.send('r http://t4');
    await settle();
    // Older plain ask or not, the ask ahead goes first.
    expect(chain.grants).toEqual(['g http://t4']);
    expect(plain.grants).toEqual([]);
    chain.send('r http://t4');
    await settle();
    expect(plain.grants).toEqual(['g http://t4']);
    for (const c of [holder, plain, chain]) c.socket.destroy();
  });
});

test('within a process, a request sent ahead in line takes a permit given back before older waiting requests, even mid hand-off', async () => {
  await withBroker(1, async (port) => {
    const env = { [PERMITS_ENV]: String(port) };
    const order: string[] = [];
    const release = await acquirePermit('http://t5', 1, env);
    const plain = acquirePermit('http://t5', 1, env).then((r) => (order.push('plain'), r));
    await settle();
    const ahead = aheadInLine(() => acquirePermit('http://t5', 1, env)).then((r) => (order.push('ahead'), r));
    await settle();
    release();
    (await ahead)();
    (await plain)();
    expect(order).toEqual(['ahead', 'plain']);
  });
});
