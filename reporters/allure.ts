/**
 * allure-playwright as it is, except how its files reach the disk: its FileSystemWriter fsyncs every
 * result and attachment on the runner's thread (about 10 ms each here: 20 s of a one-minute run),
 * and while it waits no worker is handed its next test. This writer writes the same files, under the
 * same names, without the fsync (a run that dies loses its results either way).
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Suite } from '@playwright/test/reporter';
import { AllureReporter } from 'allure-playwright';

type Writer = {
  writeResult(result: { uuid: string }): void;
  writeGroup(result: { uuid: string }): void;
  writeAttachment(distFileName: string, content: Buffer): void;
  writeAttachmentFromPath(distFileName: string, from: string): void;
};

export default class Allure extends AllureReporter {
  private readonly resultsDir: string;

  constructor(options: { resultsDir?: string; [key: string]: unknown } = {}) {
    super(options);
    this.resultsDir = options.resultsDir ?? './allure-results';
  }

  override onBegin(suite: Suite): void {
    super.onBegin(suite);
    const runtime = (this as unknown as { allureRuntime: { writer: Writer } }).allureRuntime;
    const original = runtime.writer;
    const dir = this.resultsDir;
    mkdirSync(dir, { recursive: true });
    const file = (name: string) => path.join(dir, name);
    // The hot paths (one result and its attachments per test); the rest stay allure's own.
    runtime.writer = Object.assign(Object.create(original) as Writer, {
      writeResult: (result: { uuid: string }) => writeFileSync(file(`${result.uuid}-result.json`), JSON.stringify(result)),
      writeGroup: (result: { uuid: string }) => writeFileSync(file(`${result.uuid}-container.json`), JSON.stringify(result)),
      writeAttachment: (name: string, content: Buffer) => writeFileSync(file(name), content),
      writeAttachmentFromPath: (name: string, from: string) => copyFileSync(from, file(name)),
    });
  }
}
