import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * One loopback server that speaks the shapes of every classifier backend, answering at once: the
 * Messages API (plain JSON, or SSE for the Claude Code CLI), Bedrock's invoke and Vertex's
 * rawPredict. Every screen is answered `allow` (the model's own tool, or Claude Code's
 * StructuredOutput). `delayMs` holds each answer back, `inFlight`/`peak` count open requests.
 */
export interface FakeModelApi {
  readonly url: string;
  readonly stats: { requests: number; inFlight: number; peak: number };
  close(): Promise<void>;
}

export async function startFakeModelApi(delayMs = 0): Promise<FakeModelApi> {
  const stats = { requests: 0, inFlight: 0, peak: 0 };
  const server = createServer((req, res) => void answer(req, res));
  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = req.url ?? '/';
    if (req.method !== 'POST' || url.startsWith('/v1/messages/count_tokens')) {
      res.writeHead(req.method === 'HEAD' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(req.method === 'HEAD' ? undefined : '{"input_tokens":10}');
      return;
    }
    let body: {
      model?: string;
      stream?: boolean;
      tools?: { name: string }[];
      tool_choice?: { name: string };
    };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res.writeHead(400);
      res.end();
      return;
    }
    stats.requests++;
    stats.inFlight++;
    stats.peak = Math.max(stats.peak, stats.inFlight);
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    stats.inFlight--;
    const structured = body.tools?.find((t) => /structured/i.test(t.name))?.name;
    const name = body.tool_choice?.name ?? structured ?? 'screen';
    const message = {
      id: 'msg_bench',
      type: 'message',
      role: 'assistant',
      model: body.model ?? 'bench',
      content: [{ type: 'tool_use', id: 'toolu_bench', name, input: { decision: 'allow' } }],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: 900, output_tokens: 20, cache_read_input_tokens: 800 },
    };
    if (!body.stream) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(message));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const send = (event: string, data: unknown) =>
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    send('message_start', { type: 'message_start', message: { ...message, content: [], stop_reason: null } });
    send('content_block_start', {
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'tool_use', id: 'toolu_bench', name, input: {} },
    });
    send('content_block_delta', {
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'input_json_delta', partial_json: '{"decision":"allow"}' },
    });
    send('content_block_stop', { type: 'content_block_stop', index: 0 });
    send('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: { output_tokens: 20 },
    });
    send('message_stop', { type: 'message_stop' });
    res.end();
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
