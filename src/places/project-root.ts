import type { Environment } from '../domain/analysis.js';
import { isInside } from './inside.js';
import { isSystemProjectRoot } from './system-dirs.js';

/**
 * Whether an agent's project root is a project at all. An agent started in `/`, in a parent of the
 * home directory, a top-level directory or a system tree would otherwise make all of it "the project": its edits
 * auto-allowed, `rm -rf lib` judged as a project cleanup.
 */
export function isProjectRoot(root: string, env: Environment): boolean {
  if (env.tempDirs.some((t) => isInside(root, t))) return true;
  if (root === '/' || /^[a-z]:\/?$|^\/[a-z]$/i.test(root) || (isInside(env.home, root) && root !== env.home))
    return false;
  // a system directory itself, or the system's own trees (a project may live in /opt/app or /var/www)
  return !isSystemProjectRoot(root);
}

/**
 * An agent started in the home directory works in a project the user chose, but what it deletes
 * there is the user's own files, not build output: deletes are judged as deletes in the home.
 */
export function isHomeProject(root: string, env: Environment): boolean {
  return root === env.home;
}
