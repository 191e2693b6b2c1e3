/**
 * JSON Schema validation of answers (ajv, 2020-12 dialect as OpenAPI 3.1 uses, strict mode, formats).
 * Each schema is compiled once per process and cached by identity: the dereferenced document shares
 * schema objects, so a component used by many operations compiles once.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { JsonSchema } from './openapi.ts';

// ajv-formats ships CommonJS; under NodeNext its default export may arrive wrapped in `default`.
type AddFormats = (ajv: Ajv2020) => unknown;
const addFormats: AddFormats =
  (addFormatsModule as unknown as { default?: AddFormats }).default ?? (addFormatsModule as unknown as AddFormats);

/** OpenAPI 3.1 schema keywords that are not JSON Schema validation keywords. */
const OPENAPI_SCHEMA_KEYWORDS = ['example', 'xml', 'externalDocs', 'discriminator'];

export interface SchemaViolation {
  /** JSON pointer into the answer body. */
  pointer: string;
  /** Pointer into the schema that failed. */
  schemaPath: string;
  message: string;
  params: Record<string, unknown>;
}

export class SchemaRegistry {
  private readonly ajv: Ajv2020;
  private readonly compiled = new WeakMap<object, ValidateFunction>();
  private readonly closed = new WeakMap<object, ValidateFunction>();

  constructor(extensions: Iterable<string>) {
    this.ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
    addFormats(this.ajv);
    this.ajv.addVocabulary([...OPENAPI_SCHEMA_KEYWORDS, ...extensions]);
  }

  /**
   * Fields of `value` that `schema` does not name (where it leaves objects open, as it does for
   * fields newer firmware may add), as JSON pointers. Validated against a closed copy of the schema
   * (`unevaluatedProperties: false` wherever an object lists its properties), compiled once.
   */
  undocumentedFields(schema: JsonSchema, value: unknown): string[] {
    let validateFn = this.closed.get(schema);
    if (!validateFn) {
      validateFn = this.ajv.compile(closeObjects(schema, false, new Map()) as JsonSchema);
      this.closed.set(schema, validateFn);
    }
    if (validateFn(value)) return [];
    const extra = (validateFn.errors ?? []).filter((e) => e.keyword === 'unevaluatedProperties');
    return [...new Set(extra.map((e) => `${e.instancePath}/${String((e.params as { unevaluatedProperty?: string }).unevaluatedProperty)}`))];
  }

  /** Validates `value`; returns the violations (empty when valid). */
  validate(schema: JsonSchema, value: unknown): SchemaViolation[] {
    let validateFn = this.compiled.get(schema);
    if (!validateFn) {
      validateFn = this.ajv.compile(schema);
      this.compiled.set(schema, validateFn);
    }
    if (validateFn(value)) return [];
    return (validateFn.errors ?? []).map((e: ErrorObject) => ({
      pointer: e.instancePath || '/',
      schemaPath: e.schemaPath,
      message: e.message ?? 'is invalid',
      params: e.params as Record<string, unknown>,
    }));
  }
}

const COMPOSITIONS = ['allOf', 'anyOf', 'oneOf'];

/**
 * A copy of `schema` in which every object that lists its properties (and says nothing of others)
 * allows no others. Branches of allOf/anyOf/oneOf are closed by the node that composes them, not
 * each on its own (a branch alone would refuse its siblings' fields).
 */
function closeObjects(schema: unknown, inComposition: boolean, seen: Map<object, unknown>): unknown {
  if (Array.isArray(schema)) return schema.map((s) => closeObjects(s, false, seen));
  if (typeof schema !== 'object' || schema === null) return schema;
  const cached = seen.get(schema);
  if (cached) return cached;
  const copy: Record<string, unknown> = {};
  seen.set(schema, copy);
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith('x-') || key === 'enum' || key === 'const' || key === 'default' || key === 'example' || key === 'examples') copy[key] = value;
    else if (COMPOSITIONS.includes(key) && Array.isArray(value)) copy[key] = value.map((branch) => closeObjects(branch, true, seen));
    else if (key === 'properties' && typeof value === 'object' && value !== null) {
      copy[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, closeObjects(sub, false, seen)]));
    } else copy[key] = closeObjects(value, false, seen);
  }
  const open = ['additionalProperties', 'unevaluatedProperties', 'patternProperties'].some((k) => k in copy);
  const describesObject = 'properties' in copy || COMPOSITIONS.some((k) => k in copy && Array.isArray(copy[k]) && (copy[k] as unknown[]).some((b) => typeof b === 'object' && b !== null && 'properties' in b));
  // strictTypes: the keyword goes only where the node says it is an object.
  const isObject = copy.type === 'object' || (Array.isArray(copy.type) && copy.type.includes('object'));
  if (!inComposition && !open && describesObject && isObject) copy.unevaluatedProperties = false;
  return copy;
}
