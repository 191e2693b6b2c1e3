/**
 * Target configuration: where the FortiAuthenticator under test is and how to reach it.
 *
 * Sources, later ones winning: a JSON config file (`forticonform.config.json` or `--config`), then
 * the environment (`FAC_URL`, `FAC_USER`, `FAC_KEY` or `FAC_KEY_FILE`, `FAC_CA_FILE`, `FAC_INSECURE`).
 * Secrets come only from the environment or from a file named by the configuration, never inline in
 * a config file that may be committed, and never from the command line.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from './errors.ts';

export interface FacTarget {
  /** Base URL of the appliance root, without a trailing slash, e.g. `https://fac.example.com`. */
  url: string;
  /** Administrator with web-service access. */
  user: string;
  /** Web-service access key of `user`. */
  key: string;
  /** PEM file of a CA (or the self-signed certificate) to verify the target's TLS certificate. */
  caFile?: string;
  /** Accept any TLS certificate. Only when explicitly asked for. */
  insecure: boolean;
  /** An administrator with web-service access but without the resources' permissions (403 checks). */
  restricted?: { user: string; key: string };
  /** Operator-provided prerequisites (`x-requires`), by name: e.g. `{"ftm-user": {"username": …}}`. */
  provided?: Record<string, Record<string, unknown>>;
}

interface FacFileSection {
  url?: unknown;
  user?: unknown;
  keyFile?: unknown;
  key?: unknown;
  caFile?: unknown;
  insecure?: unknown;
  provided?: unknown;
}

export const DEFAULT_CONFIG_FILE = 'forticonform.config.json';

/** Reads the `fac` section of a config file; `undefined` when no file is given or found. */
function readConfigFile(file: string | undefined, cwd: string): { section: FacFileSection; dir: string } | undefined {
  const explicit = file !== undefined;
  const resolved = path.resolve(cwd, file ?? DEFAULT_CONFIG_FILE);
  if (!existsSync(resolved)) {
    if (explicit) throw new UserError(`config file not found: ${resolved}`);
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(resolved, 'utf8'));
  } catch (error) {
    throw new UserError(`config file ${resolved} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UserError(`config file ${resolved} must hold a JSON object`);
  }
  const fac = (parsed as { fac?: unknown }).fac ?? {};
  if (typeof fac !== 'object' || fac === null || Array.isArray(fac)) {
    throw new UserError(`config file ${resolved}: "fac" must be an object`);
  }
  if ('key' in fac) {
    throw new UserError(
      `config file ${resolved}: "fac.key" is refused — put the access key in FAC_KEY or in a file named by "fac.keyFile", so it never lands in a committed config`,
    );
  }
  return { section: fac as FacFileSection, dir: path.dirname(resolved) };
}

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new UserError(`${name} must be a string`);
  return value;
}

function readSecretFile(file: string, name: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new UserError(`${name}: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** Validates a base URL and returns it normalised (no trailing slash). */
export function normaliseBaseUrl(raw: string, name = 'FAC_URL'): string {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new UserError(`${name} is not a valid URL: "${raw}" (expected e.g. https://fac.example.com)`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UserError(`${name} must use http or https, not ${parsed.protocol.replace(':', '')}: "${raw}"`);
  }
  if (parsed.username || parsed.password) {
    throw new UserError(`${name} must not carry credentials; use FAC_USER and FAC_KEY`);
  }
  if (parsed.search || parsed.hash) throw new UserError(`${name} must not have a query or fragment: "${raw}"`);
  return parsed.toString().replace(/\/+$/, '');
}

function truthy(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes|on)$/i.test(value.trim());
}

/**
 * Resolves the FortiAuthenticator target, or `undefined` when none is configured (the CLI then
 * starts the embedded emulator). Throws `UserError` with one clear line for bad configuration.
 */
export function resolveFacTarget(
  env: NodeJS.ProcessEnv = process.env,
  options: { configFile?: string; cwd?: string } = {},
): FacTarget | undefined {
  const cwd = options.cwd ?? process.cwd();
  const file = readConfigFile(options.configFile ?? env.FORTICONFORM_CONFIG, cwd);
  const fromFile = file?.section ?? {};
  const fileDir = file?.dir ?? cwd;

  const rawUrl = optionalString(env.FAC_URL, 'FAC_URL') ?? optionalString(fromFile.url, 'fac.url');
  if (rawUrl === undefined) return undefined;
  const url = normaliseBaseUrl(rawUrl, env.FAC_URL ? 'FAC_URL' : 'fac.url');

  const user = optionalString(env.FAC_USER, 'FAC_USER') ?? optionalString(fromFile.user, 'fac.user');
  if (!user) throw new UserError('FAC_USER is not set: the suite needs an administrator with web-service access');

  let key = optionalString(env.FAC_KEY, 'FAC_KEY');
  const keyFile = optionalString(env.FAC_KEY_FILE, 'FAC_KEY_FILE') ?? optionalString(fromFile.keyFile, 'fac.keyFile');
  if (key === undefined && keyFile !== undefined) key = readSecretFile(path.resolve(fileDir, keyFile), 'FAC_KEY_FILE');
  if (!key) {
    throw new UserError('FAC_KEY is not set: give the web-service access key in FAC_KEY or in a file named by FAC_KEY_FILE');
  }

  const caRaw = optionalString(env.FAC_CA_FILE, 'FAC_CA_FILE') ?? optionalString(fromFile.caFile, 'fac.caFile');
  const caFile = caRaw === undefined ? undefined : path.resolve(fileDir, caRaw);
  if (caFile !== undefined && !existsSync(caFile)) throw new UserError(`FAC_CA_FILE not found: ${caFile}`);
  const insecure = truthy(env.FAC_INSECURE) || fromFile.insecure === true;
  if (insecure && caFile) throw new UserError('FAC_INSECURE and FAC_CA_FILE are exclusive: either verify against a CA or accept any certificate');

  const restrictedUser = optionalString(env.FAC_RESTRICTED_USER, 'FAC_RESTRICTED_USER');
  let restrictedKey = optionalString(env.FAC_RESTRICTED_KEY, 'FAC_RESTRICTED_KEY');
  const restrictedKeyFile = optionalString(env.FAC_RESTRICTED_KEY_FILE, 'FAC_RESTRICTED_KEY_FILE');
  if (restrictedKey === undefined && restrictedKeyFile !== undefined) restrictedKey = readSecretFile(path.resolve(fileDir, restrictedKeyFile), 'FAC_RESTRICTED_KEY_FILE');
  if (Boolean(restrictedUser) !== Boolean(restrictedKey)) throw new UserError('FAC_RESTRICTED_USER and FAC_RESTRICTED_KEY go together');
  const restricted = restrictedUser && restrictedKey ? { user: restrictedUser, key: restrictedKey } : undefined;

  return { url, user, key, caFile, insecure, restricted, provided: parseProvided(env.FAC_PROVIDED, fromFile.provided) };
}

/** `FAC_PROVIDED` (JSON) or the config file's `fac.provided`: operator-provided prerequisites. */
function parseProvided(fromEnv: string | undefined, fromFile: unknown): Record<string, Record<string, unknown>> | undefined {
  let value: unknown = fromFile;
  if (fromEnv) {
    try {
      value = JSON.parse(fromEnv);
    } catch {
      throw new UserError('FAC_PROVIDED is not valid JSON (expected {"<prerequisite>": {"<field>": "<value>"}})');
    }
  }
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'object' || v === null || Array.isArray(v))) {
    throw new UserError('provided prerequisites must be an object of objects: {"<prerequisite>": {"<field>": "<value>"}}');
  }
  return value as Record<string, Record<string, unknown>>;
}

/** The environment variables that hand a resolved target to the Playwright workers. */
export function targetToEnv(target: FacTarget): Record<string, string> {
  const env: Record<string, string> = { FAC_URL: target.url, FAC_USER: target.user, FAC_KEY: target.key };
  if (target.caFile) env.FAC_CA_FILE = target.caFile;
  if (target.insecure) env.FAC_INSECURE = '1';
  if (target.restricted) Object.assign(env, { FAC_RESTRICTED_USER: target.restricted.user, FAC_RESTRICTED_KEY: target.restricted.key });
  if (target.provided) env.FAC_PROVIDED = JSON.stringify(target.provided);
  return env;
}
