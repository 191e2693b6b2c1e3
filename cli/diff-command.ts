/**
 * `forticonform diff OLD NEW [--json|--markdown]`: the before/after-upgrade view of two conformance
 * reports (lib/report-diff.ts). Exit 1 when something regressed, 0 otherwise, 2 with one line for
 * input it cannot use.
 */
import { parseArgs } from 'node:util';
import { UserError } from '../lib/errors.ts';
import { redact, registerSecretsFromEnv } from '../lib/redact.ts';
import { diffReports, loadReport, renderDiffMarkdown, renderDiffText } from '../lib/report-diff.ts';

export const DIFF_HELP = `Usage: forticonform diff OLD NEW [--json | --markdown]

Compares two conformance reports (a conformance.json, or a report directory holding one), OLD
before NEW (e.g. before and after a firmware upgrade): regressions, fixes, new and removed checks,
and changed response shapes. Exits 1 when something regressed, 0 otherwise, 2 for unusable input.

  --json       the diff as JSON (for tools)
  --markdown   the diff as Markdown (for CI summaries)`;

export interface DiffOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

const STDIO: DiffOutput = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

export async function runDiffCommand(argv: string[], io: DiffOutput = STDIO): Promise<number> {
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, strict: true, allowPositionals: true, options: { json: { type: 'boolean' }, markdown: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
    } catch (error) {
      throw new UserError(`${(error as Error).message} (try forticonform diff --help)`);
    }
    const { values, positionals } = parsed;
    if (values.help) {
      io.out(`${DIFF_HELP}\n`);
      return 0;
    }
    if (positionals.length !== 2) throw new UserError(`diff takes two reports, OLD and NEW (got ${positionals.length}; try forticonform diff --help)`);
    if (values.json && values.markdown) throw new UserError('diff takes --json or --markdown, not both');
    const [oldReport, newReport] = [loadReport(positionals[0]!), loadReport(positionals[1]!)];
    const diff = diffReports(oldReport, newReport);
    registerSecretsFromEnv();
    const text = values.json ? `${JSON.stringify(diff, null, 2)}\n` : values.markdown ? renderDiffMarkdown(diff) : renderDiffText(diff);
    io.out(redact(text));
    return diff.regressions.length > 0 ? 1 : 0;
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    registerSecretsFromEnv();
    io.err(`forticonform diff: ${redact(error.message)}\n`);
    return 2;
  }
}
