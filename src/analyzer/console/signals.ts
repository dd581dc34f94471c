import type { Analysis } from '../../domain/analysis.js';
import { consoleDeviceReason, tokenFileReason } from '../../places/console-files.js';
import { resolvePath } from '../../places/resolve-path.js';
import type { SimpleCommand } from '../../shell/extract.js';
import type { Arg } from '../../shell/words.js';
import type { ShellContext } from '../commands/context.js';
import { consoleHold, consoleOf, consolePorts } from './facts.js';

/**
 * Silencing the console: signals to its process (by pid, by a name or command-line pattern that
 * matches it, by its terminal, by the port or files it holds open), and debuggers or tracers that
 * attach to it. Process finders (pgrep, pidof, lsof -t, fuser) are held when they find the console
 * and their output flows on into another command (`kill $(pgrep -f warden)`,
 * `lsof -ti :7723 | xargs kill`); printed, they only read.
 */

const silence = (what: string): Analysis =>
  consoleHold(
    'console-silence',
    `${what}: that would stop or take over the warden console; only a person does that`,
  );

/** Whether a pid (literal, `-PGID`, or only known at run time) could be the console's. */
function pidCouldBe(arg: Arg, ctx: ShellContext): boolean {
  if (arg.dynamic) return !/^"?\$!"?$/.test(arg.value) && !/^%/.test(arg.value);
  const pid = consoleOf(ctx.env).facts.pid;
  const n = /^-?(\d+)$/.exec(arg.value)?.[1];
  if (n === undefined) return false;
  return pid !== undefined && Number(n) === pid;
}

/** Whether a pgrep/pkill pattern (an extended regex) matches one of the console's names. */
function patternMatches(
  pattern: string,
  subjects: readonly string[],
  flags: { exact: boolean; ignoreCase: boolean },
): boolean {
  let re: RegExp;
  try {
    re = new RegExp(flags.exact ? `^(?:${pattern})$` : pattern, flags.ignoreCase ? 'i' : '');
  } catch {
    return true;
  }
  return subjects.some((s) => re.test(s));
}

const PGREP_VALUED =
  /^-[sugGPtFdUcqLn]*[sugGPtFdU]$|^--(signal|session|uid|euid|group|pgroup|parent|terminal|pidfile|delimiter|ns|nslist|runstates)$/;

/** pkill/pgrep: by name (15 characters of comm), by whole command line with -f, by terminal with -t. */
function pgrepFinds(args: readonly Arg[], ctx: ShellContext): string | undefined {
  const facts = consoleOf(ctx.env).facts;
  let full = false;
  let exact = false;
  let ignoreCase = false;
  const patterns: Arg[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.dynamic && a.value.startsWith('-') && a.value.length > 1 && !/^-\d+$|^-[A-Z]+$/.test(a.value)) {
      if (/^--full$/.test(a.value) || /^-[a-zA-Z]*f/.test(a.value.replace(/^--.*/, ''))) full = true;
      if (/^--exact$/.test(a.value) || /^-[a-zA-Z]*x/.test(a.value.replace(/^--.*/, ''))) exact = true;
      if (/^--ignore-case$/.test(a.value) || /^-[a-zA-Z]*i/.test(a.value.replace(/^--.*/, '')))
        ignoreCase = true;
      const terminal = /^(-t|--terminal)$/.test(a.value)
        ? args[i + 1]
        : /^--terminal=/.test(a.value)
          ? { value: a.value.slice(11), dynamic: a.dynamic }
          : undefined;
      if (terminal && terminalCouldBe(terminal, ctx))
        return `processes on the console's terminal (${terminal.value})`;
      if (/^(-F|--pidfile)$/.test(a.value) && args[i + 1]) {
        const file = resolvePath(args[i + 1]!.value, ctx);
        if (args[i + 1]!.dynamic || (file && tokenFileReason(file, ctx.env)))
          return `the pid in ${args[i + 1]!.value}`;
      }
      if (PGREP_VALUED.test(a.value)) i++;
      continue;
    }
    patterns.push(a);
  }
  for (const p of patterns) {
    if (p.dynamic) return `processes matching ${p.value}, known only at run time`;
    const subjects = full
      ? [facts.commandLine, ...facts.processNames]
      : facts.processNames.map((n) => n.slice(0, 15));
    if (patternMatches(p.value, subjects, { exact, ignoreCase }))
      return `processes matching "${p.value}", which include the warden console`;
  }
  return undefined;
}

function terminalCouldBe(t: Arg, ctx: ShellContext): boolean {
  if (t.dynamic) return true;
  const abs = t.value.startsWith('/') ? t.value : `/dev/${t.value}`;
  return (
    t.value
      .split(',')
      .some((one) => consoleDeviceReason(one.startsWith('/') ? one : `/dev/${one}`, ctx.env) !== undefined) ||
    abs === consoleOf(ctx.env).facts.tty
  );
}

/** killall NAME (exact process names; -r: regexes). */
function killallFinds(args: readonly Arg[], ctx: ShellContext): string | undefined {
  const facts = consoleOf(ctx.env).facts;
  const regex = args.some((a) => /^(-[a-zA-Z]*r|--regexp)$/.test(a.value));
  const ignoreCase = args.some((a) => /^(-[a-zA-Z]*I|--ignore-case)$/.test(a.value));
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.dynamic && a.value.startsWith('-')) {
      if (/^-(s|u|o|y|n|-signal|-user|-older-than|-younger-than|-ns)$/.test(a.value)) i++;
      continue;
    }
    if (a.dynamic) return `processes named ${a.value}, known only at run time`;
    const names = facts.processNames;
    const hit = regex
      ? patternMatches(a.value, names, { exact: false, ignoreCase })
      : names.some((n) => (ignoreCase ? n.toLowerCase() === a.value.toLowerCase() : n === a.value));
    if (hit) return `every process named ${a.value}, the warden console among them`;
  }
  return undefined;
}

/** A port written as a word (`7723`, `:7723`, `7723/tcp`, `localhost:7723`). */
export function mentionsPort(value: string, ports: readonly number[]): boolean {
  for (const port of ports) {
    const at = value.indexOf(String(port));
    if (at < 0) continue;
    const re = new RegExp(`(^|[^\\d.])${port}(?!\\d)`);
    if (re.test(value)) return true;
  }
  return false;
}

/** lsof -t / fuser: do they look up the console's port, terminal or files? */
function finderFinds(name: string, args: readonly Arg[], ctx: ShellContext): string | undefined {
  const ports = consolePorts(ctx.env);
  for (const a of args) {
    if (mentionsPort(a.value, ports)) return `the process listening on warden's port (${a.value})`;
    if (a.dynamic && !a.value.startsWith('-')) return `processes found by ${a.value}, known only at run time`;
    if (a.value.startsWith('-')) continue;
    const abs = resolvePath(a.value, ctx);
    if (abs && (consoleDeviceReason(abs, ctx.env) || tokenFileReason(abs, ctx.env)))
      return `the processes holding ${a.value}, the warden console's`;
  }
  void name;
  return undefined;
}

/** Debuggers and tracers: the pid they attach to (`-p PID`, `--pid=PID`, `gdb prog PID`, `attach PID`). */
const DEBUGGERS = new Set([
  'gdb',
  'strace',
  'ltrace',
  'lldb',
  'gcore',
  'reptyr',
  'peekfd',
  'perf',
  'py-spy',
  'pstack',
  'gdbserver',
  'dtruss',
  'criu',
  'ptrace',
  'bpftrace',
  'sysdig',
  'retsnoop',
]);

function debuggerAttaches(name: string, args: readonly Arg[], ctx: ShellContext): string | undefined {
  const pids: Arg[] = [];
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (/^(-p|--pid|-t|--attach-pid|--attach|attach)$/.test(v) && args[i + 1]) pids.push(args[i + 1]!);
    else if (/^--(pid|attach-pid)=/.test(v))
      pids.push({ value: v.slice(v.indexOf('=') + 1), dynamic: args[i]!.dynamic });
    else if (/^-p\d+$/.test(v)) pids.push({ value: v.slice(2), dynamic: false });
    else if (/^(-ex|--eval-command|-o)$/.test(v) && /attach\s+\S+/.test(args[i + 1]?.value ?? ''))
      pids.push({
        value: /attach\s+(\S+)/.exec(args[i + 1]!.value)![1]!,
        dynamic: /\$/.test(args[i + 1]!.value),
      });
  }
  // gcore PID, reptyr PID, peekfd PID, pstack PID; gdb PROGRAM PID
  if (/^(gcore|reptyr|peekfd|pstack)$/.test(name)) pids.push(...args.filter((a) => !a.value.startsWith('-')));
  if (name === 'gdb') {
    const ops = args.filter((a) => !a.value.startsWith('-'));
    if (ops.length >= 2) pids.push(ops[1]!);
  }
  if (name === 'bpftrace' || name === 'sysdig')
    return `${name} can read every process, the warden console's included`;
  const facts = consoleOf(ctx.env).facts;
  for (const p of pids)
    if (p.dynamic || facts.pid === undefined || pidCouldBe(p, ctx))
      return `${name} attaches to process ${p.value}, which could be the warden console`;
  return undefined;
}

export const SIGNAL_NAMES: ReadonlySet<string> = new Set([
  'kill',
  'pkill',
  'pgrep',
  'killall',
  'pidof',
  'fuser',
  'lsof',
  'kill-port',
  'skill',
  'snice',
  ...DEBUGGERS,
]);

/** Whether a command's output flows into another command (captured by `$(…)` or piped on). */
function outputFlows(cmd: SimpleCommand): boolean {
  return cmd.capturedBy !== undefined || cmd.downstream !== undefined;
}

export function judgeSignals(
  name: string,
  args: readonly Arg[],
  cmd: SimpleCommand,
  ctx: ShellContext,
): Analysis | undefined {
  switch (name) {
    case 'kill': {
      // the first word may be the signal (`-9`, `-STOP`); after it, `-N` is a process group
      const targets = args.filter(
        (a, i) =>
          !(i === 0 && /^-(\d+|[A-Z]+\d*)$/i.test(a.value)) &&
          !/^-(s|n|l|L|-signal)$/.test(a.value) &&
          !/^-(s|n|-signal)$/.test(args[i - 1]?.value ?? '') &&
          (a.dynamic || !a.value.startsWith('-') || /^-\d+$/.test(a.value)),
      );
      const hit = targets.find((t) => !t.dynamic && pidCouldBe(t, ctx));
      return hit ? silence(`kill ${hit.value} signals the warden console's process`) : undefined;
    }
    case 'pkill':
    case 'skill':
    case 'snice': {
      const hit = pgrepFinds(args, ctx);
      return hit ? silence(`${name} signals ${hit}`) : undefined;
    }
    case 'pgrep': {
      if (!outputFlows(cmd)) return undefined;
      const hit = pgrepFinds(args, ctx);
      return hit ? silence(`pgrep finds ${hit} and passes their pids on`) : undefined;
    }
    case 'pidof': {
      if (!outputFlows(cmd)) return undefined;
      const names = consoleOf(ctx.env).facts.processNames;
      const hit = args.find((a) => a.dynamic || (!a.value.startsWith('-') && names.includes(a.value)));
      return hit ? silence(`pidof ${hit.value} passes the warden console's pid on`) : undefined;
    }
    case 'killall': {
      const hit = killallFinds(args, ctx);
      return hit ? silence(`killall signals ${hit}`) : undefined;
    }
    case 'fuser': {
      const kills = args.some((a) => /^-[a-zA-Z]*k|^--kill$/.test(a.value));
      if (!kills && !outputFlows(cmd)) return undefined;
      const hit = finderFinds(name, args, ctx);
      return hit ? silence(`fuser ${kills ? 'kills' : 'finds'} ${hit}`) : undefined;
    }
    case 'lsof': {
      if (!outputFlows(cmd) || !args.some((a) => /^-[a-zA-Z]*t/.test(a.value))) return undefined;
      const hit = finderFinds(name, args, ctx);
      return hit ? silence(`lsof -t passes on the pid of ${hit}`) : undefined;
    }
    case 'kill-port': {
      const ports = consolePorts(ctx.env);
      const hit = args.find((a) => a.dynamic || mentionsPort(a.value, ports));
      return hit ? silence(`kill-port ${hit.value} stops what listens on warden's port`) : undefined;
    }
    default: {
      if (!DEBUGGERS.has(name)) return undefined;
      const hit = debuggerAttaches(name, args, ctx);
      return hit ? silence(hit) : undefined;
    }
  }
}
