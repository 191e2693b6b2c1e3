/**
 * Reads tastypie's XML serialisation back into the JSON value it stands for, so an XML answer is
 * checked against the same schema as the JSON one. Typing follows tastypie's `serializers.py`
 * (facts · FortiAuthenticator is a django-tastypie API · Formats): `type="hash"` → object,
 * `type="list"` → array (`<object>` and `<value>` items), `type="integer"`/`"float"` → number,
 * `type="boolean"` → boolean, `type="null"` → null, untyped → string.
 */
import { XMLParser } from 'fast-xml-parser';

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  trimValues: false,
  ignoreDeclaration: true,
});

export class XmlShapeError extends Error {}

function tagOf(node: OrderedNode): string | undefined {
  return Object.keys(node).find((k) => k !== ':@' && k !== '#text');
}

function textOf(children: OrderedNode[]): string {
  return children.map((c) => (typeof c['#text'] === 'string' || typeof c['#text'] === 'number' ? String(c['#text']) : '')).join('');
}

function elementChildren(children: OrderedNode[]): OrderedNode[] {
  return children.filter((c) => tagOf(c) !== undefined);
}

function convert(node: OrderedNode, implicitHash: boolean): unknown {
  const tag = tagOf(node)!;
  const children = (node[tag] as OrderedNode[]) ?? [];
  const type = node[':@']?.type ?? (implicitHash ? 'hash' : undefined);
  switch (type) {
    case 'hash': {
      const out: Record<string, unknown> = {};
      for (const child of elementChildren(children)) out[tagOf(child)!] = convert(child, false);
      return out;
    }
    case 'list':
      return elementChildren(children).map((child) => convert(child, tagOf(child) === 'object'));
    case 'integer':
    case 'float': {
      const text = textOf(children).trim();
      const n = Number(text);
      if (text === '' || Number.isNaN(n)) throw new XmlShapeError(`<${tag} type="${type}"> holds "${text}", not a number`);
      return n;
    }
    case 'boolean': {
      const text = textOf(children).trim().toLowerCase();
      if (text !== 'true' && text !== 'false') throw new XmlShapeError(`<${tag} type="boolean"> holds "${text}"`);
      return text === 'true';
    }
    case 'null':
      return null;
    case undefined:
    case 'string':
      return textOf(children);
    default:
      throw new XmlShapeError(`<${tag}> has unknown type="${type}"`);
  }
}

/** Parses a tastypie XML document into its JSON value; throws `XmlShapeError` when it is not one. */
export function parseTastypieXml(text: string): unknown {
  let nodes: OrderedNode[];
  try {
    nodes = parser.parse(text) as OrderedNode[];
  } catch (error) {
    throw new XmlShapeError(`not well-formed XML: ${(error as Error).message}`);
  }
  const root = nodes.find((n) => tagOf(n) !== undefined && !tagOf(n)!.startsWith('?'));
  // tastypie names the document element after what it serialises: a dict is <response>, a detail
  // Bundle is <object>, a bare list is <objects> (serializers.py `to_etree`).
  const tag = root ? tagOf(root) : undefined;
  if (!root || !['response', 'object', 'objects'].includes(tag!)) throw new XmlShapeError(`the document element is <${tag ?? 'nothing'}>, not <response> or <object>`);
  return tag === 'objects' && !root[':@']?.type ? convert({ ...root, ':@': { type: 'list' } }, false) : convert(root, true);
}
