import type { Action } from '../domain/action.js';
import type { Rule, RuleEffect, RuleScope } from '../domain/rule.js';

/** A rule the person confirmed in the rule editor. */
export interface RuleProposal {
  readonly effect: RuleEffect;
  readonly text: string;
  readonly scope: RuleScope;
}

/**
 * Everything the console needs from outside the store: rule suggestion and matching, writing
 * rule files, reading files for diffs, quitting, attention switches. The lead wires the real
 * implementations; tests and the demo pass simple ones.
 */
export interface ConsoleDeps {
  /** A rule that covers the action, e.g. `Bash(git push --force *)`, `Edit(src/**)`. */
  suggestRule(action: Action): string;
  /** Whether the rule text covers the action (used by `s`: approve every held one like it). */
  ruleCovers(ruleText: string, action: Action): boolean;
  /**
   * Write a project/user rule to its file and put it in force (e.g. reload the files into the
   * store with setFileRules). Session rules never reach here: the console adds them to the store.
   * Resolves to an error text for the person, or undefined when it worked.
   */
  addRule(proposal: RuleProposal): Promise<string | undefined>;
  /** Remove a rule read from a file (session rules are removed in the store). Error text or undefined. */
  removeRule(rule: Rule): Promise<string | undefined>;
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
