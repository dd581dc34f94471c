import type { Analysis } from '../domain/analysis.js';
import type { RiskCategory } from '../domain/verdict.js';

/** Constructors for the analyzer's three answers, and how several answers combine. */

export const safe = (reason: string): Analysis => ({ kind: 'safe', reason });

export const unsure = (finding: string, reason: string): Analysis => ({ kind: 'unsure', finding, reason });

export const dangerous = (category: RiskCategory, finding: string, reason: string): Analysis => ({
  kind: 'dangerous',
  category,
  finding,
  reason,
});

const RANK = { safe: 0, unsure: 1, dangerous: 2 } as const;

/** The worst of several answers (dangerous > unsure > safe); the first of equals wins. */
export function worst(answers: readonly Analysis[], whenEmpty: Analysis): Analysis {
  let out: Analysis | undefined;
  for (const a of answers) {
    if (!out || RANK[a.kind] > RANK[out.kind]) out = a;
    if (out.kind === 'dangerous') break;
  }
  return out ?? whenEmpty;
}

/** At least unsure: a safe answer becomes the given unsure one. */
export function atLeastUnsure(a: Analysis, finding: string, reason: string): Analysis {
  return a.kind === 'safe' ? unsure(finding, reason) : a;
}
