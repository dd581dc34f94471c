import type { Action } from '../domain/action.js';

/** One line saying what an action does: the command, the path, or the input in brief. */
export function actionSummary(action: Action): string {
  if (action.command !== undefined) return oneLine(action.command);
  if (action.paths.length > 0) return action.paths.map((p) => shortPath(p, action.projectRoot)).join(' ');
  const input = action.input;
  for (const key of ['url', 'query', 'pattern', 'prompt', 'description']) {
    const value = input[key];
    if (typeof value === 'string') return oneLine(value);
  }
  try {
    return oneLine(JSON.stringify(input));
  } catch {
    return '';
  }
}

/** Control characters from the agent never reach the terminal raw. */
export function oneLine(text: string): string {
  return safeText(text).replace(/\s+/g, ' ').trim();
}

/** Agent text made safe to print: control characters (ESC, BEL, C1) shown as `·`, lines kept. */
export function safeText(text: string): string {
  return replaceControl(text, '·', true);
}

function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

/**
 * Replaces control characters so agent text can never drive the terminal.
 * `keepLines` keeps newlines and tabs.
 */
export function replaceControl(text: string, replacement: string, keepLines = false): string {
  let out = '';
  for (const ch of text) {
    if (keepLines && (ch === '\n' || ch === '\t')) out += ch;
    else out += isControl(ch.charCodeAt(0)) ? replacement : ch;
  }
  return out;
}

export function shortPath(p: string, root: string): string {
  if (root !== '/' && p.startsWith(`${root}/`)) return p.slice(root.length + 1);
  return p;
}

export function clip(text: string, width: number): string {
  if (width <= 1) return '';
  const chars = [...text];
  return chars.length <= width ? text : `${chars.slice(0, width - 1).join('')}…`;
}

export function timeOf(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}
