import path from 'node:path';
import picomatch from 'picomatch';
import { isProjectRoot } from '../../policy/project-root.js';
import { isInside } from '../../policy/protected-paths.js';
import { canonicalPath, type PathContext } from '../paths.js';

/**
 * Where "a temp path is scratch" stops. A delete under a temp dir is routine (`rm -rf
 * /tmp/build-123`), but not when it takes the project with it: the project root, a directory that
 * holds it (`rm -rf ..` with the project at /tmp/work/app), the directory the command was started
 * in, a whole temp dir (`/tmp`, `$TMPDIR`) or a glob that matches any of them (`rm -rf /tmp/*`,
 * `/tmp/w*`). macOS spells one place two ways (`/tmp` is `/private/tmp`, `$TMPDIR` is under
 * `/var/folders`, which is `/private/var/folders`): paths are compared in one spelling.
 */

/** The directories a delete must not take whole, with what each one is. */
function guarded(ctx: PathContext): { dir: string; what: string }[] {
  const out: { dir: string; what: string }[] = [];
  if (isProjectRoot(ctx.projectRoot, ctx.env))
    out.push({ dir: canonicalPath(ctx.projectRoot), what: 'project' });
  if (ctx.startCwd) out.push({ dir: canonicalPath(ctx.startCwd), what: 'working directory' });
  return out;
}

/** `/a/b/c` → [`/a/b/c`, `/a/b`, `/a`] (not `/`, which is judged on its own). */
function selfAndParents(dir: string): string[] {
  const out: string[] = [];
  for (let d = dir; d !== '/' && d !== '.' && d !== ''; d = path.dirname(d)) out.push(d);
  return out;
}

/** A last path segment made only of wildcards: it matches everything in its directory. */
const ALL_ENTRIES = /^(\.?[*?]+|\{[*?.,]+\}|\.\[!.\]\*)$/;

/**
 * What deleting `abs` (a resolved path, a glob pattern when `glob`) would take beyond scratch:
 * a sentence naming it, or undefined when it is only scratch.
 */
export function beyondScratch(abs: string, glob: boolean, ctx: PathContext): string | undefined {
  const target = canonicalPath(abs);
  const temps = ctx.env.tempDirs.map(canonicalPath);
  if (!glob) {
    for (const { dir, what } of guarded(ctx))
      if (isInside(dir, target))
        return target === dir ? `the ${what} itself` : `a directory that holds the ${what} (${dir})`;
    if (temps.includes(target)) return 'the whole temp dir, which other programs use';
    return undefined;
  }
  const parent = path.dirname(target);
  if (temps.includes(parent) && ALL_ENTRIES.test(path.basename(target)))
    return `everything in the temp dir ${parent}, which other programs use`;
  let matches: (p: string) => boolean;
  try {
    matches = picomatch(target, { dot: false });
  } catch {
    return 'paths a glob warden cannot read would match';
  }
  for (const { dir, what } of guarded(ctx))
    for (const d of selfAndParents(dir))
      if (matches(d)) return `${d}, which ${d === dir ? 'is' : 'holds'} the ${what}`;
  for (const t of temps) if (matches(t)) return `the whole temp dir ${t}`;
  return undefined;
}

/**
 * The entry of `dir` on the way down to the project or the working directory, when `dir` holds
 * one of them: what an unfiltered walk of `dir` (`find DIR -type d -exec rm -rf {} +`) reaches.
 */
export function entryTowardWork(dir: string, ctx: PathContext): string | undefined {
  const from = canonicalPath(dir);
  for (const { dir: work } of guarded(ctx)) {
    if (work === from || !isInside(work, from)) continue;
    const rest = path.relative(from, work).split(path.sep)[0];
    if (rest) return path.join(dir, rest);
  }
  return undefined;
}
