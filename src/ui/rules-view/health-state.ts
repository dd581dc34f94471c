import type { RuleSet } from '../../policy/rules/index.js';
import { HEALTH_DAYS, type RuleHealthFinding, type RuleHealthKind } from '../../rule-health/index.js';
import { ruleKey } from '../commands/rule-ops.js';

/**
 * Rule health as the rules view shows it (computed off the render path by health-controller.ts and
 * put in the UI store): the findings for one set of rules in force, and how far a run has got.
 */
export interface RuleHealthState {
  /** The rules the findings are for (the store's RuleSet): another set means they are stale. */
  readonly rules: RuleSet;
  /** The last complete findings for `rules`; empty until one run has finished. */
  readonly findings: readonly RuleHealthFinding[];
  /** Whether `findings` are complete for `rules` (a recheck of the same rules keeps them shown). */
  readonly done: boolean;
  /** A run going on: rules matched against the history so far, of all. */
  readonly running?: { readonly checked: number; readonly total: number };
  /** Recorded actions looked at, and over how many days. */
  readonly history: number;
  readonly days: number;
  /** Why the audit log could not be read (findings then come from probes only). */
  readonly error?: string;
}

/** The short mark of each kind, most severe first; the rules view shows the most severe one. */
export const HEALTH_MARKS: ReadonlyArray<{
  readonly kind: RuleHealthKind;
  readonly mark: string;
  /** What it means, for docs/keys.md. */
  readonly meaning: string;
}> = [
  {
    kind: 'broad-allow',
    mark: '⚠ broad',
    meaning:
      'an allow rule that covers dangerous actions: recorded ones, or probes of dangerous kinds (`rm -rf ~`, `git push --force`, a pipe to a shell, a key read) and of the scripts `npm run` would run',
  },
  {
    kind: 'shadowed',
    mark: '⊘ shadowed',
    meaning:
      'an allow rule that never decides: a deny or ask rule takes precedence on every action it matched',
  },
  {
    kind: 'redundant',
    mark: '≡ redundant',
    meaning: 'another rule of the same effect matches everything it matched and is at least as wide',
  },
  {
    kind: 'never-matched',
    mark: '○ unused',
    meaning: `it matched none of the recorded actions (audit log, last ${HEALTH_DAYS} days)`,
  },
];

/** Width of the mark column. */
export const MARK_WIDTH = Math.max(...HEALTH_MARKS.map((m) => m.mark.length)) + 1;

/** The health findings for the rule with this identity, when they are for the rules in force. */
export function findingsFor(
  health: RuleHealthState | undefined,
  rules: RuleSet,
  key: string | undefined,
): readonly RuleHealthFinding[] {
  if (!health || health.rules !== rules || key === undefined) return [];
  return health.findings.filter((f) => ruleKey(f.rule) === key);
}

/** The mark for a rule's findings ('' when it has none). */
export function markOf(findings: readonly RuleHealthFinding[]): string {
  return HEALTH_MARKS.find((m) => findings.some((f) => f.kind === m.kind))?.mark ?? '';
}

/** One line about the run: checking, the number of findings, or why the history is missing. */
export function healthSummary(health: RuleHealthState | undefined, rules: RuleSet): string {
  const current = health !== undefined && health.rules === rules;
  const run = current ? health.running : undefined;
  const progress = run ? `checking ${run.checked} of ${run.total} rules…` : 'checking…';
  if (!current || !health.done) return `health: ${progress}`;
  const n = health.findings.length;
  const over =
    health.error !== undefined
      ? `no history: ${health.error}`
      : `${health.history} recorded actions, ${health.days} days`;
  return `health: ${n === 0 ? 'no findings' : `${n} finding${n === 1 ? '' : 's'}`} (${over})${run ? ` · re${progress}` : ''}`;
}
