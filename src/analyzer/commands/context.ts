import type { Analysis } from '../../domain/analysis.js';
import type { PathContext } from '../../places/resolve-path.js';
import type { SimpleCommand } from '../../shell/extract.js';
import type { Arg } from '../../shell/words.js';

/** What a command judge knows: where it runs, and how to judge nested shell code. */
export interface ShellContext extends PathContext {
  /** Nesting depth of `bash -c`, `eval`, interpreter one-liners. */
  readonly depth: number;
  /** Judges shell source found inside a command (bash -c '...', eval, heredocs fed to sh). */
  readonly judgeScript: (source: string, ctx: ShellContext) => Analysis;
  /** Judges an argv (after a wrapper such as sudo or xargs) as if it were its own command. */
  readonly judgeArgv: (argv: readonly Arg[], cmd: SimpleCommand, ctx: ShellContext) => Analysis;
  /** Files an earlier command of the same script downloaded (curl -o, wget -O): running them is dangerous. */
  readonly downloaded?: ReadonlySet<string>;
  /** Temp files an earlier command of the same script created from local content (mktemp, redirections). */
  readonly generated?: ReadonlySet<string>;
}

/** The context for code nested one level deeper (`bash -c '…'`, `eval`, an interpreter's shell call). */
export function deeper(ctx: ShellContext): ShellContext {
  return { ...ctx, depth: ctx.depth + 1 };
}

/** A judge for one command name: `args` excludes the command name itself. */
export type CommandJudge = (args: readonly Arg[], cmd: SimpleCommand, ctx: ShellContext) => Analysis;

/** Which options of a command take a value (`-b NAME`, `-bNAME`, `--orphan NAME`). */
export interface OptionSpec {
  /** Short option letters that take a value: in a cluster, the rest of the word is the value, else the next word. */
  readonly shortValue?: string;
  /** Long options that take a value as the next word when not written `--opt=value`. */
  readonly longValue?: readonly string[];
}

/**
 * Splits arguments into options and operands; `--` ends options. Combined short flags are kept
 * whole, except that a cluster is cut at the first letter that takes a value (`-cfeature` is `-c`
 * with the value `feature`, not `-c -f -e …`). Option values are neither flags nor operands.
 */
export function splitArgs(args: readonly Arg[], spec: OptionSpec = {}): { flags: string[]; operands: Arg[] } {
  const flags: string[] = [];
  const operands: Arg[] = [];
  const shortValue = spec.shortValue ?? '';
  const longValue = spec.longValue ?? [];
  let ended = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!ended && a.value === '--') {
      ended = true;
      continue;
    }
    if (ended || !a.value.startsWith('-') || a.value.length === 1 || a.dynamic) {
      operands.push(a);
      continue;
    }
    if (a.value.startsWith('--')) {
      flags.push(a.value);
      if (!a.value.includes('=') && longValue.includes(a.value)) i++;
      continue;
    }
    const cut = [...a.value.slice(1)].findIndex((c) => shortValue.includes(c));
    if (cut < 0) {
      flags.push(a.value);
      continue;
    }
    flags.push(a.value.slice(0, cut + 2));
    // the value is the rest of the word, or the next word
    if (cut + 2 === a.value.length) i++;
  }
  return { flags, operands };
}

/** Whether a short flag letter appears in any `-abc` group, or a long flag is present. */
export function hasFlag(flags: readonly string[], short: string | undefined, ...long: string[]): boolean {
  for (const f of flags) {
    if (f.startsWith('--')) {
      const name = f.split('=')[0]!;
      if (long.includes(name)) return true;
    } else if (short && f.slice(1).includes(short)) return true;
  }
  return false;
}
