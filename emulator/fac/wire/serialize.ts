// tastypie serializers (facts · tastypie `serializers.py`): JSON with sorted keys and Python's
// separators (`json.dumps(sort_keys=True, ensure_ascii=False)` → ", " and ": "), and XML built like
// `Serializer.to_etree` + lxml `tostring(xml_declaration=True, encoding='utf-8')`.

import type { Json } from '../models/types.ts';

/** A resource object (tastypie Bundle): a dict, but rendered `<object>` without type="hash" in XML. */
export class Bundle {
  /** Its JSON text, once made (a Bundle is never changed after it is built). */
  json: string | undefined;
  constructor(readonly data: Record<string, Json>) {}
}

export type WireValue = string | number | boolean | null | Bundle | WireValue[] | { [key: string]: WireValue };

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// ---- JSON ---------------------------------------------------------------------------------------

// Strings that JSON.stringify would escape (quotes, backslash, controls, surrogates): the rest are
// wrapped in quotes directly, which keeps a 20-object page cheap.
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
const quote = (s: string): string => (NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`);
const keyCache = new Map<string, string>();
function keyPrefix(k: string): string {
  let c = keyCache.get(k);
  if (c === undefined) {
    c = `${quote(k)}: `;
    if (keyCache.size < 4096) keyCache.set(k, c);
  }
  return c;
}

export function toJson(value: WireValue): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      return Number.isFinite(value) ? `${value}` : value > 0 ? 'Infinity' : value < 0 ? '-Infinity' : 'NaN';
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      break;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    let s = `[${toJson(value[0] as WireValue)}`;
    for (let i = 1; i < value.length; i++) s += `, ${toJson(value[i] as WireValue)}`;
    return `${s}]`;
  }
  if (value instanceof Bundle) return (value.json ??= objectJson(value.data));
  return objectJson(value);
}

function objectJson(obj: Record<string, WireValue>): string {
  const keys = Object.keys(obj);
  if (keys.length === 0) return '{}';
  for (let i = 1; i < keys.length; i++) {
    if ((keys[i - 1] as string) > (keys[i] as string)) {
      keys.sort(byCodeUnit);
      break;
    }
  }
  let s = '{';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    s += `${i ? ', ' : ''}${keyPrefix(k)}${toJson(obj[k] as WireValue)}`;
  }
  return `${s}}`;
}

// ---- XML ----------------------------------------------------------------------------------------

export const XML_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n";

// Characters XML 1.0 cannot carry (lxml refuses them); reading: replaced by U+FFFD instead of a 500.
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// eslint-disable-next-line no-control-regex
const XML_SPECIAL = /[&<>\r\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;

function escapeText(s: string): string {
  if (!XML_SPECIAL.test(s)) return s;
  let t = s.replace(XML_INVALID, '\uFFFD');
  if (/[&<>\r]/.test(t)) t = t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
  return t;
}

/** Python str() of a scalar, as tastypie's force_str renders element text. */
function pyText(v: string | number | boolean): string {
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number' && !Number.isInteger(v)) return String(v); // float repr (close enough)
  return String(v);
}

function typeOf(v: string | number | boolean | null): string | null {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'float';
  return null; // strings carry no type attribute
}

/** The tag an unnamed value gets (list items). */
function itemTag(value: WireValue): string {
  if (Array.isArray(value)) return 'objects';
  if (value !== null && typeof value === 'object') return 'object';
  return 'value';
}

/** Keys sorted by code unit (tastypie sorts an element's children by tag). */
function sortedKeys(obj: Record<string, unknown>): string[] {
  const keys = Object.keys(obj);
  for (let i = 1; i < keys.length; i++) {
    if ((keys[i - 1] as string) > (keys[i] as string)) return keys.sort(byCodeUnit);
  }
  return keys;
}

/** One element, `to_etree` style. Children of an element are sorted by tag (stable). */
function element(value: WireValue, name: string | null, depth: number): string {
  if (Array.isArray(value)) {
    // list: `<name type="list">` (or `<objects>` when unnamed); items are unnamed.
    const tag = name ?? 'objects';
    const open = name ? `<${tag} type="list"` : `<${tag}`;
    if (value.length === 0) return `${open}/>`;
    let items: readonly WireValue[] = value;
    const first = itemTag(value[0] as WireValue);
    if (value.some((v) => itemTag(v) !== first))
      items = value
        .map((v, i) => ({ v, i, t: itemTag(v) }))
        .sort((a, b) => byCodeUnit(a.t, b.t) || a.i - b.i)
        .map((x) => x.v);
    let s = `${open}>`;
    for (const item of items) s += element(item, null, depth + 1);
    return `${s}</${tag}>`;
  }
  if (value !== null && typeof value === 'object') {
    // Bundle: `<object>` (no type); dict: `<response>` at the root, else `<name|object type="hash">`.
    const bundle = value instanceof Bundle;
    const obj: Record<string, WireValue> = bundle ? value.data : value;
    const tag = name ?? (depth === 0 && !bundle ? 'response' : 'object');
    const open = bundle || depth === 0 ? `<${tag}` : `<${tag} type="hash"`;
    const keys = sortedKeys(obj);
    if (keys.length === 0) return `${open}/>`;
    let s = `${open}>`;
    for (const k of keys) s += element(obj[k] as WireValue, k, depth + 1);
    return `${s}</${tag}>`;
  }
  const tag = name ?? 'value';
  const t = typeOf(value);
  if (value === null) return `<${tag} type="null"/>`;
  // lxml writes `<a></a>` for an empty string text and `<a/>` only when there is no text at all.
  return `<${tag}${t ? ` type="${t}"` : ''}>${escapeText(pyText(value))}</${tag}>`;
}

export function toXml(value: WireValue): string {
  return XML_DECLARATION + element(value, null, 0);
}
