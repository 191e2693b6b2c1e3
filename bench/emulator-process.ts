/**
 * The emulator in a process of its own (for throughput and RSS figures): prints its URL and
 * credentials as one JSON line, stops on SIGTERM.
 */
import { startEmulator } from '../emulator/fac/server.ts';

const emulator = await startEmulator({ user: 'bench', key: 'bench-key-0123456789' });
console.log(JSON.stringify({ url: emulator.url, user: emulator.user, key: emulator.key }));
process.once('SIGTERM', () => {
  void emulator.close().then(() => process.exit(0));
});
