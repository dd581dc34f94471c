import type { RuleDraft, RulePreview } from '../../rules-preview/preview.js';
import { HISTORY_DAYS } from '../../rules-preview/source.js';
import { replaceControl } from '../format.js';

export interface PreviewLine {
  readonly text: string;
  readonly tone: 'dim' | 'warning' | 'error';
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The rule editor's preview lines (agent text made printable); a preview of other text shows as in progress. */
export function previewLines(preview: RulePreview | undefined, draft: RuleDraft): PreviewLine[] {
  const current =
    preview !== undefined && preview.draft.text === draft.text && preview.draft.effect === draft.effect;
  if (!preview || !current) return [{ text: 'checking what this rule would do…', tone: 'dim' }];
  if (preview.error !== undefined) return [{ text: `! ${preview.error}`, tone: 'error' }];
  const clean = (s: string) => replaceControl(s, '·');
  const lines: PreviewLine[] = [];
  const held = preview.held;
  lines.push({
    text: `covers ${plural(held.covered, 'held action')} now${held.examples.length > 0 ? `: ${held.examples.map(clean).join(' · ')}` : ''}`,
    tone: 'dim',
  });
  const h = preview.history;
  const progress = preview.done ? '' : ` (checked ${h.scanned} of ${h.total}…)`;
  if (h.total === 0) {
    lines.push({ text: `no recorded actions of this project in the last ${HISTORY_DAYS} days`, tone: 'dim' });
  } else {
    const examples = h.examples.map((e) => `${e.before}→${e.after} ${clean(e.summary)}`).join(' · ');
    lines.push({
      text: `last ${HISTORY_DAYS} days: ${h.changed} of ${h.total} recorded actions decided differently (it matches ${h.matched})${progress}${examples ? `: ${examples}` : ''}`,
      tone: 'dim',
    });
  }
  if (preview.warning !== undefined) lines.push({ text: `⚠ ${clean(preview.warning)}`, tone: 'warning' });
  return lines;
}
