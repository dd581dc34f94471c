import type { Analysis } from '../../../domain/analysis.js';
import { resolvePath } from '../../../places/resolve-path.js';
import { zoneOf } from '../../../places/zones.js';
import type { Arg } from '../../../shell/words.js';
import { safe, unsure } from '../../verdicts.js';
import type { CommandJudge, ShellContext } from '../context.js';
import { entryTowardWork } from '../files/scratch-limits.js';
import { isRegenerableFile, judgeAll, judgeDelete, judgeRead, judgeWrite } from '../path-checks.js';

/**
 * The find judge. The expression runs left to right: an action (-delete, -exec/-ok, each match
 * judged as the command it runs) applies to what the tests before it let through, and an action
 * before any test applies to every file, the start point included. -fprint/-fprint0/-fprintf/-fls
 * write a file. Options are read with the number of values each takes, so the value of one
 * (`-printf -delete`, `-newermt -delete`) is never taken for an action.
 */

/** Options before the start points: -H -L -P take nothing, -D takes a value, -O<level> is one word. */
const LEADING_VALUED = new Set(['-D']);
const LEADING = /^-([HLP]|O\d*)$/;

/** Expression words that take values, and how many (an -exec command runs to `;` or `+`). */
const ARITY: Readonly<Record<string, number>> = {
  '-fprintf': 2,
  '-printf': 1,
  '-fprint': 1,
  '-fprint0': 1,
  '-fls': 1,
  '-maxdepth': 1,
  '-mindepth': 1,
  '-regextype': 1,
  '-files0-from': 1,
  '-context': 1,
  '-flags': 1,
  '-fstype': 1,
  '-gid': 1,
  '-uid': 1,
  '-group': 1,
  '-user': 1,
  '-inum': 1,
  '-links': 1,
  '-perm': 1,
  '-size': 1,
  '-type': 1,
  '-xtype': 1,
  '-samefile': 1,
  '-used': 1,
};

/** Tests that take one value: names, paths, patterns, times (`-newerXY` included). */
const VALUED_TEST =
  /^-(i?name|i?path|i?wholename|i?regex|i?lname|[aBcm](time|min|newer)|newer\w*|[acm]?newer)$/;

/** Tests that narrow -delete to "matching files": names, paths, times, sizes, identity. */
const NARROWS =
  /^-(i?name|i?path|i?wholename|i?regex|i?lname|[aBcm](time|min|newer)|newer\w*|size|empty|samefile|inum)$/;

/** Tests that can keep the start point itself from matching (for -exec's first match). */
const EXCLUDES_START =
  /^-(i?name|i?path|i?wholename|i?regex|i?lname|type|xtype|mindepth|[aBcm](time|min|newer)|newer\w*|size|empty|user|group|uid|gid|perm|links|inum|samefile|nouser|nogroup)$/;

const EXEC = new Set(['-exec', '-execdir', '-ok', '-okdir']);

const WRITES = new Set(['-fprint', '-fprint0', '-fprintf', '-fls']);

function arity(word: string): number {
  return ARITY[word] ?? (VALUED_TEST.test(word) ? 1 : 0);
}

/** What the tests before a point of the expression let through, in the current alternative. */
interface Filter {
  /** A test narrows the files to matching names, paths, times… */
  narrowed: boolean;
  /** A test can keep the start point itself out. */
  excludesStart: boolean;
}

/** Commands that delete the file they are given (`-exec rm {} +`). */
const DELETERS = /^(rm|unlink|shred|trash|trash-put|gio)$/;

/**
 * A delete of every project file a name pattern matches (`-name '*.ts' -delete`, `-exec rm {} +`)
 * is `rm src/**\/*.ts` by another spelling: held like rm's glob, unless the pattern names only
 * files a build or an editor makes again (`*.pyc`, `*.log`) or is a literal name (`.DS_Store`).
 */
function globNameDelete(
  args: readonly Arg[],
  roots: readonly Arg[],
  ctx: ShellContext,
): Analysis | undefined {
  const pattern = args.find(
    (a, i) =>
      i > 0 &&
      /^-i?name$/.test(args[i - 1]!.value) &&
      (a.dynamic || (/[*?[]/.test(a.value) && !isRegenerableFile(a.value))),
  );
  if (!pattern) return undefined;
  const inProject = roots.some(
    (r) => r.dynamic || /^project(-root)?$/.test(zoneOf(resolvePath(r.value, ctx), ctx)),
  );
  if (!inProject) return undefined;
  return unsure('glob-delete', `find deletes every project file named ${pattern.value}; name the files`);
}

export const find: CommandJudge = (args, cmd, ctx) => {
  let i = 0;
  while (i < args.length && (LEADING.test(args[i]!.value) || LEADING_VALUED.has(args[i]!.value)))
    i += LEADING_VALUED.has(args[i]!.value) ? 2 : 1;
  const roots: Arg[] = [];
  while (i < args.length && !args[i]!.value.startsWith('-') && !['(', '!', ','].includes(args[i]!.value))
    roots.push(args[i++]!);
  if (roots.length === 0) roots.push({ value: '.', dynamic: false });
  const out: Analysis[] = [];
  let filter: Filter = { narrowed: false, excludesStart: false };
  // per open parenthesis: the filter before it, and whether every alternative inside so far filters
  const groups: { outer: Filter; all: Filter }[] = [];
  const endAlternative = () => {
    const g = groups[groups.length - 1];
    if (g)
      g.all = {
        narrowed: g.all.narrowed && filter.narrowed,
        excludesStart: g.all.excludesStart && filter.excludesStart,
      };
  };
  for (; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === '(') {
      groups.push({ outer: filter, all: { narrowed: true, excludesStart: true } });
      filter = { ...filter };
      continue;
    }
    if (v === ')') {
      endAlternative();
      const g = groups.pop();
      if (g)
        filter = {
          narrowed: g.outer.narrowed || g.all.narrowed,
          excludesStart: g.outer.excludesStart || g.all.excludesStart,
        };
      continue;
    }
    if (v === '-o' || v === '-or' || v === ',') {
      // the next alternative sees what the group started with, not this one's tests
      endAlternative();
      filter = { ...(groups[groups.length - 1]?.outer ?? { narrowed: false, excludesStart: false }) };
      continue;
    }
    if (v === '-delete') {
      const narrowed = filter.narrowed;
      out.push(
        ...roots.map((r) => {
          const d = judgeDelete(
            r,
            {
              recursive: true,
              glob: false,
              verb: narrowed
                ? 'find -delete removes matching files under'
                : 'find -delete removes files under',
            },
            ctx,
          );
          // only matching files go: not the project or the temp dir itself
          return narrowed &&
            d.kind !== 'safe' &&
            (d.finding === 'delete-project' ||
              d.finding === 'recursive-delete-in-project' ||
              d.finding === 'delete-temp-dir')
            ? (globNameDelete(args, roots, ctx) ?? safe('find -delete of matching files'))
            : d;
        }),
      );
      continue;
    }
    if (EXEC.has(v)) {
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
      if (!filter.excludesStart) matches.push(root);
      // a walk no name or path narrows reaches the project when the start point holds it
      const abs = root.dynamic ? undefined : resolvePath(root.value, ctx);
      const toward = !filter.narrowed && abs ? entryTowardWork(abs, ctx) : undefined;
      if (toward) matches.push({ value: toward, dynamic: false });
      if (DELETERS.test(inner[0]?.value.split('/').pop() ?? '')) {
        const held = globNameDelete(args, roots, ctx);
        if (held) out.push(held);
      }
      for (const match of matches)
        out.push(
          ctx.judgeArgv(
            inner.map((a) => (a.value === '{}' ? match : a)),
            cmd,
            ctx,
          ),
        );
      continue;
    }
    if (WRITES.has(v)) {
      const t = args[i + 1];
      if (t) out.push(judgeWrite(t, ctx, 'find writes'));
    }
    if (NARROWS.test(v)) filter = { ...filter, narrowed: true };
    if (EXCLUDES_START.test(v)) filter = { ...filter, excludesStart: true };
    i += arity(v);
  }
  for (const r of roots) {
    const s = judgeRead(r, ctx);
    if (s) out.push(s);
  }
  return judgeAll(out);
};
