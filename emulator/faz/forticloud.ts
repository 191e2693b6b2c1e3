// FortiCloud's OAuth service, the token step before the FAZ Cloud login (001 step 2: "Obtain an
// access token from FortiCloud using your credentials"; facts · FortiCloud token step: password grant
// {username, password, client_id, grant_type: "password"} → access_token).
//
// FortiCloud's auth service answers at https://customerapiauth.fortinet.com/api/v1/oauth/token/
// (jpforcioli/github_howto_jsonrpc_api, Ansible's FortiAnalyzer collection docs) and public clients
// point to the FortiAuthenticator guide's "OAuth server token (/oauth/token/)" page for it: it is a
// FortiAuthenticator. So where the FAZ documents are silent this endpoint follows 002 · OAuth server
// token (Supported fields; Response codes 200 valid credentials / 401 invalid credentials; the Get
// token and Refresh a token examples) and facts · tastypie (400 {"error": "..."} for a malformed
// request, "Request is not valid JSON.").

import { TOKEN_LIFETIME_SECONDS, type AccessToken, type FazState } from './state.ts';
import { isObject, jsonReply, str, type Json, type Parsed, type Reply } from './types.ts';

const failure = (status: number, error: string): Reply => jsonReply(status, { error });

/** 002 · Get token example: access_token, expires_in, message, refresh_token, scope, status,
 * token_type. FortiCloud's own answer (jpforcioli how-to) has scope "read write" and a non-zero
 * expires_in. */
function tokenBody(t: AccessToken, message: string): Record<string, Json> {
  return {
    access_token: t.access,
    expires_in: TOKEN_LIFETIME_SECONDS,
    message,
    refresh_token: t.refresh,
    scope: 'read write',
    status: 'success',
    token_type: 'Bearer',
  };
}

export function tokenEndpoint(state: FazState, parsed: Parsed): Reply {
  // facts · tastypie: invalid JSON body → 400 {"error": "Request is not valid JSON."}
  if (!parsed.ok || !isObject(parsed.value)) return failure(400, 'Request is not valid JSON.');
  const data = parsed.value;
  // 002 · Supported fields: grant_type required.
  const grant = str(data.grant_type);
  if (grant === undefined) return failure(400, 'grant_type is required.');

  if (grant === 'password') {
    const username = str(data.username);
    const password = str(data.password);
    // 002 · username and password required "If grant_type is password".
    if (username === undefined || password === undefined) return failure(400, 'username and password are required for grant_type password.');
    // 002 · client_id required; reading: an id FortiCloud does not know is refused like bad credentials
    // (401), since the application is part of what the token is issued for.
    const clientId = str(data.client_id);
    if (clientId === undefined || !state.clients.has(clientId)) return failure(401, 'Invalid client');
    // 002 · 401 "Invalid credentials, or user improperly configured".
    const user = state.users.get(username);
    if (!user || user.password !== password) return failure(401, 'Invalid credentials');
    return jsonReply(200, tokenBody(state.issueToken(user.username, clientId), 'successfully authenticated'));
  }

  if (grant === 'refresh_token') {
    // 002 · Refresh a token: {"grant_type": "refresh_token", "refresh_token"} (the example sends no
    // client_id: reading = optional, checked when given).
    const refresh = str(data.refresh_token);
    if (refresh === undefined) return failure(400, 'refresh_token is required for grant_type refresh_token.');
    const clientId = str(data.client_id);
    if (clientId !== undefined && !state.clients.has(clientId)) return failure(401, 'Invalid client');
    const t = state.refresh(refresh, clientId);
    if (!t) return failure(401, 'Invalid token');
    return jsonReply(200, tokenBody(t, 'Token has been refreshed successfully'));
  }

  return failure(400, `Unsupported grant_type '${grant}'.`);
}
