import type { Analysis } from '../../domain/analysis.js';
import type { Arg } from '../shell/words.js';
import { safe } from '../verdicts.js';
import type { CommandJudge } from './context.js';
import { judgeAll, judgeDelete, judgeRead, judgeWrite } from './path-checks.js';

/** The find judge: -delete, -exec/-ok (each match judged as the command it runs) and -fprint writes. */

/** find tests that can keep the start point itself from matching. */
const FIND_TESTS =
  /^-(i?name|i?path|i?wholename|i?regex|type|mindepth|newer\w*|[amc](time|min)|size|empty|user|group|perm|links|inum|samefile)$/;

export const find: CommandJudge = (args, cmd, ctx) => {
  const roots: Arg[] = [];
  let i = 0;
  while (i < args.length && !args[i]!.value.startsWith('-') && !['(', '!'].includes(args[i]!.value))
    roots.push(args[i++]!);
  if (roots.length === 0) roots.push({ value: '.', dynamic: false });
  const out: Analysis[] = [];
  for (; i < args.length; i++) {
    const v = args[i]!.value;
    if (
      v === '-delete' &&
      args.some((a) => /^-(i?name|i?path|i?regex|mtime|mmin|newer|size|empty)$/.test(a.value))
    )
      out.push(
        ...roots.map((r) => {
          const d = judgeDelete(
            r,
            { recursive: true, glob: false, verb: 'find -delete removes matching files under' },
            ctx,
          );
          return d.kind !== 'safe' &&
            (d.finding === 'delete-project' || d.finding === 'recursive-delete-in-project')
            ? safe('find -delete of matching files inside the project')
            : d;
        }),
      );
    else if (v === '-delete')
      out.push(
        ...roots.map((r) =>
          judgeDelete(r, { recursive: true, glob: false, verb: 'find -delete removes files under' }, ctx),
        ),
      );
    if (v === '-exec' || v === '-execdir' || v === '-ok' || v === '-okdir') {
      const inner: Arg[] = [];
      for (i++; i < args.length && args[i]!.value !== ';' && args[i]!.value !== '+'; i++)
        inner.push(args[i]!);
      // {} is each match under the root: named after a literal -name when there is one
      const nameIndex = args.findIndex((a) => a.value === '-name' || a.value === '-iname');
      const name = nameIndex >= 0 ? args[nameIndex + 1] : undefined;
      const leaf = name && !name.dynamic && !/[*?[]/.test(name.value) ? name.value : 'find-match';
      const root = roots[0]!;
      const matches: Arg[] = [{ value: `${root.value.replace(/\/+$/, '')}/${leaf}`, dynamic: root.dynamic }];
      // with no test before -exec, the first match is the start point itself
      if (!args.slice(0, i).some((a) => FIND_TESTS.test(a.value))) matches.push(root);
      for (const match of matches)
        out.push(
          ctx.judgeArgv(
            inner.map((a) => (a.value === '{}' ? match : a)),
            cmd,
            ctx,
          ),
        );
    }
    if (v === '-fprint' || v === '-fprintf' || v === '-fls') {
      const t = args[i + 1];
      if (t) out.push(judgeWrite(t, ctx, 'find writes'));
    }
  }
  for (const r of roots) {
    const s = judgeRead(r, ctx);
    if (s) out.push(s);
  }
  return judgeAll(out);
};
