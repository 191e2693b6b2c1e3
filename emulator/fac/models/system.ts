// /api/v1/system/ — declaration, and its one documented sub-endpoint /system/external_ip_fqdn/.
// Source: 003 · Authorization and Permissions (system: Webservice Basic; System Administration; "Can
// change system access settings") and 002 · External IP/FQDN configuration (/system/external_ip_fqdn/)
// (Supported fields, Allowed methods; no examples). OCR: "external ip fqgdn" = external_ip_fqdn.

import { isIP } from 'node:net';
import type { FieldSpec, ModelContext, Outcome, Reply, ResourceDecl } from './types.ts';
import { invalid, ok } from './types.ts';
import { REQUIRED, parseString } from './validate.ts';

export const SYSTEM = 'system';
const SETTING = 'system/external_ip_fqdn';

const HOST_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

/** 002 · value: "IP or FQDN, port number is optional and defaults to 443." Reading: IPv4, IPv6 (in
 * brackets when a port follows) or a DNS name, then an optional :port in 1-65535 (`portChecked`
 * false: any text after the colon, for variant external-ip-fqdn-port-unchecked). */
export function isValidExternalHost(s: string, portChecked = true): boolean {
  let host = s;
  let port: string | undefined;
  const bracket = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(s);
  if (bracket) {
    if (isIP(bracket[1] ?? '') !== 6) return false;
    port = bracket[2];
  } else if (isIP(s) === 6) {
    return true;
  } else {
    const colon = s.lastIndexOf(':');
    if (colon >= 0) {
      host = s.slice(0, colon);
      port = s.slice(colon + 1);
      if (!/^\d{1,5}$/.test(port) && portChecked) return false;
    }
    if (isIP(host) !== 4) {
      if (host.length === 0 || host.length > 253 || /^[\d.]+$/.test(host)) return false;
      if (!host.replace(/\.$/, '').split('.').every((l) => HOST_LABEL.test(l))) return false;
    }
  }
  return port === undefined || !portChecked || (Number(port) >= 1 && Number(port) <= 65535);
}

/** The message is ours (the guide gives none). */
export const EXTERNAL_HOST_MESSAGE = 'Enter a valid IP address or FQDN, optionally followed by :port.';

const FIELDS: Record<string, FieldSpec> = {
  value: { type: 'string', help: 'External IP/FQDN; the port number is optional and defaults to 443' },
};

export function systemResource(ctx: ModelContext): ResourceDecl {
  const { store } = ctx;
  // Reading: not configured until set (the guide shows no default value).
  const current = (): string => {
    const v = store.settings.get(SETTING)?.value;
    return typeof v === 'string' ? v : '';
  };

  function run(req: { method: string; data: Record<string, unknown> }): Outcome<Reply> {
    // 002 · GET: "Get current value of IP/FQDN settings." Reading: the answer is {"value": ...}, the
    // documented field.
    if (req.method === 'GET') return ok({ kind: 'object', status: 200, data: { value: current() } });
    // 002 · POST: "Set a new value for IP/FQDN." (value required). Reading: 200 with the new setting, as
    // a settings write that creates nothing (002 · General API response codes · 200).
    const raw = req.data.value;
    if (raw === undefined || raw === null || raw === '') return invalid({ value: [REQUIRED] });
    const r = parseString(raw);
    if ('error' in r) return invalid({ value: [r.error] });
    // variant external-ip-fqdn-port-unchecked: any port text is taken.
    if (!isValidExternalHost(r.value, !ctx.variants.has('external-ip-fqdn-port-unchecked'))) return invalid({ value: [EXTERNAL_HOST_MESSAGE] });
    store.settings.set(SETTING, { value: r.value });
    return ok({ kind: 'object', status: 200, data: { value: r.value } });
  }

  return {
    name: SYSTEM,
    // The guide documents nothing on /system/ itself, only its sub-endpoint: reading = every method on
    // the bare /system/ URL answers 405 (an empty Allow).
    listMethods: [],
    detailMethods: [],
    auth: 'basic', // 003 · Webservice Basic Authentication
    permission: { set: 'System Administration', code: 'Can change system access settings' }, // 003 · Authorization and Permissions
    fields: FIELDS,
    filtering: {},
    ordering: [],
    // 002 · Allowed methods: GET and POST on /system/external_ip_fqdn/.
    listActions: { external_ip_fqdn: { methods: ['GET', 'POST'], run } },
  };
}
