// Proves the e2e harness against the real Claude Code CLI with a tiny http hook server written here
// (not warden): the PreToolUse hook gets the payload, its deny blocks, its allow lets the tool run, and
// an unreachable hook URL is measured.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { removeDir, runClaude, tempDir } from '../support/claude-runner.js';
import {
  type FakeMessagesApi,
  scriptedClaudeCodeHandler,
  scriptPrompt,
  startFakeMessagesApi,
  toolResultsSeen,
} from '../support/fake-messages-api.js';

interface HookCall {
  path: string;
  headers: Record<string, unknown>;
  body: Record<string, unknown>;
}

type HookAnswer = (call: HookCall) => unknown;

async function startHookServer(
  answer: HookAnswer,
): Promise<{ url: string; calls: HookCall[]; close(): Promise<void> }> {
  const calls: HookCall[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const call: HookCall = {
        path: req.url ?? '',
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      };
      calls.push(call);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer(call) ?? {}));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function writeHookSettings(projectDir: string, baseUrl: string): void {
  const hook = (event: string) => [
    {
      matcher: '*',
      hooks: [
        {
          type: 'http',
          url: `${baseUrl}/${event}`,
          headers: { Authorization: 'Bearer $SMOKE_TOKEN' },
          allowedEnvVars: ['SMOKE_TOKEN'],
          timeout: 10,
        },
      ],
    },
  ];
  const settings = {
    hooks: {
      PreToolUse: hook('pre'),
      PostToolUse: hook('post'),
      // Measured: Claude Code 2.1.197 skips http hooks on SessionStart; only the command hook runs.
      SessionStart: [
        { hooks: [...hook('session')[0]!.hooks, { type: 'command', command: 'cat > session-start.json' }] },
      ],
    },
  };
  mkdirSync(join(projectDir, '.claude'), { recursive: true });
  writeFileSync(join(projectDir, '.claude', 'settings.local.json'), JSON.stringify(settings, null, 2));
}

const pre = (decision: string, reason: string) => ({
  hookSpecificOutput: {
    hookEventName: 'PreToolUse',
    permissionDecision: decision,
    permissionDecisionReason: reason,
  },
});

let api: FakeMessagesApi;
let root: string;
let project: string;
let outside: string;

beforeAll(async () => {
  api = await startFakeMessagesApi(scriptedClaudeCodeHandler());
});
afterAll(async () => {
  await api.close();
});
beforeEach(() => {
  api.requests.length = 0;
  root = tempDir('warden-smoke-');
  project = join(root, 'project');
  outside = join(root, 'outside');
  mkdirSync(project);
  mkdirSync(outside);
  writeFileSync(join(outside, 'keep.txt'), 'precious');
});
afterEach(() => removeDir(root));

describe('Claude Code http hooks (harness smoke test, no warden)', { timeout: 45_000 }, () => {
  it('a PreToolUse deny blocks `rm -rf <dir>`: the dir survives and the model gets the reason', async () => {
    const hooks = await startHookServer((call) =>
      call.path === '/pre' ? pre('deny', 'SMOKE-DENY: deleting outside the project') : {},
    );
    try {
      writeHookSettings(project, hooks.url);
      const run = await runClaude({
        apiUrl: api.url,
        projectDir: project,
        prompt: scriptPrompt([
          { name: 'Bash', input: { command: `rm -rf ${outside}`, description: 'clean' } },
        ]),
        env: { SMOKE_TOKEN: 'tok-123' },
        // Under bypass Claude Code's own guards are off (its default mode refuses an rm outside the
        // working directory by itself): the hook's deny is the only thing that blocks it.
        permissionMode: 'bypassPermissions',
        timeoutMs: 20_000,
      });
      expect(run.timedOut).toBe(false);
      expect(run.exitCode).toBe(0);
      expect(existsSync(join(outside, 'keep.txt'))).toBe(true);

      const preCall = hooks.calls.find((c) => c.path === '/pre');
      expect(preCall?.headers.authorization).toBe('Bearer tok-123');
      expect(preCall?.body).toMatchObject({
        hook_event_name: 'PreToolUse',
        tool_name: 'Bash',
        tool_input: { command: `rm -rf ${outside}` },
        cwd: project,
        permission_mode: 'bypassPermissions',
      });
      expect(typeof preCall?.body.tool_use_id).toBe('string');
      // The model's next request carries the deny reason as an error tool_result.
      const seen = toolResultsSeen(api.requests).get(preCall?.body.tool_use_id as string);
      expect(seen?.isError).toBe(true);
      expect(seen?.content).toContain('SMOKE-DENY: deleting outside the project');
      expect(run.permissionDenials.map((d) => d.tool_name)).toEqual(['Bash']);
      // No PostToolUse for a tool that never ran.
      expect(hooks.calls.some((c) => c.path === '/post')).toBe(false);
      dump('deny', hooks.calls, run.hookResponses);
    } finally {
      await hooks.close();
    }
  });

  it('a PreToolUse allow lets `touch <file>` run; PostToolUse and SessionStart payloads arrive', async () => {
    const hooks = await startHookServer((call) => (call.path === '/pre' ? pre('allow', 'SMOKE-ALLOW') : {}));
    try {
      writeHookSettings(project, hooks.url);
      const file = join(project, 'made-by-agent.txt');
      const run = await runClaude({
        apiUrl: api.url,
        projectDir: project,
        prompt: scriptPrompt([{ name: 'Bash', input: { command: `touch ${file}`, description: 'touch' } }]),
        env: { SMOKE_TOKEN: 'tok-123' },
        timeoutMs: 20_000,
      });
      expect(run.exitCode).toBe(0);
      expect(existsSync(file)).toBe(true);
      expect(run.permissionDenials).toEqual([]);
      const post = hooks.calls.find((c) => c.path === '/post');
      expect(hooks.calls.find((c) => c.path === '/pre')?.body.permission_mode).toBe('default');
      expect(post?.body).toMatchObject({
        hook_event_name: 'PostToolUse',
        tool_name: 'Bash',
        tool_input: { command: `touch ${file}` },
      });
      expect(post?.body.tool_response).toBeDefined();
      // SessionStart: the http hook is not called at all, the command hook is (in the project dir).
      expect(hooks.calls.some((c) => c.path === '/session')).toBe(false);
      const sessionStart = JSON.parse(readFileSync(join(project, 'session-start.json'), 'utf8'));
      expect(sessionStart).toMatchObject({
        hook_event_name: 'SessionStart',
        cwd: project,
        source: 'startup',
      });
      expect(sessionStart.session_id).toBe(post?.body.session_id);
      expect(run.result?.result).toBe('done');
      dump('allow', hooks.calls, sessionStart, run.hookResponses);
    } finally {
      await hooks.close();
    }
  });

  it('a PreToolUse ask is a denial in -p, even under bypassPermissions; the model reads the reason', async () => {
    const hooks = await startHookServer((call) =>
      call.path === '/pre' ? pre('ask', 'SMOKE-ASK: a person decides') : {},
    );
    try {
      writeHookSettings(project, hooks.url);
      const victim = join(project, 'victim.txt');
      writeFileSync(victim, 'x');
      const run = await runClaude({
        apiUrl: api.url,
        projectDir: project,
        prompt: scriptPrompt([{ name: 'Bash', input: { command: `rm ${victim}`, description: 'rm' } }]),
        env: { SMOKE_TOKEN: 't' },
        permissionMode: 'bypassPermissions',
        timeoutMs: 20_000,
      });
      expect(run.exitCode).toBe(0);
      expect(existsSync(victim)).toBe(true);
      expect(run.permissionDenials.map((d) => d.tool_name)).toEqual(['Bash']);
      const [seen] = [...toolResultsSeen(api.requests).values()];
      expect(seen?.isError).toBe(true);
      expect(seen?.content).toContain('SMOKE-ASK: a person decides');
    } finally {
      await hooks.close();
    }
  });

  it('an unreachable hook URL fails open: default mode still asks (a denial in -p), bypass runs it', async () => {
    // A port that was open a moment ago and is now closed: connection refused.
    const gone = await startHookServer(() => ({}));
    await gone.close();
    writeHookSettings(project, gone.url);
    const victim = join(project, 'victim.txt');
    writeFileSync(victim, 'x');
    const prompt = scriptPrompt([{ name: 'Bash', input: { command: `rm ${victim}`, description: 'rm' } }]);
    const common = {
      apiUrl: api.url,
      projectDir: project,
      prompt,
      env: { SMOKE_TOKEN: 't' },
      timeoutMs: 20_000,
    };

    const byDefault = await runClaude(common);
    expect(byDefault.exitCode).toBe(0);
    const preHook = byDefault.hookResponses.find((e) => e.hook_event === 'PreToolUse');
    expect(preHook?.outcome).toBe('error');
    expect(String(preHook?.stderr)).toContain('ECONNREFUSED');
    expect(existsSync(victim)).toBe(true);
    expect(byDefault.permissionDenials.map((d) => d.tool_name)).toEqual(['Bash']);

    const bypass = await runClaude({ ...common, permissionMode: 'bypassPermissions' });
    expect(bypass.exitCode).toBe(0);
    expect(existsSync(victim)).toBe(false);
    dump('unreachable', byDefault.hookResponses, byDefault.toolResults, bypass.toolResults);
  });
});

function dump(name: string, ...data: unknown[]): void {
  const dir = process.env.WARDEN_E2E_DUMP;
  if (dir) writeFileSync(join(dir, `${name}.json`), JSON.stringify(data, null, 2));
}
