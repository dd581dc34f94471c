import path from 'node:path';
import type { Environment } from '../domain/analysis.js';
import { isDrivePath, isWindowsPath, toPosixPath } from './windows-path.js';

/** A `/`-joined segment that is empty, `.` or `..`, or a trailing slash: what path.resolve rewrites. */
const NOT_NORMAL = /\/\.{0,2}(\/|$)/;

/**
 * `path.resolve(base, file)`, returning the joined path as it is when it is already absolute and
 * normal (the common case: path.resolve rebuilds the string piece by piece, for every action's paths).
 * Windows paths (`C:\x`, `C:/x`, `\\server\share`: an agent on Windows, or a Windows cwd) are
 * absolute, never joined to a POSIX base, and given warden's form (`/c/x`, `//server/share`:
 * places/windows-path.ts); a relative path under a drive has its backslashes read as separators.
 */
export function absolutePath(file: string, base?: string): string {
  if ((file.charCodeAt(1) === 58 || file.charCodeAt(0) === 92) && isWindowsPath(file))
    return normalUnc(toPosixPath(file));
  const under = base !== undefined && isWindowsPath(base) ? normalUnc(toPosixPath(base)) : base;
  const joined =
    under === undefined || file.startsWith('/')
      ? file
      : `${under}/${file.includes('\\') && isDrivePath(under) ? file.replace(/\\/g, '/') : file}`;
  if (joined.startsWith('/') && !NOT_NORMAL.test(joined)) return joined;
  return under?.startsWith('//') && isDrivePath(under) ? normalUnc(joined) : path.resolve(joined);
}

/** Where the analyzer stands when it judges a path: the command's cwd, the project, the machine. */
export interface PathContext {
  /** Current directory (absolute), or undefined after a `cd` to somewhere not known statically. */
  readonly cwd: string | undefined;
  readonly projectRoot: string;
  readonly env: Environment;
  /** The directory the agent ran the command in (before any `cd` inside it): never scratch. */
  readonly startCwd?: string;
}

/** Resolves a literal path as written (`~` and `$HOME` already expanded by the word reader). */
export function resolvePath(p: string, ctx: PathContext): string | undefined {
  let s = p;
  if (s === '~' || s.startsWith('~/')) s = ctx.env.home + s.slice(1);
  else if (s.startsWith('~\\') && isDrivePath(ctx.env.home))
    s = ctx.env.home + s.slice(1).replace(/\\/g, '/');
  else if (s.startsWith('~')) return undefined; // ~otheruser
  // Windows forms (`C:\x`, `\\server\share`, `src\a` under a drive): places/windows-path.ts
  if ((s.charCodeAt(1) === 58 || s.charCodeAt(0) === 92) && isWindowsPath(s)) return absolutePath(s);
  if (ctx.cwd && isDrivePath(ctx.cwd) && s.includes('\\')) return absolutePath(s, ctx.cwd);
  if (path.isAbsolute(s)) return path.resolve(s);
  if (!ctx.cwd) return undefined;
  return path.resolve(ctx.cwd, s);
}

/** Whether a path is a Windows absolute path (drive or UNC). */
export function isWindowsAbsolute(file: string): boolean {
  return isWindowsPath(file) && file.length > 2;
}

/** A drive or UNC path in normal form (`..` and `.` resolved); a UNC path keeps its two leading slashes. */
function normalUnc(p: string): string {
  if (!p.startsWith('//')) {
    const n = NOT_NORMAL.test(p) ? path.posix.resolve(p) : p;
    return n.length > 2 && n.endsWith('/') ? n.slice(0, -1) : n;
  }
  const rest = path.posix.resolve(`/${p.slice(2)}`);
  return rest === '/' ? '//' : `/${rest}`;
}
