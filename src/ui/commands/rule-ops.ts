import type { Rule, RuleScope } from '../../domain/rule.js';
import type { RuleProposal, RunContext } from './types.js';

/**
 * A rule's identity in the rules view: effect, text and where it comes from. Selection holds
 * this, never a row index, so a rule file reload cannot make `x` remove a different rule.
 */
export function ruleKey(rule: Rule): string {
  return JSON.stringify([rule.effect, rule.text, rule.source.origin, rule.source.file ?? '']);
}

export function findRule(rules: readonly Rule[], key: string | undefined): Rule | undefined {
  return key === undefined ? undefined : rules.find((r) => ruleKey(r) === key);
}

/** The rule `delta` rows from the selected one (the first when the selection is gone). */
export function stepSelection(
  rules: readonly Rule[],
  key: string | undefined,
  delta: number,
): string | undefined {
  if (rules.length === 0) return undefined;
  const at = key === undefined ? -1 : rules.findIndex((r) => ruleKey(r) === key);
  if (at < 0) return ruleKey(rules[0]!);
  return ruleKey(rules[Math.min(rules.length - 1, Math.max(0, at + delta))]!);
}

/** The rule to select once `rule` is gone: the next one, else the previous one. */
export function neighbourKey(rules: readonly Rule[], rule: Rule): string | undefined {
  const at = rules.findIndex((r) => ruleKey(r) === ruleKey(rule));
  const next = rules[at + 1] ?? rules[at - 1];
  return at >= 0 && next ? ruleKey(next) : undefined;
}

export function scopeOf(rule: Rule): RuleScope {
  const origin = rule.source.origin;
  if (origin === 'session') return 'session';
  return origin === 'claude-user' || origin === 'warden-user' ? 'user' : 'project';
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Takes a rule out of force (session rules in the store, file rules through the deps). Error text or undefined. */
export async function removeRuleInForce(ctx: RunContext, rule: Rule): Promise<string | undefined> {
  if (rule.source.origin === 'session') {
    ctx.store.getState().removeSessionRule(rule.text);
  } else {
    let error: string | undefined;
    try {
      error = await ctx.deps.removeRule(rule);
    } catch (e) {
      error = errorText(e);
    }
    if (error !== undefined) {
      ctx.say(`could not remove ${rule.text}: ${error}`);
      return error;
    }
  }
  ctx.say(`removed ${rule.effect} ${rule.text}`);
  return undefined;
}

/**
 * Puts a rule in force (replacing one, when changed from the rules view). Session rules go to
 * the store, project/user rules to their file. Says what it settled; error text or undefined.
 */
export async function addRuleInForce(
  ctx: RunContext,
  proposal: RuleProposal,
  replacing?: Rule,
): Promise<string | undefined> {
  const { store, ui, deps } = ctx;
  const text = proposal.text.trim();
  if (text === '') return 'the rule is empty';
  const heldBefore = store.getState().held.length;
  if (replacing) {
    const error = await removeRuleInForce(ctx, replacing);
    if (error !== undefined) return `could not remove ${replacing.text}: ${error}`;
  }
  if (proposal.scope === 'session') {
    store.getState().addSessionRule({ effect: proposal.effect, text, source: { origin: 'session' } });
  } else {
    ui?.setState({ busy: true });
    let error: string | undefined;
    try {
      error = await deps.addRule({ ...proposal, text });
    } catch (e) {
      error = errorText(e);
    }
    ui?.setState({ busy: false });
    if (error !== undefined) return `could not add the rule: ${error}`;
  }
  const resolved = heldBefore - store.getState().held.length;
  ctx.say(
    `${proposal.effect} ${text} (${proposal.scope}) in force${resolved > 0 ? `; it settled ${resolved} held` : ''}`,
  );
  return undefined;
}
