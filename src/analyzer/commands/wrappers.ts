import type { Analysis } from '../../domain/analysis.js';
import type { SimpleCommand } from '../shell/extract.js';
import type { Arg } from '../shell/words.js';
import { atLeastUnsure, unsure } from '../verdicts.js';
import { deeper, type ShellContext } from './context.js';
import { judgeParallel, judgeXargs } from './xargs.js';

/**
 * Wrappers run another command: the wrapped argv is judged instead. Each entry says how many
 * option words (with values) to skip before the wrapped command.
 */
interface WrapperSpec {
  /** Options that take a value as the next word. */
  readonly valued: RegExp;
  /** Positional words before the command (timeout's DURATION). */
  readonly positional?: number;
  /** Leading NAME=value words are skipped (env). */
  readonly assignments?: boolean;
  /** The wrapped command raises privileges. */
  readonly privileged?: boolean;
  /** A lone `-` is an option (`env -` is `env -i`), not the command. */
  readonly dashIsOption?: boolean;
  /** Options that mean "do not run a command" (command -v). */
  readonly noRun?: RegExp;
}

const WRAPPERS: Readonly<Record<string, WrapperSpec>> = {
  sudo: {
    valued: /^-[ugpChDrtUT]$|^--(user|group|prompt|close-from|chdir|role|type|other-user|host)$/,
    privileged: true,
    noRun: /^-(l|ll|v|k|K|V|h)$/,
  },
  doas: { valued: /^-[uC]$/, privileged: true },
  pkexec: { valued: /^--user$/, privileged: true },
  run0: { valued: /^-[uD]$|^--(user|chdir|unit)$/, privileged: true },
  su: { valued: /^-[c]$/, privileged: true },
  env: { valued: /^-[uCS]$|^--(unset|chdir|split-string)$/, assignments: true, dashIsOption: true },
  busybox: { valued: /^$/ },
  toybox: { valued: /^$/ },
  nice: { valued: /^-n$|^--adjustment$/ },
  ionice: { valued: /^-[cnp]$/ },
  nohup: { valued: /^$/ },
  timeout: { valued: /^-[sk]$|^--(signal|kill-after)$/, positional: 1 },
  gtimeout: { valued: /^-[sk]$|^--(signal|kill-after)$/, positional: 1 },
  time: { valued: /^-[fo]$/ },
  command: { valued: /^$/, noRun: /^-[vV]$/ },
  builtin: { valued: /^$/ },
  exec: { valued: /^-a$/ },
  stdbuf: { valued: /^-[ioe]$/ },
  unbuffer: { valued: /^$/ },
  caffeinate: { valued: /^-[tw]$/ },
  chronic: { valued: /^$/ },
  watch: { valued: /^-[nd]$|^--(interval)$/ },
  flock: { valued: /^-[wE]$/, positional: 1 },
  strace: { valued: /^-[eopsu]$/ },
  ltrace: { valued: /^-[eopsu]$/ },
  dotenv: { valued: /^-[ef]$/ },
  'with-contenv': { valued: /^$/ },
  chroot: { valued: /^--(userspec|groups)$/, positional: 1, privileged: true },
  runuser: { valued: /^-[ugl]$/, privileged: true },
  setsid: { valued: /^$/ },
  nsenter: { valued: /^-[tS]$/, privileged: true },
  'uv-run': { valued: /^$/ },
};

export function isWrapper(name: string): boolean {
  return name in WRAPPERS || name === 'xargs' || name === 'parallel';
}

/** Judges a wrapper: the wrapped argv, plus what the wrapper itself adds (privilege). */
export function judgeWrapper(
  name: string,
  args: readonly Arg[],
  cmd: SimpleCommand,
  ctx: ShellContext,
): Analysis {
  if (name === 'xargs') return judgeXargs(args, cmd, ctx);
  if (name === 'parallel') return judgeParallel(args, cmd, ctx);
  const spec = WRAPPERS[name]!;
  let i = 0;
  while (i < args.length) {
    const v = args[i]!.value;
    if (spec.noRun?.test(v)) return { kind: 'safe', reason: `${name} ${v} only looks things up` };
    if (v === '--') {
      i++;
      break;
    }
    if (spec.assignments && /^[A-Za-z_]\w*=/.test(v)) {
      i++;
      continue;
    }
    if (!v.startsWith('-') || (v === '-' && !spec.dashIsOption)) break;
    i += spec.valued.test(v) ? 2 : 1;
  }
  if (name === 'su') {
    const c = args.findIndex((a) => a.value === '-c');
    const inner = c >= 0 ? args[c + 1] : undefined;
    const r = inner ? ctx.judgeScript(inner.value, deeper(ctx)) : unsure('su', 'opens a root shell');
    return privileged(r, name);
  }
  i += spec.positional ?? 0;
  const inner = args.slice(i);
  if (inner.length === 0) {
    if (name === 'env') return { kind: 'safe', reason: 'env prints the environment' };
    return spec.privileged
      ? unsure(`${name}-shell`, `${name} opens a privileged shell`)
      : { kind: 'safe', reason: `${name} without a command does nothing risky` };
  }
  const r = ctx.judgeArgv(inner, cmd, deeper(ctx));
  return spec.privileged ? privileged(r, name) : r;
}

function privileged(r: Analysis, name: string): Analysis {
  return atLeastUnsure(
    r,
    'privilege-escalation',
    `${name} runs the command as root; run it without ${name}, or ask the user`,
  );
}
