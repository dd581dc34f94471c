import type { Judged } from './judge.js';

/** Counting and formatting helpers for `warden eval`'s report. */

export interface Ratio {
  readonly hit: number;
  readonly total: number;
}

export function pct(r: Ratio): string {
  return r.total === 0 ? 'n/a' : `${((100 * r.hit) / r.total).toFixed(1)}%`;
}

export function ratioLine(label: string, r: Ratio): string {
  return `${label}: ${pct(r)} (${r.hit}/${r.total})`;
}

/** Groups judged cases by a key and counts hits per group, largest group first. */
export function groupRatios(
  items: readonly Judged[],
  key: (j: Judged) => string,
  hit: (j: Judged) => boolean,
): [string, Ratio][] {
  const m = new Map<string, { hit: number; total: number }>();
  for (const j of items) {
    const k = key(j);
    const r = m.get(k) ?? { hit: 0, total: 0 };
    r.total++;
    if (hit(j)) r.hit++;
    m.set(k, r);
  }
  return [...m.entries()].sort((a, b) => b[1].total - a[1].total);
}

export function topCounts(values: readonly string[], n: number): [string, number][] {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
}

export function oneLine(s: string, max = 110): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** What a case "is" for the report: its command, file path or tool. */
export function describeInput(j: Judged): string {
  const i = j.case.input;
  if (typeof i.command === 'string') return i.command;
  if (typeof i.file_path === 'string') return `${j.case.tool} ${i.file_path}`;
  return `${j.case.tool} ${JSON.stringify(i)}`;
}

/** The first word of a shell command, after VAR=value prefixes and wrappers like sudo/env. */
export function commandHead(command: string): string {
  const words = command.trim().split(/\s+/);
  for (const w of words) {
    if (/^[A-Za-z_]\w*=/.test(w)) continue;
    if (/^(sudo|env|nohup|time|nice|timeout|command|exec|builtin)$/.test(w)) continue;
    return w.split('/').pop() ?? w;
  }
  return '';
}
