import type { Analysis } from '../../domain/analysis.js';
import type { Arg } from '../../shell/words.js';
import { dangerous, unsure, worst } from '../verdicts.js';
import type { ShellContext } from './context.js';
import { judgeHistoryPrune } from './files/history-prune.js';
import { judgeWindowsDelete } from './files/windows-deletes.js';
import { judgeSql } from './infra/database.js';
import { judgeDeploy, operandWords } from './infra/deploys.js';
import { judgeMigration } from './infra/migrations.js';
import { judgeAll } from './path-checks.js';
import { judgeUnknownCli } from './unknown-cli.js';

/** The fallback for a command warden has no judge for: SQL typed as a command, Windows deletes, raw devices, destructive-sounding names. */

/** A first argument that only asks (`rfkill list`, `foo-remove --help`). */
const READING_SUBCOMMAND = /^(list|ls|show|status|info|get|describe|help|--help|-h|--version|-V)$/;

function worstOf(a: Analysis, b: Analysis | undefined): Analysis {
  return b ? worst([a, b], a) : a;
}

/** Judges a command no table knows; `devices` are its arguments that name raw disks. */
export function judgeUnknownCommand(
  name: string,
  args: readonly Arg[],
  devices: readonly Arg[],
  ctx: ShellContext,
): Analysis {
  if (/^(select|delete|drop|truncate|update|insert|alter|with|create|flushall|flushdb|shutdown)$/i.test(name))
    return /^shutdown$/i.test(name)
      ? dangerous('destroy-or-exfiltrate', 'power', 'shuts down a server')
      : judgeSql([name, ...args.map((a) => a.value)].join(' '), 'sql');
  if (/^(remove-item|rd|rmdir|del|erase|ri)$/i.test(name))
    return judgeAll(
      args
        .filter((a) => !/^-/.test(a.value) && !/^\/[sqaf]$/i.test(a.value))
        .map((a) => {
          const r = judgeWindowsDelete(
            a.value,
            args.some((x) => /^-r(ecurse)?$|^\/s$/i.test(x.value)),
            ctx,
          );
          // del on a directory empties it: a name without an extension is most likely one
          return r.kind === 'safe' &&
            /^(del|erase)$/i.test(name) &&
            !/[.*?]/.test(a.value.split(/[\\/]/).pop() ?? '')
            ? unsure('bulk-delete', `${name} ${a.value} deletes every file in that directory; name the files`)
            : r;
        }),
    );
  // history rewriters outside git itself: BFG (`bfg`, `java -jar bfg-1.14.0.jar`), git-filter-repo, reposurgeon
  if (/^(bfg|git-filter-repo|git-filter-branch|filter-repo|reposurgeon)([-_.]?\d[\d.]*)?$/i.test(name))
    return args.length === 0 || args.some((a) => /^(--help|-h|--version)$/.test(a.value))
      ? judgeUnknownCli(name, args)
      : dangerous(
          'bypass-review',
          'git-history-rewrite',
          `${name} rewrites the repository's history (every commit id changes; clones and open branches break); ask the user first`,
        );
  if (devices.length > 0)
    return unsure('raw-device', `${name} operates on the raw device ${devices[0]!.value}`);
  // the verb must end a word (`disk-format`, `Remove-Thing`, `vgremove`), not begin a longer
  // one: `format_producer` and `formatter` do not sound destructive
  if (
    /(remove|delete|destroy|wipe|purge|kill|erase|format)\b/i.test(name) &&
    !name.includes(':') &&
    !READING_SUBCOMMAND.test(args[0]?.value ?? '')
  )
    return unsure('unknown-destructive-name', `${name} sounds destructive and is not a command warden knows`);
  if (args.some((a) => a.value === '--help' || a.value === '-h')) return judgeUnknownCli(name, args);
  return (
    judgeMigration(name, args) ??
    judgeHistoryPrune(name, args) ??
    worstOf(judgeUnknownCli(name, args), judgeDeploy(name, operandWords(args), args))
  );
}
