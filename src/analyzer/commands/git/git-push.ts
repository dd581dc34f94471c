import type { Analysis } from '../../../domain/analysis.js';
import { safe, unsure } from '../../verdicts.js';
import { hasFlag } from '../context.js';
import { bypass, destroy } from './git-verdicts.js';

/** git push: deleting, mirroring or force-pushing remote branches, and pushing straight to the default branch. */

const DEFAULT_BRANCHES = /^(main|master|trunk|production|prod)$/;

export function judgePush(flags: readonly string[], ops: readonly string[]): Analysis {
  // --force-if-includes only refines --force-with-lease; on its own the push is a plain one
  const lease = hasFlag(flags, undefined, '--force-with-lease');
  const force = hasFlag(flags, 'f', '--force') || ops.some((o) => o.startsWith('+'));
  const refs = ops.slice(1).map((r) => r.replace(/^\+/, ''));
  const targets = refs.map((r) => (r.includes(':') ? r.split(':')[1]! : r).replace(/^refs\/heads\//, ''));
  if (hasFlag(flags, 'd', '--delete') || refs.some((r) => r.startsWith(':')))
    return destroy('git-push-delete', 'deletes a branch on the remote; ask the user first');
  if (hasFlag(flags, undefined, '--mirror', '--prune'))
    return destroy(
      'git-push-mirror',
      'git push --mirror/--prune can delete remote branches; push named branches instead',
    );
  if (force && !lease)
    return bypass(
      'force-push',
      'force-push rewrites shared history; use --force-with-lease on your own branch, or push a new branch',
    );
  if (targets.some((t) => DEFAULT_BRANCHES.test(t)))
    return lease || force
      ? bypass(
          'force-push-default-branch',
          'force-pushing the default branch rewrites shared history and skips review; push a feature branch and open a pull request',
        )
      : // nothing is lost (the push only adds commits), but it skips review: a person decides
        unsure(
          'push-default-branch',
          'pushing straight to the default branch skips review; push a feature branch and open a pull request',
        );
  if (hasFlag(flags, undefined, '--all', '--tags') && force)
    return bypass('force-push', 'force-pushes every branch');
  // a URL (or scp-style address) instead of a configured remote sends the code to any host
  if (ops[0] && /^[a-z][\w+.-]*:\/\/|^[\w.-]+@[\w.-]+:|^\/|^\.\.?\//i.test(ops[0]))
    return unsure(
      'push-to-url',
      `pushes the repository to ${ops[0]}, not to a configured remote; ask the user`,
    );
  if (lease)
    return unsure(
      'force-push-lease',
      '--force-with-lease still replaces the published history of the branch; push a new branch if others may use it',
    );
  return safe('git push of a branch');
}
