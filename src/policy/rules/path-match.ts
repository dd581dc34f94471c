import path from 'node:path';
import picomatch from 'picomatch';

/**
 * A gitignore-style path pattern as a test on absolute paths, after Claude Code's anchors:
 * `//abs/path` absolute, `~/x` from home, `/x` from the project root, `./x` or `x/y` from the
 * working directory; a pattern with no `/` (`.env`, `*.pem`) matches that name at any depth; a
 * directory pattern (`src/` or `src`) covers what is below it.
 */
export interface PathBase {
  readonly home: string;
  readonly projectRoot: string;
  readonly cwd: string;
}

export function pathMatcher(pattern: string): (file: string, base: PathBase) => boolean {
  const p = pattern.trim();
  if (!p.includes('/') && !p.startsWith('~')) {
    // gitignore: a name matches a file or a directory of that name at any depth (and what is below it).
    const isName = picomatch(p.replace(/\/$/, ''), { dot: true });
    return (file) => file.split('/').some((part) => part !== '' && isName(part));
  }
  const compiled = new Map<string, (file: string) => boolean>();
  return (file, base) => {
    const absolute = anchor(p, base);
    let test = compiled.get(absolute);
    if (!test) {
      const globs = [absolute];
      // `src/**` also covers `src` itself; a plain directory covers what is below it.
      if (absolute.endsWith('/**')) globs.push(absolute.slice(0, -3));
      else if (!/[*?[\]{}]/.test(absolute)) globs.push(`${absolute.replace(/\/$/, '')}/**`);
      test = picomatch(
        globs.map((g) => g.replace(/\/$/, '') || '/'),
        { dot: true },
      );
      if (compiled.size > 100) compiled.clear();
      compiled.set(absolute, test);
    }
    return test(file);
  };
}

function anchor(pattern: string, base: PathBase): string {
  if (pattern.startsWith('//')) return path.posix.normalize(pattern.slice(1));
  if (pattern === '~' || pattern.startsWith('~/')) return path.posix.join(base.home, pattern.slice(1));
  if (pattern.startsWith('/')) return path.posix.join(base.projectRoot, pattern);
  return path.posix.join(base.cwd, pattern);
}
