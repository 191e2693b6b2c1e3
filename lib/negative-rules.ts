/**
 * Issue 12 · derived cases for what a single field's keyword does not state: cross-field rules
 * (`anyOf` of required sets, `if`/`then`, `not`), fields a write ignores (`readOnly`, `x-create-only`),
 * and whole-body sizes (`minProperties`/`maxProperties`). Each names the rule's pointer (`covers`):
 * every constraint keyword inside it is exercised by the case.
 *
 * Readings (facts · FortiAuthenticator is a django-tastypie API): tastypie's `full_hydrate` skips
 * read-only fields and fields it does not know, so a read-only value is accepted and not stored;
 * a PATCH of no field changes nothing and answers as any PATCH does.
 */
import type { JsonSchema, NegativeCategory } from './api-model.ts';
import { asRecord, esc } from './negative-base.ts';

export interface RuleCase {
  id: string;
  summary: string;
  keyword: string;
  field: string;
  category: NegativeCategory;
  expects: 'accepted' | 'rejected';
  covers: string[];
  body: Record<string, unknown>;
  /** The rule's own `x-source` (a branch or property quoting another section), when it has one. */
  source?: string;
}

/** A value a write must ignore, recognisable when read back (a target that stored it would show it). */
export const READ_ONLY_SENTINEL = 'fc-read-only';

/**
 * The value sent to a read-only field: a recognisable text (or list of one); a boolean as `true`.
 * `id` is sent as the object's own id on a write to one (as null on a create: tastypie's absent
 * key), so that a target whose `id` is writable after all moves, copies and overwrites nothing.
 */
function readOnlyValue(name: string, s: Record<string, unknown>, ownId?: unknown): unknown {
  const types = Array.isArray(s.type) ? s.type.map(String) : [String(s.type ?? asRecord(asRecord(s.allOf)[0]).type ?? 'string')];
  if (name === 'id') return ownId ?? null;
  if (types.includes('array')) return [READ_ONLY_SENTINEL];
  if (types.includes('boolean')) return true;
  if (types.includes('integer') || types.includes('number')) return null;
  return READ_ONLY_SENTINEL;
}

/** A property schema with its own `allOf` branches merged (readOnly may sit in either). */
const merged = (raw: unknown): Record<string, unknown> => {
  const s = asRecord(raw);
  if (!Array.isArray(s.allOf)) return s;
  const parts = [...s.allOf.map(merged), s];
  // Properties merge by name: a branch's `attribute: true` (required there) keeps another's schema.
  const properties: Record<string, unknown> = {};
  for (const part of parts) {
    for (const [k, v] of Object.entries(asRecord(part.properties))) properties[k] = typeof v === 'object' && v !== null ? { ...asRecord(properties[k]), ...merged(v) } : properties[k] ?? v;
  }
  return Object.assign({}, ...parts, { properties });
};

type Node = { s: Record<string, unknown>; at: string };

/** The schema and its unconditional `allOf` branches, each with its pointer. */
function unconditional(schema: JsonSchema): Node[] {
  const out: Node[] = [];
  const visit = (s: Record<string, unknown>, at: string) => {
    out.push({ s, at });
    if (Array.isArray(s.allOf)) s.allOf.forEach((b, i) => visit(asRecord(b), `${at}/allOf/${i}`));
  };
  visit(schema as Record<string, unknown>, '');
  return out;
}

/** A value for a field a rule needs present: the base's own, else the one a rule's `if` states, else a text. */
const present = (body: Record<string, unknown>, name: string, fallback: unknown): unknown => (name in body ? body[name] : fallback);

/** The values an `if` schema states (`const`, else the first `enum` value). */
function ifValues(cond: Record<string, unknown>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(asRecord(cond.properties))) {
    const p = asRecord(raw);
    if ('const' in p) out[name] = p.const;
    else if (Array.isArray(p.enum) && p.enum.length > 0) out[name] = p.enum[0];
    else return undefined;
  }
  return out;
}

/**
 * `partial`: a PATCH keeps what it does not send, so a rule's consequence is broken by sending it
 * empty (null: a Django form's empty value, "This field is required."), not by leaving it out.
 */
/** A write ignores the field: `readOnly`, `x-ignored` (a mirror of another field), or `x-create-only` after the create. */
export const ignoredOnWrite = (p: Record<string, unknown>, createOnlyIgnored: boolean): boolean =>
  p.readOnly === true || typeof p['x-ignored'] === 'string' || (createOnlyIgnored && p['x-create-only'] === true);

export function ruleCases(schema: JsonSchema, baseBody: Record<string, unknown>, opts: { createOnlyIgnored: boolean; partial: boolean; ownId?: unknown }): RuleCase[] {
  const out: RuleCase[] = [];
  const without = (names: string[]) => Object.fromEntries(Object.entries(baseBody).filter(([k]) => !names.includes(k)));
  const nodes = unconditional(schema);
  // A field this operation's schema sets to `false` (read-only after the create, a RADIUS user's
  // username on PATCH): sent, it is ignored as a read-only field is; every definition of it is covered.
  const forbidden = new Set(nodes.flatMap(({ s }) => Object.entries(asRecord(s.properties)).filter(([, v]) => v === false).map(([k]) => k)));
  for (const name of forbidden) {
    const covers = nodes.filter(({ s }) => typeof asRecord(s.properties)[name] === 'object').map(({ at }) => `${at}/properties/${esc(name)}`);
    out.push({ id: `${name}-ignored`, summary: `${name} = ${JSON.stringify(READ_ONLY_SENTINEL)} (read-only after the create) is ignored: the write answers as without it and does not store it`, keyword: 'false', field: name, category: 'read-only', expects: 'accepted', covers, body: { ...baseBody, [name]: READ_ONLY_SENTINEL } });
  }
  for (const { s, at } of nodes) {
    const from = out.length;
    // Fields a write ignores: readOnly, `x-create-only` on a write other than the create, and the same inside list items.
    for (const [name, raw] of Object.entries(asRecord(s.properties))) {
      const p = merged(raw);
      const pointer = `${at}/properties/${esc(name)}`;
      if (forbidden.has(name)) continue;
      if (ignoredOnWrite(p, opts.createOnlyIgnored)) {
        const createOnly = p.readOnly !== true && typeof p['x-ignored'] !== 'string';
        const value = createOnly ? (typeof p.maxLength === 'number' ? 'a'.repeat(p.maxLength + 1) : READ_ONLY_SENTINEL) : readOnlyValue(name, p, opts.ownId);
        const why = p.readOnly === true ? 'read-only' : createOnly ? 'only a create sets it' : String(p['x-ignored']);
        const keyword = p.readOnly === true ? 'readOnly' : createOnly ? 'x-create-only' : 'x-ignored';
        out.push({ id: `${name}-ignored`, summary: `${name} = ${name === 'id' && value !== null ? 'its own id' : JSON.stringify(value)} (${why}) is ignored: the write answers as without it${value === READ_ONLY_SENTINEL || Array.isArray(value) ? ' and does not store it' : ''}`, keyword, field: name, category: 'read-only', expects: 'accepted', covers: [pointer], body: { ...baseBody, [name]: value }, ...(typeof p['x-source'] === 'string' ? { source: p['x-source'] } : {}) });
        continue;
      }
      const items = asRecord(p.items);
      const itemProps = Object.entries(asRecord(merged(items).properties)).filter(([, r]) => merged(r).readOnly === true);
      const list = baseBody[name];
      const item = merged(items);
      if (item.type === 'object' || item.properties !== undefined) {
        // A list of objects given an item that is not one.
        const itemsAt = `${pointer}/items`;
        const covers = [`${itemsAt}/type`, ...(Array.isArray(items.allOf) ? items.allOf.map((_, i) => `${itemsAt}/allOf/${i}/type`) : [])];
        out.push({ id: `${name}-item-type`, summary: `A ${name} item that is not an object is refused`, keyword: 'type', field: `${name}[]`, category: 'type', expects: 'rejected', covers, body: { ...baseBody, [name]: ['not-an-object'] } });
      }
      if (itemProps.length > 0 && Array.isArray(list) && list.length > 0) {
        const extra = Object.fromEntries(itemProps.map(([n, r]) => [n, readOnlyValue(n, merged(r))]));
        const itemsAt = `${pointer}/items`;
        const covers = itemProps.flatMap(([n]) => [`${itemsAt}/properties/${esc(n)}`, ...(Array.isArray(items.allOf) ? items.allOf.map((_, i) => `${itemsAt}/allOf/${i}/properties/${esc(n)}`) : [])]);
        out.push({ id: `${name}-items-read-only-ignored`, summary: `Each ${name} item carrying its read-only ${itemProps.map(([n]) => n).join(', ')} is accepted: they are ignored`, keyword: 'readOnly', field: name, category: 'read-only', expects: 'accepted', covers, body: { ...baseBody, [name]: list.map((item) => ({ ...asRecord(item), ...extra })) } });
      }
    }
    // A required set among alternatives (`anyOf: [{required: [password]}, {required: [email]}]`): none of them sent.
    if (Array.isArray(s.anyOf) && s.anyOf.every((b) => Array.isArray(asRecord(b).required))) {
      const names = [...new Set(s.anyOf.flatMap((b) => asRecord(b).required as string[]))];
      out.push({ id: `anyof-${names.join('-')}-omitted`, summary: `Without any of ${names.join(', ')} (one of them is required) the request is refused`, keyword: 'anyOf', field: names.join('|'), category: 'required', expects: 'rejected', covers: [`${at}/anyOf`], body: without(names) });
    }
    // `if` a field has a value `then` others are required (or limited): the condition met, a consequence broken.
    if (s.if !== undefined && s.then !== undefined) {
      const cond = ifValues(asRecord(s.if));
      const then = asRecord(s.then);
      const needed = (Array.isArray(then.required) ? (then.required as string[]) : []).filter((n) => !(cond && n in cond));
      if (cond && needed.length > 0) {
        const label = Object.entries(cond).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join(', ');
        const body = opts.partial ? { ...baseBody, ...cond, ...Object.fromEntries(needed.map((n) => [n, null])) } : { ...without(needed), ...cond };
        out.push({ id: `if-${Object.keys(cond).join('-')}-then-${needed.join('-')}-${opts.partial ? 'empty' : 'omitted'}`, summary: `With ${label}, ${opts.partial ? 'emptying' : 'omitting'} ${needed.join(', ')} (then required) is refused`, keyword: 'if/then', field: Object.keys(cond).join('|'), category: 'required', expects: 'rejected', covers: [`${at}/if`, `${at}/then`], body });
      }
      for (const [name, raw] of Object.entries(asRecord(then.properties))) {
        if (!cond || typeof asRecord(raw).minLength !== 'number' || (asRecord(raw).minLength as number) < 1) continue;
        const label = Object.entries(cond).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join(', ');
        out.push({ id: `if-${Object.keys(cond).join('-')}-then-${name}-empty`, summary: `With ${label}, an empty ${name} (then at least ${String(asRecord(raw).minLength)} characters) is refused`, keyword: 'if/then', field: name, category: 'length', expects: 'rejected', covers: [`${at}/if`, `${at}/then`], body: { ...baseBody, ...cond, ...Object.fromEntries(needed.map((n) => [n, present(baseBody, n, 'x')])), [name]: '' } });
      }
    }
    // `not: {required: [a, b]}`: the fields that exclude each other, all sent.
    if (s.not !== undefined && Array.isArray(asRecord(s.not).required)) {
      const names = asRecord(s.not).required as string[];
      const sample = names.map((n) => baseBody[n]).find((v) => v !== undefined) ?? 'x';
      out.push({ id: `not-${names.join('-')}-together`, summary: `${names.join(' and ')} together (one excludes the other) are refused`, keyword: 'not', field: names.join('|'), category: 'required', expects: 'rejected', covers: [`${at}/not`], body: { ...baseBody, ...Object.fromEntries(names.map((n) => [n, present(baseBody, n, sample)])) } });
    }
    // A rule branch that quotes its own section (`x-source`) names it; a property's own overrides it.
    for (const r of out.slice(from)) r.source ??= typeof s['x-source'] === 'string' ? s['x-source'] : undefined;
  }
  return out;
}

/** `minProperties`/`maxProperties` of the body: a PATCH of no field (tastypie: a no-op) and a body with a field more. */
export function bodySizePointers(schema: JsonSchema): { min: string[]; max: string[] } {
  const nodes = unconditional(schema);
  return { min: nodes.filter((n) => typeof n.s.minProperties === 'number').map((n) => `${n.at}/minProperties`), max: nodes.filter((n) => typeof n.s.maxProperties === 'number').map((n) => `${n.at}/maxProperties`) };
}
