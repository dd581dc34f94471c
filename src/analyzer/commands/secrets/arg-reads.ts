import type { Analysis } from '../../../domain/analysis.js';
import { resolvePath } from '../../../places/resolve-path.js';
import { searchesAllSecrets, secretLookingSearch } from '../../../places/search-scope.js';
import type { Arg } from '../../../shell/words.js';
import { unsure } from '../../verdicts.js';
import type { ShellContext } from '../context.js';
import { isFileJudge } from '../file-commands.js';
import { judgeRead } from '../path-checks.js';

/** The files a command's arguments read: secrets named as operands and recursive searches of home. */

/** Programs whose `-i FILE` is an SSH identity they log in with. */
const USES_KEY = /^(ssh|scp|sftp|autossh|sshfs|mosh)$/;

/** Commands whose arguments are not files they read. */
const NON_READING = new Set([
  'dotenv',
  'set',
  'echo',
  'printf',
  'ls',
  'which',
  'type',
  'test',
  '[',
  '[[',
  'stat',
  'file',
  'basename',
  'dirname',
  'realpath',
  'readlink',
  'du',
  'mkdir',
  'touch',
  'cd',
  'export',
  'git',
  'pushd',
  'sleep',
  'kill',
  'open',
  'code',
  'cursor',
]);

/** What the arguments of `name` read that needs a verdict; none for commands whose arguments are not files. */
export function judgeArgReads(name: string, args: readonly Arg[], ctx: ShellContext): Analysis[] {
  // `git diff --no-index A B` prints two files from anywhere on disk, like diff does
  const gitReadsFiles = name === 'git' && args.some((a) => a.value === '--no-index');
  if ((NON_READING.has(name) && !gitReadsFiles) || isFileJudge(name)) return [];
  const reads: Analysis[] = [];
  const patterns = searchPatterns(name, args);
  const wide = wholeHomeSearch(name, args, patterns, ctx);
  if (wide) reads.push(wide);
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (patterns.has(k)) continue;
    if (a.value.startsWith('-') && !a.value.includes('=')) continue;
    // an app loading its env file (terraform its state) is how the file is meant to be used
    if (k > 0 && /^--?(env-file|env|dotenv|envfile|state|state-out)$/.test(args[k - 1]!.value)) continue;
    // ssh and its kin use an identity file to log in: the key is used, not printed
    if (k > 0 && USES_KEY.test(name) && /^-[a-zA-Z]*i$/.test(args[k - 1]!.value)) continue;
    if (name === 'ssh-add' && !a.value.startsWith('-')) continue;
    if (/^--?(env-file|dotenv|state|state-out)=/.test(a.value)) continue;
    const value =
      a.value.includes('=') && a.value.startsWith('-') ? a.value.slice(a.value.indexOf('=') + 1) : a.value;
    const r = judgeRead({ value, dynamic: a.dynamic }, ctx);
    if (r) reads.push(r);
  }
  return reads;
}

/** Options of grep-like tools that take a value as the next word. */
const SEARCH_VALUED =
  /^(-[ABCmdD]|--(max-count|after-context|before-context|context|type|glob|iglob|type-add|max-depth|color|colour|devices|directories|binary-files|label|exclude|include|exclude-dir))$/;

/** `grep -r PATTERN ~` / `rg PATTERN /`: a recursive search of home or the disk reads its keys too. */
function wholeHomeSearch(
  name: string,
  args: readonly Arg[],
  patterns: ReadonlySet<number>,
  ctx: ShellContext,
): Analysis | undefined {
  const recursive =
    /^(rg|ag|ack|pt)$/.test(name) ||
    (/^(grep|egrep|fgrep|zgrep)$/.test(name) &&
      args.some((a) =>
        /^-[a-zA-Z]*[rR]|^--(recursive|dereference-recursive)$|^--directories=recurse$/.test(a.value),
      ));
  if (!recursive) return undefined;
  // file names only (`rg --files`, `grep -l`, counts) print no content
  if (
    args.some((a) =>
      /^(--files|--files-with-matches|--files-without-match|--count|-[a-zA-Z]*[lLc])$/.test(a.value),
    )
  )
    return undefined;
  const pattern = [...patterns].map((k) => args[k]!.value);
  if (!secretLookingSearch(...(pattern.length ? pattern : ['']))) return undefined;
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (patterns.has(k) || a.dynamic || a.value.startsWith('-')) continue;
    const abs = resolvePath(a.value, ctx);
    if (abs && searchesAllSecrets(abs, ctx.env))
      return unsure(
        'search-home',
        `${name} searches all of ${abs}, keys and credentials included; search the project`,
      );
  }
  return undefined;
}

/**
 * Which words of grep/rg/ag/ack are search patterns, not files: `-e PATTERN` values, or else the
 * first operand (`grep -n "spanner.Key" generated.go` reads generated.go, not a key).
 */ function searchPatterns(name: string, args: readonly Arg[]): Set<number> {
  const out = new Set<number>();
  if (!/^(grep|egrep|fgrep|zgrep|rg|ag|ack|pt|git-grep)$/.test(name)) return out;
  let explicit = false;
  let first = -1;
  for (let k = 0; k < args.length; k++) {
    const v = args[k]!.value;
    if (v === '--') {
      if (first < 0 && k + 1 < args.length) first = k + 1;
      break;
    }
    if (/^(-e|--regexp)$/.test(v)) {
      explicit = true;
      out.add(++k);
    } else if (/^(-f|--file)$/.test(v)) {
      explicit = true;
      k++;
    } else if (/^(--regexp=|--file=|-e.)/.test(v)) explicit = true;
    else if (SEARCH_VALUED.test(v)) k++;
    else if (!v.startsWith('-') && first < 0) first = k;
  }
  if (!explicit && first >= 0) out.add(first);
  return out;
}
