import type { ActionRecord } from '../../store/types.js';
import { safeText } from '../format.js';
import { type DiffLine, diffOf } from './diff.js';

export interface DetailLine {
  readonly kind: DiffLine['kind'] | 'title' | 'field' | 'command';
  readonly text: string;
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const raw of safeText(text).split('\n')) {
    const chars = [...raw];
    if (chars.length === 0) out.push('');
    for (let i = 0; i < chars.length; i += width) out.push(chars.slice(i, i + width).join(''));
  }
  return out;
}

/** Everything the detail pane can show about the cursor action, one entry per screen line. */
export function detailLines(
  record: ActionRecord,
  width: number,
  readFile: (path: string) => string | undefined,
): DetailLine[] {
  const a = record.action;
  const w = Math.max(10, width - 2);
  const lines: DetailLine[] = [];
  lines.push({
    kind: 'title',
    text: `${a.tool}${a.agentTool !== a.tool ? ` (${a.agentTool})` : ''} · ${record.status}`,
  });
  if (a.command !== undefined) {
    for (const line of wrap(a.command, w - 2)) lines.push({ kind: 'command', text: `$ ${line}` });
  } else if (a.paths.length > 0) {
    for (const p of a.paths) lines.push({ kind: 'command', text: p });
  }
  const category = record.verdict.category ? ` [${record.verdict.category}]` : '';
  const decidedBy = `${record.verdict.by}${category} — ${record.verdict.reason}`;
  for (const line of wrap(`why: ${decidedBy}`, w)) lines.push({ kind: 'field', text: line });
  const r = record.resolution;
  if (r)
    for (const line of wrap(`answered ${r.answer} by ${r.who === 'user' ? 'you' : r.by}: ${r.reason}`, w))
      lines.push({ kind: 'field', text: line });
  if (record.status === 'classifying')
    lines.push({ kind: 'field', text: 'the classifier is looking at it…' });
  lines.push({ kind: 'field', text: `cwd: ${a.cwd}` });
  lines.push({
    kind: 'field',
    text: `session: ${a.sessionId} (${a.agent}${a.agentMode ? `, agent mode ${a.agentMode}` : ''})`,
  });
  const diff = diffOf(a, readFile);
  if (diff) {
    for (const d of diff) for (const line of wrap(d.text, w)) lines.push({ kind: d.kind, text: line });
  } else if (a.command === undefined) {
    let json = '';
    try {
      json = JSON.stringify(a.input, null, 1) ?? '';
    } catch {
      json = '(input not printable)';
    }
    for (const line of wrap(json, w)) lines.push({ kind: 'field', text: line });
  }
  return lines;
}
