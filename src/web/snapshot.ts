import type { Action } from '../domain/action.js';
import { MODE_NAMES, MODES } from '../domain/mode.js';
import type { ActionRecord, WardenData } from '../store/types.js';
import { type DiffLine, diffOf } from '../ui/detail/diff.js';
import { actionSummary, clip, safeText } from '../ui/format.js';

/** Held actions sent to the page at most (the count says how many there are). */
export const MAX_HELD_SHOWN = 200;
/** Decided actions in the page's recent stream. */
export const RECENT_DECIDED = 30;
/** Longest command or diff text sent for one action. */
const MAX_DETAIL_CHARS = 20_000;
const MAX_DIFF_LINES = 400;

export interface HeldItem {
  readonly id: string;
  readonly agent: string;
  readonly session: string;
  readonly tool: string;
  readonly summary: string;
  readonly status: 'held' | 'classifying';
  readonly verdictBy: string;
  readonly reason: string;
  readonly receivedAt: number;
  /** The command (shell tools) or input text. */
  readonly detail: string;
  /** For edits: the diff against the file on disk. */
  readonly diff?: readonly DiffLine[];
  /** The rule the console proposes for it (`R`). */
  readonly rule: string;
}

export interface DecidedItem {
  readonly id: string;
  readonly tool: string;
  readonly summary: string;
  readonly answer: string;
  readonly who: string;
  readonly reason: string;
  readonly at: number;
}

export interface PageSnapshot {
  readonly rev: number;
  readonly mode: string;
  readonly modeDescription: string;
  readonly modes: readonly { readonly name: string; readonly label: string; readonly description: string }[];
  readonly counts: WardenData['counts'];
  readonly heldTotal: number;
  readonly held: readonly HeldItem[];
  readonly decided: readonly DecidedItem[];
  /** Header warnings: an exposed listen address, a failing notice URL. */
  readonly alerts: readonly string[];
}

export interface SnapshotDeps {
  suggestRule(action: Action): string;
  readFileForDiff(path: string): string | undefined;
  alerts(): readonly string[];
}

/**
 * What the page shows, built from the console's store (one state, never a copy kept in step).
 * Agent text is sent as text: the page puts it in the DOM with textContent, never as HTML.
 * Diffs and proposed rules are worked out once per held action and cached by id.
 */
export function snapshotBuilder(deps: SnapshotDeps) {
  const cache = new Map<string, { diff?: readonly DiffLine[]; rule: string }>();
  return (state: WardenData): PageSnapshot => {
    const held: HeldItem[] = [];
    const live = new Set<string>();
    for (const id of state.held) {
      if (held.length >= MAX_HELD_SHOWN) break;
      const record = state.records.get(id);
      if (!record) continue;
      live.add(id);
      let extra = cache.get(id);
      if (!extra) {
        const diff = diffOf(record.action, deps.readFileForDiff)?.slice(0, MAX_DIFF_LINES);
        extra = { rule: safeRule(deps, record.action), ...(diff !== undefined && { diff }) };
        cache.set(id, extra);
      }
      held.push(heldItem(record, extra));
    }
    for (const id of cache.keys()) if (!live.has(id)) cache.delete(id);
    const decided: DecidedItem[] = [];
    for (let i = state.decided.length - 1; i >= 0 && decided.length < RECENT_DECIDED; i--) {
      const record = state.records.get(state.decided[i]!);
      if (record?.resolution) decided.push(decidedItem(record));
    }
    return {
      rev: state.rev,
      mode: state.mode,
      modeDescription: MODES[state.mode].description,
      modes: MODE_NAMES.map((name) => ({
        name,
        label: MODES[name].label,
        description: MODES[name].description,
      })),
      counts: state.counts,
      heldTotal: state.held.length,
      held,
      decided,
      alerts: deps.alerts(),
    };
  };
}

function heldItem(record: ActionRecord, extra: { diff?: readonly DiffLine[]; rule: string }): HeldItem {
  const a = record.action;
  return {
    id: a.id,
    agent: a.agent,
    session: a.sessionId.slice(0, 8),
    tool: a.tool,
    summary: clip(actionSummary(a), 200),
    status: record.status === 'classifying' ? 'classifying' : 'held',
    verdictBy: record.verdict.by,
    reason: safeText(record.verdict.reason),
    receivedAt: a.receivedAt,
    detail: clip(detailText(a), MAX_DETAIL_CHARS),
    ...(extra.diff !== undefined && { diff: extra.diff }),
    rule: extra.rule,
  };
}

function decidedItem(record: ActionRecord): DecidedItem {
  const r = record.resolution!;
  return {
    id: record.action.id,
    tool: record.action.tool,
    summary: clip(actionSummary(record.action), 160),
    answer: r.answer,
    who: r.who,
    reason: clip(safeText(r.reason), 300),
    at: r.at,
  };
}

function detailText(action: Action): string {
  if (action.command !== undefined) return safeText(action.command);
  try {
    return safeText(JSON.stringify(action.input, null, 2));
  } catch {
    return '';
  }
}

function safeRule(deps: SnapshotDeps, action: Action): string {
  try {
    return deps.suggestRule(action);
  } catch {
    return action.tool;
  }
}
