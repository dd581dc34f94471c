import type { RuleDeps, RuleProposal } from './commands/types.js';

export type { RuleProposal };

/**
 * Everything the console needs from outside the store: the commands' rule deps (suggestion,
 * matching, rule files), reading files for diffs, quitting, attention switches. The lead wires
 * the real implementations; tests and the demo pass simple ones.
 */
export interface ConsoleDeps extends RuleDeps {
  /** The file's current text for a Write/Edit diff; undefined when it does not exist or cannot be read. */
  readFileForDiff(path: string): string | undefined;
  /** Called once when the person quits (after held actions were answered `ask`). */
  onQuit(): void;
  /** Ring the terminal bell when something new is held (default true). */
  readonly bell?: boolean;
  /** OSC 9 desktop notification when something new is held (default true). */
  readonly notify?: boolean;
  /** Held count in the terminal title (default true). */
  readonly title?: boolean;
}
