// Shared types between the FAC models (emulator/fac/*) and the tastypie wire layer (emulator/wire/*).
// Models never import anything HTTP: they return values (Outcome / ActionOutcome) and a declaration
// (ResourceDecl) that tells the wire layer which fields, filters, orderings and methods exist.

import type { VariantFlags } from '../variants.ts';
import type { Store } from './store.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Filter lookups the guide documents (002 · Filter lookup expressions). */
export type Lookup = 'exact' | 'iexact' | 'contains' | 'icontains' | 'in' | 'startswith' | 'istartswith';

/** tastypie `dehydrated_type` names (facts · tastypie schema). */
export type FieldType = 'string' | 'integer' | 'boolean' | 'datetime' | 'list' | 'related';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** A value a filter or an ordering compares: the model's raw value for one field. */
export type Scalar = string | number | boolean | null;

export interface FieldSpec {
  type: FieldType;
  help: string;
  nullable?: boolean;
  readonly?: boolean;
  unique?: boolean;
  blank?: boolean;
  /** undefined = tastypie NOT_PROVIDED. */
  default?: Json;
  /** For related fields: the resource they point to and the relation kind. */
  related?: { to: string; kind: 'to_one' | 'to_many' };
}

/** Read-only view of the query string the models may consult (abridged, return_members). */
export interface QueryParams {
  /** Last value of a repeated key, as Django's QueryDict.get does. */
  get(key: string): string | undefined;
  has(key: string): boolean;
}

export interface View {
  query: QueryParams;
  /** true when dehydrating an object of a list answer (tastypie full_dehydrate(for_list=True)). */
  forList: boolean;
}

export type FieldErrors = Record<string, string[]>;

/** Errors as values. The wire layer maps them: invalid → 400 {"<resource>": {...}}, bad_request → 400
 * {"error": message}, not_found → 404 empty body. */
export type ModelError =
  | { kind: 'invalid'; fields: FieldErrors }
  | { kind: 'bad_request'; message: string }
  | { kind: 'not_found' };

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ModelError };

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const invalid = <T>(fields: FieldErrors): Outcome<T> => ({ ok: false, error: { kind: 'invalid', fields } });
export const badRequest = <T>(message: string): Outcome<T> => ({ ok: false, error: { kind: 'bad_request', message } });
export const notFound = <T>(): Outcome<T> => ({ ok: false, error: { kind: 'not_found' } });

/** Result of an action resource (POST-only, e.g. /auth/). `reason` is the short text body. */
export type ActionOutcome =
  | { kind: 'accepted' }
  | { kind: 'rejected'; reason: string }
  | { kind: 'unknown_subject'; reason: string }
  | { kind: 'error'; error: ModelError };

/** The data side of a list/detail resource. T is the stored record. */
export interface Collection<T> {
  /** Every object in the resource's default order (may be a cached array: never mutate it). */
  all(): readonly T[];
  get(id: number): T | undefined;
  id(obj: T): number;
  /** Raw value of a field, for filtering and ordering (related to_one fields give the target id). */
  value(obj: T, field: string): Scalar;
  /** The object as the API shows it (keys are sorted by the serializer). */
  dehydrate(obj: T, view: View): Record<string, Json>;
  create?(data: Record<string, unknown>): Outcome<T>;
  /** PUT detail. tastypie put_detail falls back to obj_create when the id does not exist. */
  replace?(id: number, data: Record<string, unknown>): Outcome<{ obj: T; created: boolean }>;
  patch?(id: number, data: Record<string, unknown>): Outcome<T>;
  remove?(id: number): boolean;
}

export interface ResourceDecl {
  /** URL segment and error key, e.g. "localusers". */
  name: string;
  listMethods: readonly HttpMethod[];
  detailMethods: readonly HttpMethod[];
  /** 003 · Authorization and Permissions table: "Webservice Basic Authentication" or "None". */
  auth: 'basic' | 'none';
  /** Fields of the resource (tastypie `self.fields`): unknown query keys are ignored by filtering. */
  fields: Readonly<Record<string, FieldSpec>>;
  filtering: Readonly<Record<string, readonly Lookup[]>>;
  ordering: readonly string[];
  /** Records are opaque to the wire layer (Collection's methods are bivariant in T). */
  collection?: Collection<unknown>;
  /** POST on the list URL of an action resource (e.g. /auth/). */
  action?(data: Record<string, unknown>): ActionOutcome;
}

/** What every model factory receives. */
export interface ModelContext {
  store: Store;
  variants: VariantFlags;
  /** Clock, injectable for tests (expires_at rules). */
  now(): Date;
}

export const API_PREFIX = '/api/v1/';
export const detailUri = (resource: string, id: number): string => `${API_PREFIX}${resource}/${id}/`;
