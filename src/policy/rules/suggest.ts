import path from 'node:path';
import type { Action } from '../../domain/action.js';
import { commandParts } from './command-match.js';

/** Tools whose first argument is a subcommand worth keeping in a rule (`git push`, `npm run test`). */
const SUBCOMMAND_TOOLS = new Set([
  'git',
  'npm',
  'pnpm',
  'yarn',
  'bun',
  'npx',
  'cargo',
  'go',
  'docker',
  'kubectl',
  'helm',
  'terraform',
  'gh',
  'aws',
  'gcloud',
  'az',
  'pip',
  'uv',
  'poetry',
  'make',
  'dotnet',
  'mvn',
  'gradle',
  'brew',
  'apt',
  'apt-get',
  'systemctl',
]);
const RUN_TOOLS = new Set(['npm', 'pnpm', 'yarn', 'bun']);

/**
 * A rule that covers an action and others like it, for the console's "make a rule" key:
 * `git push --force origin main` → `Bash(git push --force *)`, an edit of src/a.ts →
 * `Edit(src/**)`, a fetch → `WebFetch(domain:host)`.
 */
export function suggestRule(action: Action, home = process.env.HOME ?? '/'): string {
  if (action.tool === 'Bash' && action.command !== undefined) {
    const split = commandParts(action.command, home);
    const first = split?.parts[0] ?? action.command.trim();
    return `Bash(${commandPrefix(first.split(' '))} *)`;
  }
  if (action.tool.startsWith('mcp__')) return action.tool;
  if (action.tool === 'WebFetch' && typeof action.input.url === 'string') {
    try {
      return `WebFetch(domain:${new URL(action.input.url).hostname})`;
    } catch {
      return 'WebFetch';
    }
  }
  const file = action.paths[0];
  if (file !== undefined && (action.toolClass === 'edit' || action.toolClass === 'read')) {
    const family = action.toolClass === 'edit' ? 'Edit' : 'Read';
    const dir = path.dirname(file);
    const rel = path.relative(action.cwd, dir);
    if (rel === '') return `${family}(./**)`;
    if (!rel.startsWith('..') && !path.isAbsolute(rel)) return `${family}(${rel}/**)`;
    if (dir === home || dir.startsWith(`${home}/`))
      return `${family}(~/${path.relative(home, dir)}/**)`.replace('~//', '~/');
    return `${family}(/${dir}/**)`;
  }
  return action.tool;
}

function commandPrefix(words: readonly string[]): string {
  const head = words[0] ?? '';
  const out = [head];
  let i = 1;
  const isWord = (w: string | undefined) => w !== undefined && /^[A-Za-z][\w:.-]*$/.test(w);
  if (SUBCOMMAND_TOOLS.has(path.basename(head)) && isWord(words[i])) {
    out.push(words[i]!);
    i += 1;
    if (
      RUN_TOOLS.has(path.basename(head)) &&
      (words[1] === 'run' || words[1] === 'exec') &&
      isWord(words[i])
    ) {
      out.push(words[i]!);
      i += 1;
    }
  }
  // Flags right after the command name say what kind of call it is (`--force`, `-rf`).
  while (i < words.length && out.length < 5 && /^-{1,2}[A-Za-z][\w-]*$/.test(words[i]!)) {
    out.push(words[i]!);
    i += 1;
  }
  return out.join(' ');
}
