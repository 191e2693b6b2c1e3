// /api/v1/fortiguardmessages/ — model and declaration (a singleton: a bare object on the list URL).
// Source: 002 · FortiGuard messaging (/fortiguardmessages/) (Supported fields, Allowed methods, the GET
// and POST examples and "Used valid licenses will return a success response, but will not add SMS")
// and 003 · Authorization and Permissions (Webservice Basic; System Administration, "Can view / change
// FortiGuard settings").

import type { FieldSpec, Json, ModelContext, Outcome, ResourceDecl } from './types.ts';
import { ok } from './types.ts';
import { parseLicense } from './fortitokenmobilelicenses.ts';

export const FORTIGUARDMESSAGES = 'fortiguardmessages';

/** Reading: the guide masks the counts ("###"); every license adds this many messages. */
export const SMS_PER_LICENSE = 100;

const FIELDS: Record<string, FieldSpec> = {
  available_sms: { type: 'integer', help: 'Number of SMS messages available for future use', readonly: true },
  license: { type: 'string', help: 'FortiGuard Messaging license (POST only)' },
  total_sms: { type: 'integer', help: 'Total number of SMS messages in the license', readonly: true },
  used_sms: { type: 'integer', help: 'Number of SMS messages that have been used', readonly: true },
};

export function fortiguardmessagesResource(_ctx: ModelContext): ResourceDecl {
  // Reading: a fresh unit has no Messaging license (0 messages); nothing in the emulator sends SMS, so
  // used_sms stays 0.
  let total = 0;
  const used = 0;
  const activated = new Set<string>();

  // 002 · GET: {"available_sms": ###, "total_sms": ###, "used_sms": ###}.
  const get = (): Record<string, Json> => ({ available_sms: total - used, total_sms: total, used_sms: used });

  // 002 · POST {"license": ...} activates a license. The guide shows no answer body: reading = the
  // FTM license answer's shape (002 · FTM licenses: {"license", "messages": {"success"}}).
  function set(data: Record<string, unknown>): Outcome<Record<string, Json>> {
    const code = parseLicense(data);
    if (!code.ok) return code;
    const key = code.value.toUpperCase();
    // "Used valid licenses will return a success response, but will not add SMS".
    const added = activated.has(key) ? 0 : SMS_PER_LICENSE;
    activated.add(key);
    total += added;
    return ok({ license: code.value, messages: { success: `Successfully added ${added} SMS messages` } });
  }

  return {
    name: FORTIGUARDMESSAGES,
    // 002 · Allowed methods: GET (statistics) and POST (activate a license) on the list URL.
    listMethods: ['GET', 'POST'],
    detailMethods: [],
    auth: 'basic', // 003 · fortiguardmessages: Webservice Basic Authentication
    permission: { set: 'System Administration', code: 'Can view / change FortiGuard settings' }, // 003
    fields: FIELDS,
    filtering: {},
    ordering: [],
    singleton: { get, set },
  };
}
