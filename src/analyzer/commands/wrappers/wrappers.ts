import type { Analysis } from '../../../domain/analysis.js';
import type { SimpleCommand } from '../../../shell/extract.js';
import type { Arg } from '../../../shell/words.js';
import { WRAPPERS } from '../../../shell/wrapper-table.js';
import { wrappedCommand } from '../../../shell/wrappers.js';
import { atLeastUnsure, unsure, worst } from '../../verdicts.js';
import { deeper, type ShellContext } from '../context.js';
import { judgeParallel, judgeXargs } from './xargs.js';

/** Wrappers run another command: the wrapped argv (or command line) is judged instead. */

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
  const wrapped = wrappedCommand(name, args);
  const raise = (r: Analysis) => (spec.privileged ? privileged(r, name) : r);
  const inner = deeper(ctx);
  switch (wrapped.kind) {
    case 'no-command':
      return { kind: 'safe', reason: `${name} runs no command` };
    case 'lookup':
      return { kind: 'safe', reason: `${name} ${wrapped.option} only looks things up` };
    case 'script':
      return raise(
        wrapped.code
          ? ctx.judgeScript(wrapped.code.value, inner)
          : unsure(`${name}-shell`, `${name} runs a shell`),
      );
    case 'user-shell':
      return wrapped.line !== undefined
        ? raise(ctx.judgeScript(wrapped.line, inner))
        : unsure(`${name}-shell`, `${name} opens a shell as another user`);
  }
  const judged = wrapped.readings.map((argv) => {
    if (argv.length === 0) {
      if (name === 'env') return { kind: 'safe', reason: 'env prints the environment' } as Analysis;
      return spec.privileged
        ? unsure(`${name}-shell`, `${name} opens a privileged shell`)
        : ({ kind: 'safe', reason: `${name} without a command does nothing risky` } as Analysis);
    }
    // watch runs its operands as one `sh -c` command line
    if (wrapped.joined) return ctx.judgeScript(argv.map((w) => w.value).join(' '), inner);
    return ctx.judgeArgv(argv, cmd, inner);
  });
  return raise(worst(judged, judged[0]!));
}

function privileged(r: Analysis, name: string): Analysis {
  return atLeastUnsure(
    r,
    'privilege-escalation',
    `${name} runs the command as root; run it without ${name}, or ask the user`,
  );
}
