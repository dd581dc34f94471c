import { isInside } from './inside.js';
import { isDrivePath } from './windows-path.js';

/**
 * The machine's own directories, in one list. Each entry says what the checks make of it:
 * - `zone`: paths in it are in the `system` zone (zones.ts), where deletes and writes are the machine's;
 * - `writes`: files below it are system files, protected from writes (protected-paths.ts);
 * - `project`: whether an agent's project root can be there (project-root.ts): `none` — not in
 *   the whole tree (`/etc/app` is no project), `not-itself` — not the directory itself, but a
 *   project may live below it (`/opt/app`, `/var/www/site`), `any` — anywhere.
 */
interface SystemDir {
  readonly dir: string;
  readonly zone: boolean;
  readonly writes: boolean;
  readonly project: 'none' | 'not-itself' | 'any';
}

const SYSTEM_DIRS: readonly SystemDir[] = [
  { dir: '/etc', zone: true, writes: true, project: 'none' },
  { dir: '/usr', zone: true, writes: true, project: 'not-itself' },
  { dir: '/usr/bin', zone: true, writes: true, project: 'none' },
  { dir: '/usr/sbin', zone: true, writes: true, project: 'none' },
  { dir: '/usr/lib', zone: true, writes: true, project: 'none' },
  { dir: '/bin', zone: true, writes: true, project: 'none' },
  { dir: '/sbin', zone: true, writes: true, project: 'none' },
  { dir: '/lib', zone: true, writes: false, project: 'not-itself' },
  { dir: '/lib64', zone: true, writes: false, project: 'not-itself' },
  { dir: '/boot', zone: true, writes: false, project: 'none' },
  { dir: '/var', zone: true, writes: false, project: 'not-itself' },
  { dir: '/opt', zone: true, writes: false, project: 'not-itself' },
  { dir: '/srv', zone: true, writes: false, project: 'not-itself' },
  { dir: '/root', zone: true, writes: false, project: 'any' },
  { dir: '/sys', zone: true, writes: false, project: 'none' },
  { dir: '/proc', zone: true, writes: false, project: 'none' },
  { dir: '/System', zone: true, writes: false, project: 'not-itself' },
  { dir: '/Library', zone: true, writes: false, project: 'not-itself' },
  { dir: '/Applications', zone: true, writes: false, project: 'not-itself' },
  { dir: '/private', zone: true, writes: false, project: 'not-itself' },
  { dir: '/mnt', zone: true, writes: false, project: 'not-itself' },
  { dir: '/media', zone: true, writes: false, project: 'not-itself' },
  { dir: '/snap', zone: true, writes: false, project: 'any' },
  // macOS mount points: a project lives on a volume, not in the list of volumes
  { dir: '/Volumes', zone: false, writes: false, project: 'not-itself' },
  // devices have their own zone (`device`); no project lives among them
  { dir: '/dev', zone: false, writes: false, project: 'none' },
];

/** Built once: the checks run for every path of every action. */
const ZONE_DIRS = SYSTEM_DIRS.filter((d) => d.zone).map((d) => d.dir);
const WRITE_PREFIXES = SYSTEM_DIRS.filter((d) => d.writes).map((d) => `${d.dir}/`);
const NO_PROJECT_TREES = SYSTEM_DIRS.filter((d) => d.project === 'none').map((d) => d.dir);
const NO_PROJECT_DIRS = new Set(SYSTEM_DIRS.filter((d) => d.project === 'not-itself').map((d) => d.dir));

/** Whether a POSIX absolute path is one of the machine's directories or inside one (the `system` zone). */
export function inSystemDir(abs: string): boolean {
  for (const d of ZONE_DIRS) if (isInside(abs, d)) return true;
  return false;
}

/** Whether a (lower-cased) absolute path is a file below a directory of system files: protected from writes. */
export function isSystemFile(abs: string): boolean {
  for (const prefix of WRITE_PREFIXES) if (abs.startsWith(prefix)) return true;
  return isWindowsSystemPath(abs);
}

/** Whether a directory is a system directory that cannot be a project root, or inside one that cannot hold one. */
export function isSystemProjectRoot(root: string): boolean {
  if (NO_PROJECT_DIRS.has(root)) return true;
  for (const d of NO_PROJECT_TREES) if (isInside(root, d)) return true;
  return isWindowsSystemPath(root);
}

/** Windows' own folders on any drive (`C:\Windows`, `C:\Program Files`, …), in warden's form. */
const WINDOWS_SYSTEM =
  /^\/[a-z]\/(windows|program files|program files \(x86\)|programdata|recovery|\$recycle\.bin|system volume information)(\/|$)/i;

export function isWindowsSystemPath(abs: string): boolean {
  return isDrivePath(abs) && WINDOWS_SYSTEM.test(abs);
}
