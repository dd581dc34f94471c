import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { absolutePath } from '../../src/places/resolve-path.js';

const segment = fc.constantFrom('', '.', '..', 'src', 'a.ts', '.git', '..b', '.c', 'x y');
const file = fc
  .tuple(fc.boolean(), fc.array(segment, { minLength: 1, maxLength: 6 }))
  .map(([absolute, parts]) => (absolute ? '/' : '') + parts.join('/'));

describe('resolvePath', () => {
  it('is path.resolve, with or without a base', () => {
    fc.assert(
      fc.property(
        file,
        fc.option(
          file.map((b) => path.resolve('/', b)),
          { nil: undefined },
        ),
        (f, base) => {
          const want = base === undefined ? path.resolve(f) : path.resolve(base, f);
          expect(absolutePath(f, base)).toBe(want);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('resolvePath with Windows paths', () => {
  it.each([
    ['D:\\work\\app\\main.py', undefined, '/d/work/app/main.py'],
    ['d:/work/app/../lib/x.ts', '/home/u/p', '/d/work/lib/x.ts'],
    ['E:\\data\\', '/home/u/p', '/e/data'],
    ['lib\\util.cs', 'F:\\src\\tool', '/f/src/tool/lib/util.cs'],
    ['..\\other\\x.txt', 'F:\\src\\tool', '/f/src/other/x.txt'],
    ['..\\other\\x.txt', '/f/src/tool', '/f/src/other/x.txt'],
    ['C:', undefined, '/c'],
    ['\\\\fileserver\\share\\notes.md', '/home/u/p', '//fileserver/share/notes.md'],
    ['x\\..\\y.md', '\\\\fileserver\\share', '//fileserver/share/y.md'],
  ])('%s (base %s) is %s, never under the POSIX base', (file, base, want) => {
    expect(absolutePath(file, base)).toBe(want);
  });

  it('a POSIX base keeps POSIX relative paths', () => {
    expect(absolutePath('src\\a.ts', '/home/u/p')).toBe('/home/u/p/src\\a.ts');
  });
});
