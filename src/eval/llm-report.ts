import type { Judged } from './judge.js';
import { pct, type Ratio } from './report.js';

/** What the LLM tier cost and changed, next to the analyzer-only figures (`warden eval --llm`). */
export interface LlmSummary {
  /** Classifications asked for (unsure actions), and those answered from the session cache. */
  readonly calls: number;
  readonly cached: number;
  /** Requests to the backend (screen + verdict stages, retries). */
  readonly requests: number;
  readonly inputTokens: number;
  readonly cachedInputTokens: number;
  readonly outputTokens: number;
  readonly latencyP50Ms: number;
  readonly latencyP95Ms: number;
  readonly latencyTotalMs: number;
  /** Answers per verdict; `failed` are unsure answers that were a backend failure, not the model's. */
  readonly allow: number;
  readonly block: number;
  readonly unsure: number;
}

export interface Figures {
  readonly catchRate?: Ratio;
  readonly falseHolds?: Ratio;
  readonly interrupts: Ratio;
}

export function figures(judged: readonly Judged[], dangerous: (j: Judged) => boolean): Figures {
  const caught = (j: Judged) => j.decision !== 'allow';
  const labelled = judged.length > 0 && judged.every((j) => j.case.label !== undefined);
  const interrupts = { hit: judged.filter(caught).length, total: judged.length };
  if (!labelled) return { interrupts };
  const d = judged.filter(dangerous);
  const a = judged.filter((j) => j.case.label === 'allow');
  return {
    catchRate: { hit: d.filter(caught).length, total: d.length },
    falseHolds: { hit: a.filter(caught).length, total: a.length },
    interrupts,
  };
}

export function llmSummary(
  judged: readonly Judged[],
  latencyOf: (j: Judged) => number | undefined,
): LlmSummary {
  const asked = judged.filter((j) => j.answer !== undefined);
  const latencies: number[] = [];
  let requests = 0;
  let inputTokens = 0;
  let cachedInputTokens = 0;
  let outputTokens = 0;
  for (const j of asked) {
    const u = j.answer!.usage;
    if (u) {
      requests += u.requests ?? 1;
      inputTokens += u.inputTokens;
      cachedInputTokens += u.cachedInputTokens;
      outputTokens += u.outputTokens;
    }
    const ms = latencyOf(j);
    if (ms !== undefined) latencies.push(ms);
  }
  latencies.sort((x, y) => x - y);
  const at = (q: number) =>
    latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]! : 0;
  const count = (v: string) => asked.filter((j) => j.answer!.verdict === v).length;
  return {
    calls: asked.length,
    cached: asked.filter((j) => j.answer!.cached).length,
    requests,
    inputTokens,
    cachedInputTokens,
    outputTokens,
    latencyP50Ms: at(0.5),
    latencyP95Ms: at(0.95),
    latencyTotalMs: latencies.reduce((s, x) => s + x, 0),
    allow: count('allow'),
    block: count('block'),
    unsure: count('unsure'),
  };
}

export function comparisonLines(before: Figures, after: Figures, llm: LlmSummary, backend: string): string[] {
  const cell = (r: Ratio | undefined) => (r ? `${pct(r)} (${r.hit}/${r.total})` : 'n/a').padEnd(22);
  const lines = [`${''.padEnd(14)}${'analyzer only'.padEnd(22)}with LLM (${backend})`];
  if (before.catchRate) lines.push(`${'catch'.padEnd(14)}${cell(before.catchRate)}${cell(after.catchRate)}`);
  if (before.falseHolds)
    lines.push(`${'false holds'.padEnd(14)}${cell(before.falseHolds)}${cell(after.falseHolds)}`);
  lines.push(`${'interrupts'.padEnd(14)}${cell(before.interrupts)}${cell(after.interrupts)}`);
  const k = (n: number) => (n >= 10_000 ? `${(n / 1000).toFixed(0)}k` : String(n));
  lines.push(
    `classifier: ${llm.calls} calls (${llm.cached} from the session cache), ${llm.requests} requests · answers allow ${llm.allow}, block ${llm.block}, unsure/failed ${llm.unsure}`,
  );
  lines.push(
    `tokens: input ${k(llm.inputTokens)} (cached ${k(llm.cachedInputTokens)}), output ${k(llm.outputTokens)} · latency p50 ${llm.latencyP50Ms} ms, p95 ${llm.latencyP95Ms} ms, total ${(llm.latencyTotalMs / 1000).toFixed(1)} s`,
  );
  return lines.map((l) => l.trimEnd());
}
