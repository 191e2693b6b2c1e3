// Deliberately broken variants of the emulator, for the suite's self-tests: each one breaks exactly
// one documented behaviour. The flag is checked where the behaviour lives (one `if` each):
//   usergroups-patch-appends       → emulator/fac/models/usergroups.ts   (patch)
//   auth-unknown-user-401          → emulator/fac/models/auth.ts         (authenticate)
//   localusers-list-drops-username → emulator/fac/models/localusers.ts   (dehydrate)
//   limit-ignored                  → emulator/fac/wire/paging.ts      (paginate)
//   verifyrecoveryanswer-wrong-202 → emulator/fac/models/tokens.ts      (verifyRecoveryAnswer)
//   lockout-range-unchecked        → emulator/fac/models/settings.ts    (userlockoutpolicy form)
//   returnseed-plaintext           → emulator/fac/models/tokens.ts      (buildPskc)
//   macdevices-accepts-bad-mac     → emulator/fac/models/mac.ts         (macdevices address check)
//   smtpservers-no-default-port    → emulator/fac/models/smtpservers.ts (form: port default)
//   ssogroup-name-not-unique       → emulator/fac/models/ssogroup.ts    (checkName)
//   oauth-refresh-reuse            → emulator/fac/models/oauth.ts       (refreshGrant)
//   restricted-admin-allowed       → emulator/fac/wire/auth.ts       (authorize)
// The per-scenario variants of issue 5 (after "Documented-behaviour scenarios" below) follow the same
// rule; the scenario catalogue (catalogue/) names each documented rule's variant.

import { type VariantFlags as Flags, type VariantSpec, variantRegistry } from '../variant-registry.ts';
import { SCENARIO_VARIANTS } from './scenario-variants.ts';

export const VARIANTS = [
  {
    id: 'usergroups-patch-appends',
    description: 'PATCH /api/v1/usergroups/<id>/ with a non-empty "users" list appends to the members instead of replacing them ({"users": []} still clears).',
    source: '002 · User groups (/usergroups/) · Add a user to a group: "This command is not additive [...] it will overwrite."',
  },
  {
    id: 'auth-unknown-user-401',
    description: 'POST /api/v1/auth/ for a username that does not exist answers 401 instead of 404.',
    source: '002 · Authentication (/auth/) · Response codes: "404 Not Found — User does not exist".',
  },
  {
    id: 'localusers-list-drops-username',
    description: 'Objects in /api/v1/localusers/ list answers lack the username field (detail answers keep it).',
    source: '002 · Local users (/localusers/) · List all local users: every example object carries "username".',
  },
  // Users and settings (emulator/fac/models/tokens.ts: verifyRecoveryAnswer, buildPskc; settings.ts: lockout range).
  {
    id: 'verifyrecoveryanswer-wrong-202',
    description: 'POST /api/v1/localusers/<id>/verifyrecoveryanswer/ (and /ldapusers/) answers 202 for a wrong answer too.',
    source: '002 · Local users (/localusers/) · Allowed methods: "Returns status 202 if the supplied recovery_answer parameter is correct, or 404 if not correct."',
  },
  {
    id: 'lockout-range-unchecked',
    description: '/api/v1/userlockoutpolicy/ accepts failed_login_lockout_max_attempts outside 1-20.',
    source: '002 · User lockout policy (/userlockoutpolicy/) · Supported fields: failed_login_lockout_max_attempts "Must be set between 1-20".',
  },
  {
    id: 'returnseed-plaintext',
    description: 'returnseed=1 answers the FTM seed as a PSKC PlainValue instead of encrypting it with the passphrase-derived key.',
    source: '002 · Local users (/localusers/) · Third-party integration: FTM provisioning ("The seed is encrypted and returned as a PSKC XML file string according to RFC 6030").',
  },
  // Wire-level deviations the property tests (issue: filters, paging, ordering, formats) must catch:
  // emulator/fac/wire/filtering.ts, paging.ts, format.ts, dispatch.ts (getList).
  {
    id: 'filter-iexact-as-exact',
    description: '__iexact compares case-sensitively, like __exact.',
    source: '002 · Advanced filtering · Filter lookup expressions ("iexact: case-insensitive exact match").',
  },
  {
    id: 'filter-icontains-case-sensitive',
    description: '__icontains matches case-sensitively, like __contains.',
    source: '002 · Advanced filtering · Filter lookup expressions ("icontains: same as above, but case-insensitive").',
  },
  {
    id: 'filter-in-last-value-only',
    description: '__in with repeated keys uses only the last value.',
    source: '002 · Advanced filtering · Filter lookup expressions ("name__in=John&name__in=Bill").',
  },
  {
    id: 'filter-undocumented-ignored',
    description: 'A filter on a field that does not allow filtering is silently ignored instead of answering 400.',
    source: 'facts · FortiAuthenticator is a django-tastypie API · Filtering.',
  },
  {
    id: 'offset-off-by-one',
    description: 'A non-zero offset skips one row too many.',
    source: '002 · Advanced filtering · Offset ("zero-based").',
  },
  {
    id: 'next-drops-filter',
    description: 'next/previous links keep only format, limit and offset, dropping the filters.',
    source: '002 · The FortiAuthenticator API · View pages for large lists; facts · tastypie paging.',
  },
  {
    id: 'total-count-unfiltered',
    description: 'meta.total_count counts every object of the resource, not the rows matching the filters.',
    source: '002 · The FortiAuthenticator API · View pages for large lists; facts · tastypie paging.',
  },
  {
    id: 'last-page-next-not-null',
    description: 'The last page still carries a next link.',
    source: '002 · The FortiAuthenticator API · View pages for large lists ("When the response is the last page, next is set to null").',
  },
  {
    id: 'order-desc-ignored',
    description: 'order_by=-field sorts ascending (the minus is ignored).',
    source: '002 · Advanced filtering · Order; facts · Ordering ("-field descending").',
  },
  {
    id: 'format-loses-to-accept',
    description: 'An Accept header wins over the format parameter.',
    source: '002 · The FortiAuthenticator API · Supported data formats ("The GET format parameter takes precedence over the Accept header").',
  },
  {
    id: 'pushauthresp-unknown-session-accepted',
    description: 'POST /api/v1/pushauthresp/ for a session that does not exist answers 200 instead of 401.',
    source: '002 · Push authentication response (/pushauthresp/) · Response codes ("401 Unauthorized — Invalid credentials").',
  },
  // Whole-emulator deviations: every resource must be caught by at least one check.
  {
    id: 'auth-not-enforced',
    description: 'No resource checks credentials: requests without (or with wrong) Basic credentials or Bearer tokens are served.',
    source: '003 · Authorization and Permissions (Webservice Basic / OAuth Bearer per resource); 002 · General API response codes (401).',
  },
  {
    id: 'success-status-changed',
    description: 'Every success answers another 2xx than the documented one (200→203, 201/202/204→200).',
    source: '002 · The FortiAuthenticator API · Supported API methods (success response codes).',
  },
  {
    id: 'limit-ignored',
    description: 'List endpoints ignore ?limit: pages always hold 20 objects and meta.limit stays 20.',
    source: '002 · The FortiAuthenticator API · View pages for large lists ("can be set up to a maximum of 1000"); facts · tastypie paging.',
  },
  // Plain list/detail resources (emulator/fac/models/mac.ts, smtpservers.ts).
  {
    id: 'macdevices-accepts-bad-mac',
    description: 'POST/PATCH /api/v1/macdevices/ accept a malformed MAC address (e.g. "zz:zz") instead of answering 400.',
    source: '002 · MAC devices (/macdevices/) · Supported fields: address "Must be a valid MAC address. Acceptable formats are 11:22:33:44:aa:bb or 112233445566 [...]".',
  },
  {
    id: 'smtpservers-no-default-port',
    description: 'POST /api/v1/smtpservers/ without "port" stores no port (null) instead of 25.',
    source: '002 · Email servers (/smtpservers/) · Supported fields: port "Default is 25 when not specified."',
  },
  // SSO, OAuth and permissions (emulator/fac/models/ssogroup.ts, oauth.ts; emulator/fac/wire/auth.ts).
  {
    id: 'ssogroup-name-not-unique',
    description: 'POST /api/v1/ssogroup/ accepts a name that another SSO group already has (201 instead of 400).',
    source: '002 · SSO/Remote groups (/ssogroup/) · Supported fields: name "max length=50, unique".',
  },
  {
    id: 'oauth-refresh-reuse',
    description: 'A refresh token stays valid after it was used: refreshing with it again issues new tokens instead of 401.',
    source: '002 · OAuth server token (/oauth/token/) · "This endpoint can also be used to refresh a previously issued token" (a refresh issues a new refresh token that replaces the old one).',
  },
  {
    id: 'restricted-admin-allowed',
    description: 'An administrator without the resource\'s permission (no admin profile) gets 200 instead of 403.',
    source: '002 · General API response codes: "403 Forbidden — Permission is denied to perform an operation"; 003 · Authorization and Permissions table (required permission code per resource).',
  },
  // Documented-behaviour scenarios (issue 5): one variant per catalogued rule, in scenario-variants.ts.
  ...SCENARIO_VARIANTS,
  // Issue 12: each drops one validation category in the shared parsers (emulator/fac/models/validate.ts,
  // forms.ts); tests/suite/negative-kills.spec.ts proves the derived cases of that category catch it.
  {
    id: 'validation-lengths-unchecked',
    description: 'FAC fields accept strings over their maximum length and integers outside their range.',
    source: '002 · Local users (/localusers/) · Supported fields ("max length = N"; and every other resource\'s Supported fields: each documented limit).',
  },
  {
    id: 'validation-required-unchecked',
    description: 'FAC forms accept a create or replace without a required field (it takes its default).',
    source: '002 · Local users (/localusers/) · Supported fields (Required: Yes; likewise every resource\'s required fields).',
  },
  {
    id: 'validation-enums-unchecked',
    description: 'FAC choice fields accept any text.',
    source: '002 · Local users (/localusers/) · Supported fields (token_type: the listed values; likewise every field with listed values).',
  },
  {
    id: 'validation-formats-unchecked',
    description: 'FAC accepts e-mail addresses, IP addresses/subnets and other checked formats that are not valid.',
    source: '002 · Local users (/localusers/) · Supported fields (email, mobile_number formats; likewise IP addresses, MACs and the other checked formats).',
  },
  {
    id: 'validation-types-coerced',
    description: 'FAC coerces wrong JSON types: an object becomes its text, a non-number 0, any value a boolean by truthiness.',
    source: 'facts · FortiAuthenticator is a django-tastypie API · Errors (field validation answers 400).',
  },
  // Product versions (tests/suite/versions.spec.ts): a rule of one release only, broken on that release.
  {
    id: 'root-needs-credentials',
    description: 'GET /api/v1/ without credentials answers 401 instead of the listing (emulator/fac/wire/dispatch.ts, root).',
    source: 'facts · FortiAuthenticator behaviour seen on real devices (newer than the guide): "GET /api/v1/ answers without authentication" (FAC 8.0.3).',
  },
  {
    id: 'validation-readonly-refused',
    description: 'FAC refuses a write that carries the read-only id or resource_uri instead of ignoring them.',
    source: 'facts · FortiAuthenticator is a django-tastypie API (tastypie full_hydrate skips read-only fields); 002 · Local users · Supported fields (user_groups "Read Only").',
  },
] as const satisfies readonly VariantSpec[];

export type VariantId = (typeof VARIANTS)[number]['id'];

export type VariantFlags = Flags<VariantId>;
export const { resolve: resolveVariants, describe: describeVariant } = variantRegistry('emulator', VARIANTS);
