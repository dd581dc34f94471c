import { startWarden } from '../app.js';
import { claudeCodePlanNote } from '../classifier/backends/plan-note.js';
import type { ModeName } from '../domain/mode.js';
import { renderConsole } from '../ui/render-console.js';
import { consoleDeps } from './console-deps.js';
import { type Runtime, wardenOptions } from './runtime.js';

export interface ConsoleOptions {
  readonly mode: ModeName;
  readonly port: number;
  readonly demo: boolean;
  /** The approval page's address beyond loopback. */
  readonly listen?: string;
}

/** `warden`: the broker and endpoint in-process, and the Ink console on this terminal. */
export async function runConsole(runtime: Runtime, options: ConsoleOptions): Promise<number> {
  if (options.demo) {
    const { startDemoConsole } = await import('../demo/start-demo.js');
    const demo = startDemoConsole({ delayMs: 700 });
    await demo.instance.waitUntilExit();
    return 0;
  }
  if (!process.stdin.isTTY) {
    process.stderr.write('warden: the console needs a terminal; use `warden serve` for scripts and CI\n');
    return 2;
  }
  let warden: Awaited<ReturnType<typeof startWarden>>;
  try {
    warden = await startWarden(wardenOptions(runtime, options.mode, options.port, options.listen));
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') {
      process.stderr.write(
        `warden: port ${options.port} is in use (is another warden running? \`warden doctor\` tells); start with --port N and reinstall the hooks\n`,
      );
      return 1;
    }
    throw error;
  }
  if (runtime.configError) warden.store.getState().warn(runtime.configError);
  const planNote = claudeCodePlanNote(runtime.classifier);
  if (planNote) warden.store.getState().warn(planNote);
  let instance: ReturnType<typeof renderConsole> | undefined;
  const deps = consoleDeps(runtime, warden, runtime.config, () => instance?.unmount());
  instance = renderConsole(warden.store, deps);
  // A signal is a quit too: held actions are answered ask before the process goes.
  const stop = () => instance?.unmount();
  process.once('SIGTERM', stop);
  process.once('SIGHUP', stop);
  await instance.waitUntilExit();
  await warden.close('the warden console quit; the agent decides with its own prompt');
  return 0;
}
