import type { Action } from '../../domain/action.js';
import type { Rule, RuleEffect, RuleScope } from '../../domain/rule.js';
import type { PreviewDeps } from '../../rules-preview/source.js';
import type { WardenState, WardenStore } from '../../store/create-store.js';
import type { UiData, UiStore } from '../console/ui-state.js';
import type { KeyChord } from '../keymap.js';

/** Where a command's keys apply: the main screen or one of the views. */
export type KeyContext = 'main' | 'text' | 'confirm' | 'help' | 'rules' | 'rule-editor' | 'pair';

/** A rule the person confirmed (in the rule editor, or a page's form). */
export interface RuleProposal {
  readonly effect: RuleEffect;
  readonly text: string;
  readonly scope: RuleScope;
}

/** What commands need from outside the stores: rule suggestion, matching and rule files. */
export interface RuleDeps {
  /** A rule that covers the action, e.g. `Bash(git push --force *)`, `Edit(src/**)`. */
  suggestRule(action: Action): string;
  /**
   * The rules the action suggests, narrowest first, and the one to propose (the editor's ↑/↓
   * step through them). Without it the editor offers suggestRule's one.
   */
  ruleChoices?(action: Action): { readonly choices: readonly string[]; readonly initial: number };
  /** Whether the rule text covers the action (used by `s`: approve every held one like it). */
  ruleCovers(ruleText: string, action: Action): boolean;
  /**
   * Write a project/user rule to its file and put it in force (e.g. reload the files into the
   * store with setFileRules). Session rules never reach here: commands add them to the store.
   * Resolves to an error text for the person, or undefined when it worked.
   */
  addRule(proposal: RuleProposal): Promise<string | undefined>;
  /** Remove a rule read from a file (session rules are removed in the store). Error text or undefined. */
  removeRule(rule: Rule): Promise<string | undefined>;
  /** What the rule editor's preview and the offered rule's safety check need (the analyzer, the audit log). */
  readonly preview?: PreviewDeps;
  /** Approvals sharing a proposed rule before it is offered for the session (default 3; 0: never). */
  readonly offerRuleAfter?: number;
}

/** What only the terminal console can do. */
export interface TerminalPort {
  /** Leave the console (held actions were answered `ask` before this is called). */
  quit(): void;
  /**
   * The approval page's pairing: only the person at the terminal shows codes and answers y/n
   * (the page itself can never pair a browser).
   */
  readonly web?: import('../deps.js').WebConsole;
}

/**
 * Who runs a command: the warden store and the rule deps always; the console's view store when
 * the caller shows views (the terminal); the terminal itself only in the terminal. A web page
 * runs the same commands by id with `{ store, deps }` and args instead of views.
 */
export interface CommandContext {
  readonly store: WardenStore;
  readonly deps: RuleDeps;
  readonly ui?: UiStore;
  readonly terminal?: TerminalPort;
}

/** Arguments a caller without views passes instead of a cursor, marks or a prompt. */
export interface CommandArgs {
  /** Act on these held actions instead of the marked/cursor ones (approve, deny, approve.similar). */
  readonly ids?: readonly string[];
  /** The deny reason for the agent (no reason prompt opens when given). */
  readonly reason?: string;
  /** The rule to put in force (rule.add). */
  readonly rule?: RuleProposal;
}

/** What `disabled` reads. */
export interface CommandState {
  readonly warden: WardenState;
  /** Absent for callers without views. */
  readonly ui: UiData | undefined;
  readonly args: CommandArgs;
}

/** What `run` gets: the caller's context, the args, and `say` for the one-line result message. */
export interface RunContext extends CommandContext {
  readonly args: CommandArgs;
  say(message: string | undefined): void;
}

export interface Command<Id extends string = string> {
  readonly id: Id;
  /** Key chords that run it (none: only callable by id). */
  readonly keys: readonly KeyChord[];
  readonly description: string;
  readonly contexts: readonly KeyContext[];
  /** Short label for the footer; commands without one are only in the help overlay. */
  readonly hint?: string;
  /** How the footer names the keys when not the first chord's label (e.g. `↑↓/jk`). */
  readonly hintKeys?: string;
  /** Needs the terminal (quit, help): refused for other callers. */
  readonly terminalOnly?: boolean;
  /** Opens or works in a console view: refused for callers without one. */
  readonly needsView?: boolean;
  /** Why it cannot run now (shown to the person), or undefined when it can. */
  disabled?(state: CommandState): string | undefined;
  /** Does it. A returned (or resolved) string is an error for the person. */
  // biome-ignore lint/suspicious/noConfusingVoidType: most commands return nothing; some return an error text
  run(ctx: RunContext): void | string | undefined | Promise<string | undefined>;
}

export type CommandResult =
  | { readonly ok: true; readonly message?: string }
  | { readonly ok: false; readonly reason: string };
