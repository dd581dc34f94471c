import { createAnalyzer } from '../../src/analyzer/index.js';
import type { Action } from '../../src/domain/action.js';
import type { Rule, RuleEffect } from '../../src/domain/rule.js';
import { probesFor, type RuleHealthDeps } from '../../src/rule-health/index.js';
import { bash, call } from '../ui/helpers.js';

export const env = { home: '/home/u', wardenHome: '/home/u/.warden', tempDirs: ['/tmp'] };

export const fileRule = (effect: RuleEffect, text: string, line = 1): Rule => ({
  effect,
  text,
  source: { origin: 'warden-user', file: '/home/u/.warden/rules.json', line },
});

/** A project's recorded actions: tests, git reads, edits, a fetch. */
export function recordedActions(): Action[] {
  return [
    bash('npm test'),
    bash('npm test -- --watch=false'),
    bash('git status'),
    bash('git log --oneline -5'),
    call('Edit', { file_path: '/home/u/p/src/a.ts', old_string: 'a', new_string: 'b' }),
    call('WebFetch', { url: 'https://docs.example.com/x', prompt: 'read' }),
  ];
}

/** Rule health deps over a fixed history; `loads` counts audit reads. */
export function healthDeps(
  history: readonly Action[] | (() => readonly Action[]) = recordedActions(),
): RuleHealthDeps & { loads: number[] } {
  const loads: number[] = [];
  return {
    loads,
    env,
    analyzer: createAnalyzer(),
    loadHistory(since) {
      loads.push(since);
      return typeof history === 'function' ? history() : history;
    },
    probes: (roots) => (roots.length > 0 ? roots : ['/home/u/p']).flatMap(probesFor),
    now: () => Date.UTC(2026, 0, 2),
  };
}
