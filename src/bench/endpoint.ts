import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { createAnalyzer } from '../analyzer/index.js';
import { startWarden } from '../app.js';
import { CLASSIFIER_OFF } from '../domain/classification.js';
import { ms, summarize } from './stats.js';

/**
 * The client runs in a worker thread (its own event loop, on the other core), as an agent would in
 * its own process, so the server's time is not mixed with the client's.
 */
const CLIENT = `
const http = require('node:http');
const { parentPort } = require('node:worker_threads');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function post(url, token, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.end(body);
  });
}
parentPort.on('message', async ({ url, token, bodies, rounds }) => {
  const samples = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await post(url, token, bodies[i % bodies.length]);
    samples.push(performance.now() - start);
  }
  parentPort.postMessage(samples);
});
`;

function startClient(): {
  run(url: string, token: string, bodies: readonly string[], rounds: number): Promise<number[]>;
  stop(): Promise<number>;
} {
  const worker = new Worker(CLIENT, { eval: true });
  return {
    run: (url, token, bodies, rounds) =>
      new Promise((resolve) => {
        worker.once('message', (samples: number[]) => resolve(samples));
        worker.postMessage({ url, token, bodies, rounds });
      }),
    stop: () => worker.terminate(),
  };
}

/**
 * Endpoint round trip (one PreToolUse decided by the tiers) next to a trivial loopback HTTP server
 * that reads the body and answers fixed JSON, measured in the same run, alternating batches.
 */
export async function benchEndpoint(out: (line: string) => void): Promise<void> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-bench-'));
  const warden = await startWarden({
    home,
    env: { home: '/home/u', wardenHome: home, tempDirs: ['/tmp'] },
    analyzer: createAnalyzer(),
    classifier: CLASSIFIER_OFF,
    mode: 'edits',
    port: 0,
    loadRules: () => ({
      rules: [{ effect: 'allow', text: 'Bash(npm test *)', source: { origin: 'session' } }],
      errors: [],
    }),
  });
  const trivial = await startTrivialServer(0);
  // calibration: the same trivial server, busy for CALIBRATION_US before it answers
  const busy = await startTrivialServer(CALIBRATION_US);
  const trivialUrl = trivial.url;
  const bodies = ['Read', 'Edit', 'Write'].map((tool, i) =>
    JSON.stringify({
      session_id: 'bench',
      cwd: '/home/u/p',
      hook_event_name: 'PreToolUse',
      tool_name: tool,
      tool_input:
        tool === 'Bash'
          ? { command: 'npm test -- --run' }
          : { file_path: `src/f${i}.ts`, old_string: 'a', new_string: 'b' },
      tool_use_id: `toolu_${i}`,
    }),
  );
  const wardenUrl = `${warden.server.url}/hook/claude-code/PreToolUse`;
  const client = startClient();
  // Warm up both, then alternate batches so both see the same machine state.
  await client.run(wardenUrl, warden.token, bodies, 500);
  await client.run(trivialUrl, '', bodies, 500);
  await client.run(busy.url, '', bodies, 500);
  const w: number[] = [];
  const t: number[] = [];
  const b: number[] = [];
  for (let batch = 0; batch < 10; batch++) {
    w.push(...(await client.run(wardenUrl, warden.token, bodies, 300)));
    t.push(...(await client.run(trivialUrl, '', bodies, 300)));
    b.push(...(await client.run(busy.url, '', bodies, 300)));
  }
  await client.stop();
  const ws = summarize(w);
  const ts = summarize(t);
  out(`endpoint round trip (warden, ${ws.n} requests): p50 ${ms(ws.p50)}  p99 ${ms(ws.p99)}`);
  out(`trivial loopback server (${ts.n} requests):      p50 ${ms(ts.p50)}  p99 ${ms(ts.p99)}`);
  out(
    `ratio warden/trivial: p50 ${(ws.p50 / ts.p50).toFixed(2)}×  p99 ${(ws.p99 / ts.p99).toFixed(2)}×  (target ≤ 1.2×)`,
  );
  const bs = summarize(b);
  out(
    `calibration: the trivial server after ${CALIBRATION_US} µs of busy work: p50 ${ms(bs.p50)}  p99 ${ms(bs.p99)}  (+${((bs.p50 - ts.p50) * 1000).toFixed(0)} µs at p50)`,
  );
  await warden.close();
  await trivial.close();
  await busy.close();
  fs.rmSync(home, { recursive: true, force: true });
}

const CALIBRATION_US = 40;

/** A loopback server that reads the body and answers fixed hook JSON, optionally after busy work. */
async function startTrivialServer(busyMicros: number): Promise<{ url: string; close(): Promise<void> }> {
  const text =
    '{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"allow","permissionDecisionReason":"ok"}}';
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const until = performance.now() + busyMicros / 1000;
      while (performance.now() < until);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
