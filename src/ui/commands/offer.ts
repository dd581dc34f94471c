import { ruleLabel } from '../../domain/rule.js';
import { type Approval, checkDone, countApprovals, DEFAULT_OFFER_AFTER } from '../../rule-offer/offer.js';
import { type PreviewSource, previewSteps } from '../../rules-preview/preview.js';
import { type PreviewDeps, partsMemo, previewSource, riskOf } from '../../rules-preview/source.js';
import type { ActionRecord } from '../../store/types.js';
import type { RunContext } from './types.js';

const risks = new WeakMap<PreviewDeps, ReturnType<typeof riskOf>>();
const riskFor = (deps: PreviewDeps) => {
  let risk = risks.get(deps);
  if (!risk) {
    risk = riskOf(deps.analyzer, deps.env);
    risks.set(deps, risk);
  }
  return risk;
};

/** The held ids a command just approved (a person approved them: `user`). */
export function approvedAmong(ctx: RunContext, ids: readonly string[]): ActionRecord[] {
  const records = ctx.store.getState().records;
  return ids.flatMap((id) => {
    const r = records.get(id);
    return r && r.status === 'allowed' && r.resolution?.who === 'user' ? [r] : [];
  });
}

/**
 * Counts a person's approvals by the rule each action proposes; a rule that reaches the threshold
 * (config `offerRuleAfter`) is checked against the held actions and this project's audit log,
 * off the key path, and offered for the session when nothing it covers is risky. Without the
 * analyzer (no preview deps) nothing is offered.
 */
export function noteApprovals(ctx: RunContext, approved: readonly ActionRecord[]): void {
  const { deps, store } = ctx;
  const threshold = deps.offerRuleAfter ?? DEFAULT_OFFER_AFTER;
  const preview = deps.preview;
  if (!preview || threshold <= 0 || approved.length === 0) return;
  const risk = riskFor(preview);
  const approvals: Approval[] = [];
  for (const { action, verdict } of approved) {
    let rule: string;
    try {
      rule = deps.suggestRule(action);
      // A rule that would not have settled this action is no answer to approving it.
      if (!deps.ruleCovers(rule, action)) continue;
    } catch {
      continue;
    }
    const actionRisk =
      verdict.category !== undefined ? `${verdict.by} called it ${verdict.category}` : risk(action);
    approvals.push({ rule, risk: actionRisk });
  }
  const { state, due } = countApprovals(store.getState().offers, approvals, threshold);
  store.getState().setOffers(state);
  for (const rule of due) {
    void historyRisk(ctx, preview, rule).then((found) =>
      store.getState().setOffers(checkDone(store.getState().offers, rule, found)),
    );
  }
}

/** Why the rule must not be offered (it covers a risky held or recorded action, or is in force), else undefined. */
async function historyRisk(ctx: RunContext, deps: PreviewDeps, rule: string): Promise<string | undefined> {
  try {
    const s = ctx.store.getState();
    if (s.rules.rules.some((r) => r.effect === 'allow' && r.text === rule))
      return `${ruleLabel({ effect: 'allow', text: rule, source: { origin: 'session' } })} is in force already`;
    const project = Object.values(s.sessions)[0]?.cwd;
    const history = await deps.loadHistory(project);
    const held = s.held.flatMap((id) => {
      const r = s.records.get(id);
      return r ? [r.action] : [];
    });
    const source: PreviewSource = previewSource(deps, {
      held,
      history,
      rules: s.rules.rules,
      mode: s.mode,
      risk: riskFor(deps),
      partsOf: partsMemo(),
    });
    const steps = previewSteps({ text: rule, effect: 'allow' }, source);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value.error ?? step.value.warning;
      // Let frames and keys through between slices.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } catch (error) {
    return `could not check the audit log: ${(error as Error).message}`;
  }
}
