/**
 * Undoes what an interrupted run left behind, from its journal (lib/journal.ts): deletes exactly
 * the objects it created and writes back the settings it changed — on the configured targets only,
 * and never anything the journal does not name. Used by `forticonform cleanup` and at the start of
 * every run.
 */
import path from 'node:path';
import type { Product, Target } from './config.ts';
import { ApiClient, parseJson, TransportError } from './http.ts';
import { type Pending, readPending, rewriteJournal } from './journal.ts';

export interface CleanupResult {
  deleted: number;
  restored: number;
  /** Steps whose object turned out to be gone already, or whose creation never happened. */
  nothingToDo: number;
  /** Steps kept in the journal, each with why. */
  kept: string[];
}

/** Pages read at most when a target refuses the filter that would find an object directly. */
const MAX_SCAN_PAGES = 20;

type ListAnswer = { objects?: Array<Record<string, unknown>>; meta?: { next?: string | null } };

/**
 * Objects of `collection` carrying the run-unique value `field` has in `match`, and every other
 * field of `match` they show. Only a run-unique value identifies an object safely: without one the
 * step is never guessed at.
 */
async function findByFields(client: ApiClient, collection: string, match: Record<string, string | number | boolean>, field: string): Promise<string[] | 'not-a-list'> {
  const matches = (o: Record<string, unknown>) => o[field] === match[field] && Object.entries(match).every(([k, v]) => !(k in o) || o[k] === v);
  // Filter on the unique field (exact lookup) first; scan the list if the target refuses that filter.
  const queries: Array<Record<string, string | number>> = [{ [field]: String(match[field]), limit: 1000 }, { limit: 1000 }];
  for (const query of queries) {
    const found: string[] = [];
    let offset = 0;
    for (let page = 0; page < MAX_SCAN_PAGES; page += 1) {
      const response = await client.send({ method: 'GET', path: collection, query: { ...query, offset } });
      if (response.status === 404 || response.status === 405) return 'not-a-list';
      const body = parseJson(response.text) as ListAnswer | undefined;
      if (response.status !== 200 || !Array.isArray(body?.objects)) break;
      for (const o of body.objects) if (matches(o) && typeof o.resource_uri === 'string') found.push(o.resource_uri);
      if (!body.meta?.next || body.objects.length === 0) return found;
      offset += body.objects.length;
    }
    if (found.length > 0) return found;
  }
  return [];
}

async function undo(client: ApiClient, step: Pending): Promise<'deleted' | 'restored' | 'nothing' | string> {
  if (step.kind === 'setting') {
    const response = await client.send({ method: 'PATCH', path: step.path!, body: step.values ?? {} });
    return response.status < 300 ? 'restored' : `PATCH ${step.path} answered ${response.status}`;
  }
  const runId = path.basename(step.file).replace(/-\d+\.jsonl$/, '');
  const unique = Object.entries(step.match ?? {}).find(([, v]) => typeof v === 'string' && v.toLowerCase().includes(runId.toLowerCase()))?.[0];
  if (!step.uri) {
    // A POST that creates nothing listable (an authentication, a token request) left nothing behind.
    const probe = await client.send({ method: 'GET', path: step.collection!, query: { limit: 1 } });
    if (probe.status === 404 || probe.status === 405) return 'nothing';
  }
  if (!step.uri && !unique) return `${step.collection}: no id was answered and no run-unique field identifies the object, so it is not guessed at`;
  const uris = step.uri ? [step.uri] : await findByFields(client, step.collection!, step.match ?? {}, unique!);
  if (uris === 'not-a-list') return 'nothing'; // a POST that creates nothing listable (an authentication, a token)
  if (uris.length === 0) return 'nothing';
  let deleted = false;
  for (const uri of uris) {
    const response = await client.send({ method: 'DELETE', path: uri });
    if (response.status === 404) continue;
    if (response.status >= 300) return `DELETE ${uri} answered ${response.status}`;
    deleted = true;
  }
  return deleted ? 'deleted' : 'nothing';
}

/** Undoes every pending step of the journal in `dir` on the given targets; keeps what it could not undo. */
export async function cleanupJournal(dir: string, targets: Partial<Record<Product, Target>>): Promise<CleanupResult> {
  const result: CleanupResult = { deleted: 0, restored: 0, nothingToDo: 0, kept: [] };
  const pending = readPending(dir);
  if (pending.length === 0) return result;
  const remaining: Pending[] = [];
  const clients = new Map<Product, ApiClient>();
  try {
    // Newest first, like a run's own cleanup: a membership goes before its group.
    for (const step of [...pending].reverse()) {
      const target = targets[step.product];
      if (!target || target.url !== step.target) {
        remaining.push(step);
        result.kept.push(`${step.uri ?? step.collection ?? step.path} on ${step.target}: that target is not configured in this run`);
        continue;
      }
      let client = clients.get(step.product);
      if (!client) clients.set(step.product, (client = new ApiClient(target, { timeoutMs: 15_000, maxInFlight: 1 })));
      try {
        const outcome = await undo(client, step);
        if (outcome === 'deleted') result.deleted += 1;
        else if (outcome === 'restored') result.restored += 1;
        else if (outcome === 'nothing') result.nothingToDo += 1;
        else {
          remaining.push(step);
          result.kept.push(outcome);
        }
      } catch (error) {
        if (!(error instanceof TransportError)) throw error;
        remaining.push(step);
        result.kept.push(`${step.uri ?? step.collection ?? step.path}: ${error.message}`);
      }
    }
  } finally {
    rewriteJournal(dir, remaining.reverse());
    await Promise.all([...clients.values()].map((c) => c.close()));
  }
  return result;
}

export function describeCleanup(result: CleanupResult): string {
  const head = `cleanup: ${result.deleted} object(s) deleted, ${result.restored} setting(s) restored, ${result.nothingToDo} already gone`;
  if (result.kept.length === 0) return head;
  // Many steps share one reason (a target not configured in this run): each reason once, counted.
  const reasons = new Map<string, number>();
  for (const reason of result.kept) {
    const key = reason.replace(/^\S+ on (\S+): that target/, 'steps on $1: that target');
    reasons.set(key, (reasons.get(key) ?? 0) + 1);
  }
  const listed = [...reasons].slice(0, 4).map(([reason, n]) => (n > 1 ? `${n}× ${reason}` : reason));
  return `${head}; ${result.kept.length} kept in the journal: ${listed.join('; ')}${reasons.size > 4 ? '; …' : ''}`;
}
