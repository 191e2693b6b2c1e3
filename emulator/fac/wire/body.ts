// Request bodies — tastypie Serializer.from_json / from_xml + from_etree (facts · Errors: invalid JSON
// → 400 {"error": "Request is not valid JSON."}).
//
// Reading: any Content-Type other than XML is parsed as JSON. The guide's /auth/ examples send JSON
// with `curl -d` and no Content-Type (so application/x-www-form-urlencoded) and get 200 OK.
// 002 · Create SSO group shows an XML body (`<object><name>Test Group2</name></object>`).

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { UploadedFile } from '../models/types.ts';
import { dropped } from '../models/validate.ts';

export type BodyResult = { ok: true; value: unknown } | { ok: false; message: string };

const NOT_JSON = 'Request is not valid JSON.';
// tastypie answers a bad XML body with an empty BadRequest ({"error": ""}); reading: a clearer text.
const NOT_XML = 'Request is not valid XML.';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function isXmlContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const t = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return t === 'application/xml' || t === 'text/xml';
}

export function decodeBody(contentType: string | undefined, body: Buffer): BodyResult {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return { ok: false, message: isXmlContentType(contentType) ? NOT_XML : NOT_JSON };
  }
  if (isXmlContentType(contentType)) return fromXml(text);
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return { ok: false, message: NOT_JSON };
  }
  // Variant: tastypie's read-only id and resource_uri refused instead of ignored (full_hydrate skips them).
  if (dropped.readOnlyRefused && typeof value === 'object' && value !== null && ('id' in value || 'resource_uri' in value)) {
    return { ok: false, message: 'id and resource_uri are read-only.' };
  }
  return { ok: true, value };
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

type XNode = Record<string, unknown>;

function tagOf(node: XNode): string | null {
  for (const k of Object.keys(node)) if (k !== ':@' && k !== '#text') return k;
  return null;
}

function childrenOf(node: XNode, tag: string): XNode[] {
  const c = node[tag];
  return Array.isArray(c) ? (c as XNode[]).filter((n) => tagOf(n) !== null) : [];
}

function textOf(node: XNode, tag: string): string | null {
  const c = node[tag];
  if (!Array.isArray(c)) return null;
  let text: string | null = null;
  for (const n of c as XNode[]) {
    if (tagOf(n) !== null) break; // lxml .text: the text before the first child
    const t = n['#text'];
    if (t !== undefined) text = (text ?? '') + String(t);
  }
  return text;
}

class XmlShapeError extends Error {}

/** tastypie from_etree. */
function fromEtree(node: XNode): unknown {
  const tag = tagOf(node) as string;
  const attrs = (node[':@'] ?? {}) as Record<string, string>;
  const type = attrs.type;
  if (tag === 'object' || type === 'hash') {
    const out: Record<string, unknown> = {};
    for (const child of childrenOf(node, tag)) out[tagOf(child) as string] = fromEtree(child);
    return out;
  }
  if (tag === 'objects' || type === 'list') return childrenOf(node, tag).map(fromEtree);
  const text = textOf(node, tag);
  switch (type) {
    case undefined:
    case 'string':
      return text;
    case 'integer':
      if (text === null || !/^\s*[+-]?\d+\s*$/.test(text)) throw new XmlShapeError();
      return Number.parseInt(text.trim(), 10);
    case 'float': {
      const n = text === null ? Number.NaN : Number(text);
      if (!Number.isFinite(n)) throw new XmlShapeError();
      return n;
    }
    case 'boolean':
      return text === 'True';
    default:
      return null;
  }
}

function fromXml(text: string): BodyResult {
  // defusedxml: DTDs and entity declarations are forbidden.
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return { ok: false, message: NOT_XML };
  try {
    if (XMLValidator.validate(text) !== true) return { ok: false, message: NOT_XML };
    const roots = (parser.parse(text) as XNode[]).filter((n) => tagOf(n) !== null);
    const root = roots[0];
    if (!root || roots.length !== 1) return { ok: false, message: NOT_XML };
    const tag = tagOf(root) as string;
    if (tag === 'request') {
      // "if 'object' or 'objects' exists, return deserialized forms" else a dict of the children.
      const kids = childrenOf(root, tag);
      const inner = kids.find((k) => tagOf(k) === 'object' || tagOf(k) === 'objects');
      if (inner) return { ok: true, value: fromEtree(inner) };
      const out: Record<string, unknown> = {};
      for (const k of kids) out[tagOf(k) as string] = fromEtree(k);
      return { ok: true, value: out };
    }
    return { ok: true, value: fromEtree(root) };
  } catch {
    return { ok: false, message: NOT_XML };
  }
}

// ---- multipart/form-data ------------------------------------------------------------------------
// FAC's upload endpoints (002 · usercerts renew, Licensing, Backup and restore: `curl -F`) take
// multipart bodies. tastypie has no multipart deserializer: FAC adds one, most plausibly the usual
// MultipartResource recipe (`request.POST` + `request.FILES`, last value of a repeated name wins, as
// QueryDict.get). Parsed by hand (RFC 7578): text parts → strings, parts with a filename → UploadedFile.

const NOT_MULTIPART = 'Invalid multipart/form-data body.';
/** Django DATA_UPLOAD_MAX_NUMBER_FIELDS. */
const MAX_PARTS = 1000;

function mediaType(contentType: string | undefined): string {
  return ((contentType ?? '').split(';')[0] ?? '').trim().toLowerCase();
}

export function isMultipartContentType(contentType: string | undefined): boolean {
  return mediaType(contentType) === 'multipart/form-data';
}

/** A header parameter (`boundary=...`, `name="..."`), quoted or not. */
function headerParam(header: string, name: string): string | undefined {
  const re = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, 'i');
  const m = re.exec(header);
  if (!m) return undefined;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2];
}

export function decodeMultipart(contentType: string | undefined, body: Buffer): BodyResult {
  const boundary = headerParam(contentType ?? '', 'boundary');
  if (!boundary || boundary.length > 200) return { ok: false, message: NOT_MULTIPART };
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const out: Record<string, unknown> = {};
  // The first delimiter may start the body; every later one follows a CRLF.
  let pos = body.indexOf(delimiter);
  if (pos < 0) return { ok: false, message: NOT_MULTIPART };
  let parts = 0;
  for (;;) {
    pos += delimiter.length;
    // "--" after a delimiter closes the body (the epilogue is ignored).
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return { ok: true, value: out };
    // Transport padding, then CRLF.
    while (body[pos] === 0x20 || body[pos] === 0x09) pos++;
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    else return { ok: false, message: NOT_MULTIPART };
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n', 'latin1'), delimiter]), pos);
    if (next < 0) return { ok: false, message: NOT_MULTIPART }; // no closing delimiter
    if (++parts > MAX_PARTS) return { ok: false, message: 'The number of GET/POST parameters exceeded the limit.' };
    const part = body.subarray(pos, next);
    const split = part.indexOf('\r\n\r\n');
    const headerText = (split < 0 ? part : part.subarray(0, split)).toString('utf8');
    const content = split < 0 ? Buffer.alloc(0) : part.subarray(split + 4);
    const headers = new Map<string, string>();
    for (const line of headerText.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const disposition = headers.get('content-disposition') ?? '';
    if (!/^form-data\b/i.test(disposition)) return { ok: false, message: NOT_MULTIPART };
    const name = headerParam(disposition, 'name');
    const filename = headerParam(disposition, 'filename');
    if (name !== undefined && name !== '') {
      if (filename !== undefined) {
        // Django drops a file part with an empty filename (no file chosen in a form).
        if (filename !== '')
          out[name] = new UploadedFile(filename, headers.get('content-type') ?? 'application/octet-stream', Buffer.from(content));
      } else {
        try {
          out[name] = utf8.decode(content);
        } catch {
          out[name] = content.toString('latin1');
        }
      }
    }
    pos = next + 2;
  }
}
