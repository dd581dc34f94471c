import type { Analysis } from '../../domain/analysis.js';
import type { Arg } from '../shell/words.js';
import { unsure } from '../verdicts.js';

/**
 * Sync and move to or from a remote can delete there: `rclone sync SRC remote:path` makes the
 * remote match SRC (files SRC lacks are deleted, an empty SRC empties it), `move` deletes the
 * source after copying. They are routine for backups, so they are held, not denied.
 */

/** `name:path` in rclone's sense: a configured remote, not a URL (`s3://`), a drive letter (`C:`) or a flag. */
const REMOTE = /^[A-Za-z0-9][\w.-]+:(?!\/\/)/;

export function remoteSyncOrMove(
  tool: string,
  verbs: readonly string[],
  args: readonly Arg[],
): Analysis | undefined {
  const verb = verbs[0];
  if (verb !== 'sync' && verb !== 'move' && verb !== 'moveto') return undefined;
  const ops = args.filter((a) => !a.value.startsWith('-')).map((a) => a.value);
  const dest = ops[ops.length - 1] ?? '';
  if (verb === 'sync' && REMOTE.test(dest))
    return unsure(
      'remote-sync',
      `${tool} sync makes ${dest} match the source: files there that the source lacks are deleted`,
    );
  const remote = ops.slice(1).find((o) => REMOTE.test(o));
  if (verb !== 'sync' && remote)
    return unsure(
      'remote-move',
      `${tool} ${verb} deletes the source files after copying them (${remote} involved)`,
    );
  return undefined;
}
