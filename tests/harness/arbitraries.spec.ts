/**
 * Unit tests of the fast-check arbitraries (arbitraries/filterValue.ts) the property tests build
 * their filter values from: each documented property checked with `fc.assert` on a fixed seed, and
 * each arbitrary shown not to be degenerate (it does produce the variety it promises).
 */
import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { alphabetFor, caseVariant, fragment, RICH_ALPHABET, storedValues, substringContaining } from '../../arbitraries/filterValue.ts';

const SEED = 1414;
const RUNS = { seed: SEED, numRuns: 300 };
const sample = <T>(arb: fc.Arbitrary<T>, numRuns = 300): T[] => fc.sample(arb, { seed: SEED, numRuns });

/** Text over the rich alphabet, and a token (letters, digits, `_`, as `{{unique}}` makes them). */
const richText = fragment(RICH_ALPHABET, 12);
const token = fc.stringMatching(/^[a-z0-9_]{1,8}$/);

test.describe('alphabetFor', () => {
  test('no pattern: the whole rich alphabet', () => {
    expect(alphabetFor(undefined)).toEqual(RICH_ALPHABET);
  });
  test('keeps exactly the characters a pattern accepts, in the rich alphabet\'s order', () => {
    // localusers.username: letters, digits and @ . + - _ only.
    expect(alphabetFor('^[A-Za-z0-9@.+_-]+$')).toEqual([...'aAbBzZ09@.+-_']);
    expect(alphabetFor('^[0-9]+$')).toEqual(['0', '9']);
    // A pattern that needs two characters (a country code) still keeps the letters it accepts.
    expect(alphabetFor('^([A-Z]{2})?$')).toEqual(['A', 'B', 'Z']);
    expect(alphabetFor('^[^ ]*$')).toEqual(RICH_ALPHABET.filter((c) => c !== ' '));
  });
});

test.describe('fragment', () => {
  test('stays in its alphabet and length bounds', () => {
    fc.assert(
      fc.property(fc.subarray(RICH_ALPHABET, { minLength: 1 }), fc.nat(10), (alphabet, max) =>
        fc.sample(fragment(alphabet, max), { seed: SEED, numRuns: 20 }).every((s) => [...s].length <= max && [...s].every((c) => alphabet.includes(c))),
      ),
      RUNS,
    );
    expect(sample(fragment(RICH_ALPHABET, 0), 20).every((s) => s === '')).toBe(true);
  });
  test('produces the empty string, the longest one, and more than one character of the alphabet', () => {
    const out = sample(fragment(['x', 'Y', '_'], 4));
    expect(out).toContain('');
    expect(out.some((s) => s.length === 4)).toBe(true);
    expect(new Set(out.join('')).size).toBe(3);
  });
});

test.describe('caseVariant', () => {
  test('only flips case: same letters ignoring case, same length, other characters untouched (ASCII)', () => {
    const ascii = fc.stringMatching(/^[A-Za-z0-9@.+_ -]{0,16}$/);
    fc.assert(
      fc.property(ascii, fc.integer(), (text, seed) => {
        const [v] = fc.sample(caseVariant(text), { seed, numRuns: 1 });
        return v!.length === text.length && v!.toLowerCase() === text.toLowerCase() && [...v!].every((c, i) => /[A-Za-z]/.test(c) || c === text[i]);
      }),
      RUNS,
    );
  });
  test('equal to its text under the upper-case fold the lookup model uses (non-ASCII too)', () => {
    fc.assert(fc.property(richText, fc.integer(), (text, seed) => fc.sample(caseVariant(text), { seed, numRuns: 1 })[0]!.toUpperCase() === text.toUpperCase()), RUNS);
  });
  test('does flip: both the text itself and other casings come out', () => {
    const out = new Set(sample(caseVariant('aBc')));
    expect(out.has('aBc')).toBe(true);
    expect(out.size).toBe(8); // every casing of three letters
    expect(sample(caseVariant('09_@'), 20).every((v) => v === '09_@')).toBe(true);
  });
});

test.describe('substringContaining', () => {
  const withToken = fc.tuple(richText, token, richText).map(([a, t, b]) => ({ text: `${a}${t}${b}`, token: t }));
  test('yields substrings of the text that contain the token', () => {
    fc.assert(
      fc.property(withToken, fc.integer(), ({ text, token: t }, seed) => {
        const [sub] = fc.sample(substringContaining(text, t), { seed, numRuns: 1 });
        return text.includes(sub!) && sub!.includes(t);
      }),
      RUNS,
    );
  });
  test('trims either side: the whole text, proper prefixes, suffixes and infixes all come out', () => {
    const text = 'ab_TOKEN_cd';
    const out = new Set(sample(substringContaining(text, 'TOKEN')));
    expect(out.has(text)).toBe(true);
    expect(out.has('TOKEN')).toBe(true);
    expect([...out].some((s) => text.startsWith(s) && s !== text)).toBe(true);
    expect([...out].some((s) => text.endsWith(s) && s !== text)).toBe(true);
    expect([...out].every((s) => s.includes('TOKEN'))).toBe(true);
  });
  test('with an empty token: substrings of the text, the empty one included', () => {
    const out = sample(substringContaining('abcdef', ''));
    expect(out.every((s) => 'abcdef'.includes(s))).toBe(true);
    expect(out).toContain('');
    expect(out).toContain('abcdef');
  });
  test('with an empty token: "any substring" as documented, not prefixes only', () => {
    // (Once only prefixes came out, so property tests of `contains` never sent an infix.)
    expect(sample(substringContaining('abcdef', '')).some((s) => s !== '' && !'abcdef'.startsWith(s))).toBe(true);
  });
});

test('storedValues refuses, instead of searching forever, when the values cannot be distinct', () => {
  expect(() => storedValues('tok', ['0', '9'], 2, 3)).toThrow(/cannot be made/);
});

test.describe('storedValues', () => {
  const params = fc.record({
    token: token,
    alphabet: fc.constantFrom(RICH_ALPHABET, alphabetFor('^[A-Za-z0-9@.+_-]+$'), alphabetFor('^[0-9]+$')),
    count: fc.integer({ min: 1, max: 4 }),
    // Room for at least two characters around the token: with less, `count` distinct values may not exist.
    extra: fc.integer({ min: 4, max: 12 }),
  });
  test('count values, each the token within its alphabet and max length, distinct ignoring case', () => {
    fc.assert(
      fc.property(params, fc.integer(), ({ token: t, alphabet, count, extra }, seed) => {
        const maxLength = t.length + extra;
        const [values] = fc.sample(storedValues(t, alphabet, count, maxLength), { seed, numRuns: 1 });
        const outside = (v: string) => [...v.replace(t, '')].some((c) => !alphabet.includes(c));
        return (
          values!.length === count &&
          values!.every((v) => v.includes(t) && v.length <= maxLength && !outside(v)) &&
          new Set(values!.map((v) => v.toUpperCase())).size === count
        );
      }),
      RUNS,
    );
  });
  test('one value extends the first by a character, so startswith can tell a value from its prefix', () => {
    fc.assert(
      fc.property(params, fc.integer(), ({ token: t, alphabet, extra }, seed) => {
        const maxLength = t.length + extra;
        const [values] = fc.sample(storedValues(t, alphabet, 3, maxLength), { seed, numRuns: 1 });
        const first = values![0]!;
        if (first.length >= maxLength) return true; // no room to extend it
        return values!.some((v) => v.length === first.length + 1 && v.toUpperCase().startsWith(first.toUpperCase()));
      }),
      RUNS,
    );
  });
  test('the values vary around the token', () => {
    const out = sample(storedValues('tok', RICH_ALPHABET, 3, 11), 50).flat();
    expect(out.some((v) => !v.startsWith('tok'))).toBe(true);
    expect(out.some((v) => !v.endsWith('tok'))).toBe(true);
    expect(out).toContain('tok');
  });
});
