import type { Action } from '../domain/action.js';
import type { Environment } from '../domain/analysis.js';
import type { Rule } from '../domain/rule.js';
import type { PartsOf } from '../policy/rules/index.js';
import { actionSummary, clip } from '../ui/format.js';
import { type Compiled, compile, probeOf, said, usage } from './usage.js';

/** A made-up action that shows what a rule would let through; `judged` is what it really runs. */
export interface Probe {
  /** The action the rule is matched against (`npm run clean`). */
  readonly action: Action;
  /** The action whose effect is judged (the script `npm run clean` runs); default `action`. */
  readonly judged?: Action;
  /** How to name it in evidence (`npm run clean: rm -rf ~/build`); default the action's text. */
  readonly label?: string;
}

export type RuleHealthKind = 'never-matched' | 'redundant' | 'shadowed' | 'broad-allow';

export interface RuleHealthFinding {
  readonly rule: Rule;
  readonly kind: RuleHealthKind;
  /** One line a person can act on, naming the rule. */
  readonly text: string;
  /** The same without the rule's name (`never matched any of the 120 recorded actions`). */
  readonly detail: string;
  /** What shows it: recorded or probe actions, the other rule. */
  readonly evidence: readonly string[];
}

export interface RuleHealthInput {
  readonly rules: readonly Rule[];
  /** Recorded actions (the audit log); empty means no history, so nothing is "never matched". */
  readonly history: readonly Action[];
  readonly probes: readonly Probe[];
  readonly env: Environment;
  /** Why an action is dangerous or touches a protected path, or undefined (the policy with no rules). */
  readonly risk: (action: Action) => string | undefined;
  /** How commands are split for matching (a memo kept across runs); the policy's cache otherwise. */
  readonly partsOf?: PartsOf;
}

export interface HealthSlices {
  /** Yield once a slice has run this long (default: never, all at once). */
  readonly sliceMs?: number;
  readonly now?: () => number;
}

/** How far a sliced run has got: rules matched against the whole history so far. */
export interface RuleHealthProgress {
  readonly checked: number;
  readonly total: number;
}

const EXAMPLES = 2;

/** All the findings at once (doctor, tests). */
export function ruleHealth(input: RuleHealthInput): RuleHealthFinding[] {
  const steps = ruleHealthSteps(input);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Rules that never matched in the recorded history, rules another rule makes redundant or that a
 * deny/ask rule always overrides, and allow rules broad enough to cover dangerous actions (recorded
 * ones, or probes of dangerous kinds and the project's own scripts), each with its evidence. Pure
 * and sliced: it yields its progress whenever a slice has run `sliceMs`, so a caller can keep
 * frames free between slices and drop a stale run midway; it returns the findings.
 */
export function* ruleHealthSteps(
  input: RuleHealthInput,
  slices: HealthSlices = {},
): Generator<RuleHealthProgress, RuleHealthFinding[]> {
  const sliceMs = slices.sliceMs ?? Number.POSITIVE_INFINITY;
  const now = slices.now ?? (() => performance.now());
  let sliceStart = now();
  let work = 0;
  /**
   * Whether this slice is used up: the clock is read every 16 matches, and after each risk check
   * (a decide() with the analyzer costs far more than a match).
   */
  const due = (costly = false) => (costly || (++work & 15) === 0) && now() - sliceStart >= sliceMs;
  const total = input.rules.length;
  let checked = 0;
  const progress = (): RuleHealthProgress => {
    sliceStart = now();
    return { checked, total };
  };

  const compiled: Compiled[] = [];
  for (const rule of input.rules) {
    const c = compile(rule, input);
    for (const a of input.history) {
      if (c.matches(a)) c.matched.add(a);
      if (due()) yield progress();
    }
    const first = c.matched.values().next().value;
    if (c.target && first) c.probe = probeOf(c.target, first);
    compiled.push(c);
    checked += 1;
  }
  const findings: RuleHealthFinding[] = [];

  for (const c of compiled) {
    if (due(true)) yield progress();
    const finding = usage(c, compiled, input.history.length);
    if (finding) findings.push(finding);
  }

  for (const c of compiled) {
    if (c.rule.effect !== 'allow') continue;
    const evidence: string[] = [];
    for (const a of c.matched) {
      const why = input.risk(a);
      if (why) evidence.push(`recorded: ${textOf(a)} (${why})`);
      if (evidence.length >= EXAMPLES) break;
      if (due(true)) yield progress();
    }
    for (const p of input.probes) {
      if (evidence.length >= EXAMPLES + 1) break;
      if (due()) yield progress();
      if (!c.matches(p.action)) continue;
      const why = input.risk(p.judged ?? p.action);
      if (why) evidence.push(`would allow ${p.label ?? textOf(p.action)} (${why})`);
      if (due(true)) yield progress();
    }
    if (evidence.length > 0)
      findings.push({
        rule: c.rule,
        kind: 'broad-allow',
        ...said(c.rule, 'is broad enough to allow dangerous actions'),
        evidence,
      });
  }
  return findings;
}

function textOf(a: Action): string {
  return `${a.tool} ${clip(actionSummary(a), 80)}`;
}
