/**
 * The FortiSIEM MCP service (000 · MCP Service, 7.5.1+): "AI agents can connect to
 * https://{Supervisor}/phoenix/mcp ... by using an API token obtained through the FortiSIEM GUI",
 * offering the tools 000 lists. The document says no more of the protocol; the reading is the public
 * Model Context Protocol over HTTP: a JSON-RPC 2.0 request POSTed to the endpoint, answered with a
 * JSON-RPC 2.0 object — `initialize` names the server, `tools/list` lists the tools (each with a
 * name, a description and an input schema), an unknown method is error -32601. The tools' own calls
 * are not documented and not emulated (`tools/call` answers an error result).
 */
import type { FsmVariantFlags } from './variants.ts';

/** 000 · MCP Service: the tools available to AI agents, as listed. */
export const MCP_TOOLS = [
  'append_incident_comment_by_id',
  'clear_incident_by_id',
  'get_context_by_entity',
  'get_incident_by_id',
  'get_incidents_by_entity',
  'get_iocs_by_incident_ids',
  'get_related_incidents_by_id',
  'get_top_10_risky_devices_incidents',
  'get_top_10_risky_users_incidents',
  'get_trigger_events_by_incident_id',
  'query_fsm_clickhouse',
  'query_fsm_clickhouse_prompts',
  'query_fsm_postgres',
  'query_fsm_postgres_prompts',
  'update_incident_resolution_by_id',
] as const;

export const MCP_PATH = '/phoenix/mcp';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const rpcError = (id: Json, code: number, message: string) => ({ jsonrpc: '2.0', id, error: { code, message } });

/** The JSON-RPC answer to one MCP request body (already authenticated by the caller). */
export function mcpAnswer(body: string, version: string, variants: FsmVariantFlags): Record<string, Json> {
  let request: unknown;
  try {
    request = JSON.parse(body);
  } catch {
    return rpcError(null, -32700, 'Parse error');
  }
  if (typeof request !== 'object' || request === null || Array.isArray(request)) return rpcError(null, -32600, 'Invalid Request');
  const { jsonrpc, id = null, method, params } = request as Record<string, Json>;
  // JSON-RPC 2.0 §4: "jsonrpc" exactly "2.0", "method" a String, "id" a String, Number or Null, and
  // "params", when sent, a structured value (MCP's are objects); else -32600 Invalid Request.
  const wellFormed = jsonrpc === '2.0' && typeof method === 'string' && (id === null || typeof id === 'string' || typeof id === 'number') && (params === undefined || (typeof params === 'object' && params !== null && !Array.isArray(params)));
  // variant fsm-mcp-invalid-request-answered: a malformed request with a known method is answered.
  if (!wellFormed && !(variants.has('fsm-mcp-invalid-request-answered') && typeof method === 'string')) return rpcError(typeof id === 'string' || typeof id === 'number' ? id : null, -32600, 'Invalid Request');
  switch (method) {
    case 'initialize':
      return { jsonrpc: '2.0', id, result: { protocolVersion: '2025-03-26', capabilities: { tools: {} }, serverInfo: { name: 'FortiSIEM', version } } };
    case 'tools/list': {
      // Variant: one documented tool (the last) is not offered.
      const tools = variants.has('fsm-mcp-tool-missing') ? MCP_TOOLS.slice(0, -1) : MCP_TOOLS;
      return { jsonrpc: '2.0', id, result: { tools: tools.map((name) => ({ name, description: name.replace(/_/g, ' '), inputSchema: { type: 'object' } })) } };
    }
    case 'tools/call':
      return { jsonrpc: '2.0', id, result: { isError: true, content: [{ type: 'text', text: 'The reference emulator does not run FortiSIEM MCP tools.' }] } };
    default:
      return rpcError(id, -32601, 'Method not found');
  }
}
