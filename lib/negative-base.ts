/**
 * Issue 12 · what the body and query generators (lib/negative-cases.ts, lib/negative-query.ts)
 * share: the operation as they see it, which documented case a derived case varies, and what a
 * derived case may touch.
 *
 * Safety of a derived case (its base decides): a case on the run's own objects, or an action that
 * changes nothing on the unit (`x-changes-nothing`: an authentication, a token request — a wrongly
 * accepted value changes nothing), runs at `own-objects`. A base that writes an operator-provided
 * object (an LDAP user's PATCH) is varied only on a disposable target: its derived cases add
 * `disposable-target` (skipped elsewhere, naming why), since a target that wrongly accepted an
 * invalid value would change an object the run cannot put back.
 */
import type { ConformanceCase, DerivedDescriptor, InvalidInput, JsonSchema, QueryParameter } from './api-model.ts';

export type Derived = ConformanceCase & { derived: DerivedDescriptor };

/** A constraint keyword found in a request schema, as the self-test counts them. */
export interface Constraint {
  keyword: string;
  /** JSON pointer inside the request schema (`?name/keyword` for a query parameter). */
  pointer: string;
  /** The top-level field it constrains, when it constrains one directly. */
  field?: string;
  /** Why no case is derived from it; absent when one is. */
  notDerivable?: string;
}

export const CONSTRAINT_KEYWORDS = ['type', 'maxLength', 'minLength', 'pattern', 'required', 'enum', 'minimum', 'maximum', 'const', 'format', 'minItems', 'maxItems', 'minProperties', 'maxProperties'] as const;
export const isConstraintKeyword = (k: string): boolean => (CONSTRAINT_KEYWORDS as readonly string[]).includes(k);

/** The operation as the generators need it (a subset of lib/openapi.ts' Operation). */
export interface NegativeInput {
  method: string;
  path: string;
  singleton: boolean;
  requestSchema?: JsonSchema;
  /** The POST creates the collection's throw-away objects (`x-fixture-body`). */
  fixtureCollection: boolean;
  cases: ConformanceCase[];
  /** Documented answers by status (`400`, `4XX`, `default`). */
  responses: Record<string, unknown>;
  /** The operation's `x-not-derived`: why no case is derived from its request schema at all. */
  notDerived?: string;
  /** The operation's `x-changes-nothing`: why varying it changes nothing on the unit (an authentication). */
  changesNothing?: string;
  /** Query parameters by name: schema, and the parameter's own `x-invalid-input` / `x-not-derived`. */
  queryParameters: Record<string, QueryParameter>;
  /** Fields a list may be ordered by (`x-ordering`). */
  ordering?: string[];
}

/** The JSON types a schema names (`type: string` or `type: [integer, string]`). */
export const schemaTypes = (s: Record<string, unknown>): string[] => (Array.isArray(s.type) ? s.type.map(String) : typeof s.type === 'string' ? [s.type] : []);

export const asRecord = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
export const esc = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

const DISPOSABLE = 'disposable-target';

/** Why nothing is derived for the operation at all, or '' when cases are. */
export function operationNotDerivable(op: NegativeInput, invalid: InvalidInput | undefined): string {
  if (op.notDerived) return `x-not-derived: ${op.notDerived}`;
  if (!invalid) return 'the document states no invalid-input answer (x-invalid-input)';
  const documented = (status: string) => op.responses[status] || op.responses[`${status[0]}XX`] || op.responses.default;
  const missing = invalid.statuses.map(String).find((s) => !documented(s));
  if (missing) return `the operation documents no ${missing} answer for invalid input`;
  return '';
}

/**
 * The detail write addresses an object the case creates itself (`path: {id: "{{fixtures.u.id}}"}`
 * with `u` a `create` fixture): a RADIUS user made for the case, whatever the operator's objects it
 * reads to make it (its server).
 */
function writesOwnFixture(op: NegativeInput, c: ConformanceCase): boolean {
  const addressed = ownId(op, c);
  const fixture = typeof addressed === 'string' ? /^\{\{\s*fixtures\.([^.}\s]+)\.id\s*\}\}$/.exec(addressed)?.[1] : undefined;
  return fixture !== undefined && 'create' in (c.fixtures[fixture] ?? {});
}

/** The case writes only the run's own objects: it needs no operator-provided object, it creates one of its own, or it writes one it created. */
function ownObjectsOnly(op: NegativeInput, c: ConformanceCase): boolean {
  if (c.requires.includes(DISPOSABLE)) return false;
  return c.requires.length === 0 || op.method === 'GET' || op.changesNothing !== undefined || (op.method === 'POST' && c.expect.status === 201) || writesOwnFixture(op, c);
}

/** The id of the object a detail write addresses (its path's last parameter), as the case fills it. */
export function ownId(op: NegativeInput, c: { path: Record<string, unknown> }): unknown {
  const last = /\{([^}]+)\}\/?$/.exec(op.path)?.[1];
  return last === undefined ? undefined : c.path[last];
}

/** Does the case expect the answer `invalid` calls a refusal (a JSON-RPC error code inside HTTP 200)? */
const expectsRefusal = (c: ConformanceCase, invalid: InvalidInput | undefined): boolean => {
  const r = invalid?.refusal;
  const at = r === undefined ? undefined : c.expect.json?.[r.pointer];
  return r !== undefined && typeof at === 'number' && at < r.below;
};
const succeeds = (c: ConformanceCase, invalid: InvalidInput | undefined) => !c.generated && c.expect.status >= 200 && c.expect.status < 300 && !expectsRefusal(c, invalid);

/**
 * The releases a derived refusal runs on: whatever the release its answer holds, but only where the
 * operation exists — the base's lower bounds (`>=7.5.1`: FortiSIEM's MCP service came then) are kept,
 * its upper ones (an answer that changed later, `<8.0`) dropped.
 */
export function refusalVersions(base: ConformanceCase): string | undefined {
  const lower = (base.versions ?? '').split(/\s+/).filter((p) => p.startsWith('>'));
  return lower.length > 0 && lower.length === (base.versions ?? '').trim().split(/\s+/).length ? lower.join(' ') : undefined;
}

/**
 * What a derived case expects. Refused: the document's invalid-input answer — its status (any of
 * `statuses`), and where the refusal sits inside a success status, a number below the bound at its
 * pointer. Accepted: the base case's status (on each release) and, there, no refusal at that pointer.
 */
export function derivedExpect(invalid: InvalidInput | undefined, accepted: boolean, base: ConformanceCase): ConformanceCase['expect'] {
  const refusal = invalid?.refusal;
  // Accepted: the base's status on every release (`byVersion`: a 207 on FortiAuthenticator 8.0.x), resolved where it runs.
  const byVersion = base.expect.byVersion?.map(({ versions, source, expect }) => ({ versions, ...(source ? { source } : {}), expect: { status: expect.status, ...(expect.statusIn ? { statusIn: expect.statusIn } : {}) } }));
  if (accepted || !invalid) return { status: base.expect.status, ...(byVersion ? { byVersion } : {}), ...(refusal ? { notBelow: { [refusal.pointer]: refusal.below } } : {}) };
  return { status: invalid.status, ...(invalid.statuses.length > 1 ? { statusIn: invalid.statuses } : {}), ...(refusal ? { below: { [refusal.pointer]: refusal.below } } : {}) };
}
/** Own-objects bases first: a disposable target is needed only when no other base exists. */
const pick = (op: NegativeInput, found: ConformanceCase[]) => found.find((c) => ownObjectsOnly(op, c)) ?? found[0];

/**
 * The documented success case with a JSON object body (or a form) that derived body cases vary: one on the
 * run's own objects (or an action that changes nothing) when there is one, else one on an
 * operator-provided object, whose derived cases then need a disposable target.
 */
export function baseCase(op: NegativeInput, invalid?: InvalidInput): ConformanceCase | undefined {
  return pick(op, op.cases.filter((c) => succeeds(c, invalid) && baseFields(c) !== undefined));
}

/** The fields a base case sends: its JSON object body, or its form (a form-encoded token request). */
export function baseFields(c: ConformanceCase): Record<string, unknown> | undefined {
  if (typeof c.body === 'object' && c.body !== null && !Array.isArray(c.body)) return c.body as Record<string, unknown>;
  return c.body === undefined && c.form !== undefined ? c.form : undefined;
}

/** The documented success case derived query cases vary (any body, or none). */
export function queryBase(op: NegativeInput, invalid?: InvalidInput): ConformanceCase | undefined {
  return pick(op, op.cases.filter((c) => succeeds(c, invalid) && c.rawBody === undefined));
}

/** What a case derived from `base` needs: the base's prerequisites, and a disposable target when it writes someone else's object. */
export function derivedRequires(op: NegativeInput, base: ConformanceCase): string[] {
  return ownObjectsOnly(op, base) || base.requires.includes(DISPOSABLE) ? base.requires : [...base.requires, DISPOSABLE];
}

/** A resource write: changing a field there changes the object, not the outcome (never an auth action). */
export function isResourceWrite(op: NegativeInput): boolean {
  return op.singleton || (op.method === 'POST' && op.fixtureCollection) || ((op.method === 'PATCH' || op.method === 'PUT') && /\{[^}]+\}\/$/.test(op.path));
}
