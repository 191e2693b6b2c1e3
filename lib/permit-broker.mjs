// The run-wide in-flight cap's broker (lib/in-flight.ts starts it in a worker thread of the
// Playwright runner, so the reporters' work on the runner's main thread never delays a grant).
// Plain JavaScript: a worker thread does not get the runner's TypeScript loader.
//
// Protocol, one line per message on a loopback TCP connection: the client sends `a KEY` to ask for
// a permit toward target KEY, `r KEY` to give one back and `c KEY` to withdraw an ask it no longer
// needs; the broker answers `g KEY` when granted, in the order asked. A connection that closes gives back every permit it held (a crashed worker).
import net from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

const cap = workerData.cap;
/** Per target: permits held, and the sockets waiting for one (FIFO). */
const pools = new Map();
const pool = (key) => {
  let p = pools.get(key);
  if (!p) pools.set(key, (p = { held: 0, waiting: [] }));
  return p;
};

function grant(key) {
  const p = pool(key);
  while (p.held < cap && p.waiting.length > 0) {
    const socket = p.waiting.shift();
    if (socket.destroyed) continue;
    p.held += 1;
    socket.holding.set(key, (socket.holding.get(key) ?? 0) + 1);
    socket.write(`g ${key}\n`);
  }
}

const server = net.createServer((socket) => {
  socket.setNoDelay(true);
  socket.holding = new Map();
  let buffered = '';
  socket.on('data', (chunk) => {
    buffered += chunk.toString('utf8');
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      const key = line.slice(2);
      if (line.startsWith('a ')) pool(key).waiting.push(socket);
      else if (line.startsWith('c ')) {
        // An ask withdrawn (the client served it with a permit it already held): its earliest one,
        // so its asks left are its newest and other clients' older asks come first.
        const queue = pool(key).waiting;
        const at = queue.indexOf(socket);
        if (at >= 0) queue.splice(at, 1);
      }
      else if (line.startsWith('r ') && (socket.holding.get(key) ?? 0) > 0) {
        socket.holding.set(key, socket.holding.get(key) - 1);
        pool(key).held -= 1;
      }
      grant(key);
    }
  });
  const giveBack = () => {
    for (const [key, n] of socket.holding) {
      pool(key).held -= n;
      grant(key);
    }
    socket.holding.clear();
  };
  socket.on('close', giveBack);
  socket.on('error', () => socket.destroy());
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
