/**
 * Permission rules in Claude Code's syntax (`Bash(npm run test *)`, `Edit(src/**)`,
 * `WebFetch(domain:example.com)`, `mcp__server__tool`), as data. Parsing and matching live in
 * src/policy/rules/.
 */

export type RuleEffect = 'allow' | 'ask' | 'deny';

/** Where a rule came from. Console-added rules name their scope: session, project or user. */
export type RuleOrigin =
  | 'claude-user' // ~/.claude/settings.json
  | 'claude-project' // <project>/.claude/settings.json
  | 'claude-local' // <project>/.claude/settings.local.json
  | 'warden-user' // $WARDEN_HOME/rules.json
  | 'warden-project' // <project>/.warden/rules.json
  | 'session'; // added in the console for this run only

export type RuleScope = 'session' | 'project' | 'user';

export interface RuleSource {
  readonly origin: RuleOrigin;
  /** The file it was read from or is written to (absent for session rules). */
  readonly file?: string;
  /** 1-based line of the rule in that file, when known. */
  readonly line?: number;
  /** Rules from a project's files apply to actions in that project only. */
  readonly projectRoot?: string;
  /** How a session rule came about, e.g. `offered after 3 approvals`. */
  readonly note?: string;
}

export interface Rule {
  readonly effect: RuleEffect;
  /** The rule as the user wrote it, e.g. `Bash(git push --force *)`. */
  readonly text: string;
  readonly source: RuleSource;
}

export function ruleLabel(rule: Rule): string {
  return `${rule.effect} ${rule.text}`;
}
