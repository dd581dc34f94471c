import path from 'node:path';
import { isInside } from './inside.js';
import { isProjectRoot } from './project-root.js';
import { protectedReadReason, protectedWriteReason } from './protected-paths.js';
import type { PathContext } from './resolve-path.js';
import { inSystemDir, isWindowsSystemPath } from './system-dirs.js';
import { foldWindowsCase, isDrivePath } from './windows-path.js';

/**
 * Where a path lies, from most to least trusted: scratch temp dirs, the project, the rest of home,
 * the machine. `root`, `home-root` and `project-root` are the directories themselves.
 */
export type Zone =
  | 'temp'
  | 'project'
  | 'project-root'
  | 'home'
  | 'home-root'
  | 'system'
  | 'root'
  | 'device'
  | 'other'
  | 'unknown';

/**
 * One spelling for places macOS reaches two ways: `/private/tmp/x` is `/tmp/x`, `/private/var/folders/…`
 * (where `$TMPDIR` lives) is `/var/folders/…`.
 */
export function canonicalPath(p: string): string {
  return /^\/private\/(tmp|var|etc)(\/|$)/.test(p) ? p.slice('/private'.length) : p;
}

export function zoneOf(abs: string | undefined, ctx: PathContext): Zone {
  if (abs === undefined) return 'unknown';
  if (abs === '/') return 'root';
  if (isDrivePath(abs) || isDrivePath(ctx.projectRoot)) return windowsZone(abs, ctx);
  if (isProjectRoot(ctx.projectRoot, ctx.env)) {
    if (abs === ctx.projectRoot) return 'project-root';
    if (isInside(abs, ctx.projectRoot)) return 'project';
  }
  const spelled = canonicalPath(abs);
  for (const t of ctx.env.tempDirs) if (isInside(spelled, canonicalPath(t))) return 'temp';
  if (abs === ctx.env.home) return 'home-root';
  if (isInside(abs, ctx.env.home)) return 'home';
  if (abs.startsWith('/dev/')) return 'device';
  if (inSystemDir(abs)) return 'system';
  return 'other';
}

/**
 * zoneOf for a Windows drive path or a Windows project: the same zones, letter case ignored; a
 * drive's root (`C:\`) is the root, a share (`\\server\share`) is elsewhere.
 */
function windowsZone(path: string, ctx: PathContext): Zone {
  const abs = foldWindowsCase(path);
  const root = foldWindowsCase(ctx.projectRoot);
  const home = foldWindowsCase(ctx.env.home);
  if (/^\/[a-z]$/.test(abs) || abs === '//') return 'root';
  if (isProjectRoot(ctx.projectRoot, ctx.env)) {
    if (abs === root) return 'project-root';
    if (isInside(abs, root)) return 'project';
  }
  for (const t of ctx.env.tempDirs) if (isInside(abs, foldWindowsCase(t))) return 'temp';
  if (abs === home) return 'home-root';
  if (isInside(abs, home)) return 'home';
  if (isWindowsSystemPath(abs)) return 'system';
  if (!isDrivePath(abs) && inSystemDir(abs)) return 'system';
  return 'other';
}

/** Device files that are harmless to write to. */
export const HARMLESS_DEVICES = new Set(['/dev/null', '/dev/stdout', '/dev/stderr', '/dev/tty', '/dev/zero']);

export function writeProtection(abs: string, ctx: PathContext): string | undefined {
  return protectedWriteReason(abs, ctx.env) ?? extraProtectedWrite(abs, ctx);
}

export function readProtection(abs: string, ctx: PathContext): string | undefined {
  return protectedReadReason(abs, ctx.env);
}

function extraProtectedWrite(abs: string, ctx: PathContext): string | undefined {
  const base = path.basename(abs);
  if (base === 'authorized_keys') return 'SSH authorized keys (persistence)';
  if (/^(crontab|cron\.d)$/.test(base) || abs.startsWith('/var/spool/cron')) return 'cron (persistence)';
  if (isInside(abs, path.join(ctx.env.home, 'Library', 'LaunchAgents'))) return 'launch agents (persistence)';
  if (isInside(abs, path.join(ctx.env.home, '.config', 'autostart'))) return 'autostart (persistence)';
  if (base === '.gitconfig' && path.dirname(abs) === ctx.env.home) return 'global git config';
  if (base === '.npmrc' || base === '.pypirc' || base === '.netrc') return 'credentials';
  if (base === '.pre-commit-config.yaml' || base === '.husky') return 'commit hooks';
  if (abs.split(path.sep).includes('.husky')) return 'commit hooks (.husky/)';
  return undefined;
}
