import type { Analysis } from '../domain/analysis.js';
import { resolvePath } from '../places/resolve-path.js';
import { extractCommands, MAX_SOURCE, type SimpleCommand } from '../shell/extract.js';
import type { Arg } from '../shell/words.js';
import type { ShellContext } from './commands/context.js';
import { judgeArgv, judgeRedirects } from './commands/index.js';
import { judgeSql } from './commands/infra/database.js';
import { judgeAssignments } from './commands/languages/env-assignments.js';
import { judgeConsoleText } from './console/index.js';
import { dangerous, safe, unsure, worst } from './verdicts.js';

const FORK_BOMB = /([\w:]{1,40})\s*\(\)\s*\{[^}]{0,200}\1\s*\|\s*\1\s*&[^}]{0,200}\}\s*;?\s*\1/;

/** Judges shell source: every simple command in it, in order, following literal `cd`s. */
export function judgeScript(source: string, ctx: ShellContext): Analysis {
  if (ctx.depth > 6) return unsure('nesting-too-deep', 'shell code nested too deeply to judge');
  if (source.length > MAX_SOURCE)
    return unsure('command-too-long', `command longer than ${MAX_SOURCE} characters`);
  if (/\(\)\s*\{/.test(source) && FORK_BOMB.test(source))
    return dangerous('destroy-or-exfiltrate', 'fork-bomb', 'a fork bomb exhausts the machine');
  if (/disableAllHooks/.test(source))
    return dangerous(
      'degrade-security',
      'disable-hooks',
      "blocked: disableAllHooks turns off the user's hooks (and warden); leave hooks on",
    );
  const typed = judgeConsoleText(source);
  if (typed) return typed;
  if (/\bstratum(\+[a-z0-9]+)*:\/\//i.test(source))
    return dangerous(
      'cross-trust-boundary',
      'crypto-miner',
      'blocked: connects to a stratum mining pool (a crypto miner spends the machine for someone else)',
    );
  const { commands, errors } = extractCommands(source, ctx.env.home);
  const out: Analysis[] = [];
  let cwd = ctx.cwd;
  const downloaded = new Set<string>(ctx.downloaded ?? []);
  const generated = new Set<string>(ctx.generated ?? []);
  for (const cmd of commands) {
    const here = withScriptState(ctx, cwd, downloaded, generated);
    noteFiles(cmd, here, downloaded, generated);
    if (cmd.redirects.length > 0) out.push(judgeRedirects(cmd, here));
    if (cmd.assignments || /^(export|declare|typeset|printf|unset)$/.test(cmd.argv[0]?.value ?? ''))
      out.push(judgeAssignments(cmd, here));
    out.push(cmd.globs[0] ? globbedName(cmd) : judgeArgv(splitHead(cmd.argv), cmd, here));
    const argv = withoutBuiltinPrefix(cmd.argv);
    const head = argv[0];
    if (head && !head.dynamic && (head.value === 'cd' || head.value === 'pushd')) {
      const to = argv.find((a, i) => i > 0 && !a.value.startsWith('-'));
      if (!to) cwd = ctx.env.home;
      else cwd = to.dynamic ? undefined : resolvePath(to.value, here);
    }
  }
  const verdict = worst(out, safe('empty command'));
  if (
    errors.length > 0 &&
    verdict.kind !== 'dangerous' &&
    /^\s*(select|delete|drop|truncate|update|insert|alter|create|db\.|mongosh?\b|psql\b|mysql\b|sqlite3\b)/i.test(
      source,
    )
  ) {
    const sql = judgeSql(source, 'sql');
    if (sql.kind !== 'safe' || !/[`$]|\b(rm|curl|wget|bash|sh)\b/.test(source)) return sql;
  }
  if (errors.length > 0 && verdict.kind !== 'dangerous')
    return unsure(
      'unparseable',
      `the shell command does not parse (${errors[0]}); warden judges only what it can parse`,
    );
  return verdict;
}

/**
 * The context of one command of a script: the script's context at the command's cwd, with the
 * files downloaded and generated so far. Built field by field: `{ ...ctx, cwd, … }` here, once per
 * command, was the costliest line of judging a short command (V8 copies the spread slowly).
 */
function withScriptState(
  ctx: ShellContext,
  cwd: string | undefined,
  downloaded: ReadonlySet<string>,
  generated: ReadonlySet<string>,
): ShellContext {
  return {
    cwd,
    startCwd: ctx.startCwd,
    projectRoot: ctx.projectRoot,
    env: ctx.env,
    depth: ctx.depth,
    judgeScript: ctx.judgeScript,
    judgeArgv: ctx.judgeArgv,
    downloaded,
    generated,
  };
}

/** A command name with a glob (`/usr/b?n/rm`, a star in a directory) runs whatever the glob matches. */
function globbedName(cmd: SimpleCommand): Analysis {
  return unsure(
    'dynamic-command',
    `the command name ${cmd.argv[0]?.value} is a glob, only known at run time`,
  );
}

/**
 * A command word holding spaces (`W='rm -rf ~'; $W`, the variable's words) is split the way the
 * shell splits an unquoted expansion, so the words are judged as the command they form.
 */
function splitHead(argv: readonly Arg[]): readonly Arg[] {
  const head = argv[0];
  if (!head || head.dynamic || !/\s/.test(head.value.trim())) return argv;
  const words = head.value
    .trim()
    .split(/\s+/)
    .map((value) => ({ value, dynamic: false }));
  return [...words, ...argv.slice(1)];
}

/** `builtin cd ..` and `command cd ..` change directory like `cd ..`. */
function withoutBuiltinPrefix(argv: readonly Arg[]): readonly Arg[] {
  let i = 0;
  while (argv[i] && !argv[i]!.dynamic && (argv[i]!.value === 'builtin' || argv[i]!.value === 'command')) i++;
  return i === 0 ? argv : argv.slice(i);
}

/** Remembers which files a command downloads or generates, for the commands after it. */
function noteFiles(
  cmd: SimpleCommand,
  ctx: ShellContext,
  downloaded: Set<string>,
  generated: Set<string>,
): void {
  const head = cmd.argv[0]?.value.split('/').pop() ?? '';
  const add = (set: Set<string>, value: string | undefined) => {
    if (!value) return;
    const abs = resolvePath(value, ctx);
    if (abs) set.add(abs);
  };
  if (head === 'curl' || head === 'wget') {
    const url = cmd.argv.find((a) => /^(https?|ftp):\/\//.test(a.value))?.value;
    const urlName = url?.split('?')[0]?.split('/').pop() || (head === 'wget' ? 'index.html' : undefined);
    let named = false;
    cmd.argv.forEach((a, i) => {
      // -o FILE, --output FILE, and clusters ending in o/O (`-sSLo x.sh`)
      if (/^(--output|--output-document)$|^-[a-zA-Z]*o$/.test(a.value) && cmd.argv[i + 1]) {
        add(downloaded, cmd.argv[i + 1]!.value);
        named = true;
      } else if (head === 'wget' && /^-[a-zA-Z]*O$/.test(a.value) && cmd.argv[i + 1]) {
        add(downloaded, cmd.argv[i + 1]!.value);
        named = true;
      } else if (/^--output(-document)?=/.test(a.value)) {
        add(downloaded, a.value.slice(a.value.indexOf('=') + 1));
        named = true;
      }
    });
    // curl -O and plain wget save under the URL's own name
    if (
      (head === 'curl' && cmd.argv.some((a) => /^-[a-zA-Z]*O$|^--remote-name$/.test(a.value))) ||
      (head === 'wget' && !named)
    )
      add(downloaded, urlName);
    for (const r of cmd.redirects)
      if (r.operator.includes('>') && r.target && !r.target.dynamic) add(downloaded, r.target.value);
    return;
  }
  for (const r of cmd.redirects)
    if (r.operator.includes('>') && r.target && !r.target.dynamic) add(generated, r.target.value);
  // a compiler's output is built from local sources (`rustc x.rs -o /tmp/x && /tmp/x`), unless a
  // source was just downloaded or comes from stdin: then the output is downloaded code too
  if (COMPILERS.test(head)) {
    const inputs = cmd.argv
      .slice(1)
      .filter((a, i) => !a.value.startsWith('-') && cmd.argv[i]?.value !== '-o');
    const foreign =
      cmd.argv.some((a) => a.value === '-') ||
      inputs.some((a) => {
        const abs = resolvePath(a.value, ctx);
        return abs !== undefined && downloaded.has(abs);
      });
    cmd.argv.forEach((a, i) => {
      if (a.value === '-o' && cmd.argv[i + 1] && !cmd.argv[i + 1]!.dynamic)
        add(foreign ? downloaded : generated, cmd.argv[i + 1]!.value);
    });
  }
}

const COMPILERS =
  /^(rustc|gcc|g\+\+|cc|c\+\+|clang|clang\+\+|go|swiftc|zig|tsc|javac|nim|ghc|dmd|ldc2|gfortran)$/;
