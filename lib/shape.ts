/**
 * The shape of a JSON answer: a sorted, compact signature of its paths and types, so two runs (before
 * and after a firmware upgrade) can say "this answer gained or lost a field" without comparing data.
 *
 * Paths are JSON-pointer-like (`~0`/`~1` escaping); every item of an array is folded into one `*`
 * step, so a list of 1 or 500 users has the same shape: `/objects/*\/username:string`. Containers
 * name themselves too (`/objects:array`), so an empty list still has a shape.
 */

/** Past this many entries the signature stops growing: it is a summary, not a copy of the answer. */
const MAX_ENTRIES = 400;
/** Deeper nesting than this is folded into its container's entry. */
const MAX_DEPTH = 12;

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value; // string, number, boolean, object
}

function escapeStep(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function walk(value: unknown, at: string, depth: number, out: Set<string>): void {
  if (out.size > MAX_ENTRIES) return;
  out.add(`${at || '/'}:${typeName(value)}`);
  if (depth >= MAX_DEPTH || typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) walk(item, `${at}/*`, depth + 1, out);
    return;
  }
  for (const [key, child] of Object.entries(value)) walk(child, `${at}/${escapeStep(key)}`, depth + 1, out);
}

/** The sorted shape signature of a parsed JSON value. Pure. */
export function jsonShape(value: unknown): string[] {
  const out = new Set<string>();
  walk(value, '', 0, out);
  const sorted = [...out].sort();
  return sorted.length > MAX_ENTRIES ? [...sorted.slice(0, MAX_ENTRIES), '…'] : sorted;
}

/** Entries of `after` not in `before`, and of `before` not in `after`. Pure. */
export function compareShapes(before: readonly string[], after: readonly string[]): { added: string[]; removed: string[] } {
  const old = new Set(before);
  const now = new Set(after);
  return { added: after.filter((s) => !old.has(s)), removed: before.filter((s) => !now.has(s)) };
}
