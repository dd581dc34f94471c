import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { actionFromToolCall } from '../adapters/tool-call.js';
import { createAnalyzer } from '../analyzer/index.js';
import { inMemoryConsoleDeps } from '../demo/simple-deps.js';
import { decide } from '../policy/decide.js';
import { compileRules } from '../policy/rules/index.js';
import { createWardenStore, type WardenStore } from '../store/create-store.js';
import { sequenceOf } from '../ui/keymap.js';
import { renderConsole } from '../ui/render-console.js';

/** A terminal-sized sink for Ink's output (counts bytes, keeps nothing). */
class NullTerminal extends EventEmitter {
  readonly isTTY = true;
  readonly columns = 120;
  readonly rows = 40;
  bytes = 0;
  write(chunk: string): boolean {
    this.bytes += chunk.length;
    return true;
  }
}

/** Key input the way Ink reads a tty. */
class KeyInput extends EventEmitter {
  readonly isTTY = true;
  private data: string | null = null;
  press(bytes: string): void {
    this.data = bytes;
    this.emit('readable');
  }
  read(): string | null {
    const data = this.data;
    this.data = null;
    return data;
  }
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

function makeStore(): WardenStore {
  const env = { home: '/home/bench', wardenHome: '/home/bench/.warden', tempDirs: ['/tmp'] };
  const analyzer = createAnalyzer();
  return createWardenStore({
    judge: (action, rules, mode, denials) => decide(action, rules, mode, { env, analyzer, denials }),
    compileRules,
  });
}

function feed(store: WardenStore, count: number, heldEvery: number, from = 0): void {
  for (let i = from; i < from + count; i++) {
    const held = i % heldEvery === 0;
    const call = held
      ? { tool: 'Bash', input: { command: `npm run task-${i} -- --flag ${i}` } }
      : { tool: 'Read', input: { file_path: `src/module-${i}.ts` } };
    store.getState().receive(actionFromToolCall({ ...call, cwd: '/home/bench/p', sessionId: `s${i % 3}` }));
  }
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
  return { median: at(0.5), p95: at(0.95), max: s[s.length - 1] ?? Number.NaN };
};
const ms = (n: number) => `${n.toFixed(2)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const sleep = (t: number) => new Promise((resolve) => setTimeout(resolve, t));

async function scenario(
  out: (line: string) => void,
  label: string,
  total: number,
  heldEvery: number,
): Promise<void> {
  const store = makeStore();
  const stdout = new NullTerminal();
  const stdin = new KeyInput();
  const deps = inMemoryConsoleDeps(store);
  const frameTimes: number[] = [];
  const instance = renderConsole(store, deps, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    color: true,
    onRender: ({ renderTime }) => frameTimes.push(renderTime),
  });
  // Actions arrive while the console runs, 50 per tick, as a busy agent's would.
  const t0 = performance.now();
  for (let i = 0; i < total; i += 50) {
    feed(store, Math.min(50, total - i), heldEvery, i);
    await new Promise((r) => setImmediate(r));
  }
  await sleep(60);
  const feedMs = performance.now() - t0;
  const f = stats(frameTimes);
  const { held, decided } = store.getState();
  out(
    `ui ${label}: ${total} actions arriving live (${decided.length} decided, ${held.length} held) in ${ms(feedMs)}: ${frameTimes.length} frames, frame render median ${ms(f.median)}, p95 ${ms(f.p95)}, max ${ms(f.max)}`,
  );

  const latencies: number[] = [];
  frameTimes.length = 0;
  let lastWrite = 0;
  const write = stdout.write.bind(stdout);
  stdout.write = (chunk: string) => {
    lastWrite = performance.now();
    return write(chunk);
  };
  const press = async (bytes: string) => {
    await sleep(40); // past Ink's frame throttle, like a person typing
    const before = lastWrite;
    const start = performance.now();
    stdin.press(bytes);
    const until = start + 1000;
    while (lastWrite === before && performance.now() < until) await new Promise((r) => setImmediate(r));
    latencies.push(lastWrite - start);
  };
  for (let i = 0; i < 20; i++) await press(sequenceOf('cursor.down'));
  for (let i = 0; i < 10; i++) await press(sequenceOf('mark.toggle'));
  for (let i = 0; i < 10; i++) await press(sequenceOf('approve'));
  const k = stats(latencies);
  const r = stats(frameTimes);
  out(
    `ui ${label}: keypress-to-frame (move/mark/approve, n=${latencies.length}): median ${ms(k.median)}, p95 ${ms(k.p95)}, max ${ms(k.max)} (target ≤ 50 ms); frame render median ${ms(r.median)}; RSS ${mb(process.memoryUsage().rss)}`,
  );
  instance.unmount();
}

/**
 * Console benchmark: frame time with 10,000 actions, keypress-to-frame latency, RSS. Run with
 * NODE_ENV=production: React's development build is several times slower and larger.
 */
export async function benchUi(out: (line: string) => void): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (process.env.NODE_ENV !== 'production')
    out('ui: NODE_ENV is not production: React runs its slower development build');
  await scenario(out, 'mostly decided', 10_000, 10);
  await scenario(out, 'all held', 10_000, 1);
  gc?.();
  const mem = process.memoryUsage();
  out(
    `ui memory after both runs: RSS ${mb(mem.rss)} (peak, not returned to the OS), heap used ${mb(mem.heapUsed)} (target RSS ≤ 200 MB)`,
  );
}
