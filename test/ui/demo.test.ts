import { describe, expect, it } from 'vitest';
import { runDemoScript } from '../../src/demo/demo-script.js';
import { makeStore } from './helpers.js';

describe('demo script', () => {
  it('feeds reads, edits, a force-push and a destructive delete into the store', async () => {
    const store = makeStore();
    await runDemoScript(store, { delayMs: 0 });
    const s = store.getState();
    const commands = [...s.records.values()].map((r) => r.action.command).filter(Boolean);
    expect(commands).toContain('git push --force origin main');
    expect(commands).toContain('rm -rf ~/ --no-preserve-root');
    expect(Object.keys(s.sessions)).toHaveLength(2);
    // Manual mode: reads run, everything else waits for a person.
    expect(s.counts.allowed).toBe(5);
    expect(s.held.length).toBe(10);
    expect(s.records.get(s.held[0]!)?.action.tool).toBe('Edit');
  });

  it('stops when aborted', async () => {
    const store = makeStore();
    const abort = new AbortController();
    abort.abort();
    await runDemoScript(store, { delayMs: 0, signal: abort.signal });
    expect(store.getState().records.size).toBe(0);
  });
});
