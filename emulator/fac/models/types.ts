// Shared types between the FAC models (emulator/fac/*) and the tastypie wire layer (emulator/fac/wire/*).
// Models never import anything HTTP: they return values (Outcome / ActionOutcome) and a declaration
// (ResourceDecl) that tells the wire layer which fields, filters, orderings and methods exist.

import type { VariantFlags } from '../variants.ts';
import type { Row, Store, Table } from './store.ts';

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

/** A file part of a multipart/form-data body (Django UploadedFile; FAC's upload endpoints:
 * 002 · usercerts renew, Licensing, Backup and restore). Text parts arrive as plain strings. */
export class UploadedFile {
  constructor(
    readonly filename: string,
    readonly contentType: string,
    readonly content: Buffer,
  ) {}
}

/** What a sub-path, an endpoint resource or a write that answers with data gives back. The wire layer
 * serializes `object` in the negotiated format and pages `list` like any tastypie list. */
export type Reply =
  | { kind: 'object'; status: number; data: Record<string, Json>; location?: string }
  | { kind: 'list'; objects: readonly Record<string, Json>[] }
  | { kind: 'empty'; status: number }
  | { kind: 'text'; status: number; text: string }
  | { kind: 'file'; filename: string; contentType: string; content: string };

/** A request to a sub-path or endpoint (no body for GET: data is {}). */
export interface ActionRequest {
  method: HttpMethod;
  data: Record<string, unknown>;
  query: QueryParams;
  /** The token of an `Authorization: Bearer <token>` header, checked or not (002 · /oauth/verify_token/
   * reads it itself); undefined without such a header. */
  bearer?: string;
}

/** A sub-path of a list or detail URL (/usercerts/renew/, /localusers/<id>/sendoobtoken/) or the list
 * URL of a resource that is neither a list nor a singleton (/licensing/, /recovery/). */
export interface SubAction {
  methods: readonly HttpMethod[];
  /** Also accept multipart/form-data bodies (FAC file uploads). */
  multipart?: boolean;
  /** `id` is the parent detail's id for detail sub-paths (a non-numeric id never reaches here: 404). */
  run(req: ActionRequest, id: number | null): Outcome<Reply>;
}

/** A settings singleton served on the list URL (002 · userlockoutpolicy, logsettings, ...). */
export interface Singleton {
  get(): Record<string, Json>;
  /** POST: "Defaults are used if fields are unspecified." */
  set?(data: Record<string, unknown>): Outcome<Record<string, Json>>;
  /** PATCH: "Previously saved settings are used if fields are unspecified." */
  update?(data: Record<string, unknown>): Outcome<Record<string, Json>>;
}

/** A resource nested under a parent detail URL: /<parent>/<id>/<name>/[<child id>/]
 * (002 · /localusers/[id]/radiusattributes/). `decl` gives name, methods, fields, filters and ordering;
 * the collection is bound to one parent (undefined when the parent does not exist → 404). */
export interface ChildResource {
  decl: ResourceDecl;
  collectionFor(parentId: number): Collection<unknown> | undefined;
}

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
  /** true when `dehydrate` depends on nothing but stored state and the view (no clock): a list
   * answer may then reuse a row's serialised form until the next write (emulator/fac/wire/dispatch.ts). */
  stableRows?: boolean;
  create?(data: Record<string, unknown>): Outcome<T>;
  /** PUT detail. tastypie put_detail falls back to obj_create when the id does not exist. */
  replace?(id: number, data: Record<string, unknown>): Outcome<{ obj: T; created: boolean }>;
  patch?(id: number, data: Record<string, unknown>): Outcome<T>;
  /** false: no such object (404); a ModelError: the object may not be removed (400). */
  remove?(id: number): boolean | ModelError;
  /** PUT list (tastypie put_list: replace the whole collection; all or nothing here). */
  replaceAll?(items: readonly Record<string, unknown>[]): Outcome<readonly T[]>;
  /** DELETE list (tastypie delete_list). */
  removeAll?(): void;
  /** Body for a POST/PATCH answer instead of the usual empty one (002 · returnseed=1); called once
   * right after a successful create/patch. undefined = the usual empty answer. */
  writeAnswer?(obj: T, query: QueryParams): Record<string, Json> | undefined;
}

/**
 * `Collection.value` from a table of field → accessor: the fields a resource filters and orders by,
 * each read once; any other field is null (never matches a filter, orders first).
 */
export function fieldValues<T>(accessors: Readonly<Record<string, (obj: T) => Scalar>>): (obj: T, field: string) => Scalar {
  return (obj, field) => (Object.hasOwn(accessors, field) ? accessors[field]!(obj) : null);
}

/** A collection over one table: rows by id in the table's default order; the rest is the model's. */
export function tableCollection<T extends Row>(table: Table<T>, model: Omit<Collection<T>, 'all' | 'get' | 'id'>): Collection<T> {
  return { all: () => table.all(), get: (id) => table.get(id), id: (row) => row.id, ...model };
}

export interface ResourceDecl {
  /** URL segment and error key, e.g. "localusers". */
  name: string;
  listMethods: readonly HttpMethod[];
  detailMethods: readonly HttpMethod[];
  /** 003 · Authorization and Permissions table: "Webservice Basic Authentication", "OAuth Bearer
   * Token Authentication" or "None" (emulator/fac/wire/auth.ts). */
  auth: 'basic' | 'bearer' | 'none';
  /** 003 · "Applicable Built-in Permission Set" and "Required Permission code": an administrator whose
   * admin profile lacks it gets 403 (002 · General API response codes). Absent = "None". */
  permission?: { set: string; code: string };
  /** Its answers set Django's session cookie (002 · Authentication (/auth/): every example answer,
   * 200, 401 and 404, carries `Set-Cookie: sessionid=…; httponly; Path=/`). */
  sessionCookie?: boolean;
  /** The URL prefix when it is not /api/v1/ (003 · "fabric (no version)": /api/fabric/...). Such
   * resources are not in the /api/v1/ root listing. */
  urlPrefix?: string;
  /** A plain Django view, not a tastypie resource (002 · Fabric endpoints, documented without a trailing
   * slash): the trailing slash is optional and only the list URL (`endpoint`), `schema/` and the
   * `listActions` keys (which may hold a slash: "widget/sysinfo") exist; any other sub-path is 404. */
  plainView?: boolean;
  /** Fields of the resource (tastypie `self.fields`): unknown query keys are ignored by filtering. */
  fields: Readonly<Record<string, FieldSpec>>;
  filtering: Readonly<Record<string, readonly Lookup[]>>;
  ordering: readonly string[];
  /** Records are opaque to the wire layer (Collection's methods are bivariant in T). */
  collection?: Collection<unknown>;
  /** POST on the list URL of an action resource (e.g. /auth/). */
  action?(data: Record<string, unknown>): ActionOutcome;
  /** Path of the list URL under /api/v1/ when it is not `name` (child resources: "localusers/4/radiusattributes"). */
  path?: string;
  /** Settings singleton: GET/POST/PATCH on the list URL answer a bare object; no detail URLs. */
  singleton?: Singleton;
  /** Neither list nor singleton: the list URL runs this (002 · Licensing, Backup and restore). */
  endpoint?: SubAction;
  /** Sub-paths of the list URL: /<name>/<sub>/ (002 · usercerts pem/, renew/). */
  listActions?: Readonly<Record<string, SubAction>>;
  /** Sub-paths of a detail URL: /<name>/<id>/<sub>/ (002 · sendoobtoken, verifyrecoveryanswer). */
  detailActions?: Readonly<Record<string, SubAction>>;
  /** Resources nested under a detail URL: /<name>/<id>/<child>/ (002 · radiusattributes). */
  children?: Readonly<Record<string, ChildResource>>;
  /** A create answers 207 Multi-Status with a list of the created objects and no Location (facts ·
   * FortiAuthenticator behaviour seen on real devices: POST /localusers/ on 8.0.x), not 201. */
  multiStatusCreate?: boolean;
}

/** What every model factory receives. */
export interface ModelContext {
  store: Store;
  variants: VariantFlags;
  /** The release answered as (emulator/release.ts): selects version-dependent behaviour. */
  version: string;
  /** Clock, injectable for tests (expires_at rules). */
  now(): Date;
}

export const API_PREFIX = '/api/v1/';
export const detailUri = (resource: string, id: number): string => `${API_PREFIX}${resource}/${id}/`;
