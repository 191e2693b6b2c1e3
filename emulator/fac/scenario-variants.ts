// The FortiAuthenticator emulator's per-scenario variants (issue 5): one per documented rule of the
// scenario catalogue (catalogue/fac.ts names each rule's variant). Each breaks its rule where the
// rule lives (the `if` carries a `// variant` comment naming the rule's source); variants.ts joins
// them to the wire-level and validation variants.

import type { VariantSpec } from '../variant-registry.ts';

export const SCENARIO_VARIANTS = [
  // Envelope & HTTP (emulator/fac/wire/dispatch.ts).
  {
    id: 'post-answers-body',
    description: 'POST on a list answers 201 with Location and the created object as body instead of an empty body.',
    source: 'facts · Write answers (201, relative Location, empty body); 002 · General API response codes ("201 Created").',
  },
  {
    id: 'patch-answers-200',
    description: 'PATCH (detail URLs and settings singletons) answers 200 instead of 202.',
    source: '002 · General API response codes ("202 Accepted"); 002 · Local users · Modify local user (202 ACCEPTED).',
  },
  {
    id: 'put-answers-200',
    description: 'PUT on a detail URL answers 200 instead of 204 (every resource but /fgtgroupfilter/, which has its own variant).',
    source: '002 · General API response codes ("204 No Content"); facts · Write answers (PUT detail 204).',
  },
  {
    id: 'delete-detail-still-served',
    description: 'DELETE answers 204 and the object leaves the list, but its detail URL still answers 200 with the deleted object.',
    source: '002 · General API response codes ("204 No Content"); 002 · User groups (/usergroups/) · Delete a user group.',
  },
  {
    id: 'root-omits-schema',
    description: 'GET /api/v1/ lists each resource with its list_endpoint but without its schema URL (JSON and XML).',
    source: '002 · General API usage · View available endpoint resources ({"<resource>": {"list_endpoint", "schema"}}).',
  },
  // usergroups (emulator/fac/models/usergroups.ts; the unknown-name filter in emulator/fac/wire/dispatch.ts).
  {
    id: 'usergroups-duplicate-name-accepted',
    description: 'POST /api/v1/usergroups/ with a name another group has answers 201 instead of 400.',
    source: '002 · User groups (/usergroups/) · Attempt to create a user group with the same name ("A user group with that name already exists.").',
  },
  {
    id: 'usergroups-patch-empty-ignored',
    description: 'PATCH /api/v1/usergroups/<id>/ with {"users": []} leaves the members unchanged instead of clearing them.',
    source: '002 · User groups (/usergroups/) · Add a user to a group: "Using {"users": []} for example will clear the users list."',
  },
  {
    id: 'usergroups-delete-refuses-members',
    description: 'DELETE /api/v1/usergroups/<id>/ of a group that still has members answers 400 and keeps the group.',
    source: '002 · User groups (/usergroups/) · Delete a user group: "will delete the group even if the group contains users".',
  },
  {
    id: 'usergroups-filter-unknown-404',
    description: 'GET /api/v1/usergroups/?name=<a name no group has> answers 404 instead of 200 with no objects.',
    source: '002 · User groups (/usergroups/) · Allowed filters (name exact); facts · FortiAuthenticator is a django-tastypie API (filtering: an empty match is an empty list).',
  },
  {
    id: 'usergroups-return-members-ignored',
    description: 'GET /api/v1/usergroups/?return_members=false still returns the users of each group.',
    source: '002 · User groups (/usergroups/) · Supported fields: return_members "Boolean to disable return of members".',
  },
  // localusers (emulator/fac/models/localusers.ts).
  {
    id: 'localusers-lists-admins',
    description: 'GET /api/v1/localusers/ lists the administrator (id 1) before the local users.',
    source: '002 · Local users (/localusers/) · List all local users: "Note that admin users are not returned by the localusers query".',
  },
  {
    id: 'localusers-password-or-email-unchecked',
    description: 'POST /api/v1/localusers/ with neither password nor email answers 201 instead of 400.',
    source: '002 · Local users (/localusers/) · Supported fields: "If password is not specified, email field becomes required".',
  },
  {
    id: 'localusers-username-unchecked',
    description: 'localusers accept a username with any characters and of any length.',
    source: '002 · Local users (/localusers/) · Supported fields: username "max length = 253, contains only letters, numbers and @/./+/-/_ characters".',
  },
  {
    id: 'localusers-mobile-unchecked',
    description: 'localusers accept a mobile_number in any format.',
    source: '002 · Local users (/localusers/) · Supported fields: mobile_number "must follow international number format: +[country_code]-[number]".',
  },
  {
    id: 'localusers-country-unchecked',
    description: 'localusers accept any text as country, not only ISO-3166 codes.',
    source: '002 · Local users (/localusers/) · Supported fields: country "Must be a country code from ISO-3166 list".',
  },
  {
    id: 'localusers-reason-unchecked',
    description: 'localusers accept any integer as reason, not only 0-8.',
    source: '002 · Local users (/localusers/) · Supported fields: reason "One of 0 (manually disabled), [...] or 8".',
  },
  {
    id: 'localusers-expires-at-past-accepted',
    description: 'localusers accept an expires_at less than an hour ahead (or in the past).',
    source: '002 · Local users (/localusers/) · Supported fields: expires_at "Time must be at least an hour in the future".',
  },
  {
    id: 'localusers-token-type-optional',
    description: 'localusers accept token_auth true without a token_type.',
    source: '002 · Local users (/localusers/) · Supported fields: token_auth "If \'true\', token_type is required."',
  },
  {
    id: 'localusers-token-contact-unchecked',
    description: 'localusers accept token_type email/sms/dual without the email / mobile_number it sends to.',
    source: '002 · Local users (/localusers/) · Supported fields: token_type "If email is chosen, email is required. If sms is chosen, mobile_number is required. Both are required if dual is selected."',
  },
  {
    id: 'localusers-ftk-only-unchecked',
    description: 'localusers accept ftk_only without token_auth / an ftk or ftm token, and together with a password.',
    source: '002 · Local users (/localusers/) · Supported fields: ftk_only "token_auth must be true, and token_type must be either ftk or ftm [...] Mutually exclusive with password".',
  },
  {
    id: 'localusers-user-groups-empty',
    description: 'The user_groups field of local users is always empty: it does not reflect group memberships.',
    source: '002 · Local users (/localusers/) · Supported fields: user_groups "Local user groups that this user is a member of" (read only).',
  },
  {
    id: 'localusers-abridged-ignored',
    description: 'abridged=1 on /api/v1/localusers/ returns every field instead of the abridged set.',
    source: '002 · Local users (/localusers/) · Allowed filters: abridged ("returns [...] active, address, city, country, [...] username").',
  },
  // auth / realmauth (emulator/fac/models/auth.ts, realmauth.ts; lockout in emulator/fac/models/lockout.ts).
  {
    id: 'auth-wrong-password-400',
    description: 'POST /api/v1/auth/ with a wrong password (and no token code) answers 400 instead of 401.',
    source: '002 · Authentication (/auth/) · Response codes ("401 Unauthorized — User authentication failed").',
  },
  {
    id: 'auth-disabled-account-accepted',
    description: '/auth/ (and /realmauth/) accept the right password of a disabled or expired account.',
    source: '002 · Authentication (/auth/) · Response codes ("401 Unauthorized — Account is disabled").',
  },
  {
    id: 'auth-token-without-2fa-accepted',
    description: '/auth/ ignores a token_code sent for a user without two-factor authentication instead of failing.',
    source: '002 · Authentication (/auth/) · Behavior of the API: "If a user doesn\'t have two-factor authentication configured, validation for that user with any token_code will fail."',
  },
  {
    id: 'auth-token-before-password',
    description: '/auth/ with password and token_code checks the token first and, when it is right, accepts without checking the password.',
    source: '002 · Authentication (/auth/) · Behavior of the API: "If both are specified, password will be validated first, then token code."',
  },
  {
    id: 'auth-concatenated-refused',
    description: '/auth/ refuses password+token code concatenated in password with an empty token_code.',
    source: '002 · Authentication (/auth/) · Behavior of the API: "it is acceptable to concatenate both the user\'s password and token code in as the password value and provide an empty string as the token_code value."',
  },
  {
    id: 'auth-ftk-only-password-accepted',
    description: '/auth/ ignores the password of a FortiToken-only user, so any password is accepted.',
    source: '002 · Authentication (/auth/) · Behavior of the API: "If a user is configured with only FortiToken authentication [...] specifying any password will fail."',
  },
  {
    id: 'auth-neither-401',
    description: 'POST /api/v1/auth/ with neither password nor token_code answers 401 instead of 400.',
    source: '002 · Authentication (/auth/) · Behavior of the API: "Either password or token_code needs to be specified."',
  },
  {
    id: 'auth-lockout-not-enforced',
    description: 'Failed logins are not counted: the user lockout policy never locks an account out.',
    source: '002 · Authentication (/auth/): "User lockout policies [...] will be applied as configured"; 002 · User lockout policy (/userlockoutpolicy/) · Supported fields.',
  },
  {
    id: 'realmauth-password-change-200',
    description: 'POST /api/v1/realmauth/ for a user who must change the password answers 200 instead of 202.',
    source: '002 · Realm authentication (/realmauth/) · Response codes ("202 OK — User authenticated and password change required").',
  },
  {
    id: 'realmauth-realm-optional',
    description: 'POST /api/v1/realmauth/ without realm authenticates in the local realm instead of answering 400.',
    source: '002 · Realm authentication (/realmauth/) · Supported fields: realm (Required: Yes).',
  },
  // ssoauth (emulator/fac/models/ssoauth.ts).
  {
    id: 'ssoauth-logoff-refused',
    description: 'POST /api/v1/ssoauth/ with event 0 (logoff) answers 400: only logons are accepted.',
    source: '002 · SSO authentication (/ssoauth/) · Supported fields: event "1=Logon 0=Logoff".',
  },
  {
    id: 'ssoauth-ip-optional',
    description: 'POST /api/v1/ssoauth/ without user_ip and user_ipv6 answers 200 instead of 400.',
    source: '002 · SSO authentication (/ssoauth/) · Supported fields: "One of \'user_ip\' or \'user_ipv6\' is required".',
  },
  {
    id: 'ssoauth-same-ip-refused',
    description: 'A logon for an address another user is logged on from answers 400 instead of replacing that entry.',
    source: '002 · SSO authentication (/ssoauth/) · Overwrite FSSO user login with different user ("the existing entry will be overwritten").',
  },
  {
    id: 'ssoauth-groups-plus-refused',
    description: 'POST /api/v1/ssoauth/ refuses user_groups holding several "+"-separated groups (400).',
    source: '002 · SSO authentication (/ssoauth/) · Supported fields: user_groups "list of groups must be separated with "+" character".',
  },
  // fgtgroupfilter / ssogroup (emulator/fac/models/fgtgroupfilter.ts, ssogroup.ts; PUT status in dispatch.ts).
  {
    id: 'fgtgroupfilter-post-accepted',
    description: 'POST /api/v1/fgtgroupfilter/ creates a FortiGate filter (201) instead of 405.',
    source: '002 · FortiGate group filter (/fgtgroupfilter/): "POST is not an allowed method so FGTGroup filters cannot be created via the API".',
  },
  {
    id: 'fgtgroupfilter-put-200',
    description: 'PUT /api/v1/fgtgroupfilter/<id>/ answers 200 instead of 204.',
    source: '002 · FortiGate group filter (/fgtgroupfilter/) · Modify FortiGate group filter configuration (204 NO CONTENT).',
  },
  {
    id: 'ssogroup-name-length-unchecked',
    description: 'POST /api/v1/ssogroup/ accepts a name longer than 50 characters.',
    source: '002 · SSO/Remote groups (/ssogroup/) · Supported fields: name "max length=50, unique".',
  },
  // OAuth server and fabric (emulator/fac/models/oauth.ts, pushpoll.ts, fabric.ts).
  {
    id: 'oauth-password-grant-unchecked',
    description: 'The OAuth password grant issues tokens for a wrong password (users without a token).',
    source: '002 · OAuth server token (/oauth/token/) · Response codes ("401 Unauthorized — Invalid credentials").',
  },
  {
    id: 'oauth-verify-token-no-username',
    description: 'GET /api/v1/oauth/verify_token/ with a valid token answers 200 without the username.',
    source: '002 · OAuth server verify token (/oauth/verify_token/) · Response codes ("200 OK — Username is returned upon success").',
  },
  {
    id: 'oauth-revoke-token-noop',
    description: 'POST /api/v1/oauth/revoke_token/ answers 200 but the token stays valid.',
    source: '002 · OAuth server revoke token (/oauth/revoke_token/) ("Token was [...] successfully deleted").',
  },
  {
    id: 'oauth-push-challenge-200',
    description: 'The password grant of an FTM-push user answers the challenge with 200 instead of 406.',
    source: '002 · OAuth server token (/oauth/token/) · Response codes ("406 Not Acceptable — Challenge, method, status, and optional session").',
  },
  {
    id: 'pushpoll-never-pending',
    description: 'GET /api/v1/pushpoll/ answers "success" at once, never "pending" while the push awaits approval.',
    source: '002 · OAuth server token (/oauth/token/) · Check for FTM-PUSH approval ("Response if status is \'pending\'").',
  },
  {
    id: 'oauth-challenge-completion-refused',
    description: 'The token request completing an approved FTM push (session + challenge_response) answers 401.',
    source: '002 · OAuth server token (/oauth/token/) · "Use the successful push session code to get a token".',
  },
  {
    id: 'fabric-expires-in-nonzero',
    description: '/api/fabric/authenticate answers expires_in 3600 instead of 0.',
    source: '004 · Fabric authenticate (/fabric/authenticate) · Response ("expires_in": 0).',
  },
  {
    id: 'fabric-token-unusable',
    description: '/api/fabric/authenticate answers an access token that /api/fabric/device/status and the widgets refuse (401).',
    source: '002 · Fabric device status (/fabric/device/status): "It requires a valid Bearer token"; 004 · Fabric authenticate (/fabric/authenticate).',
  },
  // Settings singletons (emulator/fac/models/settings.ts).
  {
    id: 'settings-post-keeps-values',
    description: 'POST on a settings singleton keeps the previous values of unspecified fields instead of the defaults.',
    source: '002 · User lockout policy (/userlockoutpolicy/) and the other settings · Allowed methods: POST "Defaults are used if fields are unspecified".',
  },
  {
    id: 'settings-patch-resets-defaults',
    description: 'PATCH on a settings singleton resets unspecified fields to their defaults instead of keeping them.',
    source: '002 · FortiToken Mobile provisioning settings (and the other settings) · Allowed methods: PATCH "Previously saved settings are used if unspecified".',
  },
  {
    id: 'lockout-permanent-restores-period',
    description: 'Changing failed_login_lockout_permanent from true to false restores the earlier lockout period instead of the default.',
    source: '002 · User lockout policy (/userlockoutpolicy/) · Supported fields: failed_login_lockout_permanent "When set to "true", then later changed to "false", the lockout period is set to its default."',
  },
  {
    id: 'settings-enabled-strings-refused',
    description: '/api/v1/scheduledbackupsettings/ refuses "true", "false", "1" and "0" for enabled (only JSON booleans).',
    source: '002 · Scheduled backup settings (/scheduledbackupsettings/) · Supported fields: enabled "Either "true", "false", "1", or "0". The values can be strings or primitive booleans."',
  },
  {
    id: 'settings-cross-references-unchecked',
    description: 'logsettings backup_ftp / remote_syslog_servers and scheduledbackupsettings ftp / ftp_2 accept names of servers that do not exist.',
    source: '002 · Log settings (/logsettings/) · Supported fields: backup_ftp "Must be the name of an FTP server already known", remote_syslog_servers "Must be names of syslog servers known".',
  },
  // smtpservers / syslogservers / ftpservers.
  {
    id: 'smtpservers-duplicates-accepted',
    description: 'POST /api/v1/smtpservers/ accepts a name or address another SMTP server has.',
    source: '002 · Email servers (/smtpservers/) · Supported fields: name, address "Must be unique".',
  },
  {
    id: 'smtpservers-auth-credentials-optional',
    description: 'smtpservers accept authentication true without authentication_name / authentication_password.',
    source: '002 · Email servers (/smtpservers/) · Supported fields: authentication_name, authentication_password "Required if "authentication" is enabled".',
  },
  {
    id: 'smtpservers-many-defaults',
    description: 'Several SMTP servers can be default at once, and un-defaulting one leaves no default (no fallback to server 1).',
    source: '002 · Email servers (/smtpservers/) · Supported fields: default "Only one SMTP server can be the default [...] Setting to false will cause the server with ID 1 to become the default."',
  },
  {
    id: 'syslogservers-defaults-enums-unchecked',
    description: 'syslogservers store no port/level/facility when omitted and accept any level or facility text.',
    source: '002 · Syslog servers (/syslogservers/) · Supported fields: port default 514, level (default "information") and facility (default "user") enums.',
  },
  {
    id: 'ftpservers-anonymous-writable',
    description: 'ftpservers store a given anonymous value instead of ignoring the read-only field.',
    source: '002 · FTP servers (/ftpservers/) · Supported fields: anonymous "Read-only field".',
  },
  // usercerts / fortitokens / licences.
  {
    id: 'usercerts-revoke-reason-optional',
    description: 'PATCH /api/v1/usercerts/<id>/ revokes a certificate without a revocation_reason.',
    source: '002 · User certificate management (/usercerts/) · Supported fields: revocation_reason "Required: Yes, if revoking user certificate".',
  },
  {
    id: 'usercerts-unrevoke-any-reason',
    description: 'A certificate revoked for any reason can be un-revoked, not only one on "Certificate Hold".',
    source: '002 · User certificate management (/usercerts/) · Un-revoke: "If a user certificate was revoked with revocation_reason set to "Certificate Hold", it can be un-revoked".',
  },
  {
    id: 'fortitokens-next-missing',
    description: 'GET /api/v1/fortitokens/ pages carry next null even when more tokens match.',
    source: '002 · FortiTokens (/fortitokens/) · View subset of tokens (type=ftm&status=available&limit=1: one token and a next link).',
  },
  {
    id: 'licences-available-counts-status',
    description: '/api/v1/fortitokenmobilelicenses/ counts available_ftm as the FTM tokens with status "available", not total_ftm - used_ftm.',
    source: '002 · FTM licenses (/fortitokenmobilelicenses/) · Examples ({"available_ftm": 30, "total_ftm": 32, "used_ftm": 2}).',
  },
  // MAC, TACACS+, IAM (emulator/fac/models/mac.ts, tacplus.ts, iam.ts).
  {
    id: 'tacplus-lengths-unchecked',
    description: 'TACACS+ clients accept a name over 32, an address over 47 and a secret over 63 characters.',
    source: '002 · TACACS+ clients (/tacplusclients/) · Supported fields (Max length = 32 / 47 / 63).',
  },
  {
    id: 'iam-account-duplicates-accepted',
    description: '/api/v1/iamaccounts/ accepts a name or an alias another account has.',
    source: '002 · IAM accounts (/iamaccounts/) · Supported fields: name "Unique.", alias "Unique."',
  },
  {
    id: 'iam-localuser-and-ldapuser-accepted',
    description: '/api/v1/iamusers/ accepts localuser and ldapuser set together.',
    source: '002 · IAM users (/iamusers/) · Supported fields: localuser "must be null if ldapuser is set", ldapuser "must be null if localuser is set".',
  },
  // Issue 13 · local users, user groups, write answers, OAuth, fabric (one block, for merging).
  {
    id: 'usergroups-password-policy-not-defaulted',
    description: 'A user group created without password_policy gets none (password_policy null) instead of the default policy.',
    source: '002 · User groups (/usergroups/) · Supported fields: password_policy "Default is set if policy not specified."',
  },
  {
    id: 'localusers-next-token-not-assigned',
    description: 'A local user with token_auth and token_type ftm/ftk but no token_serial gets no token (token_serial stays blank).',
    source: '002 · Local users (/localusers/) · Supported fields: token_serial "If token_type is ftm, or ftk, and this is not present or blank, the next available token will be assigned."',
  },
  {
    id: 'localusers-ftm-act-method-contact-unchecked',
    description: 'A local user with an FTM token and ftm_act_method sms (or email) is accepted without a mobile_number (or email).',
    source: '002 · Local users (/localusers/) · Supported fields: ftm_act_method "If email is chosen, email is required. If sms is chosen, mobile_number is required."',
  },
  {
    id: 'localusers-ftk-only-off-email-optional',
    description: 'PATCH ftk_only false on a FortiToken-only user is accepted without an email (nowhere to send the new random password).',
    source: '002 · Local users (/localusers/) · Supported fields: ftk_only "If this field is changed to false, email must be set to reset user\'s password and send a new random password."',
  },
  {
    id: 'localusers-recovery-pair-unchecked',
    description: 'recovery_by_question true is accepted with only one of recovery_question and recovery_answer.',
    source: '002 · Local users (/localusers/) · Supported fields: recovery_question, recovery_answer "Required if recovery_by_question is true."',
  },
  {
    id: 'patch-202-empty-body',
    description: 'PATCH of a settings object (userlockoutpolicy, …) or a user certificate answers 202 with an empty body instead of the updated object.',
    source: '002 · General API response codes ("202 Accepted [...] the response body contains the newly updated resource"); 002 · User lockout policy · Examples; 002 · User certificate management (/usercerts/) · Revoke a user certificate.',
  },
  {
    id: 'oauth-confidential-secret-unchecked',
    description: '/api/v1/oauth/token/ issues a token to a confidential application without (or with a wrong) client_secret.',
    source: '002 · OAuth server token (/oauth/token/) · Supported fields: client_secret "If application client_type is \'confidential\'".',
  },
  {
    id: 'oauth-expiry-not-stated',
    description: '/api/v1/oauth/token/ answers expires_in 0 for an application whose access token expiry is not zero.',
    source: '002 · OAuth server token (/oauth/token/): "As long as the access token expiry of the application is not zero, these tokens can expire and can be refreshed."',
  },
  {
    id: 'fabric-same-token',
    description: '/api/fabric/authenticate answers an administrator the token it issued them last time instead of a new one.',
    source: '004 · Fabric authenticate (/fabric/authenticate) · Allowed methods · Note: "Authenticating will generate a new token."',
  },
  {
    id: 'external-ip-fqdn-port-unchecked',
    description: 'POST /api/v1/system/external_ip_fqdn/ takes a value whose port is not a number in 1-65535 (e.g. host:65536, host:https).',
    source: '002 · External IP/FQDN configuration (/system/external_ip_fqdn/) · Supported fields: value "IP or FQDN, port number is optional and defaults to 443."',
  },
  {
    id: 'licensing-valid-license-refused',
    description: 'POST /api/v1/licensing/ refuses a valid .lic file (400) instead of taking it and answering its details.',
    source: '002 · Licensing (/licensing/) · Examples (Response: expiry_date, ip, license, license_hash, success_message).',
  },
  {
    id: 'auth-no-session-cookie',
    description: '/api/v1/auth/ answers without the Set-Cookie: sessionid=…; httponly; Path=/ header its examples show.',
    source: '002 · Authentication (/auth/) · Validate a user password (Response: "Set-Cookie: sessionid=…; httponly; Path=/"), and its Error states examples.',
  },
  {
    id: 'xml-bodies-refused',
    description: 'A request body sent as application/xml is refused (400 "Request is not valid JSON.") instead of being read as XML.',
    source: '002 · Authentication (/auth/) ("in JSON format, but XML also possible"); 002 · SSO/Remote groups (/ssogroup/) · Create SSO group (XML query).',
  },
  // Issue 13 · authentication rules that need an operator-set-up user or unit state (emulator/fac/models/auth.ts,
  // realmauth.ts, pushauth.ts, lockout.ts; the states in emulator/fac/models/operator-states.ts).
  {
    id: 'auth-token-drift-ignored',
    description: '/auth/ (and /realmauth/) accept the current code of a hardware token that needs synchronisation instead of answering 401 "Token is out of sync".',
    source: '002 · Authentication (/auth/) · Response codes ("401 Unauthorized — Token is out of sync: The security token requires synchronization").',
  },
  {
    id: 'auth-ldap-password-validated',
    description: '/auth/ validates a remote (LDAP/RADIUS) user\'s password against its server and answers 200.',
    source: '002 · Authentication (/auth/): "Validation of remote (LDAP) user password is not supported. This is by design".',
  },
  {
    id: 'realmauth-remote-users-unknown',
    description: '/realmauth/ looks for users of an LDAP or RADIUS realm among the local users only (404 "User does not exist").',
    source: '002 · Realm authentication (/realmauth/): "This end-point is used to validate local, LDAP and RADIUS user credentials based on realm."',
  },
  {
    id: 'pushauth-rejected-200',
    description: '/pushauth/ answers 200 when the user rejects the push on the phone.',
    source: '002 · Push authentication (/pushauth/) · Response codes ("401 Unauthorized — User rejected the authentication request").',
  },
  {
    id: 'pushauth-refused-503',
    description: '/pushauth/ answers 503 instead of 500 when the push server refuses to send the notification.',
    source: '002 · Push authentication (/pushauth/) · Response codes ("500 Internal Server Error — Push server is refusing to send the push notification").',
  },
  {
    id: 'pushauth-unreachable-500',
    description: '/pushauth/ answers 500 instead of 503 when the push server cannot be reached.',
    source: '002 · Push authentication (/pushauth/) · Response codes ("503 Service Unavailable — Push server is unreachable").',
  },
  {
    id: 'pushauth-realm-optional',
    description: '/pushauth/ without realm for a username several users have pushes to the local user instead of answering 400.',
    source: '002 · Push authentication (/pushauth/) · Supported fields: realm "Required if more than one user matches the username field".',
  },
  {
    id: 'ssoauth-disabled-served',
    description: 'POST /api/v1/ssoauth/ is served (200) while the SSO web service is disabled, instead of 404.',
    source: '002 · SSO authentication (/ssoauth/) · Response codes ("404 Not Found — SSO web service is disabled").',
  },
  {
    id: 'ssoauth-fsso-failure-200',
    description: 'POST /api/v1/ssoauth/ answers 200 when the logon cannot be passed on to FSSO, instead of 500.',
    source: '002 · SSO authentication (/ssoauth/) · Response codes ("500 Internal Server Error — Failed to send logon/logoff request to FSSO").',
  },
  {
    id: 'lockout-period-never-ends',
    description: 'A lockout after too many failed logins never ends: the account stays locked out after failed_login_lockout_period.',
    source: '002 · User lockout policy · Supported fields: failed_login_lockout_period "Period of time (in seconds) the user account is lockout after reaching the maximum number of failed login attempts".',
  },
  {
    id: 'lockout-inactivity-not-enforced',
    description: 'The inactivity lockout is never applied: a user inactive for longer than inactivity_lockout_period days still authenticates.',
    source: '002 · User lockout policy · Supported fields: inactivity_lockout "Set to "true" to disable when inactive for the time period specified".',
  },
  {
    id: 'pushauthresp-validate-not-approving',
    description: 'POST /api/v1/pushauthresp/ with the valid token code answers 200 but leaves the push session pending.',
    source: '002 · Push authentication response (/pushauthresp/) · Allowed methods ("Validate the token code for the specified authentication session").',
  },
] as const satisfies readonly VariantSpec[];
