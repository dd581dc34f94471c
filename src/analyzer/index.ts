/**
 * PLACEHOLDER for the local shell risk analyzer (issue 3): answers `unsure` for everything so
 * that decide() holds what it cannot prove safe. The export is the contract decide() relies on.
 */
import type { Analyzer } from '../domain/analysis.js';

export function createAnalyzer(): Analyzer {
  return {
    analyze: () => ({ kind: 'unsure', reason: 'no local analysis yet' }),
  };
}
