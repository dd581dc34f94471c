import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The layering rules in .dependency-cruiser.cjs (run by `npm run lint`): the tree keeps them, and
 * each rule fails on a tree that breaks it, the way `npm run lint` would.
 */
const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../..');
const config = path.join(repo, '.dependency-cruiser.cjs');
const depcruise = path.join(repo, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

/** Runs the checker as `npm run lint` does; returns its exit code and the violations it printed. */
async function cruise(cwd: string): Promise<{ code: number; violations: string[] }> {
  let code = 0;
  let out = '';
  try {
    out = (await run(process.execPath, [depcruise, 'src', '--config', config], { cwd })).stdout;
  } catch (e) {
    const err = e as { code?: number; stdout?: string };
    code = typeof err.code === 'number' ? err.code : -1;
    out = err.stdout ?? '';
  }
  const violations = [...out.matchAll(/^\s*error (\S+): (\S+) → (\S+)$/gm)].map(
    // a module in node_modules is named from where it resolved: keep the part from node_modules on
    (m) => `${m[1]}: ${m[2]} → ${m[3]!.replace(/^.*?(?=node_modules\/)/, '')}`,
  );
  return { code, violations: violations.sort() };
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A throw-away project whose src/ holds `files` (path → source), resolved as warden's is. */
function fixture(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'warden-layers-'));
  dirs.push(dir);
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', jsx: 'react-jsx' },
    }),
  );
  symlinkSync(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

describe('layering (dependency-cruiser)', () => {
  it("warden's own tree keeps every rule", async () => {
    const { code, violations } = await cruise(repo);
    expect(violations).toEqual([]);
    expect(code).toBe(0);
  });

  it('a tree that breaks each rule fails, naming the rule and the import', async () => {
    const dir = fixture({
      'src/domain/action.ts': "import { isInside } from '../places/inside.js';\nexport const a = isInside;\n",
      'src/domain/rule.ts': 'export const r = 1;\n',
      'src/places/inside.ts':
        "import type { Arg } from '../shell/words.js';\nexport const isInside = (a: Arg) => a;\n",
      'src/places/zones.ts':
        "import { r } from '../domain/rule.js';\nimport { x } from '../policy/decide.js';\nexport const z = [r, x];\n",
      'src/shell/words.ts':
        "import { isInside } from '../places/inside.js';\nexport type Arg = typeof isInside;\n",
      'src/analyzer/index.ts': "import type { D } from '../policy/decide.js';\nexport type A = D;\n",
      'src/analyzer/view.ts':
        "import { Text } from 'ink';\nimport { Row } from '../ui/row.js';\nexport const v = [Text, Row];\n",
      'src/policy/decide.ts':
        "export { judge } from '../analyzer/judge.js';\nexport const x = 1;\nexport type D = number;\nexport const later = () => import('../store/create-store.js');\n",
      'src/analyzer/judge.ts': 'export const judge = 1;\n',
      'src/ui/row.tsx': 'export const Row = 1;\n',
      'src/store/create-store.ts': 'export const s = 1;\n',
    });
    const { code, violations } = await cruise(dir);
    expect(code).not.toBe(0);
    expect(violations).toEqual(
      [
        'domain-imports-nothing-of-ours: src/domain/action.ts → src/places/inside.ts',
        'places-only-domain: src/places/inside.ts → src/shell/words.ts',
        'places-only-domain: src/places/zones.ts → src/policy/decide.ts',
        'shell-only-domain: src/shell/words.ts → src/places/inside.ts',
        'analyzer-not-policy: src/analyzer/index.ts → src/policy/decide.ts',
        'policy-not-analyzer: src/policy/decide.ts → src/analyzer/judge.ts',
        'core-without-ui: src/analyzer/view.ts → src/ui/row.tsx',
        'core-without-ui: src/analyzer/view.ts → node_modules/ink/build/index.js',
        'core-without-runtime: src/policy/decide.ts → src/store/create-store.ts',
      ].sort(),
    );
  }, 60_000);
});
