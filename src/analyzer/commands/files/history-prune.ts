import type { Analysis } from '../../../domain/analysis.js';
import type { Arg } from '../../../shell/words.js';
import { dangerous } from '../../verdicts.js';
import { HISTORY_TOOLS, KEPT_HISTORY, PRUNE_VERBS, splitWord } from '../verbs.js';

/**
 * Pruning kept history: backups, trash, snapshots, old file versions. These are the copies a
 * person restores from when something else went wrong; compacting a backup repository, emptying a
 * trash bin or expiring snapshots removes them for good (`borg compact`, `rclone cleanup
 * remote:`, `occ trashbin:cleanup`, `duplicity cleanup --force`, `tmutil thinlocalsnapshots`,
 * `gio trash --empty`). A pruning verb counts when the tool keeps history (by name) or the
 * command names what it prunes (`trashbin`, `versions`, `snapshots`, `backups`). The verbs that
 * destroy anywhere (`borg prune`, `restic forget`) are judged by the common vocabulary already.
 */
export function judgeHistoryPrune(tool: string, args: readonly Arg[]): Analysis | undefined {
  const name = tool.split('/').pop()!.toLowerCase();
  const words: string[] = [];
  const flags: string[] = [];
  for (const a of args.slice(0, 8)) {
    if (a.dynamic || /\s/.test(a.value)) continue;
    const flag = /^--([a-z][a-z-]*)(=|$)/i.exec(a.value);
    if (flag) flags.push(...flag[1]!.toLowerCase().split('-'));
    else if (!a.value.startsWith('-') && !/[/=@]/.test(a.value))
      words.push(...splitWord(a.value), a.value.toLowerCase());
  }
  if (
    words.some((w) => /^(help|list|ls|show|info|check|stats|snapshots|status)$/.test(w)) &&
    !words.some((w) => PRUNE_VERBS.has(w))
  )
    return undefined;
  if (flags.includes('help') || flags.includes('dry') || flags.includes('dryrun')) return undefined;
  const keeps = HISTORY_TOOLS.test(name) || [...splitWord(name), ...words].some((w) => KEPT_HISTORY.test(w));
  if (!keeps) return undefined;
  const verb =
    [...splitWord(name), ...words].find((w) => PRUNE_VERBS.has(w)) ?? flags.find((f) => PRUNE_VERBS.has(f));
  if (!verb) return undefined;
  return dangerous(
    'destroy-or-exfiltrate',
    'history-prune',
    `${[tool, ...args.slice(0, 3).map((a) => a.value)].join(' ')} removes backups, trash, snapshots or old versions for good (${verb}); they are what a person restores from — ask the user to run it`,
  );
}
