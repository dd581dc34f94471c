import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted model step: call a tool, or answer with text (which ends the turn). */
export type OpenAiStep =
  | { readonly call: string; readonly args: Record<string, unknown> }
  | { readonly custom: string; readonly input: string }
  | { readonly text: string };

export interface FakeOpenAiApi {
  /** Base URL to put in Codex's `model_providers.<id>.base_url` (ends in /v1). */
  readonly baseUrl: string;
  /** Every request body the agent sent to /v1/responses. */
  readonly requests: Record<string, unknown>[];
  /** The outputs of the tool calls, as the agent reported them back (function_call_output items). */
  toolOutputs(): string[];
  close(): Promise<void>;
}

/**
 * A scripted OpenAI Responses API on 127.0.0.1 (the network boundary Codex talks to). The step
 * answered is the number of tool results already in the request's `input`, so retries and extra
 * requests replay the same step instead of skipping one; past the script it answers "done".
 */
export async function startFakeOpenAiApi(steps: readonly OpenAiStep[]): Promise<FakeOpenAiApi> {
  const requests: Record<string, unknown>[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.startsWith('/v1/responses')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }));
        return;
      }
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        res.writeHead(400).end();
        return;
      }
      requests.push(body);
      const done = outputsIn(body).length;
      const step = steps[done] ?? { text: 'done' };
      const n = requests.length;
      const item =
        'custom' in step
          ? {
              type: 'custom_tool_call',
              id: `ctc_${n}`,
              call_id: `call_${n}`,
              name: step.custom,
              input: step.input,
            }
          : 'call' in step
            ? {
                type: 'function_call',
                id: `fc_${n}`,
                call_id: `call_${n}`,
                name: step.call,
                arguments: JSON.stringify(step.args),
              }
            : {
                type: 'message',
                id: `msg_${n}`,
                role: 'assistant',
                content: [{ type: 'output_text', text: step.text, annotations: [] }],
              };
      const response = { id: `resp_${n}`, object: 'response', status: 'in_progress', output: [] };
      const events = [
        { type: 'response.created', response },
        { type: 'response.output_item.done', output_index: 0, item },
        {
          type: 'response.completed',
          response: {
            ...response,
            status: 'completed',
            output: [item],
            usage: {
              input_tokens: 10,
              input_tokens_details: { cached_tokens: 0 },
              output_tokens: 5,
              output_tokens_details: { reasoning_tokens: 0 },
              total_tokens: 15,
            },
          },
        },
      ];
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      for (const e of events) res.write(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    toolOutputs: () => (requests.length === 0 ? [] : outputsIn(requests.at(-1)!)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function outputsIn(body: Record<string, unknown>): string[] {
  const input = Array.isArray(body.input) ? (body.input as Record<string, unknown>[]) : [];
  return input
    .filter((i) => i?.type === 'function_call_output' || i?.type === 'custom_tool_call_output')
    .map((i) => (typeof i.output === 'string' ? i.output : JSON.stringify(i.output)));
}
