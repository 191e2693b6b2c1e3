/**
 * A reproducing cURL command for a request, with the secret redacted — the "Reproduce with:" line
 * of every failure (after Schemathesis' `core/curl.py`).
 */
import type { ApiClient, ApiRequest } from './http.ts';
import { redact } from './redact.ts';

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** `curl` line for `req` against `client`'s target; credentials appear as `$FAC_KEY`. */
export function toCurl(client: ApiClient, req: ApiRequest): string {
  const parts = ['curl', '-sS', '-i'];
  if (client.target.insecure) parts.push('-k');
  else if (client.target.caFile) parts.push('--cacert', shellQuote(client.target.caFile));
  if (req.method !== 'GET') parts.push('-X', req.method);
  const auth = req.auth ?? 'admin';
  // The key is never printed: the line reads it from the environment when run.
  if (auth === 'admin') parts.push('-u', `"${client.target.user}:$FAC_KEY"`);
  if (auth === 'wrong-key') parts.push('-u', `"${client.target.user}:wrong-key"`);
  for (const [name, value] of Object.entries(req.headers ?? {})) parts.push('-H', shellQuote(`${name}: ${value}`));
  if (req.body !== undefined) {
    if (!Object.keys(req.headers ?? {}).some((h) => h.toLowerCase() === 'content-type')) {
      parts.push('-H', shellQuote('Content-Type: application/json'));
    }
    parts.push('--data', shellQuote(typeof req.body === 'string' ? req.body : JSON.stringify(req.body)));
  }
  parts.push(shellQuote(client.urlOf(req)));
  return redact(parts.join(' '));
}
