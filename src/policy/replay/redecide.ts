import type { Action } from '../../domain/action.js';
import type { Decision, Verdict } from '../../domain/verdict.js';
import type { RuleSet } from '../rules/index.js';
import type { RecordedAction } from './recorded.js';

/** decide() bound to an environment, analyzer and mode: what warden would say now under these rules. */
export type Judge = (action: Action, rules: RuleSet) => Verdict;

export interface Redecided {
  readonly before: Decision;
  readonly after: Decision;
  /** What decides it now. */
  readonly by: string;
  readonly changed: boolean;
}

/** A recorded action decided again under other rules: what changes against what warden said then. */
export function redecide(recorded: RecordedAction, rules: RuleSet, judge: Judge): Redecided {
  const now = judge(recorded.action, rules);
  return {
    before: recorded.verdict,
    after: now.decision,
    by: now.by,
    changed: now.decision !== recorded.verdict,
  };
}
