// The run-wide in-flight cap's broker (lib/in-flight.ts starts it in a worker thread of the
// Playwright runner, so the reporters' work on the runner's main thread never delays a grant).
// Plain JavaScript: a worker thread does not get the runner's TypeScript loader.
//
// Protocol, one line per message on a loopback TCP connection. The client sends `a KEY` to ask for
// a permit toward target KEY (`p KEY`: ask ahead of every plain ask, see lib/in-flight.ts), `r KEY`
// to give one back, and `c KEY` to withdraw its earliest ask it no longer needs. The broker answers
// `g KEY` when granted (first-asked first among asks ahead, then among plain asks), and `y KEY` to
// a client holding a permit while an ask ahead waits: give your next permit back to me rather than
// to a request of your own. A connection that closes gives back every permit it held (a crashed
// worker).
import net from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

const cap = workerData.cap;
/** Per target: permits held, and the asks waiting for one (`{ socket, ahead }`, in the order asked). */
const pools = new Map();
const pool = (key) => {
  let p = pools.get(key);
  if (!p) pools.set(key, (p = { held: 0, waiting: [] }));
  return p;
};

/** The next ask to serve: the earliest ask ahead, else the earliest. */
function nextAsk(waiting) {
  const ahead = waiting.findIndex((ask) => ask.ahead);
  return waiting.splice(ahead >= 0 ? ahead : 0, 1)[0];
}

function grant(key) {
  const p = pool(key);
  while (p.held < cap && p.waiting.length > 0) {
    const { socket } = nextAsk(p.waiting);
    if (socket.destroyed) continue;
    p.held += 1;
    socket.holding.set(key, (socket.holding.get(key) ?? 0) + 1);
    socket.write(`g ${key}\n`);
  }
}

/**
 * An ask ahead still waiting: whoever holds a permit gives its next one back here, instead of
 * handing it on to a request of its own (which would keep the ask ahead waiting behind it).
 */
function askToYield(key) {
  if (!pool(key).waiting.some((ask) => ask.ahead)) return;
  for (const socket of clients) if ((socket.holding.get(key) ?? 0) > 0 && !socket.destroyed) socket.write(`y ${key}\n`);
}

const clients = new Set();
const server = net.createServer((socket) => {
  socket.setNoDelay(true);
  socket.holding = new Map();
  clients.add(socket);
  let buffered = '';
  socket.on('data', (chunk) => {
    buffered += chunk.toString('utf8');
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      const key = line.slice(2);
      const verb = line[0];
      if (verb === 'a' || verb === 'p') pool(key).waiting.push({ socket, ahead: verb === 'p' });
      else if (verb === 'c') {
        // An ask withdrawn (the client served it with a permit it already held): its earliest one,
        // so its asks left are its newest and other clients' older asks come first.
        const queue = pool(key).waiting;
        const at = queue.findIndex((ask) => ask.socket === socket);
        if (at >= 0) queue.splice(at, 1);
      } else if (verb === 'r' && (socket.holding.get(key) ?? 0) > 0) {
        socket.holding.set(key, socket.holding.get(key) - 1);
        pool(key).held -= 1;
      }
      grant(key);
      if (verb === 'p' || verb === 'r') askToYield(key);
    }
  });
  const giveBack = () => {
    clients.delete(socket);
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
