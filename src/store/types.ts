import type { Action, ActionOutcome, SessionInfo } from '../domain/action.js';
import type { ModeName } from '../domain/mode.js';
import type { Rule } from '../domain/rule.js';
import type { Answer, Verdict } from '../domain/verdict.js';
import type { DenialCount } from '../policy/decide.js';
import type { RuleSet } from '../policy/rules/index.js';
import type { OfferState } from '../rule-offer/offer.js';

/**
 * held: waiting for a person; classifying: waiting for the LLM classifier (then decided or held);
 * allowed / denied / asked: answered (asked = handed to the agent's own prompt, e.g. on timeout).
 */
export type ActionStatus = 'held' | 'classifying' | 'allowed' | 'denied' | 'asked';

/** Who settled a held action. */
export type Resolver = 'warden' | 'user' | 'rule' | 'mode' | 'classifier' | 'timeout' | 'shutdown';

export interface Resolution {
  readonly answer: Answer;
  readonly who: Resolver;
  readonly by: string;
  readonly reason: string;
  readonly at: number;
}

/** One action and everything known about it. Replaced (never mutated) on every change. */
export interface ActionRecord {
  readonly action: Action;
  /** The latest verdict of the policy (re-judged when rules or mode change while held). */
  readonly verdict: Verdict;
  readonly status: ActionStatus;
  /** Set once the agent has been (or is being) answered. */
  readonly resolution?: Resolution;
  readonly outcome?: ActionOutcome;
}

export interface Warning {
  readonly id: number;
  readonly at: number;
  readonly sessionId?: string;
  readonly text: string;
}

export interface WardenData {
  readonly mode: ModeName;
  /** Bumped on every change; records is mutated in place (10,000 actions must stay cheap). */
  readonly rev: number;
  readonly records: ReadonlyMap<string, ActionRecord>;
  /**
   * Ids of answered actions, in the order they were answered. Append-only and mutated in place
   * (like `records`): select `rev` to re-render on change.
   */
  readonly decided: readonly string[];
  /** Ids waiting for a person or the classifier, arrival order. */
  readonly held: readonly string[];
  readonly sessions: Readonly<Record<string, SessionInfo>>;
  /** Every rule in force: files and session rules, compiled. */
  readonly rules: RuleSet;
  /** Rules added in this console run only (scope: session). */
  readonly sessionRules: readonly Rule[];
  /** Problems reading rule files (the last good rules stay in force). */
  readonly ruleErrors: readonly string[];
  readonly counts: {
    readonly allowed: number;
    readonly denied: number;
    readonly held: number;
    readonly asked: number;
  };
  readonly denials: Readonly<Record<string, DenialCount>>;
  /** Selection is by action id, never by row. */
  readonly cursorId: string | undefined;
  readonly marks: ReadonlySet<string>;
  /** Range select anchor (`v`): the range anchor..cursor counts as marked. */
  readonly rangeAnchorId: string | undefined;
  readonly filter: string;
  /** Show only this session's actions (Tab cycles); undefined = all. */
  readonly sessionFilter: string | undefined;
  readonly classifierStatus: string;
  readonly endpoint: string | undefined;
  readonly warnings: readonly Warning[];
  /** Approvals counted per proposed rule, and the session rule offered from them (src/rule-offer). */
  readonly offers: OfferState;
}
