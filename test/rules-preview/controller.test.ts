import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { inMemoryConsoleDeps } from '../../src/demo/simple-deps.js';
import type { RulePreview } from '../../src/rules-preview/preview.js';
import { runCommand } from '../../src/ui/commands/run.js';
import { typeIntoField } from '../../src/ui/commands/text-field.js';
import { createUiStore } from '../../src/ui/console/ui-state.js';
import { startRulePreview } from '../../src/ui/rule-editor/preview-controller.js';
import { bash, makeStore, renderConsoleForTest, sleep } from '../ui/helpers.js';
import { previewDeps, week } from './fixtures.js';

afterEach(() => cleanup());

async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) await sleep(5);
  expect(check()).toBe(true);
}

describe('preview controller (store level)', () => {
  it('previews the rule in the editor, follows each change and never lets a stale preview land', async () => {
    const store = makeStore();
    const ui = createUiStore();
    const deps = inMemoryConsoleDeps(store);
    store.getState().receive(bash('git push origin fix'));
    const landed: RulePreview[] = [];
    ui.subscribe((s, prev) => {
      if (s.preview && s.preview !== prev.preview) landed.push(s.preview);
    });
    // Many slices: the history is large and the budget small.
    const history = Array.from({ length: 50 }, () => week()).flat();
    const stop = startRulePreview(store, ui, previewDeps(history), {
      debounceMs: 0,
      slices: { maxActions: 20 },
    });
    runCommand('rule.propose', { store, ui, deps });
    const view = () => ui.getState().view;
    expect(view()).toMatchObject({ kind: 'rule-editor', text: 'Bash(git push *)' });
    // Typing while the first preview runs cancels it.
    await sleep(1);
    typeIntoField(ui, store, 'x');
    typeIntoField(ui, store, 'y');
    runCommand('text.delete', { store, ui, deps });
    runCommand('text.delete', { store, ui, deps });
    await until(
      () => ui.getState().preview?.done === true && ui.getState().preview?.draft.text === 'Bash(git push *)',
    );
    const final = ui.getState().preview!;
    expect(final.held.covered).toBe(1);
    expect(final.history).toMatchObject({ total: 450, matched: 100, changed: 100 });
    // Once a preview of the newest text has landed, no preview of older text lands after it.
    const firstNewest = landed.findIndex((p) => p.draft.text === 'Bash(git push *)' && p.history.scanned > 0);
    const stale = landed.slice(firstNewest).filter((p) => p.draft.text !== 'Bash(git push *)');
    expect(stale).toEqual([]);
    // Leaving the editor drops the preview.
    runCommand('text.cancel', { store, ui, deps });
    expect(ui.getState().preview).toBeUndefined();
    stop();
  });
});

describe('preview in the console (ink, by command id)', () => {
  it('shows counts, examples and a warning while the rule is typed', async () => {
    const store = makeStore();
    store.getState().receive(bash('rm -rf /home/u/p/build'));
    const t = renderConsoleForTest(store, { preview: previewDeps() }, { columns: 160, rows: 30 });
    await t.settle();
    await t.press('rule.propose');
    await t.settle();
    expect(t.frame()).toContain('rule: Bash(rm -rf *)');
    expect(t.frame()).toContain('covers 1 held action now: rm -rf /home/u/p/build');
    expect(t.frame()).toContain(
      'last 7 days: 1 of 9 recorded actions decided differently (it matches 1): hold→allow rm -rf /home/u/work',
    );
    expect(t.frame()).toMatch(
      /⚠ also allows rm -rf \/home\/u\/p\/build: the analyzer calls it dangerous|⚠ also allows rm -rf \/home\/u\/work/,
    );
    await t.press('editor.effect'); // allow -> deny
    await t.settle();
    expect(t.frame()).toContain('hold→deny rm -rf /home/u/work');
    expect(t.frame()).not.toContain('⚠');
  });
});
