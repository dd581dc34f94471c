import path from 'node:path';
import type { Analysis } from '../../domain/analysis.js';
import { searchesAllSecrets, secretLookingSearch } from '../../policy/search-scope.js';
import { SECRET_TOKEN } from '../../policy/secret-patterns.js';
import { resolvePath } from '../paths.js';
import type { SimpleCommand } from '../shell/extract.js';
import type { Arg } from '../shell/words.js';
import { dangerous, safe, unsure, worst } from '../verdicts.js';
import type { CommandJudge, ShellContext } from './context.js';
import { DATABASE_JUDGES, judgeSql } from './database.js';
import { judgeDestination, judgeSecretOutput } from './env-secrets.js';
import { isFileJudge, judgeFileCommand } from './files.js';
import { git } from './git.js';
import { INFRA_JUDGES, INFRA_TOOLS, judgeInfra } from './infra.js';
import { INTERPRETER_JUDGES } from './interpreters.js';
import { NETWORK_JUDGES } from './network.js';
import { PACKAGE_JUDGES, PROJECT_TOOLS } from './packages.js';
import { judgeAll, judgeOverwrite, judgeRead, judgeWrite } from './path-checks.js';
import { judgeWindowsDelete } from './powershell.js';
import { READ_ONLY } from './readonly.js';
import { rg } from './search.js';
import { judgeScriptFile } from './shells.js';
import { SYSTEM_JUDGES } from './system.js';
import { java, judgeUnknownCli } from './unknown-cli.js';
import { WINDOWS_JUDGES } from './windows.js';
import { isWrapper, judgeWrapper } from './wrappers.js';

const JUDGES: Readonly<Record<string, CommandJudge>> = {
  ...INFRA_JUDGES,
  ...DATABASE_JUDGES,
  ...NETWORK_JUDGES,
  ...SYSTEM_JUDGES,
  ...WINDOWS_JUDGES,
  ...PACKAGE_JUDGES,
  ...INTERPRETER_JUDGES,
  git,
  java,
  // rg runs its --pre and --hostname-bin programs
  rg,
};

/** A first argument that only asks (`rfkill list`, `foo-remove --help`). */
const READING_SUBCOMMAND = /^(list|ls|show|status|info|get|describe|help|--help|-h|--version|-V)$/;

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

function normalizeName(head: Arg, _ctx: ShellContext): { name: string; scriptPath?: Arg } | Analysis {
  if (head.dynamic)
    return unsure('dynamic-command', `the command name is only known at run time (${head.value})`);
  let name = head.value;
  if (/[^\x20-\x7e]/.test(name))
    return unsure('non-ascii-command', `the command name ${JSON.stringify(name)} has unusual characters`);
  // `IFS=,; x=rm,-rf,~; $x`: a name with separators is a command line split some other way
  if (/[,;|&<>(){}[\]'"`$=]/.test(name) && !/^\[\[?$/.test(name))
    return unsure(
      'odd-command-name',
      `the command name ${JSON.stringify(name)} looks like a whole command line`,
    );
  if (name.includes('/')) {
    const raw = path.posix.basename(name);
    if (!raw) return unsure('bad-command', `cannot run ${name}`);
    const base = canonicalName(raw);
    const known = knownName(base);
    const abs = name.startsWith('/') ? name : undefined;
    if (
      known &&
      (abs === undefined ||
        /^\/(usr|bin|sbin|opt|nix|snap|Library|Applications|home|Users)\b|\/\.?(local|cargo|bun|nvm|volta|pyenv|rbenv|asdf|venv|\.venv)\b|node_modules\/\.bin/.test(
          name,
        ) ||
        abs)
    )
      return { name: base };
    return { name: raw, scriptPath: head };
  }
  name = name.replace(/^\\+/, '');
  return { name: canonicalName(name) };
}

/**
 * The name a known command goes by: file systems on macOS and Windows ignore case (SHUTDOWN runs
 * shutdown) and Windows finds `git.exe` as `git`. Unknown names stay as written.
 */
function canonicalName(name: string): string {
  if (knownName(name)) return name;
  for (const n of [name, name.replace(/\.exe$/i, '')]) {
    if (knownName(n)) return n;
    if (knownName(n.toLowerCase())) return n.toLowerCase();
  }
  return name;
}

function knownName(name: string): boolean {
  return (
    name in JUDGES ||
    isFileJudge(name) ||
    isWrapper(name) ||
    INFRA_TOOLS.has(name) ||
    PROJECT_TOOLS.has(name) ||
    READ_ONLY.has(name) ||
    /^(python|pip|pypy)\d/.test(name)
  );
}

/** Judges one argv (head and arguments) of a simple command. */
export function judgeArgv(argv: readonly Arg[], cmd: SimpleCommand, ctx: ShellContext): Analysis {
  if (argv.length === 0) return safe('no command');
  const norm = normalizeName(argv[0]!, ctx);
  if ('kind' in norm) return norm;
  let { name } = norm;
  const args = argv.slice(1);
  const global = globalChecks(args);
  if (global) return global;
  if (/^python\d(\.\d+)?$/.test(name)) name = 'python3';
  if (/^pip\d(\.\d+)?$/.test(name)) name = 'pip';
  const leaked = secretInArgs(argv);
  if (leaked) return leaked;
  const known = judgeKnown(name, norm.scriptPath, args, cmd, ctx);
  const inner = worst(
    [known, judgeSecretOutput(name, args, cmd), judgeDestination(name, args)].filter((a) => a !== undefined),
    known,
  );
  if (inner.kind !== 'safe' && DRY_RUN(args) && !NO_DRY_RUN.has(name))
    return safe(`${name} with a dry-run flag changes nothing`);
  return inner;
}

const DRY_RUN = (args: readonly Arg[]) =>
  args.some((a) => /^-{0,2}dry-?run(=.*)?$|^--check$|^--noop$|^--what-if$|^--plan$/i.test(a.value));
const NO_DRY_RUN = new Set([
  'rm',
  'bash',
  'sh',
  'zsh',
  'python',
  'python3',
  'node',
  'eval',
  'sudo',
  'curl',
  'wget',
]);

const SECRET_PARAM =
  /([?&]|\b)(api_?key|access_?token|token|secret|password|passwd|client_secret)=(?!\$)([^&\s"']{6,})/gi;
/** Values that stand for a credential in docs and templates: `your_key_here`, `<token>`, `xxx`, `changeme`. */
const PLACEHOLDER =
  /^(your|my)[_-]|^<.*>$|^\[.*\]$|^\{.*\}$|^\$\{.*\}$|^x{3,}|^\*{3,}|^\.{3}|changeme|change_me|example|placeholder|dummy|^replace|^insert|^test(ing)?$|here$/i;

function literalSecretParam(value: string): boolean {
  for (const m of value.matchAll(SECRET_PARAM)) if (!PLACEHOLDER.test(m[3]!)) return true;
  return false;
}

/** A literal credential in the command line leaks it into logs and the transcript. */
function secretInArgs(argv: readonly Arg[]): Analysis | undefined {
  for (const a of argv) {
    if (a.dynamic) continue;
    if (SECRET_TOKEN.test(a.value) || literalSecretParam(a.value))
      return unsure(
        'secret-in-command',
        'the command line holds a literal credential; read it from an environment variable or a credentials file instead',
      );
  }
  return undefined;
}

const SECRET_WORDS =
  /pass(word|wd)?|secret|token|credential|api_?key|private|\.pem|\.key\b|id_rsa|\.p12|keychain|wallet/i;

function judgeKnown(
  name: string,
  scriptPath: Arg | undefined,
  args: readonly Arg[],
  cmd: SimpleCommand,
  ctx: ShellContext,
): Analysis {
  if (scriptPath && !knownName(name)) return judgeScriptFile(scriptPath, ctx, name);
  if (
    ((name === 'find' || name === 'locate' || name === 'mdfind' || name === 'fd') &&
      args.some(
        (a, i) => i > 0 && /name|path|regex/.test(args[i - 1]!.value) && SECRET_WORDS.test(a.value),
      )) ||
    (name === 'locate' && args.some((a) => SECRET_WORDS.test(a.value)))
  )
    return unsure('secret-search', 'searches the disk for credential files');
  const devices = args.filter(
    (a) =>
      /^\/dev\/(sd|hd|vd|xvd|nvme|mmcblk|disk|rdisk|md|dm-|mapper|vg|loop)/.test(a.value) ||
      (/^if=|^of=/.test(a.value) && /\/dev\/(sd|nvme|disk|hd)/.test(a.value)),
  );

  let result: Analysis;
  if (
    devices.length > 0 &&
    (READ_ONLY.has(name) || PROJECT_TOOLS.has(name)) &&
    !/^(ls|stat|file|lsblk|df|echo)$/.test(name)
  )
    return unsure('raw-device', `${name} operates on the raw device ${devices[0]!.value}`);
  if (isWrapper(name)) return judgeWrapper(name, args, cmd, ctx);
  if (isFileJudge(name)) result = judgeFileCommand(name, args, cmd, ctx);
  else if (name in JUDGES) result = JUDGES[name]!(args, cmd, ctx);
  else if (INFRA_TOOLS.has(name)) result = judgeInfra(name, args, cmd);
  else if (PROJECT_TOOLS.has(name) || READ_ONLY.has(name))
    result = safe(`${name} is a read-only or project tool`);
  else {
    if (
      /^(select|delete|drop|truncate|update|insert|alter|with|create|flushall|flushdb|shutdown)$/i.test(name)
    )
      result = /^shutdown$/i.test(name)
        ? dangerous('destroy-or-exfiltrate', 'power', 'shuts down a server')
        : judgeSql([name, ...args.map((a) => a.value)].join(' '), 'sql');
    else if (/^(remove-item|rd|rmdir|del|erase|ri)$/i.test(name))
      result = judgeAll(
        args
          .filter((a) => !/^-/.test(a.value) && !/^\/[sqaf]$/i.test(a.value))
          .map((a) => {
            const r = judgeWindowsDelete(
              a.value,
              args.some((x) => /^-r(ecurse)?$|^\/s$/i.test(x.value)),
              ctx,
            );
            // del on a directory empties it: a name without an extension is most likely one
            return r.kind === 'safe' &&
              /^(del|erase)$/i.test(name) &&
              !/[.*?]/.test(a.value.split(/[\\/]/).pop() ?? '')
              ? unsure(
                  'bulk-delete',
                  `${name} ${a.value} deletes every file in that directory; name the files`,
                )
              : r;
          }),
      );
    else if (devices.length > 0)
      result = unsure('raw-device', `${name} operates on the raw device ${devices[0]!.value}`);
    // the verb must end a word (`disk-format`, `Remove-Thing`, `vgremove`), not begin a longer
    // one: `format_producer` and `formatter` do not sound destructive
    else if (
      /(remove|delete|destroy|wipe|purge|kill|erase|format)\b/i.test(name) &&
      !name.includes(':') &&
      !READING_SUBCOMMAND.test(args[0]?.value ?? '')
    )
      result = unsure(
        'unknown-destructive-name',
        `${name} sounds destructive and is not a command warden knows`,
      );
    else result = judgeUnknownCli(name, args);
  }
  if (!NON_READING.has(name) && !isFileJudge(name)) {
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
    if (reads.length) return judgeAll([result, ...reads]);
  }
  return result;
}

/** Options of grep-like tools that take a value as the next word. */
const SEARCH_VALUED =
  /^(-[ABCmdD]|--(max-count|after-context|before-context|context|type|glob|iglob|type-add|max-depth|color|colour|devices|directories|binary-files|label|exclude|include|exclude-dir))$/;

/**
 * Which words of grep/rg/ag/ack are search patterns, not files: `-e PATTERN` values, or else the
 * first operand (`grep -n "spanner.Key" generated.go` reads generated.go, not a key).
 */
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

function searchPatterns(name: string, args: readonly Arg[]): Set<number> {
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

function globalChecks(args: readonly Arg[]): Analysis | undefined {
  for (const a of args) {
    if (
      a.value === '--dangerously-skip-permissions' ||
      a.value === '--allow-dangerously-skip-permissions' ||
      a.value === '--dangerously-bypass-approvals-and-sandbox' ||
      a.value === '--yolo'
    )
      return dangerous(
        'degrade-security',
        'skip-permissions',
        `blocked: ${a.value} turns off the agent's permission checks; run without it`,
      );
  }
  return undefined;
}

/** Judges the redirections of a command: writes to protected or system files, reads of secrets. */
export function judgeRedirects(cmd: SimpleCommand, ctx: ShellContext): Analysis {
  const out: Analysis[] = [];
  for (const r of cmd.redirects) {
    if (!r.target) continue;
    if ((r.operator === '>&' || r.operator === '<&') && /^(\d+|-)$/.test(r.target.value)) continue;
    if (r.operator === '<') {
      const s = judgeRead(r.target, ctx);
      if (s) out.push(s);
      continue;
    }
    const truncates = r.operator === '>' || r.operator === '>|' || r.operator === '&>' || r.operator === '>&';
    out.push(
      truncates
        ? judgeOverwrite(r.target, ctx, cmd.stdinText !== undefined)
        : judgeWrite(r.target, ctx, r.operator.includes('>>') ? 'appends' : 'redirects output'),
    );
  }
  return judgeAll(out);
}
