import { actionFromToolCall } from '../../adapters/tool-call.js';
import type { Action, AgentKind } from '../../domain/action.js';
import type { Answer, Decision } from '../../domain/verdict.js';
import { isInside } from '../protected-paths.js';

/** One action from the audit log, rebuilt, with what warden decided then. */
export interface RecordedAction {
  readonly action: Action;
  /** Epoch ms of the decision. */
  readonly at: number;
  /** warden's verdict then (allow, deny or hold for a person). */
  readonly verdict: Decision;
  /** The answer the agent got (after a person, when held). */
  readonly answer: Answer;
  /** What decided it, e.g. `rule:allow Bash(npm test *)`, `mode:manual`, `user`. */
  readonly by: string;
}

export interface RecordedRead {
  readonly actions: RecordedAction[];
  /** Decision records that could not be rebuilt, by why. */
  readonly skipped: Readonly<Record<string, number>>;
}

export interface RecordedFilter {
  /** Only decisions at or after this epoch ms. */
  readonly since?: number;
  /** Only actions whose working folder is inside this project. */
  readonly projectRoot?: string;
}

const DECISIONS = new Set(['allow', 'deny', 'hold']);
const ANSWERS = new Set(['allow', 'deny', 'ask']);
const AGENTS = new Set(['claude-code', 'gemini-cli', 'codex']);

/**
 * Rebuilds the actions of the audit log's `decision` records (oldest first), for replay and the
 * rule editor's preview. Pure: the caller reads the files (src/broker/audit-reader.ts).
 */
export function recordedActions(
  records: readonly Readonly<Record<string, unknown>>[],
  filter: RecordedFilter = {},
): RecordedRead {
  const actions: RecordedAction[] = [];
  const skipped: Record<string, number> = {};
  const skip = (why: string) => {
    skipped[why] = (skipped[why] ?? 0) + 1;
  };
  for (const r of records) {
    if (r.event !== 'decision') continue;
    const at = typeof r.t === 'string' ? Date.parse(r.t) : Number.NaN;
    if (!Number.isFinite(at)) {
      skip('no time');
      continue;
    }
    if (filter.since !== undefined && at < filter.since) continue;
    const { tool, input, cwd } = r;
    if (typeof tool !== 'string' || typeof cwd !== 'string' || typeof input !== 'object' || input === null) {
      skip('no tool, input or cwd');
      continue;
    }
    if (filter.projectRoot !== undefined && !isInside(cwd, filter.projectRoot)) continue;
    const verdict =
      typeof r.verdict === 'string' && DECISIONS.has(r.verdict) ? (r.verdict as Decision) : undefined;
    const answer =
      typeof r.decision === 'string' && ANSWERS.has(r.decision) ? (r.decision as Answer) : undefined;
    if (verdict === undefined || answer === undefined) {
      skip('no verdict or answer');
      continue;
    }
    const agent = typeof r.agent === 'string' && AGENTS.has(r.agent) ? (r.agent as AgentKind) : undefined;
    const action = actionFromToolCall(
      {
        tool,
        input: input as Record<string, unknown>,
        cwd,
        ...(agent !== undefined && { agent }),
        ...(typeof r.session === 'string' && { sessionId: r.session }),
      },
      typeof r.id === 'string' ? r.id : `recorded-${actions.length}`,
      at,
    );
    actions.push({ action, at, verdict, answer, by: typeof r.by === 'string' ? r.by : 'unknown' });
  }
  return { actions, skipped };
}
