import type { Analysis } from '../../../domain/analysis.js';
import type { Arg } from '../../../shell/words.js';
import { safe, unsure } from '../../verdicts.js';
import { hasFlag } from '../context.js';
import { destroy, discardFiles } from './git-verdicts.js';

/** git subcommands that overwrite or delete paths: reset, checkout, restore and rm of files and trees. */

/** A commit named by ref arithmetic or hash (HEAD~2, @^, 1a2b3c4, origin/main). */
const COMMITISH = /^(HEAD|@)([~^]\d*)+$|^[0-9a-f]{7,40}$|^(origin|upstream)\/[\w./-]+$/;

/** A pathspec that covers the whole tree or a directory. */
const wholeTree = (o: string) => o === '.' || o === ':/' || o.endsWith('/') || /[*?]/.test(o);

/** A path without an extension is most likely a directory. */
const noExtension = (o: string) => !/\.\w+$/.test(o);

export function judgeReset(flags: readonly string[], ops: readonly string[], rest: readonly Arg[]): Analysis {
  if (hasFlag(flags, undefined, '--hard', '--merge'))
    return destroy(
      'git-reset-hard',
      'git reset --hard throws away uncommitted changes; commit or `git stash` them first',
    );
  if (hasFlag(flags, undefined, '--soft')) return safe('git reset --soft keeps the index and the tree');
  // --keep refuses to run when a file it would touch has local changes: only the branch moves
  if (hasFlag(flags, undefined, '--keep')) {
    const commit = ops[0];
    return commit === undefined || /^(HEAD|@)$/.test(commit)
      ? safe('git reset --keep to HEAD changes nothing')
      : unsure(
          'git-reset-commits',
          `git reset --keep ${commit} moves the branch (local changes are kept): later commits leave it (only the reflog keeps them); use git revert to undo published work`,
        );
  }
  if (ops.length === 0 || (ops.length === 1 && /^(HEAD|@)$/.test(ops[0]!)))
    return unsure(
      'git-unstage-all',
      'git reset unstages everything, and staging picked hunk by hunk is lost; name the files to unstage',
    );
  if (ops.length === 1 && COMMITISH.test(ops[0]!) && !rest.some((a) => a.value === '--'))
    return unsure(
      'git-reset-commits',
      `git reset ${ops[0]} moves the branch back: later commits leave it (only the reflog keeps them); use git revert to undo published work`,
    );
  return safe('git reset of named paths only unstages them');
}

export function judgeCheckout(
  flags: readonly string[],
  ops: readonly string[],
  rest: readonly Arg[],
): Analysis {
  // -f throws local changes away whatever else the line does (-f -b, -f BRANCH, -f -- PATH)
  if (hasFlag(flags, 'f', '--force'))
    return destroy(
      'git-checkout-force',
      'git checkout --force discards local changes; commit or stash first',
    );
  if (hasFlag(flags, 'b') || hasFlag(flags, 'B') || hasFlag(flags, undefined, '--orphan'))
    return safe('git checkout -b creates a branch');
  // after `--`, every operand is a path; without it, TREE-ISH PATH... restores paths too
  const dashdash = rest.findIndex((a) => a.value === '--');
  const fromFile = hasFlag(flags, undefined, '--pathspec-from-file');
  const named = dashdash >= 0 || ops.length >= 2;
  const paths =
    dashdash >= 0
      ? rest.slice(dashdash + 1).map((a) => a.value)
      : named
        ? ops.slice(1)
        : ops.filter(wholeTree);
  if (paths.some(wholeTree) || (named && paths.length > 0 && paths.every(noExtension)))
    return destroy(
      'git-discard-changes',
      'git checkout of paths discards uncommitted changes to them; commit or `git stash` first',
    );
  // --ours/--theirs always name paths; a lone operand with a file extension is a path, not a branch
  const lonePath = ops.length === 1 && /\.[a-zA-Z]\w*$/.test(ops[0]!) && !ops[0]!.includes('..');
  if (paths.length > 0 || fromFile || lonePath || hasFlag(flags, undefined, '--ours', '--theirs'))
    return discardFiles('checkout');
  return safe('git checkout of a branch');
}

export function judgeRestore(flags: readonly string[], ops: readonly string[]): Analysis {
  const staged = hasFlag(flags, 'S', '--staged');
  const worktree = hasFlag(flags, 'W', '--worktree') || !staged;
  const broad = ops.length === 0 || ops.some(wholeTree);
  if (worktree)
    return broad
      ? destroy(
          'git-discard-changes',
          'git restore discards uncommitted changes; commit or `git stash` first',
        )
      : discardFiles('restore');
  return broad
    ? unsure(
        'git-unstage-all',
        'git restore --staged of the whole tree unstages everything; name the files to unstage',
      )
    : safe('git restore --staged only unstages');
}

export function judgeGitRm(flags: readonly string[], ops: readonly string[]): Analysis {
  if (hasFlag(flags, undefined, '--cached')) return safe('git rm --cached');
  if (ops.some((o) => o === '.' || /[*?]/.test(o)))
    return destroy('git-rm-all', `git rm ${ops.join(' ')} deletes many tracked files; name the files`);
  // without -f git refuses to remove files with uncommitted changes, so history keeps them all
  if (!hasFlag(flags, 'f', '--force')) return safe('git rm of tracked files (recoverable from history)');
  if (ops.some(wholeTree) || (hasFlag(flags, 'r') && ops.some(noExtension)))
    return destroy(
      'git-rm-force',
      'git rm -rf deletes whole directories with their uncommitted changes; commit first, or drop -f',
    );
  return unsure(
    'git-discard-file',
    'git rm -f deletes these files even with uncommitted changes, which are then gone for good; commit them first, or drop -f',
  );
}
