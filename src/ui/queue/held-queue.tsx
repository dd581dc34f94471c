import { Box, Text } from 'ink';
import { effectiveMarks, visibleHeldIds } from '../../store/selectors.js';
import type { WardenData } from '../../store/types.js';
import { windowAround } from '../console/layout.js';
import { actionSummary, clip, timeOf } from '../format.js';
import { Spinner } from '../spinner/spinner.js';
import { AGENT_TAG, STATUS_SYMBOL, useTheme } from '../theme.js';

/** The held queue, windowed around the cursor: cursor, marks, status (spinner while classifying). */
export function HeldQueue({ state, rows, width }: { state: WardenData; rows: number; width: number }) {
  const theme = useTheme();
  const visible = visibleHeldIds(state);
  const marks = effectiveMarks(state);
  const cursor = state.cursorId === undefined ? -1 : visible.indexOf(state.cursorId);
  const { start, end } = windowAround(visible.length, cursor, rows);
  const hidden = state.held.length - visible.length;
  const title = `Held ${visible.length}${hidden > 0 ? ` (+${hidden} filtered out)` : ''}${
    marks.size > 0 ? ` · ${marks.size} marked` : ''
  }${state.rangeAnchorId !== undefined ? ' · range' : ''}${
    visible.length > rows ? ` · ${start + 1}-${end} of ${visible.length}` : ''
  }`;
  return (
    <Box flexDirection="column">
      <Text bold color={theme.status.held} wrap="truncate">
        {title}
      </Text>
      {visible.length === 0 ? (
        <Text dimColor={theme.dim} wrap="truncate">
          {state.held.length > 0 ? '  nothing matches the filter' : '  nothing held'}
        </Text>
      ) : (
        visible.slice(start, end).map((id) => {
          const record = state.records.get(id);
          if (!record) return null;
          const isCursor = id === state.cursorId;
          const mark = marks.has(id) ? '[x]' : '[ ]';
          const a = record.action;
          const line = `${timeOf(a.receivedAt)} ${a.tool.padEnd(6)} ${actionSummary(a)}`;
          const why = `  ${a.sessionId.slice(0, 8)} · ${record.verdict.by}`;
          return (
            <Box key={id} height={1} overflow="hidden">
              <Text bold={isCursor} inverse={isCursor} wrap="truncate">
                {isCursor ? '›' : ' '} {mark}{' '}
              </Text>
              {record.status === 'classifying' ? (
                <Spinner color={theme.status.classifying} />
              ) : (
                <Text color={theme.status[record.status]}>{STATUS_SYMBOL[record.status]}</Text>
              )}
              <Text color={theme.agent[a.agent]}> {AGENT_TAG[a.agent]}</Text>
              <Text bold={isCursor} wrap="truncate">
                {' '}
                {clip(line, Math.max(8, width - 11 - why.length))}
                <Text dimColor={theme.dim}>{why}</Text>
              </Text>
            </Box>
          );
        })
      )}
    </Box>
  );
}
