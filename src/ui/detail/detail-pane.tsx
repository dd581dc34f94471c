import { Box, Text } from 'ink';
import type { ActionRecord } from '../../store/types.js';
import type { Theme } from '../theme.js';
import { useTheme } from '../theme.js';
import { type DetailLine, detailLines } from './detail-lines.js';

function colorOf(kind: DetailLine['kind'], theme: Theme): string | undefined {
  if (kind === 'add') return theme.added;
  if (kind === 'remove') return theme.removed;
  if (kind === 'hunk') return theme.accent;
  return undefined;
}

/** The cursor action in full: command or diff, cwd, session, what decided it. At most `height` lines. */
export function DetailPane({
  record,
  height,
  width,
  readFile,
}: {
  record: ActionRecord | undefined;
  height: number;
  width: number;
  readFile: (path: string) => string | undefined;
}) {
  const theme = useTheme();
  if (height <= 0) return null;
  if (!record) return null;
  const lines = detailLines(record, width, readFile);
  const shown =
    lines.length > height
      ? [
          ...lines.slice(0, height - 1),
          { kind: 'note' as const, text: `… ${lines.length - height + 1} more lines` },
        ]
      : lines;
  return (
    <Box flexDirection="column" height={Math.min(height, shown.length)} overflow="hidden">
      {shown.map((line, i) => (
        <Text
          // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity but their place
          key={i}
          wrap="truncate"
          bold={line.kind === 'title' || line.kind === 'command'}
          color={colorOf(line.kind, theme)}
          dimColor={line.kind === 'note' || line.kind === 'field' ? theme.dim : false}
        >
          {line.text === '' ? ' ' : line.text}
        </Text>
      ))}
    </Box>
  );
}
