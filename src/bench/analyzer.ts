import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAnalyzer } from '../analyzer/index.js';
import type { Action } from '../domain/action.js';
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
 */
export async function benchAnalyzer(out: (line: string) => void): Promise<void> {
  const file = path.join(corpusDir(), 'dev.jsonl');
  const { cases } = await loadCases(file);
  const actions = cases.map((c, i) => actionFor(c, i));
  const analyzer = createAnalyzer();
  const rules = compileRules([]);
  const run = {
    analyzer: (action: Action) => analyzer.analyze(action, environmentFor(action.cwd)),
    decide: (action: Action) => decide(action, rules, 'auto', { env: environmentFor(action.cwd), analyzer }),
  };
  for (const [name, fn] of Object.entries(run)) {
    const perAction: number[][] = actions.map(() => []);
    for (let pass = 0; pass < WARMUP_PASSES + TIMED_PASSES; pass++) {
      actions.forEach((action, i) => {
        const t = performance.now();
        fn(action);
        const d = performance.now() - t;
        if (pass >= WARMUP_PASSES) perAction[i]!.push(d);
      });
    }
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
  }
}
