// Issue 5 · documented-behaviour scenarios: the emulator variant that breaks each scenario's rule
// (scenario ids: the shared catalogue; variants: emulator/variants.ts). The suite must fail the
// scenario on its variant and pass it on the faithful emulator.

export const SCENARIO_VARIANTS: Record<string, string> = {
  // Envelope & HTTP
  'post-201-location-empty': 'post-answers-body', // 201 + Location kept; only the body is wrong
  'patch-202': 'patch-answers-200',
  'put-204': 'put-answers-200', // every PUT but /fgtgroupfilter/ (fgtgroupfilter-put-204 has its own)
  'delete-204-gone': 'delete-detail-still-served', // 204 and gone from the list, detail still 200
  'root-lists-resources': 'root-omits-schema',
  // usergroups
  'usergroups-duplicate-name': 'usergroups-duplicate-name-accepted',
  'usergroups-patch-overwrites': 'usergroups-patch-appends', // appends non-empty lists; {"users": []} still clears
  'usergroups-patch-empty-clears': 'usergroups-patch-empty-ignored',
  'usergroups-delete-with-members': 'usergroups-delete-refuses-members',
  'usergroups-filter-unknown-empty': 'usergroups-filter-unknown-404',
  'usergroups-return-members': 'usergroups-return-members-ignored',
  // localusers
  'localusers-admins-not-listed': 'localusers-lists-admins',
  'localusers-password-or-email': 'localusers-password-or-email-unchecked',
  'localusers-username-rules': 'localusers-username-unchecked',
  'localusers-mobile-format': 'localusers-mobile-unchecked',
  'localusers-country-iso': 'localusers-country-unchecked',
  'localusers-reason-range': 'localusers-reason-unchecked',
  'localusers-expires-at': 'localusers-expires-at-past-accepted', // breaks the hour rule; "" still clears
  'localusers-token-auth-needs-type': 'localusers-token-type-optional',
  'localusers-token-type-contact': 'localusers-token-contact-unchecked',
  'localusers-ftk-only': 'localusers-ftk-only-unchecked',
  'localusers-user-groups-reflects': 'localusers-user-groups-empty',
  'localusers-verifyrecoveryanswer': 'verifyrecoveryanswer-wrong-202',
  'localusers-abridged': 'localusers-abridged-ignored',
  'localusers-returnseed-pskc': 'returnseed-plaintext',
  // auth / realmauth
  'auth-unknown-user-404': 'auth-unknown-user-401',
  'auth-wrong-password-401': 'auth-wrong-password-400', // password alone; with a token code it stays 401
  'auth-disabled-account-401': 'auth-disabled-account-accepted',
  'auth-token-without-2fa-401': 'auth-token-without-2fa-accepted',
  // token first: a right token accepts a wrong password; a user without 2FA answers "No token configured"
  'auth-password-before-token': 'auth-token-before-password',
  'auth-concatenated-password-token': 'auth-concatenated-refused',
  'auth-token-only-any-password-401': 'auth-ftk-only-password-accepted',
  'auth-neither-400': 'auth-neither-401',
  'auth-lockout': 'auth-lockout-not-enforced',
  'realmauth-password-change-202': 'realmauth-password-change-200',
  'realmauth-realm-required': 'realmauth-realm-optional',
  // ssoauth: the FSSO sessions are not visible through the API, so each variant refuses (400) what the rule accepts
  'ssoauth-logon-logoff': 'ssoauth-logoff-refused',
  'ssoauth-ip-required': 'ssoauth-ip-optional',
  'ssoauth-same-ip-replaces': 'ssoauth-same-ip-refused',
  'ssoauth-groups-plus-separated': 'ssoauth-groups-plus-refused',
  // fgtgroupfilter / ssogroup
  'fgtgroupfilter-post-refused': 'fgtgroupfilter-post-accepted',
  'fgtgroupfilter-put-204': 'fgtgroupfilter-put-200',
  'ssogroup-name-unique': 'ssogroup-name-not-unique',
  'ssogroup-name-50': 'ssogroup-name-length-unchecked',
  // OAuth server & fabric
  'oauth-password-grant': 'oauth-password-grant-unchecked', // a wrong password gets tokens
  'oauth-refresh-rotates': 'oauth-refresh-reuse',
  'oauth-verify-token': 'oauth-verify-token-no-username', // 401 for invalid tokens kept (oauth-revoke-token needs it)
  'oauth-revoke-token': 'oauth-revoke-token-noop',
  'oauth-push-challenge-406': 'oauth-push-challenge-200', // same body, session included
  'pushpoll-pending-then-success': 'pushpoll-never-pending',
  'oauth-challenge-completion': 'oauth-challenge-completion-refused',
  'fabric-expires-in-0': 'fabric-expires-in-nonzero',
  'fabric-bearer-usable': 'fabric-token-unusable',
  // Settings singletons
  'lockout-policy-ranges': 'lockout-range-unchecked', // max attempts only
  'settings-post-fills-defaults': 'settings-post-keeps-values',
  'settings-patch-keeps-values': 'settings-patch-resets-defaults',
  'lockout-permanent-resets-period': 'lockout-permanent-restores-period',
  'settings-enabled-strings': 'settings-enabled-strings-refused',
  'settings-cross-references': 'settings-cross-references-unchecked',
  // smtpservers / syslogservers / ftpservers
  'smtpservers-defaults': 'smtpservers-no-default-port', // port only; secure still defaults to none
  'smtpservers-unique': 'smtpservers-duplicates-accepted',
  'smtpservers-auth-credentials': 'smtpservers-auth-credentials-optional',
  'smtpservers-single-default': 'smtpservers-many-defaults',
  'syslogservers-defaults-enums': 'syslogservers-defaults-enums-unchecked',
  'ftpservers-anonymous-read-only': 'ftpservers-anonymous-writable',
  // usercerts / fortitokens / licences
  'usercerts-revoke-reason': 'usercerts-revoke-reason-optional',
  'usercerts-unrevoke-from-hold': 'usercerts-unrevoke-any-reason', // hold → active still works
  'fortitokens-available-ftm-page': 'fortitokens-next-missing',
  // available_ftm counts only status "available" (the seeded pending FTM token makes it differ)
  'licences-available-arithmetic': 'licences-available-counts-status',
  // MAC, TACACS+, IAM
  'mac-address-formats': 'macdevices-accepts-bad-mac',
  'mac-uniqueness': 'mac-duplicates-accepted',
  // The guide states lengths, not uniqueness, for TACACS+ clients (its cases check the lengths).
  'tacplus-rules': 'tacplus-lengths-unchecked',
  'iam-account-unique': 'iam-account-duplicates-accepted',
  'iam-localuser-xor-ldapuser': 'iam-localuser-and-ldapuser-accepted',
};

export const SCENARIOS_WITHOUT_VARIANT: Record<string, string> = {
  'ssoauth-service-disabled-404':
    'The emulator runs with the SSO web service enabled (the provided sso-web-service); a unit cannot hold both states, so the scenario is skipped, not killed.',
};
