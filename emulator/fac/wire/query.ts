// The query string as Django's QueryDict sees it: ordered (key, value) pairs, repeated keys kept,
// `+` is a space, blank values kept. get() answers the LAST value of a key, like QueryDict.get.

import type { QueryParams } from '../models/types.ts';

export class Query implements QueryParams {
  private readonly last = new Map<string, string>();

  constructor(readonly pairs: ReadonlyArray<readonly [string, string]>) {
    for (const [k, v] of pairs) this.last.set(k, v);
  }

  static parse(raw: string): Query {
    if (raw === '') return EMPTY;
    const pairs: [string, string][] = [];
    for (const part of raw.split('&')) {
      if (part === '') continue;
      const eq = part.indexOf('=');
      const k = eq < 0 ? part : part.slice(0, eq);
      const v = eq < 0 ? '' : part.slice(eq + 1);
      pairs.push([decodeComponent(k), decodeComponent(v)]);
    }
    return new Query(pairs);
  }

  get(key: string): string | undefined {
    return this.last.get(key);
  }

  getAll(key: string): string[] {
    const out: string[] = [];
    for (const [k, v] of this.pairs) if (k === key) out.push(v);
    return out;
  }

  has(key: string): boolean {
    return this.last.has(key);
  }

  /** Distinct keys, in first-appearance order. */
  keys(): IterableIterator<string> {
    return this.last.keys();
  }

  get size(): number {
    return this.pairs.length;
  }

  /**
   * The query string with some keys replaced: every other parameter is kept (repeats included) and the
   * replacements are appended — tastypie Paginator._generate_uri (facts · tastypie paging).
   */
  /** The query with only the given keys (used by a deliberately broken variant). */
  only(keys: readonly string[]): Query {
    return new Query(this.pairs.filter(([k]) => keys.includes(k)));
  }

  encodeReplacing(replacements: Readonly<Record<string, string>>): string {
    const parts: string[] = [];
    for (const [k, v] of this.pairs) if (!(k in replacements)) parts.push(`${quotePlus(k)}=${quotePlus(v)}`);
    for (const [k, v] of Object.entries(replacements)) parts.push(`${quotePlus(k)}=${quotePlus(v)}`);
    return parts.join('&');
  }
}

const EMPTY = new Query([]);

/** Python urllib.parse.unquote_plus: `+` → space, bad escapes left as they are, UTF-8 with replacement. */
export function decodeComponent(s: string): string {
  const plus = s.includes('+') ? s.replace(/\+/g, ' ') : s;
  if (!plus.includes('%')) return plus;
  try {
    return decodeURIComponent(plus);
  } catch {
    const bytes: number[] = [];
    for (let i = 0; i < plus.length; i++) {
      const c = plus.charCodeAt(i);
      if (c === 0x25 && /^[0-9a-fA-F]{2}$/.test(plus.slice(i + 1, i + 3))) {
        bytes.push(Number.parseInt(plus.slice(i + 1, i + 3), 16));
        i += 2;
      } else bytes.push(...Buffer.from(plus[i] ?? '', 'utf8'));
    }
    return Buffer.from(bytes).toString('utf8');
  }
}

/** Python urllib.parse.quote_plus (safe: letters, digits, `_.-~`). */
export function quotePlus(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, '+');
}
