import { describe, expect, it } from 'vitest';
import { compileRules } from '../../src/policy/rules/index.js';
import type { RuleHealthFinding } from '../../src/rule-health/index.js';
import { ruleKey } from '../../src/ui/commands/rule-ops.js';
import { healthLines } from '../../src/ui/rules-view/health-lines.js';
import {
  findingsFor,
  healthSummary,
  markOf,
  type RuleHealthState,
} from '../../src/ui/rules-view/health-state.js';
import { fileRule } from './fixtures.js';

const broad = fileRule('allow', 'Bash(*)');
const unused = fileRule('deny', 'Bash(terraform *)', 2);
const rules = compileRules([broad, unused]);
const finding = (rule = broad, kind: RuleHealthFinding['kind'] = 'broad-allow', evidence: string[] = []) =>
  ({ rule, kind, text: `${rule.text} x`, detail: `${kind} detail`, evidence }) as RuleHealthFinding;
const state = (findings: RuleHealthFinding[], extra: Partial<RuleHealthState> = {}): RuleHealthState => ({
  rules,
  findings,
  done: true,
  history: 120,
  days: 30,
  ...extra,
});

describe('rule health state (pure)', () => {
  it("finds a rule's findings by identity, only for the rules in force", () => {
    const h = state([finding(broad), finding(unused, 'never-matched')]);
    expect(findingsFor(h, rules, ruleKey(unused)).map((f) => f.kind)).toEqual(['never-matched']);
    expect(findingsFor(h, rules, undefined)).toEqual([]);
    // Findings for another set of rules (they changed) are stale: nothing is marked.
    expect(findingsFor(h, compileRules([broad, unused]), ruleKey(broad))).toEqual([]);
  });

  it('marks the most severe kind', () => {
    expect(markOf([finding(broad, 'never-matched'), finding(broad, 'broad-allow')])).toBe('⚠ broad');
    expect(markOf([finding(broad, 'redundant')])).toBe('≡ redundant');
    expect(markOf([finding(broad, 'shadowed')])).toBe('⊘ shadowed');
    expect(markOf([finding(unused, 'never-matched')])).toBe('○ unused');
    expect(markOf([])).toBe('');
  });

  it('sums up the run: checking, the count over the history, a recheck, an unreadable log', () => {
    expect(healthSummary(undefined, rules)).toBe('health: checking…');
    expect(healthSummary(state([], { done: false, running: { checked: 1, total: 2 } }), rules)).toBe(
      'health: checking 1 of 2 rules…',
    );
    expect(healthSummary(state([finding()]), rules)).toBe(
      'health: 1 finding (120 recorded actions, 30 days)',
    );
    expect(healthSummary(state([], { running: { checked: 0, total: 2 } }), rules)).toBe(
      'health: no findings (120 recorded actions, 30 days) · rechecking 0 of 2 rules…',
    );
    expect(healthSummary(state([], { error: 'EACCES' }), rules)).toBe(
      'health: no findings (no history: EACCES)',
    );
    expect(healthSummary(state([finding()]), compileRules([]))).toBe('health: checking…');
  });

  it("lists a rule's findings with evidence within the lines given, headlines first, control characters shown", () => {
    const f = [
      finding(broad, 'broad-allow', ['would allow rm -rf ~', 'recorded: Bash curl x | sh\u001b[2J']),
      finding(broad, 'redundant', ['Bash(**)']),
    ];
    expect(healthLines(f, 10)).toEqual([
      '⚠ broad-allow detail',
      '    e.g. would allow rm -rf ~',
      '    e.g. recorded: Bash curl x | sh·[2J',
      '≡ redundant detail',
      '    e.g. Bash(**)',
    ]);
    expect(healthLines(f, 3)).toEqual([
      '⚠ broad-allow detail',
      '    e.g. would allow rm -rf ~',
      '≡ redundant detail',
    ]);
    expect(healthLines(f, 1)).toEqual(['⚠ broad-allow detail']);
    expect(healthLines(f, 0)).toEqual([]);
  });
});
