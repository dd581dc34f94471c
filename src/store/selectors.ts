import type { ActionRecord, WardenData } from './types.js';

/** Text a filter matches: tool, command, paths, session, verdict. */
export function searchableText(record: ActionRecord): string {
  const a = record.action;
  return [a.tool, a.agentTool, a.command ?? '', ...a.paths, a.sessionId, a.agent, record.verdict.by]
    .join(' ')
    .toLowerCase();
}

export function matchesView(
  state: Pick<WardenData, 'filter' | 'sessionFilter'>,
  record: ActionRecord,
): boolean {
  if (state.sessionFilter !== undefined && record.action.sessionId !== state.sessionFilter) return false;
  if (state.filter === '') return true;
  return searchableText(record).includes(state.filter.toLowerCase());
}

/** The held queue as shown: filtered by the text filter and the session filter. */
export function visibleHeldIds(state: WardenData): string[] {
  const out: string[] = [];
  for (const id of state.held) {
    const record = state.records.get(id);
    if (record && matchesView(state, record)) out.push(id);
  }
  return out;
}

/** Marked ids plus the range anchor..cursor (in visible order). */
export function effectiveMarks(state: WardenData): Set<string> {
  const marked = new Set([...state.marks].filter((id) => isHeld(state, id)));
  if (state.rangeAnchorId !== undefined && state.cursorId !== undefined) {
    const visible = visibleHeldIds(state);
    const from = visible.indexOf(state.rangeAnchorId);
    const to = visible.indexOf(state.cursorId);
    if (from >= 0 && to >= 0) {
      for (const id of visible.slice(Math.min(from, to), Math.max(from, to) + 1)) marked.add(id);
    }
  }
  return marked;
}

/** What a bulk key acts on: the marked actions, or the cursor action when none is marked. */
export function targetIds(state: WardenData): string[] {
  const marked = effectiveMarks(state);
  if (marked.size > 0) return state.held.filter((id) => marked.has(id));
  return state.cursorId !== undefined && isHeld(state, state.cursorId) ? [state.cursorId] : [];
}

export function isHeld(state: WardenData, id: string): boolean {
  const status = state.records.get(id)?.status;
  return status === 'held' || status === 'classifying';
}

export function cursorRecord(state: WardenData): ActionRecord | undefined {
  return state.cursorId === undefined ? undefined : state.records.get(state.cursorId);
}

export function sessionIds(state: WardenData): string[] {
  return Object.keys(state.sessions);
}
