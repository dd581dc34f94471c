import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { actionFromToolCall } from '../adapters/tool-call.js';
import { type ClassifyTiming, createClassifier } from '../classifier/client.js';
import { ms, summarize } from './stats.js';

/**
 * warden's own overhead per classified action, with a loopback Messages API that answers at once.
 * Overhead = the whole classify() call minus the time spent awaiting the SDK's messages.create
 * (the HTTP round trip and the SDK's own work): what is left is transcript reading, prompt
 * building, hashing, the cache, the limiter and answer parsing. Target: p99 ≤ 5 ms.
 */
export async function benchClassifier(out: (line: string) => void): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'warden-bench-classifier-'));
  const server = createServer(instantAnswer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const transcriptPath = path.join(dir, 'session.jsonl');
    await writeFile(transcriptPath, syntheticTranscript(20 * 1024 * 1024));
    for (const flagged of [false, true]) {
      const timings: ClassifyTiming[] = [];
      const classifier = createClassifier({
        apiKey: 'sk-bench',
        baseURL: url,
        models: { screen: flagged ? 'bench-flag' : 'bench-allow' },
        onTiming: (t) => timings.push(t),
      });
      const run = async (i: number) =>
        classifier.classify(
          actionFromToolCall({
            tool: 'Bash',
            input: {
              command: `rm -rf build/out-${i} && npm test -- --shard ${i}`,
              description: 'clean and test',
            },
            cwd: '/home/dev/project',
            transcriptPath,
          }),
        );
      for (let i = 0; i < 50; i++) await run(-i - 1); // warm-up (JIT, sockets)
      timings.length = 0;
      for (let i = 0; i < 1000; i++) await run(i);
      const overhead = summarize(timings.map((t) => t.totalMs - t.apiMs));
      const total = summarize(timings.map((t) => t.totalMs));
      const label = flagged ? 'screen + verdict (2 API calls)' : 'screen only (1 API call)';
      out(
        `${label}: overhead p50 ${ms(overhead.p50)}  p99 ${ms(overhead.p99)}  max ${ms(overhead.max)}  (n=${overhead.n}, target p99 ≤ 5 ms)`,
      );
      out(`  whole call incl. loopback HTTP + SDK: p50 ${ms(total.p50)}  p99 ${ms(total.p99)}`);
      const hits: number[] = [];
      const hitTimer = createClassifier({
        apiKey: 'sk-bench',
        baseURL: url,
        onTiming: (t) => hits.push(t.totalMs),
      });
      const same = actionFromToolCall({
        tool: 'Bash',
        input: { command: 'make' },
        cwd: '/p',
        transcriptPath,
      });
      for (let i = 0; i < 200; i++) await hitTimer.classify(same);
      const hit = summarize(hits.slice(1));
      if (!flagged)
        out(`cache hit (transcript read + prompt + hash): p50 ${ms(hit.p50)}  p99 ${ms(hit.p99)}`);
    }
    out('transcript: 20 MB synthetic session, 2000-token budget, read backwards in 64 KB chunks');
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(dir, { recursive: true, force: true });
  }
}

/** Answers every request at once: `bench-allow` screens allow; `bench-flag` screens check, then blocks. */
function instantAnswer(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      model: string;
      tool_choice: { name: string };
    };
    const tool = body.tool_choice.name;
    const input =
      tool === 'screen'
        ? { decision: body.model === 'bench-allow' ? 'allow' : 'check' }
        : { verdict: 'block', category: 'destroy-or-exfiltrate', reason: 'deletes outside the build dir' };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id: 'msg_bench',
        type: 'message',
        role: 'assistant',
        model: body.model,
        content: [{ type: 'tool_use', id: 'toolu_bench', name: tool, input }],
        stop_reason: 'tool_use',
        stop_sequence: null,
        usage: { input_tokens: 900, output_tokens: 20, cache_read_input_tokens: 800 },
      }),
    );
  });
}

/** A session: user requests among large tool results and assistant turns, newest user text near the end. */
function syntheticTranscript(bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  let n = 0;
  while (size < bytes) {
    const batch = [
      JSON.stringify({
        type: 'user',
        message: {
          role: 'user',
          content: `request ${n++}: ${'please fix the flaky test in the parser module and keep the API stable. '.repeat(3)}`,
        },
      }),
      JSON.stringify({
        type: 'assistant',
        message: { role: 'assistant', content: [{ type: 'text', text: 'working on it '.repeat(200) }] },
      }),
      JSON.stringify({
        type: 'user',
        message: {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: 't', content: 'log line\n'.repeat(4000) }],
        },
        toolUseResult: {},
      }),
    ];
    for (const line of batch) {
      lines.push(line);
      size += line.length + 1;
    }
  }
  return `${lines.join('\n')}\n`;
}
