import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { createAnalyzer } from '../analyzer/index.js';
import { startWarden } from '../app.js';
import { auditDir } from '../broker/audit-log.js';
import { readAudit } from '../broker/audit-reader.js';
import { CLASSIFIER_OFF } from '../domain/classification.js';
import type { ModeName } from '../domain/mode.js';
import { ms, summarize } from './stats.js';

/** Sessions post their actions one after another (as an agent does); sessions run concurrently. */
const CLIENT = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { url, token, sessions, actions, tools } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: sessions });
function post(body) {
  return new Promise((resolve) => {
    const req = http.request(url + '/hook/claude-code/PreToolUse', { method: 'POST', agent, headers: { authorization: 'Bearer ' + token } }, (res) => {
      let text = '';
      res.on('data', (c) => { text += c; });
      res.on('end', () => resolve(text));
    });
    req.on('error', (e) => resolve('ERROR ' + e.message));
    req.end(body);
  });
}
async function session(s) {
  const out = [];
  for (let i = 0; i < actions; i++) {
    const [tool, input] = tools[i % tools.length];
    const id = 'toolu_' + s + '_' + i;
    const body = JSON.stringify({ session_id: 'load-' + s, cwd: '/home/u/p', hook_event_name: 'PreToolUse', tool_name: tool, tool_input: input, tool_use_id: id });
    const start = performance.now();
    const text = await post(body);
    const ms = performance.now() - start;
    let decision = 'invalid';
    try { decision = JSON.parse(text).hookSpecificOutput.permissionDecision; } catch {}
    out.push({ id, ms, decision });
  }
  return out;
}
Promise.all(Array.from({ length: sessions }, (_, s) => session(s))).then((all) => parentPort.postMessage(all.flat()));
`;

export interface LoadResult {
  readonly answers: { id: string; ms: number; decision: string }[];
  readonly logged: Map<string, number>;
  /** Decision latency inside warden (arrival to answer), from the audit log, in ms. */
  readonly serverMs: number[];
  readonly wallMs: number;
}

/** Tool calls the tiers and rules decide without a person (reads, in-project edits, allowed commands). */
export const DECIDED_TOOLS: readonly [string, Record<string, unknown>][] = [
  ['Read', { file_path: 'src/index.ts' }],
  ['Edit', { file_path: 'src/index.ts', old_string: 'a', new_string: 'b' }],
  ['Grep', { pattern: 'TODO', path: 'src' }],
  ['Write', { file_path: 'notes/todo.md', content: 'x' }],
];

/** Runs `sessions` concurrent sessions of `actions` actions each against a fresh warden. */
export async function runLoad(
  sessions: number,
  actions: number,
  mode: ModeName = 'edits',
): Promise<LoadResult> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-load-'));
  const warden = await startWarden({
    home,
    env: { home: '/home/u', wardenHome: home, tempDirs: ['/tmp'] },
    analyzer: createAnalyzer(),
    classifier: CLASSIFIER_OFF,
    mode,
    port: 0,
    loadRules: () => ({ rules: [], errors: [] }),
  });
  const start = performance.now();
  const answers = await runClient(warden.server.url, warden.token, sessions, actions);
  const wallMs = performance.now() - start;
  await warden.close();
  const logged = new Map<string, number>();
  const serverMs: number[] = [];
  for (const r of readAudit(auditDir(home)).records) {
    if (r.event !== 'decision' || typeof r.toolUseId !== 'string') continue;
    logged.set(r.toolUseId, (logged.get(r.toolUseId) ?? 0) + 1);
    if (typeof r.latencyMs === 'number') serverMs.push(r.latencyMs);
  }
  fs.rmSync(home, { recursive: true, force: true });
  return { answers, logged, wallMs, serverMs };
}

/** The same load against a trivial loopback server that answers fixed JSON: the floor on this machine. */
async function trivialLoad(sessions: number, actions: number): Promise<{ ms: number[]; wallMs: number }> {
  const text =
    '{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"allow","permissionDecisionReason":"ok"}}';
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const start = performance.now();
  const answers = await runClient(url, 'x', sessions, actions);
  const wallMs = performance.now() - start;
  await new Promise<void>((r) => server.close(() => r()));
  return { ms: answers.map((a) => a.ms), wallMs };
}

function runClient(
  url: string,
  token: string,
  sessions: number,
  actions: number,
): Promise<LoadResult['answers']> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENT, {
      eval: true,
      workerData: { url, token, sessions, actions, tools: DECIDED_TOOLS },
    });
    worker.once('message', (a: LoadResult['answers']) => {
      void worker.terminate();
      resolve(a);
    });
    worker.once('error', reject);
  });
}

export async function benchLoad(out: (line: string) => void): Promise<void> {
  const floor = await trivialLoad(50, 100);
  const f = summarize(floor.ms);
  const { answers, logged, wallMs, serverMs } = await runLoad(50, 100);
  const inside = summarize(serverMs);
  const s = summarize(answers.map((a) => a.ms));
  const lost = answers.filter((a) => logged.get(a.id) !== 1).length;
  const bad = answers.filter((a) => a.decision !== 'allow').length;
  out(
    `load: 50 sessions × 100 actions = ${answers.length} decisions in ${(wallMs / 1000).toFixed(2)} s (${Math.round(answers.length / (wallMs / 1000))}/s)`,
  );
  out(`load: decision round trip p50 ${ms(s.p50)}  p99 ${ms(s.p99)}  max ${ms(s.max)}  (target p99 ≤ 5 ms)`);
  out(
    `load: same load on a trivial loopback server: ${(floor.wallMs / 1000).toFixed(2)} s, p50 ${ms(f.p50)}  p99 ${ms(f.p99)} (the floor here)`,
  );
  out(
    `load: decision latency inside warden (arrival to answer, from the audit log, 1 ms resolution): p50 ${inside.p50} ms  p99 ${inside.p99} ms  max ${inside.max} ms`,
  );
  out(`load: lost or duplicated in the audit log: ${lost}; unexpected answers: ${bad}`);
}
