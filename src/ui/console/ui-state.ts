import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Rule, RuleEffect, RuleScope } from '../../domain/rule.js';

/**
 * State that only the console has: the text being typed in a field, the rule draft, the rules
 * view cursor, a one-line message. Session data lives in the warden store.
 */
export interface UiData {
  /** The text field of the open overlay (deny reason, filter, rule text). */
  readonly text: string;
  /** The filter before `/` opened (Esc restores it). */
  readonly filterBefore: string;
  /** The ids `d` captured when the deny-reason field opened. */
  readonly denyTargets: readonly string[];
  readonly ruleEffect: RuleEffect;
  readonly ruleScope: RuleScope;
  /** The rule being changed (rules view `e`): removed when the new one is in force. */
  readonly ruleReplacing: Rule | undefined;
  readonly rulesCursor: number;
  /** A one-line status message (result of the last command, or an error). */
  readonly message: string | undefined;
  readonly busy: boolean;
  /** The pairing code on screen (`w`). */
  readonly pairing: import('../deps.js').ShownPairing | undefined;
  /** The paired browser under the cursor in the pairing view, by session id. */
  readonly pairCursor: string | undefined;
}

export type UiStore = StoreApi<UiData>;

export const EFFECTS: readonly RuleEffect[] = ['deny', 'ask', 'allow'];
export const SCOPES: readonly RuleScope[] = ['session', 'project', 'user'];

export function createUiStore(): UiStore {
  return createStore<UiData>()(() => ({
    text: '',
    filterBefore: '',
    denyTargets: [],
    ruleEffect: 'allow',
    ruleScope: 'session',
    ruleReplacing: undefined,
    rulesCursor: 0,
    message: undefined,
    busy: false,
    pairing: undefined,
    pairCursor: undefined,
  }));
}

export function nextOf<T>(list: readonly T[], current: T): T {
  return list[(list.indexOf(current) + 1) % list.length]!;
}
