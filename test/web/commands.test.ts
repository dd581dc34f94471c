import { describe, expect, it } from 'vitest';
import { compiledRuleCovers, simpleSuggestRule } from '../../src/demo/simple-deps.js';
import { COMMAND_IDS } from '../../src/ui/keymap.js';
import { runWebCommand, WEB_COMMAND_IDS } from '../../src/web/commands.js';
import { bash, makeStore } from '../ui/helpers.js';

function setup() {
  const store = makeStore();
  const deps = { store, suggestRule: simpleSuggestRule, ruleCovers: compiledRuleCovers };
  return { store, deps, run: (r: Parameters<typeof runWebCommand>[0]) => runWebCommand(r, deps) };
}

describe('web commands', () => {
  it('are the console’s command table entries, by the same ids', () => {
    for (const id of WEB_COMMAND_IDS) expect(COMMAND_IDS as readonly string[]).toContain(id);
    // Pairing, quitting and views are not the page's to run.
    for (const id of ['web.pair', 'pair.yes', 'quit', 'quit.now', 'rules.remove', 'text.submit'])
      expect(WEB_COMMAND_IDS as readonly string[]).not.toContain(id);
  });

  it('approve and deny act on the named held actions only', async () => {
    const { store, run } = setup();
    const a = store.getState().receive(bash('git push')).action.id;
    const b = store.getState().receive(bash('rm -rf build')).action.id;
    expect(await run({ command: 'approve', ids: [a] })).toEqual({ ok: true, message: 'approved 1' });
    expect(store.getState().records.get(a)?.status).toBe('allowed');
    expect(store.getState().records.get(b)?.status).toBe('held');
    // Already answered: nothing happens, and the page is told why.
    expect(await run({ command: 'deny', ids: [a], reason: 'no' })).toEqual({
      ok: false,
      message: 'nothing to deny',
    });
    expect(store.getState().records.get(a)?.status).toBe('allowed');
    const denied = await run({ command: 'deny', ids: [b, 'unknown-id'], reason: 'x'.repeat(5000) });
    expect(denied.ok).toBe(true);
    const reason = store.getState().records.get(b)?.resolution?.reason ?? '';
    expect(reason.startsWith('denied by the user: xxx')).toBe(true);
    expect(reason.length).toBeLessThan(600);
  });

  it('without ids, approve does not fall back to the console cursor', async () => {
    const { store, run } = setup();
    store.getState().receive(bash('git push'));
    expect((await run({ command: 'approve' })).ok).toBe(false);
    expect((await run({ command: 'approve.similar' })).ok).toBe(false);
    expect(store.getState().held).toHaveLength(1);
  });

  it('approve.all, approve.similar, rule.add (the proposed rule), pause and modes', async () => {
    const { store, run } = setup();
    const first = store.getState().receive(bash('npm run build')).action.id;
    store.getState().receive(bash('npm run test'));
    const other = store.getState().receive(bash('curl example.com')).action.id;
    expect((await run({ command: 'approve.similar', ids: [first] })).message).toMatch(/^approved 2 like/);
    expect(store.getState().held).toEqual([other]);
    const ruled = await run({ command: 'rule.add', ids: [other], effect: 'deny' });
    expect(ruled.message).toContain('deny Bash(curl example.com *) (session) in force');
    expect(store.getState().records.get(other)?.status).toBe('denied');
    expect(await run({ command: 'rule.add', ids: [other] })).toEqual({
      ok: false,
      message: 'that action is no longer held',
    });
    expect(await run({ command: 'approve.all' })).toEqual({ ok: false, message: 'nothing is held' });
    await run({ command: 'pause' });
    expect(store.getState().mode).toBe('pause');
    await run({ command: 'mode.auto' });
    expect(store.getState().mode).toBe('auto');
  });
});
