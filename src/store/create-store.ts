import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Action, ActionOutcome, SessionInfo } from '../domain/action.js';
import { DEFAULT_MODE, MODES, type ModeName, nextMode } from '../domain/mode.js';
import type { Rule } from '../domain/rule.js';
import type { Answer, Verdict } from '../domain/verdict.js';
import type { DenialCount } from '../policy/decide.js';
import type { RuleSet } from '../policy/rules/index.js';
import { NO_OFFERS, type OfferState } from '../rule-offer/offer.js';
import { effectiveMarks, isHeld, targetIds, visibleHeldIds } from './selectors.js';
import type { ActionRecord, ActionStatus, Resolver, WardenData } from './types.js';

export interface StoreDeps {
  /** The policy: decide() bound to the environment and analyzer. */
  judge(action: Action, rules: RuleSet, mode: ModeName, denials: DenialCount | undefined): Verdict;
  compileRules(rules: readonly Rule[]): RuleSet;
  /** Told of every action answered from the held queue (the broker answers the parked hook). */
  onResolved?(records: readonly ActionRecord[]): void;
  /** Told of held actions that a re-judge (mode or rule change) hands to the classifier. */
  onWantsClassifier?(records: readonly ActionRecord[]): void;
  now?(): number;
  initialMode?: ModeName;
  classifierStatus?: string;
}

export interface WardenActions {
  /** A new action from an agent: judged, recorded, returned. */
  receive(action: Action): ActionRecord;
  /** The classifier is working on a held action. */
  markClassifying(id: string): void;
  /** The classifier's verdict for a held action: allow/deny answer it, hold leaves it for a person. */
  classified(id: string, verdict: Verdict): void;
  /** Answer held actions (no-op for ones already answered). */
  resolve(ids: readonly string[], answer: Answer, who: Resolver, by: string, reason: string): ActionRecord[];
  approve(ids?: readonly string[]): number;
  deny(ids?: readonly string[], reason?: string): number;
  approveAll(): number;
  /** Approve the held actions a predicate picks (`s`: the cursor action and every held one like it). */
  approveWhere(pick: (action: Action) => boolean, reason: string): number;
  setMode(mode: ModeName): void;
  cycleMode(): void;
  /** Rules from files changed (reload): recompiled with the session rules; held actions re-judged. */
  setFileRules(rules: readonly Rule[], errors: readonly string[]): void;
  addSessionRule(rule: Rule): void;
  /** The repeated-approval offers (computed by src/rule-offer; the store only keeps them). */
  setOffers(offers: OfferState): void;
  removeSessionRule(text: string): void;
  recordOutcome(outcome: ActionOutcome): void;
  sessionSeen(info: SessionInfo): void;
  warn(text: string, sessionId?: string): void;
  setClassifierStatus(text: string): void;
  setEndpoint(url: string): void;
  moveCursor(delta: number): void;
  moveCursorTo(where: 'first' | 'last'): void;
  toggleMark(): void;
  toggleRange(): void;
  clearMarks(): void;
  setFilter(text: string): void;
  cycleSessionFilter(): void;
}

export type WardenState = WardenData & WardenActions;
export type WardenStore = StoreApi<WardenState>;

const FINAL: Readonly<Record<Answer, ActionStatus>> = { allow: 'allowed', deny: 'denied', ask: 'asked' };

/**
 * The one source of truth for a console run (zustand vanilla; no React here). Takes its
 * dependencies: the policy, the rule compiler, and listeners the broker uses to answer hooks.
 */
export function createWardenStore(deps: StoreDeps): WardenStore {
  const now = deps.now ?? Date.now;
  const records = new Map<string, ActionRecord>();
  // Append-only, mutated in place like `records` (copying it per action made long sessions quadratic).
  const decided: string[] = [];
  let fileRules: readonly Rule[] = [];
  let warningSeq = 0;

  return createStore<WardenState>()((setState, get, api) => {
    // zustand merges with Object.assign, which turns a 40-key state into a slow dictionary object
    // (~10 µs per update). An object spread is fast only from an object literal: a copy of a copy
    // takes V8's slow path (~2 µs and ~2.8 KB per update), so each copy starts from the initial state.
    const set = (partial: Partial<WardenState>) =>
      setState({ ...api.getInitialState(), ...get(), ...partial }, true);
    const put = (record: ActionRecord) => records.set(record.action.id, record);

    /** Denial bookkeeping for auto mode's escalation. */
    const countDenial = (sessionId: string, denied: boolean): Record<string, DenialCount> => {
      const denials = get().denials;
      const prev = denials[sessionId] ?? { consecutive: 0, total: 0 };
      if (!denied && prev.consecutive === 0) return denials as Record<string, DenialCount>;
      const next = denied
        ? { consecutive: prev.consecutive + 1, total: prev.total + 1 }
        : { ...prev, consecutive: 0 };
      return { ...denials, [sessionId]: next };
    };

    const withCursor = (state: WardenData, held: readonly string[]): Pick<WardenData, 'cursorId'> => {
      const visible = visibleHeldIds({ ...state, held });
      if (state.cursorId !== undefined && visible.includes(state.cursorId))
        return { cursorId: state.cursorId };
      if (visible.length === 0) return { cursorId: undefined };
      // Keep the cursor near where it was: the next held action after the old one, else the last.
      const oldIndex = state.cursorId === undefined ? -1 : state.held.indexOf(state.cursorId);
      const after = visible.find((id) => state.held.indexOf(id) > oldIndex && oldIndex >= 0);
      return { cursorId: after ?? visible[visible.length - 1] };
    };

    const doResolve = (
      ids: readonly string[],
      answer: Answer,
      who: Resolver,
      by: string,
      reason: string,
    ): ActionRecord[] => {
      const state = get();
      const done: ActionRecord[] = [];
      for (const id of ids) {
        const record = records.get(id);
        if (!record || (record.status !== 'held' && record.status !== 'classifying')) continue;
        const next: ActionRecord = {
          ...record,
          status: FINAL[answer],
          resolution: { answer, who, by, reason, at: now() },
        };
        put(next);
        done.push(next);
      }
      if (done.length === 0) return done;
      const doneIds = new Set(done.map((r) => r.action.id));
      for (const r of done) decided.push(r.action.id);
      const held = state.held.filter((id) => !doneIds.has(id));
      const counts = { ...state.counts, held: held.length };
      for (const r of done) counts[answerCount(r.resolution!.answer)] += 1;
      const marks = new Set([...state.marks].filter((id) => !doneIds.has(id)));
      set({
        rev: state.rev + 1,
        held,
        counts,
        marks,
        rangeAnchorId:
          state.rangeAnchorId !== undefined && doneIds.has(state.rangeAnchorId)
            ? undefined
            : state.rangeAnchorId,
        ...withCursor(state, held),
      });
      deps.onResolved?.(done);
      return done;
    };

    /** Re-judge every held action against the current rules and mode (held ones may now be decided). */
    /**
     * `mayAllow` false: re-judging may deny or leave held, never allow (switching to yolo must not
     * wave through what is already waiting, `rm -rf ~` included; it applies to new actions).
     */
    const rejudge = (mayAllow = true) => {
      const state = get();
      const toAnswer = new Map<Answer, { ids: string[]; verdicts: Verdict[] }>();
      const wantsClassifier: ActionRecord[] = [];
      for (const id of state.held) {
        const record = records.get(id);
        if (!record || (record.status !== 'held' && record.status !== 'classifying')) continue;
        const v = deps.judge(record.action, state.rules, state.mode, state.denials[record.action.sessionId]);
        if (v.decision === 'hold' || (v.decision === 'allow' && !mayAllow)) {
          if (v.decision === 'allow') continue;
          if (record.status === 'classifying') {
            // Still the classifier's to answer: leave it with it. Otherwise (pause, plan's holds, a
            // mode without the classifier, an ask rule) it waits for a person, whatever comes back.
            if (!v.wantsClassifier) put({ ...record, verdict: v, status: 'held' });
            continue;
          }
          put({ ...record, verdict: v });
          if (v.wantsClassifier && !record.verdict.wantsClassifier) wantsClassifier.push(records.get(id)!);
          continue;
        }
        const answer: Answer = v.decision;
        const bucket = toAnswer.get(answer) ?? { ids: [], verdicts: [] };
        bucket.ids.push(id);
        bucket.verdicts.push(v);
        toAnswer.set(answer, bucket);
      }
      set({ rev: get().rev + 1 });
      for (const [answer, bucket] of toAnswer) {
        bucket.ids.forEach((id, i) => {
          const v = bucket.verdicts[i]!;
          const who: Resolver = v.by.startsWith('rule:') ? 'rule' : 'mode';
          const record = records.get(id)!;
          put({ ...record, verdict: v });
          doResolve([id], answer, who, v.by, v.reason);
        });
      }
      if (wantsClassifier.length > 0) deps.onWantsClassifier?.(wantsClassifier);
    };

    const recompile = (sessionRules: readonly Rule[]) => deps.compileRules([...sessionRules, ...fileRules]);

    return {
      mode: deps.initialMode ?? DEFAULT_MODE,
      rev: 0,
      records,
      decided,
      held: [],
      sessions: {},
      rules: deps.compileRules([]),
      sessionRules: [],
      ruleErrors: [],
      counts: { allowed: 0, denied: 0, held: 0, asked: 0 },
      denials: {},
      cursorId: undefined,
      marks: new Set(),
      rangeAnchorId: undefined,
      filter: '',
      sessionFilter: undefined,
      classifierStatus: deps.classifierStatus ?? 'off',
      endpoint: undefined,
      warnings: [],
      offers: NO_OFFERS,

      receive(action) {
        const state = get();
        const v = deps.judge(action, state.rules, state.mode, state.denials[action.sessionId]);
        const status: ActionStatus =
          v.decision === 'hold' ? 'held' : v.decision === 'allow' ? 'allowed' : 'denied';
        const record: ActionRecord =
          status === 'held'
            ? { action, verdict: v, status }
            : {
                action,
                verdict: v,
                status,
                resolution: {
                  answer: v.decision as Answer,
                  who: 'warden',
                  by: v.by,
                  reason: v.reason,
                  at: now(),
                },
              };
        put(record);
        const sessions = state.sessions[action.sessionId]
          ? state.sessions
          : {
              ...state.sessions,
              [action.sessionId]: {
                id: action.sessionId,
                agent: action.agent,
                cwd: action.cwd,
                startedAt: action.receivedAt,
              },
            };
        const autoDenial = MODES[state.mode].useAnalyzer && v.by.startsWith('analyzer:');
        const denials =
          status === 'denied' && autoDenial
            ? countDenial(action.sessionId, true)
            : status === 'allowed'
              ? countDenial(action.sessionId, false)
              : state.denials;
        if (status === 'held') {
          const held = [...state.held, action.id];
          set({
            rev: state.rev + 1,
            held,
            sessions,
            denials,
            counts: { ...state.counts, held: held.length },
            cursorId:
              state.cursorId ?? (visibleHeldIds({ ...state, held }).length > 0 ? action.id : undefined),
          });
        } else {
          const counts = { ...state.counts, [status]: state.counts[status as 'allowed' | 'denied'] + 1 };
          decided.push(action.id);
          set({ rev: state.rev + 1, sessions, denials, counts });
        }
        return record;
      },

      markClassifying(id) {
        const record = records.get(id);
        if (!record || record.status !== 'held') return;
        put({ ...record, status: 'classifying' });
        set({ rev: get().rev + 1 });
      },

      classified(id, v) {
        const record = records.get(id);
        // Answered meanwhile (a person, a rule, a timeout): the classifier comes too late.
        if (!record || (record.status !== 'classifying' && record.status !== 'held')) return;
        const state = get();
        const sessionId = record.action.sessionId;
        // The classifier's answer becomes a verdict only through the policy in force now: the mode,
        // rules and denial counts may have changed while the model was thinking.
        const policy = deps.judge(record.action, state.rules, state.mode, state.denials[sessionId]);
        // Switching to yolo never allows what was already waiting (as in rejudge): a person decides.
        const yoloAllow =
          policy.decision === 'allow' && !policy.by.startsWith('rule:') && MODES[state.mode].allowEverything;
        if (yoloAllow) {
          put({ ...record, status: 'held' });
          set({ rev: state.rev + 1 });
          return;
        }
        if (policy.decision !== 'hold') {
          put({ ...record, verdict: policy });
          doResolve(
            [id],
            policy.decision,
            policy.by.startsWith('rule:') ? 'rule' : 'mode',
            policy.by,
            policy.reason,
          );
          return;
        }
        if (!policy.wantsClassifier) {
          put({ ...record, verdict: policy, status: 'held' });
          set({ rev: state.rev + 1 });
          return;
        }
        put({ ...record, verdict: v, status: 'held' });
        if (v.decision === 'hold') {
          set({ rev: state.rev + 1 });
          return;
        }
        set({ denials: countDenial(sessionId, v.decision === 'deny') });
        doResolve([id], v.decision, 'classifier', v.by, v.reason);
      },

      resolve: doResolve,

      approve(ids) {
        const targets = ids ?? targetIds(get());
        return doResolve(targets, 'allow', 'user', 'user', 'approved by the user').length;
      },

      deny(ids, reason) {
        const targets = ids ?? targetIds(get());
        const why = reason?.trim() ? `denied by the user: ${reason.trim()}` : 'denied by the user';
        return doResolve(targets, 'deny', 'user', 'user', why).length;
      },

      approveAll() {
        return doResolve([...get().held], 'allow', 'user', 'user', 'approved by the user (all held)').length;
      },

      approveWhere(pick, reason) {
        const ids = get().held.filter((id) => {
          const record = records.get(id);
          return record !== undefined && pick(record.action);
        });
        return doResolve(ids, 'allow', 'user', 'user', reason).length;
      },

      setMode(mode) {
        if (get().mode === mode) return;
        set({ mode, rev: get().rev + 1 });
        rejudge(!MODES[mode].allowEverything);
      },

      cycleMode() {
        get().setMode(nextMode(get().mode));
      },

      setFileRules(rules, errors) {
        fileRules = rules;
        set({ rules: recompile(get().sessionRules), ruleErrors: errors, rev: get().rev + 1 });
        rejudge();
      },

      setOffers(offers) {
        set({ offers, rev: get().rev + 1 });
      },

      addSessionRule(rule) {
        const sessionRules = [
          ...get().sessionRules.filter((r) => r.text !== rule.text || r.effect !== rule.effect),
          rule,
        ];
        set({ sessionRules, rules: recompile(sessionRules), rev: get().rev + 1 });
        rejudge();
      },

      removeSessionRule(text) {
        const sessionRules = get().sessionRules.filter((r) => r.text !== text);
        set({ sessionRules, rules: recompile(sessionRules), rev: get().rev + 1 });
        rejudge();
      },

      recordOutcome(outcome) {
        // Newest first: the outcome belongs to the latest action with that tool_use_id in the session.
        const decided = get().decided;
        for (let i = decided.length - 1; i >= 0 && i >= decided.length - 2000; i--) {
          const record = records.get(decided[i]!);
          if (
            record &&
            record.action.sessionId === outcome.sessionId &&
            outcome.toolUseId !== undefined &&
            record.action.toolUseId === outcome.toolUseId
          ) {
            put({ ...record, outcome });
            set({ rev: get().rev + 1 });
            return;
          }
        }
      },

      sessionSeen(info) {
        set({ sessions: { ...get().sessions, [info.id]: info }, rev: get().rev + 1 });
      },

      warn(text, sessionId) {
        warningSeq += 1;
        const warning = { id: warningSeq, at: now(), text, ...(sessionId !== undefined && { sessionId }) };
        set({ warnings: [...get().warnings, warning].slice(-50), rev: get().rev + 1 });
      },

      setClassifierStatus(text) {
        set({ classifierStatus: text });
      },

      setEndpoint(url) {
        set({ endpoint: url });
      },

      moveCursor(delta) {
        const state = get();
        const visible = visibleHeldIds(state);
        if (visible.length === 0) return;
        const at = state.cursorId === undefined ? -1 : visible.indexOf(state.cursorId);
        const index = Math.max(0, Math.min(visible.length - 1, at < 0 ? 0 : at + delta));
        set({ cursorId: visible[index], rev: state.rev + 1 });
      },

      moveCursorTo(where) {
        const visible = visibleHeldIds(get());
        if (visible.length === 0) return;
        set({ cursorId: where === 'first' ? visible[0] : visible[visible.length - 1], rev: get().rev + 1 });
      },

      toggleMark() {
        const state = get();
        const id = state.cursorId;
        if (id === undefined || !isHeld(state, id)) return;
        const marks = new Set(state.marks);
        if (marks.has(id)) marks.delete(id);
        else marks.add(id);
        set({ marks, rev: state.rev + 1 });
      },

      toggleRange() {
        const state = get();
        if (state.rangeAnchorId !== undefined) {
          // Closing a range keeps what it covered as marks.
          set({ marks: effectiveMarks(state), rangeAnchorId: undefined, rev: state.rev + 1 });
        } else if (state.cursorId !== undefined) {
          set({ rangeAnchorId: state.cursorId, rev: state.rev + 1 });
        }
      },

      clearMarks() {
        set({ marks: new Set(), rangeAnchorId: undefined, rev: get().rev + 1 });
      },

      setFilter(text) {
        const state = get();
        const next = { ...state, filter: text };
        set({ filter: text, ...withCursor(next, state.held), rev: state.rev + 1 });
      },

      cycleSessionFilter() {
        const state = get();
        const ids = Object.keys(state.sessions);
        const at = state.sessionFilter === undefined ? -1 : ids.indexOf(state.sessionFilter);
        const sessionFilter = at + 1 < ids.length ? ids[at + 1] : undefined;
        const next = { ...state, sessionFilter };
        set({ sessionFilter, ...withCursor(next, state.held), rev: state.rev + 1 });
      },
    };
  });
}

function answerCount(answer: Answer): 'allowed' | 'denied' | 'asked' {
  return answer === 'allow' ? 'allowed' : answer === 'deny' ? 'denied' : 'asked';
}
