/**
 * `forticonform run` starts the Playwright runner while its own preflight (loading the documents,
 * probing each target, undoing an interrupted run's journal) is still running: the runner's
 * start-up takes most of a second, and so does the preflight. The runner waits here, as it loads
 * its configuration (playwright.config.ts) — before it clears its output directory, starts a
 * reporter or sends a request — until the CLI says the preflight passed; a preflight that fails
 * stops the runner there (cli/main.ts), so a refused key loses nothing of the last run's reports.
 * A runner started any other way (`npx playwright test`) and the workers (which load the same
 * configuration, and whose parent is the runner) do not wait.
 */
export const PREFLIGHT_GATE_ENV = 'FORTICONFORM_PREFLIGHT_GATE';
/** The runner to the CLI: I am at the gate (a message sent before the runner listens would be lost). */
export const AT_THE_GATE = 'at-the-gate';
/** The CLI to the runner: go. */
export const PREFLIGHT_PASSED = 'preflight-passed';

/** Resolves once the CLI that started this process says its preflight passed (at once when none did). */
export async function preflightPassed(proc: NodeJS.Process = process): Promise<void> {
  // TEST_WORKER_INDEX: set by Playwright in every worker.
  if (proc.env[PREFLIGHT_GATE_ENV] !== '1' || proc.env.TEST_WORKER_INDEX !== undefined || !proc.send) return;
  await new Promise<void>((resolve) => {
    const onMessage = (message: unknown) => {
      if (message !== PREFLIGHT_PASSED) return;
      proc.off('message', onMessage);
      proc.off('disconnect', onDisconnect);
      resolve();
    };
    // The CLI is gone before saying so: nothing may be sent on its behalf.
    const onDisconnect = () => proc.exit(1);
    proc.on('message', onMessage);
    proc.once('disconnect', onDisconnect);
    proc.send!(AT_THE_GATE);
  });
  // The channel has done its work: it must not keep the runner alive at the end.
  proc.channel?.unref();
}
