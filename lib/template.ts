/**
 * Renders the templates of `x-cases` (see `openapi/CONVENTIONS.md`): `{{unique}}`, `{{secret}}`,
 * `{{fixtures.NAME.FIELD}}`, `{{ref:PATH}}`, and in a case's `steps` `{{response.FIELD}}` (the case's own
 * answer) and `{{steps.NAME.FIELD}}` (an earlier step's). A string that is one whole template keeps the
 * value's type (an `id` stays a number); embedded templates are stringified.
 */
export interface TemplateScope {
  /** A fresh run-unique token (letters, digits, `_`). */
  unique(): string;
  /** The run's test password. */
  secret: string;
  fixtures: Record<string, Record<string, unknown>>;
  /** Operator-provided prerequisites (`x-requires`), by name. */
  provided: Record<string, Record<string, unknown>>;
  /** Answers of the run's `x-run-fixtures` (tokens, sessions), by name. */
  run?: Record<string, Record<string, unknown>>;
  /** JSON answers of a case's earlier named `steps`, by name. */
  steps?: Record<string, Record<string, unknown>>;
  /** The case's own JSON answer, for its `steps`. */
  response?: Record<string, unknown>;
  /** The target's settings cases may read (`client_id`, …). */
  target?: Record<string, string>;
  /** Creates a throw-away object through a collection and returns its resource path (or its id). */
  ref(collectionPath: string, want?: 'uri' | 'id'): Promise<string | number>;
}

const TEMPLATE = /\{\{\s*([^}]+?)\s*\}\}/g;

async function resolveExpression(expr: string, scope: TemplateScope): Promise<unknown> {
  if (expr === 'unique') return scope.unique();
  // Unique values for fields that refuse `_`: a hostname label, and a locally administered MAC.
  if (expr === 'unique-host') return scope.unique().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (expr === 'unique-mac') return uniqueMac(scope.unique());
  // A run-unique value of exactly N characters (a derived at-the-limit case): the token padded.
  const padded = /^(unique|unique-host):(\d+)$/.exec(expr);
  if (padded) {
    const token = String(await resolveExpression(padded[1]!, scope));
    const length = Number(padded[2]);
    if (token.length > length) throw new Error(`template {{${expr}}}: the run-unique token is longer than ${length}`);
    return token + (padded[1] === 'unique-host' ? 'a' : 'x').repeat(length - token.length);
  }
  if (expr === 'secret') return scope.secret;
  if (expr.startsWith('ref:')) return scope.ref(expr.slice(4).trim(), 'uri');
  if (expr.startsWith('ref-id:')) return scope.ref(expr.slice(7).trim(), 'id');
  const setting = /^target\.([A-Za-z0-9_-]+)$/.exec(expr);
  if (setting) {
    const value = scope.target?.[setting[1]!];
    if (value === undefined) throw new Error(`template {{${expr}}}: the target has no setting "${setting[1]}"`);
    return value;
  }
  const answered = /^response\.([A-Za-z0-9_-]+)$/.exec(expr);
  if (answered) {
    if (!scope.response || !(answered[1]! in scope.response)) throw new Error(`template {{${expr}}}: the case's answer has no field "${answered[1]}"`);
    return scope.response[answered[1]!];
  }
  const reference = /^(fixtures|provided|run|steps)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(expr);
  if (reference) {
    const [, kind, name, field] = reference as unknown as ['', 'fixtures' | 'provided' | 'run' | 'steps', string, string];
    const object = (scope[kind] ?? {})[name];
    const noun = { fixtures: 'fixture', run: 'run fixture', provided: 'provided prerequisite', steps: 'step' }[kind];
    if (!object) throw new Error(`template {{${expr}}}: no ${noun} named "${name}"`);
    if (!(field in object)) throw new Error(`template {{${expr}}}: ${noun} "${name}" has no field "${field}"`);
    return object[field];
  }
  throw new Error(`unknown template {{${expr}}}`);
}

/** A locally administered unicast MAC (`02:…`) derived from a unique token. */
function uniqueMac(token: string): string {
  let hash = 2166136261;
  for (const c of token) hash = Math.imul(hash ^ c.charCodeAt(0), 16777619) >>> 0;
  const bytes = [0x02, (hash >>> 24) & 0xff, (hash >>> 16) & 0xff, (hash >>> 8) & 0xff, hash & 0xff, token.length & 0xff];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/** Renders every template in a JSON value, depth first, in document order. */
export async function renderTemplates(value: unknown, scope: TemplateScope): Promise<unknown> {
  if (typeof value === 'string') {
    const whole = /^\{\{\s*([^}]+?)\s*\}\}$/.exec(value);
    if (whole) return resolveExpression(whole[1]!, scope);
    let out = '';
    let last = 0;
    for (const match of value.matchAll(TEMPLATE)) {
      out += value.slice(last, match.index) + String(await resolveExpression(match[1]!, scope));
      last = match.index! + match[0].length;
    }
    return out + value.slice(last);
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) out.push(await renderTemplates(item, scope));
    return out;
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await renderTemplates(v, scope);
    return out;
  }
  return value;
}

/** Substitutes `{name}` path parameters. */
export function fillPath(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`path ${template}: no value for {${name}}`);
    return encodeURIComponent(String(params[name]));
  });
}
