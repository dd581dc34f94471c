import path from 'node:path';
import type { Analysis } from '../../domain/analysis.js';
import type { Arg } from '../../shell/words.js';
import { consoleHold } from './facts.js';

/**
 * warden's own commands run by the agent: those that only read (log, doctor, classify, eval,
 * help) run; pairing, install/uninstall, rules and config, serving, and starting a console are a
 * person's.
 */
const READ_ONLY = new Set([
  'log',
  'doctor',
  'classify',
  'eval',
  'help',
  'hook',
  '--help',
  '-h',
  '--version',
  '-V',
]);

export function judgeWardenCli(args: readonly Arg[]): Analysis | undefined {
  const sub = args.find((a) => a.dynamic || !a.value.startsWith('-') || READ_ONLY.has(a.value));
  if (sub && !sub.dynamic && READ_ONLY.has(sub.value)) return undefined;
  if (!sub && args.length > 0 && args.every((a) => a.value === '--demo')) return undefined;
  const what = sub ? `warden ${sub.value}` : 'warden (a second console)';
  return consoleHold(
    'console-warden-command',
    `${what} changes how warden is set up or who can approve (pairing, hooks, rules, config, a listener); ask the user to run it`,
  );
}

/** `node path/to/warden.js …`, `node dist/cli.js` inside a warden checkout: the warden CLI by its script. */
export function isWardenScript(file: string): boolean {
  const base = path.basename(file);
  return base === 'warden' || base === 'warden.js' || base === 'warden.mjs';
}
