import type { Action } from '../domain/action.js';
import type { Analyzer, Environment } from '../domain/analysis.js';
import { decide } from '../policy/decide.js';
import { compileRules } from '../policy/rules/index.js';
import { type LoggedRecord, type RecordedDecision, recordedDecisions } from '../replay/index.js';
import type { Probe } from './health.js';

/** Days of audit log rule health looks back (doctor and the console's rules view alike). */
export const HEALTH_DAYS = 30;

/** What rule health needs from the process: the console's deps; `warden doctor` builds the same parts. */
export interface RuleHealthDeps {
  readonly env: Environment;
  readonly analyzer: Analyzer;
  /** Every project's recorded actions since an epoch ms (the audit log), oldest first. */
  loadHistory(since: number): Promise<readonly Action[]> | readonly Action[];
  /** Probes for these projects (the dangerous kinds and their scripts); none given: the caller's own. */
  probes(projectRoots: readonly string[]): readonly Probe[];
  /** Epoch ms now: where the history window ends. */
  now(): number;
}

/** The audit log's decisions since an epoch ms, rebuilt as actions, oldest first. */
export function recordedActionsSince(records: readonly LoggedRecord[], since: number): Action[] {
  return actionsSince(recordedDecisions(records).decisions, since);
}

/** The recorded decisions' actions since an epoch ms. */
export function actionsSince(decisions: readonly RecordedDecision[], since: number): Action[] {
  return decisions.filter((d) => d.at !== undefined && Date.parse(d.at) >= since).map((d) => d.action);
}

/**
 * Why an allow rule must not cover an action: what the policy with no rules denies (the analyzer's
 * dangerous kinds) or holds as a protected path; undefined otherwise. Memoised by action.
 */
export function healthRisk(env: Environment, analyzer: Analyzer): (action: Action) => string | undefined {
  const none = compileRules([]);
  const memo = new Map<Action, string | null>();
  return (action) => {
    const hit = memo.get(action);
    if (hit !== undefined) return hit ?? undefined;
    let risk: string | undefined;
    try {
      const v = decide(action, none, 'auto', { env, analyzer });
      if (v.decision === 'deny' || (v.decision === 'hold' && v.by === 'tier:protected-path')) risk = v.reason;
    } catch {
      risk = 'the analyzer could not judge it';
    }
    if (memo.size > 50_000) memo.clear();
    memo.set(action, risk ?? null);
    return risk;
  };
}
