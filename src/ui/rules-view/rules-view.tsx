import { Box, Text } from 'ink';
import type { Rule } from '../../domain/rule.js';
import type { WardenData } from '../../store/types.js';
import { ruleKey } from '../commands/rule-ops.js';
import { windowAround } from '../console/layout.js';
import { clip } from '../format.js';
import { useTheme } from '../theme.js';
import { healthLines } from './health-lines.js';
import { findingsFor, healthSummary, MARK_WIDTH, markOf, type RuleHealthState } from './health-state.js';

export function sourceLabel(rule: Rule): string {
  const { origin, file, line, note } = rule.source;
  const where = file ? `${origin} ${file}${line !== undefined ? `:${line}` : ''}` : origin;
  return note ? `${where} (${note})` : where;
}

/**
 * Every rule in force with its source and, when rule health is on, its health mark; the selected
 * one (by identity) is the one to remove or change, and its findings show with their evidence below.
 */
export function RulesView({
  state,
  selected,
  health,
  height,
  width,
}: {
  state: WardenData;
  selected: string | undefined;
  /** Rule health from the UI store; 'none' when the console has no health deps. */
  health: RuleHealthState | undefined | 'none';
  height: number;
  width: number;
}) {
  const theme = useTheme();
  const rules = state.rules.rules;
  const errors = state.ruleErrors.slice(0, 2);
  const healthOn = health !== 'none';
  const current = healthOn ? health : undefined;
  const room = Math.max(1, height - 1 - errors.length);
  // The selected rule's findings take at most half the room; the list keeps the rest.
  const detail = healthOn
    ? healthLines(findingsFor(current, state.rules, selected), Math.floor(room / 2))
    : [];
  const rows = Math.max(1, room - detail.length);
  const cursor = selected === undefined ? -1 : rules.findIndex((r) => ruleKey(r) === selected);
  const { start, end } = windowAround(rules.length, cursor, rows);
  const color = (effect: Rule['effect']) =>
    effect === 'deny' ? theme.status.denied : effect === 'ask' ? theme.status.held : theme.status.allowed;
  // The rule text's share of the width (the mark column takes some when health is on).
  const share = healthOn ? 0.4 : 0.5;
  const title = `Rules in force: ${rules.length} (deny beats ask beats allow)`;
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent} wrap="truncate">
        {clip(healthOn ? `${title} · ${healthSummary(current, state.rules)}` : title, width)}
      </Text>
      {rules.length === 0 && <Text> no rules yet: press R on a held action to make one</Text>}
      {rules.slice(start, end).map((rule, i) => {
        const at = start + i;
        const isCursor = at === cursor;
        const mark = healthOn ? markOf(findingsFor(current, state.rules, ruleKey(rule))) : '';
        return (
          <Text key={`${ruleKey(rule)}:${at}`} wrap="truncate" inverse={isCursor}>
            {isCursor ? '› ' : '  '}
            <Text color={color(rule.effect)}>{rule.effect.padEnd(6)}</Text>
            {healthOn && <Text color={theme.status.held}>{mark.padEnd(MARK_WIDTH)}</Text>}
            {clip(rule.text, Math.max(10, Math.floor(width * share))).padEnd(
              Math.min(40, Math.floor(width * share)),
            )}{' '}
            <Text dimColor={theme.dim}>{sourceLabel(rule)}</Text>
          </Text>
        );
      })}
      {detail.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one rule's findings, in order
        <Text key={i} wrap="truncate" color={theme.status.held}>
          {clip(line, width)}
        </Text>
      ))}
      {errors.map((e) => (
        <Text key={e} color={theme.danger} wrap="truncate">
          ! {e}
        </Text>
      ))}
    </Box>
  );
}
