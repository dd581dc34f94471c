/**
 * The local shell risk analyzer (issue 3): parses shell commands with unbash, walks every simple
 * command (pipelines, substitutions, `bash -c`, wrappers, interpreter one-liners) and judges each
 * by what it does to which paths. See docs/analyzer.md.
 */
import type { Analysis, Analyzer } from '../domain/analysis.js';
import { judgeAction } from './tools.js';
import { unsure } from './verdicts.js';

export function createAnalyzer(): Analyzer {
  return {
    analyze(action, env): Analysis {
      try {
        return judgeAction(action, env);
      } catch (error) {
        return unsure(
          'analyzer-error',
          `the analyzer could not judge this action: ${(error as Error).message}`,
        );
      }
    },
  };
}
