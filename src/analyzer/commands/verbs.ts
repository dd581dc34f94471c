import type { Arg } from '../../shell/words.js';

/**
 * The one vocabulary of destroying verbs, shared by the judges of known infrastructure CLIs,
 * unknown CLIs and HTTP calls, and the splitter that finds those verbs inside compound words.
 */

/** Verbs that destroy data or access whatever the tool manages. */
export const DESTROY_VERBS: ReadonlySet<string> = new Set([
  'delete',
  'del',
  'destroy',
  'remove',
  'rmdir',
  'drop',
  'purge',
  'prune',
  'wipe',
  'erase',
  'terminate',
  'nuke',
  'teardown',
  'truncate',
  'flushall',
  'flushdb',
  'uninstall',
  'deprovision',
  'decommission',
  'unpublish',
  'forget',
  'unregister',
  'deregister',
  'unsubscribe',
  'revoke',
  'clear',
  'expunge',
  'scrub',
  'shred',
  'eject',
]);

/**
 * Abbreviations that are verbs only as a whole argument (`nats kv del KEY`); inside a compound
 * they are too often something else (`watchman watch-del-all` drops file watches, not data).
 */
export const ABBREVIATED_VERBS: ReadonlySet<string> = new Set(['del', 'rm']);

/**
 * Verbs that destroy when the tool manages shared infrastructure (`aws s3 rb`, `heroku ps:kill`,
 * `gh run cancel`, `vercel env rm`), but are everyday words in local CLIs (`tmux kill-session`,
 * `ollama rm`, `pm2 reset`), so unknown commands are not judged by them.
 */
const INFRA_ONLY_DESTROY_VERBS = [
  'rb',
  'rm',
  'rmi',
  'kill',
  'flush',
  'reset',
  'disable',
  'cancel',
  'down',
  'unset',
  'deprecate',
];

export const INFRA_DESTROY_VERBS: ReadonlySet<string> = new Set([
  ...DESTROY_VERBS,
  ...INFRA_ONLY_DESTROY_VERBS,
]);

/** Verbs that only read: a command whose subcommand starts with one changes nothing. */
export const READ_VERBS: ReadonlySet<string> = new Set([
  'get',
  'list',
  'ls',
  'describe',
  'show',
  'status',
  'info',
  'inspect',
  'view',
  'help',
  'version',
  'check',
  'cat',
  'find',
  'search',
  'stats',
  'logs',
]);

/** Verbs long enough to be recognised at the start of a closed compound (`deletefile`, `removeall`). */
const PREFIX_VERBS = [
  'delete',
  'destroy',
  'remove',
  'purge',
  'terminate',
  'truncate',
  'uninstall',
  'unregister',
  'deregister',
];

/** Endings that make a verb an adjective or a past form (`deleted`, `removable`): not a command. */
const INFLECTION = /^(s|d|ed|er|ers|es|ing|able|ible|ion|ions|al|ly|ment|ments)$/;

/**
 * Splits one word on `-_:./` and on camelCase humps (`doDelete`). A word that is one closed
 * compound (`deletefile`, `deletelocalsnapshots`) is also split after a leading verb: tools that
 * name commands that way have no separator to split on. A tool that does separate its words
 * (`sites:delete`, `delete-job`) spells its verbs separately, so a compound inside a separated
 * name (`sites:deleteall`) is left whole.
 */
export function splitWord(word: string): string[] {
  const parts = word
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .split(/[-_:./]+/)
    .filter(Boolean);
  if (parts.length !== 1) return parts;
  const raw = parts[0]!;
  const verb = PREFIX_VERBS.find((v) => raw.startsWith(v) && raw.length > v.length);
  const rest = verb ? raw.slice(verb.length) : '';
  return verb && /^[a-z]{2,}$/.test(rest) && !INFLECTION.test(rest) ? [verb, rest] : parts;
}

/** The words of the operands (flags skipped), split with splitWord. */
export function words(args: readonly Arg[]): string[] {
  const out: string[] = [];
  for (const a of args) {
    if (a.value.startsWith('-')) continue;
    out.push(...splitWord(a.value));
  }
  return out;
}

/**
 * Verbs that destroy only where a tool keeps history — backups, trash, snapshots, file versions:
 * `borg compact`, `rclone cleanup`, `occ trashbin:cleanup`, `tmutil thinlocalsnapshots`,
 * `kopia maintenance run --full`. Elsewhere they are housekeeping (`brew cleanup`, `git gc`).
 */
export const PRUNE_VERBS: ReadonlySet<string> = new Set([
  'compact',
  'cleanup',
  'expire',
  'thin',
  'thinlocalsnapshots',
  'empty',
  'maintenance',
  'gc',
  'dedupe',
  'vacuum',
]);

/** Words that name kept history: what pruning verbs destroy. */
export const KEPT_HISTORY =
  /^(trash|trashbin|recycle|recyclebin|backup|backups|snapshot|snapshots|localsnapshots|versions|retention)$/;

/** Tools whose job is keeping history (backup, sync-to-remote, snapshot and trash tools). */
export const HISTORY_TOOLS =
  /^(borg|borgmatic|restic|rustic|resticprofile|autorestic|kopia|duplicity|duply|duplicati|duplicacy|tarsnap|rclone|bup|zbackup|tmutil|occ|snapper|timeshift|rdiff-backup|attic|bacula|bareos|velero|restic|gio|trash-empty|trash-rm)$|backup|trash/i;
