import type { Analysis } from '../../domain/analysis.js';
import type { Arg } from '../shell/words.js';
import { dangerous, safe, unsure } from '../verdicts.js';
import { type CommandJudge, hasFlag, type OptionSpec, splitArgs } from './context.js';
import { judgeAll, judgeWrite } from './path-checks.js';

/** git: reading is safe, ordinary commits are safe, losing work or rewriting shared history is not. */

const READ_ONLY = new Set([
  'status',
  'log',
  'diff',
  'show',
  'blame',
  'annotate',
  'shortlog',
  'describe',
  'rev-parse',
  'rev-list',
  'ls-files',
  'ls-tree',
  'ls-remote',
  'cat-file',
  'grep',
  'reflog',
  'whatchanged',
  'show-ref',
  'show-branch',
  'for-each-ref',
  'merge-base',
  'name-rev',
  'count-objects',
  'verify-commit',
  'verify-tag',
  'help',
  'version',
  'var',
  'check-ignore',
  'check-attr',
  'diff-tree',
  'diff-index',
  'diff-files',
  'range-diff',
  'cherry',
  'fsck',
  'bugreport',
  'fetch',
  'archive',
  'bundle',
  'format-patch',
  'instaweb',
  'request-pull',
  'difftool',
]);

const ORDINARY_WRITES = new Set([
  'add',
  'commit',
  'pull',
  'merge',
  'mv',
  'init',
  'clone',
  'cherry-pick',
  'revert',
  'am',
  'apply',
  'notes',
  'tag',
  'switch',
  'rebase',
  'gc',
  'prune',
  'maintenance',
  'sparse-checkout',
  'submodule',
  'lfs',
  'rm',
  'mergetool',
  'stage',
  'restore',
  'checkout',
  'worktree',
  'remote',
  'config',
  'stash',
  'branch',
  'reset',
  'clean',
  'push',
  'update-index',
  'bisect',
  'commit-tree',
  'update-ref',
  'symbolic-ref',
  'replace',
  'filter-branch',
  'filter-repo',
  'hash-object',
  'read-tree',
  'write-tree',
  'checkout-index',
  'pack-refs',
  'repack',
]);

const DEFAULT_BRANCHES = /^(main|master|trunk|production|prod)$/;

const SECRETISH =
  /(^|\/)(\.env(?!\.(example|sample|template|dist)$)(\..*)?|id_(rsa|ed25519|ecdsa|dsa)|.*\.pem|.*\.key|credentials(\.json)?|secrets?\.(json|ya?ml)|\.npmrc|\.pypirc|.*\.p12|.*\.pfx|.*\.jks|.*\.keystore)$/;

/** A commit named by ref arithmetic or hash (HEAD~2, @^, 1a2b3c4, origin/main). */
const COMMITISH = /^(HEAD|@)([~^]\d*)+$|^[0-9a-f]{7,40}$|^(origin|upstream)\/[\w./-]+$/;

/** A pathspec that covers the whole tree or a directory. */
const wholeTree = (o: string) => o === '.' || o === ':/' || o.endsWith('/') || /[*?]/.test(o);

/** A path without an extension is most likely a directory. */
const noExtension = (o: string) => !/\.\w+$/.test(o);

/** Restoring named files from git overwrites their uncommitted edits, which nothing can bring back. */
const discardFiles = (sub: string) =>
  unsure(
    'git-discard-file',
    `git ${sub} overwrites uncommitted changes to these files for good; check \`git diff\` first, or \`git stash\``,
  );

const destroy = (finding: string, reason: string) => dangerous('destroy-or-exfiltrate', finding, reason);
const bypass = (finding: string, reason: string) => dangerous('bypass-review', finding, reason);

/** Options that take a value, per subcommand, so that values are not read as flags or paths. */
const VALUE_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  checkout: { shortValue: 'bB', longValue: ['--orphan', '--conflict', '--pathspec-from-file'] },
  switch: { shortValue: 'cC', longValue: ['--orphan', '--conflict'] },
  restore: { shortValue: 's', longValue: ['--source', '--conflict', '--pathspec-from-file'] },
  commit: {
    shortValue: 'mFcCt',
    longValue: [
      '--message',
      '--file',
      '--reuse-message',
      '--reedit-message',
      '--template',
      '--author',
      '--date',
      '--fixup',
      '--squash',
      '--cleanup',
      '--trailer',
      '--pathspec-from-file',
    ],
  },
  reset: { longValue: ['--pathspec-from-file'] },
  rm: { longValue: ['--pathspec-from-file'] },
  add: { longValue: ['--chmod', '--pathspec-from-file'] },
  stash: { shortValue: 'm', longValue: ['--message', '--pathspec-from-file'] },
  clean: { shortValue: 'e', longValue: ['--exclude'] },
  push: { shortValue: 'o', longValue: ['--push-option', '--repo', '--receive-pack', '--exec'] },
  branch: { shortValue: 'u', longValue: ['--set-upstream-to', '--format', '--sort', '--points-at'] },
  tag: { shortValue: 'mFu', longValue: ['--message', '--file', '--local-user', '--format', '--sort'] },
  worktree: { shortValue: 'bB', longValue: ['--reason'] },
  merge: { shortValue: 'mFsX', longValue: ['--message', '--file', '--strategy', '--strategy-option'] },
  rebase: { shortValue: 'sxX', longValue: ['--onto', '--strategy', '--strategy-option', '--exec'] },
};

/** Global options before the subcommand: -C dir, -c k=v, --git-dir=... */
function subcommandIndex(args: readonly Arg[]): { index: number; configs: string[]; help: boolean } {
  const configs: string[] = [];
  let help = false;
  let i = 0;
  while (i < args.length) {
    const v = args[i]!.value;
    if (v === '-C' || v === '-c' || v === '--git-dir' || v === '--work-tree' || v === '--namespace') {
      if (v === '-c' && args[i + 1]) configs.push(args[i + 1]!.value);
      i += 2;
    } else if (v.startsWith('-')) {
      if (v === '-h' || v === '--help') help = true;
      i++;
    } else break;
  }
  return { index: i, configs, help };
}

export const git: CommandJudge = (args, _cmd, ctx) => {
  const { index, configs, help } = subcommandIndex(args);
  const out: Analysis[] = [];
  for (const c of configs)
    if (/^core\.hookspath=|^core\.fsmonitor=|^core\.sshcommand=|^alias\./i.test(c))
      out.push(
        dangerous(
          'degrade-security',
          'git-config-override',
          `git -c ${c} can run arbitrary programs or skip hooks`,
        ),
      );
  const sub = args[index];
  if (!sub) return judgeAll([...out, safe('git')]);
  if (sub.dynamic) return unsure('git-dynamic', 'git subcommand only known at run time');
  const rest = args.slice(index + 1);
  const name = sub.value;
  const { flags, operands } = splitArgs(rest, VALUE_OPTIONS[name]);
  // `git --help reset`, `git reset -h`: git prints usage and does nothing else
  if (help || flags.includes('-h') || flags.includes('--help'))
    return judgeAll([...out, safe(`git ${name} --help only prints help`)]);
  const noVerify = hasFlag(flags, undefined, '--no-verify') || (name === 'commit' && hasFlag(flags, 'n'));
  if (
    noVerify &&
    (name === 'commit' || name === 'push' || name === 'merge' || name === 'am' || name === 'rebase')
  )
    out.push(
      dangerous(
        'degrade-security',
        'git-no-verify',
        `git ${name} --no-verify skips the repository's hooks; fix what the hooks report instead`,
      ),
    );
  out.push(judgeSub(name, rest, flags, operands, ctx));
  return judgeAll(out);
};

function judgeSub(
  name: string,
  rest: readonly Arg[],
  flags: readonly string[],
  operands: readonly Arg[],
  ctx: Parameters<CommandJudge>[2],
): Analysis {
  const ops = operands.map((o) => o.value);
  switch (name) {
    case 'reset':
      if (hasFlag(flags, undefined, '--hard', '--merge', '--keep'))
        return destroy(
          'git-reset-hard',
          'git reset --hard throws away uncommitted changes; commit or `git stash` them first',
        );
      if (hasFlag(flags, undefined, '--soft')) return safe('git reset --soft keeps the index and the tree');
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
    case 'checkout': {
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
    case 'switch':
      return hasFlag(flags, 'f', '--force', '--discard-changes')
        ? destroy('git-discard-changes', 'git switch --force discards local changes; commit or stash first')
        : safe('git switch');
    case 'restore': {
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
    case 'clean':
      if (hasFlag(flags, 'n', '--dry-run')) return safe('git clean --dry-run only lists');
      if (hasFlag(flags, 'f', '--force') || hasFlag(flags, 'x') || hasFlag(flags, 'd'))
        return destroy(
          'git-clean',
          'git clean -f deletes untracked files for good; run `git clean -n` to list them first',
        );
      return safe('git clean without -f does nothing');
    case 'stash':
      if (ops[0] === 'drop' || ops[0] === 'clear')
        return destroy('git-stash-drop', `git stash ${ops[0]} loses stashed work; apply it or leave it`);
      return safe('git stash keeps the changes');
    case 'branch':
      if (hasFlag(flags, 'D') || (hasFlag(flags, 'd', '--delete') && hasFlag(flags, 'f', '--force')))
        return destroy(
          'git-branch-force-delete',
          'git branch -D deletes a branch even if unmerged; use -d, which refuses to lose commits',
        );
      // -M/-C (or -m/-c with --force) rename or copy onto a branch that may already exist
      if (
        hasFlag(flags, 'M') ||
        hasFlag(flags, 'C') ||
        ((hasFlag(flags, 'm', '--move') || hasFlag(flags, 'c', '--copy')) && hasFlag(flags, 'f', '--force'))
      )
        return destroy(
          'git-branch-force-move',
          'git branch -M/-C overwrites an existing branch and loses its commits; use -m/-c, which refuse to',
        );
      return safe('git branch');
    case 'push':
      return judgePush(flags, ops);
    case 'filter-branch':
    case 'filter-repo':
      return bypass('git-history-rewrite', `git ${name} rewrites the whole history; ask the user first`);
    case 'update-ref':
      return hasFlag(flags, 'd')
        ? destroy('git-update-ref-delete', 'git update-ref -d deletes a ref')
        : unsure('git-plumbing', 'git update-ref moves a ref directly');
    case 'reflog':
      return (ops[0] === 'expire' && rest.some((a) => /=now|=all|--all/.test(a.value))) || ops[0] === 'delete'
        ? destroy('git-reflog-expire', 'expiring the reflog removes the way back to lost commits')
        : safe('git reflog');
    case 'gc':
    case 'prune':
      return rest.some((a) => /--prune=now|--aggressive/.test(a.value)) || name === 'prune'
        ? unsure('git-prune', 'pruning removes unreachable commits for good')
        : safe('git gc');
    case 'rebase':
      if (hasFlag(flags, 'i', '--interactive'))
        return unsure('git-rebase-interactive', 'interactive rebase needs an editor and rewrites history');
      return safe('git rebase of local commits');
    case 'commit':
      if (hasFlag(flags, undefined, '--amend') && hasFlag(flags, undefined, '--no-edit', '--reset-author'))
        return safe('git commit --amend');
      return safe('git commit');
    case 'add':
    case 'stage':
      for (const o of ops)
        if (SECRETISH.test(o))
          return dangerous(
            'destroy-or-exfiltrate',
            'git-add-secret',
            `git add ${o} would commit a secret; add it to .gitignore instead`,
          );
      for (const o of ops)
        if (/(^|\/)\.env\.(example|sample|template|dist)$/.test(o))
          return unsure(
            'git-add-env-template',
            `git add ${o}: a template meant to be shared; make sure it holds placeholders, not real values`,
          );
      return safe('git add');
    case 'config': {
      const key = ops[0]?.toLowerCase() ?? '';
      if (/^core\.hookspath$|^core\.fsmonitor$|^core\.sshcommand$|^alias\./.test(key) && ops.length > 1)
        return dangerous(
          'degrade-security',
          'git-config-hooks',
          `git config ${key} changes which programs git runs (hooks); ask the user`,
        );
      if (hasFlag(flags, undefined, '--global', '--system') && ops.length > 1)
        return unsure('git-config-global', 'changes the user-wide git configuration');
      return safe('git config');
    }
    case 'worktree':
      if (ops[0] === 'remove' && hasFlag(flags, 'f', '--force'))
        return destroy(
          'git-worktree-force-remove',
          'git worktree remove --force deletes a worktree with uncommitted changes',
        );
      if (ops[0] === 'remove' || ops[0] === 'prune')
        return unsure('git-worktree-remove', `git worktree ${ops[0]} deletes a worktree`);
      if (ops[0] === 'add' && ops[1]) return judgeWrite(operands[1]!, ctx, 'git worktree add creates');
      return safe('git worktree');
    case 'submodule':
      return ops[0] === 'deinit' && hasFlag(flags, 'f', '--force')
        ? destroy('git-submodule-deinit', 'discards submodule changes')
        : safe('git submodule');
    case 'remote':
      return ops[0] === 'remove' || ops[0] === 'rm' || ops[0] === 'set-url'
        ? unsure('git-remote-change', `git remote ${ops[0]} changes where the repository pushes`)
        : safe('git remote');
    case 'rm': {
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
    case 'read-tree':
      // --reset -u is the plumbing form of reset --hard; without -u only the index changes
      if (hasFlag(flags, undefined, '--reset') && hasFlag(flags, 'u'))
        return destroy(
          'git-reset-hard',
          'git read-tree --reset -u overwrites the work tree and throws away uncommitted changes; commit or `git stash` first',
        );
      return safe('git read-tree only changes the index');
    case 'tag':
      return hasFlag(flags, 'd', '--delete') ? unsure('git-tag-delete', 'deletes a tag') : safe('git tag');
    case 'clone':
      return operands[1] ? judgeWrite(operands[1], ctx, 'git clone into') : safe('git clone');
    default:
      if (READ_ONLY.has(name)) return safe(`git ${name} only reads`);
      if (ORDINARY_WRITES.has(name)) return safe(`git ${name}`);
      return unsure('git-unknown', `git ${name} is not a subcommand warden knows`);
  }
}

function judgePush(flags: readonly string[], ops: readonly string[]): Analysis {
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
  if (lease)
    return unsure(
      'force-push-lease',
      '--force-with-lease still replaces the published history of the branch; push a new branch if others may use it',
    );
  return safe('git push of a branch');
}
