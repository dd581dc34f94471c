import path from 'node:path';
import type { Environment } from '../domain/analysis.js';
import { isInside } from './inside.js';

/**
 * The one place that knows warden's own files and devices: the files that hold its hook token
 * (everything under the warden home — token, endpoint.json, rules, audit log —, Claude Code's
 * settings files its install writes the token into, and any other file the console recorded), and
 * the console's terminal. Every reader asks here: the Read and Grep tools (decide()), and every
 * shell reader the analyzer knows (cat, grep -r, git, tar, cp, interpreters' file APIs…).
 *
 * Paths may come lower-cased (protected-paths.ts folds letter case); the checks fold too.
 */

/** Why reading `abs` hands over warden's hook token or state, or undefined. */
export function tokenFileReason(abs: string, env: Environment): string | undefined {
  const lower = abs.toLowerCase();
  if (isInside(lower, env.wardenHome.toLowerCase()))
    return "warden's token, endpoint, rules and log (the warden home)";
  const base = lower.slice(lower.lastIndexOf('/') + 1);
  if (/^settings.*\.json$/.test(base) && lower.endsWith(`/.claude/${base}`))
    return "Claude Code's settings (they hold warden's hook token)";
  for (const file of env.console?.tokenFiles ?? [])
    if (file.toLowerCase() === lower) return "a settings file warden's install wrote its hook token into";
  return undefined;
}

/**
 * Whether reading everything under the directory `abs` (grep -r, tar, cp -r, zip…) would read a
 * file that holds warden's token: the warden home and its parents, any `.claude` directory and
 * its parents that are the user's home or the project, and the parents of recorded token files.
 */
export function dirHoldsTokenFile(abs: string, projectRoot: string, env: Environment): boolean {
  const dir = abs.toLowerCase();
  const holders = [
    env.wardenHome,
    path.join(env.home, '.claude'),
    path.join(projectRoot, '.claude'),
    ...(env.console?.tokenFiles ?? []),
  ];
  for (const holder of holders) if (isInside(holder.toLowerCase(), dir)) return true;
  return /(^|\/)\.claude(\/|$)/.test(dir);
}

/** Terminal devices whose input a reader steals, or whose screen a writer paints. */
const TERMINAL_DEVICE = /^\/dev\/(pts\/\d+|tty[a-z]*\d*|console|vcsa?\d*|vcsu\d*|ttys\d+)$/i;

/**
 * Why a path is or could be the warden console's terminal (its tty device, a virtual console, the
 * console process's file descriptors under /proc), or undefined. `/dev/tty` is the reader's own
 * terminal, not the console's.
 */
export function consoleDeviceReason(abs: string, env: Environment): string | undefined {
  const facts = env.console;
  if (abs === '/dev/tty') return undefined;
  if (TERMINAL_DEVICE.test(abs)) {
    if (facts?.tty !== undefined)
      return abs.toLowerCase() === facts.tty.toLowerCase() ? "the warden console's terminal" : undefined;
    if (facts && !facts.interactive) return undefined;
    return 'a terminal device that could be the warden console';
  }
  const proc = /^\/proc\/(\d+|[^/]*\$[^/]*)\/(fd|fdinfo|mem|maps|environ|cwd|root|task)\b/.exec(abs);
  if (proc && (facts?.pid === undefined || proc[1] === String(facts.pid) || proc[1]!.includes('$')))
    return "the warden console process's files under /proc";
  return undefined;
}

/** Whether a protection reason above is about warden itself (its token, files or console). */
export function isWardenReason(why: string): 'device' | 'files' | undefined {
  if (/warden console/.test(why)) return 'device';
  if (/^warden's|warden's hook token|warden's install/.test(why)) return 'files';
  return undefined;
}
