// Framework-free request/response values the wire layer works on (node:http adapts to them in
// emulator/fac/server.ts), plus the response shapes tastypie/Django produce.

import type { Json } from '../models/types.ts';
import { CONTENT_TYPE, type Format } from './format.ts';
import { toJson, toXml, type WireValue } from './serialize.ts';

export interface WireRequest {
  method: string;
  /** Request target as received: path plus optional ?query. */
  url: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Buffer;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Django's HttpResponse default content type (what FAC sends on 201/202/204/401/404). */
export const HTML = 'text/html; charset=utf-8';

export function header(req: WireRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

export const empty = (status: number, headers: Record<string, string> = {}): WireResponse => ({
  status,
  headers: { 'Content-Type': HTML, ...headers },
  body: '',
});

export const text = (status: number, body: string, headers: Record<string, string> = {}): WireResponse => ({
  status,
  headers: { 'Content-Type': HTML, ...headers },
  body,
});

export function serialized(status: number, data: WireValue | Json, format: Format, headers: Record<string, string> = {}): WireResponse {
  return {
    status,
    headers: { 'Content-Type': CONTENT_TYPE[format], ...headers },
    body: format === 'xml' ? toXml(data) : toJson(data),
  };
}
