import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolvePath } from '../../src/domain/resolve-path.js';

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
          expect(resolvePath(f, base)).toBe(want);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
