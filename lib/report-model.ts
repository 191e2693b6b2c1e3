/**
 * The conformance report's data model, in one place: what a case run reports (`CaseReport`), what
 * the conformance reporter writes (`ConformanceReport`), and what the upgrade diff compares
 * (`ReportDiff`). Types only (and the attachment name): the reporters, the report diff, merge and
 * expectations all import from here, so none of them imports another for its types.
 */
import type { CheckResult, Outcome } from './check.ts';
import type { Product } from './config.ts';
import type { SafetyLevel } from './safety.ts';

export interface CheckReport extends Omit<CheckResult, 'request'> {
  id: string;
  title: string;
  source: string;
  /** Reproducing curl line of the request that showed a failure. */
  curl?: string;
}

export interface CaseReport {
  product: string;
  operationId: string;
  method: string;
  path: string;
  caseId: string;
  summary: string;
  source: string;
  /** The documented rule this case demonstrates (`scenario:`, the issue 5 catalogue id). */
  scenario?: string;
  /** A case derived from a request-schema constraint (lib/negative-cases.ts): its keyword, field and category. */
  derived?: { keyword: string; field: string; category: string; expects: 'accepted' | 'rejected' };
  tags: string[];
  permission?: unknown;
  /** `ran`: checks ran; `precondition`: a fixture could not be made; `unreachable`: no HTTP answer. */
  state: 'ran' | 'precondition' | 'unreachable';
  message?: string;
  status?: number;
  elapsedMs?: number;
  /** `429`/`503` answers retried before the answer judged (lib/http.ts), with the wait before each. */
  retries?: Array<{ status: number; waitedMs: number }>;
  curl?: string;
  /** Shape signature of a JSON answer (lib/shape.ts), for the upgrade diff. */
  shape?: string[];
  checks: CheckReport[];
  /** Against the run's expectations file: failed checks it names (known), and its entries that now pass (stale). */
  expectation?: { expected: string[]; stale: string[] };
}

export const CASE_ATTACHMENT = 'forticonform-case';
/** On a test that judges several cases: one annotation per case it judges (its id), so a test that
 * ends without its reports (skipped, cut short, a suite error) still reports each case. */
export const CASE_ANNOTATION = 'forticonform-case';
/** The tag of such a test: it holds only cases that `--grep` selected one by one (specs/contract.spec.ts),
 * so the run's grep is not applied again to the test's own title. */
export const BY_CASE_TAG = '@by-case';

/** `unknown`: the target gave no answer, or the time budget ran out before the case ran. */
/** `expected`: failed only checks the run's expectations file names (known deviations). */
export type CaseOutcome = 'passed' | 'failed' | 'skipped' | 'error' | 'unknown' | 'expected';
export type CheckCounts = Record<Outcome, number>;


export interface ReportedCase extends CaseReport {
  outcome: CaseOutcome;
  /** Test error text when the case did not produce its own report (suite or fixture error). */
  error?: string;
}

export interface ProductVerdict {
  product: Product;
  name: string;
  url: string | null;
  /** `not run` when no case of the product ran: never reported as passed. */
  /**
   * `not run`: no target configured for it. `unknown`: configured, but no case got an answer (never
   * reported as passed). `known deviations only`: every failure is in the expectations file.
   */
  verdict: 'conforms' | 'known deviations only' | 'does not conform' | 'unknown' | 'not run';
  /** The release judged (FAC_VERSION…, or the embedded emulator's): what x-versions cases were selected by. */
  version?: string;
  cases: Record<CaseOutcome, number>;
}

/** One row of the coverage table: a resource (tag) and what of it was checked. */
export interface CoverageRow {
  product: string;
  resource: string;
  /** `METHOD path` of every operation of the resource that has cases. */
  operations: string[];
  cases: Record<CaseOutcome, number>;
  checks: CheckCounts;
  /**
   * "Rejects invalid input": the cases derived from the request schemas (lib/negative-cases.ts) that
   * ran, per operation (`METHOD path` → how many ran, how many passed).
   */
  invalidInput: Record<string, { ran: number; passed: number }>;
}

export interface ConformanceReport {
  tool: { name: string; version: string };
  generatedAt: string;
  target: { url: string; embeddedEmulator: boolean; variants: string[]; tls: string };
  products: ProductVerdict[];
  coverage: CoverageRow[];
  durationMs: number;
  totals: {
    cases: Record<CaseOutcome, number>;
    checks: CheckCounts;
  };
  cases: ReportedCase[];
  /** The documented behaviours (scenarios) and their verdicts. */
  scenarios: ScenarioRow[];
  /** What the run was allowed to change on the target (lib/safety.ts). */
  safety: SafetyLevel;
  /** The run's expectations file (known deviations): what it covered, and its entries no check of this run met. */
  expectations?: { file: string; entries: number; expected: number; stale: string[]; unused: string[] };
  /**
   * The run's result: `fail` when a documented MUST is broken (a failed check no expectation names,
   * a stale expectation, an error); `unknown` when nothing failed but some case got no answer or a
   * configured product no result; `pass` otherwise. Warnings never change it.
   */
  outcome: 'pass' | 'fail' | 'unknown';
  /** `--budget-s`: the run's time budget, whether it ran out, and how many cases it left unrun. */
  budget?: { seconds: number; exhausted: boolean; notRun: number };
  /** Against the baseline report given with `--baseline` (lib/report-diff.ts). */
  diff?: DiffSummary;
}

export interface ScenarioRow {
  id: string;
  /** The rule in one line (the catalogue's title; absent for an id the catalogue does not know). */
  title?: string;
  product: string;
  verdict: 'holds' | 'broken' | 'known deviation' | 'unknown' | 'not run';
  /** `operationId#caseId` of its cases. */
  cases: string[];
  /** Where the rule is written: the catalogue's source first, then the sources of its cases. */
  sources: string[];
}

export interface DiffEntry {
  /** Stable id: `product operationId caseId [checkId]`. */
  key: string;
  product: string;
  operationId: string;
  caseId: string;
  /** The check id; absent for a case-level entry. */
  check?: string;
  before?: string;
  after?: string;
  /** Why it fails now (regressions) or failed before (fixes). */
  message?: string;
  source?: string;
}

export interface ShapeChange {
  key: string;
  product: string;
  operationId: string;
  caseId: string;
  added: string[];
  removed: string[];
}

export interface ReportSide {
  url: string;
  generatedAt: string;
  version: string;
  variants: string[];
}

export interface ReportDiff {
  old: ReportSide;
  new: ReportSide;
  regressions: DiffEntry[];
  fixes: DiffEntry[];
  added: DiffEntry[];
  removed: DiffEntry[];
  changed: DiffEntry[];
  shapes: ShapeChange[];
}

/** What the JSON report carries about a diff against its baseline. */
export interface DiffSummary {
  baseline: string;
  against: ReportSide;
  regressions: number;
  fixes: number;
  added: number;
  removed: number;
  changed: number;
  shapes: number;
  /** Keys of the regressions. */
  regressed: string[];
}
