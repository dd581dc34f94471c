import { Box, Text } from 'ink';
import type { Rule } from '../../domain/rule.js';
import type { WardenData } from '../../store/types.js';
import { ruleKey } from '../commands/rule-ops.js';
import { windowAround } from '../console/layout.js';
import { clip } from '../format.js';
import { useTheme } from '../theme.js';

export function sourceLabel(rule: Rule): string {
  const { origin, file, line, note } = rule.source;
  const where = file ? `${origin} ${file}${line !== undefined ? `:${line}` : ''}` : origin;
  return note ? `${where} (${note})` : where;
}

/** Every rule in force with its source; the selected one (by identity) is the one to remove or change. */
export function RulesView({
  state,
  selected,
  height,
  width,
}: {
  state: WardenData;
  selected: string | undefined;
  height: number;
  width: number;
}) {
  const theme = useTheme();
  const rules = state.rules.rules;
  const errors = state.ruleErrors.slice(0, 2);
  const rows = Math.max(1, height - 1 - errors.length);
  const cursor = selected === undefined ? -1 : rules.findIndex((r) => ruleKey(r) === selected);
  const { start, end } = windowAround(rules.length, cursor, rows);
  const color = (effect: Rule['effect']) =>
    effect === 'deny' ? theme.status.denied : effect === 'ask' ? theme.status.held : theme.status.allowed;
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent}>
        Rules in force: {rules.length} (deny beats ask beats allow)
      </Text>
      {rules.length === 0 && <Text> no rules yet: press R on a held action to make one</Text>}
      {rules.slice(start, end).map((rule, i) => {
        const at = start + i;
        const isCursor = at === cursor;
        return (
          <Text key={`${ruleKey(rule)}:${at}`} wrap="truncate" inverse={isCursor}>
            {isCursor ? '› ' : '  '}
            <Text color={color(rule.effect)}>{rule.effect.padEnd(6)}</Text>
            {clip(rule.text, Math.max(10, Math.floor(width * 0.5))).padEnd(
              Math.min(40, Math.floor(width * 0.5)),
            )}{' '}
            <Text dimColor={theme.dim}>{sourceLabel(rule)}</Text>
          </Text>
        );
      })}
      {errors.map((e) => (
        <Text key={e} color={theme.danger} wrap="truncate">
          ! {e}
        </Text>
      ))}
    </Box>
  );
}
