import path from 'node:path';

/** A `/`-joined segment that is empty, `.` or `..`, or a trailing slash: what path.resolve rewrites. */
const NOT_NORMAL = /\/\.{0,2}(\/|$)/;

/** `C:\…`, `c:/…` (a drive) or `\\server\share` (UNC): absolute on Windows, never relative to a POSIX cwd. */
const WINDOWS_ABSOLUTE = /^[a-zA-Z]:[\\/]|^\\\\[^\\]/;

/**
 * `path.resolve(base, file)`, returning the joined path as it is when it is already absolute and
 * normal (the common case: path.resolve rebuilds the string piece by piece, for every action's paths).
 * Windows paths (an agent on Windows, or a Windows cwd) stay Windows paths, written with `/` and a
 * lower-case drive (`c:/Users/me/x.py`), so the same segment checks apply; they are never joined
 * to a POSIX base.
 */
export function resolvePath(file: string, base?: string): string {
  if (WINDOWS_ABSOLUTE.test(file)) return windowsPath(file);
  if (base !== undefined && WINDOWS_ABSOLUTE.test(base) && !file.startsWith('/'))
    return windowsPath(`${base}\\${file}`);
  const joined = base === undefined || file.startsWith('/') ? file : `${base}/${file}`;
  return joined.startsWith('/') && !NOT_NORMAL.test(joined) ? joined : path.resolve(joined);
}

/** Whether a path is a Windows absolute path (drive or UNC). */
export function isWindowsAbsolute(file: string): boolean {
  return WINDOWS_ABSOLUTE.test(file);
}

function windowsPath(file: string): string {
  const slashed = file.replace(/\\/g, '/');
  if (slashed.startsWith('//')) return `/${path.posix.normalize(slashed.slice(1))}`.replace(/\/$/, '');
  const rest = path.posix.normalize(slashed.slice(2));
  return `${slashed[0]!.toLowerCase()}:${rest.length > 1 ? rest.replace(/\/$/, '') : rest}`;
}
