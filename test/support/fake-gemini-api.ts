import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted model turn: call a function, or answer with text (which ends the run). */
export type GeminiStep =
  | { readonly call: string; readonly args: Record<string, unknown> }
  | { readonly text: string };

export interface FakeGeminiApi {
  /** For GOOGLE_GEMINI_BASE_URL. */
  readonly baseUrl: string;
  /** Every generate request body the agent sent. */
  readonly requests: Record<string, unknown>[];
  /** The function responses the agent sent back, in order (the tool results as the model saw them). */
  functionResponses(): Record<string, unknown>[];
  close(): Promise<void>;
}

/**
 * A scripted Gemini API (generativelanguage v1beta) on 127.0.0.1, the network boundary Gemini CLI
 * talks to. The step answered is the number of `role:"model"` entries already in `contents`, so
 * a retried request gets the same step; past the script it answers "done".
 */
export async function startFakeGeminiApi(steps: readonly GeminiStep[]): Promise<FakeGeminiApi> {
  const requests: Record<string, unknown>[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '';
      const match = /^\/v1beta\/models\/[^/:]+:(streamGenerateContent|generateContent|countTokens)/.exec(url);
      if (req.method !== 'POST' || !match) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 404, message: `no route ${req.method} ${url}` } }));
        return;
      }
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        res.writeHead(400).end();
        return;
      }
      if (match[1] === 'countTokens') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ totalTokens: 10 }));
        return;
      }
      requests.push(body);
      const contents = Array.isArray(body.contents) ? (body.contents as { role?: unknown }[]) : [];
      const turn = contents.filter((c) => c?.role === 'model').length;
      const step = steps[turn] ?? { text: 'done' };
      const part =
        'call' in step ? { functionCall: { name: step.call, args: step.args } } : { text: step.text };
      const chunk = {
        candidates: [{ content: { role: 'model', parts: [part] }, finishReason: 'STOP', index: 0 }],
        usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 15 },
        modelVersion: 'gemini-2.5-flash',
      };
      if (match[1] === 'generateContent') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(chunk));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.end(`data: ${JSON.stringify(chunk)}\r\n\r\n`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    functionResponses: () => {
      const last = requests.at(-1);
      const contents = Array.isArray(last?.contents) ? (last.contents as { parts?: unknown }[]) : [];
      return contents.flatMap((c) =>
        (Array.isArray(c.parts) ? (c.parts as Record<string, unknown>[]) : [])
          .filter((p) => typeof p?.functionResponse === 'object' && p.functionResponse !== null)
          .map((p) => p.functionResponse as Record<string, unknown>),
      );
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
