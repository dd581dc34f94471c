import type { Analysis } from '../../../domain/analysis.js';
import type { Arg } from '../../../shell/words.js';
import { unsure } from '../../verdicts.js';

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

/** Object-store URLs and rclone-style remotes: where an upload lands. */
const STORAGE_URL =
  /^(s3|gs|az|r2|b2|oss|cos|swift):\/\/|^https:\/\/[^/]+\.(blob|file|dfs)\.core\.windows\.net\//;

function isRemote(path: string): boolean {
  return STORAGE_URL.test(path) || REMOTE.test(path);
}

/*
 * A destination must be a storage URL: an rclone `name:` remote is one the user configured (their
 * backup target), and `rclone copy` there is routine; a bucket URL can be anyone's.
 */

/**
 * Copying local files to remote storage is an upload, like `scp` or `curl -T`: the files leave
 * the machine (`aws s3 cp ./x s3://b`, `aws s3 sync . s3://b`, `gsutil cp`, `gcloud storage cp`,
 * `az storage blob upload`, `s3api put-object --body`). Downloads, and
 * copies between two remote places, stay safe.
 */
export function uploadsToStorage(
  tool: string,
  verbs: readonly string[],
  args: readonly Arg[],
): Analysis | undefined {
  const ops = args.filter((a) => !a.value.startsWith('-'));
  const at = ops.findIndex((a) => /^(cp|copy|copyto|sync|rsync|mv|move|moveto|put)$/.test(a.value));
  if (at >= 0 && at < 3) {
    const paths = ops.slice(at + 1).map((a) => a.value);
    const dest = paths[paths.length - 1];
    const sources = paths.slice(0, -1);
    if (dest && STORAGE_URL.test(dest) && sources.some((s) => !isRemote(s)))
      return unsure(
        'upload',
        `${tool} ${ops
          .slice(0, at + 1)
          .map((a) => a.value)
          .join(' ')} uploads local files to ${dest}`,
      );
  }
  if (
    verbs.includes('upload') ||
    (verbs.includes('put') && verbs.includes('object') && args.some((a) => a.value === '--body'))
  )
    return unsure('upload', `${tool} ${verbs.slice(0, 4).join(' ')} uploads local files to remote storage`);
  return undefined;
}
