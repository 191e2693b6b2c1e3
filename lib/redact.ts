/**
 * Secret redaction. Every string that leaves the suite (report, log, attachment, curl line) passes
 * through `redact`, which replaces every registered secret and the Basic credentials built from it.
 */
const REDACTED = '[REDACTED]';
const secrets = new Set<string>();

/** Secrets shorter than this are not registered: replacing them would mangle ordinary text. */
const MIN_SECRET_LENGTH = 4;

/** Registers a secret (and its Basic-auth and URL-encoded forms) for redaction in this process. */
export function registerSecret(secret: string | undefined, user?: string): void {
  if (!secret || secret.length < MIN_SECRET_LENGTH) return;
  secrets.add(secret);
  secrets.add(encodeURIComponent(secret));
  secrets.add(JSON.stringify(secret).slice(1, -1));
  if (user !== undefined) secrets.add(Buffer.from(`${user}:${secret}`).toString('base64'));
}

/** Registers the secrets a run is configured with through the environment. */
export function registerSecretsFromEnv(env: NodeJS.ProcessEnv = process.env): void {
  registerSecret(env.FAC_KEY, env.FAC_USER);
  registerSecret(env.FAC_RESTRICTED_KEY, env.FAC_RESTRICTED_USER);
  registerSecret(env.FSM_CLIENT_SECRET, env.FSM_CLIENT_ID);
  registerSecret(env.FORTICLOUD_API_PASSWORD, env.FORTICLOUD_API_USER);
  registerSecret(env.FORTICONFORM_RUN_SECRET);
  for (const name of ['FAC_PROVIDED', 'FSM_PROVIDED', 'FAZ_PROVIDED', 'FORTICONFORM_RUN_FIXTURES']) {
    const raw = env[name];
    if (!raw) continue;
    try {
      registerSecretFields(JSON.parse(raw));
    } catch {
      // Malformed: configuration validation reports it.
    }
  }
}

// Keys whose string values are secrets: `password`, `client_secret`, `access_token`, `api_key`,
// `recovery_answer`, `session`, one-time codes (`token_code`, `activation_code`,
// `challenge_response`)… — whole words at the end of the key, so `token_type` or `key_size`
// (whose values are ordinary words) are not.
const SECRET_FIELD = /(^|_)(password|passwd|pass|secret|key|token|seed|answer|license|licence|csr|session|passphrase|token_code|activation_code|challenge_response)$/i;

/** Whether a field of that name holds a secret (its value is never written down). */
export function isSecretField(key: string): boolean {
  return SECRET_FIELD.test(key);
}

/** Registers every string under a key that names a secret (password, client_secret, token, …). */
export function registerSecretFields(value: unknown): void {
  if (Array.isArray(value)) value.forEach(registerSecretFields);
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'string' && SECRET_FIELD.test(k)) registerSecret(v);
      else registerSecretFields(v);
    }
  }
}

/** Returns `text` with every registered secret replaced by `[REDACTED]`. Longest first, so a
 * secret that contains another is replaced whole. */
export function redact(text: string): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  // Authorization headers are secret whatever their value (tokens we never registered).
  return out.replace(/(authorization["']?\s*[:=]\s*["']?(?:basic|bearer)\s+)[A-Za-z0-9+/=._~-]+/gi, `$1${REDACTED}`);
}

/** Deep-redacts a JSON-serialisable value. */
export function redactValue<T>(value: T): T {
  return JSON.parse(redact(JSON.stringify(value ?? null))) as T;
}
