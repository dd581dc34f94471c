import { startWarden } from '../app.js';
import type { ModeName } from '../domain/mode.js';
import type { Runtime } from './runtime.js';

export interface ConsoleOptions {
  readonly mode: ModeName;
  readonly port: number;
  readonly demo: boolean;
}

/** PLACEHOLDER until the Ink console lands: runs the broker and waits, printing decisions. */
export async function runConsole(runtime: Runtime, options: ConsoleOptions): Promise<number> {
  const warden = await startWarden({
    home: runtime.home,
    env: runtime.env,
    analyzer: runtime.analyzer,
    classifier: runtime.classifier,
    mode: options.mode,
    port: options.port,
    loadRules: () => runtime.loadRules(),
  });
  process.stdout.write(`warden: listening on ${warden.server.url}\n`);
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  await warden.close();
  return 0;
}
