/**
 * `forticonform emulator`: the reference emulator on its own, for other teams' tests.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startEmulator } from '../emulator/fac/server.ts';
import { VARIANTS } from '../emulator/fac/variants.ts';
import { UserError } from '../lib/errors.ts';
import { RELEASE_PATTERN } from '../emulator/release.ts';

function port(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new UserError(`${flag} takes a port number 0-65535, not "${value}"`);
  return Number(value);
}

function readPem(file: string, flag: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UserError(`${flag}: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

export async function runEmulatorCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'https-port': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      variant: { type: 'string', multiple: true },
      'list-variants': { type: 'boolean' },
      'fac-version': { type: 'string' },
    },
  });
  if (values['list-variants']) {
    for (const v of VARIANTS) console.log(`${v.id}\t${v.description}`);
    return 0;
  }
  const variants = values.variant ?? [];
  const unknown = variants.filter((v) => !VARIANTS.some((known) => known.id === v));
  if (unknown.length) throw new UserError(`unknown variant ${unknown.join(', ')} (see --list-variants)`);
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) throw new UserError('--tls-cert and --tls-key go together');
  const tls = values['tls-cert'] ? { cert: readPem(values['tls-cert'], '--tls-cert'), key: readPem(values['tls-key']!, '--tls-key') } : undefined;
  const httpsPort = port(values['https-port'], '--https-port') ?? (tls ? 0 : undefined);
  const version = values['fac-version'];
  if (version !== undefined && !RELEASE_PATTERN.test(version)) throw new UserError(`--fac-version takes a release number like 6.3.1 or 8.0.1, not "${version}"`);
  const givenCredentials = Boolean(process.env.FAC_USER && process.env.FAC_KEY);
  let emulator;
  try {
    emulator = await startEmulator({
      host: values.host,
      port: port(values.port, '--port'),
      httpsPort,
      tls,
      variants,
      ...(version !== undefined ? { version } : {}),
      user: process.env.FAC_USER || undefined,
      key: process.env.FAC_KEY || undefined,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      throw new UserError(`cannot listen: ${code} (${(error as Error).message})`);
    }
    throw error;
  }
  console.log(`FortiAuthenticator emulator listening on ${emulator.url}${emulator.httpsUrl ? ` and ${emulator.httpsUrl}` : ''}`);
  console.log(`answering as FortiAuthenticator ${emulator.version}`);
  if (variants.length) console.log(`variants (deliberately broken): ${variants.join(', ')}`);
  if (givenCredentials) console.log(`credentials: FAC_USER=${emulator.user}, FAC_KEY from the environment`);
  // Printing a key we generated ourselves is the point: the caller has no other way to learn it.
  else console.log(`credentials: FAC_USER=${emulator.user} FAC_KEY=${emulator.key}`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await emulator.close();
  return 0;
}
