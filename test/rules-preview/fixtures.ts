import { actionFromToolCall } from '../../src/adapters/tool-call.js';
import { createAnalyzer } from '../../src/analyzer/index.js';
import type { Answer, Decision } from '../../src/domain/verdict.js';
import { compileRules } from '../../src/policy/rules/index.js';
import type { RecordedDecision } from '../../src/replay/recorded-actions.js';
import type { PreviewDeps } from '../../src/rules-preview/source.js';

export const env = { home: '/home/u', wardenHome: '/home/u/.warden', tempDirs: ['/tmp'] };
export const project = '/home/u/p';
let n = 0;

export function recorded(
  tool: string,
  input: Record<string, unknown>,
  verdict: Decision,
  answer: Answer,
  by = 'mode:manual',
): RecordedDecision {
  n += 1;
  const at = Date.UTC(2026, 0, 1, 12, 0, n);
  return {
    action: actionFromToolCall({ tool, input, cwd: project }, `r${n}`, at),
    at: new Date(at).toISOString(),
    before: { verdict, answer, by, who: verdict === 'hold' ? 'user' : 'warden' },
  };
}

export const shell = (command: string, verdict: Decision, answer: Answer, by?: string) =>
  recorded('Bash', { command }, verdict, answer, by);

/** A week of one project's actions: routine reads and tests, a held push, a dangerous delete, a key read. */
export function week(): RecordedDecision[] {
  return [
    shell('npm test', 'allow', 'allow', 'rule:allow Bash(npm test *)'),
    shell('npm test -- --watch=false', 'allow', 'allow', 'rule:allow Bash(npm test *)'),
    shell('git status', 'hold', 'allow', 'mode:manual'),
    shell('git push origin feature/x', 'hold', 'allow', 'mode:manual'),
    shell('git push --force origin main', 'hold', 'deny', 'mode:manual'),
    shell('rm -rf /home/u/work', 'hold', 'deny', 'mode:manual'),
    recorded('Read', { file_path: `${project}/src/a.ts` }, 'allow', 'allow', 'tier:read-only'),
    recorded('Read', { file_path: `${project}/src/b.ts` }, 'allow', 'allow', 'tier:read-only'),
    recorded('Read', { file_path: '/home/u/.ssh/id_ed25519' }, 'hold', 'deny', 'tier:protected-path'),
  ];
}

export function previewDeps(history: readonly RecordedDecision[] = week()): PreviewDeps {
  return { env, analyzer: createAnalyzer(), compile: compileRules, loadHistory: () => history };
}
