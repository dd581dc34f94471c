import { startWarden } from '../app.js';
import { claudeCodePlanNote } from '../classifier/backends/plan-note.js';
import type { ModeName } from '../domain/mode.js';
import { formatDecisionLine } from './format.js';
import { type Runtime, wardenOptions } from './runtime.js';

export interface ServeOptions {
  readonly mode: ModeName;
  readonly onHold: 'ask' | 'deny';
  readonly port: number;
}

/** `warden serve`: the broker and endpoint without the TUI, for CI and scripts. Runs until a signal. */
export async function serve(
  runtime: Runtime,
  options: ServeOptions,
  out: NodeJS.WritableStream,
): Promise<number> {
  const warden = await startWarden({
    ...wardenOptions(runtime, options.mode, options.port),
    onHold: options.onHold,
    onDecision: (record, answer) => out.write(`${formatDecisionLine(record, answer)}\n`),
  });
  for (const error of warden.store.getState().ruleErrors) out.write(`warden: rules: ${error}\n`);
  out.write(`warden: classifier: ${runtime.classifier.describe()}\n`);
  const planNote = claudeCodePlanNote(runtime.classifier);
  if (planNote) out.write(`warden: ${planNote}\n`);
  out.write(
    `warden serve: listening on ${warden.server.url}/hook/claude-code/PreToolUse (mode ${options.mode}, held actions answered ${options.onHold})\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await warden.close('warden serve stopped');
  return 0;
}
