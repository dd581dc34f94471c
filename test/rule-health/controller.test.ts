import { afterEach, describe, expect, it } from 'vitest';
import { inMemoryConsoleDeps } from '../../src/demo/simple-deps.js';
import { runCommand } from '../../src/ui/commands/run.js';
import { createUiStore } from '../../src/ui/console/ui-state.js';
import { startRuleHealth } from '../../src/ui/rules-view/health-controller.js';
import type { RuleHealthState } from '../../src/ui/rules-view/health-state.js';
import { bash, makeStore, sleep } from '../ui/helpers.js';
import { fileRule, healthDeps, recordedActions } from './fixtures.js';

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

async function until(check: () => boolean) {
  for (let i = 0; i < 400 && !check(); i++) await sleep(5);
  expect(check()).toBe(true);
}

function setup(deps = healthDeps(), options: Parameters<typeof startRuleHealth>[3] = { debounceMs: 0 }) {
  const store = makeStore();
  const ui = createUiStore();
  const console = inMemoryConsoleDeps(store);
  const landed: RuleHealthState[] = [];
  ui.subscribe((s, prev) => {
    if (s.health && s.health !== prev.health) landed.push(s.health);
  });
  stops.push(startRuleHealth(store, ui, deps, options));
  const kinds = () =>
    Object.fromEntries(
      (ui.getState().health?.findings ?? []).map((f) => [`${f.rule.effect} ${f.rule.text}`, f.kind]),
    );
  const done = () =>
    ui.getState().health?.done === true && ui.getState().health?.rules === store.getState().rules;
  return {
    store,
    ui,
    deps,
    landed,
    kinds,
    done,
    open: () => runCommand('rules.open', { store, ui, deps: console }),
  };
}

describe('rule health controller (store level)', () => {
  it('computes nothing until the rules view opens, then names each rule with a finding', async () => {
    const t = setup();
    t.store
      .getState()
      .setFileRules(
        [
          fileRule('allow', 'Bash(npm test *)'),
          fileRule('deny', 'Bash(terraform *)', 2),
          fileRule('allow', 'Bash(*)', 3),
        ],
        [],
      );
    await sleep(20);
    expect(t.deps.loads).toEqual([]);
    expect(t.ui.getState().health).toBeUndefined();
    t.open();
    await until(t.done);
    expect(t.kinds()).toEqual({
      'allow Bash(npm test *)': 'redundant',
      'deny Bash(terraform *)': 'never-matched',
      'allow Bash(*)': 'broad-allow',
    });
    const health = t.ui.getState().health!;
    expect(health).toMatchObject({ history: recordedActions().length, days: 30 });
    // The window is the last 30 days on the deps' clock.
    expect(t.deps.loads).toEqual([Date.UTC(2026, 0, 2) - 30 * 86_400_000]);
    const broad = health.findings.find((f) => f.kind === 'broad-allow')!;
    expect(broad.evidence.join('\n')).toMatch(/would allow Bash rm -rf/);
  });

  it('rechecks when the rules change while the view is open; a stale run never lands after a newer one', async () => {
    // A long history and tiny slices: the first run is still going when the rules change.
    const history = Array.from({ length: 300 }, () => recordedActions()).flat();
    let tick = 0;
    const t = setup(healthDeps(history), { debounceMs: 0, sliceMs: 0, clock: () => tick++ });
    t.store.getState().setFileRules([fileRule('allow', 'Bash(git *)')], []);
    t.open();
    await until(() => t.ui.getState().health?.running !== undefined);
    const first = t.store.getState().rules;
    t.store
      .getState()
      .addSessionRule({ effect: 'deny', text: 'Bash(kubectl *)', source: { origin: 'session' } });
    await until(t.done);
    expect(t.kinds()).toMatchObject({
      'deny Bash(kubectl *)': 'never-matched',
      'allow Bash(git *)': 'broad-allow',
    });
    const newest = t.landed.findIndex((h) => h.rules === t.store.getState().rules);
    expect(newest).toBeGreaterThanOrEqual(0);
    expect(t.landed.slice(newest).filter((h) => h.rules === first)).toEqual([]);
    // It ran in slices: progress was published before the findings.
    expect(t.landed.some((h) => h.running && h.running.total === 2 && !h.done)).toBe(true);
    // The history was read once (kept for a minute), not per run.
    expect(t.deps.loads).toHaveLength(1);
  });

  it('leaving the view stops the run and leaves no progress behind; reopening keeps the findings while rechecking', async () => {
    const history = Array.from({ length: 300 }, () => recordedActions()).flat();
    let tick = 0;
    const t = setup(healthDeps(history), { debounceMs: 0, sliceMs: 0, clock: () => tick++ });
    t.store.getState().setFileRules([fileRule('deny', 'Bash(terraform *)')], []);
    t.open();
    await until(() => t.ui.getState().health?.running !== undefined);
    t.ui.setState({ view: { kind: 'main' } });
    const after = t.landed.length;
    await sleep(30);
    expect(t.landed.length).toBe(after + 0);
    expect(t.ui.getState().health?.running).toBeUndefined();
    expect(t.ui.getState().health?.done).toBe(false);
    t.open();
    await until(t.done);
    expect(t.kinds()).toEqual({ 'deny Bash(terraform *)': 'never-matched' });
    // Reopened with the same rules: the findings stay shown (done) while the recheck runs.
    t.ui.setState({ view: { kind: 'main' } });
    t.open();
    await until(() => t.ui.getState().health?.running !== undefined);
    expect(t.ui.getState().health).toMatchObject({ done: true });
    expect(t.kinds()).toEqual({ 'deny Bash(terraform *)': 'never-matched' });
  });

  it('an unreadable audit log is named, and the probes still find a broad allow rule', async () => {
    const t = setup(
      healthDeps(() => {
        throw new Error('EACCES: permission denied');
      }),
    );
    t.store.getState().receive(bash('ls'));
    t.store
      .getState()
      .setFileRules([fileRule('allow', 'Bash(git *)'), fileRule('deny', 'Bash(terraform *)', 2)], []);
    t.open();
    await until(t.done);
    expect(t.ui.getState().health?.error).toContain('EACCES');
    // No history: nothing is called never matched, but the probes show what `git *` lets through.
    expect(t.kinds()).toEqual({ 'allow Bash(git *)': 'broad-allow' });
  });
});
