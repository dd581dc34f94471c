import path from 'node:path';

/** A `/`-joined segment that is empty, `.` or `..`, or a trailing slash: what path.resolve rewrites. */
const NOT_NORMAL = /\/\.{0,2}(\/|$)/;

/**
 * `path.resolve(base, file)`, returning the joined path as it is when it is already absolute and
 * normal (the common case: path.resolve rebuilds the string piece by piece, for every action's paths).
 */
export function resolvePath(file: string, base?: string): string {
  const joined = base === undefined || file.startsWith('/') ? file : `${base}/${file}`;
  return joined.startsWith('/') && !NOT_NORMAL.test(joined) ? joined : path.resolve(joined);
}
