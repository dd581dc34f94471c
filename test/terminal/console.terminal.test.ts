import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hasTmux, startTmux, type TmuxSession } from './tmux.js';

const root = path.resolve(import.meta.dirname, '../..');
const entry = path.join(root, 'dist/demo/main.js');

describe.skipIf(!hasTmux())('console on a real terminal (tmux)', () => {
  let session: TmuxSession | undefined;
  beforeAll(() => {
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first (npm test does)`);
  });
  afterEach(() => session?.kill());

  // Ink renders only the last frame when CI is set: the console runs as on a person's terminal.
  it('renders the demo, approves with a, cycles modes with Shift+Tab, quits after y', async () => {
    session = startTmux(`node ${entry} 20`, {
      columns: 80,
      rows: 24,
      env: { NO_COLOR: '1', CI: 'false', CONTINUOUS_INTEGRATION: 'false' },
    });
    const s = session;
    const screen = await s.waitFor((x) => /Held 10\b/.test(x), 15_000, 'ten held actions');
    expect(screen).toContain('MANUAL');
    expect(screen).toMatch(/› \[ \] ● .*Edit +src\/cart\.ts/);
    // Every line fits and the live region is shorter than the screen.
    expect(screen.split('\n').every((l) => [...l].length <= 80)).toBe(true);

    s.keys('a');
    await s.waitFor((x) => /Held 9\b/.test(x), 5_000, 'the Edit approved');
    expect(s.history()).toMatch(/✓ allow CC Edit +src\/cart\.ts — approved by the user/);

    s.keys('j', 'Space');
    await s.waitFor((x) => x.includes('1 marked'), 5_000, 'a mark');

    s.keys('BTab');
    await s.waitFor((x) => x.includes('EDITS'), 5_000, 'edits mode');
    // Re-judged: the held Write inside the project is now allowed by the edits tier.
    expect(s.history()).toMatch(/✓ allow CC Write +src\/cart\.test\.ts — tier:project-edit/);

    s.resize(100, 30);
    await s.waitFor((x) => x.split('\n').some((l) => l.includes('Held 8')), 5_000, 'a redraw after resize');

    s.keys('q');
    await s.waitFor((x) => x.includes('quit and answer them "ask"'), 5_000, 'the quit prompt');
    s.keys('y');
    await s.waitFor(() => !s.alive(), 5_000, 'the console to exit');
  });
});
