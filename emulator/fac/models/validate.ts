// Field parsers shared by the FAC models. Each returns the clean value or a Django-style message
// (FAC validates with Django forms: its duplicate-name error "A user group with that name already
// exists." is a Django unique message, 002 · User groups · Attempt to create a user group with the
// same name). Messages below are Django's stock texts unless a comment says otherwise.

export type Parsed<T> = { value: T } | { error: string };

/**
 * Validation categories a deliberately broken emulator drops (emulator/fac/variants.ts, `validation-*`;
 * issue 12: each is caught by the derived negative cases of its category). The shared parsers below
 * (and applyForm) read `dropped`, the one place each rule lives; each emulator sets it to its own
 * flags for the length of one request (`withDropped`): handling is synchronous, so emulators with
 * different variants can share a process.
 */
export const dropped = { lengths: false, required: false, enums: false, formats: false, types: false, readOnlyRefused: false };
export type DroppedValidation = typeof dropped;

type ValidationVariant = 'validation-lengths-unchecked' | 'validation-required-unchecked' | 'validation-enums-unchecked' | 'validation-formats-unchecked' | 'validation-types-coerced' | 'validation-readonly-refused';

/** The categories an emulator's variants drop. */
export function droppedBy(has: (id: ValidationVariant) => boolean): DroppedValidation {
  return {
    lengths: has('validation-lengths-unchecked'),
    required: has('validation-required-unchecked'),
    enums: has('validation-enums-unchecked'),
    formats: has('validation-formats-unchecked'),
    types: has('validation-types-coerced'),
    // Not a dropped check but a wrong one: read-only fields refused instead of ignored (wire/body.ts).
    readOnlyRefused: has('validation-readonly-refused'),
  };
}

/** Runs `handle` (synchronous) with `flags` as the dropped categories, then puts the previous ones back. */
export function withDropped<T>(flags: DroppedValidation, handle: () => T): T {
  const saved = { ...dropped };
  Object.assign(dropped, flags);
  try {
    return handle();
  } finally {
    Object.assign(dropped, saved);
  }
}

export const REQUIRED = 'This field is required.';

/**
 * A required field not given: absent, null or empty (REQUIRED). Variant validation-required-unchecked:
 * an absent one is let through; null and "" are still refused (the type and length categories' cases).
 */
export function requiredMissing(data: Record<string, unknown>, field: string): boolean {
  const raw = data[field];
  if (raw === undefined) return !dropped.required; // variant: required unchecked
  return raw === null || raw === '';
}

/** Length in characters (code points), as Python counts it. */
export const charLength = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

export const maxLengthMessage = (max: number, has: number): string =>
  `Ensure this value has at most ${max} characters (it has ${has}).`;

/**
 * A Django CharField via a form: null → "" (form empty value), numbers are stringified like the form
 * does. Booleans, lists and objects are refused (reading: a JSON boolean is never a valid string).
 */
export function parseString(raw: unknown, max?: number): Parsed<string> {
  let s: string;
  if (raw === null) s = '';
  else if (typeof raw === 'string') s = raw;
  else if (typeof raw === 'number' && Number.isFinite(raw)) s = String(raw);
  else if (dropped.types) s = JSON.stringify(raw); // variant: any JSON value becomes its text
  else return { error: 'Enter a valid value.' };
  if (max !== undefined && !dropped.lengths) { // variant: lengths unchecked
    const len = charLength(s);
    if (len > max) return { error: maxLengthMessage(max, len) };
  }
  return { value: s };
}

/** Django model BooleanField.to_python accepted spellings. */
export function parseBoolean(raw: unknown): Parsed<boolean> {
  if (raw === true || raw === false) return { value: raw };
  if (raw === 1 || raw === '1' || raw === 't' || raw === 'true' || raw === 'True') return { value: true };
  if (raw === 0 || raw === '0' || raw === 'f' || raw === 'false' || raw === 'False') return { value: false };
  if (dropped.types) return { value: Boolean(raw) }; // variant: Python truthiness
  return { error: `'${pyStr(raw)}' value must be either True or False.` };
}

/** Django forms IntegerField. */
export function parseInteger(raw: unknown): Parsed<number> {
  if (typeof raw === 'number' && Number.isInteger(raw)) return { value: raw };
  if (typeof raw === 'string' && /^\s*[+-]?\d+\s*$/.test(raw)) return { value: Number.parseInt(raw.trim(), 10) };
  if (dropped.types) return { value: Number.parseInt(String(raw), 10) || 0 }; // variant: coerced
  return { error: 'Enter a whole number.' };
}

/** Django ChoiceField. */
export function parseChoice<T extends string>(raw: unknown, choices: readonly T[]): Parsed<T> {
  if (typeof raw === 'string' && (choices as readonly string[]).includes(raw)) return { value: raw as T };
  if (dropped.enums && typeof raw === 'string') return { value: raw as T }; // variant: any text is a choice
  return { error: `Select a valid choice. ${pyStr(raw)} is not one of the available choices.` };
}

/** Python str() of a JSON value, for messages. */
export function pyStr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return JSON.stringify(v);
}

// Django EmailValidator (user part, domain part, "localhost" whitelist, IP literals), approximated.
const EMAIL_USER =
  /^(?:[-!#$%&'*+/=?^_`{}|~0-9A-Z]+(?:\.[-!#$%&'*+/=?^_`{}|~0-9A-Z]+)*|"(?:[\x01-\x08\x0b\x0c\x0e-\x1f!#-[\]-\x7f]|\\[\x01-\x09\x0b\x0c\x0e-\x7f])*")$/i;
const EMAIL_DOMAIN = /^(?:[A-Z0-9](?:[A-Z0-9-]{0,61}[A-Z0-9])?\.)+[A-Z0-9-]{2,63}$/i;
const EMAIL_LITERAL = /^\[(?:\d{1,3}\.){3}\d{1,3}\]$|^\[IPv6:[0-9A-F:.]+\]$/i;

export function isValidEmail(s: string): boolean {
  if (dropped.formats) return true; // variant: formats unchecked
  const at = s.lastIndexOf('@');
  if (at <= 0 || at === s.length - 1) return false;
  const user = s.slice(0, at);
  const domain = s.slice(at + 1);
  if (!EMAIL_USER.test(user)) return false;
  if (domain === 'localhost' || EMAIL_LITERAL.test(domain)) return true;
  if (EMAIL_DOMAIN.test(domain) && !domain.endsWith('-')) return true;
  // Django retries with the IDNA-encoded domain.
  const ascii = domainToAscii(domain);
  return ascii !== null && ascii !== domain && EMAIL_DOMAIN.test(ascii) && !ascii.endsWith('-');
}

function domainToAscii(domain: string): string | null {
  try {
    return new URL(`http://${domain}/`).hostname || null;
  } catch {
    return null;
  }
}

// 002 · Local users · username: "contains only letters, numbers and @/./+/-/_ characters"
// (Django's unicode username validator `^[\w.@+-]+\Z`).
export const USERNAME_RE = /^[\p{L}\p{M}\p{N}\p{Pc}.@+-]+$/u;
export const USERNAME_MESSAGE =
  'Enter a valid username. This value may contain only letters, numbers and @/./+/-/_ characters.';

// 002 · Local users · country: "Must be a country code from ISO-3166 list" (alpha-2 codes).
export const ISO_3166_ALPHA2: ReadonlySet<string> = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV ' +
    'BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ' +
    'ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE ' +
    'IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY ' +
    'MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU ' +
    'NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM ' +
    'SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE ' +
    'VG VI VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);

// 002 · Local users · mobile_number: "max length = 25, must follow international number format:
// +[country code]-[number]". The message is ours (the guide gives none).
export const MOBILE_RE = /^\+\d{1,4}-\d{1,20}$/;
export const MOBILE_MESSAGE = 'Enter a valid mobile number: +[country code]-[number].';

/**
 * ISO-8601 date-time; no zone means UTC (002 · Local users · expires_at). Returns epoch ms or null.
 * Accepts `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.ffffff]]` (or a space) and Z / ±HH[:MM] / ±HHMM.
 */
export function parseIsoDateTime(s: string): number | null {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i.exec(
      s.trim(),
    );
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', zone] = m;
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  const t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec), ms);
  const check = new Date(t);
  if (
    check.getUTCFullYear() !== Number(y) ||
    check.getUTCMonth() !== Number(mo) - 1 ||
    check.getUTCDate() !== Number(d) ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(sec) > 59
  )
    return null;
  let offsetMin = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 23 || om > 59) return null;
    offsetMin = sign * (oh * 60 + om);
  }
  return t - offsetMin * 60_000;
}

/** tastypie/Django datetime output: naive ISO-8601 (here: UTC), microseconds only when non-zero. */
export function formatIsoDateTime(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2030-01-02T03:04:05.678Z
  const base = iso.slice(0, 19);
  const millis = iso.slice(20, 23);
  return millis === '000' ? base : `${base}.${millis}000`;
}
