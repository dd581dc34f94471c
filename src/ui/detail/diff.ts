import { structuredPatch } from 'diff';
import type { Action } from '../../domain/action.js';

/** What the file would become: Write's content, or Edit/MultiEdit's replacements applied. */
function afterOf(action: Action, before: string | undefined): string | undefined {
  const input = action.input;
  if (action.tool === 'Write') return typeof input.content === 'string' ? input.content : undefined;
  const edits: { old: string; next: string; all: boolean }[] = [];
  if (action.tool === 'Edit') {
    if (typeof input.old_string === 'string' && typeof input.new_string === 'string') {
      edits.push({ old: input.old_string, next: input.new_string, all: input.replace_all === true });
    }
  } else if (action.tool === 'MultiEdit' && Array.isArray(input.edits)) {
    for (const e of input.edits as unknown[]) {
      if (e && typeof e === 'object') {
        const o = e as Record<string, unknown>;
        if (typeof o.old_string === 'string' && typeof o.new_string === 'string') {
          edits.push({ old: o.old_string, next: o.new_string, all: o.replace_all === true });
        }
      }
    }
  } else {
    return undefined;
  }
  if (edits.length === 0) return undefined;
  let text = before ?? edits.map((e) => e.old).join('\n');
  for (const e of edits) {
    if (e.old === '') continue;
    text = e.all ? text.split(e.old).join(e.next) : text.replace(e.old, () => e.next);
  }
  return text;
}

export interface DiffLine {
  readonly kind: 'add' | 'remove' | 'context' | 'hunk' | 'note';
  readonly text: string;
}

/**
 * The unified diff of a Write/Edit against the file on disk (or against nothing, for a new file).
 * Undefined for other tools.
 */
export function diffOf(
  action: Action,
  readFile: (path: string) => string | undefined,
): DiffLine[] | undefined {
  if (action.toolClass !== 'edit') return undefined;
  const file = action.paths[0];
  let before: string | undefined;
  try {
    before = file === undefined ? undefined : readFile(file);
  } catch {
    before = undefined;
  }
  const after = afterOf(action, before);
  if (after === undefined) return undefined;
  const out: DiffLine[] = [];
  if (before === undefined)
    out.push({
      kind: 'note',
      text: action.tool === 'Write' ? 'new file' : 'file not readable: diff of the edit only',
    });
  else if (action.tool !== 'Write' && before === after)
    out.push({ kind: 'note', text: 'the text to replace is not in the file' });
  const patch = structuredPatch('a', 'b', before ?? '', after, '', '', { context: 2 });
  for (const hunk of patch.hunks) {
    out.push({
      kind: 'hunk',
      text: `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`,
    });
    for (const line of hunk.lines) {
      if (line.startsWith('\\')) continue;
      const kind = line[0] === '+' ? 'add' : line[0] === '-' ? 'remove' : 'context';
      out.push({ kind, text: line });
    }
  }
  return out;
}
