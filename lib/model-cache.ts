/**
 * The API model loaded once per run, not once per process: loading and dereferencing `openapi/`
 * and deriving the negative cases takes about a second of CPU, and a run used to pay it in the CLI,
 * the Playwright runner (test collection, then again in global set-up) and every worker, most of
 * it before the first request. The first process that loads it writes it (v8's structured clone,
 * which keeps the shared schema objects shared) to the file FORTICONFORM_MODEL_CACHE names; the
 * others read it back in a few tens of milliseconds. The file lives for one run only, so an edited
 * document is always read afresh by the next run.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import type { ApiModel } from './api-model.ts';
import { loadApiModel } from './openapi.ts';

export const MODEL_CACHE_ENV = 'FORTICONFORM_MODEL_CACHE';

/**
 * Names this run's cache file, unless the environment already names one (a worker, or a run the
 * CLI started). The process that names it removes it when it exits, however the run ends.
 */
export function useModelCache(env: NodeJS.ProcessEnv = process.env): string {
  if (!env[MODEL_CACHE_ENV]) {
    const file = path.join(tmpdir(), `forticonform-model-${process.pid}-${randomBytes(4).toString('hex')}.bin`);
    env[MODEL_CACHE_ENV] = file;
    process.on('exit', () => rmSync(file, { force: true }));
  }
  return env[MODEL_CACHE_ENV];
}

/** The run's API model: from the cache file when one was written, else loaded (and written for the others). */
export async function runApiModel(env: NodeJS.ProcessEnv = process.env): Promise<ApiModel> {
  const file = env[MODEL_CACHE_ENV];
  if (file) {
    try {
      return v8.deserialize(readFileSync(file)) as ApiModel;
    } catch {
      // Not written yet (or unreadable): load it as without a cache.
    }
  }
  const model = await loadApiModel();
  if (file) {
    try {
      // Whole or not at all: another process may be reading.
      const partial = `${file}.${process.pid}.tmp`;
      writeFileSync(partial, v8.serialize(model));
      renameSync(partial, file);
    } catch {
      // A cache that cannot be written only costs time.
    }
  }
  return model;
}

