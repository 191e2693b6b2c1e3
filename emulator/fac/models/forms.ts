// A small Django-form layer shared by the plain list/detail resources (MAC devices, TACACS+, IAM,
// SMTP/syslog/FTP servers, ...): declarative field rules applied to a draft record, errors as values,
// plus the Collection glue (create / PUT / PATCH / DELETE over a store Table). No HTTP here.
// Messages are Django's stock texts unless a comment says otherwise (facts · FAC is Django/tastypie).

import { isIP } from 'node:net';
import type { Collection, FieldErrors, Json, Outcome, Scalar, View } from './types.ts';
import { detailUri, invalid, notFound, ok } from './types.ts';
import type { Row, Table } from './store.ts';
import { REQUIRED, dropped, isValidEmail, parseBoolean, parseChoice, parseInteger, parseString } from './validate.ts';

export type Rule =
  | {
      kind: 'string';
      required?: boolean;
      max?: number;
      /** Value of an omitted optional field on POST/PUT (default ""). null = stored as None. */
      default?: string | null;
      /** Extra validation of a non-empty value: an error message or null. */
      check?: (s: string) => string | null;
    }
  | { kind: 'integer'; required?: boolean; min?: number; max?: number; choices?: readonly number[]; default?: number | null }
  | { kind: 'boolean'; default: boolean }
  | { kind: 'choice'; choices: readonly string[]; default: string };

export type Form = Readonly<Record<string, Rule>>;

/** full: POST/PUT (omitted fields take their default, omitted required ones fail); partial: PATCH. */
export type Mode = 'full' | 'partial';

export const has = (data: Record<string, unknown>, key: string): boolean =>
  Object.prototype.hasOwnProperty.call(data, key) && data[key] !== undefined;
/** Given and not null (a field whose null means "not sent"). */
export const hasValue = (data: Record<string, unknown>, key: string): boolean => has(data, key) && data[key] !== null;
/** Given, not null and not empty (a form field Django treats as blank otherwise). */
export const hasNonEmpty = (data: Record<string, unknown>, key: string): boolean => hasValue(data, key) && data[key] !== '';

export function fail(errors: FieldErrors, field: string, message: string): void {
  if (!errors[field]) errors[field] = [message];
}

/** Apply `form` to `draft` from `data`, collecting per-field errors. Keys not in the form are ignored
 * (tastypie hydrates only known fields). */
export function applyForm(form: Form, data: Record<string, unknown>, draft: Record<string, unknown>, mode: Mode, errors: FieldErrors): void {
  for (const [key, rule] of Object.entries(form)) {
    if (!has(data, key)) {
      if (mode === 'partial') continue;
      if ('required' in rule && rule.required && !dropped.required) fail(errors, key, REQUIRED); // variant: required unchecked
      else draft[key] = rule.kind === 'string' ? (rule.default === undefined ? '' : rule.default) : rule.default ?? null;
      continue;
    }
    const raw = data[key];
    switch (rule.kind) {
      case 'string': {
        const r = parseString(raw, rule.max);
        if ('error' in r) fail(errors, key, r.error);
        else if (r.value === '') {
          if (rule.required) fail(errors, key, REQUIRED);
          else draft[key] = rule.default === null ? null : '';
        } else {
          const msg = dropped.formats ? null : rule.check?.(r.value) ?? null; // variant: formats unchecked
          if (msg !== null) fail(errors, key, msg);
          else draft[key] = r.value;
        }
        break;
      }
      case 'integer': {
        // Django form: an empty value is None → the required message, or the default.
        if (raw === null || raw === '') {
          if (rule.required) fail(errors, key, REQUIRED);
          else draft[key] = rule.default ?? null;
          break;
        }
        const r = parseInteger(raw);
        if ('error' in r) fail(errors, key, r.error);
        else if (rule.min !== undefined && r.value < rule.min && !dropped.lengths) fail(errors, key, `Ensure this value is greater than or equal to ${rule.min}.`);
        else if (rule.max !== undefined && r.value > rule.max && !dropped.lengths) fail(errors, key, `Ensure this value is less than or equal to ${rule.max}.`);
        else if (rule.choices && !rule.choices.includes(r.value) && !dropped.enums) fail(errors, key, `Select a valid choice. ${r.value} is not one of the available choices.`); // variant: enums unchecked
        else draft[key] = r.value;
        break;
      }
      case 'boolean': {
        const r = parseBoolean(raw);
        if ('error' in r) fail(errors, key, r.error);
        else draft[key] = r.value;
        break;
      }
      case 'choice': {
        // Reading: an empty choice means "not specified" → the documented default.
        if (raw === null || raw === '') {
          draft[key] = rule.default;
          break;
        }
        const r = parseChoice(raw, rule.choices);
        if ('error' in r) fail(errors, key, r.error);
        else draft[key] = r.value;
        break;
      }
    }
  }
}

/** Django's unique-field message: "<Model> with this <Field> already exists." */
export const uniqueMessage = (model: string, field: string): string => `${model} with this ${field} already exists.`;

/** First row (other than `exceptId`) whose `field` equals `value` under `same` (default ===). */
export function findDuplicate<T extends Row>(
  rows: Iterable<T>,
  field: keyof T,
  value: unknown,
  exceptId: number | null,
  same: (a: unknown, b: unknown) => boolean = (a, b) => a === b,
): T | undefined {
  for (const r of rows) if (r.id !== exceptId && same(r[field], value)) return r;
  return undefined;
}

export const emailCheck = (s: string): string | null => (isValidEmail(s) ? null : 'Enter a valid email address.');

// ---- network addresses -----------------------------------------------------------------------

const IPV4_MASK = /^(?:255\.255\.255\.(?:255|254|252|248|240|224|192|128|0)|255\.255\.(?:254|252|248|240|224|192|128|0)\.0|255\.(?:254|252|248|240|224|192|128|0)\.0\.0|(?:254|252|248|240|224|192|128|0)\.0\.0\.0)$/;

/** An IPv4/IPv6 address, or a subnet as address/prefix (IPv4 also address/dotted mask). */
export function isIpOrSubnet(s: string): boolean {
  if (dropped.formats) return true; // variant: formats unchecked
  const slash = s.indexOf('/');
  if (slash < 0) return isIP(s) !== 0;
  const addr = s.slice(0, slash);
  const suffix = s.slice(slash + 1);
  const family = isIP(addr);
  if (family === 0) return false;
  if (/^\d{1,3}$/.test(suffix)) return Number(suffix) <= (family === 4 ? 32 : 128);
  return family === 4 && IPV4_MASK.test(suffix);
}

// ---- Collection glue -------------------------------------------------------------------------

export interface CrudSpec<T extends Row> {
  /** URL segment, for resource_uri. */
  name: string;
  table: Table<T>;
  /** The object as the API shows it, without resource_uri (added here). */
  show(obj: T, view: View): Record<string, Json>;
  /** Raw value of a field for filtering/ordering; default: the record's own scalar property. */
  value?(obj: T, field: string): Scalar | undefined;
  /** Validate a body into the next record. before: the stored object (PUT/PATCH) or null (POST). */
  build?(data: Record<string, unknown>, before: T | null, mode: Mode, id: number | null): Outcome<T>;
  /** Side effects once a record is written (e.g. the one-default-server rule). */
  afterWrite?(obj: T, before: T | null): void;
  /** Cascades before a record is removed. */
  beforeRemove?(obj: T): void;
  /** Drop rows whose referenced objects are gone (lazy FK cascade); called before every read. */
  purge?(): void;
  writable?: { create?: boolean; replace?: boolean; patch?: boolean; remove?: boolean };
}

function rawValue(obj: object, field: string): Scalar {
  const v: unknown = (obj as Record<string, unknown>)[field];
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null ? v : null;
}

export function crudCollection<T extends Row>(spec: CrudSpec<T>): Collection<T> {
  const { table, name } = spec;
  const w = spec.writable ?? {};
  const build = spec.build;
  const purge = (): void => spec.purge?.();

  const coll: Collection<T> = {
    all: () => {
      purge();
      return table.all();
    },
    get: (id) => {
      purge();
      return table.get(id);
    },
    id: (o: T) => o.id,
    value: (o: T, field: string) => {
      if (field === 'resource_uri') return detailUri(name, o.id);
      const v = spec.value?.(o, field);
      return v === undefined ? rawValue(o, field) : v;
    },
    dehydrate: (o: T, view: View) => ({ ...spec.show(o, view), resource_uri: detailUri(name, o.id) }),
  };
  if (w.create && build)
    coll.create = (data) => {
      purge();
      const r = build(data, null, 'full', null);
      if (!r.ok) return r;
      const obj = table.insert((id) => ({ ...r.value, id }));
      spec.afterWrite?.(obj, null);
      return ok(obj);
    };
  if (w.replace && build)
    // tastypie put_detail: replace the object, or create it at that id when it does not exist.
    coll.replace = (id, data) => {
      purge();
      const before = table.get(id) ?? null;
      const r = build(data, before, 'full', id);
      if (!r.ok) return r;
      const next = { ...r.value, id };
      if (before) {
        const snapshot = { ...before };
        Object.assign(before, next);
        spec.afterWrite?.(before, snapshot);
        return ok({ obj: before, created: false });
      }
      const obj = table.insertWithId(next);
      spec.afterWrite?.(obj, null);
      return ok({ obj, created: true });
    };
  if (w.patch && build)
    coll.patch = (id, data) => {
      purge();
      const before = table.get(id);
      if (!before) return notFound();
      const r = build(data, before, 'partial', id);
      if (!r.ok) return r;
      const snapshot = { ...before };
      Object.assign(before, r.value, { id });
      spec.afterWrite?.(before, snapshot);
      return ok(before);
    };
  if (w.remove)
    coll.remove = (id) => {
      purge();
      const obj = table.get(id);
      if (!obj) return false;
      spec.beforeRemove?.(obj);
      return table.delete(id);
    };
  return coll;
}

/** Finish a build: errors → 400 {"<resource>": {...}}, else the draft as the record type. */
export function settle<T>(draft: T, errors: FieldErrors): Outcome<T> {
  return Object.keys(errors).length > 0 ? invalid(errors) : ok(draft);
}
