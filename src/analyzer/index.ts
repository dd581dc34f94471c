/**
 * The local shell risk analyzer (issue 3): parses shell commands with unbash, walks every simple
 * command (pipelines, substitutions, `bash -c`, wrappers, interpreter one-liners) and judges each
 * by what it does to which paths. See docs/analyzer.md.
 */
import type { Action } from '../domain/action.js';
import type { Analysis, Analyzer, Environment } from '../domain/analysis.js';
import { provesReadOnly } from './read-only-proof.js';
import { judgeAction } from './tools.js';
import { unsure } from './verdicts.js';

export function createAnalyzer(): Analyzer {
  const analyze = (action: Action, env: Environment): Analysis => {
    try {
      return judgeAction(action, env);
    } catch (error) {
      return unsure(
        'analyzer-error',
        `the analyzer could not judge this action: ${(error as Error).message}`,
      );
    }
  };
  return {
    analyze,
    provesReadOnly(action, env): boolean {
      // only bash-family commands: PowerShell, code mode and REPL input are other languages
      if (action.tool !== 'Bash') return false;
      try {
        return provesReadOnly(action, env, analyze(action, env));
      } catch {
        return false;
      }
    },
  };
}
