import type { Action } from '../domain/action.js';
import type { Analyzer, Environment } from '../domain/analysis.js';
import type { ModeName } from '../domain/mode.js';
import type { Rule } from '../domain/rule.js';
import { isInside } from '../places/inside.js';
import { decide, protectedReason } from '../policy/decide.js';
import { commandParts } from '../policy/rules/command-match.js';
import type { PartsOf, RuleSet } from '../policy/rules/index.js';
import { type LoggedRecord, type RecordedDecision, recordedDecisions } from '../replay/recorded-actions.js';
import type { PreviewSource } from './preview.js';

/** What the preview (and the offered rule's safety check) needs from the process. */
export interface PreviewDeps {
  readonly env: Environment;
  readonly analyzer: Analyzer;
  /** Compiles rules as the store does; `partsOf` is the preview's memo of command splits. */
  compile(rules: readonly Rule[], partsOf?: PartsOf): RuleSet;
  /** This project's recorded actions (default: the last 7 days), oldest first. */
  loadHistory(
    projectRoot: string | undefined,
  ): Promise<readonly RecordedDecision[]> | readonly RecordedDecision[];
}

/** Days of audit log the preview looks back by default. */
export const HISTORY_DAYS = 7;

/** The audit log's decisions since an epoch ms, in one project (its cwd inside it), rebuilt as actions. */
export function projectHistory(
  records: readonly LoggedRecord[],
  since: number,
  projectRoot: string | undefined,
): RecordedDecision[] {
  return projectDecisions(recordedDecisions(records).decisions, since, projectRoot);
}

/** The recorded decisions since an epoch ms, in one project (its cwd inside it). */
export function projectDecisions(
  decisions: readonly RecordedDecision[],
  since: number,
  projectRoot: string | undefined,
): RecordedDecision[] {
  return decisions.filter(
    (d) =>
      d.at !== undefined &&
      Date.parse(d.at) >= since &&
      (projectRoot === undefined || isInside(d.action.cwd, projectRoot)),
  );
}

/** A memo of why an allow rule must not cover an action: the analyzer's dangerous finding or a protected path. */
export function riskOf(analyzer: Analyzer, env: Environment): (action: Action) => string | undefined {
  const memo = new Map<Action, string | null>();
  return (action) => {
    const hit = memo.get(action);
    if (hit !== undefined) return hit ?? undefined;
    let risk: string | undefined;
    try {
      const guarded = protectedReason(action, env);
      if (guarded) risk = `protected path ${guarded}`;
      else {
        const analysis = analyzer.analyze(action, env);
        if (analysis.kind === 'dangerous') risk = `the analyzer calls it dangerous (${analysis.finding})`;
      }
    } catch {
      risk = 'the analyzer could not judge it';
    }
    if (memo.size > 50_000) memo.clear();
    memo.set(action, risk ?? null);
    return risk;
  };
}

/**
 * A memo of command splits for previews: the policy's own cache holds 5,000 commands, and a week
 * of history has more, so each keystroke would parse them all again.
 */
export function partsMemo(limit = 100_000): PartsOf {
  // Keyed by home, then by the command string itself: a joined key would be a new string to hash on
  // every call, where an action's own command string keeps its hash (10,000 actions × each rule).
  const memo = new Map<string, Map<string, ReturnType<PartsOf>>>();
  let size = 0;
  return (command, home) => {
    let byCommand = memo.get(home);
    if (byCommand === undefined) {
      byCommand = new Map();
      memo.set(home, byCommand);
    }
    let hit = byCommand.get(command);
    if (hit === undefined) {
      hit = commandParts(command, home);
      if (size >= limit) {
        byCommand.clear();
        size = 0;
      }
      byCommand.set(command, hit);
      size += 1;
    }
    return hit;
  };
}

/** A preview source for the current held actions, rules and mode. */
export function previewSource(
  deps: PreviewDeps,
  input: {
    readonly held: readonly Action[];
    readonly history: readonly RecordedDecision[];
    readonly rules: readonly Rule[];
    readonly mode: ModeName;
    readonly risk: (action: Action) => string | undefined;
    readonly partsOf?: PartsOf;
  },
): PreviewSource {
  const ctx = { env: deps.env, analyzer: deps.analyzer };
  return {
    env: deps.env,
    held: input.held,
    history: input.history,
    rules: input.rules,
    compile: (rules) => deps.compile(rules, input.partsOf),
    judge: (action, rules) => decide(action, rules, input.mode, ctx),
    risk: input.risk,
    ...(input.partsOf && { partsOf: input.partsOf }),
  };
}
