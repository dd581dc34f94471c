import { Box, Text } from 'ink';
import { MODES } from '../../domain/mode.js';
import type { WardenData } from '../../store/types.js';
import { clip } from '../format.js';
import { AGENT_TAG, useTheme } from '../theme.js';

/** Mode (in its own colour), sessions, counts, classifier state: one line. */
export function Header({ state, width }: { state: WardenData; width: number }) {
  const theme = useTheme();
  const spec = MODES[state.mode];
  const sessions = Object.keys(state.sessions).length;
  const filtered = state.sessionFilter === undefined ? undefined : state.sessions[state.sessionFilter];
  const view =
    state.sessionFilter === undefined
      ? 'all'
      : `only ${filtered ? `${AGENT_TAG[filtered.agent]} ` : ''}${state.sessionFilter.slice(0, 8)}`;
  const banner = state.mode === 'yolo' || state.mode === 'pause';
  const mode = ` ${spec.label.toUpperCase()} `;
  const rest = clip(
    ` sessions ${sessions} (${view}) │ ✓${state.counts.allowed} ✗${state.counts.denied} ●${state.counts.held}${
      state.counts.asked > 0 ? ` ?${state.counts.asked}` : ''
    } │ classifier ${state.classifierStatus}${state.filter ? ` │ filter "${state.filter}"` : ''}`,
    Math.max(0, width - mode.length - 8),
  );
  return (
    <Box height={1} overflow="hidden">
      <Text bold>warden </Text>
      <Text
        bold
        inverse={banner || !theme.color}
        color={banner ? undefined : theme.mode[state.mode]}
        backgroundColor={banner ? theme.mode[state.mode] : undefined}
      >
        {mode}
      </Text>
      <Text wrap="truncate">{rest}</Text>
    </Box>
  );
}
