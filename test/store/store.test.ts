import { afterEach, describe, expect, it } from 'vitest';
import { actionFromToolCall } from '../../src/adapters/tool-call.js';
import type { Analyzer } from '../../src/domain/analysis.js';
import { decide } from '../../src/policy/decide.js';
import { compileRules } from '../../src/policy/rules/index.js';
import { createWardenStore } from '../../src/store/create-store.js';
import { targetIds, visibleHeldIds } from '../../src/store/selectors.js';
import type { ActionRecord } from '../../src/store/types.js';

const env = { home: '/home/u', wardenHome: '/home/u/.warden', tempDirs: ['/tmp'] };
const unsure: Analyzer = { analyze: () => ({ kind: 'unsure', reason: 'not sure' }) };

function makeStore(resolved: ActionRecord[] = []) {
  return createWardenStore({
    judge: (action, rules, mode, denials) => decide(action, rules, mode, { env, analyzer: unsure, denials }),
    compileRules,
    onResolved: (records) => resolved.push(...records),
    initialMode: 'manual',
  });
}

const bash = (command: string, sessionId = 's1') =>
  actionFromToolCall({ tool: 'Bash', input: { command }, cwd: '/home/u/p', sessionId });

describe('store', () => {
  let resolved: ActionRecord[] = [];
  afterEach(() => {
    resolved = [];
  });

  it('holds a shell command in manual mode and allows a read', () => {
    const store = makeStore(resolved);
    const held = store.getState().receive(bash('make deploy'));
    const read = store
      .getState()
      .receive(actionFromToolCall({ tool: 'Read', input: { file_path: 'a.ts' }, cwd: '/home/u/p' }));
    expect(held.status).toBe('held');
    expect(read.status).toBe('allowed');
    const s = store.getState();
    expect(s.held).toEqual([held.action.id]);
    expect(s.decided).toEqual([read.action.id]);
    expect(s.counts).toEqual({ allowed: 1, denied: 0, held: 1, asked: 0 });
    expect(s.cursorId).toBe(held.action.id);
  });

  it('approves marked actions by id, or the cursor one when none is marked', () => {
    const store = makeStore(resolved);
    const [a, b, c] = ['one', 'two', 'three'].map((cmd) => store.getState().receive(bash(cmd)).action.id);
    store.getState().moveCursor(1); // cursor on b
    expect(targetIds(store.getState())).toEqual([b]);
    store.getState().toggleMark(); // mark b
    store.getState().moveCursor(1); // cursor on c
    store.getState().toggleMark(); // mark c
    expect(store.getState().approve()).toBe(2);
    expect(resolved.map((r) => r.action.id)).toEqual([b, c]);
    expect(resolved.every((r) => r.resolution?.answer === 'allow' && r.resolution.who === 'user')).toBe(true);
    expect(store.getState().held).toEqual([a]);
    expect(store.getState().cursorId).toBe(a);
    expect(store.getState().marks.size).toBe(0);
  });

  it('range select covers anchor..cursor', () => {
    const store = makeStore(resolved);
    const ids = ['1', '2', '3', '4'].map((cmd) => store.getState().receive(bash(`cmd${cmd}`)).action.id);
    store.getState().moveCursor(1);
    store.getState().toggleRange();
    store.getState().moveCursor(2);
    expect(targetIds(store.getState())).toEqual(ids.slice(1, 4));
    expect(store.getState().deny(undefined, 'not now')).toBe(3);
    expect(resolved[0]!.resolution!.reason).toBe('denied by the user: not now');
  });

  it('re-judges held actions when a rule is added mid-session', () => {
    const store = makeStore(resolved);
    const push = store.getState().receive(bash('git push --force')).action.id;
    const other = store.getState().receive(bash('make')).action.id;
    store.getState().addSessionRule({ effect: 'deny', text: 'Bash', source: { origin: 'session' } });
    expect(resolved.map((r) => r.action.id).sort()).toEqual([push, other].sort());
    expect(resolved[0]!.resolution).toMatchObject({ answer: 'deny', who: 'rule', by: 'rule:deny Bash' });
    expect(store.getState().held).toEqual([]);
  });

  it('switching to a looser mode allows held actions, but yolo never waves through what is waiting', () => {
    const store = makeStore(resolved);
    const edit = store
      .getState()
      .receive(
        actionFromToolCall({ tool: 'Edit', input: { file_path: 'a.ts' }, cwd: '/home/u/p', sessionId: 's1' }),
      );
    const wipe = store.getState().receive(bash('rm -rf ~'));
    store.getState().setMode('yolo');
    expect(resolved).toHaveLength(0);
    expect(store.getState().held).toEqual([edit.action.id, wipe.action.id]);
    expect(store.getState().receive(bash('make')).status).toBe('allowed');
    store.getState().setMode('edits');
    expect(resolved.map((r) => r.action.id)).toEqual([edit.action.id]);
    expect(resolved[0]!.resolution).toMatchObject({ answer: 'allow', who: 'mode', by: 'tier:project-edit' });
    store.getState().setMode('pause');
    const read = store
      .getState()
      .receive(actionFromToolCall({ tool: 'Read', input: { file_path: 'a' }, cwd: '/x' }));
    expect(read.status).toBe('held');
  });

  it('filters the held queue by agent', () => {
    const store = makeStore(resolved);
    store.getState().receive(bash('make'));
    const gemini = store.getState().receive(
      actionFromToolCall({
        tool: 'Bash',
        input: { command: 'make' },
        cwd: '/home/u/p',
        sessionId: 'g',
        agent: 'gemini-cli',
      }),
    );
    store.getState().setFilter('gemini');
    expect(visibleHeldIds(store.getState())).toEqual([gemini.action.id]);
    expect(store.getState().cursorId).toBe(gemini.action.id);
  });

  it('resolving twice answers once', () => {
    const store = makeStore(resolved);
    const id = store.getState().receive(bash('make')).action.id;
    store.getState().approve([id]);
    store.getState().deny([id]);
    expect(resolved).toHaveLength(1);
    expect(store.getState().records.get(id)!.status).toBe('allowed');
  });
});
