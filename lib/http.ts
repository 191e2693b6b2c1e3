/**
 * The suite's one HTTP layer (undici). Every request to a target goes through `ApiClient.send`:
 * one connection pool per target with a capped number of connections, TLS verified against a given
 * CA or explicitly insecure, a per-request timeout, and transport failures turned into values with a
 * message a person can act on (never a hang, never a stack trace).
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';
import type { Target } from './config.ts';

/**
 * Who a request is sent as: the configured admin, nobody, the admin with a wrong key, an admin
 * without the resource's permission, a Bearer token, or other Basic credentials.
 */
export type AuthMode =
  | 'admin'
  | 'none'
  | 'wrong-key'
  | 'restricted'
  | { bearer: string }
  | { basic: { user: string; password: string } };
export type QueryValue = string | number | boolean | Array<string | number | boolean>;

/** A file part of a multipart body; `content` is text, or bytes as `base64:…`. */
export interface FilePart {
  filename: string;
  content: string;
  contentType?: string;
}

export interface ApiRequest {
  method: string;
  /** Absolute path from the appliance root, e.g. `/api/v1/localusers/`. */
  path: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  /** JSON body (serialised). At most one of body, form, multipart, rawBody. */
  body?: unknown;
  /** `application/x-www-form-urlencoded` fields. */
  form?: Record<string, string>;
  /** `multipart/form-data` parts. */
  multipart?: Record<string, string | FilePart>;
  /** A body sent as is (its Content-Type in `headers`). */
  rawBody?: string;
  auth?: AuthMode;
}

/** The body bytes and Content-Type of a request, whichever form it takes. */
export function encodeBody(req: ApiRequest): { body: string | Buffer; contentType?: string } | undefined {
  if (req.rawBody !== undefined) return { body: req.rawBody };
  if (req.form !== undefined) return { body: new URLSearchParams(req.form).toString(), contentType: 'application/x-www-form-urlencoded' };
  if (req.multipart !== undefined) {
    // A fixed boundary keeps requests (and their curl lines) reproducible.
    const boundary = '----forticonform-boundary-7c1d';
    const chunks: Buffer[] = [];
    for (const [name, part] of Object.entries(req.multipart)) {
      const file = typeof part === 'string' ? undefined : part;
      const disposition = `form-data; name="${name}"${file ? `; filename="${file.filename}"` : ''}`;
      const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${file ? `Content-Type: ${file.contentType ?? 'application/octet-stream'}\r\n` : ''}\r\n`;
      const content = file ? (file.content.startsWith('base64:') ? Buffer.from(file.content.slice(7), 'base64') : Buffer.from(file.content)) : Buffer.from(part as string);
      chunks.push(Buffer.from(head), content, Buffer.from('\r\n'));
    }
    chunks.push(Buffer.from(`--${boundary}--\r\n`));
    return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
  }
  if (req.body !== undefined) return { body: typeof req.body === 'string' ? req.body : JSON.stringify(req.body), contentType: 'application/json' };
  return undefined;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  /** Raw body text. */
  text: string;
  /** Milliseconds from send to the end of the body. */
  elapsedMs: number;
}

/** A request that got no HTTP answer (refused, reset, timed out, TLS rejected). */
export class TransportError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = 'TransportError';
  }
}

export interface ClientOptions {
  /** Per-request budget for headers and body, in ms. */
  timeoutMs?: number;
  /** Connections kept open to the target at most: caps concurrency toward an appliance. */
  connections?: number;
}

/** Builds `path?query` with repeated keys for arrays (tastypie reads `name__in=a&name__in=b`). */
export function buildPathWithQuery(path: string, query: Record<string, QueryValue> | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
  }
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

function describeTransportFailure(error: unknown, url: string, timeoutMs: number): TransportError {
  const err = error as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  const code = err.code ?? err.cause?.code ?? err.name ?? 'UNKNOWN';
  const messages: Record<string, string> = {
    ECONNREFUSED: `nothing is listening at ${url} (connection refused)`,
    ENOTFOUND: `the host of ${url} does not resolve`,
    ECONNRESET: `${url} reset the connection`,
    UND_ERR_SOCKET: `${url} closed the connection without answering`,
    UND_ERR_HEADERS_TIMEOUT: `${url} sent no answer within ${timeoutMs} ms`,
    UND_ERR_BODY_TIMEOUT: `${url} stopped sending its answer for ${timeoutMs} ms`,
    UND_ERR_CONNECT_TIMEOUT: `could not connect to ${url} within ${timeoutMs} ms`,
    DEPTH_ZERO_SELF_SIGNED_CERT: `${url} presents a self-signed certificate: pass its certificate with FAC_CA_FILE, or accept any certificate with FAC_INSECURE=1`,
    SELF_SIGNED_CERT_IN_CHAIN: `${url} presents a certificate signed by an unknown CA: pass the CA with FAC_CA_FILE, or FAC_INSECURE=1`,
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: `the certificate of ${url} cannot be verified: pass the CA with FAC_CA_FILE, or FAC_INSECURE=1`,
    ERR_TLS_CERT_ALTNAME_INVALID: `the certificate of ${url} does not name this host`,
    EPROTO: `TLS handshake with ${url} failed (is it plain HTTP?)`,
  };
  return new TransportError(messages[code] ?? `request to ${url} failed: ${code} ${err.message ?? ''}`.trim(), code);
}

/** HTTP client bound to one target and its credentials. */
export class ApiClient {
  readonly baseUrl: string;
  private readonly agent: Agent;
  private readonly timeoutMs: number;

  constructor(readonly target: Target, options: ClientOptions = {}) {
    this.baseUrl = target.url;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    const ca = target.caFile ? readFileSync(target.caFile, 'utf8') : undefined;
    this.agent = new Agent({
      connections: options.connections ?? 4,
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
      connectTimeout: this.timeoutMs,
      connect: { ca, rejectUnauthorized: !target.insecure },
    });
  }

  /** The Authorization header for an auth mode; `undefined` for none. */
  authorization(mode: AuthMode = 'admin'): string | undefined {
    const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    if (mode === 'none') return undefined;
    // Products without an administrator's Basic credentials (token flows) send none by default.
    if (mode === 'admin') return this.target.user && this.target.key ? basic(this.target.user, this.target.key) : undefined;
    if (mode === 'wrong-key') return basic(this.target.user ?? 'admin', `${this.target.key ?? ''}-wrong`);
    if (mode === 'restricted') {
      if (!this.target.restricted) throw new Error('no restricted administrator is configured');
      return basic(this.target.restricted.user, this.target.restricted.key);
    }
    if ('bearer' in mode) return `Bearer ${mode.bearer}`;
    return basic(mode.basic.user, mode.basic.password);
  }

  /** Full URL of a request, for messages and curl lines. */
  urlOf(req: Pick<ApiRequest, 'path' | 'query'>): string {
    // An absolute URL addresses another service of the same flow (FortiCloud's token service).
    const base = /^https?:\/\//.test(req.path) ? '' : this.baseUrl;
    return base + buildPathWithQuery(req.path, req.query);
  }

  /** Sends a request; resolves with any HTTP answer, rejects only with `TransportError`. */
  async send(req: ApiRequest): Promise<ApiResponse> {
    const url = this.urlOf(req);
    const headers: Record<string, string> = { accept: 'application/json', ...lowerKeys(req.headers ?? {}) };
    const authorization = this.authorization(req.auth);
    if (authorization) headers.authorization = authorization;
    const encoded = encodeBody(req);
    if (encoded?.contentType) headers['content-type'] ??= encoded.contentType;
    const body = encoded?.body;
    const started = performance.now();
    try {
      const res = await request(url, { method: req.method as 'GET', headers, body, dispatcher: this.agent });
      const text = await res.body.text();
      return { status: res.statusCode, headers: flattenHeaders(res.headers), text, elapsedMs: performance.now() - started };
    } catch (error) {
      throw describeTransportFailure(error, this.baseUrl, this.timeoutMs);
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** Parses a JSON body; `undefined` when the body is empty or not JSON. */
export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
