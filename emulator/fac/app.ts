// One emulated FortiAuthenticator without sockets: store + seed + resources + the tastypie wire
// layer, as a plain (WireRequest) => WireResponse function. emulator/fac/server.ts puts it on HTTP(S).

import { applyUnitStates } from './models/operator-states.ts';
import { randomInt } from 'node:crypto';
import { Store } from './models/store.ts';
import { FIRST_LOCAL_USER_ID, seed } from './models/seed.ts';
import { buildResources } from './models/registry.ts';
import type { ResourceDecl } from './models/types.ts';
import { droppedBy, withDropped } from './models/validate.ts';
import { checkRelease } from '../release.ts';
import { resolveVariants, type VariantFlags } from './variants.ts';
import { createApp } from './wire/dispatch.ts';
import type { WireRequest, WireResponse } from './wire/http.ts';

export interface FacAppOptions {
  user?: string;
  key?: string;
  variants?: readonly string[];
  /** Clock for time rules (expires_at); defaults to the system clock. */
  now?: () => Date;
  /** Seed the guide-like users and groups (default true). */
  seed?: boolean;
  /** Unit-wide operator set-ups to start in (emulator/fac/models/operator-states.ts UNIT_STATES). */
  states?: readonly string[];
  /** The release answered as (default FAC_DEFAULT_VERSION). */
  version?: string;
}

/** 002 is the FortiAuthenticator 6.3.1 REST API Solution Guide: the release answered as by default. */
export const FAC_DEFAULT_VERSION = '6.3.1';

export interface FacApp {
  handle(req: WireRequest): WireResponse;
  store: Store;
  resources: readonly ResourceDecl[];
  variants: VariantFlags;
  version: string;
  user: string;
  key: string;
  /** An administrator with web service access and no admin profile: 403 wherever 003 names a
   * permission code (generated fresh, like the admin). */
  restricted: { user: string; key: string };
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomAlnum(length: number, alphabet = ALNUM): string {
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[randomInt(alphabet.length)];
  return s;
}

/** 002 · Initializing the REST API: the web service access key is 40 alphanumerics. */
export const generateKey = (): string => randomAlnum(40);
/** A fresh admin name per run, so clients cannot hard-code "admin". */
export const generateUser = (): string => `api_admin_${randomAlnum(6, 'abcdefghijklmnopqrstuvwxyz0123456789')}`;
export const generateRestrictedUser = (): string => `api_restricted_${randomAlnum(6, 'abcdefghijklmnopqrstuvwxyz0123456789')}`;

export function createFacApp(opts: FacAppOptions = {}): FacApp {
  const variants = resolveVariants(opts.variants ?? []);
  const version = checkRelease('FortiAuthenticator', opts.version ?? FAC_DEFAULT_VERSION);
  const droppedValidation = droppedBy((id) => variants.has(id));
  const user = opts.user ?? generateUser();
  const key = opts.key ?? generateKey();
  const store = new Store({ id: 1, username: user, key }, FIRST_LOCAL_USER_ID);
  // Ids 1-3 are administrators (seed.ts): the restricted one is id 2.
  const restrictedAdmin = { id: 2, username: generateRestrictedUser(), key: generateKey() };
  store.restricted = restrictedAdmin;
  if (opts.seed !== false) seed(store);
  applyUnitStates(store, opts.states ?? []);
  const now = opts.now ?? (() => new Date());
  const resources = buildResources({ store, variants, now, version });
  const wire = createApp({
    resources,
    admin: store.admin,
    variants,
    restricted: restrictedAdmin,
    apiAdmins: store.apiAdmins,
    bearerValid: (token) => store.ssoOAuth.accessToken(token, now().getTime()) !== undefined,
  });
  // Variant: every success answers another 2xx than the documented one (200→203, 201/202/204→200).
  const shifted: Record<number, number> = { 200: 203, 201: 200, 202: 200, 204: 200 };
  const answer = variants.has('success-status-changed')
    ? (req: WireRequest): WireResponse => {
        const r = wire(req);
        return { ...r, status: shifted[r.status] ?? r.status };
      }
    : wire;
  // The validation this emulator's variants drop holds for its own requests only.
  const handle = (req: WireRequest): WireResponse => withDropped(droppedValidation, () => answer(req));
  const restricted = { user: restrictedAdmin.username, key: restrictedAdmin.key };
  return { handle, store, resources, variants, version, user, key, restricted };
}
