import type { Action } from '../domain/action.js';
import type { Environment } from '../domain/analysis.js';
import type { Rule, RuleEffect } from '../domain/rule.js';
import type { Decision, Verdict } from '../domain/verdict.js';
import { compileTarget, type PartsOf, parseRule, type RuleSet } from '../policy/rules/index.js';
import type { RecordedDecision } from '../replay/recorded-actions.js';

/** decide() bound to an environment, analyzer and mode: what warden would say now under these rules. */
export type Judge = (action: Action, rules: RuleSet) => Verdict;

/**
 * What a rule being typed would do (issue 13): the held actions it decides now, the recorded
 * actions it would have decided differently, and a warning when it is too wide. Pure and
 * incremental: previewSteps yields a result after each slice of work, so a caller can show the
 * first counts at once, keep frames free between slices, and drop a stale preview midway.
 */

export interface RuleDraft {
  readonly text: string;
  readonly effect: RuleEffect;
}

export interface PreviewSource {
  readonly env: Environment;
  /** Held actions now. */
  readonly held: readonly Action[];
  /** This project's recorded actions (audit log), oldest first. */
  readonly history: readonly RecordedDecision[];
  /** The rules in force, without the one being changed. */
  readonly rules: readonly Rule[];
  compile(rules: readonly Rule[]): RuleSet;
  /** decide() with the current mode. */
  readonly judge: Judge;
  /** Why an allow rule must not cover this action (an analyzer finding, a protected path), named; else undefined. */
  risk(action: Action): string | undefined;
  /** How commands are split for matching (a memo kept across keystrokes); the policy's cache otherwise. */
  readonly partsOf?: PartsOf;
}

export interface SliceOptions {
  /** Yield after this many actions (default: no limit). */
  readonly maxActions?: number;
  /** Yield once a slice has run this long (default 6 ms), so frames are never kept waiting. */
  readonly sliceMs?: number;
  readonly now?: () => number;
}

export interface ChangeExample {
  readonly summary: string;
  readonly before: Decision;
  readonly after: Decision;
}

export interface RulePreview {
  readonly draft: RuleDraft;
  /** The rule does not parse (nothing else is computed). */
  readonly error?: string;
  /** Held actions the rule would decide now, with up to three of them. */
  readonly held: { readonly covered: number; readonly examples: readonly string[] };
  readonly history: {
    readonly total: number;
    readonly scanned: number;
    /** Recorded actions the rule matches. */
    readonly matched: number;
    /** Of those, the ones warden would now decide differently than it did. */
    readonly changed: number;
    readonly examples: readonly ChangeExample[];
  };
  readonly warning?: string;
  /** Every recorded action has been looked at. */
  readonly done: boolean;
}

/** How long one slice may run by default. */
export const SLICE_MS = 6;
const EXAMPLES = 3;

/** A one-line description of an action for examples (the caller strips control characters). */
export function actionSummary(action: Action): string {
  if (action.command !== undefined) return action.command.replace(/\s+/g, ' ').trim();
  const file = action.paths[0];
  return file !== undefined ? `${action.tool} ${file}` : action.tool;
}

export function* previewSteps(
  draft: RuleDraft,
  source: PreviewSource,
  slices: SliceOptions = {},
): Generator<RulePreview, RulePreview> {
  const maxActions = slices.maxActions ?? Number.POSITIVE_INFINITY;
  const sliceMs = slices.sliceMs ?? SLICE_MS;
  const now = slices.now ?? (() => performance.now());
  const text = draft.text.trim();
  const empty = { covered: 0, examples: [] };
  const total = source.history.length;
  const parsed = parseRule(text);
  if (text === '' || !parsed.ok) {
    const error = text === '' ? 'the rule is empty' : parsed.ok ? '' : parsed.error;
    return {
      draft,
      error,
      held: empty,
      history: { total, scanned: 0, matched: 0, changed: 0, examples: [] },
      done: true,
    };
  }
  const matcher = compileTarget(parsed.target, source.partsOf);
  const matches = (action: Action) => {
    try {
      return matcher(action, source.env, draft.effect);
    } catch {
      return false;
    }
  };
  const rule: Rule = { effect: draft.effect, text, source: { origin: 'session' } };
  let ruleSet: RuleSet | undefined;
  const withDraft = () => {
    ruleSet ??= source.compile([...source.rules, rule]);
    return ruleSet;
  };

  let warning: string | undefined;
  let routine = 0;
  let routineExample: string | undefined;
  const notice = (action: Action, answer: string | undefined) => {
    if (draft.effect === 'allow') {
      if (warning !== undefined) return;
      const risk = source.risk(action);
      if (risk !== undefined) warning = `also allows ${clipText(actionSummary(action))}: ${risk}`;
    } else if (answer === 'allow') {
      routine += 1;
      routineExample ??= actionSummary(action);
    }
  };

  const heldExamples: string[] = [];
  let covered = 0;
  for (const action of source.held) {
    if (!matches(action)) continue;
    covered += 1;
    if (heldExamples.length < EXAMPLES) heldExamples.push(actionSummary(action));
    notice(action, undefined);
  }
  const held = { covered, examples: heldExamples };

  let scanned = 0;
  let matched = 0;
  let changed = 0;
  const examples: ChangeExample[] = [];
  const snapshot = (done: boolean): RulePreview => {
    const routineWarning =
      draft.effect !== 'allow' && routine > 0
        ? `would ${draft.effect === 'deny' ? 'block' : 'hold'} ${routine} recorded action${routine === 1 ? '' : 's'} that ran (e.g. ${clipText(routineExample ?? '')})`
        : undefined;
    const w = warning ?? routineWarning;
    return {
      draft,
      held,
      history: { total, scanned, matched, changed, examples: [...examples] },
      ...(w !== undefined && { warning: w }),
      done,
    };
  };

  let inSlice = 0;
  let sliceStart = now();
  for (const recorded of source.history) {
    scanned += 1;
    inSlice += 1;
    // Judging costs far more than matching: after one, and every 16 actions otherwise, look at the clock.
    let judged = false;
    if (matches(recorded.action)) {
      matched += 1;
      judged = true;
      let after: Decision;
      try {
        after = source.judge(recorded.action, withDraft()).decision;
      } catch {
        after = 'hold';
      }
      const before = recorded.before.verdict;
      if (after !== before) {
        changed += 1;
        if (examples.length < EXAMPLES)
          examples.push({ summary: actionSummary(recorded.action), before, after });
      }
      notice(recorded.action, recorded.before.answer);
    }
    if (
      scanned < total &&
      (inSlice >= maxActions || ((judged || (scanned & 15) === 0) && now() - sliceStart >= sliceMs))
    ) {
      yield snapshot(false);
      inSlice = 0;
      sliceStart = now();
    }
  }
  return snapshot(true);
}

/** Runs every step at once (tests, scripts). */
export function previewRule(draft: RuleDraft, source: PreviewSource): RulePreview {
  const steps = previewSteps(draft, source, { sliceMs: Number.POSITIVE_INFINITY });
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

function clipText(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
