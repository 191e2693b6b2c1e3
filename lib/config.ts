/**
 * Target configuration: where each product under test is and how to reach it. Products are
 * configured independently — a run may target only FortiAuthenticator, only FortiSIEM, only
 * FortiAnalyzer Cloud, or any mix; with none configured the embedded emulators stand in for all.
 *
 * Sources, later ones winning: a JSON config file (`forticonform.config.json` or `--config`, one
 * section per product: `fac`, `fsm`, `faz`), then the environment. Secrets come only from the
 * environment or from files named by the configuration — never inline in a config file that may be
 * committed, and never from the command line.
 *
 *   FortiAuthenticator  FAC_URL  FAC_USER  FAC_KEY | FAC_KEY_FILE  [FAC_RESTRICTED_USER FAC_RESTRICTED_KEY(_FILE)]
 *   FortiSIEM           FSM_URL  FSM_CLIENT_ID  FSM_CLIENT_SECRET | FSM_CLIENT_SECRET_FILE
 *   FortiAnalyzer Cloud FAZ_URL  FORTICLOUD_AUTH_URL  FORTICLOUD_API_USER  FORTICLOUD_API_PASSWORD(_FILE)  [FORTICLOUD_CLIENT_ID]
 *   each                <P>_CA_FILE | <P>_INSECURE=1   <P>_PROVIDED (JSON: operator-provided prerequisites)
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from './errors.ts';

export const PRODUCTS = ['fac', 'fsm', 'faz'] as const;
export type Product = (typeof PRODUCTS)[number];

export const PRODUCT_NAMES: Record<Product, string> = {
  fac: 'FortiAuthenticator',
  fsm: 'FortiSIEM',
  faz: 'FortiAnalyzer Cloud',
};

/** One product's target. */
export interface Target {
  product: Product;
  /** Base URL of the appliance root, without a trailing slash, e.g. `https://fac.example.com`. */
  url: string;
  /** PEM file of a CA (or the self-signed certificate) to verify the target's TLS certificate. */
  caFile?: string;
  /** Accept any TLS certificate. Only when explicitly asked for. */
  insecure: boolean;
  /** FortiAuthenticator: administrator with web-service access (Basic auth). */
  user?: string;
  /** FortiAuthenticator: web-service access key of `user`. */
  key?: string;
  /** FortiAuthenticator: an administrator without the resources' permissions (403 checks). */
  restricted?: { user: string; key: string };
  /** Operator-provided prerequisites (`x-requires`), by name: e.g. `{"ftm-user": {"username": …}}`. */
  provided?: Record<string, Record<string, unknown>>;
  /** Values cases read as `{{target.NAME}}` (client ids and secrets of token flows). */
  values: Record<string, string>;
}

/** @deprecated kept for readability in FortiAuthenticator-only code. */
export type FacTarget = Target;

type Section = Record<string, unknown>;

export const DEFAULT_CONFIG_FILE = 'forticonform.config.json';

/** Keys of a config section that would hold a secret inline: refused. */
const INLINE_SECRETS = ['key', 'password', 'secret', 'clientSecret', 'client_secret', 'apiPassword', 'token'];

/** Reads the config file's sections; `undefined` when no file is given or found. */
function readConfigFile(file: string | undefined, cwd: string): { sections: Partial<Record<Product, Section>>; dir: string } | undefined {
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
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new UserError(`config file ${resolved} must hold a JSON object`);
  const sections: Partial<Record<Product, Section>> = {};
  for (const product of PRODUCTS) {
    const section = (parsed as Record<string, unknown>)[product];
    if (section === undefined) continue;
    if (typeof section !== 'object' || section === null || Array.isArray(section)) throw new UserError(`config file ${resolved}: "${product}" must be an object`);
    const inline = INLINE_SECRETS.find((k) => k in section);
    if (inline) {
      throw new UserError(`config file ${resolved}: "${product}.${inline}" is refused — put secrets in the environment or in a file named by the config (e.g. "keyFile"), so they never land in a committed config`);
    }
    sections[product] = section as Section;
  }
  return { sections, dir: path.dirname(resolved) };
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
  if (parsed.username || parsed.password) throw new UserError(`${name} must not carry credentials`);
  if (parsed.search || parsed.hash) throw new UserError(`${name} must not have a query or fragment: "${raw}"`);
  return parsed.toString().replace(/\/+$/, '');
}

function truthy(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes|on)$/i.test(value.trim());
}

/** Reads one setting: environment first, then the config file section. */
class SettingReader {
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly section: Section,
    private readonly dir: string,
  ) {}

  string(envName: string, fileKey: string): string | undefined {
    return optionalString(this.env[envName], envName) ?? optionalString(this.section[fileKey], fileKey);
  }

  /** A secret from `ENV`, or from the file named by `ENV_FILE` / the section's `fileKey`. */
  secret(envName: string, fileKey: string): string | undefined {
    const direct = optionalString(this.env[envName], envName);
    if (direct !== undefined) return direct;
    const file = optionalString(this.env[`${envName}_FILE`], `${envName}_FILE`) ?? optionalString(this.section[fileKey], fileKey);
    return file === undefined ? undefined : readSecretFile(path.resolve(this.dir, file), `${envName}_FILE`);
  }

  tls(prefix: string): { caFile?: string; insecure: boolean } {
    const caRaw = this.string(`${prefix}_CA_FILE`, 'caFile');
    const caFile = caRaw === undefined ? undefined : path.resolve(this.dir, caRaw);
    if (caFile !== undefined && !existsSync(caFile)) throw new UserError(`${prefix}_CA_FILE not found: ${caFile}`);
    const insecure = truthy(this.env[`${prefix}_INSECURE`]) || this.section.insecure === true;
    if (insecure && caFile) throw new UserError(`${prefix}_INSECURE and ${prefix}_CA_FILE are exclusive: either verify against a CA or accept any certificate`);
    return { caFile, insecure };
  }

  provided(prefix: string): Record<string, Record<string, unknown>> | undefined {
    const raw = this.env[`${prefix}_PROVIDED`];
    let value: unknown = this.section.provided;
    if (raw) {
      try {
        value = JSON.parse(raw);
      } catch {
        throw new UserError(`${prefix}_PROVIDED is not valid JSON (expected {"<prerequisite>": {"<field>": "<value>"}})`);
      }
    }
    if (value === undefined) return undefined;
    const ok = typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'object' && v !== null && !Array.isArray(v));
    if (!ok) throw new UserError(`${prefix}_PROVIDED must be an object of objects: {"<prerequisite>": {"<field>": "<value>"}}`);
    return value as Record<string, Record<string, unknown>>;
  }
}

function need(value: string | undefined, message: string): string {
  if (!value) throw new UserError(message);
  return value;
}

/** Each product's settings, given its URL is configured. */
const RESOLVERS: Record<Product, (r: SettingReader, url: string) => Omit<Target, 'product' | 'url' | 'caFile' | 'insecure'>> = {
  fac: (r) => {
    const user = need(r.string('FAC_USER', 'user'), 'FAC_USER is not set: the suite needs an administrator with web-service access');
    const key = need(r.secret('FAC_KEY', 'keyFile'), 'FAC_KEY is not set: give the web-service access key in FAC_KEY or in a file named by FAC_KEY_FILE');
    const restrictedUser = r.string('FAC_RESTRICTED_USER', 'restrictedUser');
    const restrictedKey = r.secret('FAC_RESTRICTED_KEY', 'restrictedKeyFile');
    if (Boolean(restrictedUser) !== Boolean(restrictedKey)) throw new UserError('FAC_RESTRICTED_USER and FAC_RESTRICTED_KEY go together');
    return {
      user,
      key,
      restricted: restrictedUser && restrictedKey ? { user: restrictedUser, key: restrictedKey } : undefined,
      provided: r.provided('FAC'),
      values: {},
    };
  },
  fsm: (r) => ({
    provided: r.provided('FSM'),
    values: {
      client_id: need(r.string('FSM_CLIENT_ID', 'clientId'), 'FSM_CLIENT_ID is not set: the FortiSIEM token flow needs an API client id'),
      client_secret: need(r.secret('FSM_CLIENT_SECRET', 'clientSecretFile'), 'FSM_CLIENT_SECRET is not set: give it in FSM_CLIENT_SECRET or a file named by FSM_CLIENT_SECRET_FILE'),
    },
  }),
  faz: (r) => ({
    provided: r.provided('FAZ'),
    values: {
      auth_url: normaliseBaseUrl(need(r.string('FORTICLOUD_AUTH_URL', 'authUrl'), 'FORTICLOUD_AUTH_URL is not set: the FortiCloud OAuth service that issues the access token'), 'FORTICLOUD_AUTH_URL'),
      api_user: need(r.string('FORTICLOUD_API_USER', 'apiUser'), 'FORTICLOUD_API_USER is not set: the FortiCloud API user (its API ID)'),
      api_password: need(r.secret('FORTICLOUD_API_PASSWORD', 'apiPasswordFile'), 'FORTICLOUD_API_PASSWORD is not set: give it in FORTICLOUD_API_PASSWORD or a file named by FORTICLOUD_API_PASSWORD_FILE'),
      client_id: r.string('FORTICLOUD_CLIENT_ID', 'clientId') ?? 'FortiAnalyzer',
    },
  }),
};

const URL_VARIABLE: Record<Product, string> = { fac: 'FAC_URL', fsm: 'FSM_URL', faz: 'FAZ_URL' };

/**
 * Resolves every configured product's target (a product without a URL is absent). Throws
 * `UserError` with one clear line for bad configuration.
 */
export function resolveTargets(env: NodeJS.ProcessEnv = process.env, options: { configFile?: string; cwd?: string } = {}): Partial<Record<Product, Target>> {
  const cwd = options.cwd ?? process.cwd();
  const file = readConfigFile(options.configFile ?? env.FORTICONFORM_CONFIG, cwd);
  const targets: Partial<Record<Product, Target>> = {};
  for (const product of PRODUCTS) {
    const reader = new SettingReader(env, file?.sections[product] ?? {}, file?.dir ?? cwd);
    const variable = URL_VARIABLE[product];
    const rawUrl = reader.string(variable, 'url');
    if (rawUrl === undefined) continue;
    const url = normaliseBaseUrl(rawUrl, env[variable] ? variable : `${product}.url`);
    targets[product] = { product, url, ...reader.tls(product.toUpperCase()), ...RESOLVERS[product](reader, url) };
  }
  return targets;
}

/** Whether any target is configured; with none, a run starts the embedded emulators instead. */
export function anyTargetConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return Object.keys(resolveTargets(env)).length > 0;
}

/** The FortiAuthenticator target, or `undefined` when none is configured. */
export function resolveFacTarget(env: NodeJS.ProcessEnv = process.env, options: { configFile?: string; cwd?: string } = {}): Target | undefined {
  return resolveTargets(env, options).fac;
}

/** The environment variables that hand a resolved target to the Playwright workers. */
export function targetToEnv(target: Target): Record<string, string> {
  const prefix = target.product.toUpperCase();
  const env: Record<string, string> = { [URL_VARIABLE[target.product]]: target.url };
  if (target.caFile) env[`${prefix}_CA_FILE`] = target.caFile;
  if (target.insecure) env[`${prefix}_INSECURE`] = '1';
  if (target.provided) env[`${prefix}_PROVIDED`] = JSON.stringify(target.provided);
  if (target.product === 'fac') {
    Object.assign(env, { FAC_USER: target.user ?? '', FAC_KEY: target.key ?? '' });
    if (target.restricted) Object.assign(env, { FAC_RESTRICTED_USER: target.restricted.user, FAC_RESTRICTED_KEY: target.restricted.key });
  }
  if (target.product === 'fsm') Object.assign(env, { FSM_CLIENT_ID: target.values.client_id ?? '', FSM_CLIENT_SECRET: target.values.client_secret ?? '' });
  if (target.product === 'faz') {
    Object.assign(env, {
      FORTICLOUD_AUTH_URL: target.values.auth_url ?? '',
      FORTICLOUD_API_USER: target.values.api_user ?? '',
      FORTICLOUD_API_PASSWORD: target.values.api_password ?? '',
      FORTICLOUD_CLIENT_ID: target.values.client_id ?? '',
    });
  }
  return env;
}
