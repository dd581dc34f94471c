import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Rule, RuleEffect, RuleScope } from '../../domain/rule.js';
import type { RulePreview } from '../../rules-preview/preview.js';
import type { RuleHealthState } from '../rules-view/health-state.js';

/**
 * What is open in the console: one union, so two views can never be open at once and each
 * view carries its own fields (the text being typed, the rule draft, the selected rule).
 * Session data (actions, rules, cursor and marks by action id) lives in the warden store.
 */
export type View =
  | { readonly kind: 'main' }
  | { readonly kind: 'help' }
  /** The rules view; `selected` is a rule's identity (ruleKey), never a row index. */
  | { readonly kind: 'rules'; readonly selected: string | undefined }
  | {
      readonly kind: 'rule-editor';
      readonly text: string;
      readonly effect: RuleEffect;
      readonly scope: RuleScope;
      /** Rules to step through with ↑/↓ (narrowest first) and the one shown. */
      readonly choices: readonly string[];
      readonly choice: number;
      /** The rule being changed (rules view `e`): removed when the new one is in force. */
      readonly replacing: Rule | undefined;
    }
  /** The deny reason field; `targets` are the ids `d` captured when it opened. */
  | { readonly kind: 'deny-reason'; readonly text: string; readonly targets: readonly string[] }
  /** The filter field; `before` is the filter when `/` opened (Esc restores it). */
  | { readonly kind: 'filter'; readonly text: string; readonly before: string }
  | { readonly kind: 'confirm-approve-all' }
  | { readonly kind: 'confirm-quit' }
  /**
   * `w`: the approval page's address and pairing code (`shown`, once made), pairing requests
   * and paired browsers; `selected` is a paired browser's session id, never a row index.
   */
  | {
      readonly kind: 'pair';
      readonly shown: import('../deps.js').ShownPairing | undefined;
      readonly selected: string | undefined;
    };

export type ViewKind = View['kind'];

/** A view with a text field. */
export type TextView = Extract<View, { text: string }>;

export interface UiData {
  readonly view: View;
  /** A one-line status message (result of the last command, or why it could not run). */
  readonly message: string | undefined;
  /** A rule file is being written. */
  readonly busy: boolean;
  /** What the rule in the editor would do (computed off the render path; src/ui/rule-editor/preview-controller.ts). */
  readonly preview: RulePreview | undefined;
  /** Rule health for the rules view (computed off the render path; src/ui/rules-view/health-controller.ts). */
  readonly health: RuleHealthState | undefined;
}

export type UiStore = StoreApi<UiData>;

export const MAIN_VIEW: View = { kind: 'main' };
export const EFFECTS: readonly RuleEffect[] = ['deny', 'ask', 'allow'];
export const SCOPES: readonly RuleScope[] = ['session', 'project', 'user'];

export function createUiStore(): UiStore {
  return createStore<UiData>()(() => ({
    view: MAIN_VIEW,
    message: undefined,
    busy: false,
    preview: undefined,
    health: undefined,
  }));
}

export function isTextView(view: View): view is TextView {
  return view.kind === 'deny-reason' || view.kind === 'filter' || view.kind === 'rule-editor';
}

/** The text of the open field ('' when none is open). */
export function viewText(view: View): string {
  return isTextView(view) ? view.text : '';
}

export function nextOf<T>(list: readonly T[], current: T): T {
  return list[(list.indexOf(current) + 1) % list.length]!;
}
