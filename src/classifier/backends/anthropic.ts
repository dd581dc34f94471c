import Anthropic from '@anthropic-ai/sdk';
import type { MessagesRequest, MessagesTransport } from '../transport.js';

export interface AnthropicSettings {
  readonly apiKey?: string | undefined;
  /** Sent as `Authorization: Bearer` (ANTHROPIC_AUTH_TOKEN, as gateways expect). */
  readonly authToken?: string | undefined;
  readonly baseURL?: string | undefined;
  /** Extra headers for a gateway (ANTHROPIC_CUSTOM_HEADERS). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
}

/** The Anthropic API (or a gateway that speaks it) through @anthropic-ai/sdk. */
export function anthropicTransport(settings: AnthropicSettings): MessagesTransport {
  const client = new Anthropic({
    // null, not undefined: the SDK must not reach for other credentials behind our back.
    apiKey: settings.apiKey || null,
    authToken: settings.authToken || null,
    ...(settings.baseURL ? { baseURL: settings.baseURL } : {}),
    ...(settings.headers && Object.keys(settings.headers).length > 0 && { defaultHeaders: settings.headers }),
    // warden retries itself, only when the wait fits the deadline.
    maxRetries: 0,
    timeout: Math.ceil(settings.timeoutMs),
  });
  return sdkTransport('anthropic', client);
}

/** What the Anthropic, Bedrock and Vertex clients have in common. */
export interface MessagesClient {
  readonly messages: {
    create(
      request: never,
      options: { signal: AbortSignal; timeout: number; maxRetries: number },
    ): PromiseLike<unknown>;
  };
}

export function sdkTransport(
  backend: 'anthropic' | 'bedrock' | 'vertex',
  client: MessagesClient | Promise<MessagesClient>,
): MessagesTransport {
  return {
    backend,
    async create(request: MessagesRequest, { signal, timeout }) {
      const c = await client;
      const response = (await c.messages.create(request as never, {
        signal,
        timeout,
        maxRetries: 0,
      })) as { content: unknown; usage: unknown; model?: unknown };
      return {
        content: Array.isArray(response.content) ? response.content : [],
        usage: (response.usage ?? { input_tokens: 0, output_tokens: 0 }) as never,
        model: typeof response.model === 'string' && response.model ? response.model : request.model,
      };
    },
  };
}

/** ANTHROPIC_CUSTOM_HEADERS as Claude Code reads it: `Name: value` lines. */
export function parseCustomHeaders(text: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of (text ?? '').split(/\r?\n/)) {
    const at = line.indexOf(':');
    if (at <= 0) continue;
    const name = line.slice(0, at).trim();
    const value = line.slice(at + 1).trim();
    if (name && value && /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) headers[name] = value;
  }
  return headers;
}
