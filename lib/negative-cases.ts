/**
 * Issue 12 · every documented limit is a negative case. Derives, from each operation's request
 * schema, the boundary and rejection cases the documents imply: at a limit (accepted) and one past
 * it (rejected) for maxLength/minLength/maximum/minimum/maxItems/minItems, each required field
 * omitted, each enum/const broken, each format/pattern broken, wrong JSON types, null on required
 * fields, an unknown field, and a body that is not JSON — on the body's fields and on list items.
 * Read-only fields and cross-field rules: lib/negative-rules.ts; query parameters:
 * lib/negative-query.ts; which case is varied and what it may touch: lib/negative-base.ts. One
 * generator for every operation: nothing here knows a resource by name.
 *
 * The rejection answer is the document's `x-invalid-input` (`{status, x-source}`); a document
 * without one (the documents do not say how invalid input is answered) derives no refusal, only the
 * accepted sides of `<keyword>:rejected` exemptions, and the self-test
 * (tests/harness/negative-cases.spec.ts) lists its other constraints as not derivable, naming why.
 * `enumerateConstraints` is the independent walk the self-test compares the derived cases with.
 */
import type { DerivedDescriptor, InvalidInput, JsonSchema, NegativeCategory } from './api-model.ts';
import { asRecord, baseCase, baseFields, type Constraint, type Derived, derivedExpect, derivedRequires, esc, isConstraintKeyword, ownId, refusalVersions, isResourceWrite, type NegativeInput, operationNotDerivable, schemaTypes } from './negative-base.ts';
import { queryCases, queryConstraints } from './negative-query.ts';
import { bodySizePointers, ignoredOnWrite, ruleCases } from './negative-rules.ts';

export type { Constraint, NegativeInput } from './negative-base.ts';

export type { DerivedDescriptor, InvalidInput, NegativeCategory, QueryParameter } from './api-model.ts';

/** Where a keyword sits decides whether it is a plain field limit or part of a cross-field rule. */
const CONDITIONAL = new Set(['if', 'then', 'else', 'anyOf', 'oneOf', 'not', 'dependentSchemas', 'dependentRequired']);

/** The document's invalid-input answer (`x-invalid-input` at the top level), if it states one. */
export function invalidInputOf(doc: unknown): InvalidInput | undefined {
  const raw = asRecord(asRecord(doc)['x-invalid-input']);
  // `status: 400`, or `status: [400, 401]` when any of several is the documented refusal.
  const statuses = (Array.isArray(raw.status) ? raw.status : [raw.status]).filter((s): s is number => typeof s === 'number');
  if (statuses.length === 0) return undefined;
  const r = asRecord(raw.refusal);
  const refusal = typeof r.pointer === 'string' && typeof r.below === 'number' ? { pointer: r.pointer, below: r.below } : undefined;
  return { status: statuses[0]!, statuses, ...(refusal ? { refusal } : {}), source: typeof raw['x-source'] === 'string' ? raw['x-source'] : '' };
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
function fieldsOf(schema: JsonSchema, prefix = ''): Map<string, Field> {
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
  visit(schema, prefix);
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

function bodyConstraints(op: NegativeInput, invalid: InvalidInput | undefined): Constraint[] {
  const schema = op.requestSchema;
  if (!schema) return [];
  const notDerivableWhy = operationNotDerivable(op, invalid)
    ? operationNotDerivable(op, invalid)
      : !baseCase(op, invalid)
        ? 'the operation has no documented success case with a JSON body to vary'
        : '';
  const derivable = notDerivableWhy === '';
  const base = baseCase(op, invalid);
  // `<keyword>:rejected`: no refusal is documented, so only the accepted side is derived (acceptedSide),
  // which needs a success case to vary but no invalid-input answer.
  const acceptedSideOnly = !op.notDerived && base !== undefined;
  const acceptsLimits = isResourceWrite(op) || (op.method === 'POST' && base?.expect.status === 201);
  const onOperatorsObject = base !== undefined && derivedRequires(op, base).includes('disposable-target');
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
      if (isConstraintKeyword(k)) {
        // Read-only and create-only fields, cross-field rules, list items and body sizes have cases of their own (lib/negative-rules.ts, the item scopes).
        const why = noRefusal(flags.exempt, k)
          ? acceptedSideOnly && ACCEPTED_SIDE.has(k)
            ? undefined
            : `x-not-derived: ${flags.exempt[`${k}:rejected`] as string} (and no accepted side to derive)`
          : !derivable
          ? notDerivableWhy
          : k === 'type' && base !== undefined && base.body === undefined
            ? 'a form-encoded request: every field is text, so no other JSON type (or a body that is not JSON) can be sent'
          : typeof flags.exempt[k] === 'string'
            ? `x-not-derived: ${flags.exempt[k] as string}`
            : k === 'const' && (!acceptsLimits || onOperatorsObject) && /\/anyOf\/\d+$/.test(at) && !flags.conditional
              ? onOperatorsObject
                ? 'an accepted alternative value: on an operator-provided object (a disposable target) no value is stored that the documented case does not store, as other cases read that object back'
                : 'an accepted alternative value: accepted values are derived only for writes of the run\'s own objects, and this operation is an action'
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

/** Keywords whose accepted side a `<keyword>:rejected` exemption derives: each other documented value, each other allowed type, the limit itself. */
const ACCEPTED_SIDE = new Set(['enum', 'type', 'minimum', 'maximum']);

/** `x-not-derived: {<keyword>:rejected: why}`: the documents give no refusal for the keyword, only its accepted side is derived. */
const noRefusal = (exempt: Record<string, unknown>, keyword: string): boolean => typeof exempt[`${keyword}:rejected`] === 'string';

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
  return [field.schema, ...field.alternatives].flatMap(schemaTypes);
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

/** A value of each JSON type, for the accepted side of a type union. */
const SAMPLE_OF_TYPE: Record<string, unknown> = { string: 'forticonform', integer: 4721, number: 4721.5, boolean: true };
const jsonTypeOf = (v: unknown): string | undefined =>
  v === undefined ? undefined : v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v;

// ---- cases ------------------------------------------------------------------------------------

/**
 * The derived cases of one operation. `invalid` is the document's invalid-input answer. Each case's
 * source is the seed section its field comes from (the property's `x-source`, else the request
 * schema's, else the base case's); its summary starts with `[keyword of field]`.
 */
export function negativeCases(op: NegativeInput, invalid: InvalidInput | undefined): Derived[] {
  // Without a documented refusal only the accepted sides of `<keyword>:rejected` exemptions are derived.
  const refusals = invalid !== undefined && operationNotDerivable(op, invalid) === '' ? invalid : undefined;
  const cases = [...(op.notDerived ? [] : bodyCases(op, refusals, invalid)), ...(invalid ? queryCases(op, invalid) : [])];
  // Accepted cases first: a target that wrongly accepts an invalid value (a wrong recovery answer
  // counted as an attempt) cannot then spoil a case that must be accepted.
  return [...cases.filter((c) => c.derived.expects === 'accepted'), ...cases.filter((c) => c.derived.expects !== 'accepted')];
}

interface Scope {
  fields: Iterable<Field>;
  /** The object the fields sit in (the body, or a list's first item). */
  body: Record<string, unknown>;
  /** The whole request body with the scope's object changed. */
  wrap: (changed: Record<string, unknown>) => Record<string, unknown>;
  /** How a field of the scope is named (`objects[].vendor`). */
  label: string;
  /** No base item to vary (an empty list): only refusals are derived, on a list of one made-up item. */
  rejectOnly?: boolean;
}

/**
 * The body's own fields, then the item fields of each list the base case sends a non-empty value
 * for: an item's limits are probed on the list's first item, the rest of the body unchanged.
 */
function scopes(op: NegativeInput, baseBody: Record<string, unknown>): Scope[] {
  const top = fieldsOf(op.requestSchema!);
  const out: Scope[] = [{ fields: top.values(), body: baseBody, wrap: (b) => b, label: '' }];
  for (const field of top.values()) {
    const list = baseBody[field.name];
    const itemsAt = field.pointers.get('items');
    if (field.forbidden || field.schema.readOnly === true || field.schema['x-create-only'] === true || itemsAt === undefined) continue;
    const items = asRecord(field.schema.items);
    const rest = Array.isArray(list) ? list.slice(1) : [];
    if (!Array.isArray(list) || list.length === 0) {
      // Scalar items only: an object item needs a valid base to vary.
      if (items.type === 'object' || items.properties !== undefined || items.allOf !== undefined) continue;
      const name = `${field.name}[]`;
      const pointers = new Map(Object.keys(items).map((k) => [k, `${itemsAt}/${k}`]));
      // The list's own `x-not-derived` holds for its items.
      const schema = { ...items, 'x-not-derived': { ...asRecord(field.schema['x-not-derived']), ...asRecord(items['x-not-derived']) } };
      out.push({ fields: [{ name, schema, alternatives: [], pointers, required: false }], body: {}, wrap: (b) => ({ ...baseBody, [field.name]: [b[name]] }), label: '', rejectOnly: true });
    } else if (typeof list[0] === 'object' && list[0] !== null && !Array.isArray(list[0])) {
      out.push({ fields: fieldsOf(items, itemsAt).values(), body: list[0] as Record<string, unknown>, wrap: (b) => ({ ...baseBody, [field.name]: [b, ...rest] }), label: `${field.name}[].` });
    } else {
      const name = `${field.name}[]`;
      const pointers = new Map(Object.keys(items).map((k) => [k, `${itemsAt}/${k}`]));
      out.push({ fields: [{ name, schema: items, alternatives: [], pointers, required: false }], body: { [name]: list[0] }, wrap: (b) => ({ ...baseBody, [field.name]: [b[name], ...rest] }), label: '' });
    }
  }
  return out;
}

/**
 * `invalid`: the documented refusal, when refusals may be derived; `answers`: the document's
 * invalid-input answer as the base case is chosen by (a refusal inside a success status is no success).
 */
function bodyCases(op: NegativeInput, invalid: InvalidInput | undefined, answers: InvalidInput | undefined): Derived[] {
  const base = baseCase(op, answers);
  if (!op.requestSchema || !base) return [];
  const baseBody = baseFields(base)!;
  // A form-encoded base (a token request) is varied as a form: its fields are text, so no body that is not JSON.
  const asForm = base.body === undefined;
  const writes = isResourceWrite(op);
  // A create of the run's own object (a RADIUS user) may also take a documented alternative value.
  const creates = writes || (op.method === 'POST' && base.expect.status === 201);
  const schemaSource = typeof op.requestSchema['x-source'] === 'string' ? op.requestSchema['x-source'] : base.source;
  const out: Derived[] = [];
  let exempt: Record<string, unknown> = {};
  // The field's own `x-source` where its rule comes from elsewhere than the schema's.
  let fieldSource: string | undefined;
  const requires = derivedRequires(op, base);
  const onOperatorsObject = requires.includes('disposable-target');
  const makeCase = (id: string, summary: string, d: DerivedDescriptor, change: { body?: Record<string, unknown>; rawBody?: string }): void => {
    const accepted = d.expects === 'accepted';
    // On an operator's object (a disposable target) no accepted value is stored that the base case
    // does not store itself: other cases of the run read that object back (its refusals change nothing).
    // `keyword:rejected`: the documents give no refusal for it; without a documented refusal at all,
    // only those keywords' accepted sides are derived. Their values are documented ones (an enum's, a
    // range's ends), which an operator's object may hold anyway.
    const acceptedSide = accepted && noRefusal(exempt, d.keyword);
    if (accepted && onOperatorsObject && !acceptedSide && (d.category === 'length' || d.category === 'format')) return;
    // `x-not-derived` on the property: a keyword (or only its accepted case, `keyword:accepted`) the documents validate otherwise.
    if (typeof exempt[d.keyword] === 'string' || (accepted && typeof exempt[`${d.keyword}:accepted`] === 'string')) return;
    if (!accepted && (invalid === undefined || noRefusal(exempt, d.keyword))) return;
    if (invalid === undefined && !acceptedSide) return;
    out.push({
      ...base,
      id: `derived-${id}`,
      summary: `[${d.keyword}${d.field === '(body)' ? '' : ` of ${d.field}`}] ${summary}`,
      source: fieldSource ?? schemaSource,
      scenario: undefined,
      requires,
      body: change.rawBody === undefined && !asForm ? change.body : undefined,
      ...(asForm ? { form: change.body } : {}),
      ...(change.rawBody === undefined ? {} : { rawBody: change.rawBody, headers: { ...base.headers, 'Content-Type': 'application/json' } }),
      generated: true,
      // The unknown field is not stored: the read-back check must not look for it.
      transformed: d.category === 'unknown-field' ? [...base.transformed, UNKNOWN_FIELD] : base.transformed,
      steps: [],
      expect: derivedExpect(answers, accepted, base),
      // A refusal holds whatever the release; an accepted variation answers as its base case (x-versions).
      versions: accepted ? base.versions : refusalVersions(base),
      derived: d,
    });
  };
  for (const { fields, body: scopeBody, wrap, label, rejectOnly } of scopes(op, baseBody)) {
  const withField = (name: string, value: unknown) => wrap({ ...scopeBody, [name]: value });
  const make = (id: string, summary: string, d: DerivedDescriptor, change: { body?: Record<string, unknown> }): void => {
    if (!(rejectOnly && d.expects === 'accepted')) makeCase(id, summary, d, change);
  };
  for (const field of fields) {
    if (field.forbidden || ignoredOnWrite(field.schema, op.method !== 'POST')) continue;
    exempt = asRecord(field.schema['x-not-derived']);
    fieldSource = typeof field.schema['x-source'] === 'string' ? field.schema['x-source'] : undefined;
    const name = field.name;
    const shown = `${label}${name}`;
    const key = shown.replace(/[^A-Za-z0-9_]+/g, '-');
    const at = (k: string) => field.pointers.get(k) ?? '';
    const d = (keyword: string, category: NegativeCategory, expects: DerivedDescriptor['expects'], pointerKey = keyword): DerivedDescriptor => ({ keyword, field: shown, category, expects, pointer: at(pointerKey) });
    const types = typesOf(field);
    const isString = types.includes('string');
    if (field.required && name in scopeBody) {
      const { [name]: _omitted, ...rest } = scopeBody;
      make(`${key}-omitted`, `Without the required ${name} the request is refused`, d('required', 'required', 'rejected'), { body: wrap(rest) });
    }
    if (typeof field.schema.maxLength === 'number' && isString) {
      const max = field.schema.maxLength;
      const over = stringOfLength(field, max + 1, scopeBody[name]);
      make(`${key}-maxlength-over`, `${shown} one character longer than its maximum ${max} is refused`, d('maxLength', 'length', 'rejected'), { body: withField(name, over ?? 'a'.repeat(max + 1)) });
      const atLimit = writes ? stringOfLength(field, max, scopeBody[name]) : undefined;
      if (atLimit !== undefined) make(`${key}-maxlength-at`, `${shown} of exactly ${max} characters is accepted`, d('maxLength', 'length', 'accepted'), { body: withField(name, atLimit) });
    }
    if (typeof field.schema.minLength === 'number' && isString) {
      const min = field.schema.minLength;
      if (min > 0) make(`${key}-minlength-under`, `${shown} shorter than its minimum ${min} is refused`, d('minLength', 'length', 'rejected'), { body: withField(name, stringOfLength(field, min - 1, undefined) ?? 'a'.repeat(min - 1)) });
      const atLimit = writes && min > 0 ? stringOfLength(field, min, scopeBody[name]) : undefined;
      if (atLimit !== undefined) make(`${key}-minlength-at`, `${shown} of exactly ${min} characters is accepted`, d('minLength', 'length', 'accepted'), { body: withField(name, atLimit) });
    }
    for (const [keyword, step] of [['maximum', 1], ['minimum', -1]] as const) {
      const limit = field.schema[keyword];
      if (typeof limit !== 'number') continue;
      make(`${key}-${keyword}-past`, `${shown} = ${limit + step} (past its ${keyword} ${limit}) is refused`, d(keyword, 'length', 'rejected'), { body: withField(name, limit + step) });
      if (writes || noRefusal(exempt, keyword)) make(`${key}-${keyword}-at`, `${shown} = ${limit} (its ${keyword}) is accepted`, d(keyword, 'length', 'accepted'), { body: withField(name, limit) });
    }
    for (const [keyword, step] of [['maxItems', 1], ['minItems', -1]] as const) {
      const limit = field.schema[keyword];
      if (typeof limit !== 'number' || limit + step < 0) continue;
      const item = Array.isArray(scopeBody[name]) ? (scopeBody[name] as unknown[])[0] : undefined;
      if (item === undefined && limit + step > 0) continue;
      make(`${key}-${keyword}-past`, `${shown} with ${limit + step} items (past its ${keyword} ${limit}) is refused`, d(keyword, 'length', 'rejected'), { body: withField(name, Array.from({ length: limit + step }, () => item)) });
    }
    const enumValues = field.schema.enum ?? field.alternatives.find((a) => Array.isArray(a.enum))?.enum;
    if (Array.isArray(enumValues)) {
      const values = enumValues;
      const numeric = values.filter((v): v is number => typeof v === 'number');
      const broken = numeric.length > 0 && numeric.length === values.filter((v) => v !== null).length ? Math.max(...numeric) + 1 : 'not-a-choice';
      make(`${key}-enum`, `${shown} = ${JSON.stringify(broken)} (not one of its values) is refused`, d('enum', 'enum', 'rejected', field.pointers.has('enum') ? 'enum' : 'alt:enum'), { body: withField(name, broken) });
      // No documented refusal (`enum:rejected`): each documented value the base does not send is accepted instead.
      if (noRefusal(exempt, 'enum')) {
        for (const v of values.filter((x) => x !== scopeBody[name])) make(`${key}-enum-${String(v)}`, `${shown} = ${JSON.stringify(v)} (one of its values) is accepted`, d('enum', 'enum', 'accepted', field.pointers.has('enum') ? 'enum' : 'alt:enum'), { body: withField(name, v) });
      }
    }
    if ('const' in field.schema) {
      make(`${key}-const`, `${shown} other than ${JSON.stringify(field.schema.const)} is refused`, d('const', 'enum', 'rejected'), { body: withField(name, typeof field.schema.const === 'string' ? 'not-the-value' : 'not-a-value') });
    }
    for (const alt of field.alternatives) {
      if ('const' in alt && creates && !field.required) {
        make(`${key}-alternative-const`, `${shown} = ${JSON.stringify(alt.const)} (a documented alternative) is accepted`, { ...d('const', 'format', 'accepted', 'alt:const') }, { body: withField(name, alt.const) });
      }
    }
    const format = typeof field.schema.format === 'string' ? field.schema.format : (field.alternatives.find((a) => typeof a.format === 'string')?.format as string | undefined);
    if (format && isString) {
      const value = brokenFormat(field, 'format', format);
      if (value !== undefined) make(`${key}-format`, `${shown} = ${JSON.stringify(value)} (not a valid ${format}) is refused`, d('format', 'format', 'rejected', field.pointers.has('format') ? 'format' : 'alt:format'), { body: withField(name, value) });
    }
    if (typeof field.schema.pattern === 'string' && isString) {
      const value = brokenFormat(field, 'pattern');
      if (value !== undefined) make(`${key}-pattern`, `${shown} = ${JSON.stringify(value)} (not matching ${field.schema.pattern}) is refused`, d('pattern', 'format', 'rejected'), { body: withField(name, value) });
    }
    // A form field is always text: a form-encoded base has no wrong JSON type and no null to send.
    const wrong = asForm ? undefined : wrongType(field);
    if (wrong !== undefined) make(`${key}-type`, `${shown} of the wrong JSON type (${JSON.stringify(wrong)}) is refused`, d('type', 'type', 'rejected'), { body: withField(name, wrong) });
    // No documented refusal (`type:rejected`): each other type the field allows is accepted instead.
    if (noRefusal(exempt, 'type')) {
      for (const t of types.filter((x) => x !== jsonTypeOf(scopeBody[name]))) {
        const value = SAMPLE_OF_TYPE[t];
        if (value !== undefined) make(`${key}-type-${t}`, `${shown} of type ${t} (${JSON.stringify(value)}, a type it allows) is accepted`, d('type', 'type', 'accepted'), { body: withField(name, value) });
      }
    }
    // A Django form reads null on an optional field as empty: only a required field refuses it.
    if (field.required && !types.includes('null') && !asForm) {
      make(`${key}-null`, `${shown} = null (required, not nullable) is refused`, d('null', 'type', 'rejected', 'required'), { body: withField(name, null) });
    }
  }
  }
  // Whole-body cases: tastypie hydrates only the fields it knows, and refuses a body it cannot parse.
  exempt = {};
  fieldSource = undefined;
  const make = makeCase;
  const sizes = bodySizePointers(op.requestSchema);
  make('unknown-field', 'An unknown field is ignored: the request answers as without it', { keyword: 'additionalProperties', field: '(body)', category: 'unknown-field', expects: 'accepted', pointer: '', covers: sizes.max }, { body: { ...baseBody, [UNKNOWN_FIELD]: 'ignored' } });
  // A PATCH of no field (below minProperties): tastypie hydrates nothing and answers as any PATCH.
  if (sizes.min.length > 0) make('no-field', 'A write of no field changes nothing: it answers as a write', { keyword: 'minProperties', field: '(body)', category: 'unknown-field', expects: 'accepted', pointer: sizes.min[0]!, covers: sizes.min }, { body: {} });
  for (const r of ruleCases(op.requestSchema, baseBody, { createOnlyIgnored: op.method !== 'POST', partial: op.method === 'PATCH', ownId: ownId(op, base) })) {
    fieldSource = r.source;
    make(r.id, r.summary, { keyword: r.keyword, field: r.field, category: r.category, expects: r.expects, pointer: r.covers[0]!, covers: r.covers }, { body: r.body });
  }
  if (!asForm) make('not-json', 'A body that is not JSON is refused', { keyword: 'type', field: '(body)', category: 'not-json', expects: 'rejected', pointer: '/type' }, { rawBody: '{"not json' });
  return out;
}
