import path from 'node:path';
import type { Action } from '../../domain/action.js';
import { commandParts, WRAPPERS } from './command-match.js';

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
 * Commands that run whatever their arguments say (wrappers, shells, interpreters): `Bash(sudo *)`
 * or `Bash(python *)` is `Bash(*)` in disguise, so their rules keep at least the next word.
 */
const RUNS_ANYTHING = new Set([
  ...WRAPPERS,
  'eval',
  'sh',
  'bash',
  'zsh',
  'dash',
  'ksh',
  'fish',
  'python',
  'python3',
  'node',
  'deno',
  'ruby',
  'perl',
  'php',
  'osascript',
  'pwsh',
  'powershell',
  'source',
  '.',
]);

/** How a held part of a compound command was judged (the analyzer's kind), to pick the part a rule is for. */
export type PartJudge = (command: string) => 'safe' | 'dangerous' | 'unsure';

/**
 * The rules an action suggests, narrowest first, and which one to propose. Each covers the action
 * it came from. Shell: command + subcommand + leading flags, then without the flags, then the
 * command with any arguments (never a bare `*`, never `sudo *`-like); for a compound command,
 * the part that was held. Files: the file, its folder, parent folders up to the working folder.
 * MCP: the server's tool, then the server. Fetches: the host, then its parent domain.
 */
export interface RuleChoices {
  readonly choices: readonly string[];
  /** The index of the one to propose first (the narrowest useful one). */
  readonly initial: number;
}

export function ruleChoices(action: Action, home = process.env.HOME ?? '/', judge?: PartJudge): RuleChoices {
  if (action.command !== undefined && (action.tool === 'Bash' || action.toolClass === 'shell')) {
    const split = commandParts(action.command, home);
    const part = split ? heldPart(split.parts, judge) : undefined;
    if (part === undefined) return { choices: [`${action.tool}(${action.command.trim()})`], initial: 0 };
    return { choices: commandLadder(part.split(' ')).map((p) => `${action.tool}(${p})`), initial: 0 };
  }
  if (action.tool.startsWith('mcp__')) {
    const server = /^mcp__(.+?)__/.exec(action.tool)?.[1];
    return { choices: unique([action.tool, server ? `mcp__${server}` : action.tool]), initial: 0 };
  }
  if (action.tool === 'WebFetch' && typeof action.input.url === 'string') {
    let host: string;
    try {
      host = new URL(action.input.url).hostname;
    } catch {
      return { choices: ['WebFetch'], initial: 0 };
    }
    const labels = host.split('.');
    const parent =
      labels.length > 2 && !/^\d+$/.test(labels[labels.length - 1]!) ? labels.slice(1).join('.') : undefined;
    return {
      choices: unique([`WebFetch(domain:${host})`, ...(parent ? [`WebFetch(domain:*.${parent})`] : [])]),
      initial: 0,
    };
  }
  const file = action.paths[0];
  if (file !== undefined && (action.toolClass === 'edit' || action.toolClass === 'read')) {
    const family = action.toolClass === 'edit' ? 'Edit' : 'Read';
    const choices = fileLadder(file, action.cwd, home).map((p) => `${family}(${p})`);
    // The folder is the narrowest useful one: the file alone is one key narrower.
    return { choices, initial: choices.length > 1 ? 1 : 0 };
  }
  return { choices: [action.tool], initial: 0 };
}

/**
 * A rule that covers an action and others like it, for the console's "make a rule" key:
 * `git push --force origin main` → `Bash(git push --force *)`, an edit of src/a.ts →
 * `Edit(src/**)`, a fetch → `WebFetch(domain:host)`.
 */
export function suggestRule(action: Action, home = process.env.HOME ?? '/', judge?: PartJudge): string {
  const { choices, initial } = ruleChoices(action, home, judge);
  return choices[initial]!;
}

/** The part of a compound command a person was asked about: the first the analyzer finds dangerous, else unsure, else the first. */
function heldPart(parts: readonly string[], judge: PartJudge | undefined): string | undefined {
  if (parts.length <= 1 || !judge) return parts[0];
  const kinds = parts.map((p) => safeJudge(judge, p));
  const at = kinds.indexOf('dangerous') >= 0 ? kinds.indexOf('dangerous') : kinds.indexOf('unsure');
  return parts[at >= 0 ? at : 0];
}

function safeJudge(judge: PartJudge, part: string): 'safe' | 'dangerous' | 'unsure' {
  try {
    return judge(part);
  } catch {
    return 'unsure';
  }
}

/** Shell patterns, narrowest first: with leading flags, without, the command with any arguments. */
function commandLadder(words: readonly string[]): string[] {
  const head = words[0] ?? '';
  const runsAnything = RUNS_ANYTHING.has(path.basename(head));
  const named = commandName(words);
  // `sudo -u x …`, `bash -c '…'`, a bare `python`: what runs is in the arguments, so the rule is the command itself.
  if (runsAnything && named.length < 2) return [words.join(' ')];
  const levels = [withFlags(words, named.length), named];
  if (!runsAnything) levels.push([head]);
  return unique(levels.map((l) => `${l.join(' ')} *`));
}

/** The command and its subcommand words (`git push`, `npm run test`). */
function commandName(words: readonly string[]): string[] {
  const head = words[0] ?? '';
  const out = [head];
  const isWord = (w: string | undefined) => w !== undefined && /^[A-Za-z][\w:.-]*$/.test(w);
  const base = path.basename(head);
  if (SUBCOMMAND_TOOLS.has(base) && isWord(words[1])) {
    out.push(words[1]!);
    if (RUN_TOOLS.has(base) && (words[1] === 'run' || words[1] === 'exec') && isWord(words[2]))
      out.push(words[2]!);
  } else if (RUNS_ANYTHING.has(base) && words[1] !== undefined && !words[1].startsWith('-')) {
    out.push(words[1]);
  }
  return out;
}

/** The name plus the flags right after it, which say what kind of call it is (`--force`, `-rf`). */
function withFlags(words: readonly string[], from: number): string[] {
  const out = words.slice(0, from);
  let i = from;
  while (i < words.length && out.length < 5 && /^-{1,2}[A-Za-z][\w-]*$/.test(words[i]!)) {
    out.push(words[i]!);
    i += 1;
  }
  return out;
}

/** File patterns, narrowest first: the file, its folder, parents up to the working folder (or ~). */
function fileLadder(file: string, cwd: string, home: string): string[] {
  const dir = path.dirname(file);
  const rel = path.relative(cwd, dir);
  if (!rel.startsWith('..') && !path.isAbsolute(rel)) {
    const relFile = path.relative(cwd, file);
    const folders: string[] = [];
    for (let d = rel; d !== '' && d !== '.'; d = path.dirname(d)) folders.push(`${d}/**`);
    return unique([relFile, ...folders, './**']);
  }
  if (dir === home || dir.startsWith(`${home}/`)) {
    const inHome = path.relative(home, dir);
    return unique([`~/${path.relative(home, file)}`, inHome === '' ? '~/*' : `~/${inHome}/**`]);
  }
  return unique([`/${file}`, `/${dir}/**`]);
}

function unique(list: readonly string[]): string[] {
  return [...new Set(list)];
}
