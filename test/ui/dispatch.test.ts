import { describe, expect, it } from 'vitest';
import { inMemoryConsoleDeps } from '../../src/demo/simple-deps.js';
import type { Rule } from '../../src/domain/rule.js';
import { ruleKey } from '../../src/ui/commands/rule-ops.js';
import { runCommand } from '../../src/ui/commands/run.js';
import { COMMANDS } from '../../src/ui/commands/table.js';
import { createUiStore, viewText } from '../../src/ui/console/ui-state.js';
import { dispatchKey } from '../../src/ui/input/dispatch.js';
import type { KeyEvent } from '../../src/ui/keymap.js';
import { bash, call, makeStore } from './helpers.js';

/** The terminal's dispatcher, driven with Ink-shaped key events: no Ink, no rendering. */
function harness(overrides: Parameters<typeof inMemoryConsoleDeps>[1] = {}) {
  const store = makeStore();
  const ui = createUiStore();
  const deps = inMemoryConsoleDeps(store, overrides);
  const quits: number[] = [];
  const ctx = { store, ui, deps, terminal: { quit: () => quits.push(1) } };
  const key = (input: string, event: KeyEvent = {}) => dispatchKey(input, event, ctx);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { store, ui, deps, quits, ctx, key, settle };
}

const fileRule = (effect: Rule['effect'], text: string): Rule => ({
  effect,
  text,
  source: { origin: 'warden-project', file: '/p/.warden/rules.json' },
});

describe('key dispatch (no Ink)', () => {
  it('moves, marks and approves by key, acting on ids', () => {
    const h = harness();
    const [a, b, c] = ['one', 'two', 'three'].map((x) => h.store.getState().receive(bash(x)).action.id);
    expect(h.key('j')).toBe('cursor.down');
    h.key(' ');
    h.key('', { downArrow: true });
    h.key(' ');
    expect([...h.store.getState().marks]).toEqual([b, c]);
    expect(h.key('a')).toBe('approve');
    expect(h.store.getState().held).toEqual([a]);
    expect(h.ui.getState().message).toBe('approved 2');
  });

  it('shows why a command cannot run instead of doing nothing', () => {
    const h = harness();
    h.key('a');
    expect(h.ui.getState().message).toBe('nothing to approve');
    h.key('d');
    expect(h.ui.getState().view.kind).toBe('main');
    expect(h.ui.getState().message).toBe('nothing to deny');
    h.key('R');
    expect(h.ui.getState().message).toBe('no action under the cursor to make a rule from');
    h.key('A');
    expect(h.ui.getState().message).toBe('nothing is held');
  });

  it('opens one view at a time: deny reason typed, pasted control bytes dropped, Enter denies', () => {
    const h = harness();
    const id = h.store.getState().receive(bash('rm -rf build')).action.id;
    h.key('d');
    expect(h.ui.getState().view).toEqual({ kind: 'deny-reason', text: '', targets: [id] });
    // In a text field, command letters are typed, not run.
    expect(h.key('a')).toBeUndefined();
    h.key('ok\u001B[2J no');
    expect(viewText(h.ui.getState().view)).toBe('aok[2J no');
    h.key('', { backspace: true });
    h.key('', { return: true });
    expect(h.ui.getState().view.kind).toBe('main');
    expect(h.store.getState().records.get(id)?.resolution?.reason).toBe('denied by the user: aok[2J n');
  });

  it('splits a burst of keys outside text fields into key presses', () => {
    const h = harness();
    for (const x of ['a', 'b', 'c']) h.store.getState().receive(bash(x));
    expect(h.key('jja')).toBe('approve');
    expect(h.store.getState().held).toHaveLength(2);
  });

  it('filters live and restores the filter on Esc', () => {
    const h = harness();
    h.store.getState().receive(bash('git push'));
    h.key('/');
    h.key('pu');
    expect(h.store.getState().filter).toBe('pu');
    h.key('', { escape: true });
    expect(h.store.getState().filter).toBe('');
    expect(h.ui.getState().view.kind).toBe('main');
  });

  it('mode keys come from MODES: 1…6 pick, Shift+Tab cycles, p pauses', () => {
    const h = harness();
    h.key('4');
    expect(h.store.getState().mode).toBe('plan');
    h.key('', { tab: true, shift: true });
    expect(h.store.getState().mode).toBe('yolo');
    h.key('p');
    expect(h.store.getState().mode).toBe('pause');
    expect(h.ui.getState().message).toBe('mode pause');
  });

  it('quits only after a yes when actions are held, answering them ask', () => {
    const h = harness();
    h.store.getState().receive(bash('make'));
    h.key('q');
    expect(h.ui.getState().view.kind).toBe('confirm-quit');
    h.key('n');
    expect(h.quits).toEqual([]);
    h.key('q');
    h.key('y');
    expect(h.quits).toEqual([1]);
    expect(h.store.getState().counts.asked).toBe(1);
  });

  it('the rules view selects by rule identity: after a reload `x` removes the rule that was selected', async () => {
    const h = harness();
    h.deps.fileRules.push(fileRule('allow', 'Bash(npm test)'), fileRule('deny', 'Bash(rm *)'));
    h.store.getState().setFileRules([...h.deps.fileRules], []);
    h.key('r');
    h.key('j');
    const view = h.ui.getState().view;
    expect(view).toEqual({ kind: 'rules', selected: ruleKey(fileRule('deny', 'Bash(rm *)')) });
    // The rule file changes under the view: a new rule lands above the selected one.
    h.deps.fileRules.unshift(fileRule('allow', 'Read(**)'));
    h.store.getState().setFileRules([...h.deps.fileRules], []);
    h.key('x');
    await h.settle();
    expect(h.deps.fileRules.map((r) => r.text)).toEqual(['Read(**)', 'Bash(npm test)']);
    expect(h.ui.getState().message).toBe('removed deny Bash(rm *)');
  });

  it('refuses `x` when the selected rule left the files, instead of removing another', async () => {
    const h = harness();
    h.deps.fileRules.push(fileRule('allow', 'Bash(npm test)'), fileRule('deny', 'Bash(rm *)'));
    h.store.getState().setFileRules([...h.deps.fileRules], []);
    h.key('r');
    h.deps.fileRules.shift();
    h.store.getState().setFileRules([...h.deps.fileRules], []);
    h.key('x');
    await h.settle();
    expect(h.deps.fileRules.map((r) => r.text)).toEqual(['Bash(rm *)']);
    expect(h.ui.getState().message).toMatch(/no longer in force/);
    // Moving picks a rule that is there.
    h.key('j');
    h.key('x');
    await h.settle();
    expect(h.deps.fileRules).toEqual([]);
  });

  it('changes a rule from the rules view and comes back to it selected', async () => {
    const h = harness();
    h.store.getState().addSessionRule({ effect: 'allow', text: 'Bash(ls)', source: { origin: 'session' } });
    h.key('r');
    h.key('e');
    expect(h.ui.getState().view).toMatchObject({ kind: 'rule-editor', text: 'Bash(ls)', scope: 'session' });
    h.key('', { backspace: true });
    h.key(' *)');
    h.key('', { tab: true }); // allow -> deny
    h.key('', { return: true });
    await h.settle();
    expect(h.store.getState().sessionRules.map((r) => `${r.effect} ${r.text}`)).toEqual(['deny Bash(ls *)']);
    expect(h.ui.getState().view).toEqual({
      kind: 'rules',
      selected: ruleKey({ effect: 'deny', text: 'Bash(ls *)', source: { origin: 'session' } }),
    });
  });

  it('proposes the narrowest rule and widens or narrows it one key at a time', () => {
    const h = harness();
    h.store.getState().receive(bash('git status && git push --force origin main'));
    h.key('R');
    const text = () => viewText(h.ui.getState().view);
    // The held part of the compound line, with its subcommand and flags.
    expect(text()).toBe('Bash(git push --force *)');
    h.key('', { downArrow: true });
    expect(text()).toBe('Bash(git push *)');
    h.key('', { downArrow: true });
    h.key('', { downArrow: true });
    expect(text()).toBe('Bash(git *)');
    h.key('', { upArrow: true });
    expect(text()).toBe('Bash(git push *)');
  });

  it('keeps the rule editor open with the reason when the rule is empty', () => {
    const h = harness();
    h.store.getState().receive(call('Read', { file_path: '/etc/shadow' }));
    h.key('R');
    for (let i = 0; i < 40; i++) h.key('', { delete: true });
    h.key('', { return: true });
    expect(h.ui.getState().view.kind).toBe('rule-editor');
    expect(h.ui.getState().message).toBe('the rule is empty');
  });
});

describe('runCommand by id without a terminal or views (the web page path)', () => {
  it('approves and denies given ids, with a reason and no prompt', () => {
    const store = makeStore();
    const deps = inMemoryConsoleDeps(store);
    const [a, b] = ['one', 'two'].map((x) => store.getState().receive(bash(x)).action.id) as [string, string];
    expect(runCommand('approve', { store, deps }, { ids: [b] })).toEqual({ ok: true, message: 'approved 1' });
    expect(runCommand('deny', { store, deps }, { ids: [a], reason: 'not now' })).toEqual({
      ok: true,
      message: 'denied 1',
    });
    expect(store.getState().records.get(a)?.resolution?.reason).toBe('denied by the user: not now');
    // Already answered: nothing to approve, with the reason.
    expect(runCommand('approve', { store, deps }, { ids: [a] })).toEqual({
      ok: false,
      reason: 'nothing to approve',
    });
  });

  it('refuses terminal-only and view commands, and unknown ids', () => {
    const store = makeStore();
    const deps = inMemoryConsoleDeps(store);
    store.getState().receive(bash('x'));
    expect(runCommand('quit.now', { store, deps })).toMatchObject({ ok: false });
    expect(runCommand('help', { store, deps })).toMatchObject({ ok: false });
    expect(runCommand('rule.propose', { store, deps })).toMatchObject({ ok: false });
    expect(runCommand('rm -rf', { store, deps })).toEqual({ ok: false, reason: 'no command rm -rf' });
    expect(store.getState().held).toHaveLength(1);
    const terminalOnly = COMMANDS.filter((c) => c.terminalOnly).map((c) => c.id);
    expect(terminalOnly.sort()).toEqual([
      'help',
      'pair.down',
      'pair.no',
      'pair.revoke',
      'pair.up',
      'pair.yes',
      'quit',
      'quit.now',
      'web.pair',
    ]);
  });

  it('switches mode and puts a rule in force by id', async () => {
    const store = makeStore();
    const deps = inMemoryConsoleDeps(store);
    const id = store.getState().receive(bash('npm test')).action.id;
    expect(runCommand('mode.edits', { store, deps })).toEqual({ ok: true, message: 'mode edits' });
    const result = await runCommand(
      'rule.add',
      { store, deps },
      { rule: { effect: 'allow', text: 'Bash(npm test)', scope: 'session' } },
    );
    expect(result).toEqual({
      ok: true,
      message: 'allow Bash(npm test) (session) in force; it settled 1 held',
    });
    expect(store.getState().records.get(id)?.status).toBe('allowed');
    expect(
      await runCommand(
        'rule.add',
        { store, deps },
        { rule: { effect: 'allow', text: ' ', scope: 'session' } },
      ),
    ).toEqual({ ok: false, reason: 'the rule is empty' });
  });

  it('a view command run by id where it does not apply is refused', () => {
    const store = makeStore();
    const ui = createUiStore();
    const deps = inMemoryConsoleDeps(store);
    expect(runCommand('text.submit', { store, ui, deps })).toEqual({
      ok: false,
      reason: 'text.submit does not apply here',
    });
  });
});
