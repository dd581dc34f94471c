import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createAnalyzer } from '../analyzer/index.js';
import type { Action } from '../domain/action.js';
import type { Rule } from '../domain/rule.js';
import { compileRules, ruleChoices, suggestRule } from '../policy/rules/index.js';
import { probesFor } from '../rule-health/index.js';
import type { WardenStore } from '../store/create-store.js';
import type { ConsoleDeps, RuleProposal } from '../ui/deps.js';

const ENV = {
  home: process.env.HOME ?? '/',
  wardenHome: path.join(process.env.HOME ?? '/', '.warden'),
  tempDirs: ['/tmp'],
};

/** A rule in Claude Code's syntax that covers the action (first two words of a command, the file's folder). */
export function simpleSuggestRule(action: Action): string {
  if (action.command !== undefined) {
    const words = action.command.trim().split(/\s+/).slice(0, 2);
    return `${action.tool}(${words.join(' ')} *)`;
  }
  const file = action.paths[0];
  if (file !== undefined) {
    const dir = path.relative(action.projectRoot, path.dirname(file));
    return dir === '' || dir.startsWith('..') ? `${action.tool}(${file})` : `${action.tool}(${dir}/**)`;
  }
  return action.tool;
}

/** Whether the rule covers the action, by the policy's own rule compiler. */
export function compiledRuleCovers(ruleText: string, action: Action): boolean {
  const rule: Rule = { effect: 'allow', text: ruleText, source: { origin: 'session' } };
  return compileRules([rule]).find(action, ENV) !== undefined;
}

/**
 * Console dependencies without files: project/user rules are kept in memory and put in force
 * through the store's file rules (the demo and tests; the CLI wires the real rule files).
 */
export function inMemoryConsoleDeps(
  store: WardenStore,
  overrides: Partial<ConsoleDeps> = {},
): ConsoleDeps & {
  readonly fileRules: Rule[];
} {
  const fileRules: Rule[] = [];
  const origin = (scope: RuleProposal['scope']) => (scope === 'user' ? 'warden-user' : 'warden-project');
  const analyzer = createAnalyzer();
  const judgeParts = (action: Action) => (command: string) =>
    analyzer.analyze({ ...action, command, input: { ...action.input, command } }, ENV).kind;
  return {
    fileRules,
    suggestRule: (action) => suggestRule(action, ENV.home, judgeParts(action)),
    // A test that gives its own suggestRule gets that one in the editor too.
    ...(overrides.suggestRule === undefined && {
      ruleChoices: (action: Action) => ruleChoices(action, ENV.home, judgeParts(action)),
    }),
    ruleCovers: compiledRuleCovers,
    async addRule(proposal) {
      fileRules.push({
        effect: proposal.effect,
        text: proposal.text,
        source: { origin: origin(proposal.scope) },
      });
      store.getState().setFileRules([...fileRules], []);
      return undefined;
    },
    async removeRule(rule) {
      const at = fileRules.findIndex((r) => r.text === rule.text && r.effect === rule.effect);
      if (at < 0) return `${rule.text} is not in warden's rule files`;
      fileRules.splice(at, 1);
      store.getState().setFileRules([...fileRules], []);
      return undefined;
    },
    readFileForDiff(file) {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    },
    preview: {
      env: ENV,
      analyzer,
      compile: compileRules,
      loadHistory: () => [],
    },
    ruleHealth: {
      env: ENV,
      analyzer,
      loadHistory: () => [],
      probes: (roots) => (roots.length > 0 ? roots : [process.cwd()]).flatMap(probesFor),
      now: Date.now,
    },
    onQuit() {},
    bell: false,
    notify: false,
    title: false,
    ...overrides,
  };
}
