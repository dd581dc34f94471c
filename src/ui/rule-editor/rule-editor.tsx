import { Box, Text } from 'ink';
import type { WardenData } from '../../store/types.js';
import type { UiData } from '../console/ui-state.js';
import { EFFECTS, SCOPES } from '../console/ui-state.js';
import type { ConsoleDeps } from '../deps.js';
import { clip } from '../format.js';
import { useTheme } from '../theme.js';

function choices<T extends string>(all: readonly T[], current: T): string {
  return all.map((c) => (c === current ? `[${c}]` : ` ${c} `)).join(' ');
}

/** How many held actions a rule text would cover now (shown live while editing). */
export function heldCovered(state: WardenData, deps: ConsoleDeps, text: string): number {
  if (text.trim() === '') return 0;
  let n = 0;
  for (const id of state.held) {
    const record = state.records.get(id);
    try {
      if (record && deps.ruleCovers(text.trim(), record.action)) n += 1;
    } catch {
      return 0;
    }
  }
  return n;
}

/** The rule editor: the rule text (editable), its effect and scope. */
export function RuleEditor({
  state,
  ui,
  deps,
  width,
}: {
  state: WardenData;
  ui: UiData;
  deps: ConsoleDeps;
  width: number;
}) {
  const theme = useTheme();
  const covered = heldCovered(state, deps, ui.text);
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent}>
        {ui.ruleReplacing ? `Change rule ${ui.ruleReplacing.effect} ${ui.ruleReplacing.text}` : 'New rule'}
      </Text>
      <Text wrap="truncate">
        rule: <Text inverse>{clip(ui.text, width - 10)}</Text>
        <Text inverse> </Text>
      </Text>
      <Text>effect: {choices(EFFECTS, ui.ruleEffect)} (Tab)</Text>
      <Text>scope: {choices(SCOPES, ui.ruleScope)} (Shift+Tab)</Text>
      <Text dimColor={theme.dim}>
        covers {covered} held action{covered === 1 ? '' : 's'} now{ui.busy ? ' · writing…' : ''}
      </Text>
    </Box>
  );
}
