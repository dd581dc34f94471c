import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { actionFromToolCall } from '../adapters/tool-call.js';
import { createAnalyzer } from '../analyzer/index.js';
import { openAuditLog } from '../broker/audit-log.js';
import { auditActionsSince, auditActionsSinceInSlices } from '../commands/rule-health-findings.js';
import { inMemoryConsoleDeps } from '../demo/simple-deps.js';
import type { Rule, RuleEffect } from '../domain/rule.js';
import type { Decision } from '../domain/verdict.js';
import { decide } from '../policy/decide.js';
import { compileRules } from '../policy/rules/index.js';
import type { RecordedDecision } from '../replay/recorded-actions.js';
import { healthRisk, probesFor, ruleHealth } from '../rule-health/index.js';
import { partsMemo } from '../rules-preview/source.js';
import { createWardenStore } from '../store/create-store.js';
import { runCommand } from '../ui/commands/run.js';
import { deleteFromField, typeIntoField } from '../ui/commands/text-field.js';
import { createUiStore } from '../ui/console/ui-state.js';
import { startRulePreview } from '../ui/rule-editor/preview-controller.js';
import { startRuleHealth } from '../ui/rules-view/health-controller.js';

const env = { home: '/home/bench', wardenHome: '/home/bench/.warden', tempDirs: ['/tmp'] };
const project = '/home/bench/p';

/** A week of one busy project: tests, builds, git, edits, reads, fetches, some deletes. */
function history(count: number): RecordedDecision[] {
  const out: RecordedDecision[] = [];
  const kinds: [string, Record<string, unknown>, Decision][] = [];
  for (let i = 0; i < count; i++) {
    const k = i % 10;
    const pick: [string, Record<string, unknown>, Decision] =
      k === 0
        ? ['Bash', { command: `npm run test -- --shard=${i}` }, 'hold']
        : k === 1
          ? ['Bash', { command: `git commit -m "change ${i}"` }, 'hold']
          : k === 2
            ? ['Bash', { command: `git push origin feature/${i}` }, 'hold']
            : k === 3
              ? [
                  'Edit',
                  { file_path: `${project}/src/m${i % 300}/f${i}.ts`, old_string: 'a', new_string: 'b' },
                  'allow',
                ]
              : k === 4
                ? ['Read', { file_path: `${project}/src/m${i % 300}/f${i}.ts` }, 'allow']
                : k === 5
                  ? ['Bash', { command: `rm -rf ${project}/build/out-${i}` }, 'hold']
                  : k === 6
                    ? ['Bash', { command: `npx tsc -p tsconfig.json --noEmit && echo ok-${i}` }, 'hold']
                    : k === 7
                      ? ['WebFetch', { url: `https://docs.example${i % 40}.com/p/${i}` }, 'hold']
                      : k === 8
                        ? [
                            'Bash',
                            { command: `curl -s https://api.example.com/v1/items/${i} | jq .name` },
                            'hold',
                          ]
                        : ['Grep', { pattern: `name${i}`, path: `${project}/src` }, 'allow'];
    kinds.push(pick);
    const at = Date.UTC(2026, 0, 1) + i * 1000;
    out.push({
      action: actionFromToolCall({ tool: pick[0], input: pick[1], cwd: project }, `h${i}`, at),
      at: new Date(at).toISOString(),
      mode: 'manual',
      before: {
        verdict: pick[2],
        answer: pick[2] === 'hold' ? 'allow' : pick[2],
        by: 'mode:manual',
        who: 'user',
      },
    });
  }
  return out;
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
  return { median: at(0.5), p95: at(0.95), max: s[s.length - 1] ?? Number.NaN };
};

/** Rule editor preview: keystroke → first counts and → complete, with 10,000 recorded actions. */
export { history as benchHistory };

export async function benchPreview(out: (line: string) => void): Promise<void> {
  const analyzer = createAnalyzer();
  const store = createWardenStore({
    judge: (action, rules, mode, denials) => decide(action, rules, mode, { env, analyzer, denials }),
    compileRules,
    initialMode: 'manual',
  });
  const ui = createUiStore();
  const deps = inMemoryConsoleDeps(store);
  const recorded = history(10_000);
  for (let i = 0; i < 20; i++)
    store
      .getState()
      .receive(
        actionFromToolCall({ tool: 'Bash', input: { command: `npm run lint -- ${i}` }, cwd: project }),
      );
  const stop = startRulePreview(store, ui, {
    env,
    analyzer,
    compile: compileRules,
    loadHistory: () => recorded,
  });
  runCommand('rule.propose', { store, ui, deps });

  const first: number[] = [];
  const complete: number[] = [];
  const delay = monitorEventLoopDelay({ resolution: 1 });
  // One keystroke, then wait for its preview: first counts (a slice of the current text landed) and done.
  const keystroke = async (press: () => void) => {
    const t0 = performance.now();
    press();
    const text =
      ui.getState().view.kind === 'rule-editor' ? (ui.getState().view as { text: string }).text : '';
    let sawFirst = false;
    await new Promise<void>((resolve) => {
      const check = () => {
        const p = ui.getState().preview;
        if (p && p.draft.text === text) {
          if (!sawFirst) {
            sawFirst = true;
            first.push(performance.now() - t0);
            if (process.env.BENCH_DEBUG && performance.now() - t0 > 30)
              out(`slow first: ${text} ${ms(performance.now() - t0)}`);
          }
          if (p.done) {
            complete.push(performance.now() - t0);
            unsubscribe();
            resolve();
          }
        }
      };
      const unsubscribe = ui.subscribe(check);
    });
  };
  // Warm up (history load, first compile), then type and erase rules of several widths.
  await keystroke(() => typeIntoField(ui, store, ' '));
  await keystroke(() => deleteFromField(ui, store));
  first.length = 0;
  complete.length = 0;
  delay.enable();
  for (const word of ['Bash(git push *)', 'Bash(npm run *)', 'Edit(src/**)', 'Bash(rm -rf *)']) {
    const typed = () => {
      const view = ui.getState().view;
      return view.kind === 'rule-editor' ? view.text : '';
    };
    while (typed().length > 0) await keystroke(() => deleteFromField(ui, store));
    for (const ch of word) await keystroke(() => typeIntoField(ui, store, ch));
  }
  delay.disable();
  stop();
  const f = stats(first);
  const c = stats(complete);
  out(
    `preview (10,000 recorded actions, ${first.length} keystrokes): first counts median ${ms(f.median)}, p95 ${ms(f.p95)}, max ${ms(f.max)} (target ≤ 50 ms, includes the 15 ms debounce)`,
  );
  out(`preview complete: median ${ms(c.median)}, p95 ${ms(c.p95)}, max ${ms(c.max)}`);
  out(
    `preview longest event-loop block while previewing: ${ms(delay.max / 1e6)} (p99 ${ms(delay.percentile(99) / 1e6)}; a frame at 30 fps is 33 ms)`,
  );
}

/** A project's rules: narrow and wide allow rules, deny rules, some that never match. */
function benchRules(): Rule[] {
  const rule = (effect: RuleEffect, text: string): Rule => ({
    effect,
    text,
    source: { origin: 'warden-user' },
  });
  return [
    rule('allow', 'Bash(npm run test *)'),
    rule('allow', 'Bash(npm run *)'),
    rule('allow', 'Bash(git commit *)'),
    rule('allow', 'Bash(git *)'),
    rule('allow', 'Edit(src/**)'),
    rule('allow', 'Read'),
    rule('allow', 'WebFetch(domain:docs.example1.com)'),
    rule('allow', 'Bash(curl *)'),
    rule('ask', 'Bash(git push *)'),
    rule('deny', 'Bash(rm -rf /*)'),
    rule('deny', 'Bash(terraform *)'),
    rule('deny', 'Bash(kubectl delete *)'),
  ];
}

/** Rule health: 12 rules over 10,000 recorded actions, at once (doctor) and through the rules view's controller. */
export async function benchRuleHealth(out: (line: string) => void): Promise<void> {
  const analyzer = createAnalyzer();
  const actions = history(10_000).map((d) => d.action);
  const rules = benchRules();
  const probes = probesFor(project);
  const read = await readAuditOnce(history(10_000));
  out(
    `rule health: reading 10,000 recorded actions from the audit log: at once ${ms(read.sync)}; in slices ${ms(read.sliced)} with the longest event-loop block ${ms(read.block)}`,
  );
  const atOnce = (risk = healthRisk(env, analyzer), partsOf = partsMemo()) => {
    const t0 = performance.now();
    const findings = ruleHealth({ rules, history: actions, probes, env, risk, partsOf });
    return { ms: performance.now() - t0, findings: findings.length };
  };
  const cold = atOnce();
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) warm.push(atOnce().ms);
  out(
    `rule health at once (12 rules, 10,000 recorded actions): first ${ms(cold.ms)}, then median ${ms(stats(warm).median)} (${cold.findings} findings)`,
  );

  // The console: open the rules view, wait for the findings; the work runs in 6 ms slices.
  const store = createWardenStore({
    judge: (action, r, mode, denials) => decide(action, r, mode, { env, analyzer, denials }),
    compileRules,
    initialMode: 'manual',
  });
  store.getState().setFileRules(rules, []);
  const ui = createUiStore();
  const stop = startRuleHealth(store, ui, {
    env,
    analyzer,
    loadHistory: () => actions,
    probes: () => probes,
    now: Date.now,
  });
  const times: number[] = [];
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const done = new Promise<void>((resolve) => {
      const off = ui.subscribe((state) => {
        if (state.health?.done && !state.health.running) {
          off();
          resolve();
        }
      });
    });
    ui.setState({ view: { kind: 'rules', selected: undefined }, health: undefined });
    await done;
    times.push(performance.now() - t0);
    ui.setState({ view: { kind: 'main' } });
  }
  delay.disable();
  stop();
  const t = stats(times);
  out(
    `rule health in the rules view: findings after median ${ms(t.median)}, max ${ms(t.max)} (first ${ms(times[0] ?? Number.NaN)}, includes the 15 ms debounce)`,
  );
  out(
    `rule health longest event-loop block: ${ms(delay.max / 1e6)} (p99 ${ms(delay.percentile(99) / 1e6)}; a frame at 30 fps is 33 ms)`,
  );
}

/** Writes the recorded decisions to a fresh audit log and times reading them back as actions (ms). */
async function readAuditOnce(
  recorded: readonly RecordedDecision[],
): Promise<{ sync: number; sliced: number; block: number }> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-bench-audit-'));
  try {
    const log = openAuditLog(home);
    for (const d of recorded)
      log.write({
        event: 'decision',
        id: d.action.id,
        session: 'bench',
        tool: d.action.tool,
        input: d.action.input,
        cwd: d.action.cwd,
        decision: d.before.answer,
        verdict: d.before.verdict,
        by: d.before.by,
      });
    log.close();
    const since = Date.now() - 86_400_000;
    const t0 = performance.now();
    const read = auditActionsSince(home, since);
    const sync = performance.now() - t0;
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    const t1 = performance.now();
    const sliced = await auditActionsSinceInSlices(home, since);
    const slicedMs = performance.now() - t1;
    delay.disable();
    for (const got of [read, sliced])
      if (got.length !== recorded.length) throw new Error(`read ${got.length} of ${recorded.length}`);
    return { sync, sliced: slicedMs, block: delay.max / 1e6 };
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}
