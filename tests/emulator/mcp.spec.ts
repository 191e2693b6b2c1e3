/**
 * The FortiSIEM emulator's MCP service (000 · MCP Service, 7.5.1+), read as the public Model Context
 * Protocol over HTTP: JSON-RPC 2.0 POSTed to /phoenix/mcp with an API token.
 */
import { expect, test } from '@playwright/test';
import { MCP_TOOLS, mcpAnswer } from '../../emulator/fsm/mcp.ts';
import { resolveFsmVariants } from '../../emulator/fsm/variants.ts';

const faithful = resolveFsmVariants([]);
const ask = (body: unknown, variants = faithful) => mcpAnswer(typeof body === 'string' ? body : JSON.stringify(body), '7.5.1', variants);

test('tools/list lists exactly the 15 tools 000 names; the variant drops one', () => {
  const names = (answer: Record<string, unknown>) => ((answer.result as { tools: Array<{ name: string }> }).tools).map((t) => t.name);
  expect(names(ask({ jsonrpc: '2.0', id: 1, method: 'tools/list' }))).toEqual([...MCP_TOOLS]);
  expect(MCP_TOOLS).toHaveLength(15);
  expect(names(ask({ jsonrpc: '2.0', id: 1, method: 'tools/list' }, resolveFsmVariants(['fsm-mcp-tool-missing'])))).toHaveLength(14);
});

test('initialize names the server and echoes the id; JSON-RPC errors for bad input', () => {
  expect(ask({ jsonrpc: '2.0', id: 'a', method: 'initialize', params: {} })).toMatchObject({ jsonrpc: '2.0', id: 'a', result: { serverInfo: { name: 'FortiSIEM', version: '7.5.1' } } });
  expect(ask('{not json')).toMatchObject({ error: { code: -32700 } });
  expect(ask([1, 2])).toMatchObject({ error: { code: -32600 } });
  expect(ask({ jsonrpc: '1.0', id: 3, method: 'tools/list' })).toMatchObject({ id: 3, error: { code: -32600 } });
  expect(ask({ jsonrpc: '2.0', id: 4, method: 'nope' })).toMatchObject({ id: 4, error: { code: -32601 } });
});
