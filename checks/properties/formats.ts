/**
 * format=json|xml and the Accept header select the answer's format, the format parameter wins over
 * Accept, and the XML answer carries the same data as the JSON one.
 */
import type { QueryValue } from '../../lib/http.ts';
import { parseTastypieXml } from '../../lib/xml.ts';
import type { Finding, PropertyCheck } from './context.ts';

/**
 * Key order does not matter between JSON and XML answers, nor the `format` each answer's paging
 * links rightly keep; everything else does.
 */
export function normalise(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => normalise(v));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, normalise(v, k)]));
  }
  if ((key === 'next' || key === 'previous') && typeof value === 'string') {
    const url = new URL(value, 'http://x');
    url.searchParams.delete('format');
    url.searchParams.sort();
    return `${url.pathname}?${url.searchParams}`;
  }
  return value;
}

export const formatNegotiation: PropertyCheck = {
  id: 'format-negotiation',
  property: 'formats',
  caseId: 'property-formats',
  title: 'format=json|xml and Accept select the format, format wins, XML carries the same data',
  testTitle: 'format and Accept choose JSON or XML carrying the same data',
  source: '002 · The FortiAuthenticator API · Supported data formats',
  async run(ctx) {
    ctx.mode('formats');
    const scopeQuery: Record<string, QueryValue> = ctx.data.scope ? ctx.scopeQuery : { limit: 1 };
    let finding: Finding;
    // Unscoped lists may change between two requests (other tests create and delete objects):
    // an XML answer is compared with JSON answers taken just before and after it that agree.
    let json = await ctx.list({ ...scopeQuery, format: 'json' });
    let xml = await ctx.list({ ...scopeQuery, format: 'xml' });
    // Other tests may keep writing for a while: wait a little between tries (bounded: 20 × 50 ms).
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const after = await ctx.list({ ...scopeQuery, format: 'json' });
      if (JSON.stringify(normalise(after.page)) === JSON.stringify(normalise(json.page))) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
      json = after;
      xml = await ctx.list({ ...scopeQuery, format: 'xml' });
    }
    const contentType = (r: { response: { headers: Record<string, string> } }) => (r.response.headers['content-type'] ?? '').split(';')[0]!.trim();
    if (contentType(xml) !== 'application/xml') finding = { message: `format=xml answered ${contentType(xml)}`, request: xml.request };
    else {
      let fromXml: unknown;
      try {
        fromXml = parseTastypieXml(xml.response.text);
      } catch (error) {
        finding = { message: `format=xml body is not tastypie XML: ${(error as Error).message}`, request: xml.request };
      }
      if (!finding && JSON.stringify(normalise(fromXml)) !== JSON.stringify(normalise(json.page))) {
        finding = { message: 'the XML answer does not carry the same data as the JSON answer', request: xml.request };
      }
    }
    if (!finding) {
      const byAccept = await ctx.list(scopeQuery, { Accept: 'application/xml' });
      if (contentType(byAccept) !== 'application/xml') finding = { message: `Accept: application/xml answered ${contentType(byAccept)}`, request: byAccept.request };
    }
    if (!finding) {
      const both = await ctx.list({ ...scopeQuery, format: 'json' }, { Accept: 'application/xml' });
      if (contentType(both) !== 'application/json') finding = { message: `format=json with Accept: application/xml answered ${contentType(both)}; the format parameter must win`, request: both.request };
    }
    return finding ? { finding } : {};
  },
};
