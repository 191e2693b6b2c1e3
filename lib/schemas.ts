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

  constructor(extensions: Iterable<string>) {
    this.ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
    addFormats(this.ajv);
    this.ajv.addVocabulary([...OPENAPI_SCHEMA_KEYWORDS, ...extensions]);
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
