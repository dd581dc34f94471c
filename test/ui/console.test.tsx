import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { targetIds } from '../../src/store/selectors.js';
import type { ActionRecord } from '../../src/store/types.js';
import { viewText } from '../../src/ui/console/ui-state.js';
import { bash, call, makeStore, renderConsoleForTest } from './helpers.js';

afterEach(() => cleanup());

const ESC = '\u001B';

describe('console screen', () => {
  it('shows how to connect before any agent does', async () => {
    const store = makeStore();
    store.getState().setEndpoint('http://127.0.0.1:4711/hook');
    const t = renderConsoleForTest(store);
    await t.settle();
    expect(t.frame()).toContain('warden install claude-code');
    expect(t.frame()).toContain('http://127.0.0.1:4711/hook');
  });

  it('shows the mode, counts, the held queue and the cursor action in full', async () => {
    const store = makeStore();
    store.getState().receive(call('Read', { file_path: 'README.md' }));
    store.getState().receive(bash('git push --force origin main && echo "done with a long tail"'));
    const t = renderConsoleForTest(store);
    await t.settle();
    const frame = t.frame();
    expect(frame).toContain('MANUAL');
    expect(frame).toMatch(/✓1 ✗0 ●1/);
    expect(frame).toMatch(/✓ allow CC Read .*README\.md — tier:read-only/);
    expect(frame).toMatch(/› \[ \] ● .*Bash +git push --force origin main/);
    expect(frame).toContain('$ git push --force origin main && echo "done with a long tail"');
    expect(frame).toContain('why: mode:manual — manual mode: Bash waits for a person');
    expect(frame).toContain('cwd: /home/u/p');
    expect(frame).toContain('session: s1 (claude-code)');
    // Footer hints come from the keymap.
    expect(frame).toContain('a approve');
  });

  it("never prints the agent's control characters raw", async () => {
    const store = makeStore();
    store.getState().receive(bash(`echo hi${ESC}]0;pwned\u0007${ESC}[2J`));
    const t = renderConsoleForTest(store);
    await t.settle();
    expect(t.frame()).not.toContain(`${ESC}]0;pwned`);
    expect(t.frame()).not.toContain(`${ESC}[2J`);
    expect(t.frame()).toContain('echo hi·]0;pwned··[2J');
  });

  it('shows a Write as a diff against the file on disk', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'warden-ui-'));
    const file = path.join(dir, 'app.ts');
    writeFileSync(file, 'const a = 1;\nconst b = 2;\nconst c = 3;\n');
    const store = makeStore();
    store
      .getState()
      .receive(
        call(
          'Edit',
          { file_path: file, old_string: 'const b = 2;', new_string: 'const b = 42;' },
          { cwd: '/elsewhere' },
        ),
      );
    const t = renderConsoleForTest(store);
    await t.settle();
    expect(t.frame()).toContain('-const b = 2;');
    expect(t.frame()).toContain('+const b = 42;');
    expect(t.frame()).toContain(' const a = 1;');
  });

  it('keeps the live region shorter than an 80×24 terminal with 10,000 held actions', async () => {
    const store = makeStore();
    for (let i = 0; i < 10_000; i++) store.getState().receive(bash(`echo ${i}`));
    const t = renderConsoleForTest(store, {}, { columns: 80, rows: 24 });
    await t.settle();
    await t.press('cursor.last');
    const lines = t.frame().split('\n');
    expect(lines.length).toBeLessThan(24);
    expect(lines.every((l) => [...l].length <= 80)).toBe(true);
    expect(t.frame()).toMatch(/Held 10000 .*of 10000/);
    expect(t.frame()).toContain('echo 9999');
  });

  it('renders without colour codes when colour is off (NO_COLOR)', async () => {
    const store = makeStore();
    store.getState().receive(bash('make'));
    const t = renderConsoleForTest(store);
    await t.settle();
    expect(t.frame()).not.toContain(`${ESC}[3`);
  });
});

describe('keys (pressed by keymap command id)', () => {
  it('approve acts on the cursor action when nothing is marked', async () => {
    const resolved: ActionRecord[] = [];
    const store = makeStore(resolved);
    const id = store.getState().receive(bash('git push origin main')).action.id;
    const t = renderConsoleForTest(store);
    await t.settle();
    await t.press('approve');
    expect(store.getState().records.get(id)?.status).toBe('allowed');
    expect(resolved.map((r) => r.action.id)).toEqual([id]);
    expect(t.frame()).toMatch(/✓ allow CC Bash +git push origin main — approved by the user/);
    expect(t.frame()).toContain('nothing held');
  });

  it('moves, marks by id and approves only the marked actions', async () => {
    const store = makeStore();
    const [a, b, c] = ['one', 'two', 'three'].map((cmd) => store.getState().receive(bash(cmd)).action.id) as [
      string,
      string,
      string,
    ];
    const t = renderConsoleForTest(store);
    await t.settle();
    await t.press('cursor.down');
    await t.press('mark.toggle');
    await t.press('cursor.down');
    await t.press('mark.toggle');
    expect([...store.getState().marks]).toEqual([b, c]);
    expect(t.frame()).toContain('2 marked');
    expect(t.frame()).toMatch(/\[x\] ● .*two/);
    // A new arrival does not shift the selection: marks are ids, not rows.
    store.getState().receive(bash('four'));
    await t.press('approve');
    expect(store.getState().held).toHaveLength(2);
    expect(store.getState().records.get(a)?.status).toBe('held');
    expect(store.getState().records.get(b)?.status).toBe('allowed');
    expect(store.getState().records.get(c)?.status).toBe('allowed');
  });

  it('range-selects and denies with a typed reason for the agent', async () => {
    const store = makeStore();
    const ids = ['1', '2', '3', '4'].map((n) => store.getState().receive(bash(`cmd${n}`)).action.id);
    const t = renderConsoleForTest(store);
    await t.settle();
    await t.press('cursor.down');
    await t.press('mark.range');
    await t.press('cursor.down');
    await t.press('cursor.down');
    expect(targetIds(store.getState())).toEqual(ids.slice(1));
    await t.press('deny');
    expect(t.ui.getState().view.kind).toBe('deny-reason');
    expect(t.frame()).toContain('Deny 3: reason for the agent');
    await t.type('use the staging host');
    expect(t.frame()).toContain('use the staging host');
    await t.press('text.submit');
    const denied = ids.slice(1).map((id) => store.getState().records.get(id)!);
    expect(denied.every((r) => r.status === 'denied')).toBe(true);
    expect(denied[0]!.resolution!.reason).toBe('denied by the user: use the staging host');
    expect(store.getState().records.get(ids[0]!)?.status).toBe('held');
    expect(t.frame()).toContain('denied 3');
  });

  it('Esc in the deny prompt denies nothing', async () => {
    const store = makeStore();
    store.getState().receive(bash('rm -rf build'));
    const t = renderConsoleForTest(store);
    await t.settle();
    await t.press('deny');
    await t.press('text.cancel');
    await t.settle();
    expect(t.ui.getState().view.kind).toBe('main');
    expect(store.getState().held).toHaveLength(1);
  });

  it('approves all only after a yes', async () => {
    const store = makeStore();
    for (const cmd of ['a', 'b', 'c']) store.getState().receive(bash(cmd));
    const t = renderConsoleForTest(store);
    await t.settle();
    await t.press('approve.all');
    expect(t.frame()).toContain('Approve all 3 held actions? (y/n)');
    await t.press('confirm.no');
    expect(store.getState().held).toHaveLength(3);
    await t.press('approve.all');
    await t.press('confirm.yes');
    expect(store.getState().held).toHaveLength(0);
    expect(store.getState().counts.allowed).toBe(3);
    expect(t.frame()).toContain('approved 3');
  });

  it('approves the cursor action and every held one like it', async () => {
    const store = makeStore();
    store.getState().receive(bash('npm test'));
    const write = store.getState().receive(call('Write', { file_path: '/etc/hosts', content: 'x' }))
      .action.id;
    store.getState().receive(bash('npm run lint'));
    const t = renderConsoleForTest(store, { suggestRule: (a) => a.tool });
    await t.settle();
    await t.press('approve.similar');
    expect(store.getState().held).toEqual([write]);
    expect(t.frame()).toContain('approved 2 like Bash');
  });

  it('switches modes: cycle, pick by number, pause', async () => {
    const store = makeStore();
    const id = store.getState().receive(bash('make deploy')).action.id;
    const t = renderConsoleForTest(store);
    await t.settle();
    await t.press('mode.cycle');
    expect(store.getState().mode).toBe('edits');
    expect(t.frame()).toContain('EDITS');
    await t.press('pause');
    expect(store.getState().mode).toBe('pause');
    expect(t.frame()).toContain('PAUSED');
    await t.press('mode.plan');
    expect(store.getState().mode).toBe('plan');
    // Re-judged: plan denies the held shell command.
    expect(store.getState().records.get(id)?.status).toBe('denied');
    expect(t.frame()).toMatch(/✗ deny +CC Bash +make deploy — mode:plan/);
  });

  it('filters the held queue and switches session', async () => {
    const store = makeStore();
    store.getState().receive(bash('git push', 's1'));
    store.getState().receive(bash('npm test', 's2'));
    const t = renderConsoleForTest(store);
    await t.settle();
    await t.press('filter');
    await t.type('push');
    expect(store.getState().filter).toBe('push');
    expect(t.frame()).toContain('Held 1 (+1 filtered out)');
    await t.press('text.submit');
    expect(t.ui.getState().view.kind).toBe('main');
    await t.press('filter');
    await t.press('text.delete');
    expect(store.getState().filter).toBe('pus');
    await t.press('text.cancel');
    await t.settle();
    expect(store.getState().filter).toBe('push');
    store.getState().setFilter('');
    await t.press('session.next');
    expect(store.getState().sessionFilter).toBe('s1');
    expect(t.frame()).toContain('only CC s1');
    expect(t.frame()).not.toContain('npm test');
  });

  it('shows every main-screen key in the help overlay', async () => {
    const store = makeStore();
    store.getState().receive(bash('x'));
    const t = renderConsoleForTest(store, {}, { columns: 120, rows: 40 });
    await t.settle();
    await t.press('help');
    expect(t.frame()).toContain('Keys (Esc closes)');
    expect(t.frame()).toContain('Approve every held action');
    expect(t.frame()).toContain('Shift+Tab');
    await t.press('overlay.close');
    await t.settle();
    expect(t.ui.getState().view.kind).toBe('main');
  });

  it('quits after a prompt when actions are held, answering them ask', async () => {
    const resolved: ActionRecord[] = [];
    const store = makeStore(resolved);
    store.getState().receive(bash('a'));
    store.getState().receive(bash('b'));
    const t = renderConsoleForTest(store);
    await t.settle();
    await t.press('quit');
    expect(t.frame()).toContain('2 held: quit and answer them "ask"');
    expect(t.quits).toHaveLength(0);
    await t.press('confirm.yes');
    expect(t.quits).toHaveLength(1);
    expect(resolved.map((r) => r.resolution?.answer)).toEqual(['ask', 'ask']);
    expect(resolved[0]!.resolution!.who).toBe('shutdown');
  });

  it('quits at once when nothing is held', async () => {
    const store = makeStore();
    const t = renderConsoleForTest(store);
    await t.settle();
    await t.press('quit');
    expect(t.quits).toHaveLength(1);
  });
});

describe('rules mid-session', () => {
  it('proposes a rule from the cursor action, edits it, picks deny and puts it in force', async () => {
    const store = makeStore();
    const push = store.getState().receive(bash('git push --force')).action.id;
    const write = store.getState().receive(call('Write', { file_path: '/etc/x', content: '' })).action.id;
    const t = renderConsoleForTest(store, { suggestRule: (a) => `${a.tool}(*)` });
    await t.settle();
    await t.press('rule.propose');
    expect(t.ui.getState().view.kind).toBe('rule-editor');
    expect(t.frame()).toContain('rule: Bash(*)');
    expect(t.frame()).toContain('covers 1 held action now');
    // Edit the text: remove "(*)" and type it back.
    await t.press('text.delete');
    await t.press('text.delete');
    await t.press('text.delete');
    expect(viewText(t.ui.getState().view)).toBe('Bash');
    expect(t.frame()).toMatch(/^rule: Bash$/m);
    await t.type('(*)');
    await t.press('editor.effect'); // allow -> deny
    expect(t.frame()).toContain('[deny]');
    await t.press('text.submit');
    await t.settle();
    expect(store.getState().sessionRules).toEqual([
      { effect: 'deny', text: 'Bash(*)', source: { origin: 'session' } },
    ]);
    const record = store.getState().records.get(push)!;
    expect(record.status).toBe('denied');
    expect(record.resolution).toMatchObject({ who: 'rule', by: 'rule:deny Bash(*)' });
    expect(store.getState().held).toEqual([write]);
    expect(t.frame()).toContain('deny Bash(*) (session) in force; it settled 1 held');
    expect(t.frame()).toMatch(/✗ deny +CC Bash +git push --force — rule:deny Bash\(\*\)/);
  });

  it('writes project rules through the deps and lists and removes them in the rules view', async () => {
    const store = makeStore();
    const id = store.getState().receive(bash('npm test')).action.id;
    const t = renderConsoleForTest(store, { suggestRule: (a) => a.tool });
    await t.settle();
    await t.press('rule.propose');
    await t.press('editor.scope'); // session -> project
    expect(t.frame()).toContain('[project]');
    await t.press('text.submit');
    await t.settle();
    expect(t.deps.fileRules).toEqual([
      { effect: 'allow', text: 'Bash', source: { origin: 'warden-project' } },
    ]);
    expect(store.getState().records.get(id)?.status).toBe('allowed');
    store.getState().addSessionRule({ effect: 'deny', text: 'WebFetch', source: { origin: 'session' } });
    await t.press('rules.open');
    expect(t.frame()).toContain('Rules in force: 2');
    expect(t.frame()).toMatch(/deny +WebFetch +session/);
    // (its health mark may have landed already: a bare `Bash` allow rule is broad)
    expect(t.frame()).toMatch(/allow +(⚠ broad +)?Bash +warden-project/);
    // The session rule is listed first; move to the file rule and remove it.
    await t.press('rules.down');
    await t.press('rules.remove');
    await t.settle();
    expect(t.deps.fileRules).toEqual([]);
    expect(store.getState().rules.rules.map((r) => r.text)).toEqual(['WebFetch']);
    expect(t.frame()).toContain('removed allow Bash');
    await t.press('rules.remove');
    await t.settle();
    expect(store.getState().sessionRules).toEqual([]);
    await t.press('overlay.close');
    await t.settle();
    expect(t.ui.getState().view.kind).toBe('main');
  });

  it('shows the error when writing a rule fails, and keeps the editor open', async () => {
    const store = makeStore();
    store.getState().receive(bash('npm test'));
    const t = renderConsoleForTest(store, { addRule: async () => 'permission denied: ~/.warden/rules.json' });
    await t.settle();
    await t.press('rule.propose');
    await t.press('editor.scope');
    await t.press('editor.scope'); // user
    await t.press('text.submit');
    await t.settle();
    expect(t.ui.getState().view.kind).toBe('rule-editor');
    expect(t.frame()).toContain('could not add the rule: permission denied');
    expect(store.getState().held).toHaveLength(1);
  });
});

describe('stream backlog', () => {
  it('prints only the newest 200 decided actions when it starts late, then every new one', async () => {
    const store = makeStore();
    for (let i = 0; i < 500; i++) store.getState().receive(call('Read', { file_path: `f${i}.ts` }));
    const t = renderConsoleForTest(store);
    await t.settle();
    expect(t.frame()).not.toContain('f299.ts');
    expect(t.frame()).toContain('f300.ts');
    expect(t.frame()).toContain('f499.ts');
    store.getState().receive(call('Read', { file_path: 'late.ts' }));
    await t.settle();
    expect(t.frame()).toContain('late.ts');
  });
});

describe('classifier state', () => {
  it('shows a spinner while the classifier works on a held action, then its verdict', async () => {
    const store = makeStore();
    store.getState().setMode('auto'); // the classifier is asked in auto mode only
    const id = store.getState().receive(bash('curl https://example.com')).action.id;
    store.getState().markClassifying(id);
    const t = renderConsoleForTest(store);
    await t.settle();
    expect(t.frame()).toMatch(/› \[ \] [⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] .*curl https:\/\/example\.com/);
    expect(t.frame()).toContain('the classifier is looking at it');
    store.getState().classified(id, {
      decision: 'deny',
      by: 'classifier',
      reason: 'blocked: downloads from an unknown host',
      category: 'cross-trust-boundary',
    });
    await t.settle();
    expect(t.frame()).toMatch(/✗ deny +CC Bash +curl https:\/\/example\.com — classifier/);
  });
});

describe('warnings', () => {
  it('shows the newest warning (e.g. a settings change) on the message line', async () => {
    const store = makeStore();
    store.getState().receive(bash('make'));
    const t = renderConsoleForTest(store);
    await t.settle();
    store.getState().warn('settings changed in session 1234abcd: {"source":"project_settings"}');
    await t.settle();
    expect(t.frame()).toMatch(/⚠ settings changed in session 1234abcd/);
  });
});
