import type { Classifier } from '../domain/classification.js';
import { MODE_NAMES, type ModeName } from '../domain/mode.js';
import { createBashOracle } from './bash-oracle.js';
import { type EvalCase, loadCases } from './cases.js';
import { CaseJudge, type Judged } from './judge.js';
import { comparisonLines, type Figures, figures, type LlmSummary, llmSummary } from './llm-report.js';
import { checkParsing, type ParseCheck, parseCheckLines, shellCases } from './parse-check.js';
import {
  commandHead,
  describeInput,
  groupRatios,
  oneLine,
  pct,
  type Ratio,
  ratioLine,
  topCounts,
} from './report.js';

export interface EvalOptions {
  readonly file: string;
  readonly mode: ModeName;
  readonly out: (line: string) => void;
  /** Asked when decide() is unsure (auto mode); omitted means no LLM. */
  readonly classifier?: Classifier;
  /** Also check every shell command against `bash -n` (needs bash) and print the counts. */
  readonly parse?: boolean;
  /** Names the LLM tier in the report (the backend, or `replay of FILE`). */
  readonly classifierName?: string;
  /** Replay: the recorded latency so far (ms, cumulative); the report uses it instead of replay's own. */
  readonly recordedLatency?: () => number;
}

export interface ModeCounts {
  readonly allowed: number;
  readonly held: number;
  readonly denied: number;
  readonly total: number;
}

export interface EvalSummary {
  readonly file: string;
  readonly mode: ModeName;
  readonly labelled: boolean;
  readonly total: number;
  readonly rejectedLines: number;
  /** Labelled files: dangerous (denylist / benchmark-risky-only) block cases not auto-allowed. */
  readonly catchRate?: Ratio;
  /** Labelled files: allow cases not auto-allowed. */
  readonly falseHolds?: Ratio;
  /** Every mode's counts for unlabelled files; the requested mode's for labelled ones. */
  readonly perMode: Readonly<Partial<Record<ModeName, ModeCounts>>>;
  /** Unlabelled files: share of calls held or denied in the requested mode. */
  readonly interruptRate?: Ratio;
  /** With `parse`: how warden's parser does against bash on the file's shell commands. */
  readonly parse?: ParseCheck;
  /** With the LLM tier: the analyzer-only figures, the figures with it, and its cost. */
  readonly llm?: { readonly analyzerOnly: Figures; readonly withLlm: Figures; readonly summary: LlmSummary };
}

const DANGEROUS_POLICIES = new Set(['denylist', 'benchmark-risky-only']);

export function isDangerousCase(c: EvalCase): boolean {
  return c.label === 'block' && DANGEROUS_POLICIES.has(c.sourcePolicy ?? '');
}

/** Runs a corpus file through decide() and prints the report; see docs/eval-notes.md. */
export async function runEval(options: EvalOptions): Promise<EvalSummary> {
  const { cases, rejected } = await loadCases(options.file);
  const out = options.out;
  out(
    `eval: ${options.file} · ${cases.length} cases · mode ${options.mode}${options.classifier?.status === 'on' ? ' · with LLM' : ' · no LLM'}`,
  );
  if (rejected.length)
    out(`skipped lines: ${rejected.length} (first: line ${rejected[0]!.line}, ${rejected[0]!.why})`);
  const labelled = cases.length > 0 && cases.every((c) => c.label !== undefined);
  const latency = new Map<Judged, number>();
  const judged = await judgeAll(cases, options.mode, options.classifier, options.recordedLatency, latency);
  const base = {
    file: options.file,
    mode: options.mode,
    total: cases.length,
    rejectedLines: rejected.length,
  };
  const report = labelled
    ? { ...base, ...reportLabelled(judged, options.mode, out) }
    : { ...base, ...(await reportUnlabelled(cases, judged, options, out)) };
  const checked = options.parse ? { ...report, parse: reportParsing(judged, out) } : report;
  if (!options.classifier || options.classifier.status !== 'on') return checked;
  const analyzerOnly = figures(await judgeAll(cases, options.mode, undefined), (j) =>
    isDangerousCase(j.case),
  );
  const withLlm = figures(judged, (j) => isDangerousCase(j.case));
  const summary = llmSummary(judged, (j) => latency.get(j));
  out('');
  out(`the LLM tier (mode ${options.mode}):`);
  for (const line of comparisonLines(analyzerOnly, withLlm, summary, options.classifierName ?? 'classifier'))
    out(`  ${line}`);
  return { ...checked, llm: { analyzerOnly, withLlm, summary } };
}

function reportParsing(judged: readonly Judged[], out: (l: string) => void): ParseCheck | undefined {
  out('');
  const oracle = createBashOracle();
  if (!oracle) {
    out('parse: bash could not be run here, so there is no oracle to check against');
    return undefined;
  }
  const check = checkParsing(shellCases(judged), oracle);
  for (const line of parseCheckLines(check)) out(line);
  return check;
}

async function judgeAll(
  cases: readonly EvalCase[],
  mode: ModeName,
  classifier?: Classifier,
  recordedLatency?: () => number,
  latency?: Map<Judged, number>,
): Promise<Judged[]> {
  const judge = new CaseJudge(mode, classifier);
  if (!classifier || classifier.status !== 'on') return cases.map((c, i) => judge.judgeSync(c, i));
  const out: Judged[] = [];
  for (let i = 0; i < cases.length; i++) {
    const before = recordedLatency?.() ?? 0;
    const j = await judge.judge(cases[i]!, i);
    if (j.answer) {
      const ms = recordedLatency ? recordedLatency() - before : j.answer.usage?.latencyMs;
      if (ms !== undefined) latency?.set(j, ms);
    }
    out.push(j);
  }
  return out;
}

function counts(judged: readonly Judged[]): ModeCounts {
  let allowed = 0;
  let held = 0;
  let denied = 0;
  for (const j of judged) {
    if (j.decision === 'allow') allowed++;
    else if (j.decision === 'deny') denied++;
    else held++;
  }
  return { allowed, held, denied, total: judged.length };
}

function countsLine(mode: string, c: ModeCounts): string {
  const p = (n: number) => `${n} (${pct({ hit: n, total: c.total })})`;
  const interrupt = { hit: c.held + c.denied, total: c.total };
  return `mode ${mode}: allowed ${p(c.allowed)} · held ${p(c.held)} · denied ${p(c.denied)} · interrupts: ${pct(interrupt)} (${interrupt.hit}/${interrupt.total})`;
}

function reportLabelled(judged: readonly Judged[], mode: ModeName, out: (l: string) => void) {
  const dangerousCases = judged.filter((j) => isDangerousCase(j.case));
  const allowCases = judged.filter((j) => j.case.label === 'allow');
  const caught = (j: Judged) => j.decision !== 'allow';
  const catchRate = { hit: dangerousCases.filter(caught).length, total: dangerousCases.length };
  const falseHolds = { hit: allowCases.filter(caught).length, total: allowCases.length };
  const reviewBlocks = judged.filter((j) => j.case.label === 'block' && !isDangerousCase(j.case));
  out(ratioLine('catch', catchRate));
  out(ratioLine('false holds', falseHolds));
  out(
    ratioLine('hold-for-review blocks not auto-allowed (autoapprove-allowlist, not a target)', {
      hit: reviewBlocks.filter(caught).length,
      total: reviewBlocks.length,
    }),
  );
  const c = counts(judged);
  out(countsLine(mode, c));

  out('');
  out('catch per source (dangerous cases):');
  for (const [k, r] of groupRatios(dangerousCases, (j) => j.case.source ?? '?', caught))
    out(`  ${ratioLine(k, r)}`);
  out('false holds per source (allow cases):');
  for (const [k, r] of groupRatios(allowCases, (j) => j.case.source ?? '?', caught))
    out(`  ${ratioLine(k, r)}`);
  out('catch per category:');
  for (const [k, r] of groupRatios(dangerousCases, (j) => j.case.category ?? '?', caught))
    out(`  ${ratioLine(k, r)}`);
  out('false holds per category:');
  for (const [k, r] of groupRatios(allowCases, (j) => j.case.category ?? '?', caught))
    out(`  ${ratioLine(k, r)}`);

  out('');
  out('confusion (rows: label/policy, columns: warden decision):');
  out(`  ${'label/policy'.padEnd(40)} ${'allow'.padStart(6)} ${'hold'.padStart(6)} ${'deny'.padStart(6)}`);
  for (const [k] of groupRatios(
    judged,
    (j) => `${j.case.label}/${j.case.sourcePolicy ?? '?'}`,
    () => true,
  )) {
    const row = judged.filter((j) => `${j.case.label}/${j.case.sourcePolicy ?? '?'}` === k);
    const rc = counts(row);
    out(
      `  ${k.padEnd(40)} ${String(rc.allowed).padStart(6)} ${String(rc.held).padStart(6)} ${String(rc.denied).padStart(6)}`,
    );
  }

  out('');
  out('worst misses (dangerous cases auto-allowed):');
  for (const j of dangerousCases.filter((x) => !caught(x)).slice(0, 25))
    out(`  ${j.case.id} [${j.case.category}] ${oneLine(describeInput(j))}`);
  out('false holds (allow cases not auto-allowed), first 25:');
  for (const j of allowCases.filter(caught).slice(0, 25))
    out(`  ${j.case.id} [${j.decision} ${j.verdict.by}] ${oneLine(describeInput(j), 90)}`);
  return { labelled: true as const, catchRate, falseHolds, perMode: { [mode]: c } };
}

async function reportUnlabelled(
  cases: readonly EvalCase[],
  judged: readonly Judged[],
  options: EvalOptions,
  out: (l: string) => void,
) {
  const perMode: Partial<Record<ModeName, ModeCounts>> = {};
  for (const m of MODE_NAMES) {
    const js = m === options.mode ? judged : await judgeAll(cases, m, undefined);
    perMode[m] = counts(js);
    out(countsLine(m, perMode[m]!));
  }
  const c = perMode[options.mode]!;
  const interruptRate = { hit: c.held + c.denied, total: c.total };
  out(ratioLine(`interrupts (${options.mode})`, interruptRate));
  const interrupting = judged.filter((j) => j.decision !== 'allow');
  // per agent, so that a mechanism that fits one agent's traffic only shows up
  out(`interrupts per agent (${options.mode}):`);
  for (const [k, r] of groupRatios(
    judged,
    (j) => j.case.agent ?? '?',
    (j) => j.decision !== 'allow',
  ))
    out(`  ${ratioLine(k, r)}`);
  out('');
  out(`tools that interrupt most (${options.mode}):`);
  for (const [k, n] of topCounts(
    interrupting.map((j) => j.case.tool),
    12,
  ))
    out(`  ${String(n).padStart(5)}  ${k}`);
  out(`command heads that interrupt most (${options.mode}):`);
  const shell = interrupting.filter((j) => typeof j.case.input.command === 'string');
  for (const [k, n] of topCounts(
    shell.map((j) => commandHead(j.case.input.command as string)),
    15,
  ))
    out(`  ${String(n).padStart(5)}  ${k}`);
  out(`findings that interrupt most (${options.mode}):`);
  for (const [k, n] of topCounts(
    interrupting.map((j) => `${j.decision} ${j.verdict.by}`),
    15,
  ))
    out(`  ${String(n).padStart(5)}  ${k}`);
  out('denied (first 30):');
  for (const j of interrupting.filter((x) => x.decision === 'deny').slice(0, 30))
    out(`  ${j.case.id} [${j.verdict.by}] ${oneLine(describeInput(j), 100)}`);
  return { labelled: false as const, perMode, interruptRate };
}
