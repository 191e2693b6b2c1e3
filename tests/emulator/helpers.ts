// Shared fixture and HTTP helpers for the emulator's own tests: every test gets a fresh emulator.

import { test as base, expect } from '@playwright/test';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/fac/server.ts';

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

export interface CallOptions {
  body?: unknown;
  /** Raw body text (sent as is). */
  raw?: string;
  headers?: Record<string, string>;
  /** false: no Authorization header; a string: use this Authorization header. */
  auth?: boolean | string;
}

export class Client {
  constructor(readonly emu: RunningEmulator, private readonly baseUrl = emu.url) {}

  get authorization(): string {
    return `Basic ${Buffer.from(`${this.emu.user}:${this.emu.key}`).toString('base64')}`;
  }

  async call(method: string, path: string, opts: CallOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.auth !== false) headers.authorization = typeof opts.auth === 'string' ? opts.auth : this.authorization;
    let body: string | undefined = opts.raw;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(this.baseUrl + path, { method, headers, body, redirect: 'manual' });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, json: <T>() => JSON.parse(text) as T };
  }

  get = (path: string, opts?: CallOptions): Promise<Reply> => this.call('GET', path, opts);
  post = (path: string, body: unknown, opts?: CallOptions): Promise<Reply> => this.call('POST', path, { ...opts, body });
  put = (path: string, body: unknown, opts?: CallOptions): Promise<Reply> => this.call('PUT', path, { ...opts, body });
  patch = (path: string, body: unknown, opts?: CallOptions): Promise<Reply> => this.call('PATCH', path, { ...opts, body });
  delete = (path: string, opts?: CallOptions): Promise<Reply> => this.call('DELETE', path, opts);

  /** POST a local user and return its id (from the Location header). */
  async createUser(fields: Record<string, unknown>): Promise<number> {
    const r = await this.post('/api/v1/localusers/', { password: 'Secret-pass1', ...fields });
    expect(r.status, r.text).toBe(201);
    return idFromLocation(r);
  }

  async createGroup(fields: Record<string, unknown>): Promise<number> {
    const r = await this.post('/api/v1/usergroups/', fields);
    expect(r.status, r.text).toBe(201);
    return idFromLocation(r);
  }
}

export function idFromLocation(r: Reply): number {
  const loc = r.headers.get('location') ?? '';
  const m = /\/(\d+)\/$/.exec(loc);
  if (!m) throw new Error(`no id in Location ${loc}`);
  return Number(m[1]);
}

export interface ListBody<T = Record<string, unknown>> {
  meta: { limit: number; next: string | null; offset: number; previous: string | null; total_count: number };
  objects: T[];
}

/** A relative next/previous link as a parsed query set (parameter order is not fixed). */
export function linkQuery(link: string | null): Record<string, string[]> {
  expect(link).not.toBeNull();
  const u = new URL(link as string, 'http://x');
  const out: Record<string, string[]> = {};
  for (const [k, v] of u.searchParams) (out[k] ??= []).push(v);
  for (const k of Object.keys(out)) out[k]?.sort();
  return out;
}

export const test = base.extend<{ emuOptions: EmulatorOptions; emu: RunningEmulator; api: Client }>({
  emuOptions: [{}, { option: true }],
  emu: async ({ emuOptions }, use) => {
    const emu = await startEmulator(emuOptions);
    await use(emu);
    await emu.close();
  },
  api: async ({ emu }, use) => {
    await use(new Client(emu));
  },
});

export { expect };
