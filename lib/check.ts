/**
 * What a check is. Like Schemathesis' checks (`specs/openapi/checks.py`): one small definition per
 * check, registered by id; the id is what the report, `--grep` and expectation files use.
 */
import type { ApiClient, ApiRequest, ApiResponse } from './http.ts';
import type { ApiModel, ConformanceCase, Operation } from './openapi.ts';
import type { SchemaRegistry } from './schemas.ts';
import type { TemplateScope } from './template.ts';

/** The answer's body as the suite understood it. */
export type ParsedBody =
  | { kind: 'empty' }
  | { kind: 'json'; value: unknown }
  | { kind: 'xml'; value: unknown }
  | { kind: 'text'; text: string }
  | { kind: 'invalid'; mediaType: string; error: string };

export interface CheckContext {
  op: Operation;
  kase: ConformanceCase;
  request: ApiRequest;
  response: ApiResponse;
  body: ParsedBody;
  client: ApiClient;
  schemas: SchemaRegistry;
  model: ApiModel;
  /** The case's template scope (fixtures, provided, its own answer as `response`), for follow-up steps. */
  scope: TemplateScope;
}

/** `warn`: a SHOULD not met or an undocumented extra (a field newer firmware added): reported, never fails a run. */
export type Outcome = 'pass' | 'fail' | 'warn' | 'skip';

export interface CheckResult {
  outcome: Outcome;
  /** Why it failed or was skipped. */
  message?: string;
  /** JSON pointer into the answer body. */
  pointer?: string;
  schemaPath?: string;
  expected?: unknown;
  actual?: unknown;
  /** The request that showed the failure, when it is not the case's own (a follow-up GET). */
  request?: ApiRequest;
}

export interface Check {
  id: string;
  title: string;
  /** Where the rule comes from: seed file · section · subsection, or a fact. */
  source: string | ((ctx: CheckContext) => string);
  /** Whether the check says anything about this case (cheap, no I/O). */
  applies(ctx: CheckContext): boolean;
  run(ctx: CheckContext): CheckResult | Promise<CheckResult>;
}

export const pass = (): CheckResult => ({ outcome: 'pass' });
export const skip = (message: string): CheckResult => ({ outcome: 'skip', message });
export const fail = (message: string, details: Omit<CheckResult, 'outcome' | 'message'> = {}): CheckResult => ({
  outcome: 'fail',
  message,
  ...details,
});
