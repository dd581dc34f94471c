import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAnalyzer } from '../analyzer/index.js';
import { loadCases } from '../eval/cases.js';
import { actionFor, environmentFor } from '../eval/judge.js';
import { decide } from '../policy/decide.js';
import { compileRules } from '../policy/rules/index.js';

/** Where the shared corpus lives: $WARDEN_CORPUS_DIR, else ../shared/corpus beside the repo. */
export function corpusDir(): string {
  return process.env.WARDEN_CORPUS_DIR ?? path.resolve(process.cwd(), '../shared/corpus');
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;

/** Prints analyzer and decide() p50/p99 per action over dev.jsonl (3 warm-up passes, 5 timed). */
export async function benchAnalyzer(out: (line: string) => void): Promise<void> {
  const file = path.join(corpusDir(), 'dev.jsonl');
  const { cases } = await loadCases(file);
  const actions = cases.map((c, i) => actionFor(c, i));
  const analyzer = createAnalyzer();
  const rules = compileRules([]);
  const times = { analyzer: [] as number[], decide: [] as number[] };
  for (let pass = 0; pass < 8; pass++) {
    for (const action of actions) {
      const env = environmentFor(action.cwd);
      let t = performance.now();
      analyzer.analyze(action, env);
      const a = performance.now() - t;
      t = performance.now();
      decide(action, rules, 'auto', { env, analyzer });
      const d = performance.now() - t;
      if (pass >= 3) {
        times.analyzer.push(a);
        times.decide.push(d);
      }
    }
  }
  for (const [name, list] of Object.entries(times)) {
    const sorted = [...list].sort((x, y) => x - y);
    out(
      `${name} (dev.jsonl, ${actions.length} actions x 5): p50 ${us(quantile(sorted, 0.5))} · p99 ${us(quantile(sorted, 0.99))} · max ${us(sorted[sorted.length - 1] ?? 0)}`,
    );
  }
}
