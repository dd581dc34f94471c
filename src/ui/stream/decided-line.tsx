import { Text } from 'ink';
import type { ActionRecord } from '../../store/types.js';
import { actionSummary, clip, timeOf } from '../format.js';
import { AGENT_TAG, STATUS_SYMBOL, useTheme } from '../theme.js';

/** Text of one decided action: time, verdict, tool, short command, why / by whom. */
export function decidedText(record: ActionRecord, width: number): { head: string; tail: string } {
  const r = record.resolution;
  const answer = r?.answer ?? record.verdict.decision;
  const head = `${timeOf(r?.at ?? record.action.receivedAt)} ${STATUS_SYMBOL[record.status]} ${answer.padEnd(5)} ${AGENT_TAG[record.action.agent]} `;
  const by = r?.who === 'user' ? 'you' : (r?.by ?? record.verdict.by);
  const why = r?.who === 'user' ? r.reason : `${by}`;
  const tool = record.action.tool.padEnd(6);
  const body = `${tool} ${actionSummary(record.action)}`;
  const tailRoom = Math.max(10, Math.floor((width - head.length) * 0.4));
  const whyText = clip(why, tailRoom);
  const tail = ` — ${whyText}`;
  return { head, tail: `${clip(body, Math.max(4, width - head.length - tail.length - 1))}${tail}` };
}

/** One line of the decided stream (written once into Ink's Static). */
export function DecidedLine({ record, width }: { record: ActionRecord; width: number }) {
  const theme = useTheme();
  const { head, tail } = decidedText(record, width);
  return (
    <Text wrap="truncate">
      <Text color={theme.status[record.status]}>{head}</Text>
      <Text>{tail}</Text>
    </Text>
  );
}
