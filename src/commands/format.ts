import type { BrokerAnswer } from '../broker/broker.js';
import type { ActionRecord } from '../store/types.js';

/** One line per decision for `warden serve`: answer, tool, what it does, why. */
export function formatDecisionLine(record: ActionRecord, answer: BrokerAnswer): string {
  const a = record.action;
  const what = a.command ?? a.paths[0] ?? JSON.stringify(a.input);
  const short = what.length > 100 ? `${what.slice(0, 99)}…` : what;
  return `${answer.answer.padEnd(5)} ${a.tool} ${JSON.stringify(short)} by ${answer.by} (${a.sessionId.slice(0, 8)}): ${answer.reason}`;
}
