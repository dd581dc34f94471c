import type { Analysis } from '../../../domain/analysis.js';
import type { Arg } from '../../../shell/words.js';
import { dangerous, safe, unsure } from '../../verdicts.js';
import { type CommandJudge, hasFlag, splitArgs } from '../context.js';
import { judgeAll, judgeWrite } from '../path-checks.js';
import { judgeCheckout, judgeGitRm, judgeReset, judgeRestore } from './git-paths.js';
import { judgePush } from './git-push.js';
import { bypass, destroy } from './git-verdicts.js';
import { ORDINARY_WRITES, READ_ONLY, VALUE_OPTIONS } from './git-vocabulary.js';

/** git: reading is safe, ordinary commits are safe, losing work or rewriting shared history is not. */

const SECRETISH =
  /(^|\/)(\.env(?!\.(example|sample|template|dist)$)(\..*)?|id_(rsa|ed25519|ecdsa|dsa)|.*\.pem|.*\.key|credentials(\.json)?|secrets?\.(json|ya?ml)|\.npmrc|\.pypirc|.*\.p12|.*\.pfx|.*\.jks|.*\.keystore)$/;

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
      return judgeReset(flags, ops, rest);
    case 'checkout':
      return judgeCheckout(flags, ops, rest);
    case 'switch':
      return hasFlag(flags, 'f', '--force', '--discard-changes')
        ? destroy('git-discard-changes', 'git switch --force discards local changes; commit or stash first')
        : safe('git switch');
    case 'restore':
      return judgeRestore(flags, ops);
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
    case 'replace':
      // a replace ref makes every git command (and every clone that fetches refs/replace) see another history
      return ops.length === 0 || hasFlag(flags, 'l', '--list') || hasFlag(flags, 'd', '--delete')
        ? safe('git replace lists or removes replacements')
        : unsure(
            'git-history-rewrite',
            'git replace swaps a commit for another one in every view of the history (and in pushes of refs/replace); ask the user first',
          );
    case 'fast-import':
      return hasFlag(flags, undefined, '--force')
        ? bypass(
            'git-history-rewrite',
            'git fast-import --force overwrites branches with imported history; ask the user first',
          )
        : unsure('git-plumbing', 'git fast-import writes history and refs directly');
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
      return ops[0] === 'remove' || ops[0] === 'rm' || ops[0] === 'set-url' || ops[0] === 'add'
        ? unsure(
            'git-remote-change',
            `git remote ${ops[0]} changes where the repository pushes (a new remote can send the code anywhere)`,
          )
        : safe('git remote');
    case 'rm':
      return judgeGitRm(flags, ops);
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
