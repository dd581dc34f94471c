import type { Analysis } from '../../domain/analysis.js';
import type { SimpleCommand } from '../../shell/extract.js';
import type { Arg } from '../../shell/words.js';
import { WRAPPERS } from '../../shell/wrapper-table.js';
import { readWrapperOptions } from '../../shell/wrappers.js';
import { atLeastUnsure, unsure, worst } from '../verdicts.js';
import { deeper, type ShellContext } from './context.js';
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
  let words = args;
  if (spec.subcommand) {
    if (words[0]?.value !== spec.subcommand) return { kind: 'safe', reason: `${name} runs no command` };
    words = words.slice(1);
  }
  const read = readWrapperOptions(spec, words);
  if (read.noRun !== undefined) return { kind: 'safe', reason: `${name} ${read.noRun} only looks things up` };
  const raise = (r: Analysis) => (spec.privileged ? privileged(r, name) : r);
  const inner = deeper(ctx);
  if (read.script) return raise(ctx.judgeScript(read.script.value, inner));
  const start = read.end;
  // `flock FILE -c CMD`: the command line may follow the operands
  const after = words[start + (spec.positional ?? 0)];
  if (spec.scriptOption && after && spec.scriptOption.test(after.value)) {
    const code = words[start + (spec.positional ?? 0) + 1];
    return raise(code ? ctx.judgeScript(code.value, inner) : unsure(`${name}-shell`, `${name} runs a shell`));
  }
  const userCommand = name === 'runuser' && words.slice(0, start).some((w) => /^(-u|--user)/.test(w.value));
  if (spec.shellArgs && !userCommand) {
    // `su [-] [USER] [-c CMD]`: what follows the user goes to the user's shell
    const rest = words.slice(start);
    const c = rest.findIndex((w) => spec.scriptOption?.test(w.value));
    if (c >= 0 && rest[c + 1]) return raise(ctx.judgeScript(rest[c + 1]!.value, inner));
    const joined = rest.find((w, k) => k > 0 && !w.value.startsWith('-'));
    if (name === 'sg' && joined)
      return raise(
        ctx.judgeScript(
          rest
            .slice(1)
            .map((w) => w.value)
            .join(' '),
          inner,
        ),
      );
    return unsure(`${name}-shell`, `${name} opens a shell as another user`);
  }
  const readings = [start, ...read.alternatives].map((s) => {
    let from = s + (spec.positional ?? 0);
    if (words[from]?.value === '--' && from > s) from++; // `timeout 5 -- CMD`
    let argv = words.slice(from);
    if (read.split) argv = [...splitWords(read.split), ...argv];
    return argv;
  });
  const judged = readings.map((argv) => {
    if (argv.length === 0) {
      if (name === 'env') return { kind: 'safe', reason: 'env prints the environment' } as Analysis;
      return spec.privileged
        ? unsure(`${name}-shell`, `${name} opens a privileged shell`)
        : ({ kind: 'safe', reason: `${name} without a command does nothing risky` } as Analysis);
    }
    // watch runs its operands as one `sh -c` command line
    if (spec.joinedUnless && !words.some((w) => spec.joinedUnless!.test(w.value)))
      return ctx.judgeScript(argv.map((w) => w.value).join(' '), inner);
    return ctx.judgeArgv(argv, cmd, inner);
  });
  return raise(worst(judged, judged[0]!));
}

/** `env -S 'rm -rf "a b"'`: the string's words, as env splits them (quotes group, `\` escapes). */
function splitWords(arg: Arg): Arg[] {
  const out: Arg[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|((?:[^\s"'\\]|\\.)+)/g;
  let word = '';
  let last = -1;
  for (const m of arg.value.matchAll(re)) {
    const gap = last >= 0 && m.index! > last;
    if (gap && word) {
      out.push({ value: word, dynamic: arg.dynamic || /\$/.test(word) });
      word = '';
    }
    word += (m[1] ?? m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1');
    last = m.index! + m[0].length;
  }
  if (word) out.push({ value: word, dynamic: arg.dynamic || /\$/.test(word) });
  return out;
}

function privileged(r: Analysis, name: string): Analysis {
  return atLeastUnsure(
    r,
    'privilege-escalation',
    `${name} runs the command as root; run it without ${name}, or ask the user`,
  );
}
