/**
 * PLACEHOLDER to be replaced by the full Claude Code rule syntax (see issue 2 item 3).
 * The exported names and signatures are the contract decide() and the store rely on.
 */
import type { Action } from '../../domain/action.js';
import type { Environment } from '../../domain/analysis.js';
import type { Rule } from '../../domain/rule.js';

export interface RuleSet {
  readonly rules: readonly Rule[];
  /** The rule that decides the action: the first matching deny, else the first ask, else the first allow. */
  find(action: Action, env: Environment): Rule | undefined;
}

export function compileRules(rules: readonly Rule[]): RuleSet {
  const order = ['deny', 'ask', 'allow'] as const;
  return {
    rules,
    find(action) {
      for (const effect of order) {
        const hit = rules.find(
          (r) => r.effect === effect && (r.text === action.tool || r.text === `${action.tool}(*)`),
        );
        if (hit) return hit;
      }
      return undefined;
    },
  };
}
