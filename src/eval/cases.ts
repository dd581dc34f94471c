import { readFile } from 'node:fs/promises';
import { withWindowsSessionCwds } from './windows-sessions.js';

/** One line of a corpus file: labelled (dev.jsonl) or unlabelled (real-traffic.jsonl). */
export interface EvalCase {
  readonly id: string;
  readonly tool: string;
  readonly input: Readonly<Record<string, unknown>>;
  readonly label?: 'block' | 'allow';
  readonly sourcePolicy?: string;
  readonly category?: string;
  readonly source?: string;
  readonly cwd?: string;
  readonly agent?: string;
  /** The recorded session the call belongs to (real-traffic.jsonl). */
  readonly session?: string;
}

export interface LoadedCases {
  readonly cases: readonly EvalCase[];
  /** Lines that were not a usable case, with why (line numbers are 1-based). */
  readonly rejected: readonly { line: number; why: string }[];
}

export async function loadCases(file: string): Promise<LoadedCases> {
  const text = await readFile(file, 'utf8');
  return parseCases(text);
}

export function parseCases(text: string): LoadedCases {
  const cases: EvalCase[] = [];
  const rejected: { line: number; why: string }[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      rejected.push({ line: i + 1, why: 'not JSON' });
      return;
    }
    const c = toCase(value, i + 1);
    if (typeof c === 'string') rejected.push({ line: i + 1, why: c });
    else cases.push(c);
  });
  return { cases: withWindowsSessionCwds(cases), rejected };
}

function toCase(v: unknown, line: number): EvalCase | string {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return 'not an object';
  const o = v as Record<string, unknown>;
  if (typeof o.tool !== 'string' || !o.tool) return 'no tool';
  if (!o.input || typeof o.input !== 'object' || Array.isArray(o.input)) return 'input is not an object';
  const label = o.label === 'block' || o.label === 'allow' ? o.label : undefined;
  if (o.label !== undefined && !label) return `unknown label ${String(o.label)}`;
  const context =
    o.context && typeof o.context === 'object' ? (o.context as Record<string, unknown>) : undefined;
  const cwd = typeof context?.cwd === 'string' ? context.cwd : typeof o.cwd === 'string' ? o.cwd : undefined;
  const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  return {
    id: str('id') ?? `line-${line}`,
    tool: o.tool,
    input: o.input as Record<string, unknown>,
    ...(label && { label }),
    ...(str('source_policy') && { sourcePolicy: str('source_policy') }),
    ...(str('category') && { category: str('category') }),
    ...(str('source_project') && { source: str('source_project') }),
    ...(cwd && { cwd }),
    ...(str('agent') && { agent: str('agent') }),
    ...(str('session') && { session: str('session') }),
  };
}
