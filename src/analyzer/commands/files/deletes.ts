import { resolvePath } from '../../../places/resolve-path.js';
import { zoneOf } from '../../../places/zones.js';
import { dangerous, safe, unsure } from '../../verdicts.js';
import { type CommandJudge, hasFlag, splitArgs } from '../context.js';
import { isRegenerableFile, judgeAll, judgeDelete } from '../path-checks.js';

/** Judges for commands that delete files: rm, rmdir/unlink, shred. */

export const rm: CommandJudge = (args, cmd, ctx) => {
  const { flags, operands } = splitArgs(args);
  const recursive = hasFlag(flags, 'r', '--recursive') || hasFlag(flags, 'R');
  if (operands.length === 0) return safe('rm with nothing to delete');
  return judgeAll(
    operands.map((o) => {
      const i = cmd.argv.indexOf(o);
      const glob = i >= 0 && !!cmd.globs[i];
      const r = judgeDelete(o, { recursive, glob }, ctx);
      return glob &&
        r.kind === 'safe' &&
        !recursive &&
        !isRegenerableFile(o.value) &&
        zoneOf(resolvePath(o.value, ctx), ctx) === 'project'
        ? unsure('glob-delete', `rm ${o.value} deletes every matching file; name the files`)
        : r;
    }),
  );
};

export const rmdir: CommandJudge = (args, _cmd, ctx) =>
  judgeAll(splitArgs(args).operands.map((o) => judgeDelete(o, { recursive: false, glob: false }, ctx)));

export const shred: CommandJudge = (args, _cmd, ctx) => {
  const { operands } = splitArgs(args);
  const results = operands.map((o) => judgeDelete(o, { recursive: false, glob: false, verb: 'shreds' }, ctx));
  return judgeAll([
    ...results,
    dangerous(
      'destroy-or-exfiltrate',
      'shred',
      'shred destroys file contents beyond recovery; use rm on project files instead',
    ),
  ]);
};
