import type { Action } from '../domain/action.js';
import type { Analysis, Environment } from '../domain/analysis.js';
import { extractCommands, type SimpleCommand } from '../shell/extract.js';
import type { Arg } from '../shell/words.js';
import { READ_ONLY as GIT_READ_ONLY } from './commands/git/git-vocabulary.js';

/**
 * A proof that a shell command only reads: what manual and plan mode run without asking, as
 * Claude Code's default mode runs `git status`, `ls` or `rg`. Stricter than "safe": every simple
 * command must be a reader from the table below, used without its writing options, with no output
 * redirected to a file; and the analyzer must have found nothing to hold (no secret read, no
 * search of the whole disk). Anything not proven is held for a person.
 */

/** Programs that print or compute and write nothing (their writing options are checked below). */
const READERS = new Set([
  'ls',
  'll',
  'la',
  'dir',
  'cat',
  'bat',
  'batcat',
  'head',
  'tail',
  'less',
  'more',
  'wc',
  'nl',
  'grep',
  'egrep',
  'fgrep',
  'rg',
  'ag',
  'ack',
  'fd',
  'fdfind',
  'find',
  'tree',
  'pwd',
  'echo',
  'printf',
  'true',
  'false',
  ':',
  'test',
  '[',
  '[[',
  'which',
  'whereis',
  'type',
  'command',
  'file',
  'stat',
  'du',
  'df',
  'date',
  'whoami',
  'id',
  'hostname',
  'uname',
  'basename',
  'dirname',
  'realpath',
  'readlink',
  'diff',
  'cmp',
  'comm',
  'cut',
  'tr',
  'paste',
  'column',
  'fold',
  'rev',
  'tac',
  'sort',
  'uniq',
  'jq',
  'sed',
  'awk',
  'gawk',
  'mawk',
  'md5sum',
  'sha1sum',
  'sha256sum',
  'shasum',
  'cksum',
  'strings',
  'xxd',
  'hexdump',
  'od',
  'git',
  'cd',
  'pushd',
  'popd',
  'sleep',
  'nproc',
  'seq',
]);

/**
 * git subcommands that only read: git's own read-only vocabulary, less those that reach the network,
 * write files or refs, or start programs (a proof must not depend on their options).
 */
const NOT_PROVABLE = new Set([
  'ls-remote',
  'fetch',
  'reflog',
  'fsck',
  'bugreport',
  'archive',
  'bundle',
  'format-patch',
  'instaweb',
  'request-pull',
  'difftool',
  'verify-commit',
  'verify-tag',
  'var',
]);
const GIT_READERS = new Set([...GIT_READ_ONLY].filter((sub) => !NOT_PROVABLE.has(sub)));

/** git subcommands that list when given no action (`git branch`, `git remote -v`, `git stash list`). */
const GIT_LISTERS: Readonly<Record<string, RegExp>> = {
  branch:
    /^(-[avrl]+|--all|--remotes|--list|--verbose|--show-current|--contains|--no-contains|--merged|--no-merged|--sort=.*|--format=.*|--column|--no-column|--color(=.*)?|--no-color)$/,
  tag: /^(-l|--list|-n\d*|--contains|--merged|--no-merged|--sort=.*|--format=.*|--points-at)$/,
  remote: /^(-v|--verbose|show|get-url)$/,
  stash: /^(list|show)$/,
  worktree: /^list$/,
  config:
    /^(--get|--get-all|--get-regexp|--list|-l|--show-origin|--show-scope|--global|--local|--system|--name-only|--null|-z)$/,
  reflog: /^(show|-n\d*|--date=.*)$/,
  submodule: /^(status|summary|foreach)$/,
};

function plain(args: readonly Arg[]): string[] | undefined {
  if (args.some((a) => a.dynamic)) return undefined;
  return args.map((a) => a.value);
}

/** Whether git, with these arguments, only reads. */
function gitReads(args: readonly string[]): boolean {
  let i = 0;
  // global options before the subcommand: -C DIR and --no-pager read; -c could set a pager or alias
  while (i < args.length && args[i]!.startsWith('-')) {
    const a = args[i]!;
    if (a === '-C' || a === '--git-dir' || a === '--work-tree') i += 2;
    else if (/^(--no-pager|--no-optional-locks|-P|--git-dir=.*|--work-tree=.*|--bare)$/.test(a)) i += 1;
    else return false;
  }
  const sub = args[i];
  if (sub === undefined) return true;
  const rest = args.slice(i + 1);
  // writing or command-running options of the reading subcommands
  if (rest.some((a) => /^(--output(=|$)|-O|--open-files-in-pager|--ext-diff|--exec(=|$))/.test(a)))
    return false;
  if (GIT_READERS.has(sub)) return true;
  const lister = GIT_LISTERS[sub];
  if (!lister) return false;
  if (sub === 'submodule' && rest[0] === 'foreach') return false;
  return rest.every((a) => lister.test(a)) || (sub === 'config' && rest.length > 0 && isConfigRead(rest));
}

/** `git config --get user.name`, `git config user.email` (one key: a read). */
function isConfigRead(rest: readonly string[]): boolean {
  const operands = rest.filter((a) => !a.startsWith('-'));
  return (
    operands.length === 1 && rest.every((a) => !a.startsWith('-') || /^--(get|global|local|system)/.test(a))
  );
}

/** sed commands that write files (`w`, `W`) or run them (`e`). */
const SED_WRITES = /(^|[;{}\n]|[\d$/]|^\s*)\s*[wWe](\s|$)/;
/** awk that runs programs, writes or pipes output (`system()`, `print > f`, `| "cmd"`). */
const AWK_WRITES = /system\s*\(|\|\s*["$\w]|["\w)]\s*\||print[f]?[^;}]*>|getline|close\s*\(|fflush/;

/**
 * Long options that, in any reader, name a file to write or a program to run (`--output=f`,
 * `--log-file=f`, `--pre=cmd`, `--pager=cmd`, `--exec=cmd`): whatever the program, such an option
 * is not reading. `--output-delimiter` and the like end in another word and are left alone.
 */
const WRITES_OR_RUNS_OPTION =
  /^--?(?:[\w-]*-)?(output|outfile|out-file|log-?file|exec|execdir|pager|pre|bin|program|command|cmd|editor|shell|hook|to-command)(=|$)/i;

/** Whether one reader, with these arguments, writes or runs nothing. */
function readerReads(head: string, args: readonly string[]): boolean {
  if (args.some((a) => WRITES_OR_RUNS_OPTION.test(a))) return false;
  switch (head) {
    case 'git':
      return gitReads(args);
    case 'find':
      return !args.some((a) => /^-(delete|exec|execdir|ok|okdir|fprint0?|fprintf|fls)$/.test(a));
    case 'fd':
    case 'fdfind':
      return !args.some((a) => /^(-x|-X|--exec|--exec-batch)$/.test(a));
    case 'sort':
      return !args.some((a) => /^(-o|--output|--compress-program)/.test(a));
    case 'rg':
      return !args.some((a) => /^--pre(=|$)/.test(a));
    case 'xxd':
      return args.filter((a) => !a.startsWith('-')).length <= 1;
    case 'tree':
      return !args.some((a) => /^-o$/.test(a));
    case 'file':
      return !args.some((a) => /^(-C|--compile)$/.test(a));
    case 'date':
      return !args.some((a) => /^(-s|--set)/.test(a));
    case 'hostname':
      return args.every((a) => a.startsWith('-') && !/^(-F|--file|-b|--boot)$/.test(a));
    case 'less':
    case 'more':
      // `+cmd` runs a less command; `-o`/`-O file` copies the input to a log file
      return !args.some((a) => a.startsWith('+') || /^-[a-zA-Z]*[oOk]/.test(a));
    case 'uniq':
      return args.filter((a) => !a.startsWith('-')).length <= 1;
    case 'sed': {
      if (args.some((a) => /^(-[a-zA-Z]*i|--in-place)/.test(a))) return false;
      const scripts = scriptsOf(args, /^(-e|--expression)$/);
      return scripts.every((s) => !SED_WRITES.test(s)) && !args.some((a) => /^(-f|--file)/.test(a));
    }
    case 'awk':
    case 'gawk':
    case 'mawk': {
      if (args.some((a) => /^(-f|--file|-i|--include|-l|--load|--inplace)/.test(a))) return false;
      return scriptsOf(args, /^$/).every((s) => !AWK_WRITES.test(s));
    }
    case 'command':
      // `command -v x` looks a name up; `command x` runs x
      return args[0] === '-v' || args[0] === '-V';
    case 'jq':
      return !args.some((a) => /^(-f|--from-file|--rawfile|--slurpfile)$/.test(a));
    default:
      return true;
  }
}

/** The program text of sed or awk: the `-e` values, else the first operand. */
function scriptsOf(args: readonly string[], scriptOption: RegExp): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) if (scriptOption.test(args[i]!) && args[i + 1]) out.push(args[++i]!);
  if (out.length === 0) {
    const first = args.find((a) => !a.startsWith('-'));
    if (first !== undefined) out.push(first);
  }
  return out;
}

/** Redirections that write nowhere: to /dev/null, between descriptors, or input. */
function redirectsOnlyRead(cmd: SimpleCommand): boolean {
  return cmd.redirects.every((r) => {
    if (
      /^(<|<<|<<-|<<<|<&|>&)$/.test(r.operator) &&
      (r.operator !== '>&' || /^\d+$/.test(r.target?.value ?? ''))
    )
      return true;
    const target = r.target;
    return (
      target !== undefined &&
      !target.dynamic &&
      (target.value === '/dev/null' || (/^&?\d$/.test(target.value) && r.operator.endsWith('&')))
    );
  });
}

/** Whether every simple command in a script is a reader used only to read. */
export function scriptOnlyReads(source: string, home: string): boolean {
  const { commands, errors } = extractCommands(source, home);
  if (errors.length > 0 || commands.length === 0) return false;
  for (const cmd of commands) {
    if (cmd.assignments && cmd.assignments.length > 0) return false;
    if (!redirectsOnlyRead(cmd)) return false;
    const argv = plain(cmd.argv);
    if (!argv || argv.length === 0) return false;
    const head = argv[0]!;
    if (head.includes('/') || !READERS.has(head)) return false;
    if (!readerReads(head, argv.slice(1))) return false;
  }
  return true;
}

/**
 * Whether a shell action is proven read-only: the analyzer found it safe and every command in it
 * is a reader used only to read.
 */
export function provesReadOnly(action: Action, env: Environment, analysis: Analysis): boolean {
  if (action.toolClass !== 'shell' || analysis.kind !== 'safe') return false;
  const command = action.command;
  if (command === undefined || command.trim() === '') return false;
  return scriptOnlyReads(command, env.home);
}
