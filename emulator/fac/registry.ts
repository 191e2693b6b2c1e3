// Every resource the emulator serves. Adding a resource = one model file + one line here.

import type { ModelContext, ResourceDecl } from './types.ts';
import { authResource } from './auth.ts';
import { localgroupMembershipsResource } from './localgroup-memberships.ts';
import { localusersResource } from './localusers.ts';
import { usergroupsResource } from './usergroups.ts';

export function buildResources(ctx: ModelContext): ResourceDecl[] {
  return [
    authResource(ctx),
    localgroupMembershipsResource(ctx),
    localusersResource(ctx),
    usergroupsResource(ctx),
  ];
}
