import { actionFromToolCall } from '../adapters/tool-call.js';
import type { Action, AgentKind } from '../domain/action.js';
import { isModeName, type ModeName } from '../domain/mode.js';
import type { Answer, Decision } from '../domain/verdict.js';

/** One line of the audit log as replay reads it (the log's own type is a loose record). */
export type LoggedRecord = { readonly event: string; readonly t?: string } & Readonly<
  Record<string, unknown>
>;

/** What the recorded run did with an action. */
export interface RecordedOutcome {
  /** The policy's verdict (hold: a person, the classifier or a timeout then answered). */
  readonly verdict: Decision;
  /** The answer the agent got. */
  readonly answer: Answer;
  readonly by: string;
  readonly who: string;
}

export interface RecordedDecision {
  readonly action: Action;
  /** ISO time of the decision, when the log has it. */
  readonly at?: string;
  /** The mode it was decided in (logs from before warden recorded it have none). */
  readonly mode?: ModeName;
  readonly before: RecordedOutcome;
}

export interface RecordedRead {
  readonly decisions: RecordedDecision[];
  /** Why decision records could not be replayed, with counts. */
  readonly skipped: ReadonlyMap<string, number>;
}

const AGENTS: readonly AgentKind[] = ['claude-code', 'gemini-cli', 'codex'];
const CUT = /… \[\d+ more characters\]$/;

/**
 * The decision records of an audit log as actions that can be judged again. A session's project
 * root is the cwd of its first recorded call (as the console decides it). Records that cannot be
 * replayed faithfully are counted by reason, never guessed at: input cut by the log's size limit,
 * a missing tool, input or cwd, an unknown verdict.
 */
export function recordedDecisions(records: readonly LoggedRecord[]): RecordedRead {
  const reader = decisionReader();
  for (const r of records) reader.add(r);
  return reader.read();
}

/** recordedDecisions one record at a time (a caller that reads in slices); `read()` gives what was added so far. */
export function decisionReader(): { add(record: LoggedRecord): void; read(): RecordedRead } {
  const roots = new Map<string, string>();
  const skipped = new Map<string, number>();
  const skip = (why: string) => skipped.set(why, (skipped.get(why) ?? 0) + 1);
  const decisions: RecordedDecision[] = [];
  const add = (r: LoggedRecord) => {
    if (r.event !== 'decision') return;
    const { tool, input, cwd, session, verdict, decision, id } = r;
    if (typeof tool !== 'string' || typeof cwd !== 'string' || !isObject(input)) {
      skip('no tool, input or cwd in the record');
      return;
    }
    const sessionId = typeof session === 'string' ? session : 'unknown';
    if (!roots.has(sessionId)) roots.set(sessionId, cwd);
    if (!isDecision(verdict) || !isAnswer(decision)) {
      skip('no verdict or answer in the record');
      return;
    }
    if (hasCutString(input)) {
      skip('input cut by the log (over 4,000 characters)');
      return;
    }
    const agent = AGENTS.includes(r.agent as AgentKind) ? (r.agent as AgentKind) : 'claude-code';
    const action = actionFromToolCall(
      {
        tool,
        input,
        cwd,
        projectRoot: roots.get(sessionId)!,
        agent,
        sessionId,
        ...(typeof r.toolUseId === 'string' && { toolUseId: r.toolUseId }),
      },
      typeof id === 'string' ? id : `r${decisions.length + 1}`,
      typeof r.t === 'string' ? Date.parse(r.t) || 0 : 0,
    );
    decisions.push({
      action,
      ...(typeof r.t === 'string' && { at: r.t }),
      ...(isModeName(r.mode) && { mode: r.mode }),
      before: {
        verdict,
        answer: decision,
        by: typeof r.by === 'string' ? r.by : 'unknown',
        who: typeof r.who === 'string' ? r.who : 'warden',
      },
    });
  };
  return { add, read: () => ({ decisions, skipped }) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isDecision(value: unknown): value is Decision {
  return value === 'allow' || value === 'deny' || value === 'hold';
}

function isAnswer(value: unknown): value is Answer {
  return value === 'allow' || value === 'deny' || value === 'ask';
}

function hasCutString(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return CUT.test(value);
  if (typeof value !== 'object' || value === null || depth > 8) return false;
  for (const v of Object.values(value)) if (hasCutString(v, depth + 1)) return true;
  return false;
}
