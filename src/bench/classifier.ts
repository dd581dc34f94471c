import { createHash } from 'node:crypto';
import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { actionFromToolCall } from '../adapters/tool-call.js';
import { parseVerdict } from '../classifier/answer.js';
import { type ClassifyTiming, createClassifier } from '../classifier/client.js';
import { actionPrompt } from '../classifier/prompt.js';
import { TranscriptReader } from '../classifier/transcript.js';
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
      for (let i = 0; i < 1000; i++) {
        // The session goes on between actions: a tool result and an agent turn, a user message every 10.
        await appendFile(transcriptPath, sessionStep(i));
        await run(i);
      }
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
    // The pieces, timed alone (same growing transcript): read, prompt + cache key, answer parsing.
    const reader = new TranscriptReader();
    await reader.read(transcriptPath);
    const reads: number[] = [];
    const builds: number[] = [];
    const parses: number[] = [];
    const reply = [
      {
        type: 'tool_use',
        name: 'verdict',
        input: { verdict: 'block', category: 'bypass-review', reason: 'ask first' },
      },
    ];
    for (let i = 0; i < 1000; i++) {
      await appendFile(transcriptPath, sessionStep(10_000 + i));
      let t0 = performance.now();
      const got = await reader.read(transcriptPath);
      reads.push(performance.now() - t0);
      const action = actionFromToolCall({
        tool: 'Bash',
        input: { command: `make -j${i}` },
        cwd: '/p',
        transcriptPath,
      });
      t0 = performance.now();
      const prompt = actionPrompt(action, got.messages, got.note);
      createHash('sha256').update(prompt).digest('base64url');
      builds.push(performance.now() - t0);
      t0 = performance.now();
      parseVerdict(reply);
      parses.push(performance.now() - t0);
    }
    for (const [name, samples] of [
      ['transcript read (incremental)', reads],
      ['prompt build + cache key', builds],
      ['answer parse (zod)', parses],
    ] as const) {
      const p = summarize(samples);
      out(`  piece: ${name}: p50 ${ms(p.p50)}  p99 ${ms(p.p99)}`);
    }
    out(
      `load average while measuring: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} (cores shared with other work inflate p99)`,
    );
    const cold: number[] = [];
    for (let i = 0; i < 30; i++) {
      const reader = new TranscriptReader();
      const t0 = performance.now();
      await reader.read(transcriptPath);
      cold.push(performance.now() - t0);
    }
    const c = summarize(cold);
    out(`first read of a session's transcript (cold, once per session): p50 ${ms(c.p50)}  max ${ms(c.max)}`);
    out('transcript: 20 MB synthetic session growing ~14 KB per action, 2000-token budget');
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

function sessionStep(i: number): string {
  const lines = [
    JSON.stringify({
      type: 'assistant',
      message: { role: 'assistant', content: [{ type: 'text', text: 'next step '.repeat(100) }] },
    }),
    JSON.stringify({
      type: 'user',
      message: {
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: `t${i}`, content: 'output\n'.repeat(1500) }],
      },
      toolUseResult: {},
    }),
  ];
  if (i % 10 === 0)
    lines.push(JSON.stringify({ type: 'user', message: { role: 'user', content: `now do step ${i}` } }));
  return `${lines.join('\n')}\n`;
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
