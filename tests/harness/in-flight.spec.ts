/**
 * The run-wide in-flight cap (lib/in-flight.ts): the broker never grants more than the cap per
 * target across connections (one per worker process), grants in order as permits come back, and
 * takes back the permits of a connection that closes (a crashed worker).
 */
import net from 'node:net';
import { expect, test } from '@playwright/test';
import { PERMITS_ENV, startPermitBroker } from '../../lib/in-flight.ts';

/** A raw broker connection that records the grants it gets. */
function connect(port: number) {
  const socket = net.connect({ port, host: '127.0.0.1' });
  const grants: string[] = [];
  socket.on('data', (chunk) => grants.push(...chunk.toString().split('\n').filter(Boolean)));
  return { socket, grants, send: (line: string) => socket.write(`${line}\n`) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

test('at most the cap per target across workers; released and dropped permits go to the next asker', async () => {
  const previous = process.env[PERMITS_ENV];
  const stop = await startPermitBroker(2);
  try {
    const port = Number(process.env[PERMITS_ENV]);
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
  } finally {
    await stop();
    if (previous === undefined) delete process.env[PERMITS_ENV];
    else process.env[PERMITS_ENV] = previous;
  }
});
