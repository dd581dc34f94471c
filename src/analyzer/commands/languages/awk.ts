import type { Analysis } from '../../../domain/analysis.js';
import type { Arg } from '../../../shell/words.js';
import { safe, unsure } from '../../verdicts.js';
import { type CommandJudge, deeper, type ShellContext } from '../context.js';
import { judgeAll, judgeInPlaceEdit, judgeRead, judgeWrite } from '../path-checks.js';
import { judgeCodeEnvPrint } from '../secrets/env-secrets.js';

/**
 * awk is a programming language: its program can run shell commands (`system("…")`,
 * `print | "cmd"`, `"cmd" | getline`) and write files (`print > "f"`). Its file operands are
 * read, unless gawk's `-i inplace` makes it rewrite them.
 */
export const awk: CommandJudge = (args, cmd, ctx) => {
  const inPlace = args.some(
    (a, i) =>
      /^(-iinplace|--include=inplace)$/.test(a.value) ||
      (a.value === '-i' && args[i + 1]?.value === 'inplace'),
  );
  const files: Arg[] = [];
  let program: Arg | undefined;
  const fromFile = args.some((a) => a.value === '-f' || a.value.startsWith('--file'));
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === '-e' || v === '--source') program = args[++i];
    else if (/^-[Fvfi]$/.test(v)) i++;
    else if (v.startsWith('-')) continue;
    else if (!program && !fromFile) program = args[i];
    else files.push(args[i]!);
  }
  const out: Analysis[] = files.map((f) =>
    inPlace
      ? judgeInPlaceEdit(f, ctx, 'awk -i inplace')
      : (judgeRead(f, ctx) ?? safe(`awk reads ${f.value}`)),
  );
  if (program)
    out.push(judgeProgram(program, ctx), judgeCodeEnvPrint(program.value, 'awk', cmd) ?? safe('awk'));
  return judgeAll(out);
};

const STRING = String.raw`"((?:\\.|[^"\\])*)"`;
const SYSTEM_CALL = /\bsystem\s*\(\s*([^)]*)\)/g;
const PIPE_TO = new RegExp(String.raw`\|\s*${STRING}`, 'g');
const PIPE_FROM = new RegExp(String.raw`${STRING}\s*\|\s*getline`, 'g');
const WRITE_TO = new RegExp(String.raw`(?:print|printf)[^;{}>|]*>>?\s*${STRING}`, 'g');
/** A system() argument that is one string literal. */
const STRING_ONLY = new RegExp(String.raw`^\s*${STRING}\s*$`);

function judgeProgram(program: Arg, ctx: ShellContext): Analysis {
  const code = program.value;
  const inner = deeper(ctx);
  const out: Analysis[] = [];
  for (const m of code.matchAll(SYSTEM_CALL)) {
    const literal = STRING_ONLY.exec(m[1]!);
    out.push(
      literal
        ? ctx.judgeScript(unescapeAwk(literal[1]!), inner)
        : unsure('awk-runs-command', 'the awk program runs a shell command built at run time'),
    );
  }
  for (const m of [...code.matchAll(PIPE_TO), ...code.matchAll(PIPE_FROM)])
    out.push(ctx.judgeScript(unescapeAwk(m[1]!), inner));
  const bare = code.replace(/"(?:\\.|[^"\\])*"/g, '""');
  if (/(?<!\|)\|(?!\|)\s*(?!getline)[a-zA-Z_$(]|[a-zA-Z_)]\s*(?<!\|)\|(?!\|)\s*getline/.test(bare))
    out.push(unsure('awk-runs-command', 'the awk program pipes into a command built at run time'));
  for (const m of code.matchAll(WRITE_TO))
    out.push(judgeWrite({ value: unescapeAwk(m[1]!), dynamic: false }, ctx, 'the awk program writes'));
  return judgeAll(out.length ? out : [safe('an awk program that only reads and prints')]);
}

function unescapeAwk(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}
