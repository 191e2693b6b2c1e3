/**
 * The run's journal: every object the suite is about to create, and every setting it is about to
 * change, is written to disk BEFORE the request that does it, and marked done once it is undone.
 * A run that dies (Ctrl-C, crash, kill -9) leaves its journal behind; `forticonform cleanup` (and
 * the next run, first) reads it and deletes exactly those objects and writes those settings back.
 *
 * One JSON-lines file per process (`<run id>-<pid>.jsonl`) under the journal directory
 * (FORTICONFORM_JOURNAL_DIR, default `.forticonform/journal`), so parallel workers never interleave
 * lines. Entries never hold a secret: only the non-secret scalar fields of a body are kept, and
 * those pass through the redactor.
 */
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Product } from './config.ts';
import { isSecretField, redactValue } from './redact.ts';

export type JournalEntry =
  /** About to POST `collection`; `match` are the body's identifying fields to find it without an id. */
  | { op: 'create'; key: string; product: Product; target: string; collection: string; match: Record<string, string | number | boolean> }
  /** The creation was answered: the object's resource path. */
  | { op: 'created'; key: string; uri: string }
  /** About to change a setting: the values to write back. */
  | { op: 'change'; key: string; product: Product; target: string; path: string; values: Record<string, unknown> }
  /** Undone (deleted, restored, or the creation was refused so there is nothing to undo). */
  | { op: 'done'; key: string };

/** What is still to undo, folded from a journal's entries. */
export interface Pending {
  key: string;
  kind: 'object' | 'setting';
  product: Product;
  target: string;
  /** Object: its collection, its resource path when the creation was answered, and how to find it otherwise. */
  collection?: string;
  uri?: string;
  match?: Record<string, string | number | boolean>;
  /** Setting: where and what to write back. */
  path?: string;
  values?: Record<string, unknown>;
  file: string;
}

export function journalDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.FORTICONFORM_JOURNAL_DIR ?? path.join('.forticonform', 'journal'));
}

let counter = 0;

export class Journal {
  readonly file: string;

  constructor(dir: string, runId: string) {
    this.file = path.join(dir, `${runId}-${process.pid}.jsonl`);
    mkdirSync(dir, { recursive: true });
  }

  private write(entry: JournalEntry): void {
    // Synchronous: the line is with the kernel before the request leaves, so even kill -9 keeps it.
    appendFileSync(this.file, `${JSON.stringify(redactValue(entry))}\n`);
  }

  /** Records an intended creation; returns the key later entries refer to. */
  intendCreate(product: Product, target: string, collection: string, body: unknown): string {
    const key = `${process.pid}-${++counter}`;
    this.write({ op: 'create', key, product, target, collection, match: identifyingFields(body) });
    return key;
  }

  created(key: string, uri: string): void {
    this.write({ op: 'created', key, uri });
  }

  intendChange(product: Product, target: string, settingsPath: string, values: Record<string, unknown>): string {
    const key = `${process.pid}-${++counter}`;
    this.write({ op: 'change', key, product, target, path: settingsPath, values });
    return key;
  }

  done(key: string): void {
    this.write({ op: 'done', key });
  }
}

/** The non-secret scalar fields of a create body: what identifies the object when no id came back. */
export function identifyingFields(body: unknown): Record<string, string | number | boolean> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(body)) {
    if (isSecretField(k)) continue;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
  }
  return out;
}

let processJournal: Journal | null | undefined;

/** This process's journal, or null when journaling is off (FORTICONFORM_JOURNAL=off, for our own unit tests). */
export function currentJournal(env: NodeJS.ProcessEnv = process.env): Journal | null {
  if (processJournal === undefined) {
    // The embedded emulators live and die with the run: nothing of theirs can be left behind.
    const off = env.FORTICONFORM_JOURNAL === 'off' || env.FORTICONFORM_EMBEDDED === '1';
    processJournal = off ? null : new Journal(journalDir(env), env.FORTICONFORM_RUN_ID ?? 'adhoc');
  }
  return processJournal;
}

/** Every undo step still pending in the journal directory, oldest first. Unreadable lines are skipped. */
export function readPending(dir: string): Pending[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort();
  } catch {
    return [];
  }
  const pending = new Map<string, Pending>();
  for (const name of files) {
    const file = path.join(dir, name);
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      let entry: JournalEntry;
      try {
        entry = JSON.parse(line) as JournalEntry;
      } catch {
        continue; // a line cut short by a kill
      }
      const id = `${name}:${entry.key}`;
      if (entry.op === 'create') pending.set(id, { key: entry.key, kind: 'object', product: entry.product, target: entry.target, collection: entry.collection, match: entry.match, file });
      else if (entry.op === 'created') {
        const p = pending.get(id);
        if (p) p.uri = entry.uri;
      } else if (entry.op === 'change') pending.set(id, { key: entry.key, kind: 'setting', product: entry.product, target: entry.target, path: entry.path, values: entry.values, file });
      else if (entry.op === 'done') pending.delete(id);
    }
  }
  return [...pending.values()];
}

/** Deletes this run's journal files that hold nothing left to undo (end of a run). */
export function compactJournal(dir: string, runId: string): Pending[] {
  const mine = readPending(dir).filter((p) => path.basename(p.file).startsWith(`${runId}-`));
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.startsWith(`${runId}-`) && f.endsWith('.jsonl'));
  } catch {
    return mine;
  }
  const left = new Set(mine.map((p) => p.file));
  for (const name of files) if (!left.has(path.join(dir, name))) rmSync(path.join(dir, name), { force: true });
  return mine;
}

/** Rewrites the journal directory to hold only `remaining` (deleting files with nothing left). */
export function rewriteJournal(dir: string, remaining: Pending[]): void {
  const byFile = new Map<string, Pending[]>();
  for (const p of remaining) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).map((f) => path.join(dir, f));
  } catch {
    return;
  }
  for (const file of files) {
    const left = byFile.get(file);
    if (!left) {
      rmSync(file, { force: true });
      continue;
    }
    const lines = left.flatMap((p): JournalEntry[] =>
      p.kind === 'object'
        ? [{ op: 'create', key: p.key, product: p.product, target: p.target, collection: p.collection!, match: p.match ?? {} }, ...(p.uri ? [{ op: 'created' as const, key: p.key, uri: p.uri }] : [])]
        : [{ op: 'change', key: p.key, product: p.product, target: p.target, path: p.path!, values: p.values ?? {} }],
    );
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  }
}
