// /api/v1/ssoauth/ — FSSO logon/logoff by a third-party authentication system.
// Source: 002 · SSO authentication (/ssoauth/) (Supported fields, the notes on local and external
// users, Allowed methods, Response codes, the logon / overwrite / logoff examples) and 003 ·
// Authorization and Permissions (Webservice Basic; Webservice Authentication, "Can use API to
// authenticate").

import { isIP } from 'node:net';
import type { FieldErrors, FieldSpec, ModelContext, Outcome, Reply, ResourceDecl } from './types.ts';
import { invalid, ok } from './types.ts';
import { REQUIRED, dropped, parseString, pyStr, requiredMissing } from './validate.ts';
import { hasNonEmpty } from './forms.ts';
import { fssoUnavailable } from './operator-states.ts';

export const SSOAUTH = 'ssoauth';
/** 002 · Response codes: 404 "SSO web service is disabled". */
export const SSO_DISABLED = 'SSO web service is disabled';
/** 002 · Response codes: 500 "Failed to send logon/logoff request to FSSO". */
export const FSSO_FAILED = 'Failed to send logon/logoff request to FSSO';
/** The message is ours (002: "One of 'user_ip' or 'user_ipv6' is required"). */
export const IP_REQUIRED = "One of 'user_ip' or 'user_ipv6' is required.";

const FIELDS: Record<string, FieldSpec> = {
  event: { type: 'string', help: 'Event type: 1 = Logon, 0 = Logoff (integer or string)' },
  user_groups: { type: 'string', help: 'Groups to send (Fortinet-Group-Name), "+"-separated, max length 253', blank: true },
  user_ip: { type: 'string', help: "User's workstation IPv4 (Calling-Station-Id)", blank: true },
  user_ipv6: { type: 'string', help: "User's workstation IPv6 (Calling-Station-Id)", blank: true },
  username: { type: 'string', help: "User's username, max length 253" },
};

export function ssoauthResource(ctx: ModelContext): ResourceDecl {
  const { store } = ctx;
  const sessions = store.ssoOAuth.ssoSessions;
  const { variants } = ctx;
  /** Variant ssoauth-same-ip-refused only: who last logged on from each address (groups or not). */
  const holders = new Map<string, string>();

  /** An optional address field: the text, null when absent, or an error recorded. */
  function address(data: Record<string, unknown>, field: 'user_ip' | 'user_ipv6', version: 4 | 6, errors: FieldErrors): string | null {
    if (!hasNonEmpty(data, field)) return null;
    const r = parseString(data[field]);
    // Django's validate_ipv4_address / validate_ipv6_address messages (variant: formats unchecked).
    if ('error' in r || (isIP(r.value.trim()) !== version && !dropped.formats)) {
      errors[field] = [`Enter a valid IPv${version} address.`];
      return null;
    }
    return version === 6 ? r.value.trim().toLowerCase() : r.value.trim();
  }

  function run(req: { data: Record<string, unknown> }): Outcome<Reply> {
    // 002 · 404 "SSO web service has not been enabled so it can't be used in REST API".
    // variant ssoauth-disabled-served: the request is served as if the service were on.
    if (!store.ssoWebService && !variants.has('ssoauth-disabled-served')) return ok({ kind: 'text', status: 404, text: SSO_DISABLED });
    const data = req.data;
    const errors: FieldErrors = {};

    // event: "1=Logon, 0=Logoff", integer or string (the examples send "1" and "0").
    let logon = false;
    const ev = data.event;
    if (requiredMissing(data, 'event')) errors.event = [REQUIRED];
    else if (ev === 1 || ev === '1') logon = true;
    // variant validation-enums-unchecked: any other text is read as a logoff.
    else if (ev !== undefined) {
      const logoff = ev === 0 || ev === '0' || (dropped.enums && typeof ev === 'string');
      // variant ssoauth-logoff-refused: event "0=Logoff" refused like an unknown event.
      if (!logoff || variants.has('ssoauth-logoff-refused')) errors.event = [`Select a valid choice. ${pyStr(ev)} is not one of the available choices.`];
    }

    // username: required, max length 253.
    let username = '';
    if (requiredMissing(data, 'username')) errors.username = [REQUIRED];
    else if (data.username !== undefined) {
      const r = parseString(data.username, 253);
      if ('error' in r) errors.username = [r.error];
      else username = r.value;
    }

    const ip = address(data, 'user_ip', 4, errors);
    const ipv6 = address(data, 'user_ipv6', 6, errors);
    // variant validation-required-unchecked: neither address sent is let through.
    const neitherSent = data.user_ip === undefined && data.user_ipv6 === undefined && dropped.required;
    if (!hasNonEmpty(data, 'user_ip') && !hasNonEmpty(data, 'user_ipv6') && !variants.has('ssoauth-ip-optional') && !neitherSent) errors.user_ip = [IP_REQUIRED]; // variant

    // user_groups: max length 253, "list of groups must be separated with '+' character".
    let given: string[] = [];
    if (hasNonEmpty(data, 'user_groups')) {
      const r = parseString(data.user_groups, 253);
      if ('error' in r) errors.user_groups = [r.error];
      else given = r.value.split('+').map((g) => g.trim()).filter((g) => g !== '');
      // variant ssoauth-groups-plus-refused: user_groups read as one group name, which may not hold "+".
      if (variants.has('ssoauth-groups-plus-refused') && typeof data.user_groups === 'string' && data.user_groups.includes('+'))
        errors.user_groups = ['A group name cannot contain a "+" character.'];
    }
    if (Object.keys(errors).length > 0) return invalid(errors);

    const keys = [ip, ipv6].filter((k): k is string => k !== null);
    if (variants.has('ssoauth-same-ip-refused')) {
      // variant: "if a login event is received with the same IP address but with a different username,
      // the existing entry will be overwritten" — refused instead.
      if (logon && keys.some((k) => (holders.get(k) ?? username) !== username))
        return invalid({ user_ip: ['Another user is logged on from this address.'] });
      for (const k of keys) {
        if (logon) holders.set(k, username);
        else if (holders.get(k) === username) holders.delete(k);
      }
    }
    // 002 · 500 "Failed to send logon/logoff request to FSSO" (a unit started with fsso-unavailable).
    // variant ssoauth-fsso-failure-200: answered 200 as if FSSO had taken it.
    if (fssoUnavailable(store) && !variants.has('ssoauth-fsso-failure-200')) return ok({ kind: 'text', status: 500, text: FSSO_FAILED });
    if (logon) {
      // 002 · "For local users, the user must be part of a local group for successful SSO logon.
      // External users must have a group passed in via the user_groups field for logon/logoff."
      // Either way the answer is 200 ("this doesn't mean that user has been logged-on/off, as the
      // request is done asynchronously"): without groups no session appears.
      const local = store.userByUsername(username);
      let groups = given;
      if (local) {
        const own = store.groupsOfUser(local.id).map((g) => store.groups.get(g)?.name ?? '').filter((n) => n !== '');
        groups = own.length === 0 ? [] : [...new Set([...own, ...given])];
      }
      // "if a login event is received with the same IP address but with a different username, the
      // existing entry will be overwritten."
      if (groups.length > 0) for (const k of keys) sessions.set(k, { username, groups, ip: k });
    } else {
      // Logoff removes the user's entry at that address; another user's entry stays.
      for (const k of keys) if (sessions.get(k)?.username === username) sessions.delete(k);
    }
    // 002 · 200 OK, Content-Length 0.
    return ok({ kind: 'empty', status: 200 });
  }

  return {
    name: SSOAUTH,
    // 002 · Allowed methods: POST. facts · POST-only resources answer GET with 405.
    listMethods: ['POST'],
    detailMethods: [],
    auth: 'basic', // 003 · ssoauth: Webservice Basic Authentication
    permission: { set: 'Webservice Authentication', code: 'Can use API to authenticate' }, // 003 · ssoauth
    fields: FIELDS,
    filtering: {},
    ordering: [],
    endpoint: { methods: ['POST'], run },
  };
}
