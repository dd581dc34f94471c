// The console in a real terminal (tmux): a held action shows on screen, `a` approves it, and the
// agent's hook gets allow. Once with a hand-made hook request, once with the real Claude Code CLI
// waiting on the held action. These need the Ink console (issue 4); while src/commands/console.ts is
// still the placeholder (it prints decisions and reads no keys) they are skipped.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { removeDir, runClaude, tempDir } from '../support/claude-runner.js';
import {
  type FakeMessagesApi,
  scriptedClaudeCodeHandler,
  scriptPrompt,
  startFakeMessagesApi,
} from '../support/fake-messages-api.js';
import { startTerminal, type Terminal } from '../support/tmux-terminal.js';
import { installClaudeCode, WARDEN_BIN, wardenEnv } from '../support/warden-process.js';
import { ensureBuilt, ROOT, waitFor } from './harness.js';

const consoleIsPlaceholder = readFileSync(join(ROOT, 'src/commands/console.ts'), 'utf8').includes(
  'PLACEHOLDER',
);

let api: FakeMessagesApi;
let root: string;
let project: string;
let wardenHome: string;
let env: Record<string, string>;
let term: Terminal | undefined;

beforeAll(async () => {
  if (consoleIsPlaceholder) return;
  await ensureBuilt();
  api = await startFakeMessagesApi(scriptedClaudeCodeHandler());
});
afterAll(async () => {
  await api?.close();
});
beforeEach(() => {
  root = tempDir('warden-console-');
  project = join(root, 'project');
  wardenHome = join(root, 'warden-home');
  for (const d of [project, wardenHome, join(root, 'home')]) mkdirSync(d);
  env = wardenEnv(wardenHome, join(root, 'home'));
});
afterEach(async () => {
  await term?.close();
  term = undefined;
  removeDir(root);
});

/** Starts `warden` (the console) in a 120×40 terminal; resolves with its port once it listens. */
async function startConsole(): Promise<{ term: Terminal; port: number; token: string }> {
  term = await startTerminal({
    command: process.execPath,
    args: [WARDEN_BIN, '--port', '0', '--mode', 'manual'],
    env,
    cwd: project,
    cols: 120,
    rows: 40,
  });
  const endpointFile = join(wardenHome, 'endpoint.json');
  let port = 0;
  await waitFor(
    () => {
      if (!existsSync(endpointFile)) return false;
      port = (JSON.parse(readFileSync(endpointFile, 'utf8')) as { port?: number }).port ?? 0;
      return port > 0;
    },
    15_000,
    'the console to listen',
  ).catch(async (e: unknown) => {
    throw new Error(`${String(e)}; screen:\n${await term?.capture()}`);
  });
  return { term, port, token: readFileSync(join(wardenHome, 'token'), 'utf8').trim() };
}

describe.skipIf(consoleIsPlaceholder)('the console in a real terminal', { timeout: 45_000 }, () => {
  it('a held action posted to the endpoint shows on screen; `a` answers the hook allow', async () => {
    const { term, port, token } = await startConsole();
    const marker = `echo held-${Date.now()}`;
    const answer = fetch(`http://127.0.0.1:${port}/hook/claude-code/PreToolUse`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        session_id: 'sess-term',
        transcript_path: join(root, 't.jsonl'),
        cwd: project,
        permission_mode: 'default',
        hook_event_name: 'PreToolUse',
        tool_name: 'Bash',
        tool_input: { command: marker, description: 'held' },
        tool_use_id: 'toolu_term_1',
      }),
    }).then((r) => r.json());
    answer.catch(() => undefined); // awaited below; keeps an early failure from going unhandled
    await term.waitForText(new RegExp(marker));
    await term.sendKeys('a');
    const body = (await answer) as { hookSpecificOutput?: { permissionDecision?: string } };
    expect(body.hookSpecificOutput?.permissionDecision).toBe('allow');
  });

  it('the real Claude Code CLI waits on a held action until `a` is pressed, then runs it', async () => {
    const { term, port } = await startConsole();
    await installClaudeCode({ env, projectDir: project, port });
    const made = join(project, 'approved-by-key.txt');
    const pending = runClaude({
      apiUrl: api.url,
      projectDir: project,
      prompt: scriptPrompt([{ name: 'Bash', input: { command: `touch ${made}`, description: 'touch' } }]),
      timeoutMs: 30_000,
    });
    await term.waitForText(/approved-by-key\.txt/, 20_000);
    // Claude Code is blocked on the hook: nothing has run yet.
    await new Promise((r) => setTimeout(r, 300));
    expect(existsSync(made)).toBe(false);
    await term.sendKeys('a');
    const run = await pending;
    expect(run.timedOut).toBe(false);
    expect(existsSync(made)).toBe(true);
    expect(run.permissionDenials).toEqual([]);
  });
});
