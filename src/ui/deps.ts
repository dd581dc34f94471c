import type { StoreApi } from 'zustand/vanilla';
import type { Action } from '../domain/action.js';
import type { Rule, RuleEffect, RuleScope } from '../domain/rule.js';
import type { PairingView } from '../web/pairing.js';
import type { WebStatus } from '../web/web-hub.js';

/** A pairing code on screen: the one-time link, the code, the QR code drawn in block characters. */
export interface ShownPairing {
  readonly code: string;
  readonly link: string;
  readonly qr: string;
  readonly expiresAt: number;
}

/** The approval page as the console sees it: pairing, paired browsers, header alerts. */
export interface WebConsole {
  readonly pageUrl: string;
  readonly pairing: StoreApi<PairingView>;
  readonly status: StoreApi<WebStatus>;
  /** A new one-time code for the page (the older one stops working). */
  showPairing(): Promise<ShownPairing>;
  /** The code stops working; browsers still waiting for y/n are refused. */
  cancelPairing(code: string): void;
  answer(requestId: string, yes: boolean): void;
  revoke(sessionId: string): void;
  /** The person pressed a key (no away notice). */
  touch(): void;
}

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
  /** Which desktop-notification escape (default auto: from TERM_PROGRAM / TERM). */
  readonly terminal?: 'auto' | 'osc9' | 'osc99' | 'osc777' | 'bell';
  /** The approval page, when it is on. */
  readonly web?: WebConsole;
}
