import { createHash } from 'node:crypto';
import type { Action } from '../domain/action.js';
import type { Classifier, ClassifierAnswer, ClassifierUsage } from '../domain/classification.js';
import { type ParseFailure, parseScreen, parseVerdict } from './answer.js';
import { anthropicTransport } from './backends/anthropic.js';
import { LruCache } from './cache.js';
import { failureKind, headersOf, isRetryable } from './errors.js';
import { Limiter } from './limiter.js';
import {
  actionPrompt,
  DEFAULT_PROMPT_LIMITS,
  type EnvironmentDescription,
  type PromptLimits,
  SCREEN_ASK,
  SCREEN_TOOL,
  systemPrompt,
  TOOLS,
  VERDICT_ASK,
  VERDICT_TOOL,
} from './prompt.js';
import { DEFAULT_TRANSCRIPT_BUDGET, type TranscriptBudget, TranscriptReader } from './transcript.js';
import type { MessagesRequest, MessagesTransport } from './transport.js';

/** A fast model by default (from the SDK's model list). */
export const DEFAULT_MODEL = 'claude-haiku-4-5';
export const DEFAULT_DEADLINE_MS = 8000;

export interface ClassifierOptions {
  /**
   * How to reach the model (see backends/). Without one, the Anthropic API with `apiKey`; without
   * either, the tier is off.
   */
  readonly transport?: MessagesTransport;
  /** Words for the console header before the model: the backend and why it was chosen. */
  readonly label?: string;
  /** From ANTHROPIC_API_KEY or warden's config; used when no transport is given. */
  readonly apiKey?: string | undefined;
  /** Overrides the base URL (the SDK itself reads ANTHROPIC_BASE_URL when this is absent). */
  readonly baseURL?: string | undefined;
  /** Model for the cheap screen and for the reasoning stage (both default to {@link DEFAULT_MODEL}). */
  readonly models?: { readonly screen?: string; readonly verdict?: string };
  /** Whole-call deadline, queueing and retries included (default 8000 ms). */
  readonly deadlineMs?: number;
  /** API calls in flight at once (default 4). */
  readonly maxConcurrent?: number;
  readonly environment?: EnvironmentDescription;
  readonly transcriptBudget?: Partial<TranscriptBudget>;
  readonly promptLimits?: Partial<PromptLimits>;
  /** Answers kept in the session cache (default 500). */
  readonly cacheSize?: number;
  /** Attempts per API call on 429/5xx/connection errors, when the wait fits the deadline (default 3). */
  readonly maxAttempts?: number;
  /** Milliseconds clock for latency and deadlines (default performance.now). */
  readonly now?: () => number;
  /** Called after every classification with where the time went (benchmarks, diagnostics). */
  readonly onTiming?: (timing: ClassifyTiming) => void;
}

export interface ClassifyTiming {
  readonly totalMs: number;
  /** Time spent awaiting the SDK's messages.create (HTTP and the SDK's own work). */
  readonly apiMs: number;
  readonly apiCalls: number;
  readonly cached: boolean;
}

const MAX_TOKENS = { screen: 64, verdict: 700 } as const;
const MIN_ATTEMPT_MS = 200;

/** Builds the classifier tier. Never throws: without a key it returns an `off` classifier saying why. */
export function createClassifier(options: ClassifierOptions): Classifier {
  const apiKey = options.apiKey?.trim();
  if (!options.transport && !apiKey)
    return offClassifier('no API key: set ANTHROPIC_API_KEY or classifier.apiKey in warden config');
  const deadlineMs = positive(options.deadlineMs, DEFAULT_DEADLINE_MS);
  const maxConcurrent = Math.max(1, Math.floor(positive(options.maxConcurrent, 4)));
  const maxAttempts = Math.max(1, Math.floor(positive(options.maxAttempts, 3)));
  const screenModel = options.models?.screen || DEFAULT_MODEL;
  const verdictModel = options.models?.verdict || screenModel;
  const budget: TranscriptBudget = { ...DEFAULT_TRANSCRIPT_BUDGET, ...options.transcriptBudget };
  const limits: PromptLimits = { ...DEFAULT_PROMPT_LIMITS, ...options.promptLimits };
  const now = options.now ?? (() => performance.now());

  let transport: MessagesTransport;
  try {
    transport =
      options.transport ?? anthropicTransport({ apiKey, baseURL: options.baseURL, timeoutMs: deadlineMs });
  } catch (error) {
    return offClassifier(`the API client could not start (${message(error)})`);
  }
  /** The last failure (not a model's own "unsure"), shown in the header until a call succeeds. */
  let lastFailure: string | undefined;

  const system = [
    {
      type: 'text' as const,
      text: systemPrompt(options.environment ?? {}),
      cache_control: { type: 'ephemeral' as const },
    },
  ];
  const cache = new LruCache<ClassifierAnswer>(options.cacheSize ?? 500);
  const limiter = new Limiter(maxConcurrent);
  const transcripts = new TranscriptReader(budget);

  async function classify(action: Action, signal?: AbortSignal): Promise<ClassifierAnswer> {
    const started = now();
    const deadline = started + deadlineMs;
    const timing = { apiMs: 0, apiCalls: 0, cached: false };
    const usage = new UsageSum();
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new DeadlineError()), deadlineMs);
    const onOuterAbort = () => abort.abort(signal?.reason);
    if (signal?.aborted) onOuterAbort();
    else signal?.addEventListener('abort', onOuterAbort, { once: true });

    const finish = (answer: ClassifierAnswer, failed = false): ClassifierAnswer => {
      clearTimeout(timer);
      if (!answer.cached) lastFailure = failed ? answer.reason : undefined;
      signal?.removeEventListener('abort', onOuterAbort);
      const totalMs = now() - started;
      options.onTiming?.({ totalMs, apiMs: timing.apiMs, apiCalls: timing.apiCalls, cached: timing.cached });
      if (timing.apiCalls === 0) return answer;
      return { ...answer, usage: usage.toUsage(totalMs, transport.backend, timing.apiCalls) };
    };

    try {
      const transcript = await transcripts.read(action.transcriptPath);
      const prompt = actionPrompt(action, transcript.messages, transcript.note, limits);
      const key = createHash('sha256').update(prompt).digest('base64url');
      const hit = cache.get(key);
      if (hit) {
        timing.cached = true;
        return finish({ ...hit, cached: true });
      }

      const ask = async (stage: 'screen' | 'verdict') => {
        const model = stage === 'screen' ? screenModel : verdictModel;
        const request: MessagesRequest = {
          model,
          max_tokens: MAX_TOKENS[stage],
          system,
          tools: TOOLS,
          tool_choice: { type: 'tool' as const, name: stage === 'screen' ? SCREEN_TOOL : VERDICT_TOOL },
          messages: [
            {
              role: 'user' as const,
              content: [
                { type: 'text' as const, text: prompt },
                { type: 'text' as const, text: stage === 'screen' ? SCREEN_ASK : VERDICT_ASK },
              ],
            },
          ],
        };
        const release = await limiter.acquire(abort.signal);
        try {
          return await withRetries(maxAttempts, deadline, now, abort.signal, async () => {
            const remaining = Math.max(1, Math.ceil(deadline - now()));
            const t0 = now();
            timing.apiCalls++;
            try {
              const response = await transport.create(request, { signal: abort.signal, timeout: remaining });
              usage.add(response.usage, response.model || model);
              return response;
            } finally {
              timing.apiMs += now() - t0;
            }
          });
        } finally {
          release();
        }
      };

      // Stage 1: the cheap screen (one retry when it does not parse, as Claude Code does).
      let screen = parseScreen((await ask('screen')).content);
      if (!screen.ok) screen = parseScreen((await ask('screen')).content);
      if (!screen.ok) return finish(unsure(screen), true);
      if (screen.decision === 'allow') {
        const answer: ClassifierAnswer = {
          verdict: 'allow',
          reason: "the classifier's screen found ordinary work that serves the user's request",
        };
        cache.set(key, answer);
        return finish(answer);
      }

      // Stage 2: reasoning, only for flagged actions.
      let result = parseVerdict((await ask('verdict')).content);
      if (!result.ok) result = parseVerdict((await ask('verdict')).content);
      if (!result.ok) return finish(unsure(result), true);
      const answer: ClassifierAnswer = {
        verdict: result.verdict,
        reason: result.reason,
        ...(result.category ? { category: result.category } : {}),
      };
      cache.set(key, answer);
      return finish(answer);
    } catch (error) {
      return finish({ verdict: 'unsure', reason: failureReason(error, abort.signal, deadlineMs) }, true);
    }
  }

  return {
    status: 'on',
    describe: () => {
      const queued = limiter.queued > 0 ? ` · ${limiter.queued} queued` : '';
      const models = screenModel === verdictModel ? screenModel : `${screenModel} → ${verdictModel}`;
      const load = transport.describe?.() ?? `${limiter.inFlight} in flight${queued}`;
      const failed = lastFailure ? ` · last call failed: ${lastFailure}` : '';
      return `${options.label ? `${options.label} · ` : ''}${models} · ${load}${failed}`;
    },
    classify: (action, signal) =>
      classify(action, signal).catch((error: unknown) => ({
        verdict: 'unsure' as const,
        reason: `the classifier failed (${message(error)}); held for a person`,
      })),
  };
}

/** The tier when it cannot run: every action it is asked about is held, and the console says why. */
export function offClassifier(why: string): Classifier {
  return {
    status: 'off',
    describe: () => `off: ${why}`,
    classify: async () => ({
      verdict: 'unsure',
      reason: `the classifier is off (${why}); held for a person`,
    }),
  };
}

async function withRetries<T>(
  maxAttempts: number,
  deadline: number,
  now: () => number,
  signal: AbortSignal,
  call: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= maxAttempts || signal.aborted || !isRetryable(error)) throw error;
      const wait = retryDelayMs(error, attempt);
      // Retry only when the wait and a minimal attempt still fit the deadline.
      if (now() + wait + MIN_ATTEMPT_MS > deadline) throw new RetryWontFit(error, wait);
      await sleep(wait, signal);
    }
  }
}

/** retry-after-ms, retry-after (seconds or HTTP date), else exponential backoff from 250 ms. */
export function retryDelayMs(error: unknown, attempt: number, wallNow: number = Date.now()): number {
  const headers = headersOf(error);
  const ms = Number(headers?.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms >= 0 && headers?.get('retry-after-ms')) return ms;
  const after = headers?.get('retry-after');
  if (after) {
    const seconds = Number(after);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = Date.parse(after);
    if (Number.isFinite(date)) return Math.max(0, date - wallNow);
  }
  return 250 * 2 ** (attempt - 1);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

class DeadlineError extends Error {
  constructor() {
    super('deadline');
  }
}

class RetryWontFit extends Error {
  constructor(
    override readonly cause: unknown,
    readonly waitMs: number,
  ) {
    super('retry does not fit the deadline');
  }
}

class UsageSum {
  input = 0;
  cached = 0;
  output = 0;
  model = '';

  add(
    u: {
      input_tokens: number;
      output_tokens: number;
      cache_read_input_tokens?: number | null;
      cache_creation_input_tokens?: number | null;
    },
    model: string,
  ): void {
    const read = u.cache_read_input_tokens ?? 0;
    this.input += (u.input_tokens ?? 0) + read + (u.cache_creation_input_tokens ?? 0);
    this.cached += read;
    this.output += u.output_tokens ?? 0;
    this.model = model;
  }

  toUsage(latencyMs: number, backend: string, requests: number): ClassifierUsage {
    return {
      inputTokens: this.input,
      cachedInputTokens: this.cached,
      outputTokens: this.output,
      latencyMs: Math.round(latencyMs),
      model: this.model,
      backend,
      requests,
    };
  }
}

function unsure(failure: ParseFailure): ClassifierAnswer {
  return { verdict: 'unsure', reason: `${failure.problem}; held for a person` };
}

function failureReason(error: unknown, signal: AbortSignal, deadlineMs: number): string {
  const held = 'held for a person';
  const kind = failureKind(error).kind;
  if (signal.reason instanceof DeadlineError || error instanceof DeadlineError || kind === 'timeout') {
    return `the classifier did not answer within ${deadlineMs} ms; ${held}`;
  }
  if (signal.aborted) return `the classification was cancelled; ${held}`;
  if (error instanceof RetryWontFit) {
    return `${apiProblem(error.cause)}, and a retry in ${Math.round(error.waitMs)} ms would pass the ${deadlineMs} ms deadline; ${held}`;
  }
  return `${apiProblem(error)}; ${held}`;
}

function apiProblem(error: unknown): string {
  const f = failureKind(error);
  switch (f.kind) {
    case 'http':
      if (f.status === 429) return 'the classifier API is rate-limiting (429)';
      return `the classifier API failed (${f.status}${f.status === 401 || f.status === 403 ? ': check the credentials' : ''})`;
    case 'connection':
      return 'the classifier API is unreachable';
    case 'transport':
      return f.message;
    default:
      return `the classifier failed (${message(error)})`;
  }
}

function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
