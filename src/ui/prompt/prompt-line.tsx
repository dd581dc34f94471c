import { Text } from 'ink';
import type { RuleOffer } from '../../rule-offer/offer.js';
import type { View } from '../console/ui-state.js';
import { clip } from '../format.js';
import { keyLabelOf } from '../keymap.js';
import { useTheme } from '../theme.js';

/** The one-line prompt of text and confirm views (key names from the command table), or undefined. */
export function promptText(view: View, held: number, offer?: RuleOffer): string | undefined {
  const yesNo = `(${keyLabelOf('confirm.yes')}/${keyLabelOf('confirm.no')})`;
  switch (view.kind) {
    case 'deny-reason':
      return `Deny ${view.targets.length}: reason for the agent (optional, ${keyLabelOf('text.submit')} to deny, ${keyLabelOf('text.cancel')} to cancel): ${view.text}▏`;
    case 'filter':
      return `Filter: ${view.text}▏`;
    case 'confirm-approve-all':
      return `Approve all ${held} held actions? ${yesNo}`;
    case 'confirm-quit':
      return `${held} held: quit and answer them "ask" (the agent asks you itself)? ${yesNo}`;
    case 'main':
      return offer
        ? `You approved ${offer.approvals} actions like ${offer.rule}: allow it for this session? ${keyLabelOf('offer.accept')} yes · ${keyLabelOf('offer.dismiss')} no, don't ask again`
        : undefined;
    default:
      return undefined;
  }
}

export function PromptLine({
  view,
  held,
  offer,
  message,
  width,
}: {
  view: View;
  held: number;
  offer: RuleOffer | undefined;
  message: string | undefined;
  width: number;
}) {
  const theme = useTheme();
  const prompt = promptText(view, held, offer);
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
