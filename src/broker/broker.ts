import { verdictFromClassifier } from '../classifier/verdict.js';
import type { Action, ActionOutcome } from '../domain/action.js';
import type { Classifier } from '../domain/classification.js';
import type { Answer } from '../domain/verdict.js';
import type { WardenStore } from '../store/create-store.js';
import type { ActionRecord } from '../store/types.js';
import type { AuditLog } from './audit-log.js';

/** What the agent is told. */
export interface BrokerAnswer {
  readonly answer: Answer;
  readonly reason: string;
  readonly by: string;
}

export interface BrokerOptions {
  readonly store: WardenStore;
  readonly audit: AuditLog;
  readonly classifier: Classifier;
  /** Answer a held action this long after it arrived, before the agent's hook times out. */
  readonly holdTimeoutMs: number;
  /**
   * With no person at a console (`warden serve`), held actions are answered at once with this;
   * undefined means wait for a person (or the timeout).
   */
  readonly onHold?: 'ask' | 'deny';
  readonly now?: () => number;
  /** Told of every answered action (`warden serve` prints a line per decision). */
  readonly onDecision?: (record: ActionRecord, answer: BrokerAnswer) => void;
}

export interface Broker {
  /** Judges an action; resolves when the agent can be answered (at once, or when a person decides). */
  submit(action: Action): Promise<BrokerAnswer>;
  outcome(outcome: ActionOutcome, tool: string): void;
  /** Answers every parked action with `ask` (console quitting). */
  releaseAll(reason: string): void;
  /** Actions whose hook response is still parked. */
  pendingCount(): number;
  /** Store listeners: pass these to createWardenStore. */
  readonly listeners: {
    onResolved(records: readonly ActionRecord[]): void;
    onWantsClassifier(records: readonly ActionRecord[]): void;
  };
}

interface Parked {
  readonly answer: (a: BrokerAnswer) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * Owns pending actions: records each in the store, parks the hook response of a held one until a
 * person, a rule added later, the classifier or the timeout resolves it, and writes every decision
 * to the audit log before the agent is answered.
 */
export function createBroker(
  options: Omit<BrokerOptions, 'store'>,
): Broker & { attach(store: WardenStore): void } {
  const now = options.now ?? Date.now;
  const parked = new Map<string, Parked>();
  let store: WardenStore | undefined;
  const classifying = new Set<string>();

  const audit = (record: ActionRecord, answer: BrokerAnswer) => {
    const a = record.action;
    options.audit.write({
      event: 'decision',
      id: a.id,
      agent: a.agent,
      session: a.sessionId,
      tool: a.tool,
      input: a.input,
      cwd: a.cwd,
      decision: answer.answer,
      verdict: record.verdict.decision,
      ...(store !== undefined && { mode: store.getState().mode }),
      by: answer.by,
      who: record.resolution?.who ?? 'warden',
      reason: answer.reason,
      latencyMs: now() - a.receivedAt,
      ...(record.verdict.category !== undefined && { category: record.verdict.category }),
      ...(a.toolUseId !== undefined && { toolUseId: a.toolUseId }),
    });
    options.onDecision?.(record, answer);
  };

  const answerOf = (record: ActionRecord): BrokerAnswer => {
    const r = record.resolution;
    if (r) return { answer: r.answer, reason: r.reason, by: r.by };
    return { answer: 'ask', reason: record.verdict.reason, by: record.verdict.by };
  };

  const settle = (records: readonly ActionRecord[]) => {
    for (const record of records) {
      const answer = answerOf(record);
      audit(record, answer);
      const p = parked.get(record.action.id);
      if (p) {
        clearTimeout(p.timer);
        parked.delete(record.action.id);
        p.answer(answer);
      }
    }
  };

  const classify = (record: ActionRecord) => {
    const id = record.action.id;
    if (!store || options.classifier.status !== 'on') return;
    if (classifying.has(id)) {
      // Still with the model (a re-judge held it meanwhile, then handed it back): its answer is coming.
      store.getState().markClassifying(id);
      return;
    }
    classifying.add(id);
    store.getState().markClassifying(id);
    const showStatus = () => store?.getState().setClassifierStatus(options.classifier.describe());
    const pending = options.classifier.classify(record.action);
    showStatus();
    pending
      .catch((error: unknown) => ({
        verdict: 'unsure' as const,
        reason: `classifier failed: ${String(error)}`,
      }))
      .then((result) => {
        classifying.delete(id);
        const s = store!.getState();
        const denials = s.denials[record.action.sessionId];
        const v = verdictFromClassifier(result, denials);
        if ('usage' in result && result.usage) {
          options.audit.write({ event: 'classifier', id, session: record.action.sessionId, ...result.usage });
        }
        s.classified(id, v);
        // The header: the backend, its load, and the last failure (a failing backend holds actions).
        showStatus();
        const after = store!.getState().records.get(id);
        if (after?.status === 'held') applyOnHold(after);
      });
  };

  const applyOnHold = (record: ActionRecord) => {
    if (!options.onHold || !store) return;
    const reason =
      options.onHold === 'ask'
        ? `warden (no console attached) hands this to you: ${record.verdict.reason}`
        : `blocked: warden holds this for a person and none is at the console (${record.verdict.reason})`;
    store
      .getState()
      .resolve([record.action.id], options.onHold, 'mode', `serve:on-hold-${options.onHold}`, reason);
  };

  return {
    attach(s) {
      store = s;
    },
    listeners: {
      onResolved: settle,
      onWantsClassifier(records) {
        for (const r of records) classify(r);
      },
    },
    submit(action) {
      if (!store) throw new Error('broker used before a store was attached');
      const record = store.getState().receive(action);
      if (record.status !== 'held') {
        const answer = answerOf(record);
        audit(record, answer);
        return Promise.resolve(answer);
      }
      // A store listener (a rule reload) may have settled it already; settle() logged it then.
      const current = store.getState().records.get(action.id);
      if (current && current.status !== 'held' && current.status !== 'classifying')
        return Promise.resolve(answerOf(current));
      return new Promise<BrokerAnswer>((resolve) => {
        const timer = setTimeout(() => {
          store!
            .getState()
            .resolve(
              [action.id],
              'ask',
              'timeout',
              'timeout',
              `warden: nobody decided within ${Math.round(options.holdTimeoutMs / 1000)} s; ${record.verdict.reason}`,
            );
        }, options.holdTimeoutMs);
        timer.unref?.();
        parked.set(action.id, { answer: resolve, timer });
        if (record.verdict.wantsClassifier && options.classifier.status === 'on') classify(record);
        else applyOnHold(record);
      });
    },
    outcome(outcome, tool) {
      store?.getState().recordOutcome(outcome);
      options.audit.write({
        event: 'outcome',
        session: outcome.sessionId,
        tool,
        ok: outcome.ok,
        ...(outcome.toolUseId !== undefined && { toolUseId: outcome.toolUseId }),
        ...(outcome.exitCode !== undefined && { exitCode: outcome.exitCode }),
        ...(outcome.summary && { summary: outcome.summary }),
      });
    },
    releaseAll(reason) {
      if (!store) return;
      store.getState().resolve([...parked.keys()], 'ask', 'shutdown', 'shutdown', reason);
    },
    pendingCount() {
      return parked.size;
    },
  };
}
