import path from 'node:path';
import picomatch from 'picomatch';
import { isInside } from '../../../places/inside.js';
import { secretReadPlaces } from '../../../places/protected-paths.js';
import { resolvePath } from '../../../places/resolve-path.js';
import { readProtection, zoneOf } from '../../../places/zones.js';
import type { ShellContext } from '../context.js';

/** Shell glob characters (and brace lists) in a word. */
const GLOB = /[*?[]|\{[^}]*,[^}]*\}/;

export function hasGlob(value: string): boolean {
  return GLOB.test(value);
}

/** `$X`, `${X…}`, `$(…)`, `` `…` ``: parts of a word only known at run time. */
const EXPANSION = /\$\{[^}]*\}|\$\([^)]*\)|`[^`]*`|\$\w+/g;

/** Stands for an expansion while the word is split into segments. */
const HOLE = '\u0001';

/** Where a word's fixed part ends: the first glob character or expansion hole. */
const FIRST_WILD = new RegExp(`[*?[{${HOLE}]`);

const matchers = new Map<string, (s: string) => boolean>();

/** One path segment against one glob segment; an expansion matches anything, dot names included. */
function segmentMatches(pattern: string, segment: string): boolean {
  if (!pattern.includes(HOLE) && !GLOB.test(pattern)) return pattern === segment;
  let test = matchers.get(pattern);
  if (!test) {
    const dot = pattern.includes(HOLE);
    test = picomatch(pattern.split(HOLE).join('*'), { dot });
    if (matchers.size > 500) matchers.clear();
    matchers.set(pattern, test);
  }
  return test(segment);
}

/**
 * For a read argument with glob characters or expansions whose fixed part lies in the home
 * directory outside the project: the secret path it could name (or that a recursive read of what
 * it names would reach), with why it is protected. `unknown` when it is dynamic but names no secret.
 */
export function secretGlobRead(
  value: string,
  dynamic: boolean,
  ctx: ShellContext,
): { readonly abs: string; readonly why: string } | 'unknown' | undefined {
  const holed = dynamic ? value.replace(EXPANSION, HOLE) : value;
  const cut = holed.search(FIRST_WILD);
  const fixed = cut === -1 ? holed : holed.slice(0, cut);
  const base = resolvePath(
    fixed.includes('/') ? fixed.slice(0, fixed.lastIndexOf('/') + 1) || '/' : '.',
    ctx,
  );
  if (!base) return undefined;
  const zone = zoneOf(base, ctx);
  if (zone !== 'home' && zone !== 'home-root' && zone !== 'root' && zone !== 'other') return undefined;
  const abs = resolvePath(holed, ctx);
  if (!abs) return undefined;
  const segs = abs.split('/').filter(Boolean);
  const places = secretReadPlaces(ctx.env);
  const candidates = [
    ...places.dirs.map((d) => [d, true] as const),
    ...places.files.map((f) => [f, false] as const),
  ];
  for (const [place, isDir] of candidates) {
    if (!isInside(place, base) && !isInside(base, place)) continue;
    const parts = place.split('/').filter(Boolean);
    const n = Math.min(segs.length, parts.length);
    let ok = true;
    for (let i = 0; i < n && ok; i++) ok = segmentMatches(segs[i]!, parts[i]!);
    if (!ok) continue;
    // the word names the place itself or a directory holding it (read recursively by cp -r, tar)
    if (segs.length <= parts.length) {
      const why = readProtection(isDir ? path.join(place, 'x') : place, ctx);
      if (why) return { abs: place, why };
      continue;
    }
    if (!isDir) continue;
    const inside = `/${[...parts, ...segs.slice(parts.length)].join('/')}`.split(HOLE).join('*');
    const why = readProtection(inside, ctx);
    if (why) return { abs: inside, why };
  }
  return dynamic && (zone === 'home' || zone === 'home-root') ? 'unknown' : undefined;
}
