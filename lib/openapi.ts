/**
 * Loads the hand-written OpenAPI documents and turns them into the model the suite generates its
 * tests from: operations, their documented responses, and their `x-cases` (see
 * `openapi/CONVENTIONS.md`). Nothing here knows a resource by name.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3_1 } from 'openapi-types';
import type { AuthMode, QueryValue } from './http.ts';

export const OPENAPI_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'openapi');

export type JsonSchema = Record<string, unknown>;

export interface FixtureSpec {
  /** Collection path the fixture is POSTed to. */
  create: string;
  body: unknown;
}

/** One `x-cases` entry: a concrete documented request and the status the documents promise. */
export interface ConformanceCase {
  id: string;
  summary: string;
  source: string;
  fixtures: Record<string, FixtureSpec>;
  path: Record<string, unknown>;
  query: Record<string, QueryValue>;
  headers: Record<string, string>;
  body?: unknown;
  auth: AuthMode;
  expect: { status: number };
}

export interface MediaSpec {
  schema?: JsonSchema;
}

export interface ResponseSpec {
  status: string;
  description: string;
  /** Media types (lower-case, no parameters) to their schema. Empty: the answer has no body. */
  content: Record<string, MediaSpec>;
  headers: string[];
}

export interface Operation {
  /** Document name, e.g. `fac`. */
  product: string;
  operationId: string;
  method: string;
  /** Path template, e.g. `/api/v1/localusers/{id}/`. */
  path: string;
  summary: string;
  source: string;
  tags: string[];
  responses: Record<string, ResponseSpec>;
  requestSchema?: JsonSchema;
  filters?: Record<string, unknown>;
  ordering?: string[];
  permission?: unknown;
  cases: ConformanceCase[];
  /** Pointer of the operation in its document, for schema error paths. */
  pointer: string;
}

export interface ApiModel {
  documents: Array<{ product: string; file: string; title: string; version: string }>;
  operations: Operation[];
  /** Collection path → body that creates one throw-away object (`x-fixture-body`). */
  fixtureBodies: Map<string, unknown>;
  /** Every `x-` keyword used inside schemas, for ajv's vocabulary. */
  schemaExtensions: Set<string>;
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'] as const;

/** The top-level documents in `openapi/`, one per product; their parts live in `openapi/<product>/`. */
export function documentFiles(dir = OPENAPI_DIR): string[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function collectExtensions(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectExtensions(item, into);
    return;
  }
  for (const [key, child] of Object.entries(asRecord(value))) {
    if (key.startsWith('x-')) into.add(key);
    collectExtensions(child, into);
  }
}

function parseCase(raw: unknown, operationSource: string, where: string): ConformanceCase {
  const c = asRecord(raw);
  const id = c.id;
  const status = asRecord(c.expect).status;
  if (typeof id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(id)) throw new Error(`${where}: x-cases entry needs a kebab-case "id"`);
  if (typeof status !== 'number') throw new Error(`${where} case ${id}: "expect.status" must be a number`);
  const auth = (c.auth ?? 'admin') as AuthMode;
  if (!['admin', 'none', 'wrong-key'].includes(auth)) throw new Error(`${where} case ${id}: unknown auth "${String(c.auth)}"`);
  const fixtures: Record<string, FixtureSpec> = {};
  for (const [name, spec] of Object.entries(asRecord(c.fixtures))) {
    const f = asRecord(spec);
    if (typeof f.create !== 'string') throw new Error(`${where} case ${id}: fixture ${name} needs "create"`);
    fixtures[name] = { create: f.create, body: f.body ?? {} };
  }
  return {
    id,
    summary: typeof c.summary === 'string' ? c.summary : id,
    source: typeof c['x-source'] === 'string' ? c['x-source'] : operationSource,
    fixtures,
    path: asRecord(c.path),
    query: asRecord(c.query) as Record<string, QueryValue>,
    headers: asRecord(c.headers) as Record<string, string>,
    body: c.body,
    auth,
    expect: { status },
  };
}

function parseResponses(raw: unknown): Record<string, ResponseSpec> {
  const out: Record<string, ResponseSpec> = {};
  for (const [status, value] of Object.entries(asRecord(raw))) {
    const r = asRecord(value);
    const content: Record<string, MediaSpec> = {};
    for (const [media, spec] of Object.entries(asRecord(r.content))) {
      const schema = asRecord(spec).schema;
      content[media.split(';')[0]!.trim().toLowerCase()] = { schema: schema === undefined ? undefined : asRecord(schema) };
    }
    out[status] = {
      status,
      description: typeof r.description === 'string' ? r.description : '',
      content,
      headers: Object.keys(asRecord(r.headers)).map((h) => h.toLowerCase()),
    };
  }
  return out;
}

/** Parses one dereferenced document into operations. */
function modelDocument(product: string, doc: OpenAPIV3_1.Document, model: ApiModel): void {
  collectExtensions(doc.components?.schemas, model.schemaExtensions);
  for (const [pathTemplate, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = asRecord(asRecord(item)[method]);
      if (Object.keys(op).length === 0) continue;
      const operationId = typeof op.operationId === 'string' ? op.operationId : `${method} ${pathTemplate}`;
      const source = typeof op['x-source'] === 'string' ? op['x-source'] : '';
      const where = `${product}: ${operationId}`;
      const rawCases = Array.isArray(op['x-cases']) ? op['x-cases'] : [];
      const requestSchema = asRecord(asRecord(asRecord(op.requestBody).content)['application/json']).schema;
      const responses = parseResponses(op.responses);
      for (const response of Object.values(responses)) {
        for (const media of Object.values(response.content)) collectExtensions(media.schema, model.schemaExtensions);
      }
      if (op['x-fixture-body'] !== undefined) model.fixtureBodies.set(pathTemplate, op['x-fixture-body']);
      model.operations.push({
        product,
        operationId,
        method: method.toUpperCase(),
        path: pathTemplate,
        summary: typeof op.summary === 'string' ? op.summary : operationId,
        source,
        tags: Array.isArray(op.tags) ? op.tags.map(String) : [],
        responses,
        requestSchema: requestSchema === undefined ? undefined : asRecord(requestSchema),
        filters: op['x-filters'] === undefined ? undefined : asRecord(op['x-filters']),
        ordering: Array.isArray(op['x-ordering']) ? op['x-ordering'].map(String) : undefined,
        permission: op['x-permission'] ?? asRecord(item)['x-permission'],
        cases: rawCases.map((c) => parseCase(c, source, where)),
        pointer: `#/paths/${pathTemplate.replace(/~/g, '~0').replace(/\//g, '~1')}/${method}`,
      });
    }
  }
}

/**
 * Loads every document in `openapi/`, dereferenced. `validate` also runs swagger-parser's
 * validation (the lint step and the CLI's preflight do; test collection need not pay for it twice).
 */
export async function loadApiModel(options: { dir?: string; validate?: boolean } = {}): Promise<ApiModel> {
  const model: ApiModel = { documents: [], operations: [], fixtureBodies: new Map(), schemaExtensions: new Set() };
  for (const file of documentFiles(options.dir)) {
    const product = path.basename(file).replace(/\.ya?ml$/, '');
    // By file path, so `$ref`s into `openapi/<product>/*.yaml` resolve relative to the document.
    if (options.validate) await SwaggerParser.validate(file);
    const doc = (await SwaggerParser.dereference(file)) as OpenAPIV3_1.Document;
    model.documents.push({ product, file, title: doc.info.title, version: doc.info.version });
    modelDocument(product, doc, model);
  }
  return model;
}

/** The documented response for a status: exact code, then `4XX`-style ranges, then `default`. */
export function documentedResponse(op: Operation, status: number): ResponseSpec | undefined {
  return op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`] ?? op.responses.default;
}

/** True when `op` answers a list envelope (`meta` + `objects`) on 200. */
export function isListOperation(op: Operation): boolean {
  const schema = documentedResponse(op, 200)?.content['application/json']?.schema;
  const props = asRecord(schema?.properties);
  return op.method === 'GET' && 'meta' in props && 'objects' in props;
}

/** The collection path of a detail path (`/api/v1/x/{id}/` → `/api/v1/x/`). */
export function collectionPathOf(pathTemplate: string): string {
  return pathTemplate.replace(/\{[^}]+\}\/$/, '');
}
