import type { Rule } from '../domain/rule.js';
import type { RuleSet } from './rules/index.js';

/**
 * One console serves sessions in many projects: rules read from a project's files
 * (`.claude/settings*.json`, `.warden/rules.json`) apply to that project's actions only, the
 * user's and the session's everywhere. Compiles one rule set per project (its rules plus the
 * global ones) and picks by the action's project root.
 */
export function compileProjectScoped(
  compile: (rules: readonly Rule[]) => RuleSet,
  rules: readonly Rule[],
): RuleSet {
  const global = rules.filter((r) => r.source.projectRoot === undefined);
  const roots = new Set(
    rules.flatMap((r) => (r.source.projectRoot === undefined ? [] : [r.source.projectRoot])),
  );
  const globalSet = compile(global);
  const perProject = new Map<string, RuleSet>();
  for (const root of roots) {
    perProject.set(
      root,
      compile(rules.filter((r) => r.source.projectRoot === undefined || r.source.projectRoot === root)),
    );
  }
  return {
    rules,
    find(action, env) {
      return (perProject.get(action.projectRoot) ?? globalSet).find(action, env);
    },
  };
}
