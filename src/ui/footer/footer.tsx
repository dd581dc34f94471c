import { Text } from 'ink';
import { clip } from '../format.js';
import { hintsFor, type KeyContext } from '../keymap.js';
import { useTheme } from '../theme.js';

/** Key hints for the current context, from the keymap. */
export function footerText(context: KeyContext, width: number): string {
  return clip(
    hintsFor(context)
      .map((h) => `${h.keys} ${h.hint}`)
      .join(' · '),
    width,
  );
}

export function Footer({ context, width }: { context: KeyContext; width: number }) {
  const theme = useTheme();
  return (
    <Text dimColor={theme.dim} wrap="truncate">
      {footerText(context, width)}
    </Text>
  );
}
