import path from 'node:path';
import { isDrivePath, isWindowsPath, toPosixPath } from './windows-path.js';

/** A `/`-joined segment that is empty, `.` or `..`, or a trailing slash: what path.resolve rewrites. */
const NOT_NORMAL = /\/\.{0,2}(\/|$)/;

/**
 * `path.resolve(base, file)`, returning the joined path as it is when it is already absolute and
 * normal (the common case: path.resolve rebuilds the string piece by piece, for every action's paths).
 * Windows paths (`C:\x`, `C:/x`, `\\server\share`) are read as absolute and given warden's form
 * (`/c/x`, `//server/share`: domain/windows-path.ts); a relative path under a drive path has its
 * backslashes read as separators.
 */
export function resolvePath(file: string, base?: string): string {
  if (file.charCodeAt(1) === 58 || file.charCodeAt(0) === 92) {
    if (isWindowsPath(file)) return normalUnc(toPosixPath(file));
  }
  const joined =
    base === undefined || file.startsWith('/')
      ? file
      : `${base}/${file.includes('\\') && isDrivePath(base) ? file.replace(/\\/g, '/') : file}`;
  if (joined.startsWith('/') && !NOT_NORMAL.test(joined)) return joined;
  return base?.startsWith('//') && isDrivePath(base) ? normalUnc(joined) : path.resolve(joined);
}

/** A UNC path keeps its two leading slashes (path.resolve would fold them into one). */
function normalUnc(p: string): string {
  if (!p.startsWith('//')) return NOT_NORMAL.test(p) ? path.posix.resolve(p) : p;
  const rest = path.posix.resolve(`/${p.slice(2)}`);
  return rest === '/' ? '//' : `/${rest}`;
}
