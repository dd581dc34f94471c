/**
 * Windows paths in warden's one path form. A Windows path is rewritten the way Git Bash (MSYS)
 * and Claude Code's permission rules write it: `C:\Users\x` is `/c/Users/x`, `C:/x` is `/c/x`,
 * a UNC share `\\server\share\x` is `//server/share/x`. After that the POSIX machinery (resolve,
 * inside/outside, protected segments) applies unchanged; only letter case differs (Windows
 * ignores it: compare with {@link foldWindowsCase}).
 */

/** `C:\…`, `c:/…`, `C:` (a drive, absolute or drive-relative), `\\server\share…`. */
export function isWindowsPath(p: string): boolean {
  const c1 = p.charCodeAt(1);
  if (c1 === 58 /* : */) {
    const c0 = p.charCodeAt(0) | 32;
    if (c0 < 97 || c0 > 122) return false;
    const c2 = p.charCodeAt(2);
    return p.length === 2 || c2 === 92 /* \ */ || c2 === 47 /* / */;
  }
  return p.charCodeAt(0) === 92 && c1 === 92;
}

/** A Windows path in warden's form (see above); other paths are returned as they are. */
export function toPosixPath(p: string): string {
  if (!isWindowsPath(p)) return p;
  if (p.charCodeAt(0) === 92) return `//${p.slice(2).replace(/\\/g, '/')}`;
  const rest = p.slice(2).replace(/\\/g, '/');
  return `/${p[0]!.toLowerCase()}${rest === '' || rest.startsWith('/') ? rest : `/${rest}`}`;
}

/**
 * Whether an absolute path in warden's form lies on a Windows drive (`/c`, `/c/…`) or share
 * (`//server/…`): the form {@link toPosixPath} gives. A one-letter top directory is how Git
 * Bash spells a drive, so a POSIX project under `/c/…` is read as one too (its paths then
 * compare without letter case: stricter, never looser).
 */
export function isDrivePath(abs: string): boolean {
  if (abs.charCodeAt(0) !== 47) return false;
  const c1 = abs.charCodeAt(1);
  if (c1 === 47) return abs.length > 2 && abs.charCodeAt(2) !== 47;
  if (c1 < 97 || c1 > 122) return false;
  return abs.length === 2 || abs.charCodeAt(2) === 47;
}

/** Windows ignores letter case: drive paths are compared lower-cased, POSIX paths as they are. */
export function foldWindowsCase(abs: string): string {
  return isDrivePath(abs) ? abs.toLowerCase() : abs;
}
