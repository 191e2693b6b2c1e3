/**
 * Checks on the case's own answer: status, content type, empty bodies, body schema, secrets.
 */
import { parseJson } from '../lib/http.ts';
import { collectionPathOf, documentedResponse, type JsonSchema } from '../lib/openapi.ts';
import { type Check, type CheckContext, fail, pass, skip } from '../lib/check.ts';

const GENERAL_CODES = '002 · General API response codes';

/** True when the target answered the status the case expects: the other answer checks only then say anything. */
export const answeredAsExpected = (ctx: CheckContext): boolean => ctx.response.status === ctx.kase.expect.status || (ctx.kase.expect.statusIn?.includes(ctx.response.status) ?? false);
/** The expected status as a report shows it: `400 or 401` when several are. */
const expectedStatus = (ctx: CheckContext): string | number => ctx.kase.expect.statusIn?.join(' or ') ?? ctx.kase.expect.status;

function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

export const statusCheck: Check = {
  id: 'status',
  title: 'Answers the documented status code',
  // A status keyed by release (`expect.byVersion`) names the reading it was judged by, and its source.
  source: (ctx) => ctx.kase.expect.judgedBy?.source ?? ctx.kase.source,
  applies: () => true,
  run(ctx) {
    const judgedBy = ctx.kase.expect.judgedBy ? `; ${ctx.kase.expect.judgedBy.note}` : '';
    if (answeredAsExpected(ctx)) return judgedBy ? { outcome: 'pass', message: `answered ${ctx.response.status}${judgedBy}` } : pass();
    const documented = documentedResponse(ctx.op, ctx.response.status);
    return fail(
      `expected ${expectedStatus(ctx)}, received ${ctx.response.status}${documented ? '' : ' (a status the documents do not list for this operation)'}${judgedBy}`,
      { expected: expectedStatus(ctx), actual: ctx.response.status },
    );
  },
};

export const contentTypeCheck: Check = {
  id: 'content-type',
  title: 'Content-Type is one the documents give for this answer',
  source: (ctx) => ctx.op.source,
  applies: (ctx) => answeredAsExpected(ctx) && Object.keys(documentedResponse(ctx.op, ctx.response.status)?.content ?? {}).length > 0,
  run(ctx) {
    const documented = Object.keys(documentedResponse(ctx.op, ctx.response.status)!.content);
    const actual = mediaTypeOf(ctx.response.headers['content-type']);
    return documented.includes(actual)
      ? pass()
      : fail(`Content-Type ${actual || '(none)'} is not one of ${documented.join(', ')}`, { expected: documented, actual });
  },
};

export const emptyBodyCheck: Check = {
  id: 'empty-body',
  title: 'An answer documented without a body has none',
  source: GENERAL_CODES,
  applies: (ctx) =>
    answeredAsExpected(ctx) &&
    documentedResponse(ctx.op, ctx.response.status) !== undefined &&
    Object.keys(documentedResponse(ctx.op, ctx.response.status)!.content).length === 0 &&
    ctx.response.status >= 200 &&
    ctx.response.status < 300,
  run(ctx) {
    return ctx.response.text.length === 0
      ? pass()
      : fail(`expected an empty body, received ${ctx.response.text.length} bytes`, { expected: '', actual: ctx.response.text.slice(0, 300) });
  },
};

export function schemaFor(ctx: CheckContext): JsonSchema | undefined {
  const media = mediaTypeOf(ctx.response.headers['content-type']);
  return documentedResponse(ctx.op, ctx.response.status)?.content[media]?.schema;
}

export const bodySchemaCheck: Check = {
  id: 'body-schema',
  title: 'The body conforms to the documented schema',
  source: (ctx) => ctx.op.source,
  applies: (ctx) => answeredAsExpected(ctx) && schemaFor(ctx) !== undefined,
  run(ctx) {
    const body = ctx.body;
    if (body.kind === 'invalid') return fail(`the ${body.mediaType} body does not parse: ${body.error}`, { actual: ctx.response.text.slice(0, 300) });
    // Text answers (e.g. /auth/'s short text/html bodies) are validated as the string they are.
    const value = body.kind === 'json' || body.kind === 'xml' ? body.value : body.kind === 'text' ? body.text : '';
    const schema = schemaFor(ctx)!;
    let violations = ctx.schemas.validate(schema, value);
    // JSON labelled as text (FortiSIEM labels its JSON text/plain): the documents say so with
    // `contentMediaType: application/json` + `contentSchema`, which JSON Schema only annotates.
    if (violations.length === 0 && typeof value === 'string' && schema.contentMediaType === 'application/json' && schema.contentSchema) {
      const inner = parseJson(value);
      if (inner === undefined) return fail('the body is labelled as text but documented as JSON, and is not JSON', { actual: value.slice(0, 300) });
      violations = ctx.schemas.validate(schema.contentSchema as JsonSchema, inner);
    }
    if (violations.length === 0) return pass();
    const first = violations[0]!;
    const more = violations.length > 1 ? ` (+${violations.length - 1} more: ${violations.slice(1, 4).map((v) => `${v.pointer} ${v.message}`).join('; ')})` : '';
    return fail(`at ${first.pointer}: ${first.message}${more}`, {
      pointer: first.pointer,
      schemaPath: first.schemaPath,
      expected: first.params,
      actual: valueAt(value, first.pointer),
    });
  },
};

/** Reads a JSON pointer; `undefined` when it leads nowhere. */
export function valueAt(value: unknown, pointer: string): unknown {
  if (pointer === '/' || pointer === '') return value;
  let current: unknown = value;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Names of `writeOnly` properties anywhere in a schema (including `allOf`/`if`/`then` branches). */
export function writeOnlyNames(schema: unknown, into = new Set<string>()): Set<string> {
  if (typeof schema !== 'object' || schema === null) return into;
  const props = (schema as { properties?: Record<string, Record<string, unknown>> }).properties ?? {};
  for (const [name, prop] of Object.entries(props)) if (prop.writeOnly === true) into.add(name);
  for (const child of Object.values(schema as Record<string, unknown>)) {
    if (typeof child === 'object' && child !== null) writeOnlyNames(child, into);
  }
  return into;
}

function findKeys(value: unknown, names: Set<string>, pointer = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => findKeys(v, names, `${pointer}/${i}`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => [...(names.has(k) ? [`${pointer}/${k}`] : []), ...findKeys(v, names, `${pointer}/${k}`)]);
}

export const writeOnlyAbsentCheck: Check = {
  id: 'write-only-absent',
  title: 'Write-only fields (passwords, answers) never appear in an answer',
  source: 'facts · FortiAuthenticator behaviour seen on real devices · password and secrets never appear in GET answers',
  // On successful answers: a 400 rightly names the field it refuses.
  applies: (ctx) => answeredAsExpected(ctx) && ctx.response.status < 300 && (ctx.body.kind === 'json' || ctx.body.kind === 'xml'),
  run(ctx) {
    // Write-only fields are declared on the writes (POST/PUT/PATCH) of the same collection.
    const collection = collectionPathOf(ctx.op.path);
    const names = new Set<string>();
    for (const op of ctx.model.operations) {
      if (collectionPathOf(op.path) === collection) writeOnlyNames(op.requestSchema, names);
    }
    if (names.size === 0) return skip('the request schema has no write-only field');
    const found = findKeys((ctx.body as { value: unknown }).value, names);
    return found.length === 0 ? pass() : fail(`write-only field returned at ${found.join(', ')}`, { pointer: found[0] });
  },
};

/**
 * `expect.sums`: each pointer's number equals the sum of its terms' numbers (`-/x` subtracts), for a
 * rule that relates fields of one answer (available = total − used). The first mismatch, or undefined.
 */
export function sumsMismatch(value: unknown, sums: Record<string, string[]>): { pointer: string; message: string } | undefined {
  for (const [pointer, terms] of Object.entries(sums)) {
    const signed = terms.map((t) => ({ at: t.replace(/^-/, ''), sign: t.startsWith('-') ? -1 : 1 }));
    for (const at of [pointer, ...signed.map((t) => t.at)]) {
      if (typeof valueAt(value, at) !== 'number') return { pointer: at, message: `at ${at}: expected a number, received ${JSON.stringify(valueAt(value, at))}` };
    }
    const total = signed.reduce((sum, t) => sum + t.sign * (valueAt(value, t.at) as number), 0);
    const actual = valueAt(value, pointer);
    if (actual !== total) return { pointer, message: `at ${pointer}: expected ${terms.join(' + ').replaceAll('+ -', '− ')} = ${total}, received ${actual}` };
  }
  return undefined;
}

/** The JSON Schema type of a parsed JSON value (undefined: absent). */
function jsonType(v: unknown): string {
  if (v === undefined) return 'absent';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

export const bodyValuesCheck: Check = {
  id: 'body-values',
  title: 'The answer holds the values the documents give for this case',
  source: (ctx) => ctx.kase.source,
  applies: (ctx) => answeredAsExpected(ctx) && (ctx.kase.expect.json !== undefined || ctx.kase.expect.absent !== undefined || ctx.kase.expect.sums !== undefined || ctx.kase.expect.contains !== undefined || ctx.kase.expect.differs !== undefined || ctx.kase.expect.types !== undefined || ctx.kase.expect.below !== undefined || ctx.kase.expect.notBelow !== undefined),
  run(ctx) {
    const body = ctx.body;
    // JSON labelled as text still carries its values.
    const value = body.kind === 'json' || body.kind === 'xml' ? body.value : body.kind === 'text' ? parseJson(body.text) : undefined;
    if (value === undefined) return fail(`expected a JSON body, received ${body.kind}`, { actual: ctx.response.text.slice(0, 300) });
    for (const [pointer, expected] of Object.entries(ctx.kase.expect.json ?? {})) {
      const actual = valueAt(value, pointer);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) return fail(`at ${pointer}: expected ${JSON.stringify(expected)}, received ${JSON.stringify(actual)}`, { pointer, expected, actual });
    }
    // A field the case's query leaves out (abridged=1, return_members=false): its parent must be
    // there (else the pointer proves nothing) and it must not.
    for (const pointer of ctx.kase.expect.absent ?? []) {
      const parent = pointer.slice(0, pointer.lastIndexOf('/')) || '/';
      if (typeof valueAt(value, parent) !== 'object' || valueAt(value, parent) === null) return fail(`at ${parent}: expected an object holding the answer, received ${JSON.stringify(valueAt(value, parent))}`, { pointer: parent });
      const actual = valueAt(value, pointer);
      if (actual !== undefined) return fail(`at ${pointer}: expected no such field, received ${JSON.stringify(actual)}`, { pointer, expected: '(absent)', actual });
    }
    // Items a list must hold, in any order (each matched by the fields it gives): MCP's tools.
    for (const [pointer, items] of Object.entries(ctx.kase.expect.contains ?? {})) {
      const list = valueAt(value, pointer);
      if (!Array.isArray(list)) return fail(`at ${pointer}: expected a list, received ${JSON.stringify(list)}`, { pointer });
      const holds = (element: unknown, item: Record<string, unknown>) => Object.entries(item).every(([k, v]) => JSON.stringify((element as Record<string, unknown> | null)?.[k]) === JSON.stringify(v));
      const missing = items.filter((item) => !list.some((element) => typeof element === 'object' && element !== null && holds(element, item)));
      if (missing.length > 0) return fail(`at ${pointer}: no element matches ${missing.map((m) => JSON.stringify(m)).join(', ')}`, { pointer, expected: missing });
    }
    // A value that must be there and be new (another token than the last one, a serial not blank).
    for (const [pointer, others] of Object.entries(ctx.kase.expect.differs ?? {})) {
      const actual = valueAt(value, pointer);
      if (actual === undefined) return fail(`at ${pointer}: expected a value, received none`, { pointer, expected: `(not ${others.map((o) => JSON.stringify(o)).join(' or ')})` });
      if (others.some((o) => JSON.stringify(o) === JSON.stringify(actual))) return fail(`at ${pointer}: expected another value than ${JSON.stringify(actual)}`, { pointer, expected: `(not ${others.map((o) => JSON.stringify(o)).join(' or ')})`, actual });
    }
    for (const [pointer, type] of Object.entries(ctx.kase.expect.types ?? {})) {
      const actual = valueAt(value, pointer);
      if (jsonType(actual) !== type && !(type === 'number' && jsonType(actual) === 'integer')) return fail(`at ${pointer}: expected a ${type}, received ${JSON.stringify(actual)}`, { pointer, expected: `(a ${type})`, actual });
    }
    // A refusal inside a success status (JSON-RPC): any error code below the bound, not one exact code.
    for (const [pointer, bound] of Object.entries(ctx.kase.expect.below ?? {})) {
      const actual = valueAt(value, pointer);
      if (typeof actual !== 'number' || actual >= bound) return fail(`at ${pointer}: expected a number below ${bound} (a refusal), received ${JSON.stringify(actual)}`, { pointer, expected: `(below ${bound})`, actual });
    }
    for (const [pointer, bound] of Object.entries(ctx.kase.expect.notBelow ?? {})) {
      const actual = valueAt(value, pointer);
      if (typeof actual === 'number' && actual < bound) return fail(`at ${pointer}: expected no refusal, received ${JSON.stringify(actual)}`, { pointer, expected: `(absent or not below ${bound})`, actual });
    }
    const mismatch = sumsMismatch(value, ctx.kase.expect.sums ?? {});
    if (mismatch) return fail(mismatch.message, { pointer: mismatch.pointer });
    return pass();
  },
};

/** A header as a report may show it: cookie values are session credentials, so only names and attributes. */
const shownHeader = (name: string, value: string): string => (name === 'set-cookie' ? value.replace(/(^|,\s*)([^=;,\s]+)=[^;,]*/g, '$1$2=…') : value);

export const headerValuesCheck: Check = {
  id: 'header-values',
  title: 'The answer carries the headers the documents show for this case',
  source: (ctx) => ctx.kase.source,
  applies: (ctx) => answeredAsExpected(ctx) && ctx.kase.expect.headers !== undefined,
  run(ctx) {
    for (const [name, pattern] of Object.entries(ctx.kase.expect.headers ?? {})) {
      const value = ctx.response.headers[name];
      if (value === undefined) return fail(`no ${name} header`, { expected: `/${pattern}/i`, actual: null });
      if (!new RegExp(pattern, 'i').test(value)) return fail(`${name} does not match /${pattern}/i`, { expected: `/${pattern}/i`, actual: shownHeader(name, value) });
    }
    return pass();
  },
};
