import { Box, Text } from 'ink';
import type { RulePreview } from '../../rules-preview/preview.js';
import type { WardenData } from '../../store/types.js';
import type { RuleDeps } from '../commands/types.js';
import { EFFECTS, SCOPES, type View } from '../console/ui-state.js';
import { clip } from '../format.js';
import { keyLabelOf } from '../keymap.js';
import { useTheme } from '../theme.js';
import { previewLines } from './preview-lines.js';

function choices<T extends string>(all: readonly T[], current: T): string {
  return all.map((c) => (c === current ? `[${c}]` : ` ${c} `)).join(' ');
}

/** How many held actions a rule text would cover now (shown live while editing). */
export function heldCovered(state: WardenData, deps: Pick<RuleDeps, 'ruleCovers'>, text: string): number {
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
  editor,
  busy,
  deps,
  preview,
  width,
}: {
  state: WardenData;
  editor: Extract<View, { kind: 'rule-editor' }>;
  busy: boolean;
  deps: Pick<RuleDeps, 'ruleCovers'>;
  /** The live preview; undefined when the console has no preview deps (then only held actions are counted, here). */
  preview: RulePreview | undefined | 'none';
  width: number;
}) {
  const theme = useTheme();
  const lines =
    preview === 'none'
      ? [{ text: `covers ${heldCovered(state, deps, editor.text)} held action(s) now`, tone: 'dim' as const }]
      : previewLines(preview, editor);
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent}>
        {editor.replacing ? `Change rule ${editor.replacing.effect} ${editor.replacing.text}` : 'New rule'}
      </Text>
      <Text wrap="truncate">
        rule: <Text inverse>{clip(editor.text, width - 10)}</Text>
        <Text inverse> </Text>
      </Text>
      <Text>
        effect: {choices(EFFECTS, editor.effect)} ({keyLabelOf('editor.effect')})
      </Text>
      <Text>
        scope: {choices(SCOPES, editor.scope)} ({keyLabelOf('editor.scope')})
      </Text>
      {lines.map((line) => (
        <Text
          key={line.text}
          wrap="truncate"
          {...(line.tone === 'dim'
            ? { dimColor: theme.dim }
            : { color: line.tone === 'warning' ? theme.status.held : theme.danger })}
        >
          {clip(line.text, width)}
        </Text>
      ))}
      {busy && <Text dimColor={theme.dim}>writing…</Text>}
    </Box>
  );
}
