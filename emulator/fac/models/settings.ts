// Settings singletons — one object per appliance, served on the list URL:
//   /api/v1/userlockoutpolicy/, /systeminfo/, /logsettings/, /fortitokenmobileprovisioning/,
//   /scheduledbackupsettings/.
// Source: 002 · the section of each (Supported fields, Allowed methods, Examples) and 003 (Webservice
// Basic). Shape: a bare object — the 6.3.1 guide's only singleton example (002 · User lockout policy ·
// Examples) shows one, and FAC 8.0.3 answers one (facts · singletons); see dispatch.ts handleSingleton.
// Semantics the guide states for POST/PATCH: "Defaults are used if fields are unspecified" (POST) and
// "Previously saved settings are used if unspecified" (PATCH).

import { isIP } from 'node:net';
import type { FieldErrors, FieldSpec, Json, ModelContext, Outcome, ResourceDecl } from './types.ts';
import { invalid, ok } from './types.ts';
import type { Row, Store, Table } from './store.ts';
import { REQUIRED, dropped, parseBoolean, parseInteger, parseString, pyStr } from './validate.ts';
import { ftpServers } from './ftpservers.ts';
import { syslogServers } from './syslogservers.ts';
import { has, fail } from './forms.ts';

type Value = string | number | boolean | null;
type Values = Record<string, Value>;

type Rule =
  | { kind: 'boolean'; default: boolean | null; help: string; strict?: boolean; jsonOnly?: boolean }
  | { kind: 'integer'; default: number | null; help: string; min?: number; max?: number; choices?: readonly number[] }
  | { kind: 'choice'; default: string | null; help: string; choices: readonly string[] }
  | { kind: 'string'; default: string; help: string; max?: number; check?: (s: string) => string | null }
  | { kind: 'time'; default: string; help: string };

interface SingletonSpec {
  name: string;
  /** 003 · Applicable Built-in Permission Set and Required Permission code. */
  permission: { set: string; code: string };
  rules: Readonly<Record<string, Rule>>;
  /** Fields a POST must carry (no default). */
  required?: readonly string[];
  /** Cross-field rules and references; `given` = the keys present in the body. */
  check?(draft: Values, before: Values, given: (k: string) => boolean, errors: FieldErrors): void;
  /** Fields the GET answer shows (default: every rule). */
  show?(v: Values): Record<string, Json>;
}

const choiceMessage = (raw: unknown): string => `Select a valid choice. ${pyStr(raw)} is not one of the available choices.`;

// 002 · scheduledbackupsettings · enabled: 'Either "true", "false", "1", or "0". The values can be
// strings or primitive booleans.' — nothing else (not Django's wider set).
function strictBoolean(raw: unknown, jsonOnly = false): { value: boolean } | { error: string } {
  if (raw === true || (!jsonOnly && (raw === 'true' || raw === '1'))) return { value: true };
  if (raw === false || (!jsonOnly && (raw === 'false' || raw === '0'))) return { value: false };
  return { error: `'${pyStr(raw)}' value must be either "true", "false", "1" or "0".` };
}

// 002 · backup_time / time: 'Must be in 24 hour time format. Accepted formats are "23:59" or "23:59:59".'
function parseTime(raw: unknown): { value: string } | { error: string } {
  const m = typeof raw === 'string' ? /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(raw.trim()) : null;
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3] ?? 0) > 59) return { error: 'Enter a valid time.' };
  return { value: `${(m[1] ?? '').padStart(2, '0')}:${m[2]}:${m[3] ?? '00'}` };
}

/** Apply the provided fields of `data` onto `draft`. */
function applyRules(rules: Readonly<Record<string, Rule>>, data: Record<string, unknown>, draft: Values, errors: FieldErrors): void {
  for (const [key, rule] of Object.entries(rules)) {
    if (!has(data, key)) continue;
    const raw = data[key];
    switch (rule.kind) {
      case 'boolean': {
        const r = rule.strict ? strictBoolean(raw, rule.jsonOnly) : parseBoolean(raw);
        if ('error' in r) fail(errors, key, r.error);
        else draft[key] = r.value;
        break;
      }
      case 'integer': {
        if (raw === null || raw === '') {
          if (rule.default === null) draft[key] = null;
          else fail(errors, key, REQUIRED);
          break;
        }
        const r = parseInteger(raw);
        if ('error' in r) fail(errors, key, r.error);
        // variants (validation-*): enums / lengths unchecked
        else if (rule.choices && !rule.choices.includes(r.value) && !dropped.enums) fail(errors, key, choiceMessage(raw));
        else if (rule.min !== undefined && r.value < rule.min && !dropped.lengths) fail(errors, key, `Ensure this value is greater than or equal to ${rule.min}.`);
        else if (rule.max !== undefined && r.value > rule.max && !dropped.lengths) fail(errors, key, `Ensure this value is less than or equal to ${rule.max}.`);
        else draft[key] = r.value;
        break;
      }
      case 'choice':
        // Reading: a blank choice means "not specified" → the documented default (null when none).
        if (raw === null || raw === '') draft[key] = rule.default;
        else if (typeof raw === 'string' && (rule.choices.includes(raw) || dropped.enums)) draft[key] = raw; // variant: enums unchecked
        else fail(errors, key, choiceMessage(raw));
        break;
      case 'string': {
        const r = parseString(raw, rule.max);
        if ('error' in r) fail(errors, key, r.error);
        else {
          const msg = r.value === '' || dropped.formats ? null : (rule.check?.(r.value) ?? null); // variant: formats unchecked
          if (msg !== null) fail(errors, key, msg);
          else draft[key] = r.value;
        }
        break;
      }
      case 'time': {
        if (raw === null || raw === '') {
          draft[key] = '';
          break;
        }
        const r = parseTime(raw);
        if ('error' in r) fail(errors, key, r.error);
        else draft[key] = r.value;
        break;
      }
    }
  }
}

function defaultsOf(spec: SingletonSpec): Values {
  const v: Values = {};
  for (const [k, r] of Object.entries(spec.rules)) v[k] = r.default;
  return v;
}

function fieldSpecs(spec: SingletonSpec): Record<string, FieldSpec> {
  const out: Record<string, FieldSpec> = {};
  for (const [k, r] of Object.entries(spec.rules)) {
    const type = r.kind === 'boolean' ? 'boolean' : r.kind === 'integer' ? 'integer' : 'string';
    out[k] = { type, help: r.help, nullable: r.default === null, ...(r.default === null ? {} : { default: r.default }) };
  }
  return out;
}

/** Names of the FTP or syslog servers (emulator/fac/models/ftpservers.ts, syslogservers.ts), read at request
 * time so servers added or renamed since count. */
function namesIn<T extends Row & { name: string }>(table: Table<T>): Set<string> {
  const out = new Set<string>();
  for (const row of table.values()) out.add(row.name);
  return out;
}

function singleton(ctx: ModelContext, spec: SingletonSpec, listMethods: ResourceDecl['listMethods'], initial?: Values): ResourceDecl {
  const { store } = ctx;
  const current = (): Values => {
    let v = store.settings.get(spec.name) as Values | undefined;
    if (!v) {
      v = { ...defaultsOf(spec), ...(initial ?? {}) };
      store.settings.set(spec.name, v);
    }
    return v;
  };
  const show = (v: Values): Record<string, Json> => (spec.show ? spec.show(v) : { ...v });

  function write(data: Record<string, unknown>, mode: 'post' | 'patch'): Outcome<Record<string, Json>> {
    const before = current();
    // PATCH starts from what GET shows (references to servers deleted since are already dropped).
    // variants settings-post-keeps-values / settings-patch-resets-defaults swap the two rules.
    const fromDefaults = mode === 'post' ? !ctx.variants.has('settings-post-keeps-values') : ctx.variants.has('settings-patch-resets-defaults');
    const draft: Values = fromDefaults ? defaultsOf(spec) : { ...(show(before) as Values) };
    const errors: FieldErrors = {};
    applyRules(spec.rules, data, draft, errors);
    if (mode === 'post') for (const k of spec.required ?? []) if (!has(data, k) || data[k] === null || data[k] === '') fail(errors, k, REQUIRED);
    if (Object.keys(errors).length === 0) spec.check?.(draft, before, (k) => has(data, k), errors);
    if (Object.keys(errors).length > 0) return invalid(errors);
    store.settings.set(spec.name, draft);
    return ok(show(draft));
  }

  return {
    name: spec.name,
    listMethods,
    detailMethods: [],
    auth: 'basic', // 003 · every settings resource: Webservice Basic Authentication
    permission: spec.permission,
    fields: fieldSpecs(spec),
    filtering: {},
    ordering: [],
    singleton: {
      get: () => show(current()),
      ...(listMethods.includes('POST') ? { set: (data: Record<string, unknown>) => write(data, 'post') } : {}),
      ...(listMethods.includes('PATCH') ? { update: (data: Record<string, unknown>) => write(data, 'patch') } : {}),
    },
  };
}

// ---- /userlockoutpolicy/ ------------------------------------------------------------------------

export const USERLOCKOUTPOLICY = 'userlockoutpolicy';
const DEFAULT_LOCKOUT_PERIOD = 60;

// 002 · User lockout policy · Examples · Get: the guide's example values (seeded as the appliance state).
export const GUIDE_LOCKOUT_POLICY: Values = {
  failed_login_lockout: true,
  failed_login_lockout_max_attempts: 5,
  failed_login_lockout_period: 60,
  failed_login_lockout_permanent: false,
  inactivity_lockout: true,
  inactivity_lockout_period: 1600,
};

function userlockoutpolicy(ctx: ModelContext): ResourceDecl {
  const unchecked = ctx.variants.has('lockout-range-unchecked');
  /** Variant lockout-permanent-restores-period only: the period in force before the lockout became permanent. */
  let periodBeforePermanent: Value = DEFAULT_LOCKOUT_PERIOD;
  return singleton(
    ctx,
    {
      name: USERLOCKOUTPOLICY,
      permission: { set: 'Account Policy', code: 'Can view / change user lockout policy settings' }, // 003 · userlockoutpolicy
      // 002 · User lockout policy · Supported fields.
      rules: {
        failed_login_lockout: { kind: 'boolean', default: false, help: 'Lockout user accounts after too many failed login attempts' },
        // "Default is set to 3 if not specified. Must be set between 1-20."
        failed_login_lockout_max_attempts: unchecked
          ? { kind: 'integer', default: 3, help: 'Maximum failed login attempts (1-20)' } // variant
          : { kind: 'integer', default: 3, min: 1, max: 20, help: 'Maximum failed login attempts (1-20)' },
        failed_login_lockout_permanent: { kind: 'boolean', default: false, help: 'Permanent lockout' },
        // "Default is 60 if not specified. Must be set between 60-86400."
        failed_login_lockout_period: { kind: 'integer', default: DEFAULT_LOCKOUT_PERIOD, min: 60, max: 86400, help: 'Lockout period in seconds (60-86400)' },
        inactivity_lockout: { kind: 'boolean', default: false, help: 'Lockout inactive user accounts' },
        // "Default is 90 if not specified. Must be set between 1-1825."
        inactivity_lockout_period: { kind: 'integer', default: 90, min: 1, max: 1825, help: 'Inactivity period in days (1-1825)' },
      },
      // failed_login_lockout: Required "Yes", with no default given ('Either set to "true" or "false"').
      required: ['failed_login_lockout'],
      check(draft, before, given) {
        // "When set to "true", then later changed to "false", the lockout period is set to its default"
        // (unless the same request gives one). The guide's PATCH example shows the period as 0 while
        // the lockout is permanent ("Only effective when ... permanent is set to false").
        if (draft.failed_login_lockout_permanent === true) {
          if (before.failed_login_lockout_permanent !== true) periodBeforePermanent = before.failed_login_lockout_period ?? DEFAULT_LOCKOUT_PERIOD;
          draft.failed_login_lockout_period = 0;
        } else if (before.failed_login_lockout_permanent === true && !given('failed_login_lockout_period'))
          draft.failed_login_lockout_period = ctx.variants.has('lockout-permanent-restores-period') ? periodBeforePermanent : DEFAULT_LOCKOUT_PERIOD; // variant
      },
    },
    // 002 · User lockout policy · Allowed methods: GET, POST, PATCH.
    ['GET', 'POST', 'PATCH'],
    GUIDE_LOCKOUT_POLICY,
  );
}

// ---- /systeminfo/ -------------------------------------------------------------------------------

export const SYSTEMINFO = 'systeminfo';
/** Serial number of the emulated appliance (a FortiAuthenticator VM serial; ours). */
export const APPLIANCE_SERIAL = 'FAC-VMTM19000042';

function systeminfo(): ResourceDecl {
  return {
    name: SYSTEMINFO,
    // 002 · System Information · Allowed methods: GET only.
    listMethods: ['GET'],
    detailMethods: [],
    auth: 'basic', // 003 · systeminfo: Webservice Basic Authentication
    permission: { set: 'Maintenance', code: 'Can view / change HA setting' }, // 003 · systeminfo
    // 002 · System Information · Supported fields: sn (read-only); ha_sn "Only available in HA cluster
    // member mode" — the emulator is a standalone unit, so ha_sn is absent.
    fields: {
      sn: { type: 'string', help: 'Serial number', readonly: true },
      ha_sn: { type: 'string', help: 'Serial number of the other member in a redundant HA cluster pair', readonly: true, nullable: true },
    },
    filtering: {},
    ordering: [],
    singleton: { get: () => ({ sn: APPLIANCE_SERIAL }) },
  };
}

// ---- /logsettings/ ------------------------------------------------------------------------------

export const LOGSETTINGS = 'logsettings';
const FREQUENCIES = ['hourly', 'daily', 'weekly', 'monthly'] as const;

// 002 · Log settings · faz_server: "Must be a valid FQDN or IPv4 address."
const FQDN_RE = /^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const fqdnOrIpv4 = (s: string): string | null => (isIP(s) === 4 || FQDN_RE.test(s) ? null : 'Enter a valid FQDN or IPv4 address.');

/** 002 · backup_frequency / backup_time (and scheduled backup frequency / time): the time is
 * "required if frequency isn't daily" and defaults to midnight. Reading: the default satisfies the
 * requirement; an explicitly blank time is refused unless the frequency is daily (then: midnight). */
function settleTime(draft: Values, freqKey: string, timeKey: string, errors: FieldErrors): void {
  if (draft[timeKey] !== '') return;
  if (draft[freqKey] !== null && draft[freqKey] !== 'daily') fail(errors, timeKey, REQUIRED);
  else draft[timeKey] = '00:00:00';
}

function logsettings(ctx: ModelContext): ResourceDecl {
  const { store } = ctx;
  const unchecked = ctx.variants.has('settings-cross-references-unchecked');
  return singleton(
    ctx,
    {
      name: LOGSETTINGS,
      permission: { set: 'Logs', code: 'Can view / change log settings' }, // 003 · logsettings
      // 002 · Log settings · Supported fields.
      rules: {
        delete_enable: { kind: 'boolean', default: false, help: 'Enable log auto-deletion' },
        // No default or range given: reading — a positive count, default 1.
        delete_age_n: { kind: 'integer', default: 1, min: 1, help: 'Auto-delete logs older than number' },
        delete_age_mult: { kind: 'choice', default: 'months', choices: ['days', 'weeks', 'months'], help: 'Auto-delete logs older than multiplier' },
        faz_enable: { kind: 'boolean', default: false, help: 'Enable sending logs to FortiManager/FortiAnalyzer' },
        faz_server: { kind: 'string', default: '', max: 255, check: fqdnOrIpv4, help: 'IP address or FQDN of the FortiManager/FortiAnalyzer' },
        backup_enable: { kind: 'boolean', default: false, help: 'Enable remote backup' },
        backup_frequency: { kind: 'choice', default: null, choices: FREQUENCIES, help: 'How often the configuration is backed up' },
        backup_directory: { kind: 'string', default: '', max: 255, help: 'Directory on the FTP server' },
        backup_time: { kind: 'time', default: '00:00:00', help: 'Time of the backup (24 hour format)' },
        backup_ftp: { kind: 'string', default: '', max: 255, help: 'Name of the FTP server' },
        remote_syslog_enable: { kind: 'boolean', default: false, help: 'Enable sending logs to remote syslog servers' },
        remote_syslog_servers: { kind: 'string', default: '', help: 'Names of syslog servers, comma separated' },
      },
      check(draft, _before, _given, errors) {
        // backup_frequency: "Required: If backup_enable is true".
        if (draft.backup_enable === true && draft.backup_frequency === null) fail(errors, 'backup_frequency', REQUIRED);
        settleTime(draft, 'backup_frequency', 'backup_time', errors);
        // backup_ftp: "Must be the name of an FTP server already known by the FortiAuthenticator."
        if (unchecked) return; // variant settings-cross-references-unchecked
        if (typeof draft.backup_ftp === 'string' && draft.backup_ftp !== '' && !namesIn(ftpServers(store)).has(draft.backup_ftp))
          fail(errors, 'backup_ftp', `FTP server '${draft.backup_ftp}' does not exist.`);
        // remote_syslog_servers: "Must be names of syslog servers known by the FortiAuthenticator,
        // separated by commas. For example, "server1,server2,server3"." Stored normalized (trimmed).
        if (typeof draft.remote_syslog_servers === 'string' && draft.remote_syslog_servers !== '') {
          const names = draft.remote_syslog_servers.split(',').map((n) => n.trim()).filter((n) => n !== '');
          const known = namesIn(syslogServers(store));
          const missing = names.filter((n) => !known.has(n));
          if (missing.length > 0) fail(errors, 'remote_syslog_servers', `Syslog server(s) not found: ${missing.join(', ')}.`);
          else draft.remote_syslog_servers = [...new Set(names)].join(',');
        }
      },
      // References are by name; reading: a server deleted since drops out (a Django FK/M2M would).
      show(v) {
        const ftp = namesIn(ftpServers(store));
        const syslog = namesIn(syslogServers(store));
        const servers = typeof v.remote_syslog_servers === 'string' ? v.remote_syslog_servers.split(',').filter((n) => syslog.has(n)) : [];
        return { ...v, backup_ftp: typeof v.backup_ftp === 'string' && ftp.has(v.backup_ftp) ? v.backup_ftp : '', remote_syslog_servers: servers.join(',') };
      },
    },
    // 002 · Log settings · Allowed methods: GET, POST, PATCH.
    ['GET', 'POST', 'PATCH'],
  );
}

// ---- /fortitokenmobileprovisioning/ -------------------------------------------------------------

export const FTM_PROVISIONING = 'fortitokenmobileprovisioning';

export interface FtmProvisioning {
  token_size: number;
  token_algo: 'totp' | 'hotp';
  time_step: number;
}

/** The settings an FTM seed is issued with (002 · returnseed → PSKC AlgorithmParameters). */
export function ftmProvisioning(store: Store): FtmProvisioning {
  const v = store.settings.get(FTM_PROVISIONING) ?? {};
  return {
    token_size: typeof v.token_size === 'number' ? v.token_size : 6,
    token_algo: v.token_algo === 'hotp' ? 'hotp' : 'totp',
    time_step: typeof v.time_step === 'number' ? v.time_step : 60,
  };
}

function fortitokenmobileprovisioning(ctx: ModelContext): ResourceDecl {
  return singleton(
    ctx,
    {
      name: FTM_PROVISIONING,
      permission: { set: 'System Administration', code: 'Can view / change FortiGuard settings' }, // 003 · fortitokenmobileprovisioning
      // 002 · FortiToken Mobile provisioning settings · Supported fields.
      rules: {
        server_address: { kind: 'string', default: 'fortitokenmobile.fortinet.com', max: 255, check: fqdnOrIpv4, help: 'The server which provisions the FortiTokens' },
        // "The default is 433 if not specified." (sic — most likely 443; kept as documented). Reading: a TCP port.
        server_port: { kind: 'integer', default: 433, min: 1, max: 65535, help: 'The server port number' },
        act_timeout: { kind: 'integer', default: 1, min: 1, max: 168, help: 'The activation timeout in hours (1-168)' },
        token_size: { kind: 'integer', default: 6, choices: [6, 8], help: 'The size of the token: 6 or 8' },
        token_algo: { kind: 'choice', default: 'totp', choices: ['totp', 'hotp'], help: 'The token algorithm: totp or hotp' },
        time_step: { kind: 'integer', default: 60, choices: [30, 60], help: 'The time step: 30 or 60' },
        // 'Either "require", "not_requre", or "enforce"' — the guide's spelling, kept as documented.
        require_pin: { kind: 'choice', default: 'require', choices: ['require', 'not_requre', 'enforce'], help: 'Whether to require a PIN' },
        pin_length: { kind: 'integer', default: 4, choices: [4, 6, 8], help: 'The PIN length: 4, 6 or 8' },
      },
    },
    // 002 · FortiToken Mobile provisioning settings · Allowed methods: GET, POST, PATCH.
    ['GET', 'POST', 'PATCH'],
  );
}

// ---- /scheduledbackupsettings/ ------------------------------------------------------------------

export const SCHEDULED_BACKUP = 'scheduledbackupsettings';

function scheduledbackupsettings(ctx: ModelContext): ResourceDecl {
  const { store } = ctx;
  const unchecked = ctx.variants.has('settings-cross-references-unchecked');
  return singleton(
    ctx,
    {
      name: SCHEDULED_BACKUP,
      permission: { set: 'Maintenance', code: 'Can change scheduled configuration backup settings' }, // 003 · scheduledbackupsettings
      // 002 · Scheduled backup settings · Supported fields.
      rules: {
        // variant settings-enabled-strings-refused: JSON booleans only.
        enabled: { kind: 'boolean', default: false, strict: true, jsonOnly: ctx.variants.has('settings-enabled-strings-refused'), help: 'Whether the configuration is backed up on a schedule' },
        frequency: { kind: 'choice', default: null, choices: FREQUENCIES, help: 'How often the configuration file is backed up' },
        directory: { kind: 'string', default: '', max: 255, help: 'The directory on the FTP server' },
        time: { kind: 'time', default: '00:00:00', help: 'The time of the backup (24 hour format)' },
        ftp: { kind: 'string', default: '', max: 255, help: 'The primary FTP server' },
        ftp_2: { kind: 'string', default: '', max: 255, help: 'The secondary FTP server' },
      },
      check(draft, _before, _given, errors) {
        // frequency and ftp: "Required: Yes, if enabled is true".
        if (draft.enabled === true && draft.frequency === null) fail(errors, 'frequency', REQUIRED);
        if (draft.enabled === true && draft.ftp === '') fail(errors, 'ftp', REQUIRED);
        settleTime(draft, 'frequency', 'time', errors);
        // ftp / ftp_2: "Must be the name of an FTP server already configured on the FortiAuthenticator device."
        const known = namesIn(ftpServers(store));
        if (unchecked) return; // variant settings-cross-references-unchecked
        for (const k of ['ftp', 'ftp_2'])
          if (typeof draft[k] === 'string' && draft[k] !== '' && !known.has(draft[k] as string))
            fail(errors, k, `FTP server '${draft[k] as string}' does not exist.`);
      },
      show(v) {
        const known = namesIn(ftpServers(store));
        const keep = (n: Value | undefined): string => (typeof n === 'string' && known.has(n) ? n : '');
        return { ...v, ftp: keep(v.ftp), ftp_2: keep(v.ftp_2) };
      },
    },
    // 002 · Scheduled backup settings · Allowed methods: GET, POST, PATCH.
    ['GET', 'POST', 'PATCH'],
  );
}

export function settingsResources(ctx: ModelContext): ResourceDecl[] {
  return [userlockoutpolicy(ctx), systeminfo(), logsettings(ctx), fortitokenmobileprovisioning(ctx), scheduledbackupsettings(ctx)];
}
