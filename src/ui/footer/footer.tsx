import { Text } from 'ink';
import { clip } from '../format.js';
import { hintsFor, type KeyContext } from '../keymap.js';
import { useTheme } from '../theme.js';

/** Key hints for the current context, from the keymap: as many as fit, `? help` always last. */
export function footerText(context: KeyContext, width: number): string {
  const all = hintsFor(context).map((h) => `${h.keys} ${h.hint}`);
  const help = hintsFor(context).find((h) => h.hint === 'help');
  const tail = help ? `${help.keys} ${help.hint}` : undefined;
  const items = tail ? all.filter((x) => x !== tail) : all;
  while (items.length > 0) {
    const text = [...items, ...(tail ? [tail] : [])].join(' · ');
    if ([...text].length <= width) return text;
    items.pop();
  }
  return clip(tail ?? '', width);
}

export function Footer({ context, width }: { context: KeyContext; width: number }) {
  const theme = useTheme();
  return (
    <Text dimColor={theme.dim} wrap="truncate">
      {footerText(context, width)}
    </Text>
  );
}
