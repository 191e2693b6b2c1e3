/**
 * `forticonform expectations REPORT [--out FILE]`: a starting expectations file (known deviations,
 * lib/expectations.ts) from a run's conformance.json — one entry per failed check, each with a
 * reason to write before it is used.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../lib/errors.ts';
import { startingExpectations } from '../lib/expectations.ts';
import { loadReport } from '../lib/report-diff.ts';

export async function runExpectationsCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, strict: true, allowPositionals: true, options: { out: { type: 'string' } } });
  if (positionals.length !== 1) throw new UserError('usage: forticonform expectations REPORT [--out FILE] (REPORT: a conformance.json or a report directory)');
  const text = startingExpectations(loadReport(path.resolve(positionals[0]!)));
  if (values.out) {
    if (existsSync(values.out)) throw new UserError(`${values.out} exists already: it is not overwritten (choose another --out, or delete it first)`);
    writeFileSync(values.out, text);
    console.log(`wrote ${values.out}`);
  } else process.stdout.write(text);
  return 0;
}
