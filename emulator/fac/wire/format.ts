// Output format negotiation: tastypie `utils/mime.py determine_format` + python-mimeparse 1.6
// `best_match` (facts · Formats). 002 · Supported data formats: "The GET format parameter takes
// precedence over the Accept header"; JSON is the default.

import type { VariantFlags } from '../variants.ts';
import type { Query } from './query.ts';

export type Format = 'json' | 'xml';

export const CONTENT_TYPE: Readonly<Record<Format, string>> = {
  json: 'application/json',
  xml: 'application/xml; charset=utf-8',
};

// Serializer.supported_formats reversed (["application/xml", "application/json"]): a later entry wins a
// tie, so JSON beats XML when both match equally well.
const SUPPORTED: ReadonlyArray<{ format: Format; type: string; subtype: string }> = [
  { format: 'xml', type: 'application', subtype: 'xml' },
  { format: 'json', type: 'application', subtype: 'json' },
];

export class InvalidAcceptHeader extends Error {}

interface MediaRange {
  type: string;
  subtype: string;
  params: Map<string, string>;
  q: number;
}

function parseRange(range: string): MediaRange {
  const parts = range.split(';');
  let full = (parts[0] ?? '').trim();
  if (full === '*') full = '*/*';
  const slash = full.split('/');
  if (slash.length !== 2) throw new InvalidAcceptHeader();
  const params = new Map<string, string>();
  for (const p of parts.slice(1)) {
    const eq = p.indexOf('=');
    if (eq < 0) throw new InvalidAcceptHeader(); // dict() of a 1-tuple → ValueError
    params.set(p.slice(0, eq).trim(), p.slice(eq + 1).trim());
  }
  // mimeparse 1.6: a missing or out-of-range q becomes 1; an unparsable q becomes 1 as well.
  const qs = params.get('q');
  const qn = qs === undefined || qs === '' ? Number.NaN : Number(qs);
  const q = Number.isFinite(qn) && qn >= 0 && qn <= 1 ? qn : 1;
  return { type: (slash[0] ?? '').trim(), subtype: (slash[1] ?? '').trim(), params, q };
}

/** Best JSON/XML match for an Accept header; null when nothing matches with q > 0. */
export function bestMatch(accept: string): Format | null {
  const ranges = accept
    .split(',')
    .filter((r) => r.trim() !== '')
    .map(parseRange);
  let best: { q: number; fitness: number; pos: number; format: Format } | null = null;
  SUPPORTED.forEach((s, pos) => {
    let fitness = -1;
    let q = 0;
    for (const r of ranges) {
      const typeOk = r.type === s.type || r.type === '*';
      const subOk = r.subtype === s.subtype || r.subtype === '*';
      if (!typeOk || !subOk) continue;
      const f = (r.type === s.type ? 100 : 0) + (r.subtype === s.subtype ? 10 : 0);
      if (f > fitness) {
        fitness = f;
        q = r.q;
      }
    }
    const cand = { q, fitness, pos, format: s.format };
    if (
      best === null ||
      cand.q > best.q ||
      (cand.q === best.q && (cand.fitness > best.fitness || (cand.fitness === best.fitness && cand.pos > best.pos)))
    )
      best = cand;
  });
  const b = best as { q: number; format: Format } | null;
  return b && b.q > 0 ? b.format : null;
}

/**
 * ?format= wins when it names a known format; otherwise the Accept header; otherwise JSON.
 * Throws InvalidAcceptHeader for a malformed Accept (tastypie: 400 "Invalid Accept header").
 * Reading: an empty Accept header counts as absent.
 */
export function determineFormat(query: Query, accept: string | undefined, variants?: VariantFlags): Format {
  const f = query.get('format');
  const acceptWins = variants?.has('format-loses-to-accept') && accept !== undefined && accept.trim() !== '' && accept.trim() !== '*/*'; // variant
  if ((f === 'json' || f === 'xml') && !acceptWins) return f;
  if (accept === undefined || accept.trim() === '' || accept.trim() === '*/*') return 'json';
  return bestMatch(accept) ?? 'json';
}

/** determineFormat, falling back to JSON on a bad Accept header (tastypie error_response). */
export function formatForError(query: Query, accept: string | undefined): Format {
  try {
    return determineFormat(query, accept);
  } catch {
    return 'json';
  }
}
