/**
 * How the live region's lines are shared out. The live region must stay shorter than the
 * terminal (Ink redraws the whole screen otherwise, and the Static stream flickers).
 */
export interface Layout {
  /** Lines for the body (queue + detail, or an overlay). */
  readonly body: number;
  /** Rows of the held queue shown (windowed). */
  readonly queueRows: number;
  /** Lines of the detail pane. */
  readonly detail: number;
}

/** header + message + footer */
export const CHROME_LINES = 3;

export function layoutFor(rows: number, held: number): Layout {
  const body = Math.max(4, rows - 1 - CHROME_LINES);
  // queue title + rows, a rule line, then the detail pane.
  const maxQueue = Math.max(2, Math.floor((body - 2) * 0.45));
  const queueRows = Math.max(1, Math.min(held, maxQueue));
  const detail = Math.max(0, body - 1 - queueRows - 1);
  return { body, queueRows, detail };
}

/** The slice of a list to show so that the cursor stays visible. */
export function windowAround(length: number, cursor: number, size: number): { start: number; end: number } {
  if (length <= size) return { start: 0, end: length };
  const at = Math.max(0, cursor);
  const start = Math.max(0, Math.min(length - size, at - Math.floor(size / 2)));
  return { start, end: start + size };
}
