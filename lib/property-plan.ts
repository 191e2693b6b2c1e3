/**
 * Which property-based tests run on which list, and on what data — one planner for the property
 * spec (`specs/properties.spec.ts`) and its self-test (`tests/harness/properties-plan.spec.ts`), so
 * "every list with `x-filters` gets its properties" is checked against the very plan the spec runs.
 *
 * Two kinds of data:
 * - `own`: a data set the suite creates through the API (the collection's `x-fixture-body`; a nested
 *   list also gets a parent of its own, from the parent collection's `x-fixture-body`), scoped by a
 *   run token. Needs a creatable collection and a safety level that allows writing.
 * - `observed`: the rows the target already holds, read (bounded) and judged by the same reference
 *   model; needs no write, so it works for lists the API cannot create objects in and under
 *   `read-only`. An empty list is skipped at run time, naming why.
 * Everything is read from the model; nothing names a resource.
 */
import type { ApiModel, JsonSchema, Operation } from './openapi.ts';
import { isListOperation } from './openapi.ts';
import type { SafetyLevel } from './safety.ts';

export const PROPERTY_IDS = ['lookups', 'refused', 'paging', 'offset', 'ordering', 'formats'] as const;
export type PropertyId = (typeof PROPERTY_IDS)[number];

/** `own` / `observed`: the data the property judges; `probe`: it needs no data set (fixed probes). */
export type PropertyMode = 'own' | 'observed' | 'probe';
export type PlannedProperty = { run: PropertyMode } | { skip: string };

export interface NestedParent {
  /** The parent collection, e.g. `/api/v1/localusers/`. */
  collection: string;
  /** The path parameter naming the parent in the list's path, e.g. `id`. */
  param: string;
}

export interface PropertyPlan {
  op: Operation;
  /** Set for a list under a parent's detail URL (`/api/v1/localusers/{id}/radiusattributes/`). */
  parent?: NestedParent;
  /** The suite can build a data set of its own for this list, or why not. */
  ownData: { available: true } | { available: false; why: string };
  properties: Record<PropertyId, PlannedProperty>;
}

const LOOKUPS = ['exact', 'iexact', 'contains', 'icontains', 'in', 'startswith', 'istartswith'];

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Properties of a schema, merged across `allOf`/`anyOf`/`oneOf` branches. */
export function schemaProperties(schema: unknown): Record<string, JsonSchema> {
  const s = asRecord(schema);
  const out: Record<string, JsonSchema> = {};
  const merge = (props: Record<string, unknown>) => {
    // Branches refine each other (`name: true` in a `required` branch adds nothing): merge keywords.
    for (const [name, prop] of Object.entries(props)) out[name] = { ...(out[name] ?? {}), ...asRecord(prop) };
  };
  merge(asRecord(s.properties));
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    for (const branch of Array.isArray(s[key]) ? (s[key] as unknown[]) : []) merge(schemaProperties(branch));
  }
  return out;
}

/** Lookups of one `x-filters` entry (`[exact, in]` or `{lookups, values}`), unknown names dropped. */
export function filterLookups(raw: unknown): string[] {
  const spec = Array.isArray(raw) ? { lookups: raw } : (asRecord(raw) as { lookups?: unknown });
  return (Array.isArray(spec.lookups) ? spec.lookups : ['exact']).map(String).filter((l) => LOOKUPS.includes(l));
}

/**
 * Fields the suite can give values of its own when it creates objects: writable, typed string
 * (free text: no enum, format or enumerated filter) or boolean, and not pinned by the fixture body
 * to a literal the target needs as is (a RADIUS attribute name, a vendor).
 */
export function variableFields(op: Operation, createSchema: JsonSchema | undefined, fixtureBody: unknown): Array<{ name: string; kind: 'string' | 'boolean'; lookups: string[] }> {
  const props = schemaProperties(createSchema);
  const body = asRecord(fixtureBody);
  const out: Array<{ name: string; kind: 'string' | 'boolean'; lookups: string[] }> = [];
  for (const [name, raw] of Object.entries(op.filters ?? {})) {
    const prop = props[name];
    if (!prop || prop.readOnly === true) continue;
    if (typeof body[name] === 'string' && !(body[name] as string).includes('{{')) continue;
    const types = ([] as unknown[]).concat(prop.type ?? []);
    const enumerated = Array.isArray(asRecord(raw).values);
    if (types.includes('boolean')) out.push({ name, kind: 'boolean', lookups: filterLookups(raw) });
    else if (types.includes('string') && !prop.enum && !prop.format && !enumerated) out.push({ name, kind: 'string', lookups: filterLookups(raw) });
  }
  return out;
}

/** The parent of a nested list: the path up to its last parameter is the parent's detail path. */
export function nestedParent(path: string): NestedParent | undefined {
  const m = /^(.*\/)\{([^}]+)\}\/[^{}]+$/.exec(path);
  return m ? { collection: m[1]!, param: m[2]! } : undefined;
}

/** The list operations whose properties run: GET lists documenting `x-filters`. */
export function filterableLists(model: ApiModel): Operation[] {
  return model.operations.filter((op) => isListOperation(op) && op.filters !== undefined && Object.keys(op.filters).length > 0);
}

export function planProperties(model: ApiModel, options: { safety: SafetyLevel }): PropertyPlan[] {
  return filterableLists(model).map((op) => {
    const parent = nestedParent(op.path);
    const create = model.operations.find((o) => o.method === 'POST' && o.path === op.path);
    const fixtureBody = model.fixtureBodies.get(op.path);
    let ownData: PropertyPlan['ownData'] = { available: true };
    if (options.safety === 'read-only') ownData = { available: false, why: 'safety level read-only' };
    else if (!create || fixtureBody === undefined) ownData = { available: false, why: `${op.path} has no POST with an x-fixture-body, so the suite cannot create objects in it` };
    else if (parent && !model.fixtureBodies.has(parent.collection)) ownData = { available: false, why: `its parent collection ${parent.collection} has no x-fixture-body` };

    const variable = ownData.available ? variableFields(op, create?.requestSchema, fixtureBody) : [];
    const scopable = variable.some((f) => f.kind === 'string' && (f.lookups.includes('contains') || f.lookups.includes('startswith')));
    const orderable = variable.some((f) => f.kind === 'string' && (op.ordering ?? []).includes(f.name));
    const ownOr = (useOwn: boolean): PlannedProperty => ({ run: useOwn ? 'own' : 'observed' });
    return {
      op,
      parent,
      ownData,
      properties: {
        lookups: ownOr(variable.length > 0),
        refused: { run: 'probe' },
        paging: ownOr(scopable),
        offset: ownOr(scopable),
        ordering: ownOr(orderable),
        formats: { run: 'probe' },
      },
    };
  });
}
