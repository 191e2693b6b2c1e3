// /api/v1/fortitokenmobilelicenses/ — model and declaration (a singleton: a bare object on the list URL).
// Source: 002 · FTM licenses (/fortitokenmobilelicenses/) (Supported fields, Allowed methods and the GET
// and POST examples) and 003 · Authorization and Permissions (Webservice Basic; Users and Devices,
// "Can view / change FortiToken").

import type { FieldSpec, Json, ModelContext, Outcome, ResourceDecl } from './types.ts';
import { invalid, ok } from './types.ts';
import { REQUIRED, parseString } from './validate.ts';
import { fortiTokens, tokenStatus } from './fortitokens.ts';

export const FORTITOKENMOBILELICENSES = 'fortitokenmobilelicenses';

/** 002 · POST example: "Successfully imported 10 FortiTokens" (reading: every license holds 10). */
export const FTM_PER_LICENSE = 10;

/** Fortinet license codes as the guide's examples mask them: "####-####-####-####-####" (the OCR shows
 * groups of 4 and 5). Reading: five dash-separated groups of 4-5 letters or digits. */
const LICENSE_RE = /^[A-Za-z0-9]{4,5}(?:-[A-Za-z0-9]{4,5}){4}$/;
export const LICENSE_MESSAGE = 'Enter a valid license code (five groups of letters and digits separated by "-").';

/** The license field of a POST body (required; "Only valid in POST method"). */
export function parseLicense(data: Record<string, unknown>): Outcome<string> {
  const raw = data.license;
  if (raw === undefined || raw === null || raw === '') return invalid({ license: [REQUIRED] });
  const r = parseString(raw);
  if ('error' in r) return invalid({ license: [r.error] });
  const code = r.value.trim();
  if (!LICENSE_RE.test(code)) return invalid({ license: [LICENSE_MESSAGE] });
  return ok(code);
}

const FIELDS: Record<string, FieldSpec> = {
  available_ftm: { type: 'integer', help: 'Number of FortiToken Mobiles available for future assignments', readonly: true },
  license: { type: 'string', help: 'FortiToken Mobile license (POST only)' },
  total_ftm: { type: 'integer', help: 'Total number of FortiToken Mobiles on the FortiAuthenticator', readonly: true },
  used_ftm: { type: 'integer', help: 'Number of FortiToken Mobiles assigned to users', readonly: true },
};

export function fortitokenmobilelicensesResource(ctx: ModelContext): ResourceDecl {
  const { store } = ctx;
  const tokens = fortiTokens(store);

  // 002 · GET: {"available_ftm": 30, "total_ftm": 32, "used_ftm": 2} — counted from the FTM tokens of
  // /fortitokens/: used = assigned to a user, available = the rest (30 + 2 = 32 in the example).
  function get(): Record<string, Json> {
    let total = 0;
    let used = 0;
    let statusAvailable = 0;
    for (const t of tokens.values()) {
      if (t.type !== 'ftm') continue;
      total++;
      const status = tokenStatus(store, t);
      if (status === 'assigned') used++;
      if (status === 'available') statusAvailable++;
    }
    // variant licences-available-counts-status: the example's 30 = 32 - 2 broken (pending/new tokens left out).
    const available = ctx.variants.has('licences-available-counts-status') ? statusAvailable : total - used;
    return { available_ftm: available, total_ftm: total, used_ftm: used };
  }

  // 002 · POST {"license": ...} → {"license": ..., "messages": {"success": "Successfully imported 10
  // FortiTokens"}}. The imported tokens appear in /fortitokens/ as available FTM tokens of that license.
  // Reading (as 002 says for FortiGuard messaging licenses): a license already imported succeeds again
  // and adds nothing ("imported 0").
  function set(data: Record<string, unknown>): Outcome<Record<string, Json>> {
    const code = parseLicense(data);
    if (!code.ok) return code;
    let already = false;
    const wanted = code.value.toUpperCase();
    for (const t of tokens.values()) if (t.type === 'ftm' && t.license.toUpperCase() === wanted) already = true;
    const count = already ? 0 : FTM_PER_LICENSE;
    for (let i = 0; i < count; i++)
      tokens.insert((id) => ({ id, serial: store.nextSerial('ftm'), type: 'ftm', status: 'available', locked: false, license: code.value }));
    return ok({ license: code.value, messages: { success: `Successfully imported ${count} FortiTokens` } });
  }

  return {
    name: FORTITOKENMOBILELICENSES,
    // 002 · Allowed methods: GET (statistics) and POST (activate a license) on the list URL.
    listMethods: ['GET', 'POST'],
    detailMethods: [],
    auth: 'basic', // 003 · fortitokenmobilelicenses: Webservice Basic Authentication
    permission: { set: 'Users and Devices', code: 'Can view / change FortiToken' }, // 003
    fields: FIELDS,
    filtering: {},
    ordering: [],
    singleton: { get, set },
  };
}
