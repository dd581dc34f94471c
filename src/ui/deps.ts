import type { StoreApi } from 'zustand/vanilla';
import type { RuleHealthDeps } from '../rule-health/index.js';
import type { PairingView } from '../web/pairing.js';
import type { WebStatus } from '../web/web-hub.js';
import type { RuleDeps, RuleProposal } from './commands/types.js';

export type { RuleProposal };

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
  /** Which desktop-notification escape (default auto: from TERM_PROGRAM / TERM). */
  readonly terminal?: 'auto' | 'osc9' | 'osc99' | 'osc777' | 'bell';
  /** The approval page, when it is on. */
  readonly web?: WebConsole;
  /** What the rules view's rule health needs (the audit log, the analyzer, the clock); none: no health shown. */
  readonly ruleHealth?: RuleHealthDeps;
}
