import type { Action } from '../domain/action.js';
import type { ModeName } from '../domain/mode.js';
import type { Decision, Verdict } from '../domain/verdict.js';
import type { RecordedDecision, RecordedOutcome } from './recorded-actions.js';

/** decide() bound to the rules under test: the action and the mode to judge it in. */
export type ReplayJudge = (action: Action, mode: ModeName) => Verdict;

export type ChangeKind = 'newly allowed' | 'newly held' | 'newly denied';

export interface ReplayChange {
  readonly kind: ChangeKind;
  readonly action: Action;
  readonly at?: string;
  readonly before: RecordedOutcome;
  readonly after: Verdict;
  /** A change that lets through what the recorded run denied (the agent was told no). */
  readonly allowsDenied: boolean;
}

export interface ReplayResult {
  readonly replayed: number;
  readonly unchanged: number;
  /** Decided by the classifier before and handed to it again now: not re-asked, counted as unchanged. */
  readonly leftToClassifier: number;
  readonly changes: ReplayChange[];
}

const KIND: Readonly<Record<Decision, ChangeKind>> = {
  allow: 'newly allowed',
  hold: 'newly held',
  deny: 'newly denied',
};

/**
 * Judges recorded actions again and keeps those whose verdict changes. The classifier is not asked
 * again: an action it decided that the policy would hand to it again counts as unchanged. Pure.
 */
export function replayDecisions(
  decisions: readonly RecordedDecision[],
  judge: ReplayJudge,
  mode: ModeName | undefined,
): ReplayResult {
  const changes: ReplayChange[] = [];
  let unchanged = 0;
  let leftToClassifier = 0;
  for (const d of decisions) {
    const after = judge(d.action, mode ?? d.mode ?? 'auto');
    if (after.wantsClassifier && d.before.by.startsWith('classifier')) {
      leftToClassifier += 1;
      unchanged += 1;
      continue;
    }
    if (after.decision === d.before.verdict) {
      unchanged += 1;
      continue;
    }
    changes.push({
      kind: KIND[after.decision],
      action: d.action,
      ...(d.at !== undefined && { at: d.at }),
      before: d.before,
      after,
      allowsDenied: after.decision === 'allow' && d.before.answer === 'deny',
    });
  }
  return { replayed: decisions.length, unchanged, leftToClassifier, changes };
}

export interface ChangeGroup {
  readonly kind: ChangeKind;
  /** The rule or step that decides them now. */
  readonly by: string;
  readonly changes: ReplayChange[];
}

/** Changes grouped by kind, then by the rule or step that decides them now; biggest groups first. */
export function groupChanges(changes: readonly ReplayChange[]): ChangeGroup[] {
  const groups = new Map<string, ChangeGroup>();
  for (const c of changes) {
    const key = `${c.kind}\u0000${c.after.by}`;
    let g = groups.get(key);
    if (!g) {
      g = { kind: c.kind, by: c.after.by, changes: [] };
      groups.set(key, g);
    }
    g.changes.push(c);
  }
  const order: readonly ChangeKind[] = ['newly allowed', 'newly denied', 'newly held'];
  return [...groups.values()].sort(
    (a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || b.changes.length - a.changes.length,
  );
}
