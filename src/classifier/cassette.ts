import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import {
  type ContentBlockLike,
  type MessagesRequest,
  type MessagesTransport,
  type MessagesUsage,
  TransportError,
} from './transport.js';

/**
 * Recorded classifier answers, so that a prompt, policy or analyzer change can be scored again
 * offline against the same answers. One JSON line per request: the request's key (a SHA-256 of the
 * model and everything it was sent), the model's answer blocks, usage and latency. The prompt itself
 * is not stored (it holds the user's messages, and the key is enough to find the answer).
 */
export interface CassetteEntry {
  readonly key: string;
  /** The model asked for (part of the key); `model` is the one that answered. */
  readonly requestModel: string;
  readonly model: string;
  readonly stage: string;
  readonly backend: string;
  readonly content: readonly ContentBlockLike[];
  readonly usage: MessagesUsage;
  readonly latencyMs: number;
}

export function requestKey(request: MessagesRequest): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        request.model,
        request.max_tokens,
        request.system.map((b) => b.text),
        request.tools,
        request.tool_choice,
        request.messages,
      ]),
    )
    .digest('base64url');
}

/** Only the answer: a tool call's name and input, or text. Nothing else the API sent back is kept. */
function answerBlocks(content: readonly ContentBlockLike[]): ContentBlockLike[] {
  return content.flatMap((b): ContentBlockLike[] =>
    b.type === 'tool_use'
      ? [{ type: 'tool_use', ...(b.name !== undefined && { name: b.name }), input: b.input }]
      : b.type === 'text' && typeof b.text === 'string'
        ? [{ type: 'text', text: b.text }]
        : [],
  );
}

/** Wraps a backend: every answered request is appended to `file` (created afresh). */
export function recordingTransport(inner: MessagesTransport, file: string): MessagesTransport {
  writeFileSync(file, '', { mode: 0o600 });
  return {
    backend: inner.backend,
    ...(inner.describe && { describe: () => inner.describe!() }),
    async create(request, options) {
      const started = performance.now();
      const response = await inner.create(request, options);
      const entry: CassetteEntry = {
        key: requestKey(request),
        requestModel: request.model,
        model: response.model,
        stage: request.tool_choice.name,
        backend: inner.backend,
        content: answerBlocks(response.content),
        usage: {
          input_tokens: response.usage.input_tokens ?? 0,
          output_tokens: response.usage.output_tokens ?? 0,
          cache_read_input_tokens: response.usage.cache_read_input_tokens ?? 0,
          cache_creation_input_tokens: response.usage.cache_creation_input_tokens ?? 0,
        },
        latencyMs: Math.round(performance.now() - started),
      };
      appendFileSync(file, `${JSON.stringify(entry)}\n`);
      return response;
    },
  };
}

export interface ReplayTransport extends MessagesTransport {
  /** Requests answered from the cassette, requests it had no answer for, recorded latency summed. */
  stats(): {
    readonly hits: number;
    readonly misses: number;
    readonly recordedMs: number;
    readonly entries: number;
  };
  /** The models the recording asked for, per stage (so the replayed requests carry the same). */
  models(): { screen?: string; verdict?: string };
}

/** Answers from a cassette only: no network. A request it has no answer for fails (and is held). */
export function replayTransport(file: string): ReplayTransport {
  const entries = new Map<string, CassetteEntry>();
  const text = readFileSync(file, 'utf8');
  for (const [i, line] of text.split('\n').entries()) {
    if (!line.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`${file}:${i + 1}: not a JSON line`);
    }
    const e = value as Partial<CassetteEntry>;
    if (typeof e.key !== 'string' || !Array.isArray(e.content) || typeof e.usage !== 'object')
      throw new Error(`${file}:${i + 1}: not a cassette entry`);
    entries.set(e.key, e as CassetteEntry);
  }
  let hits = 0;
  let misses = 0;
  let recordedMs = 0;
  return {
    backend: 'replay',
    async create(request) {
      const entry = entries.get(requestKey(request));
      if (!entry) {
        misses++;
        throw new TransportError('the cassette has no answer for this request (re-record it)');
      }
      hits++;
      recordedMs += entry.latencyMs ?? 0;
      return { content: entry.content, usage: entry.usage, model: entry.model };
    },
    stats: () => ({ hits, misses, recordedMs, entries: entries.size }),
    models: () => {
      const out: { screen?: string; verdict?: string } = {};
      for (const e of entries.values()) {
        if (e.stage === 'screen') out.screen ??= e.requestModel;
        if (e.stage === 'verdict') out.verdict ??= e.requestModel;
      }
      return out;
    },
  };
}
