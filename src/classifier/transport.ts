/**
 * How the classifier reaches a model: one Messages-API-shaped request in, the model's content
 * blocks and usage out. Every backend (the Anthropic API, Bedrock, Vertex, the person's Claude Code
 * CLI, a recorded cassette) is a transport; the prompt, the two-stage screen, the cache, the
 * deadline and the fail-closed answers live once in client.ts, above all of them.
 */

export const BACKEND_NAMES = ['anthropic', 'bedrock', 'vertex', 'claude-code'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

export interface ToolDefinition {
  readonly name: string;
  readonly description: string;
  readonly input_schema: { readonly type: 'object'; readonly [key: string]: unknown };
}

export interface MessagesRequest {
  readonly model: string;
  readonly max_tokens: number;
  readonly system: readonly {
    readonly type: 'text';
    readonly text: string;
    readonly cache_control?: { readonly type: 'ephemeral' };
  }[];
  readonly tools: readonly ToolDefinition[];
  readonly tool_choice: { readonly type: 'tool'; readonly name: string };
  readonly messages: readonly {
    readonly role: 'user';
    readonly content: readonly { readonly type: 'text'; readonly text: string }[];
  }[];
}

export interface ContentBlockLike {
  readonly type: string;
  readonly name?: string;
  readonly input?: unknown;
  readonly text?: string;
}

export interface MessagesUsage {
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly cache_read_input_tokens?: number | null;
  readonly cache_creation_input_tokens?: number | null;
}

export interface MessagesResponse {
  readonly content: readonly ContentBlockLike[];
  readonly usage: MessagesUsage;
  readonly model: string;
}

export interface CallOptions {
  readonly signal: AbortSignal;
  /** Milliseconds left before the classification's deadline. */
  readonly timeout: number;
}

export interface MessagesTransport {
  readonly backend: BackendName | 'replay';
  create(request: MessagesRequest, options: CallOptions): Promise<MessagesResponse>;
  /** Extra words for the console header (e.g. the claude-code pool's running count). */
  describe?(): string;
}

/**
 * A backend failure that is not an HTTP API error (the claude CLI exited, answered something that
 * is not JSON, a cassette has no answer). `retryable` is false: these do not get better in 250 ms.
 */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly retryable = false,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}
