// Every resource the emulator serves. Adding a resource = one model file + one line here.

import type { ModelContext, ResourceDecl } from './types.ts';
import { authResource } from './auth.ts';
import { localgroupMembershipsResource } from './localgroup-memberships.ts';
import { localusersResource } from './localusers.ts';
import { usergroupsResource } from './usergroups.ts';
import { ftpserversResource } from './ftpservers.ts';
import { iamaccountsResource, iamusersResource } from './iam.ts';
import { localapiadminResource } from './localapiadmin.ts';
import { macdevicesResource, macgroupMembershipsResource, macgroupsResource } from './mac.ts';
import { passwordpoliciesResource } from './passwordpolicies.ts';
import { scepreqsResource } from './scepreqs.ts';
import { smtpserversResource } from './smtpservers.ts';
import { syslogserversResource } from './syslogservers.ts';
import { systemResource } from './system.ts';
import { tacplusclientsResource, tacpluspoliciesResource, tacpluspolicyclientResource } from './tacplus.ts';
import { transfertokenResource } from './transfertoken.ts';
import { userfortitokenpolicyResource } from './userfortitokenpolicy.ts';
import { ssoauthResource } from './ssoauth.ts';
import { ssogroupResource } from './ssogroup.ts';
import { fgtgroupfilterResource } from './fgtgroupfilter.ts';
import { fortitokensResource } from './fortitokens.ts';
import { fortitokenmobilelicensesResource } from './fortitokenmobilelicenses.ts';
import { fortiguardmessagesResource } from './fortiguardmessages.ts';
import { pushauthResource } from './pushauth.ts';
import { pushauthrespResource } from './pushauthresp.ts';
import { pushpollResource } from './pushpoll.ts';
import { realmauthResource } from './realmauth.ts';
import { oauthRevokeTokenResource, oauthTokenResource, oauthVerifyTokenResource } from './oauth.ts';
import { fabricAuthenticateResource, fabricDeviceStatusResource, fabricWidgetResource } from './fabric.ts';
import { ldapusersResource, radiususersResource } from './remoteusers.ts';
import { usercertsResource } from './usercerts.ts';
import { licensingResource } from './licensing.ts';
import { recoveryResource } from './recovery.ts';
import { settingsResources } from './settings.ts';

export function buildResources(ctx: ModelContext): ResourceDecl[] {
  return [
    authResource(ctx),
    localgroupMembershipsResource(ctx),
    localusersResource(ctx),
    usergroupsResource(ctx),
    ftpserversResource(ctx),
    iamaccountsResource(ctx),
    iamusersResource(ctx),
    localapiadminResource(ctx),
    macdevicesResource(ctx),
    macgroupMembershipsResource(ctx),
    macgroupsResource(ctx),
    passwordpoliciesResource(ctx),
    scepreqsResource(ctx),
    smtpserversResource(ctx),
    syslogserversResource(ctx),
    systemResource(ctx),
    tacplusclientsResource(ctx),
    tacpluspoliciesResource(ctx),
    tacpluspolicyclientResource(ctx),
    transfertokenResource(ctx),
    userfortitokenpolicyResource(ctx),
    ssoauthResource(ctx),
    ssogroupResource(ctx),
    fgtgroupfilterResource(ctx),
    fortitokensResource(ctx),
    fortitokenmobilelicensesResource(ctx),
    fortiguardmessagesResource(ctx),
    pushauthResource(ctx),
    pushauthrespResource(ctx),
    pushpollResource(ctx),
    realmauthResource(ctx),
    oauthTokenResource(ctx),
    oauthRevokeTokenResource(ctx),
    oauthVerifyTokenResource(ctx),
    fabricAuthenticateResource(ctx),
    fabricDeviceStatusResource(ctx),
    fabricWidgetResource(ctx),
    ldapusersResource(ctx),
    radiususersResource(ctx),
    usercertsResource(ctx),
    licensingResource(ctx),
    recoveryResource(ctx),
    ...settingsResources(ctx), // userlockoutpolicy, systeminfo, logsettings, fortitokenmobileprovisioning, scheduledbackupsettings
  ];
}
