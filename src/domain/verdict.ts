/**
 * What warden decided about an action, and who or what decided it.
 *
 * `decision` is warden's own: `hold` means "a person decides" (and, when nobody does in time,
 * the agent gets `ask`, or `deny` where the agent has no working ask).
 */

export type Decision = 'allow' | 'deny' | 'hold';

/** The final answer sent to the agent. `ask` hands the action to the agent's own prompt. */
export type Answer = 'allow' | 'deny' | 'ask';

/** Risk categories, after the groups Claude Code's auto mode uses. */
export type RiskCategory =
  | 'destroy-or-exfiltrate'
  | 'degrade-security'
  | 'cross-trust-boundary'
  | 'bypass-review';

export interface Verdict {
  readonly decision: Decision;
  /**
   * What decided it, e.g. `rule:deny Bash(git push --force *)`, `mode:plan`, `tier:read-only`,
   * `analyzer:recursive-delete-outside-project`, `classifier`, `user`, `timeout`.
   */
  readonly by: string;
  /** Written for the agent when it is a denial ("blocked: ... ; do ... instead"); for a person otherwise. */
  readonly reason: string;
  readonly category?: RiskCategory;
  /** decide() could not settle it and the classifier tier should be asked (auto mode, analyzer unsure). */
  readonly wantsClassifier?: boolean;
}

export function verdict(
  decision: Decision,
  by: string,
  reason: string,
  extra: Partial<Verdict> = {},
): Verdict {
  return { decision, by, reason, ...extra };
}
