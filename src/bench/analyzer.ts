import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { type PerformanceEntry, PerformanceObserver, performance } from 'node:perf_hooks';
import { createAnalyzer } from '../analyzer/index.js';
import type { Action } from '../domain/action.js';
import type { Environment } from '../domain/analysis.js';
import { loadCases } from '../eval/cases.js';
import { actionFor, environmentFor } from '../eval/judge.js';
import { decide } from '../policy/decide.js';
import { compileRules } from '../policy/rules/index.js';

/** Where the shared corpus lives: $WARDEN_CORPUS_DIR, else ../shared/corpus beside the repo. */
export function corpusDir(): string {
  return process.env.WARDEN_CORPUS_DIR ?? path.resolve(process.cwd(), '../shared/corpus');
}

const WARMUP_PASSES = 3;
const TIMED_PASSES = 5;

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;

/**
 * Prints analyzer and decide() p50/p99 per action over dev.jsonl: over every timed call, and over
 * each action's median of the timed passes (which keeps GC pauses and a busy machine out of the tail).
 * Each machine's environment is built once, outside the timed call, as the console builds its own
 * once: the timed call is decide() alone. The garbage collections during the timed passes and the
 * load average are printed beside the numbers (the machine is shared: a busy one stretches the tail).
 */
export async function benchAnalyzer(out: (line: string) => void): Promise<void> {
  const file = path.join(corpusDir(), 'dev.jsonl');
  const { cases } = await loadCases(file);
  const actions = cases.map((c, i) => actionFor(c, i));
  const machines = new Map<string, Environment>();
  const envOf = (cwd: string) => {
    const known = machines.get(cwd);
    if (known) return known;
    const env = environmentFor(cwd);
    machines.set(cwd, env);
    return env;
  };
  const envs = actions.map((action) => envOf(action.cwd));
  const analyzer = createAnalyzer();
  const rules = compileRules([]);
  const run = {
    analyzer: (action: Action, env: Environment) => analyzer.analyze(action, env),
    decide: (action: Action, env: Environment) => decide(action, rules, 'auto', { env, analyzer }),
  };
  const gcs: PerformanceEntry[] = [];
  const gcWatch = new PerformanceObserver((list) => gcs.push(...list.getEntries()));
  for (const [name, fn] of Object.entries(run)) {
    const perAction: number[][] = actions.map(() => []);
    for (let pass = 0; pass < WARMUP_PASSES + TIMED_PASSES; pass++) {
      if (pass === WARMUP_PASSES) {
        gcs.length = 0;
        gcWatch.observe({ entryTypes: ['gc'] });
      }
      actions.forEach((action, i) => {
        const env = envs[i]!;
        const t = performance.now();
        fn(action, env);
        const d = performance.now() - t;
        if (pass >= WARMUP_PASSES) perAction[i]!.push(d);
      });
    }
    // the entries arrive in a later task
    await new Promise((resolve) => setTimeout(resolve, 20));
    gcWatch.disconnect();
    const gcTime = gcs.reduce((sum, g) => sum + g.duration, 0);
    const all = perAction.flat().sort((x, y) => x - y);
    const medians = perAction
      .map((t) =>
        quantile(
          [...t].sort((x, y) => x - y),
          0.5,
        ),
      )
      .sort((x, y) => x - y);
    out(
      `${name} (dev.jsonl, ${actions.length} actions x ${TIMED_PASSES}): p50 ${us(quantile(all, 0.5))} · p99 ${us(quantile(all, 0.99))} · p99 of per-action medians ${us(quantile(medians, 0.99))} · max ${us(all[all.length - 1] ?? 0)}`,
    );
    out(
      `  ${gcs.length} garbage collections during the ${TIMED_PASSES} timed passes (${(gcTime).toFixed(1)} ms); load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${availableParallelism()} cores`,
    );
  }
}
