import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { inMemoryConsoleDeps } from '../../src/demo/simple-deps.js';
import { checkDone, closeOffer, countApprovals, NO_OFFERS } from '../../src/rule-offer/offer.js';
import { runCommand } from '../../src/ui/commands/run.js';
import { createUiStore } from '../../src/ui/console/ui-state.js';
import { previewDeps, shell } from '../rules-preview/fixtures.js';
import { bash, call, makeStore, renderConsoleForTest, sleep } from '../ui/helpers.js';

afterEach(() => cleanup());

async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) await sleep(5);
  expect(check()).toBe(true);
}

describe('offer state (pure)', () => {
  it('a rule is due at the threshold, offered after a clean check, and closed once answered', () => {
    let { state, due } = countApprovals(NO_OFFERS, [{ rule: 'Bash(make *)', risk: undefined }], 2);
    expect(due).toEqual([]);
    ({ state, due } = countApprovals(state, [{ rule: 'Bash(make *)', risk: undefined }], 2));
    expect(due).toEqual(['Bash(make *)']);
    // Due again while being checked: not twice.
    expect(countApprovals(state, [{ rule: 'Bash(make *)', risk: undefined }], 2).due).toEqual([]);
    state = checkDone(state, 'Bash(make *)', undefined);
    expect(state.offer).toEqual({ rule: 'Bash(make *)', approvals: 2 });
    state = closeOffer(state, 'dismissed');
    expect(state.offer).toBeUndefined();
    expect(countApprovals(state, [{ rule: 'Bash(make *)', risk: undefined }], 2).due).toEqual([]);
  });

  it('never offers a rule once a risky action was approved under it, or when the check finds one', () => {
    let { state } = countApprovals(
      NO_OFFERS,
      [
        { rule: 'Bash(rm -rf *)', risk: 'the analyzer calls it dangerous' },
        { rule: 'Bash(rm -rf *)', risk: undefined },
        { rule: 'Bash(rm -rf *)', risk: undefined },
      ],
      2,
    );
    expect(state.closed['Bash(rm -rf *)']).toMatch(/risky/);
    expect(state.checking).toEqual([]);
    ({ state } = countApprovals(state, [{ rule: 'Read(src/**)', risk: undefined }], 1));
    state = checkDone(state, 'Read(src/**)', 'also allows Read ~/.ssh/id_rsa: protected path');
    expect(state.offer).toBeUndefined();
    expect(state.closed['Read(src/**)']).toMatch(/protected path/);
  });

  it('is off at 0', () => {
    expect(countApprovals(NO_OFFERS, [{ rule: 'Bash(make *)', risk: undefined }], 0).state).toBe(NO_OFFERS);
  });
});

describe('offered rule through the commands (store level)', () => {
  function setup(history = [shell('npm run build', 'hold', 'allow')], offerRuleAfter?: number) {
    const store = makeStore();
    const ui = createUiStore();
    const deps = inMemoryConsoleDeps(store, {
      preview: previewDeps(history),
      ...(offerRuleAfter !== undefined && { offerRuleAfter }),
    });
    return { store, ui, deps, ctx: { store, ui, deps } };
  }

  it('offers a session rule after three approvals sharing it; accepting puts it in force with its origin', async () => {
    const { store, ctx } = setup();
    for (const n of [1, 2, 3]) {
      store.getState().receive(bash(`npm run build -- --target=${n}`));
      runCommand('approve', ctx);
      if (n < 3) expect(store.getState().offers.offer).toBeUndefined();
    }
    await until(() => store.getState().offers.offer !== undefined);
    expect(store.getState().offers.offer).toEqual({ rule: 'Bash(npm run build *)', approvals: 3 });
    const waiting = store.getState().receive(bash('npm run build -- --target=4')).action.id;
    expect(runCommand('offer.accept', ctx)).toEqual({
      ok: true,
      message: 'allow Bash(npm run build *) (session) in force; it settled 1 held',
    });
    expect(store.getState().records.get(waiting)?.status).toBe('allowed');
    expect(store.getState().sessionRules).toEqual([
      {
        effect: 'allow',
        text: 'Bash(npm run build *)',
        source: { origin: 'session', note: 'offered after 3 approvals' },
      },
    ]);
    expect(runCommand('offer.accept', ctx)).toEqual({ ok: false, reason: 'no rule is offered' });
  });

  it('dismissed: not asked again this session', async () => {
    const { store, ctx } = setup([], 2);
    for (const n of [1, 2]) {
      store.getState().receive(bash(`make test V=${n}`));
      runCommand('approve', ctx);
    }
    await until(() => store.getState().offers.offer !== undefined);
    runCommand('offer.dismiss', ctx);
    for (const n of [3, 4, 5]) {
      store.getState().receive(bash(`make test V=${n}`));
      runCommand('approve', ctx);
    }
    await sleep(30);
    expect(store.getState().offers.offer).toBeUndefined();
  });

  it('is never offered when the rule also covers a dangerous action in the audit log', async () => {
    // The person approved three harmless deletes; last week the same rule would have allowed this one.
    const { store, ctx } = setup([shell('rm -rf /home/u/work', 'hold', 'deny')]);
    for (const dir of ['a', 'b', 'c']) {
      store.getState().receive(bash(`rm -rf ./tmp/${dir}`));
      runCommand('approve', ctx);
    }
    await until(() => store.getState().offers.checking.length === 0);
    expect(store.getState().offers.offer).toBeUndefined();
    expect(store.getState().offers.closed['Bash(rm -rf *)']).toMatch(/^also allows rm -rf \/home\/u\/work/);
  });

  it('is never offered for protected paths, however often they are approved', async () => {
    const { store, ctx } = setup([]);
    for (let i = 0; i < 4; i++) {
      store.getState().receive(
        call('Edit', {
          file_path: '/home/u/p/.git/hooks/pre-commit',
          old_string: 'a',
          new_string: `b${i}`,
        }),
      );
      runCommand('approve', ctx);
    }
    await sleep(30);
    expect(store.getState().offers.offer).toBeUndefined();
    expect(Object.values(store.getState().offers.closed).join(' ')).toMatch(/protected path|dangerous/);
  });

  it('is off with offerRuleAfter 0', async () => {
    const { store, ctx } = setup([], 0);
    for (let i = 0; i < 5; i++) {
      store.getState().receive(bash('npm test'));
      runCommand('approve', ctx);
    }
    await sleep(30);
    expect(store.getState().offers).toMatchObject({ offer: undefined, counts: {} });
  });
});

describe('offered rule in the console (ink, by command id)', () => {
  it('asks on the prompt line after repeated approvals; o accepts, and the rules view names the origin', async () => {
    const store = makeStore();
    const t = renderConsoleForTest(store, { preview: previewDeps([]) }, { columns: 140, rows: 24 });
    await t.settle();
    for (const n of [1, 2, 3]) {
      store.getState().receive(bash(`cargo test --quiet -- case_${n}`));
      await t.settle();
      await t.press('approve');
    }
    await until(() => t.frame().includes('allow it for this session?'));
    expect(t.frame()).toContain(
      'You approved 3 actions like Bash(cargo test --quiet *): allow it for this session? o yes · x no',
    );
    await t.press('offer.accept');
    expect(t.frame()).toContain('allow Bash(cargo test --quiet *) (session) in force');
    await t.press('rules.open');
    expect(t.frame()).toMatch(/allow +Bash\(cargo test --quiet \*\) +session \(offered after 3 approvals\)/);
  });
});
