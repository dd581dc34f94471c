import type { Action } from '../domain/action.js';
import type { Environment } from '../domain/analysis.js';
import type { Rule } from '../domain/rule.js';
import { compileTarget, parseRule, type RuleTarget } from '../policy/rules/index.js';
import { actionSummary, clip } from '../ui/format.js';

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
  /** One line a person can act on. */
  readonly text: string;
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
}

const EXAMPLES = 2;

/**
 * Rules that never matched in the recorded history, rules another rule makes redundant or that a
 * deny/ask rule always overrides, and allow rules broad enough to cover dangerous actions (recorded
 * ones, or probes of dangerous kinds and the project's own scripts), each with its evidence. Pure.
 */
export function ruleHealth(input: RuleHealthInput): RuleHealthFinding[] {
  const compiled = input.rules.map((rule) => {
    const parsed = parseRule(rule.text);
    const test = parsed.ok ? compileTarget(parsed.target) : undefined;
    const inScope = (a: Action) =>
      rule.source.projectRoot === undefined || rule.source.projectRoot === a.projectRoot;
    const matches = (a: Action) => test !== undefined && inScope(a) && test(a, input.env, rule.effect);
    const matched = new Set(input.history.filter(matches));
    const first = matched.values().next().value;
    return { rule, matches, matched, probe: parsed.ok && first ? probeOf(parsed.target, first) : undefined };
  });
  const findings: RuleHealthFinding[] = [];

  for (const c of compiled) {
    if (input.history.length > 0 && c.matched.size === 0) {
      findings.push({
        rule: c.rule,
        kind: 'never-matched',
        text: `${label(c.rule)} never matched any of the ${input.history.length} recorded actions`,
        evidence: [],
      });
      continue;
    }
    if (c.matched.size === 0) continue;
    // Another rule of the same effect covers all it matched and reads at least as broad.
    const wider = compiled.find(
      (o) =>
        o !== c &&
        o.rule.effect === c.rule.effect &&
        (o.rule.source.projectRoot === undefined ||
          o.rule.source.projectRoot === c.rule.source.projectRoot) &&
        [...c.matched].every((a) => o.matched.has(a)) &&
        (o.matched.size > c.matched.size || (c.probe !== undefined && o.matches(c.probe))),
    );
    if (wider) {
      findings.push({
        rule: c.rule,
        kind: 'redundant',
        text: `${label(c.rule)} is redundant: ${label(wider.rule)} matches everything it matched (${c.matched.size} recorded)`,
        evidence: [wider.rule.text],
      });
      continue;
    }
    if (c.rule.effect === 'allow') {
      const overriding = compiled.filter((o) => o.rule.effect !== 'allow');
      if ([...c.matched].every((a) => overriding.some((o) => o.matched.has(a)))) {
        const first = overriding.find((o) => [...c.matched].some((a) => o.matched.has(a)))!;
        findings.push({
          rule: c.rule,
          kind: 'shadowed',
          text: `${label(c.rule)} never decides: ${label(first.rule)} takes precedence on all ${c.matched.size} actions it matched`,
          evidence: [first.rule.text],
        });
      }
    }
  }

  for (const c of compiled) {
    if (c.rule.effect !== 'allow') continue;
    const evidence: string[] = [];
    for (const a of c.matched) {
      const why = input.risk(a);
      if (why) evidence.push(`recorded: ${textOf(a)} (${why})`);
      if (evidence.length >= EXAMPLES) break;
    }
    for (const p of input.probes) {
      if (evidence.length >= EXAMPLES + 1) break;
      if (!c.matches(p.action)) continue;
      const why = input.risk(p.judged ?? p.action);
      if (why) evidence.push(`would allow ${p.label ?? textOf(p.action)} (${why})`);
    }
    if (evidence.length > 0)
      findings.push({
        rule: c.rule,
        kind: 'broad-allow',
        text: `${label(c.rule)} is broad enough to allow dangerous actions`,
        evidence,
      });
  }
  return findings;
}

function label(rule: Rule): string {
  const where = rule.source.file
    ? ` (${rule.source.file}${rule.source.line ? `:${rule.source.line}` : ''})`
    : '';
  return `${rule.effect} ${rule.text}${where}`;
}

function textOf(a: Action): string {
  return `${a.tool} ${clip(actionSummary(a), 80)}`;
}

/**
 * An action that the rule's own pattern describes (`Bash(git status *)` → `git status x`), to tell
 * which of two rules with the same recorded matches is the wider one. Command rules only.
 */
function probeOf(target: RuleTarget, base: Action): Action | undefined {
  if (target.kind !== 'command') return undefined;
  const command = target.pattern.replace(/:\*$/, ' *').replace(/\*/g, 'x');
  return {
    ...base,
    id: 'probe',
    tool: target.tool,
    toolClass: 'shell',
    input: { command },
    command,
    paths: [],
  };
}
