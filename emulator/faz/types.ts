// Values the FortiAnalyzer Cloud models answer with (no HTTP imports): emulator/faz/app.ts turns
// them into HTTP responses.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A model's answer: a status and a JSON body, or a raw text body (HTML error pages). */
export type Reply =
  | { status: number; json: Json; headers?: Record<string, string> }
  | { status: number; text: string; headers?: Record<string, string> };

export const jsonReply = (status: number, json: Json, headers?: Record<string, string>): Reply =>
  headers ? { status, json, headers } : { status, json };

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A request body parsed as JSON, or `invalid` when it is not JSON. */
export type Parsed = { ok: true; value: unknown } | { ok: false };

export function parseJson(body: Buffer): Parsed {
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) as unknown };
  } catch {
    return { ok: false };
  }
}

/** A non-empty string field, else undefined. */
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
