import path from 'node:path';
import type { Analysis } from '../../../domain/analysis.js';
import type { Arg } from '../../../shell/words.js';
import { safe, unsure } from '../../verdicts.js';
import { type CommandJudge, deeper } from '../context.js';
import { judgeAll } from '../path-checks.js';

/**
 * ripgrep: a read-only search, except that `--pre PROGRAM` runs PROGRAM on every file searched
 * (`PROGRAM FILE`) and `--hostname-bin PROGRAM` runs PROGRAM for hyperlinks. Each is judged as the
 * command it is; an interpreter or a shell as --pre runs every searched file as code.
 */

/** Options that take the next word as their value (when not written `--opt=value` or `-xVALUE`). */
const LONG_VALUED = new Set([
  '--regexp',
  '--file',
  '--glob',
  '--iglob',
  '--type',
  '--type-not',
  '--type-add',
  '--type-clear',
  '--after-context',
  '--before-context',
  '--context',
  '--max-count',
  '--max-columns',
  '--max-depth',
  '--max-filesize',
  '--threads',
  '--color',
  '--colors',
  '--context-separator',
  '--field-match-separator',
  '--field-context-separator',
  '--path-separator',
  '--encoding',
  '--engine',
  '--ignore-file',
  '--replace',
  '--sort',
  '--sortr',
  '--pre',
  '--pre-glob',
  '--hostname-bin',
  '--hyperlink-format',
  '--dfa-size-limit',
  '--regex-size-limit',
  '--generate',
]);
const SHORT_VALUED = 'efgtTABCmMdjEr';

/** Programs that, given a file, run it as code. */
const RUNS_FILE =
  /^(sh|bash|zsh|dash|ksh|mksh|ash|fish|csh|tcsh|busybox|python[\d.]*|pypy\d*|node(js)?|deno|bun|perl|ruby|php|lua(jit)?|Rscript|osascript|pwsh|powershell|tclsh|wish|env|exec|xargs|nohup|sudo|doas|eval|source)$/;

export const rg: CommandJudge = (args, cmd, ctx) => {
  let pre: Arg | undefined;
  let hostnameBin: Arg | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const v = a.value;
    if (v === '--') break;
    if (!v.startsWith('-') || v === '-') continue;
    let name = v;
    let value: Arg | undefined;
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      if (eq > 0) {
        name = v.slice(0, eq);
        value = { value: v.slice(eq + 1), dynamic: a.dynamic };
      } else if (LONG_VALUED.has(v)) value = args[++i];
    } else {
      // a cluster ends at its first letter that takes a value: the rest of the word, or the next word
      const cut = [...v.slice(1)].findIndex((c) => SHORT_VALUED.includes(c));
      if (cut >= 0 && cut + 2 === v.length) i++;
      continue;
    }
    if (name === '--pre') pre = value;
    else if (name === '--no-pre') pre = undefined;
    else if (name === '--hostname-bin') hostnameBin = value;
  }
  const out: Analysis[] = [];
  const inner = deeper(ctx);
  if (pre && pre.value !== '') {
    if (!pre.dynamic && RUNS_FILE.test(path.posix.basename(pre.value)))
      out.push(unsure('rg-pre-runs-files', `rg --pre ${pre.value} runs every file it searches as code`));
    else out.push(ctx.judgeArgv([pre, { value: 'rg-searched-file', dynamic: false }], cmd, inner));
  }
  if (hostnameBin && hostnameBin.value !== '') out.push(ctx.judgeArgv([hostnameBin], cmd, inner));
  return out.length ? judgeAll(out) : safe('rg is a read-only search');
};
