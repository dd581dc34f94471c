import type { Action } from '../domain/action.js';
import type { Rule } from '../domain/rule.js';
import { compileTarget, parseRule, type RuleTarget } from '../policy/rules/index.js';
import type { RuleHealthFinding, RuleHealthInput } from './health.js';

/** Which rules decide nothing: never matched, redundant beside a wider rule, always overridden. */

export interface Compiled {
  readonly rule: Rule;
  readonly target: RuleTarget | undefined;
  readonly matches: (a: Action) => boolean;
  readonly matched: Set<Action>;
  probe: Action | undefined;
}

export function compile(rule: Rule, input: RuleHealthInput): Compiled {
  const parsed = parseRule(rule.text);
  const test = parsed.ok ? compileTarget(parsed.target, input.partsOf) : undefined;
  const inScope = (a: Action) =>
    rule.source.projectRoot === undefined || rule.source.projectRoot === a.projectRoot;
  const matches = (a: Action) => {
    try {
      return test !== undefined && inScope(a) && test(a, input.env, rule.effect);
    } catch {
      return false;
    }
  };
  return {
    rule,
    target: parsed.ok ? parsed.target : undefined,
    matches,
    matched: new Set(),
    probe: undefined,
  };
}

/** Never matched, redundant beside a wider rule of the same effect, or always overridden; else undefined. */
export function usage(
  c: Compiled,
  compiled: readonly Compiled[],
  history: number,
): RuleHealthFinding | undefined {
  if (history > 0 && c.matched.size === 0)
    return {
      rule: c.rule,
      kind: 'never-matched',
      ...said(c.rule, `never matched any of the ${history} recorded actions`),
      evidence: [],
    };
  if (c.matched.size === 0) return undefined;
  // Another rule of the same effect covers all it matched and reads at least as broad.
  const wider = compiled.find(
    (o) =>
      o !== c &&
      o.rule.effect === c.rule.effect &&
      (o.rule.source.projectRoot === undefined || o.rule.source.projectRoot === c.rule.source.projectRoot) &&
      [...c.matched].every((a) => o.matched.has(a)) &&
      (o.matched.size > c.matched.size || (c.probe !== undefined && o.matches(c.probe))),
  );
  if (wider)
    return {
      rule: c.rule,
      kind: 'redundant',
      ...said(
        c.rule,
        `is redundant: ${label(wider.rule)} matches everything it matched (${c.matched.size} recorded)`,
      ),
      evidence: [wider.rule.text],
    };
  if (c.rule.effect !== 'allow') return undefined;
  const overriding = compiled.filter((o) => o.rule.effect !== 'allow');
  if (![...c.matched].every((a) => overriding.some((o) => o.matched.has(a)))) return undefined;
  const first = overriding.find((o) => [...c.matched].some((a) => o.matched.has(a)))!;
  return {
    rule: c.rule,
    kind: 'shadowed',
    ...said(
      c.rule,
      `never decides: ${label(first.rule)} takes precedence on all ${c.matched.size} actions it matched`,
    ),
    evidence: [first.rule.text],
  };
}

/** A finding's text: the rule named, then what is wrong with it (`detail`, for a view that names the rule itself). */
export function said(rule: Rule, detail: string): { text: string; detail: string } {
  return { text: `${label(rule)} ${detail}`, detail };
}

export function label(rule: Rule): string {
  const where = rule.source.file
    ? ` (${rule.source.file}${rule.source.line ? `:${rule.source.line}` : ''})`
    : '';
  return `${rule.effect} ${rule.text}${where}`;
}

/**
 * An action that the rule's own pattern describes (`Bash(git status *)` → `git status x`), to tell
 * which of two rules with the same recorded matches is the wider one. Command rules only.
 */
export function probeOf(target: RuleTarget, base: Action): Action | undefined {
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
