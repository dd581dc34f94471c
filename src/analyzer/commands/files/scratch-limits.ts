import path from 'node:path';
import { isInside } from '../../../places/inside.js';
import { isProjectRoot } from '../../../places/project-root.js';
import type { PathContext } from '../../../places/resolve-path.js';
import { canonicalPath } from '../../../places/zones.js';

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
  const matches = (p: string) => globMayMatch(target, p);
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

/**
 * Whether a shell glob may match a path, segment by segment (a `*` never crosses `/`). It errs
 * towards matching: a `[…]` class matches any one character and a `{…}` group anything, and a
 * segment too long to read matches everything. A hand-written matcher instead of a regex library:
 * patterns are agent input, and a backtracking regex over `*a*a*a…` takes seconds.
 */
export function globMayMatch(pattern: string, file: string): boolean {
  const ps = pattern.split('/');
  const fs = file.split('/');
  if (ps.length !== fs.length) return false;
  return ps.every((p, i) => segmentMayMatch(p, fs[i]!));
}

function segmentMayMatch(pattern: string, name: string): boolean {
  if (pattern.length > 512) return true;
  if (pattern.includes('{')) {
    const words = expandBraces(pattern);
    return words === undefined || words.some((w) => segmentMayMatch(w, name));
  }
  // one token per pattern position: '*' any run, '?' any one character, else a literal
  const tokens: string[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end > 0) {
        tokens.push('?');
        i = end;
        continue;
      }
    }
    if (c === '\\' && i + 1 < pattern.length) {
      tokens.push(`=${pattern[++i]}`);
      continue;
    }
    tokens.push(c === '*' || c === '?' ? c : `=${c}`);
  }
  // the linear two-pointer wildcard match: remember the last star and retry from there
  let t = 0;
  let n = 0;
  let star = -1;
  let mark = 0;
  while (n < name.length) {
    const tok = tokens[t];
    if (tok !== undefined && (tok === '?' || tok === `=${name[n]}`)) {
      t++;
      n++;
    } else if (tok === '*') {
      star = t++;
      mark = n;
    } else if (star >= 0) {
      t = star + 1;
      n = ++mark;
    } else return false;
  }
  while (tokens[t] === '*') t++;
  return t === tokens.length;
}

/** Bash's brace expansion of `{a,b}` groups (not nested, at most 64 words); undefined when beyond that. */
function expandBraces(segment: string): string[] | undefined {
  let words = [''];
  const re = /\{([^{}]*)\}|[^{}]+|[{}]/g;
  for (const m of segment.matchAll(re)) {
    if (m[0] === '{' || m[0] === '}') return undefined;
    const inner = m[1];
    const options = inner?.includes(',') ? inner.split(',') : [m[0]];
    words = words.flatMap((w) => options.map((o) => w + o));
    if (words.length > 64) return undefined;
  }
  return words;
}
