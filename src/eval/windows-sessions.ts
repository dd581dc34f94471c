import { isWindowsPath } from '../places/windows-path.js';
import type { EvalCase } from './cases.js';

/**
 * Corpus sessions recorded on Windows sometimes lack a cwd; judged in the default POSIX project,
 * every `C:\Users\…\proj\file` they touch would be "outside the project". Such a session is judged
 * in the project its own paths name: the folder that holds its `.claude`/`.git` or its
 * CLAUDE.md/AGENTS.md/package.json…, the most named one (a home folder never counts).
 */
export function withWindowsSessionCwds(cases: readonly EvalCase[]): EvalCase[] {
  const votes = new Map<string, Map<string, number>>();
  for (const c of cases) {
    if (c.cwd || !c.session) continue;
    for (const p of windowsPathsOf(c)) {
      const root = projectOf(p);
      if (!root) continue;
      const tally = votes.get(c.session) ?? new Map<string, number>();
      tally.set(root, (tally.get(root) ?? 0) + 1);
      votes.set(c.session, tally);
    }
  }
  if (votes.size === 0) return [...cases];
  const chosen = new Map<string, string>();
  for (const [session, tally] of votes) {
    const best = [...tally].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length)[0];
    if (best) chosen.set(session, best[0]);
  }
  return cases.map((c) =>
    !c.cwd && c.session && chosen.has(c.session) ? { ...c, cwd: chosen.get(c.session)! } : c,
  );
}

function windowsPathsOf(c: EvalCase): string[] {
  const out: string[] = [];
  for (const key of ['file_path', 'path', 'notebook_path']) {
    const v = c.input[key];
    if (typeof v === 'string' && isWindowsPath(v)) out.push(v);
  }
  const command = c.input.command;
  if (typeof command === 'string') for (const m of command.matchAll(/"([A-Za-z]:\\[^"]+)"/g)) out.push(m[1]!);
  return out;
}

const MARKER_DIRS = /^\.(claude|git|vscode|codex|gemini)$/i;
const MARKER_FILES =
  /^(CLAUDE\.md|AGENTS\.md|GEMINI\.md|package\.json|pyproject\.toml|Cargo\.toml|go\.mod)$/i;

function projectOf(p: string): string | undefined {
  const parts = p.split(/[\\/]+/);
  let end = parts.findIndex((s) => MARKER_DIRS.test(s));
  if (end < 0 && MARKER_FILES.test(parts[parts.length - 1] ?? '')) end = parts.length - 1;
  if (end < 1) return undefined;
  const root = parts.slice(0, end).join('\\');
  return /^[A-Za-z]:(\\Users\\[^\\]+)?$/i.test(root) ? undefined : root;
}
