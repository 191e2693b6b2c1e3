/**
 * Issue 12 · the derived cases of an operation's query parameters: a wrong type, one past each
 * limit, a broken enum or pattern, and what a query string cannot break (a text parameter, a
 * repeatable one) sent the one way it can be varied, a repeated key.
 *
 * A query string carries only text: `type: string` cannot be broken, and a repeated key is how a
 * list is sent. tastypie reads a single-valued parameter with Django's `QueryDict.get` (its last
 * value) and `order_by` with `getlist` (facts · FortiAuthenticator is a django-tastypie API ·
 * Ordering: "`order_by` may repeat"), so the repeated-key case sends the base case's own value twice
 * and expects the base case's answer. An `order_by` value that names no field is refused (facts ·
 * Ordering: unknown field → 400 "No matching 'x' field for ordering on.").
 */
import type { InvalidInput, NegativeCategory, QueryParameter } from './api-model.ts';
import { asRecord, type Constraint, type Derived, derivedExpect, derivedRequires, refusalVersions, isConstraintKeyword, type NegativeInput, operationNotDerivable, queryBase, schemaTypes } from './negative-base.ts';

/** Why nothing is derived from this parameter, or '' when cases are. */
function parameterNotDerivable(op: NegativeInput, invalid: InvalidInput | undefined, p: QueryParameter): string {
  if (op.notDerived) return `x-not-derived: ${op.notDerived}`;
  // A parameter whose invalid values are answered as valid (an unknown format falls back to JSON) needs no documented 400.
  if (p.invalidInput && p.invalidInput.status < 300) return invalid ? '' : operationNotDerivable(op, invalid);
  return operationNotDerivable(op, invalid);
}

/** A text that the pattern refuses, or undefined. */
const brokenPattern = (pattern: unknown, candidates: string[]): string | undefined =>
  typeof pattern === 'string' ? candidates.find((c) => !new RegExp(pattern, 'u').test(c)) : undefined;

export function queryConstraints(op: NegativeInput, invalid: InvalidInput | undefined): Constraint[] {
  const out: Constraint[] = [];
  const base = queryBase(op, invalid);
  for (const [name, p] of Object.entries(op.queryParameters)) {
    const whyNot = parameterNotDerivable(op, invalid, p) || (!base ? 'the operation has no documented success case to vary' : '');
    const push = (k: string, pointer: string) => {
      // The parameter's own reason is the more precise one.
      const why = (p.notDerived[k] ? `x-not-derived: ${p.notDerived[k]}` : '') || whyNot;
      out.push({ keyword: k, pointer, field: `?${name}`, ...(why ? { notDerivable: why } : {}) });
    };
    for (const k of Object.keys(p.schema).filter(isConstraintKeyword)) push(k, `?${name}/${k}`);
    for (const k of Object.keys(asRecord(p.schema.items)).filter(isConstraintKeyword)) push(k, `?${name}/items/${k}`);
  }
  return out;
}

/** Cases derived from the operation's query parameters. */
export function queryCases(op: NegativeInput, invalid: InvalidInput): Derived[] {
  const base = queryBase(op, invalid);
  if (!base) return [];
  const out: Derived[] = [];
  for (const [name, p] of Object.entries(op.queryParameters)) {
    if (parameterNotDerivable(op, invalid, p)) continue;
    const s = p.schema;
    const answer = p.invalidInput ?? invalid;
    const make = (id: string, summary: string, keyword: string, category: NegativeCategory, value: string | string[], accepted: boolean, pointer = `?${name}/${keyword}`) => {
      if (p.notDerived[keyword] || (accepted && p.notDerived[`${keyword}:accepted`])) return;
      // A parameter's own answer below 300 (not a JSON-RPC refusal) means the value is answered as valid.
      const ok = accepted || (answer.status < 300 && !answer.refusal);
      out.push({
        ...base,
        id: `derived-query-${name}-${id}`,
        summary: `[${keyword} of ?${name}] ${summary}`,
        source: answer === invalid ? (p.source ?? base.source) : answer.source,
        scenario: undefined,
        query: { ...base.query, [name]: value },
        requires: derivedRequires(op, base),
        generated: true,
        steps: [],
        expect: derivedExpect(answer, ok, base),
        // A refusal holds whatever the release; an accepted variation answers as its base case (x-versions).
        versions: ok ? base.versions : refusalVersions(base),
        derived: { keyword, field: `?${name}`, category, expects: ok ? 'accepted' : 'rejected', pointer },
      });
    };
    const types = schemaTypes(s);
    // The base's own value, else the documented default or first choice: sent twice it means what it means once.
    const own = base.query[name] ?? s.default ?? (Array.isArray(s.enum) ? s.enum[0] : undefined);
    if (types.includes('integer')) make('type', `?${name}=not-a-number is refused`, 'type', 'type', 'not-a-number', false);
    if (types.includes('boolean')) make('type', `?${name}=not-a-boolean is refused`, 'type', 'type', 'not-a-boolean', false);
    if (types.includes('string') && own !== undefined && !Array.isArray(own)) {
      make('type', `?${name} repeated (a query value is text; a repeated key is the one variation) answers as sent once`, 'type', 'type', [String(own), String(own)], true);
    }
    if (types.includes('array')) {
      const fields = (op.ordering ?? []).slice(0, 2);
      const values = Array.isArray(own) ? own.map(String) : fields.length > 0 ? [fields[0]!, `-${fields[1] ?? fields[0]!}`] : own !== undefined ? [String(own), String(own)] : [];
      if (values.length > 0) make('type', `?${name} repeated (${values.join(', ')}) is accepted`, 'type', 'type', values, true);
      const items = asRecord(s.items);
      // An item that is a number, not a name: still text on the wire, refused by the item's pattern.
      const numeric = brokenPattern(items.pattern, ['0']);
      if (schemaTypes(items).includes('string') && numeric !== undefined) make('items-type', `?${name}=${numeric} (a number where a field name is expected) is refused`, 'type', 'format', [numeric], false, `?${name}/items/type`);
      const broken = brokenPattern(items.pattern, ['not valid!', '!', 'x y']);
      if (broken !== undefined) make('items-pattern', `?${name}=${broken} (not matching ${String(items.pattern)}) is refused`, 'pattern', 'format', [broken], false, `?${name}/items/pattern`);
    }
    if (typeof s.minimum === 'number') {
      make('minimum-past', `?${name}=${s.minimum - 1} (below its minimum ${s.minimum}) is refused`, 'minimum', 'length', String(s.minimum - 1), false);
      make('minimum-at', `?${name}=${s.minimum} (its minimum) is accepted`, 'minimum', 'length', String(s.minimum), true);
    }
    if (typeof s.maximum === 'number') make('maximum-past', `?${name}=${s.maximum + 1} (above its maximum ${s.maximum}) is refused`, 'maximum', 'length', String(s.maximum + 1), false);
    if (typeof s.minLength === 'number' && s.minLength > 0) make('minlength-under', `An empty ?${name}= is refused`, 'minLength', 'length', 'a'.repeat(s.minLength - 1), false);
    if (typeof s.pattern === 'string') {
      const broken = brokenPattern(s.pattern, ['not valid!', '!', 'x y']);
      if (broken !== undefined) make('pattern', `?${name}=${broken} (not matching ${s.pattern}) is refused`, 'pattern', 'format', broken, false);
    }
    if (Array.isArray(s.enum)) {
      const broken = s.enum.every((v) => typeof v === 'number') ? String(Math.max(...(s.enum as number[])) + 1) : 'not-a-choice';
      make('enum', `?${name}=${broken} (not one of its values) is ${answer.status < 300 && !answer.refusal ? 'answered as valid' : 'refused'}`, 'enum', 'enum', broken, false);
    }
  }
  return out;
}
