/**
 * Issue 12 · every documented limit is a negative case. Derives, from each operation's request
 * schema, the boundary and rejection cases the documents imply: at a limit (accepted) and one past
 * it (rejected) for maxLength/minLength/maximum/minimum/maxItems/minItems, each required field
 * omitted, each enum/const broken, each format/pattern broken, wrong JSON types, null on required
 * fields, an unknown field, and a body that is not JSON. One generator for every operation: nothing
 * here knows a resource by name.
 *
 * The rejection answer is the document's `x-invalid-input` (`{status, x-source}`); a document
 * without one (the documents do not say how invalid input is answered) derives nothing, and the
 * self-test (tests/harness/negative-cases.spec.ts) lists its constraints as not derivable, naming why.
 * `enumerateConstraints` is the independent walk the self-test compares the derived cases with.
 */
import type { ConformanceCase, DerivedDescriptor, InvalidInput, JsonSchema, NegativeCategory, QueryParameter } from './api-model.ts';

export type { DerivedDescriptor, InvalidInput, NegativeCategory, QueryParameter } from './api-model.ts';



/** A constraint keyword found in a request schema, as the self-test counts them. */
export interface Constraint {
  keyword: string;
  /** JSON pointer inside the request schema. */
  pointer: string;
  /** The top-level field it constrains, when it constrains one directly. */
  field?: string;
  /** Why no case is derived from it (a readOnly field, a cross-field rule, …); absent when one is. */
  notDerivable?: string;
}

export const CONSTRAINT_KEYWORDS = ['type', 'maxLength', 'minLength', 'pattern', 'required', 'enum', 'minimum', 'maximum', 'const', 'format', 'minItems', 'maxItems', 'minProperties', 'maxProperties'] as const;

/** The operation as the generator needs it (a subset of lib/openapi.ts' Operation). */
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
  /** Query parameters by name: schema, and the parameter's own `x-invalid-input` / `x-not-derived`. */
  queryParameters: Record<string, QueryParameter>;
}



const asRecord = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** Where a keyword sits decides whether it is a plain field limit or part of a cross-field rule. */
const CONDITIONAL = new Set(['if', 'then', 'else', 'anyOf', 'oneOf', 'not', 'dependentSchemas', 'dependentRequired']);

/** The document's invalid-input answer (`x-invalid-input` at the top level), if it states one. */
export function invalidInputOf(doc: unknown): InvalidInput | undefined {
  const raw = asRecord(asRecord(doc)['x-invalid-input']);
  return typeof raw.status === 'number' ? { status: raw.status, source: typeof raw['x-source'] === 'string' ? raw['x-source'] : '' } : undefined;
}

interface Field {
  name: string;
  /** Every keyword of the property, its own allOf branches merged in. */
  schema: Record<string, unknown>;
  /** Formats and consts offered as alternatives (`anyOf: [{const: ""}, {format: email}]`). */
  alternatives: Array<Record<string, unknown>>;
  /** Pointer of the property schema (for constraint identity). */
  pointers: Map<string, string>;
  required: boolean;
  /** `false` in some branch of this operation's schema: the field may not be sent here (read-only after create). */
  forbidden?: boolean;
}

/** Top-level fields of a request schema: `properties` merged across the unconditional `allOf` branches. */
function fieldsOf(schema: JsonSchema): Map<string, Field> {
  const fields = new Map<string, Field>();
  const requiredNames = new Map<string, string>();
  const visit = (s: Record<string, unknown>, at: string) => {
    for (const [name, raw] of Object.entries(asRecord(s.properties))) {
      if (raw === false) {
        const field: Field = fields.get(name) ?? { name, schema: {}, alternatives: [], pointers: new Map(), required: false };
        fields.set(name, { ...field, forbidden: true });
        continue;
      }
      if (typeof raw !== 'object' || raw === null) continue;
      const field: Field = fields.get(name) ?? { name, schema: {}, alternatives: [], pointers: new Map(), required: false };
      const mergeProp = (p: Record<string, unknown>, pat: string) => {
        for (const [k, v] of Object.entries(p)) {
          if (k === 'allOf' && Array.isArray(v)) v.forEach((b, i) => mergeProp(asRecord(b), `${pat}/allOf/${i}`));
          else if (k === 'anyOf' && Array.isArray(v)) v.forEach((b, i) => {
            field.alternatives.push(asRecord(b));
            for (const kk of Object.keys(asRecord(b))) field.pointers.set(`alt:${kk}`, `${pat}/anyOf/${i}/${kk}`);
          });
          else {
            field.schema[k] = v;
            field.pointers.set(k, `${pat}/${k}`);
          }
        }
      };
      mergeProp(raw as Record<string, unknown>, `${at}/properties/${esc(name)}`);
      fields.set(name, field);
    }
    if (Array.isArray(s.required)) for (const n of s.required) requiredNames.set(String(n), `${at}/required`);
    if (Array.isArray(s.allOf)) s.allOf.forEach((b, i) => visit(asRecord(b), `${at}/allOf/${i}`));
  };
  visit(schema, '');
  for (const [name, pointer] of requiredNames) {
    const field: Field = fields.get(name) ?? { name, schema: {}, alternatives: [], pointers: new Map(), required: false };
    field.required = true;
    field.pointers.set('required', pointer);
    fields.set(name, field);
  }
  return fields;
}

/** Every constraint keyword of a request body schema or query parameter, with whether a case is derived from it. */
export function enumerateConstraints(op: NegativeInput, invalid: InvalidInput | undefined): Constraint[] {
  return [...bodyConstraints(op, invalid), ...queryConstraints(op, invalid)];
}

/** Why nothing is derived for the operation at all, or '' when cases are. */
function operationNotDerivable(op: NegativeInput, invalid: InvalidInput | undefined): string {
  if (op.notDerived) return `x-not-derived: ${op.notDerived}`;
  if (!invalid) return 'the document states no invalid-input answer (x-invalid-input)';
  const status = String(invalid.status);
  if (!op.responses[status] && !op.responses[`${status[0]}XX`] && !op.responses.default) return `the operation documents no ${status} answer for invalid input`;
  return '';
}

/** A query value is text: these keywords cannot be broken by a query string. */
const QUERY_TEXT_KEYWORDS: Record<string, string> = {
  string: 'a query value is always text: a string type cannot be broken',
  array: 'a repeated query key is always a list of text: an array type cannot be broken',
};

function queryConstraints(op: NegativeInput, invalid: InvalidInput | undefined): Constraint[] {
  const out: Constraint[] = [];
  const base = queryBase(op);
  for (const [name, p] of Object.entries(op.queryParameters)) {
    for (const [k, v] of Object.entries(p.schema)) {
      if (!(CONSTRAINT_KEYWORDS as readonly string[]).includes(k)) continue;
      const why = operationNotDerivable(op, invalid)
        ? operationNotDerivable(op, invalid)
          : !base
            ? 'the operation has no documented success case on the run\'s own objects to vary'
            : p.notDerived[k]
              ? `x-not-derived: ${p.notDerived[k]}`
              : k === 'type' && typeof v === 'string' && QUERY_TEXT_KEYWORDS[v]
                ? QUERY_TEXT_KEYWORDS[v]
                : undefined;
      out.push({ keyword: k, pointer: `?${name}/${k}`, field: `?${name}`, ...(why ? { notDerivable: why } : {}) });
    }
    if (p.schema.items !== undefined) {
      for (const k of Object.keys(asRecord(p.schema.items)).filter((key) => (CONSTRAINT_KEYWORDS as readonly string[]).includes(key))) {
        out.push({ keyword: k, pointer: `?${name}/items/${k}`, field: `?${name}`, notDerivable: 'inside an array item: each value of a repeated key is judged by the operation\'s own cases (order_by fields)' });
      }
    }
  }
  return out;
}

/** The first hand-written success case on the run's own objects: what derived query cases vary. */
function queryBase(op: NegativeInput): ConformanceCase | undefined {
  return op.cases.find((c) => !c.generated && c.requires.length === 0 && c.expect.status >= 200 && c.expect.status < 300 && c.rawBody === undefined);
}

/** Cases derived from the operation's query parameters: one past each limit, a wrong type, a broken enum. */
function queryCases(op: NegativeInput, invalid: InvalidInput): Array<ConformanceCase & { derived: DerivedDescriptor }> {
  const base = queryBase(op);
  if (!base) return [];
  const out: Array<ConformanceCase & { derived: DerivedDescriptor }> = [];
  for (const [name, p] of Object.entries(op.queryParameters)) {
    const s = p.schema;
    const answer = p.invalidInput ?? invalid;
    const make = (id: string, summary: string, keyword: string, category: NegativeCategory, value: string, accepted: boolean) => {
      if (p.notDerived[keyword] || (accepted && p.notDerived[`${keyword}:accepted`])) return;
      out.push({
        ...base,
        id: `derived-query-${name}-${id}`,
        summary: `[${keyword} of ?${name}] ${summary}`,
        source: answer === invalid ? base.source : answer.source,
        scenario: undefined,
        query: { ...base.query, [name]: value },
        generated: true,
        steps: [],
        expect: { status: accepted || answer.status < 300 ? base.expect.status : answer.status },
        // A refusal holds whatever the release; an accepted variation answers as its base case (x-versions).
        versions: accepted || answer.status < 300 ? base.versions : undefined,
        derived: { keyword, field: `?${name}`, category, expects: accepted || answer.status < 300 ? 'accepted' : 'rejected', pointer: `?${name}/${keyword}` },
      });
    };
    const types = Array.isArray(s.type) ? s.type.map(String) : typeof s.type === 'string' ? [s.type] : [];
    if (types.includes('integer')) make('type', `?${name}=not-a-number is refused`, 'type', 'type', 'not-a-number', false);
    if (types.includes('boolean')) make('type', `?${name}=not-a-boolean is refused`, 'type', 'type', 'not-a-boolean', false);
    if (typeof s.minimum === 'number') {
      make('minimum-past', `?${name}=${s.minimum - 1} (below its minimum ${s.minimum}) is refused`, 'minimum', 'length', String(s.minimum - 1), false);
      make('minimum-at', `?${name}=${s.minimum} (its minimum) is accepted`, 'minimum', 'length', String(s.minimum), true);
    }
    if (typeof s.maximum === 'number') make('maximum-past', `?${name}=${s.maximum + 1} (above its maximum ${s.maximum}) is refused`, 'maximum', 'length', String(s.maximum + 1), false);
    if (typeof s.minLength === 'number' && s.minLength > 0) make('minlength-under', `An empty ?${name}= is refused`, 'minLength', 'length', 'a'.repeat(s.minLength - 1), false);
    if (Array.isArray(s.enum)) {
      const broken = s.enum.every((v) => typeof v === 'number') ? String(Math.max(...(s.enum as number[])) + 1) : 'not-a-choice';
      const invalidAccepted = p.invalidInput !== undefined && p.invalidInput.status < 300;
      make('enum', `?${name}=${broken} (not one of its values) is ${invalidAccepted ? 'answered as valid' : 'refused'}`, 'enum', 'enum', broken, false);
    }
  }
  return out;
}

function bodyConstraints(op: NegativeInput, invalid: InvalidInput | undefined): Constraint[] {
  const schema = op.requestSchema;
  if (!schema) return [];
  const notDerivableWhy = operationNotDerivable(op, invalid)
    ? operationNotDerivable(op, invalid)
      : !baseCase(op)
        ? 'the operation has no documented success case with a JSON body on the run\'s own objects to vary (derived cases never write to an operator-provided object)'
        : '';
  const derivable = notDerivableWhy === '';
  const base = baseCase(op);
  const acceptsLimits = isResourceWrite(op);
  const forbidden = new Set([...fieldsOf(schema).values()].filter((f) => f.forbidden).map((f) => f.name));
  const out: Constraint[] = [];
  type Flags = { field?: string; conditional: boolean; nested: boolean; readOnly: boolean; exempt: Record<string, unknown>; createOnly: boolean };
  const walk = (node: unknown, at: string, f: Flags) => {
    if (Array.isArray(node)) {
      node.forEach((n, i) => walk(n, `${at}/${i}`, f));
      return;
    }
    const s = asRecord(node);
    const flags: Flags = {
      ...f,
      readOnly: f.readOnly || s.readOnly === true,
      exempt: { ...f.exempt, ...asRecord(s['x-not-derived']) },
      createOnly: f.createOnly || (s['x-create-only'] === true && op.method !== 'POST'),
    };
    for (const [k, v] of Object.entries(s)) {
      if ((CONSTRAINT_KEYWORDS as readonly string[]).includes(k)) {
        const why = !derivable
          ? notDerivableWhy
          : k === 'minProperties' || k === 'maxProperties'
            ? 'body-size rule: the documents state no rejection answer for an empty or oversized body (tastypie applies a PATCH of no field as a no-op)'
          : typeof flags.exempt[k] === 'string'
            ? `x-not-derived: ${flags.exempt[k] as string}`
            : flags.createOnly
              ? 'x-create-only: a field only a create sets; other writes ignore it like an unknown field'
              : k === 'const' && !acceptsLimits && /\/anyOf\/\d+$/.test(at) && !flags.conditional
                ? 'an accepted alternative value: accepted values are derived only for resource writes, and this operation is an action'
              : flags.field !== undefined && forbidden.has(flags.field)
                ? 'the operation forbids the field (`false` in its schema): it is read-only after create'
              : flags.readOnly
                ? 'readOnly: tastypie ignores a read-only field on writes (facts · FortiAuthenticator is a django-tastypie API)'
                : flags.conditional
                  ? 'cross-field rule (if/then, anyOf, not): the hand-written cases of the operation demonstrate it'
                  : flags.nested
                    ? 'inside an array item or nested object: the field-level cases (type, list length) cover the field'
                    : undefined;
        out.push({ keyword: k, pointer: `${at}/${k}`, ...(flags.field ? { field: flags.field } : {}), ...(why ? { notDerivable: why } : {}) });
      }
      if (k === 'properties') {
        for (const [name, child] of Object.entries(asRecord(v))) {
          walk(child, `${at}/properties/${esc(name)}`, { ...flags, field: flags.field ?? name, nested: flags.nested || flags.field !== undefined });
        }
      } else if (k === 'items' || k === 'additionalProperties' || k === 'contentSchema') {
        walk(v, `${at}/${k}`, { ...flags, nested: true });
      } else if (k === 'allOf') {
        walk(v, `${at}/allOf`, flags);
      } else if (CONDITIONAL.has(k)) {
        // A property's own `anyOf` of alternatives (`{const: ""}` or `{format: email}`) is a field limit.
        const fieldAlternatives = k === 'anyOf' && flags.field !== undefined && !flags.nested;
        walk(v, `${at}/${k}`, { ...flags, conditional: flags.conditional || !fieldAlternatives });
      }
    }
  };
  walk(schema, '', { conditional: false, nested: false, readOnly: false, exempt: {}, createOnly: false });
  return out;
}

// ---- values -----------------------------------------------------------------------------------

const FILLERS = ['a', '1', 'A'];
const UNKNOWN_FIELD = 'fc_unknown_field';

/** Does `value` satisfy the field's pattern and format (the limits other than the one being probed)? */
function fits(field: Field, value: string): boolean {
  const pattern = field.schema.pattern;
  if (typeof pattern === 'string' && !new RegExp(pattern, 'u').test(value)) return false;
  const format = field.schema.format ?? field.alternatives.find((a) => typeof a.format === 'string')?.format;
  if (format === 'email' && !/^[a-z0-9]+@example\.com$/.test(value)) return false;
  return true;
}

/**
 * A string of exactly `length` characters the field otherwise accepts, as a template: run-unique
 * (`{{unique:N}}`) when the base value is, so an accepted at-limit object never collides and is
 * cleaned up like every object the run names. Undefined when no simple filler fits the pattern.
 */
function stringOfLength(field: Field, length: number, baseValue: unknown): string | undefined {
  const format = field.schema.format ?? field.alternatives.find((a) => typeof a.format === 'string')?.format;
  if (typeof baseValue === 'string' && /\{\{\s*unique(-host)?\s*\}\}/.test(baseValue)) {
    const host = /unique-host/.test(baseValue);
    // The run-unique token is ~20 characters; a shorter limit cannot hold one.
    return length >= 24 ? `{{${host ? 'unique-host' : 'unique'}:${length}}}` : undefined;
  }
  if (format === 'email') {
    const domain = '@example.com';
    return length > domain.length ? 'a'.repeat(length - domain.length) + domain : undefined;
  }
  for (const c of FILLERS) {
    const value = c.repeat(length);
    if (fits(field, value)) return value;
  }
  const phone = length >= 7 ? `+1234-${'1'.repeat(length - 6)}` : '';
  if (phone && fits(field, phone)) return phone;
  return undefined;
}

/** A value the field's pattern/format refuses, of a length within its limits. */
function brokenFormat(field: Field, keyword: 'pattern' | 'format', format?: string): string | undefined {
  const candidates = keyword === 'format'
    ? { email: ['not-an-email'], 'date-time': ['not-a-date'], date: ['not-a-date'], ipv4: ['999.1.1.1'], ipv6: ['not-an-ip'], ip: ['999.1.1.1'], 'uri-reference': ['http://[bad'], uri: ['not a uri'] }[format ?? ''] ?? ['not-valid!']
    : ['not valid!', '!', 'x y', '#'];
  const max = typeof field.schema.maxLength === 'number' ? field.schema.maxLength : Infinity;
  const min = typeof field.schema.minLength === 'number' ? field.schema.minLength : 0;
  const pattern = typeof field.schema.pattern === 'string' ? new RegExp(field.schema.pattern, 'u') : undefined;
  return candidates.find((c) => c.length <= max && c.length >= Math.max(min, 1) && (keyword === 'format' || !pattern!.test(c)));
}

/** The JSON types a field allows, its alternatives' (`anyOf: [{type: boolean}, {type: string, enum}]`) included. */
function typesOf(field: Field): string[] {
  return [field.schema, ...field.alternatives].flatMap((s) => (Array.isArray(s.type) ? s.type.map(String) : typeof s.type === 'string' ? [s.type] : []));
}

/** A value of a JSON type the field refuses (a Django form coerces numbers into strings: not derived). */
function wrongType(field: Field): unknown {
  const types = typesOf(field);
  if (types.includes('string')) return types.includes('object') ? undefined : { not: 'a string' };
  if (types.includes('integer') || types.includes('number')) return 'not-a-number';
  if (types.includes('boolean')) return 'not-a-boolean';
  if (types.includes('array')) return { not: 'a list' };
  if (types.includes('object')) return 'not-an-object';
  return undefined;
}

// ---- cases ------------------------------------------------------------------------------------

/**
 * The operation's first hand-written success case with a JSON object body on the run's own objects:
 * what derived cases vary. Never one that acts on an operator-provided object (`x-requires`): a
 * target that wrongly accepted an invalid value would change an object the run cannot put back (a
 * write-only recovery answer cannot be read to restore it). A create (201) that only *uses* one (a
 * RADIUS user on the operator's RADIUS server) is fine: what it creates is the run's own, cleaned up.
 */
export function baseCase(op: NegativeInput): ConformanceCase | undefined {
  return op.cases.find((c) => !c.generated && ownObjectsOnly(op, c) && c.expect.status >= 200 && c.expect.status < 300 && typeof c.body === 'object' && c.body !== null && !Array.isArray(c.body));
}

/** The case writes only the run's own objects: it needs no operator-provided object, or it creates one of its own. */
function ownObjectsOnly(op: NegativeInput, c: ConformanceCase): boolean {
  return c.requires.length === 0 || (op.method === 'POST' && c.expect.status === 201 && !c.requires.includes('disposable-target'));
}

/** A resource write: changing a field there changes the object, not the outcome (never an auth action). */
export function isResourceWrite(op: NegativeInput): boolean {
  return op.singleton || (op.method === 'POST' && op.fixtureCollection) || ((op.method === 'PATCH' || op.method === 'PUT') && /\{[^}]+\}\/$/.test(op.path));
}

/**
 * The derived cases of one operation. `invalid` is the document's invalid-input answer. Each case's
 * source is the seed section its field comes from (the property's `x-source`, else the request
 * schema's, else the base case's); its summary starts with `[keyword of field]`.
 */
export function negativeCases(op: NegativeInput, invalid: InvalidInput | undefined): Array<ConformanceCase & { derived: DerivedDescriptor }> {
  if (!invalid || operationNotDerivable(op, invalid)) return [];
  return [...bodyCases(op, invalid), ...queryCases(op, invalid)];
}

function bodyCases(op: NegativeInput, invalid: InvalidInput): Array<ConformanceCase & { derived: DerivedDescriptor }> {
  const base = baseCase(op);
  if (!op.requestSchema || !base) return [];
  const baseBody = base.body as Record<string, unknown>;
  const writes = isResourceWrite(op);
  const schemaSource = typeof op.requestSchema['x-source'] === 'string' ? op.requestSchema['x-source'] : base.source;
  const out: Array<ConformanceCase & { derived: DerivedDescriptor }> = [];
  let exempt: Record<string, unknown> = {};
  // The field's own `x-source` where its rule comes from elsewhere than the schema's.
  let fieldSource: string | undefined;
  const make = (id: string, summary: string, d: DerivedDescriptor, change: { body?: Record<string, unknown>; rawBody?: string }): void => {
    const accepted = d.expects === 'accepted';
    // `x-not-derived` on the property: a keyword (or only its accepted case, `keyword:accepted`) the documents validate otherwise.
    if (typeof exempt[d.keyword] === 'string' || (accepted && typeof exempt[`${d.keyword}:accepted`] === 'string')) return;
    out.push({
      ...base,
      id: `derived-${id}`,
      summary: `[${d.keyword}${d.field === '(body)' ? '' : ` of ${d.field}`}] ${summary}`,
      source: fieldSource ?? schemaSource,
      scenario: undefined,
      body: change.rawBody === undefined ? change.body : undefined,
      ...(change.rawBody === undefined ? {} : { rawBody: change.rawBody, headers: { ...base.headers, 'Content-Type': 'application/json' } }),
      generated: true,
      // The unknown field is not stored: the read-back check must not look for it.
      transformed: d.category === 'unknown-field' ? [...base.transformed, UNKNOWN_FIELD] : base.transformed,
      steps: [],
      expect: { status: accepted ? base.expect.status : invalid.status },
      // A refusal holds whatever the release; an accepted variation answers as its base case (x-versions).
      versions: accepted ? base.versions : undefined,
      derived: d,
    });
  };
  const withField = (name: string, value: unknown) => ({ ...baseBody, [name]: value });

  for (const field of fieldsOf(op.requestSchema).values()) {
    if (field.forbidden || field.schema.readOnly === true || (field.schema['x-create-only'] === true && op.method !== 'POST')) continue;
    exempt = asRecord(field.schema['x-not-derived']);
    fieldSource = typeof field.schema['x-source'] === 'string' ? field.schema['x-source'] : undefined;
    const name = field.name;
    const at = (k: string) => field.pointers.get(k) ?? '';
    const d = (keyword: string, category: NegativeCategory, expects: DerivedDescriptor['expects'], pointerKey = keyword): DerivedDescriptor => ({ keyword, field: name, category, expects, pointer: at(pointerKey) });
    const types = typesOf(field);
    const isString = types.includes('string');
    if (field.required && name in baseBody) {
      const { [name]: _omitted, ...rest } = baseBody;
      make(`${name}-omitted`, `Without the required ${name} the request is refused`, d('required', 'required', 'rejected'), { body: rest });
    }
    if (typeof field.schema.maxLength === 'number' && isString) {
      const max = field.schema.maxLength;
      const over = stringOfLength(field, max + 1, baseBody[name]);
      make(`${name}-maxlength-over`, `${name} one character longer than its maximum ${max} is refused`, d('maxLength', 'length', 'rejected'), { body: withField(name, over ?? 'a'.repeat(max + 1)) });
      const atLimit = writes ? stringOfLength(field, max, baseBody[name]) : undefined;
      if (atLimit !== undefined) make(`${name}-maxlength-at`, `${name} of exactly ${max} characters is accepted`, d('maxLength', 'length', 'accepted'), { body: withField(name, atLimit) });
    }
    if (typeof field.schema.minLength === 'number' && isString) {
      const min = field.schema.minLength;
      if (min > 0) make(`${name}-minlength-under`, `${name} shorter than its minimum ${min} is refused`, d('minLength', 'length', 'rejected'), { body: withField(name, stringOfLength(field, min - 1, undefined) ?? 'a'.repeat(min - 1)) });
      const atLimit = writes && min > 0 ? stringOfLength(field, min, baseBody[name]) : undefined;
      if (atLimit !== undefined) make(`${name}-minlength-at`, `${name} of exactly ${min} characters is accepted`, d('minLength', 'length', 'accepted'), { body: withField(name, atLimit) });
    }
    for (const [keyword, step] of [['maximum', 1], ['minimum', -1]] as const) {
      const limit = field.schema[keyword];
      if (typeof limit !== 'number') continue;
      make(`${name}-${keyword}-past`, `${name} = ${limit + step} (past its ${keyword} ${limit}) is refused`, d(keyword, 'length', 'rejected'), { body: withField(name, limit + step) });
      if (writes) make(`${name}-${keyword}-at`, `${name} = ${limit} (its ${keyword}) is accepted`, d(keyword, 'length', 'accepted'), { body: withField(name, limit) });
    }
    for (const [keyword, step] of [['maxItems', 1], ['minItems', -1]] as const) {
      const limit = field.schema[keyword];
      if (typeof limit !== 'number' || limit + step < 0) continue;
      const item = Array.isArray(baseBody[name]) ? (baseBody[name] as unknown[])[0] : undefined;
      if (item === undefined && limit + step > 0) continue;
      make(`${name}-${keyword}-past`, `${name} with ${limit + step} items (past its ${keyword} ${limit}) is refused`, d(keyword, 'length', 'rejected'), { body: withField(name, Array.from({ length: limit + step }, () => item)) });
    }
    const enumValues = field.schema.enum ?? field.alternatives.find((a) => Array.isArray(a.enum))?.enum;
    if (Array.isArray(enumValues)) {
      const values = enumValues;
      const numeric = values.filter((v): v is number => typeof v === 'number');
      const broken = numeric.length > 0 && numeric.length === values.filter((v) => v !== null).length ? Math.max(...numeric) + 1 : 'not-a-choice';
      make(`${name}-enum`, `${name} = ${JSON.stringify(broken)} (not one of its values) is refused`, d('enum', 'enum', 'rejected', field.pointers.has('enum') ? 'enum' : 'alt:enum'), { body: withField(name, broken) });
    }
    if ('const' in field.schema) {
      make(`${name}-const`, `${name} other than ${JSON.stringify(field.schema.const)} is refused`, d('const', 'enum', 'rejected'), { body: withField(name, typeof field.schema.const === 'string' ? 'not-the-value' : 'not-a-value') });
    }
    for (const alt of field.alternatives) {
      if ('const' in alt && writes && !field.required) {
        make(`${name}-alternative-const`, `${name} = ${JSON.stringify(alt.const)} (a documented alternative) is accepted`, { ...d('const', 'format', 'accepted', 'alt:const') }, { body: withField(name, alt.const) });
      }
    }
    const format = typeof field.schema.format === 'string' ? field.schema.format : (field.alternatives.find((a) => typeof a.format === 'string')?.format as string | undefined);
    if (format && isString) {
      const value = brokenFormat(field, 'format', format);
      if (value !== undefined) make(`${name}-format`, `${name} = ${JSON.stringify(value)} (not a valid ${format}) is refused`, d('format', 'format', 'rejected', field.pointers.has('format') ? 'format' : 'alt:format'), { body: withField(name, value) });
    }
    if (typeof field.schema.pattern === 'string' && isString) {
      const value = brokenFormat(field, 'pattern');
      if (value !== undefined) make(`${name}-pattern`, `${name} = ${JSON.stringify(value)} (not matching ${field.schema.pattern}) is refused`, d('pattern', 'format', 'rejected'), { body: withField(name, value) });
    }
    const wrong = wrongType(field);
    if (wrong !== undefined) make(`${name}-type`, `${name} of the wrong JSON type (${JSON.stringify(wrong)}) is refused`, d('type', 'type', 'rejected'), { body: withField(name, wrong) });
    // A Django form reads null on an optional field as empty: only a required field refuses it.
    if (field.required && !types.includes('null')) {
      make(`${name}-null`, `${name} = null (required, not nullable) is refused`, d('null', 'type', 'rejected', 'required'), { body: withField(name, null) });
    }
  }
  // Whole-body cases: tastypie hydrates only the fields it knows, and refuses a body it cannot parse.
  exempt = {};
  fieldSource = undefined;
  make('unknown-field', 'An unknown field is ignored: the request answers as without it', { keyword: 'additionalProperties', field: '(body)', category: 'unknown-field', expects: 'accepted', pointer: '' }, { body: { ...baseBody, [UNKNOWN_FIELD]: 'ignored' } });
  make('not-json', 'A body that is not JSON is refused', { keyword: 'type', field: '(body)', category: 'not-json', expects: 'rejected', pointer: '/type' }, { rawBody: '{"not json' });
  return out;
}
