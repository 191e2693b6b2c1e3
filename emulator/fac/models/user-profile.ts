// The user-profile fields /localusers/, /localapiadmin/ and the remote-user tables share, written
// once. Source: 002 · Local users (/localusers/) · Supported fields; 002 · Local API admins
// ("Same as the fields supported by Local users resource plus these additional ones"); 002 · LDAP
// users / RADIUS users · Supported fields (reason: "Default is 0. One of 0 [...] or 8").

import type { FieldErrors, FieldSpec } from './types.ts';

export type { UserProfile } from './store.ts';
import { has } from './forms.ts';
import { parseBoolean, parseInteger } from './validate.ts';


const str = (help: string): FieldSpec => ({ type: 'string', help, default: '', blank: true });

/** The schema (`/schema/`) entries of the shared profile fields. */
export const PROFILE_FIELD_SPECS: Record<string, FieldSpec> = {
  active: { type: 'boolean', help: 'Account status', default: true },
  address: str('Address, max length 80'),
  city: str('City, max length 40'),
  country: str('Country code from the ISO-3166 list'),
  custom1: str('Custom user field 1, max length 255'),
  custom2: str('Custom user field 2, max length 255'),
  custom3: str('Custom user field 3, max length 255'),
  email: str('E-mail address'),
  first_name: str('First name, max length 30'),
  id: { type: 'integer', help: 'Integer data. Ex: 2673', unique: true },
  last_name: str('Last name, max length 30'),
  mobile_number: str('Mobile number, +[country code]-[number], max length 25'),
  phone_number: str('Phone number, max length 25'),
  resource_uri: { type: 'string', help: 'Unicode string data. Ex: "Hello World"', readonly: true },
  state: str('State or province, max length 40'),
};

/** Boolean fields given in `data`, parsed into `draft` (Django's BooleanField readings). */
export function applyBooleans<K extends string>(data: Record<string, unknown>, draft: Partial<Record<K, unknown>>, keys: readonly K[], fail: (field: string, message: string) => void): void {
  for (const key of keys) {
    if (!has(data, key)) continue;
    const r = parseBoolean(data[key]);
    if ('error' in r) fail(key, r.error);
    else draft[key] = r.value;
  }
}

/** The disable reason: an integer choice 0..8 (the range check can be switched off by a variant). */
export function applyReason(data: Record<string, unknown>, draft: { reason: number }, errors: FieldErrors, checkRange = true): void {
  if (!has(data, 'reason')) return;
  const r = parseInteger(data.reason);
  const fail = (message: string): void => {
    (errors.reason ??= []).push(message);
  };
  if ('error' in r) fail(r.error);
  else if ((r.value < 0 || r.value > 8) && checkRange) fail(`Select a valid choice. ${r.value} is not one of the available choices.`);
  else draft.reason = r.value;
}
