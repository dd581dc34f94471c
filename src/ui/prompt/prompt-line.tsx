import { Text } from 'ink';
import type { Overlay } from '../../store/types.js';
import { clip } from '../format.js';
import { useTheme } from '../theme.js';

/** The one-line prompt of text and confirm overlays, or the last message. */
export function promptText(
  overlay: Overlay,
  text: string,
  targets: number,
  held: number,
): string | undefined {
  switch (overlay) {
    case 'deny-reason':
      return `Deny ${targets}: reason for the agent (optional, Enter to deny, Esc to cancel): ${text}▏`;
    case 'filter':
      return `Filter: ${text}▏`;
    case 'confirm-approve-all':
      return `Approve all ${held} held actions? (y/n)`;
    case 'confirm-quit':
      return `${held} held: quit and answer them "ask" (the agent asks you itself)? (y/n)`;
    default:
      return undefined;
  }
}

export function PromptLine({
  overlay,
  text,
  targets,
  held,
  message,
  width,
}: {
  overlay: Overlay;
  text: string;
  targets: number;
  held: number;
  message: string | undefined;
  width: number;
}) {
  const theme = useTheme();
  const prompt = promptText(overlay, text, targets, held);
  if (prompt !== undefined) {
    return (
      <Text bold color={theme.accent} wrap="truncate">
        {clip(prompt, width)}
      </Text>
    );
  }
  return (
    <Text dimColor={theme.dim} wrap="truncate">
      {message ? clip(message, width) : ' '}
    </Text>
  );
}
