import { startWarden } from '../app.js';
import { claudeCodePlanNote } from '../classifier/backends/plan-note.js';
import type { ModeName } from '../domain/mode.js';
import { formatDecisionLine } from './format.js';
import { type Runtime, wardenOptions } from './runtime.js';

export interface ServeOptions {
  readonly mode: ModeName;
  /** wait: held actions wait for a person on the approval page (answered ask before the hook times out). */
  readonly onHold: 'ask' | 'deny' | 'wait';
  readonly port: number;
  /** The approval page's address beyond loopback. */
  readonly listen?: string;
}

/** `warden serve`: the broker and endpoint without the TUI, for CI and scripts. Runs until a signal. */
export async function serve(
  runtime: Runtime,
  options: ServeOptions,
  out: NodeJS.WritableStream,
): Promise<number> {
  const warden = await startWarden({
    ...wardenOptions(runtime, options.mode, options.port, options.listen),
    ...(options.onHold !== 'wait' && { onHold: options.onHold }),
    onDecision: (record, answer) => out.write(`${formatDecisionLine(record, answer)}\n`),
  });
  for (const error of warden.store.getState().ruleErrors) out.write(`warden: rules: ${error}\n`);
  out.write(`warden: classifier: ${runtime.classifier.describe()}\n`);
  const planNote = claudeCodePlanNote(runtime.classifier);
  if (planNote) out.write(`warden: ${planNote}\n`);
  out.write(
    `warden serve: listening on ${warden.server.url}/hook/claude-code/PreToolUse (mode ${options.mode}, held actions ${options.onHold === 'wait' ? 'wait for the approval page' : `answered ${options.onHold}`})\n`,
  );
  if (warden.web) {
    out.write(`warden serve: approval page ${warden.web.page.url} (pair a browser: warden pair)\n`);
    for (const alert of warden.web.status.getState().alerts) out.write(`warden: ${alert}\n`);
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await warden.close('warden serve stopped');
  return 0;
}
