// A scripted Anthropic Messages API on 127.0.0.1: the only fake allowed in warden's tests (it sits at
// the network boundary). It serves the real Claude Code CLI (streaming SSE) and @anthropic-ai/sdk
// callers (plain JSON), records every request body, and answers what a handler scripts.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  /** Parsed JSON body (or `null` when it was not JSON). */
  body: any;
  headers: IncomingHttpHeaders;
  /** Path with query string, e.g. `/v1/messages?beta=true`. */
  path: string;
}

export type FakeReply =
  | {
      toolUse:
        | { name: string; input: unknown; id?: string }
        | { name: string; input: unknown; id?: string }[];
    }
  | { text: string; stopReason?: 'end_turn' | 'stop_sequence' | 'max_tokens' }
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { hang: true };

export type FakeHandler = (req: FakeRequest) => FakeReply | Promise<FakeReply>;

export interface FakeMessagesApi {
  /** Base URL, e.g. `http://127.0.0.1:43123` (give it to ANTHROPIC_BASE_URL or the SDK's baseURL). */
  url: string;
  /** Every POST /v1/messages request, in arrival order. */
  requests: FakeRequest[];
  close(): Promise<void>;
}

const MODEL_FALLBACK = 'claude-fake-1';

export async function startFakeMessagesApi(
  handler: FakeHandler = () => ({ text: 'done' }),
): Promise<FakeMessagesApi> {
  const requests: FakeRequest[] = [];
  const hanging = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    void serve(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
      }
      res.end(JSON.stringify(apiError('api_error', `fake API handler failed: ${String(err)}`)));
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = req.url ?? '/';
    const raw = await readBody(req);
    if (req.method !== 'POST' || !path.startsWith('/v1/messages')) {
      // Claude Code sends HEAD / at start-up; any reply will do.
      res.writeHead(req.method === 'HEAD' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(req.method === 'HEAD' ? undefined : JSON.stringify(apiError('not_found_error', 'not found')));
      return;
    }
    if (path.startsWith('/v1/messages/count_tokens')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ input_tokens: 10 }));
      return;
    }
    let body: any = null;
    try {
      body = JSON.parse(raw);
    } catch {
      body = null;
    }
    const fakeReq: FakeRequest = { body, headers: req.headers, path };
    requests.push(fakeReq);
    const reply = await handler(fakeReq);
    const model = typeof body?.model === 'string' ? body.model : MODEL_FALLBACK;
    writeReply(res, reply, model, body?.stream === true, hanging);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        hanging.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers one request as the handler scripted it (shared with the Bedrock and Vertex fakes). */
export function writeReply(
  res: ServerResponse,
  reply: FakeReply,
  model: string,
  stream: boolean,
  hanging: Set<ServerResponse>,
): void {
  if ('hang' in reply) {
    hanging.add(res);
    res.on('close', () => hanging.delete(res));
    return;
  }
  if ('status' in reply) {
    res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
    res.end(
      typeof reply.body === 'string'
        ? reply.body
        : JSON.stringify(reply.body ?? apiError('api_error', `status ${reply.status}`)),
    );
    return;
  }
  const message = toMessage(reply, model);
  if (stream) {
    writeSse(res, message);
  } else {
    res.writeHead(200, { 'content-type': 'application/json', 'request-id': `req_${randomUUID()}` });
    res.end(JSON.stringify(message));
  }
}

type ContentBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown };

interface Message {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: ContentBlock[];
  stop_reason: string;
  stop_sequence: string | null;
  usage: { input_tokens: number; output_tokens: number };
}

function toMessage(reply: FakeReply, model: string): Message {
  let content: ContentBlock[];
  let stopReason: string;
  if ('toolUse' in reply) {
    const uses = Array.isArray(reply.toolUse) ? reply.toolUse : [reply.toolUse];
    content = uses.map((u) => ({
      type: 'tool_use',
      id: u.id ?? `toolu_${randomUUID().replaceAll('-', '')}`,
      name: u.name,
      input: u.input,
    }));
    stopReason = 'tool_use';
  } else if ('text' in reply) {
    content = [{ type: 'text', text: reply.text }];
    stopReason = reply.stopReason ?? 'end_turn';
  } else {
    throw new Error('toMessage: not a message reply');
  }
  return {
    id: `msg_${randomUUID().replaceAll('-', '')}`,
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage: { input_tokens: 10, output_tokens: 10 },
  };
}

function writeSse(res: ServerResponse, message: Message): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const send = (event: string, data: unknown) =>
    res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  send('message_start', {
    type: 'message_start',
    message: { ...message, content: [], stop_reason: null, usage: { input_tokens: 10, output_tokens: 1 } },
  });
  message.content.forEach((block, index) => {
    if (block.type === 'text') {
      send('content_block_start', {
        type: 'content_block_start',
        index,
        content_block: { type: 'text', text: '' },
      });
      send('content_block_delta', {
        type: 'content_block_delta',
        index,
        delta: { type: 'text_delta', text: block.text },
      });
    } else {
      send('content_block_start', {
        type: 'content_block_start',
        index,
        content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} },
      });
      send('content_block_delta', {
        type: 'content_block_delta',
        index,
        delta: { type: 'input_json_delta', partial_json: JSON.stringify(block.input) },
      });
    }
    send('content_block_stop', { type: 'content_block_stop', index });
  });
  send('message_delta', {
    type: 'message_delta',
    delta: { stop_reason: message.stop_reason, stop_sequence: null },
    usage: { output_tokens: 10 },
  });
  send('message_stop', { type: 'message_stop' });
  res.end();
}

function apiError(type: string, message: string) {
  return { type: 'error', error: { type, message } };
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** One scripted model turn: a tool call, or several in one message. */
export type ScriptStep = { name: string; input: unknown } | { name: string; input: unknown }[];

export const SCRIPT_MARKER = 'WARDEN_SCRIPT:';

/** Builds a prompt that carries a script for {@link scriptedClaudeCodeHandler}. */
export function scriptPrompt(steps: ScriptStep[], preface = 'Run the scripted steps.'): string {
  return `${preface}\n${SCRIPT_MARKER}${JSON.stringify(steps)}\n`;
}

/**
 * A stateless scripted model for the Claude Code main loop. The script of tool calls travels in the
 * prompt (`WARDEN_SCRIPT:[...]` up to the end of that line); the turn number is the count of
 * assistant messages in the request. After the last step it answers text `done`. Requests that are
 * not the main loop (no tools, or no script in them: titles, summaries, classifiers) get plain text.
 */
export function scriptedClaudeCodeHandler(finalText = 'done'): FakeHandler {
  return ({ body }) => {
    const messages: unknown[] = Array.isArray(body?.messages) ? body.messages : [];
    const hasTools = Array.isArray(body?.tools) && body.tools.length > 0;
    const script = hasTools ? findScript(messages) : undefined;
    if (!script) return { text: finalText };
    const turn = messages.filter((m) => (m as { role?: unknown })?.role === 'assistant').length;
    const step = script[turn];
    return step === undefined ? { text: finalText } : { toolUse: step };
  };
}

function findScript(messages: unknown[]): ScriptStep[] | undefined {
  for (const m of messages) {
    const msg = m as { role?: unknown; content?: unknown };
    if (msg.role !== 'user') continue;
    for (const text of textsOf(msg.content)) {
      const at = text.indexOf(SCRIPT_MARKER);
      if (at < 0) continue;
      const line = text.slice(at + SCRIPT_MARKER.length).split('\n', 1)[0] ?? '';
      const parsed: unknown = JSON.parse(line);
      if (!Array.isArray(parsed)) throw new Error(`${SCRIPT_MARKER} must be a JSON array`);
      return parsed as ScriptStep[];
    }
  }
  return undefined;
}

function textsOf(content: unknown): string[] {
  if (typeof content === 'string') return [content];
  if (!Array.isArray(content)) return [];
  return content.flatMap((b) => {
    const block = b as { type?: unknown; text?: unknown };
    return block.type === 'text' && typeof block.text === 'string' ? [block.text] : [];
  });
}

/** Tool results the model saw, across the recorded requests, keyed by tool_use id (last wins). */
export function toolResultsSeen(requests: FakeRequest[]): Map<string, { content: string; isError: boolean }> {
  const out = new Map<string, { content: string; isError: boolean }>();
  for (const req of requests) {
    const messages: unknown[] = Array.isArray(req.body?.messages) ? req.body.messages : [];
    for (const m of messages) {
      const msg = m as { role?: unknown; content?: unknown };
      if (msg.role !== 'user' || !Array.isArray(msg.content)) continue;
      for (const b of msg.content) {
        const block = b as { type?: unknown; tool_use_id?: unknown; content?: unknown; is_error?: unknown };
        if (block.type !== 'tool_result' || typeof block.tool_use_id !== 'string') continue;
        out.set(block.tool_use_id, { content: resultText(block.content), isError: block.is_error === true });
      }
    }
  }
  return out;
}

function resultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return textsOf(content).join('\n');
  return content === undefined ? '' : JSON.stringify(content);
}
