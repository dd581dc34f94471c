import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { fileRule, healthDeps } from '../rule-health/fixtures.js';
import { makeStore, renderConsoleForTest, sleep } from './helpers.js';

afterEach(() => cleanup());

async function until(frame: () => string, check: (f: string) => boolean) {
  for (let i = 0; i < 300 && !check(frame()); i++) await sleep(10);
  expect(frame()).toSatisfy(check);
}

const selectedLine = (frame: string) => frame.split('\n').find((l) => l.startsWith('›')) ?? '';

describe('rule health in the rules view (ink, by command id)', () => {
  it('marks each rule with a finding and shows the selected rule’s evidence', async () => {
    const store = makeStore();
    store
      .getState()
      .setFileRules(
        [
          fileRule('allow', 'Bash(*)'),
          fileRule('deny', 'Bash(terraform *)', 2),
          fileRule('allow', 'Bash(git status)', 3),
        ],
        [],
      );
    const t = renderConsoleForTest(store, { ruleHealth: healthDeps() }, { columns: 140, rows: 24 });
    await t.settle();
    await t.press('rules.open');
    await until(t.frame, (f) => f.includes('health: 3 findings (6 recorded actions, 30 days)'));
    const frame = t.frame();
    expect(frame).toMatch(/› allow +⚠ broad +Bash\(\*\)/);
    expect(frame).toMatch(/deny +○ unused +Bash\(terraform \*\)/);
    expect(frame).toMatch(/allow +≡ redundant +Bash\(git status\)/);
    // The selected rule (Bash(*)) explains its mark with evidence.
    expect(frame).toContain('⚠ is broad enough to allow dangerous actions');
    expect(frame).toMatch(/e\.g\. would allow Bash rm -rf ~ \(/);
    await t.press('rules.down');
    expect(selectedLine(t.frame())).toContain('Bash(terraform *)');
    expect(t.frame()).toContain('○ never matched any of the 6 recorded actions');
    expect(t.frame()).not.toContain('⚠ is broad enough');
    await t.press('rules.down');
    expect(t.frame()).toContain(
      '≡ is redundant: allow Bash(*) (/home/u/.warden/rules.json:1) matches everything it matched',
    );
  });

  it('keeps the selection on the same rule when the rules change, and rechecks them', async () => {
    const store = makeStore();
    store
      .getState()
      .setFileRules([fileRule('allow', 'Bash(npm test *)'), fileRule('deny', 'Bash(terraform *)', 2)], []);
    const t = renderConsoleForTest(store, { ruleHealth: healthDeps() }, { columns: 140, rows: 24 });
    await t.settle();
    await t.press('rules.open');
    await t.press('rules.down');
    await until(t.frame, (f) => f.includes('○ never matched'));
    // A session rule is added while the view is open: it is listed first, the selection stays on terraform.
    store
      .getState()
      .addSessionRule({ effect: 'deny', text: 'Bash(kubectl *)', source: { origin: 'session' } });
    await until(t.frame, (f) => f.includes('health: 2 findings'));
    expect(selectedLine(t.frame())).toContain('Bash(terraform *)');
    expect(t.frame()).toContain('○ never matched');
    expect(t.frame()).toMatch(/deny +○ unused +Bash\(kubectl \*\) +session/);
    // Removing a rule rechecks the rest: the health follows the rules in force.
    await t.press('rules.up');
    await t.press('rules.up');
    expect(selectedLine(t.frame())).toContain('Bash(kubectl *)');
    await t.press('rules.remove');
    await until(t.frame, (f) => f.includes('health: 1 finding'));
    expect(t.frame()).not.toMatch(/Bash\(kubectl \*\) +session/);
    expect(t.frame()).toContain('removed deny Bash(kubectl *)');
  });

  it('stays shorter than the screen with many rules and a long finding', async () => {
    const store = makeStore();
    const many = Array.from({ length: 30 }, (_, i) => fileRule('deny', `Bash(tool${i} *)`, i + 2));
    store.getState().setFileRules([fileRule('allow', 'Bash(*)'), ...many], []);
    const rows = 16;
    const t = renderConsoleForTest(store, { ruleHealth: healthDeps() }, { columns: 100, rows });
    await t.settle();
    await t.press('rules.open');
    await until(t.frame, (f) => f.includes('health: 31 findings'));
    for (const _ of [1, 2, 3]) {
      const lines = t.frame().split('\n');
      expect(lines.length).toBeLessThan(rows);
      expect(lines.every((l) => [...l].length <= 100)).toBe(true);
      expect(t.frame()).toContain('›');
      await t.press('rules.down');
    }
  });

  it('shows no marks when the console has no rule health deps', async () => {
    const store = makeStore();
    store.getState().setFileRules([fileRule('allow', 'Bash(*)')], []);
    const t = renderConsoleForTest(store, { ruleHealth: undefined }, { columns: 120, rows: 24 });
    await t.settle();
    await t.press('rules.open');
    await sleep(50);
    expect(t.frame()).toContain('Rules in force: 1');
    expect(t.frame()).not.toContain('health:');
    expect(t.frame()).not.toContain('⚠ broad');
  });
});
