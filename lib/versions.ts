/**
 * Product release ranges — one syntax and one matcher for `x-versions`, `expect.byVersion` and the
 * expectations file's `versions` — and the resolution of a case's expectation for the release a
 * run judges (openapi/CONVENTIONS.md, "Version ranges").
 */
import type { CaseExpect, ExpectedAnswer, VersionReading } from './api-model.ts';

const COMPARATOR = /^(>=|<=|>|<|=)?(\d+(?:\.\d+)*)$/;

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Whether `range` reads like ">=6.4 <6.6", "8.0" or "<=6.3.1" (space = and). */
export function isVersionRange(range: unknown): range is string {
  return typeof range === 'string' && range.trim() !== '' && range.trim().split(/\s+/).every((p) => COMPARATOR.test(p));
}

/** Whether `version` is in `range` ("6.4", ">=6.4 <6.6", "<=6.3.1"; space = and). */
export function versionInRange(version: string, range: string): boolean {
  return range
    .trim()
    .split(/\s+/)
    .every((part) => {
      const [, op = '=', bound] = COMPARATOR.exec(part) ?? [];
      const d = compareVersions(version, bound!);
      return op === '>=' ? d >= 0 : op === '<=' ? d <= 0 : op === '>' ? d > 0 : op === '<' ? d < 0 : d === 0;
    });
}

const statusesOfAnswer = (a: ExpectedAnswer): number[] => a.statusIn ?? [a.status];

/** Every status the case expects on some release: the default answer's and each reading's. */
export function allStatuses(expect: CaseExpect): number[] {
  return [...new Set([expect, ...(expect.byVersion ?? []).map((r) => r.expect)].flatMap(statusesOfAnswer))];
}

/** A reading's fields replace the case's; its status comes with its own `statusIn` (or none). */
function apply(expect: CaseExpect, reading: VersionReading): ExpectedAnswer {
  const { byVersion: _readings, judgedBy: _judged, statusIn: _statusIn, ...rest } = expect;
  return { ...rest, ...reading.expect };
}

/** The guide's answer with the readings dropped. */
function plain(expect: CaseExpect): ExpectedAnswer {
  const { byVersion: _readings, judgedBy: _judged, ...rest } = expect;
  return rest;
}

const describeOther = (readings: VersionReading[]) => readings.map((r) => `${statusesOfAnswer(r.expect).join(' or ')} on ${r.versions}`).join(', ');

/**
 * The expectation of a case on the release judged. Known release: the first reading whose range
 * holds it, else the default answer. Unknown release (`<P>_VERSION` not set against a configured
 * target): the release cannot be judged, so the status answered picks the reading (a reading is
 * told apart by its status, lib/openapi.ts checks that) and `judgedBy.note` says that the release
 * was not judged; an answer no reading names is held against every status, so the status check
 * fails naming them all. A case without readings is returned as it is.
 */
export function resolveExpect(expect: CaseExpect, product: string, version: string | undefined, answered: number): CaseExpect {
  const readings = expect.byVersion ?? [];
  if (readings.length === 0) return expect;
  const setting = `${product.toUpperCase()}_VERSION`;
  if (version !== undefined) {
    const reading = readings.find((r) => versionInRange(version, r.versions));
    if (reading) return { ...apply(expect, reading), judgedBy: { note: `${setting} ${version}: the ${reading.versions} answer`, ...(reading.source ? { source: reading.source } : {}) } };
    return { ...plain(expect), judgedBy: { note: `${setting} ${version}: the documented answer (${describeOther(readings)})` } };
  }
  const unjudged = `${setting} not set, so the release is not judged`;
  const reading = readings.find((r) => statusesOfAnswer(r.expect).includes(answered));
  if (reading) return { ...apply(expect, reading), judgedBy: { note: `${unjudged}: ${answered} taken as the ${reading.versions} answer`, ...(reading.source ? { source: reading.source } : {}) } };
  if (statusesOfAnswer(expect).includes(answered)) return { ...plain(expect), judgedBy: { note: `${unjudged}: ${answered} taken as the documented answer (${describeOther(readings)})` } };
  return { ...plain(expect), statusIn: allStatuses(expect), judgedBy: { note: `${unjudged}: ${answered} is no release's answer` } };
}
