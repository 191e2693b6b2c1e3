// One emulated FortiAuthenticator without sockets: store + seed + resources + the tastypie wire
// layer, as a plain (WireRequest) => WireResponse function. emulator/server.ts puts it on HTTP(S).

import { randomInt } from 'node:crypto';
import { Store } from './fac/store.ts';
import { FIRST_LOCAL_USER_ID, seed } from './fac/seed.ts';
import { buildResources } from './fac/registry.ts';
import type { ResourceDecl } from './fac/types.ts';
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
}

export interface FacApp {
  handle(req: WireRequest): WireResponse;
  store: Store;
  resources: readonly ResourceDecl[];
  variants: VariantFlags;
  user: string;
  key: string;
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

export function createFacApp(opts: FacAppOptions = {}): FacApp {
  const variants = resolveVariants(opts.variants ?? []);
  const user = opts.user ?? generateUser();
  const key = opts.key ?? generateKey();
  const store = new Store({ id: 1, username: user, key }, FIRST_LOCAL_USER_ID);
  if (opts.seed !== false) seed(store);
  const resources = buildResources({ store, variants, now: opts.now ?? (() => new Date()) });
  const handle = createApp({ resources, admin: store.admin, variants });
  return { handle, store, resources, variants, user, key };
}
