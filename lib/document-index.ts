/**
 * The documented operations, read from the source documents themselves (the seeds the source lint
 * reads): every method + path a document states, so a self-test can list the ones with no OpenAPI
 * operation (issue 13: "documented operations without an OpenAPI operation: 0").
 *
 * What counts as stated, per document:
 *   002  each "Allowed methods" row that names a path (`GET /api/v1/localusers/[id]/`), and, in a
 *        section whose table gives methods without paths (usergroups, auth, …), each method against
 *        the section's `URL:` — on its list or detail path, which such tables do not say;
 *        plus the two general-usage operations (the root listing and `/schema/`) by their heading.
 *   003  each resource row's base URL: a resource, not an operation (the table names no methods);
 *        an OpenAPI path item for it — with operations, or none where nothing else documents it —
 *        covers it.
 *   000  the token call, each "Input URL" and its "-GET API" / "-POST API" heading, the MCP URL.
 *   001  each "HTTP Method" + "Endpoint" pair.   004  the "Allowed methods" table row.
 * The OCR noise of 002 (`/apilv1/`, `[1id]`, `scepregs`…) is folded here, in one place.
 */

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

export interface DocumentedOperation {
  product: 'fac' | 'fsm' | 'faz';
  /** The methods any of which satisfies it (one, unless the document leaves it open). */
  methods: readonly Method[];
  /** Canonical paths, any of which satisfies it: `{}` for a parameter, no trailing slash. */
  paths: readonly string[];
  /** `resource`: a resource without methods (003's base URLs): an operation under it, or its path item. */
  match: 'exact' | 'resource';
  /** Seed and where: `002 line 1882`. */
  source: string;
  /** The raw text it was read from. */
  text: string;
  /** Where a fact decides another reading than the document's words. */
  reading?: string;
}

/** OCR misreadings of 002 inside paths (seed README: "text extracted from a PDF, with OCR noise"). */
const OCR_WORDS: ReadonlyArray<[RegExp, string]> = [
  [/external ip fq[g]?dn/g, 'external_ip_fqdn'],
  [/revoke token/g, 'revoke_token'],
  [/verify token/g, 'verify_token'],
  [/oauthiverify_token/g, 'oauth/verify_token'],
  [/ocauth/g, 'oauth'],
  [/scepregs/g, 'scepreqs'],
];

/** A path as written in a seed → canonical form (`/api/v1/localusers/{}`), or undefined. */
export function canonicalPath(raw: string): string | undefined {
  let s = raw.trim();
  for (const [re, to] of OCR_WORDS) s = s.replace(re, to);
  s = s.split('?')[0]!.replace(/[.,;:|]+$/, '');
  // `[id]`, `[1id]`, `[1d]`, `[id)`, `[id])`, `(id)`, `[filter_id]`, `{incidentId}`, `<id>`: one parameter.
  s = s.replace(/[[(]\s*(?:[a-z]+_)?1?i?d\s*[\])]+/g, '{}').replace(/\{[A-Za-z_]+\}|<[A-Za-z_]+>/g, '{}');
  const fsm = /\/(phoenix\/\S*|p\/\S+|jsonrpc)$/.exec(s.replace(/^https?:\/\/[^/]+/, ''));
  if (fsm && !/ap[il]/.test(s.split('/phoenix')[0]!)) return tidy(`/${fsm[1]}`);
  const at = /ap[il]/.exec(s);
  if (!at) return undefined;
  let rest = s.slice(at.index + 3).replace(/^\/?\[api[ _]version\]\//, '/v1/').replace(/^[/l]*/, '');
  const versioned = /^v[il1]*\//.test(rest);
  rest = rest.replace(/^v[il1]*\//, '');
  return tidy(`/api/${versioned ? 'v1/' : ''}${rest}`);
}

const tidy = (p: string): string => p.replace(/\s+/g, '').replace(/\/{2,}/g, '/').replace(/\/$/, '') || '/';

/** An OpenAPI path in the same canonical form. */
export const canonicalOpenApiPath = (p: string): string => tidy(p.replace(/\{[^}]+\}/g, '{}'));

const ROW = new RegExp(`\\b(${METHODS.join('|')})\\s*\\|?\\s+(\\S*ap[il]\\S*(?: ip fq[g]?dn/| token/)?\\S*)`);
const BARE_METHOD = new RegExp(`^(${METHODS.join('|')})\\s+(?!\\S*ap[il])(?:[A-Z]|$)`);
const TYPE_ROW = /^(List|Detail)\s+((?:(?:GET|POST|PUT|PATCH|DELETE)[,\s]*)+)$/;

/** 002: the Allowed-methods rows of every section, and its general-usage operations. */
export function fromFacGuide(text: string, label = '002'): DocumentedOperation[] {
  const lines = text.split('\n');
  const out: DocumentedOperation[] = [];
  // The general usage of 002 · "View available endpoint resources" and "append /schema/ to the endpoint URL".
  const general: Array<[RegExp, string, string]> = [
    [/View available endpoint resources/, '/api/v1', 'GET /api/v1/ (View available endpoint resources)'],
    [/append \/schema\/ to the endpoint URL/, '/api/v1/{}/schema', 'GET /api/v1/[resource]/schema/ (Supported API methods)'],
  ];
  for (const [heading, path, what] of general) {
    const line = lines.findIndex((l) => heading.test(l));
    if (line >= 0) out.push({ product: 'fac', methods: ['GET'], paths: [path], match: 'exact', source: `${label} line ${line + 1}`, text: what });
  }
  // Sections: from one `URL:` line to the next.
  const starts = lines.flatMap((l, i) => (/^URL:/.test(l.trim()) ? [i] : []));
  starts.forEach((start, n) => {
    const end = starts[n + 1] ?? lines.length;
    const url = canonicalPath(lines[start]!.replace(/^URL:\s*/, '').replace(/\[server[ _]name[\])]/, 'host'));
    const rows: DocumentedOperation[] = [];
    const bare: DocumentedOperation[] = [];
    for (let i = start + 1; i < end; i += 1) {
      const line = lines[i]!.trim();
      const where = `${label} line ${i + 1}`;
      const row = ROW.exec(line);
      // A path broken over two lines: `…/radiusattributes/` then `[attribute_id]/` (1–2 lines on).
      const rest = lines.slice(i + 1, i + 3).map((l) => l.trim()).find((l) => l !== '');
      const continued = row && row[2]!.endsWith('/') && rest && /^\[[a-z_]*id\]\//.test(rest) ? `${row[2]}${rest.split(/\s/)[0]}` : row?.[2];
      const path = continued ? canonicalPath(continued) : undefined;
      if (path) {
        rows.push({ product: 'fac', methods: [row![1] as Method], paths: [path], match: 'exact', source: where, text: continued === row![2] ? line : `${line} ${rest}` });
        continue;
      }
      if (!url) continue;
      const typed = TYPE_ROW.exec(line);
      if (typed) {
        const at = typed[1] === 'List' ? url : `${url}/{}`;
        for (const m of typed[2]!.match(/GET|POST|PUT|PATCH|DELETE/g) ?? []) bare.push({ product: 'fac', methods: [m as Method], paths: [at], match: 'exact', source: where, text: line });
        continue;
      }
      const method = BARE_METHOD.exec(line)?.[1];
      // A method alone in a table row: on the list or the detail path (the table does not say which).
      if (method) bare.push({ product: 'fac', methods: [method as Method], paths: [url, `${url}/{}`], match: 'exact', source: where, text: line });
    }
    out.push(...rows, ...(rows.length === 0 ? bare : []));
  });
  return out;
}

/** 003: every resource row's base URL has some operation under it. */
export function fromPermissionsTable(text: string, label = '003'): DocumentedOperation[] {
  const seen = new Set<string>();
  return text.split('\n').flatMap((line, i) => {
    const m = /^([a-z-]+(?: \(no version\))?) https:\/\/\[server_name\](\/api\/\S*)/.exec(line.trim());
    const path = m ? canonicalPath(m[2]!) : undefined;
    if (!m || !path || seen.has(path)) return [];
    seen.add(path);
    return [{ product: 'fac' as const, methods: METHODS, paths: [path], match: 'resource' as const, source: `${label} line ${i + 1}`, text: `${m[1]} ${m[2]}` }];
  });
}

/** 000: the token call, each "Input URL" (its method from the line or the heading above), the MCP service. */
export function fromFortiSiem(text: string, label = '000'): DocumentedOperation[] {
  const lines = text.split('\n');
  const out: DocumentedOperation[] = [];
  lines.forEach((raw, i) => {
    const line = raw.trim();
    const where = `${label} line ${i + 1}`;
    const direct = new RegExp(`^(?:Input URL:\\s*)?(${METHODS.join('|')})\\s+(/phoenix/\\S+)`).exec(line);
    const input = /^Input URL:\s*(https?:\/\/\S+)/.exec(line);
    const mcp = /connect to (https?:\/\/\S+\/phoenix\/mcp)/.exec(line);
    if (direct) {
      const path = canonicalPath(direct[2]!)!;
      // 000 writes the token call as GET with a request body; facts · FortiSIEM token flow: POST form.
      const reading = /oauth\/token$/.test(path) && direct[1] === 'GET' ? 'POST (facts · FortiSIEM token flow: the token call is POST application/x-www-form-urlencoded)' : undefined;
      out.push({ product: 'fsm', methods: reading ? ['POST'] : [direct[1] as Method], paths: [path], match: 'exact', source: where, text: line, ...(reading ? { reading } : {}) });
    } else if (input) {
      const heading = lines.slice(Math.max(0, i - 2), i).map((l) => /-(GET|POST|PUT|PATCH|DELETE) API/.exec(l)?.[1]).find(Boolean);
      out.push({ product: 'fsm', methods: heading ? [heading as Method] : METHODS, paths: [canonicalPath(input[1]!)!], match: 'exact', source: where, text: line });
    } else if (mcp) {
      // 000 names the URL, not the method; MCP over HTTP is POST (the OpenAPI's reading).
      out.push({ product: 'fsm', methods: METHODS, paths: [canonicalPath(mcp[1]!)!], match: 'exact', source: where, text: line });
    }
  });
  return out;
}

/** 001: "HTTP Method X" followed by "Endpoint URL"; 004: `POST | /api/fabric/authenticate |` rows. */
export function fromMethodEndpointPairs(text: string, label: string, product: DocumentedOperation['product']): DocumentedOperation[] {
  const lines = text.split('\n').map((l) => l.trim());
  return lines.flatMap((line, i) => {
    const pair = /^HTTP Method (GET|POST|PUT|PATCH|DELETE)$/.exec(line);
    const endpoint = pair ? /^Endpoint (https?:\/\/\S+)/.exec(lines[i + 1] ?? '') : null;
    const row = /^(GET|POST|PUT|PATCH|DELETE) \| (\/\S+) \|/.exec(line);
    const method = pair?.[1] ?? row?.[1];
    const path = endpoint ? canonicalPath(endpoint[1]!) : row ? canonicalPath(row[2]!) : undefined;
    return method && path ? [{ product, methods: [method as Method], paths: [path], match: 'exact' as const, source: `${label} line ${i + 1}`, text: line }] : [];
  });
}

/** Every operation the five documents state, deduplicated within each document (one stated twice is one). */
export function documentedOperations(seeds: { '000': string; '001': string; '002': string; '003': string; '004': string }): DocumentedOperation[] {
  const all = [
    ...fromFacGuide(seeds['002']),
    ...fromPermissionsTable(seeds['003']),
    ...fromFortiSiem(seeds['000']),
    ...fromMethodEndpointPairs(seeds['001'], '001', 'faz'),
    ...fromMethodEndpointPairs(seeds['004'], '004', 'fac'),
  ];
  const seen = new Set<string>();
  return all.filter((d) => {
    const k = `${d.source.split(' ')[0]} ${d.product} ${d.match} ${d.methods.join(',')} ${d.paths.join(',')}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * The documented operations no OpenAPI operation (`product method path`) satisfies; a `resource`
 * entry is also satisfied by an OpenAPI path item of that path (`pathItems`: `product path`).
 */
export function withoutOperation(documented: DocumentedOperation[], operations: Array<{ product: string; method: string; path: string }>, pathItems: Array<{ product: string; path: string }> = []): DocumentedOperation[] {
  const ops = operations.map((o) => ({ product: o.product, method: o.method.toUpperCase(), path: canonicalOpenApiPath(o.path) }));
  const items = pathItems.map((p) => `${p.product} ${canonicalOpenApiPath(p.path)}`);
  return documented.filter((d) => {
    if (d.match === 'resource' && d.paths.some((p) => items.includes(`${d.product} ${p}`))) return false;
    return !ops.some(
      (o) =>
        o.product === d.product &&
        (d.methods as readonly string[]).includes(o.method) &&
        d.paths.some((p) => (d.match === 'resource' ? o.path === p || o.path.startsWith(`${p}/`) : o.path === p)),
    );
  });
}
