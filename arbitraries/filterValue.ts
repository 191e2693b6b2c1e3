/**
 * Values that stress string filters: case variants, spaces, `@ . + - _`, non-ASCII, empty parts,
 * and values that are prefixes of each other — each built around a run token so a query can be
 * scoped to the suite's own objects on an appliance that already holds thousands.
 */
import fc from 'fast-check';

/** Characters the properties draw from; each field keeps only those its schema allows. */
export const RICH_ALPHABET = [...'aAbBzZ09 @.+-_éÉñÑßø'];

/** Keeps the characters a field's `pattern` (a character-class pattern) accepts one by one. */
export function alphabetFor(pattern: string | undefined): string[] {
  if (!pattern) return RICH_ALPHABET;
  const re = new RegExp(pattern);
  return RICH_ALPHABET.filter((c) => re.test(c) || re.test(c.repeat(2)));
}

/** A short string from an alphabet (possibly empty). */
export function fragment(alphabet: string[], maxLength: number): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...alphabet), { maxLength }).map((cs) => cs.join(''));
}

/**
 * Stored values for one field of `count` objects: `prefix + token + suffix`, distinct ignoring
 * case (fields such as usernames are unique), some of them prefixes of others.
 */
export function storedValues(token: string, alphabet: string[], count: number, maxLength: number): fc.Arbitrary<string[]> {
  const room = Math.max(0, Math.floor((maxLength - token.length) / 2));
  // fc.uniqueArray would search forever for values that cannot exist: say so instead.
  const side = Array.from({ length: Math.min(room, 4) + 1 }, (_, k) => alphabet.length ** k).reduce((a, b) => a + b, 0);
  if (side * side < count) throw new Error(`storedValues: ${count} distinct values of at most ${maxLength} characters around "${token}" cannot be made (room for ${side * side})`);
  const value = fc.tuple(fragment(alphabet, Math.min(room, 4)), fragment(alphabet, Math.min(room, 4))).map(([a, b]) => `${a}${token}${b}`);
  return fc.uniqueArray(value, { minLength: count, maxLength: count, selector: (v) => v.toUpperCase() }).map((values) => {
    // Make the last value extend the first where that keeps them distinct: startswith/contains must
    // tell a value from its prefix.
    const longer = `${values[0]}${alphabet[0] ?? 'a'}`;
    const clash = values.some((v) => v.toUpperCase() === longer.toUpperCase());
    return values.length > 1 && longer.length <= maxLength && !clash ? [...values.slice(0, -1), longer] : values;
  });
}

/** The same text with the case of some letters flipped. */
export function caseVariant(text: string): fc.Arbitrary<string> {
  return fc.array(fc.boolean(), { minLength: text.length, maxLength: text.length }).map((flips) =>
    [...text].map((c, i) => (flips[i] ? (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()) : c)).join(''),
  );
}

/** A substring of `text` that contains `must` (so the query stays scoped), or any substring when `must` is empty. */
export function substringContaining(text: string, must: string): fc.Arbitrary<string> {
  // Without a required part, any substring: the start too is drawn (not only prefixes), so a target
  // treating `contains` as `startswith` is caught.
  if (!must) return fc.integer({ min: 0, max: text.length }).chain((from) => fc.integer({ min: from, max: text.length }).map((to) => text.slice(from, to)));
  const at = text.indexOf(must);
  const end = at + must.length;
  return fc.tuple(fc.integer({ min: 0, max: Math.max(0, at) }), fc.integer({ min: end, max: text.length })).map(([from, to]) => text.slice(from, Math.max(from, to)));
}
