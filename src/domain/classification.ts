import type { Action } from './action.js';
import type { RiskCategory } from './verdict.js';

/** Tokens and time one classifier call cost (for the audit log and `warden log --stats`). */
export interface ClassifierUsage {
  readonly inputTokens: number;
  readonly cachedInputTokens: number;
  readonly outputTokens: number;
  readonly latencyMs: number;
  readonly model: string;
  /** Which backend answered (anthropic, bedrock, vertex, claude-code, replay). */
  readonly backend?: string;
  /** Requests (claude-code: CLI runs) the classification made. */
  readonly requests?: number;
}

/**
 * The LLM classifier's answer. A classifier never throws and never fails open: a deadline, an API
 * error or an answer that does not parse comes back as `unsure` with the reason, and the action
 * is held for a person.
 */
export interface ClassifierAnswer {
  readonly verdict: 'allow' | 'block' | 'unsure';
  readonly category?: RiskCategory;
  readonly reason: string;
  readonly cached?: boolean;
  readonly usage?: ClassifierUsage;
}

export interface Classifier {
  /** `off` when no backend can run: unsure actions are then simply held. */
  readonly status: 'off' | 'on';
  /** One line for the console header, e.g. `claude-haiku-4-5 · 2 in flight` or `off: no API key`. */
  describe(): string;
  classify(action: Action, signal?: AbortSignal): Promise<ClassifierAnswer>;
}

export const CLASSIFIER_OFF: Classifier = {
  status: 'off',
  describe: () => 'off (no API key)',
  classify: async () => ({ verdict: 'unsure', reason: 'the classifier is off (no API key)' }),
};
