import { Box, Text } from 'ink';
import { clip } from '../format.js';
import { KEYMAP, keysLabel } from '../keymap.js';
import { useTheme } from '../theme.js';

/** Help lines for the main screen, from the keymap. */
export function helpEntries(): { keys: string; description: string }[] {
  return KEYMAP.filter((b) => b.contexts.includes('main')).map((b) => ({
    keys: keysLabel(b),
    description: b.description,
  }));
}

/** Every key of the main screen; two columns when one does not fit. */
export function HelpOverlay({ height, width }: { height: number; width: number }) {
  const theme = useTheme();
  const entries = helpEntries();
  const rows = Math.max(1, height - 1);
  const columns = entries.length > rows && width >= 80 ? 2 : 1;
  const perColumn = Math.ceil(entries.length / columns);
  const colWidth = Math.floor(width / columns) - 1;
  const keyWidth = 12;
  const groups = Array.from({ length: columns }, (_, c) => entries.slice(c * perColumn, (c + 1) * perColumn));
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent}>
        Keys (Esc closes)
      </Text>
      <Box>
        {groups.map((group, c) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns
          <Box key={c} flexDirection="column" width={colWidth + 1}>
            {group.slice(0, rows).map((e) => (
              <Text key={e.keys} wrap="truncate">
                <Text bold>{clip(e.keys, keyWidth).padEnd(keyWidth)}</Text>
                {clip(e.description, colWidth - keyWidth)}
              </Text>
            ))}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
