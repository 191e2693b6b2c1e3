/**
 * The suite's one HTTP layer (undici). Every request to a target goes through `ApiClient.send`:
 * one connection pool per target with a capped number of connections, TLS verified against a given
 * CA or explicitly insecure, a per-request timeout, and transport failures turned into values with a
 * message a person can act on (never a hang, never a stack trace). It also keeps a run gentle and
 * bounded: an optional request rate, `429`/`503` retried a few times honouring `Retry-After` (never
 * past the run's time budget), and a target that stops answering is given up on after a few
 * requests in a row got no answer, instead of every later request waiting out its timeout.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Agent, request } from 'undici';
import type { Target } from './config.ts';
import { acquirePermit } from './in-flight.ts';
import { runOptions } from './run-options.ts';
import { isWriteMethod, SafetyRefusal, safetyLevel } from './safety.ts';

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
  /** `false`: a `429`/`503` answer is returned as is, never retried (a case that expects one). */
  retry?: boolean;
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
  /** `429`/`503` answers that were retried before this one, with how long each retry waited. */
  retries?: RetryRecord[];
}

export interface RetryRecord {
  status: number;
  waitedMs: number;
}

/** A request that got no HTTP answer (refused, reset, timed out, TLS rejected). */
export class TransportError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = 'TransportError';
  }
}

/** Failures that happen before a request reaches the target's application: nothing was created. */
const NEVER_SENT = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'UND_ERR_CONNECT_TIMEOUT', 'TARGET_STOPPED', 'EPROTO',
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Whether `error` shows the request never reached the target (so a journaled creation never happened). */
export function neverSent(error: unknown): boolean {
  return error instanceof TransportError && NEVER_SENT.has(error.code);
}

export interface ClientOptions {
  /** Per-request budget for headers and body, in ms. */
  timeoutMs?: number;
  /** Requests in flight toward the target at most, across the run's workers (default
   * FORTICONFORM_MAX_IN_FLIGHT, else 2; lib/in-flight.ts). Also the connections this client keeps. */
  maxInFlight?: number;
  /** Times a `429`/`503` answer is retried (default FORTICONFORM_RETRIES, else 2). */
  retries?: number;
  /** Requests per second this client sends at most (default FORTICONFORM_RATE shared among
   * FORTICONFORM_WORKERS workers; none when unset). */
  ratePerSecond?: number;
  /** Epoch ms when the run's time budget ends (default FORTICONFORM_DEADLINE_MS): no retry waits past it. */
  deadline?: number;
  /** Requests in a row without an answer after which the target counts as stopped (default 3; 0: never). */
  stopAfter?: number;
  /** File that records a stopped target for every worker of the run, surviving worker restarts
   * (default: under FORTICONFORM_STATE_DIR, which the Playwright config sets; none otherwise). */
  stoppedFile?: string;
}

/** A wait for a `Retry-After` is never longer than this, whatever the target asks. */
export const MAX_RETRY_WAIT_MS = 30_000;
/** Waits before retries the target gave no `Retry-After` for: 1 s, then 2 s, … */
const BACKOFF_BASE_MS = 1_000;
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** A `Retry-After` value (delay-seconds or an HTTP date) as ms from `now`; `undefined` when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * How long to wait before retrying an answer, or `undefined` not to retry it. `429`/`503` only
 * (RFC 6585 §4, RFC 9110 §15.6.4); a POST or PATCH only when the target says when to come back (its
 * `Retry-After` says it did not act on it). The wait honours `Retry-After`, is capped at
 * MAX_RETRY_WAIT_MS, and a retry that could not be answered before the deadline is not made.
 */
export function retryWait(req: Pick<ApiRequest, 'method' | 'retry'>, response: Pick<ApiResponse, 'status' | 'headers'>, attempt: number, deadline: number | undefined, now = Date.now()): number | undefined {
  if (req.retry === false || (response.status !== 429 && response.status !== 503)) return undefined;
  const asked = retryAfterMs(response.headers['retry-after'], now);
  if (asked === undefined && !IDEMPOTENT.has(req.method.toUpperCase())) return undefined;
  const wait = Math.min(asked ?? BACKOFF_BASE_MS * 2 ** attempt, MAX_RETRY_WAIT_MS);
  if (deadline !== undefined && now + wait >= deadline) return undefined;
  return wait;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

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

function describeTransportFailure(error: unknown, url: string, timeoutMs: number, product = 'fac'): TransportError {
  // How to trust the target's certificate: the product's setting, as environment variable and flag.
  const P = product.toUpperCase();
  const trust = `pass its CA with ${P}_CA_FILE (--${product}-ca-file), or accept any certificate with ${P}_INSECURE=1 (--${product}-insecure)`;
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
    EPIPE: `${url} closed the connection while the request was being sent`,
    DEPTH_ZERO_SELF_SIGNED_CERT: `${url} presents a self-signed certificate: ${trust}`,
    SELF_SIGNED_CERT_IN_CHAIN: `${url} presents a certificate signed by an unknown CA: ${trust}`,
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: `the certificate of ${url} cannot be verified: ${trust}`,
    ERR_TLS_CERT_ALTNAME_INVALID: `the certificate of ${url} does not name this host`,
    EPROTO: `TLS handshake with ${url} failed (is it plain HTTP?)`,
  };
  // llhttp's parse errors (HPE_*): bytes came back, but not an HTTP answer.
  if (code.startsWith('HPE_')) return new TransportError(`${url} answered something that is not HTTP (${code})`, code);
  return new TransportError(messages[code] ?? `request to ${url} failed: ${code} ${err.message ?? ''}`.trim(), code);
}

/** HTTP client bound to one target and its credentials. */
export class ApiClient {
  readonly baseUrl: string;
  private readonly agent: Agent;
  private readonly timeoutMs: number;
  private readonly maxInFlight: number;
  private readonly retries: number;
  private readonly deadline: number | undefined;
  /** Least gap between two sends (rate limit); 0 for none. */
  private readonly gapMs: number;
  private nextSendAt = 0;
  private readonly stopAfter: number;
  private readonly stoppedFile: string | undefined;
  private failuresInARow = 0;
  private stoppedReason: string | undefined;

  constructor(readonly target: Target, options: ClientOptions = {}) {
    this.baseUrl = target.url;
    const run = runOptions();
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.maxInFlight = options.maxInFlight ?? run.maxInFlight;
    this.retries = options.retries ?? run.retries;
    this.deadline = options.deadline ?? run.deadlineMs;
    // The run's rate is shared by its workers, each with a client of its own.
    const rate = options.ratePerSecond ?? run.rate / run.workers;
    this.gapMs = rate > 0 ? 1000 / rate : 0;
    this.stopAfter = options.stopAfter ?? 3;
    const { stateDir, runId } = run;
    this.stoppedFile = options.stoppedFile ?? (stateDir ? path.join(stateDir, `${target.product}-${runId}.stopped`) : undefined);
    const ca = target.caFile ? readFileSync(target.caFile, 'utf8') : undefined;
    this.agent = new Agent({
      connections: this.maxInFlight,
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

  /**
   * Sends a request; resolves with any HTTP answer (after retrying `429`/`503`, see `retryWait`),
   * rejects only with `TransportError` — at once, without sending, once the target stopped answering.
   */
  async send(req: ApiRequest): Promise<ApiResponse> {
    const retries: RetryRecord[] = [];
    for (let attempt = 0; ; attempt++) {
      const response = await this.sendOnce(req);
      const wait = attempt < this.retries ? retryWait(req, response, attempt, this.deadline) : undefined;
      if (wait === undefined) return retries.length > 0 ? { ...response, retries } : response;
      await sleep(wait);
      retries.push({ status: response.status, waitedMs: Math.round(wait) });
    }
  }

  /** The first of the run's clients to see `stopAfter` requests in a row unanswered tells the others. */
  private throwIfStopped(): void {
    if (this.stopAfter <= 0) return;
    if (this.stoppedReason === undefined && this.stoppedFile && existsSync(this.stoppedFile)) {
      try {
        this.stoppedReason = readFileSync(this.stoppedFile, 'utf8');
      } catch {
        // Being written by another worker this instant: the next request reads it.
      }
    }
    if (this.stoppedReason !== undefined) throw new TransportError(this.stoppedReason, 'TARGET_STOPPED');
  }

  private noteNoAnswer(error: TransportError): void {
    if (this.stopAfter <= 0 || ++this.failuresInARow < this.stopAfter) return;
    this.stoppedReason = `not sent: ${this.baseUrl} stopped answering after ${this.failuresInARow} requests in a row got no answer (last: ${error.message})`;
    if (!this.stoppedFile) return;
    try {
      mkdirSync(path.dirname(this.stoppedFile), { recursive: true });
      writeFileSync(this.stoppedFile, this.stoppedReason);
    } catch {
      // Without the shared file each worker finds out for itself: slower, still bounded.
    }
  }

  /** Waits for this client's next slot under the rate limit (slots are taken in call order). */
  private async pace(): Promise<void> {
    if (this.gapMs === 0) return;
    const now = Date.now();
    const at = Math.max(now, this.nextSendAt);
    this.nextSendAt = at + this.gapMs;
    if (at > now) await sleep(at - now);
  }

  private async sendOnce(req: ApiRequest): Promise<ApiResponse> {
    // The one choke point of `--safety read-only`: a write is never sent, whoever asks for it.
    if (isWriteMethod(req.method) && safetyLevel() === 'read-only') throw new SafetyRefusal(req.method, req.path);
    this.throwIfStopped();
    await this.pace();
    const url = this.urlOf(req);
    const headers: Record<string, string> = { accept: 'application/json', ...lowerKeys(req.headers ?? {}) };
    const authorization = this.authorization(req.auth);
    if (authorization) headers.authorization = authorization;
    const encoded = encodeBody(req);
    if (encoded?.contentType) headers['content-type'] ??= encoded.contentType;
    const body = encoded?.body;
    // The one place the run's in-flight cap is kept: from sending to the end of the answer.
    const release = await acquirePermit(url.startsWith(this.baseUrl) ? this.baseUrl : new URL(url).origin, this.maxInFlight);
    const started = performance.now();
    let response: ApiResponse;
    try {
      const res = await request(url, { method: req.method as 'GET', headers, body, dispatcher: this.agent });
      const text = await res.body.text();
      this.failuresInARow = 0;
      response = { status: res.statusCode, headers: flattenHeaders(res.headers), text, elapsedMs: performance.now() - started };
    } catch (error) {
      const failure = describeTransportFailure(error, this.baseUrl, this.timeoutMs, this.target.product);
      this.noteNoAnswer(failure);
      throw failure;
    } finally {
      release();
    }
    await letWaitingRequestsOut();
    return response;
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

/**
 * Two turns of the event loop before an answer is judged. undici writes a request on a reused
 * keep-alive socket only at the loop's next check phase (it first reads what the server may have
 * sent on it meanwhile), so a request just handed this answer's permit would otherwise go out only
 * after every check of this answer has run, its slot at the target idle all that time (about a
 * millisecond a request against a slow target). Two: that request may be started after this one's
 * first turn was queued.
 */
async function letWaitingRequestsOut(): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  await new Promise<void>((resolve) => setImmediate(resolve));
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
