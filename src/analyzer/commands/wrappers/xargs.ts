import type { Analysis } from '../../../domain/analysis.js';
import type { SimpleCommand } from '../../../shell/extract.js';
import type { Arg } from '../../../shell/words.js';
import { PARALLEL, takesNextWord, XARGS } from '../../../shell/wrapper-table.js';
import { safe, unsure } from '../../verdicts.js';
import { deeper, type ShellContext } from '../context.js';
import { judgeAll } from '../path-checks.js';

/**
 * xargs and parallel build commands from input items. The items are known when the input is
 * literal (`echo a b | xargs …`, `parallel … ::: a b`), else they are dynamic like `$VAR`. A
 * replace string (`-I {}`, `--replace`, parallel's `{}`) stands for each item inside the
 * template; without one the items are appended.
 */

const MAX_ITEMS = 8;
/** Programs that delete the files they are given. */
const DELETERS = /^(rm|unlink|shred|trash|trash-put|srm|wipe)$/;
const DYNAMIC_ITEM: Arg = { value: '{input}', dynamic: true };
const SHELL_VARIABLE = '$' + '{XARGS_ITEM}';

export function judgeXargs(args: readonly Arg[], cmd: SimpleCommand, ctx: ShellContext): Analysis {
  const { start, replace } = xargsTemplateStart(args);
  const template = args.slice(start);
  const items = literalInput(cmd);
  return expand(template.length ? template : [{ value: 'echo', dynamic: false }], replace, items, cmd, ctx);
}

/** Where xargs' command template starts (after its options), and its replace string if any. */
export function xargsTemplateStart(args: readonly Arg[]): { start: number; replace: string | undefined } {
  let replace: string | undefined;
  let i = 0;
  for (; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === '--') {
      i++;
      break;
    }
    if (v === '-I' && args[i + 1]) replace = args[++i]!.value;
    else if (/^-I.+/.test(v)) replace = v.slice(2);
    else if (v === '-i' || v === '--replace') replace = '{}';
    // an empty replace string (`--replace=`) is read as `{}`: the template's `{}` is what it runs
    else if (/^-i.+|^--replace=/.test(v)) replace = v.replace(/^-i|^--replace=/, '') || '{}';
    else if (!v.startsWith('-') || args[i]!.dynamic) break;
    else if (takesNextWord(XARGS, v)) i++;
  }
  return { start: i, replace };
}

export function judgeParallel(args: readonly Arg[], cmd: SimpleCommand, ctx: ShellContext): Analysis {
  const sep = args.findIndex((a) => /^:::+?$|^::::\+?$/.test(a.value));
  const head = sep >= 0 ? args.slice(0, sep) : args;
  let i = 0;
  let fromFile = false;
  for (; i < head.length; i++) {
    const v = head[i]!.value;
    if (!v.startsWith('-') || head[i]!.dynamic) break;
    if (/^(-a|--arg-file)(=|$)|^-a./.test(v)) fromFile = true;
    if (takesNextWord(PARALLEL, v)) i++;
  }
  const template = head.slice(i);
  const fromArgs = sep >= 0 && args[sep]!.value.startsWith(':::') && !args[sep]!.value.startsWith('::::');
  // `-a FILE`/`--arg-file FILE` reads the items from a file: only known at run time
  const items = fromArgs
    ? args.slice(sep + 1).filter((a) => !/^:::/.test(a.value))
    : fromFile
      ? undefined
      : literalInput(cmd);
  // no template: every input item is a command line of its own
  if (template.length === 0) {
    if (!items) return unsure('parallel-dynamic', 'parallel runs command lines it reads at run time');
    return judgeAll(
      items
        .slice(0, MAX_ITEMS)
        .map((item) =>
          item.dynamic
            ? unsure('parallel-dynamic', 'parallel runs a command line only known at run time')
            : ctx.judgeScript(item.value, deeper(ctx)),
        ),
    );
  }
  return expand(template, '{}', items, cmd, ctx);
}

/** Programs whose output is a listing of files found by walking a tree. */
const WALKERS = /^(find|fd|fdfind|ls|git|rg|grep|egrep|locate|mdfind|tree|du|gci|get-childitem)$/;

/** Whether xargs' items come from a walk of the file tree, or from input warden cannot see. */
function walkedInput(cmd: SimpleCommand): boolean {
  const up = cmd.upstream;
  if (!up) return true;
  const head = up.argv[0]?.value.split('/').pop() ?? '';
  return up.argv[0]?.dynamic === true || WALKERS.test(head);
}

/** The items a literal producer pipes in (`echo a b`, `printf '%s\n' a b`), else undefined. */
function literalInput(cmd: SimpleCommand): Arg[] | undefined {
  const up = cmd.upstream;
  const head = up?.argv[0]?.value.split('/').pop();
  if (!up || (head !== 'echo' && head !== 'printf')) return undefined;
  // printf's format is printed too (`printf x` prints x): every word counts as input
  const words = up.argv.slice(1).filter((a, k) => !(k === 0 && /^-[neE]+$/.test(a.value)));
  if (words.some((w) => w.dynamic)) return undefined;
  return words;
}

function expand(
  template: readonly Arg[],
  replace: string | undefined,
  items: readonly Arg[] | undefined,
  cmd: SimpleCommand,
  ctx: ShellContext,
): Analysis {
  const inner = deeper(ctx);
  const list = items === undefined ? [DYNAMIC_ITEM] : items.slice(0, MAX_ITEMS);
  if (list.length === 0) return safe('no input items: nothing runs');
  // deleting whatever a walk of the tree lists (`git ls-files | xargs rm`) is a glob nobody wrote down
  const head = template[0]?.value.split('/').pop() ?? '';
  if (items === undefined && DELETERS.test(head) && walkedInput(cmd)) {
    const judged = ctx.judgeArgv([...template, ...list], cmd, inner);
    return judged.kind === 'safe'
      ? unsure('delete-list', `${head} deletes every file in a list only known at run time; name the files`)
      : judged;
  }
  if (replace !== undefined && template.some((a) => a.value.includes(replace))) {
    return judgeAll(
      list.map((item) =>
        ctx.judgeArgv(
          template.map((a) => substitute(a, replace, item)),
          cmd,
          inner,
        ),
      ),
    );
  }
  return ctx.judgeArgv([...template, ...list], cmd, inner);
}

/**
 * Puts an item where the replace string stands. An unknown item is a dynamic word on its own, and
 * a shell variable inside a longer word, so that `sh -c 'echo {}'` stays readable shell code.
 */
function substitute(a: Arg, replace: string, item: Arg): Arg {
  if (!a.value.includes(replace)) return a;
  if (!item.dynamic) return { value: a.value.split(replace).join(item.value), dynamic: a.dynamic };
  if (a.value === replace) return DYNAMIC_ITEM;
  return { value: a.value.split(replace).join(SHELL_VARIABLE), dynamic: a.dynamic };
}
