/**
 * A reproducing cURL command for a request, with the secret redacted — the "Reproduce with:" line
 * of every failure (after Schemathesis' `core/curl.py`).
 */
import { type ApiClient, type ApiRequest, encodeBody } from './http.ts';
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
  // Keys are never printed: the line reads them from the environment when run.
  if (auth === 'admin' && client.target.user) parts.push('-u', `"${client.target.user}:$FAC_KEY"`);
  else if (auth === 'wrong-key') parts.push('-u', `"${client.target.user}:wrong-key"`);
  else if (auth === 'restricted') parts.push('-u', `"${client.target.restricted?.user ?? 'restricted'}:$FAC_RESTRICTED_KEY"`);
  else if (typeof auth === 'object' && 'bearer' in auth) parts.push('-H', shellQuote(`Authorization: Bearer ${auth.bearer}`));
  else if (typeof auth === 'object') parts.push('-u', shellQuote(`${auth.basic.user}:${auth.basic.password}`));
  for (const [name, value] of Object.entries(req.headers ?? {})) parts.push('-H', shellQuote(`${name}: ${value}`));
  const hasContentType = Object.keys(req.headers ?? {}).some((h) => h.toLowerCase() === 'content-type');
  if (req.multipart !== undefined) {
    for (const [name, part] of Object.entries(req.multipart)) {
      parts.push('-F', shellQuote(typeof part === 'string' ? `${name}=${part}` : `${name}=@${part.filename}`));
    }
  } else {
    const encoded = encodeBody(req);
    if (encoded) {
      if (encoded.contentType && !hasContentType) parts.push('-H', shellQuote(`Content-Type: ${encoded.contentType}`));
      parts.push('--data', shellQuote(encoded.body.toString()));
    }
  }
  parts.push(shellQuote(client.urlOf(req)));
  return redact(parts.join(' '));
}
