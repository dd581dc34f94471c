import path from 'node:path';
import type { Analysis } from '../../domain/analysis.js';
import type { Arg } from '../../shell/words.js';
import { dangerous, safe } from '../verdicts.js';
import { type CommandJudge, deeper } from './context.js';
import { remoteSyncOrMove } from './network/remote-sync.js';
import { ABBREVIATED_VERBS, DESTROY_VERBS, READ_VERBS, splitWord } from './verbs.js';

/**
 * A CLI warden does not know is judged by its subcommand words and long flags: a destroying verb
 * there (`restic forget`, `nats kv del`, `kafka-topics --delete`, `circleci context remove-secret`)
 * is dangerous. Only the first three arguments count as subcommand words, and messages (with
 * spaces), paths, URLs and file names among them are skipped, so a destroying word inside a
 * message or a file name does not count. A reading verb before any destroying one (`get`,
 * `list`, `show`…) and `--help` keep the command safe; dry-run flags are handled by the caller.
 */

/** Long flags that are themselves the destroying action (`--delete`, `--remove`, `--purge`). */
const FLAG_VERBS = new Set([
  'delete',
  'remove',
  'purge',
  'destroy',
  'wipe',
  'erase',
  'unregister',
  'deregister',
]);
/** Destroying verbs that count as a flag only when they are the whole flag (`--drop`, not `--drop-privileges`). */
const WHOLE_FLAG_VERBS = new Set(['drop', 'truncate', 'uninstall', 'revoke', 'unpublish']);

/** Operands that are data, not subcommands: messages, paths, URLs, assignments, file names. */
const NOT_A_SUBCOMMAND = /\s|[/=@]|\.[A-Za-z0-9]{1,5}$|^\./;

function subcommandWords(args: readonly Arg[]): string[] {
  const out: string[] = [];
  for (const a of args.slice(0, 3)) {
    if (a.value.startsWith('-') || a.dynamic || NOT_A_SUBCOMMAND.test(a.value)) continue;
    const parts = splitWord(a.value);
    out.push(...(parts.length > 1 ? parts.filter((w) => !ABBREVIATED_VERBS.has(w)) : parts));
  }
  return out;
}

function destroyingFlag(args: readonly Arg[]): string | undefined {
  for (const a of args) {
    const m = /^--([a-z][a-z-]*)(=|$)/i.exec(a.value);
    if (!m) continue;
    const parts = m[1]!.toLowerCase().split('-');
    if (FLAG_VERBS.has(parts[0]!) || (parts.length === 1 && WHOLE_FLAG_VERBS.has(parts[0]!))) return a.value;
  }
  return undefined;
}

export function judgeUnknownCli(name: string, args: readonly Arg[]): Analysis {
  const sub = subcommandWords(args);
  if (sub[0] === 'help' || args.some((a) => a.value === '--help'))
    return safe(`${name} help changes nothing`);
  let destroy: string | undefined;
  for (const w of sub) {
    if (READ_VERBS.has(w)) return safe(`${name} ${w} only reads`);
    if (DESTROY_VERBS.has(w)) {
      destroy = w;
      break;
    }
  }
  destroy ??= destroyingFlag(args);
  if (destroy)
    return dangerous(
      'destroy-or-exfiltrate',
      'unknown-destroy',
      `${name} ${destroy} looks destructive; ask the user to run it`,
    );
  return (
    remoteSyncOrMove(name, sub, args) ??
    safe(`${name}: no risky effect recognised (paths, redirections and secrets were checked)`)
  );
}

/** `java -jar tool.jar args…` runs a CLI packaged as a jar: judged as the command named like the jar (`bfg-1.14.0.jar` → bfg). */
export const java: CommandJudge = (args, cmd, ctx) => {
  const j = args.findIndex((a) => a.value === '-jar');
  const jar = j >= 0 ? args[j + 1] : undefined;
  if (!jar) return safe('java runs a project program');
  const name = path.posix.basename(jar.value).replace(/\.jar$/, '');
  if (!ctx || jar.dynamic) return judgeUnknownCli(name, args.slice(j + 2));
  return ctx.judgeArgv([{ value: name, dynamic: false }, ...args.slice(j + 2)], cmd, deeper(ctx));
};
