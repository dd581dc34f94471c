import type { Analysis } from '../../domain/analysis.js';
import type { SimpleCommand } from '../../shell/extract.js';
import { printedText } from '../../shell/printed-text.js';
import type { Arg } from '../../shell/words.js';
import { isWrapper } from '../../shell/wrappers.js';
import { deeper, type ShellContext } from '../commands/context.js';
import { READ_ONLY } from '../commands/readonly.js';
import { consoleHold, consolePorts } from './facts.js';
import { judgeSignals, mentionsPort, SIGNAL_NAMES } from './signals.js';
import { judgeTerminals, TERMINAL_NAMES } from './terminals.js';
import { judgeTmux } from './tmux.js';
import { judgeArchiveOrCopy, judgeGitTokenRead, judgeRecursiveSearch } from './token-readers.js';
import { isWardenScript, judgeWardenCli } from './warden-cli.js';

/**
 * The console guard: whether one command could drive, read or silence the warden console (keys
 * into its terminal, its screen, its process, its address, warden's own commands). Undefined when
 * it cannot; otherwise a `console-*` finding that decide() holds for a person in every mode but
 * yolo. Runs on every simple command the analyzer walks, so wrappers (nohup, setsid, timeout,
 * xargs), `bash -c`, background jobs, delays and interpreters' shell calls reach it too.
 */
export function judgeConsoleReach(
  name: string,
  args: readonly Arg[],
  cmd: SimpleCommand,
  ctx: ShellContext,
): Analysis | undefined {
  if (name === 'tmux') {
    const t = judgeTmux(args, ctx);
    return t.kind === 'safe' ? undefined : t;
  }
  if (TERMINAL_NAMES.has(name)) return judgeTerminals(name, args, cmd, ctx);
  if (SIGNAL_NAMES.has(name)) {
    const s = judgeSignals(name, args, cmd, ctx);
    if (s) return s;
  }
  if (name === 'warden') return judgeWardenCli(args);
  if (name === 'at' || name === 'batch') return judgeScheduled(cmd, ctx);
  if (name === 'script') return judgeScriptCommand(args, ctx);
  if (SEARCHERS.has(name)) return judgeRecursiveSearch(name, args, ctx);
  if (name === 'git') return judgeGitTokenRead(args, ctx);
  if (COPIERS.has(name)) return judgeCopier(name, args, ctx);
  if (/^(node|nodejs|bun|deno|tsx|ts-node)$/.test(name)) {
    const script = args.find((a) => !a.value.startsWith('-'));
    if (script && !script.dynamic && isWardenScript(script.value))
      return judgeWardenCli(args.slice(args.indexOf(script) + 1));
  }
  return judgeAddress(name, args);

  function judgeAddress(n: string, words: readonly Arg[]): Analysis | undefined {
    // wrappers and runners are judged by what they run (`npx kill-port 7723`, `nohup nc -l 7723`)
    if (READ_ONLY.has(n) || SIGNAL_NAMES.has(n) || isWrapper(n) || RUNNERS.has(n)) return undefined;
    const ports = consolePorts(ctx.env);
    const hit = words.find((a) => mentionsPort(a.value, ports));
    if (!hit) return undefined;
    return consoleHold(
      'console-address',
      `${n} ${hit.value} reaches warden's own address (its hook endpoint or approval page) or takes its port; only a person opens pairing links or binds that port`,
    );
  }
}

/** `at`/`batch` run their stdin later: a keystroke there is a keystroke (the rest is judged as persistence). */
function judgeScheduled(cmd: SimpleCommand, ctx: ShellContext): Analysis | undefined {
  const up = cmd.upstream;
  const head = up?.argv[0]?.value;
  const text =
    cmd.stdinText ??
    (up && (head === 'echo' || head === 'printf') ? printedText(head, up.argv.slice(1)) : undefined);
  if (text === undefined) return undefined;
  const later = ctx.judgeScript(text, deeper(ctx));
  return later.kind === 'dangerous' && later.finding.startsWith('console-') ? later : undefined;
}

/** `script -c CMD` runs CMD on a new terminal (the way to give `tmux attach` a tty). */
function judgeScriptCommand(args: readonly Arg[], ctx: ShellContext): Analysis | undefined {
  const at = args.findIndex((a) => /^(-[a-zA-Z]*c|--command)$/.test(a.value));
  const code = at >= 0 ? args[at + 1] : args.find((a) => a.value.startsWith('--command='));
  if (!code) return undefined;
  const value = code.value.startsWith('--command=') ? code.value.slice(10) : code.value;
  const inner = ctx.judgeScript(value, deeper(ctx));
  return inner.kind === 'safe' ? undefined : inner;
}

const RUNNERS = new Set(['npx', 'bunx', 'pnpx', 'pnpm', 'yarn', 'npm', 'uvx', 'pipx']);

const SEARCHERS = new Set(['grep', 'egrep', 'fgrep', 'zgrep', 'rgrep', 'rg', 'ag']);
const COPIERS = new Set(['tar', 'bsdtar', 'gtar', 'zip', '7z', '7za', 'cp', 'rsync', 'scp', 'ditto', 'gcp']);

/** Archives being made and recursive copies: their sources (a copy's destination is not read). */
function judgeCopier(name: string, args: readonly Arg[], ctx: ShellContext): Analysis | undefined {
  if (/^(b|g)?tar$/.test(name)) {
    const mode = args.find((a) => !a.dynamic && !/^--?[fCT]$/.test(a.value))?.value ?? '';
    const creates =
      /^-?[a-zA-Z]*[cru]/.test(mode) || args.some((a) => /^--(create|append|update)$/.test(a.value));
    return creates ? judgeArchiveOrCopy(name, args, ctx) : undefined;
  }
  if (/^7za?$/.test(name)) {
    const sub = args.find((a) => !a.value.startsWith('-'))?.value;
    return sub === 'a' || sub === 'u' ? judgeArchiveOrCopy(name, args.slice(2), ctx) : undefined;
  }
  if (name === 'zip')
    return judgeArchiveOrCopy(name, args.filter((a) => !a.value.startsWith('-')).slice(1), ctx);
  const flags = args.filter((a) => a.value.startsWith('-'));
  const operands = args.filter((a) => !a.value.startsWith('-'));
  return judgeArchiveOrCopy(name, [...flags, ...operands.slice(0, -1)], ctx);
}

/** TIOCSTI (ioctl 0x5412) pushes bytes into a terminal's input queue, from any language. */
const TIOCSTI = /\bTIOCSTI\b|\b0x0*5412\b|\b21522\b/i;

/** Raw-text checks over a whole script (C in heredocs, code strings, compiled one-offs). */
export function judgeConsoleText(source: string): Analysis | undefined {
  if (TIOCSTI.test(source))
    return consoleHold(
      'console-keystrokes',
      'pushes keystrokes into a terminal with the TIOCSTI ioctl (it can type into the warden console); a person decides',
    );
  return undefined;
}
