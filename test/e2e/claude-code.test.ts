// End to end: the real Claude Code CLI (headless) → warden serve (http hooks installed by
// `warden install claude-code --project`) → a verdict back, with a scripted Messages API on loopback.
// Needs `npm run build` first (`npm test` does it).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type PermissionMode, removeDir, runClaude, tempDir } from '../support/claude-runner.js';
import {
  type FakeMessagesApi,
  type ScriptStep,
  scriptedClaudeCodeHandler,
  scriptPrompt,
  startFakeMessagesApi,
  toolResultsSeen,
} from '../support/fake-messages-api.js';
import { startTestWarden } from '../support/warden-instance.js';
import {
  installClaudeCode,
  startWardenServe,
  type WardenServe,
  wardenEnv,
} from '../support/warden-process.js';
import { ensureBuilt, waitFor } from './harness.js';

interface AuditLine {
  event: string;
  [k: string]: unknown;
}

let api: FakeMessagesApi;
let root: string;
let project: string;
let outside: string;
let wardenHome: string;
let env: Record<string, string>;
let warden: WardenServe | undefined;

beforeAll(async () => {
  await ensureBuilt();
  api = await startFakeMessagesApi(scriptedClaudeCodeHandler());
});
afterAll(async () => {
  await api.close();
});
beforeEach(() => {
  api.requests.length = 0;
  root = tempDir('warden-e2e-');
  project = join(root, 'project');
  outside = join(root, 'outside');
  wardenHome = join(root, 'warden-home');
  for (const d of [project, outside, wardenHome, join(root, 'home')]) mkdirSync(d);
  writeFileSync(join(outside, 'keep.txt'), 'precious');
  env = wardenEnv(wardenHome, join(root, 'home'));
});
afterEach(async () => {
  await warden?.stop();
  warden = undefined;
  removeDir(root);
});

function writeRules(permissions: { allow?: string[]; ask?: string[]; deny?: string[] }): void {
  writeFileSync(
    join(wardenHome, 'rules.json'),
    JSON.stringify({ permissions: { allow: [], ask: [], deny: [], ...permissions } }),
  );
}

async function startAndInstall(args: string[] = []): Promise<WardenServe> {
  // these cases are about rules and held actions: manual mode (warden starts in auto by default)
  warden = await startWardenServe({ env, args: ['--mode', 'manual', ...args] });
  await installClaudeCode({ env, projectDir: project, port: warden.port });
  return warden;
}

function claude(steps: ScriptStep[], permissionMode?: PermissionMode) {
  return runClaude({
    apiUrl: api.url,
    projectDir: project,
    prompt: scriptPrompt(steps),
    timeoutMs: 20_000,
    ...(permissionMode && { permissionMode }),
  });
}

function bash(command: string): ScriptStep {
  return { name: 'Bash', input: { command, description: 'scripted' } };
}

function audit(): AuditLine[] {
  const dir = join(wardenHome, 'audit');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as AuditLine);
}

/** The model's view of the first tool call of a run: the tool_result in its next request. */
function firstToolResult(): { id: string; content: string; isError: boolean } {
  const first = api.requests[0]?.body;
  const toolUse = api.requests
    .flatMap((r) => (r.body?.messages ?? []) as { role: string; content: unknown }[])
    .filter((m) => m.role === 'assistant' && Array.isArray(m.content))
    .flatMap((m) => m.content as { type: string; id?: string }[])
    .find((b) => b.type === 'tool_use');
  expect(first, 'the fake API saw no request').toBeDefined();
  expect(toolUse?.id, 'the model never got a tool_use turn back').toBeDefined();
  const seen = toolResultsSeen(api.requests).get(toolUse!.id!);
  expect(seen, 'no tool_result for the scripted tool call').toBeDefined();
  return { id: toolUse!.id!, ...seen! };
}

describe('Claude Code → warden serve (real CLI, http hooks)', { timeout: 45_000 }, () => {
  it('a deny rule blocks `rm -rf` of a directory outside the project; the model gets the reason', async () => {
    const rule = 'Bash(rm -rf *)';
    writeRules({ deny: [rule] });
    const w = await startAndInstall();
    // bypassPermissions turns off Claude Code's own guards (in default mode it refuses an rm outside
    // the working directory by itself; under bypass, measured, the rm runs): warden's deny is all
    // that stands between the model and the directory here.
    const run = await claude([bash(`rm -rf ${outside}`)], 'bypassPermissions');

    expect(run.timedOut).toBe(false);
    expect(existsSync(join(outside, 'keep.txt'))).toBe(true);
    const seen = firstToolResult();
    expect(seen.isError).toBe(true);
    expect(seen.content).toContain(`rule ${rule}`);
    expect(run.permissionDenials.map((d) => d.tool_name)).toEqual(['Bash']);

    await w.waitForLine(/^deny\s+Bash .*rm -rf/);
    const decision = audit().find((r) => r.event === 'decision' && r.toolUseId === seen.id);
    expect(decision).toMatchObject({ decision: 'deny', tool: 'Bash', cwd: project });
    expect(String(decision?.by)).toMatch(/^rule:/);
  });

  it('an allowed command runs, and its PostToolUse outcomes (success and failure) land in the audit log', async () => {
    writeRules({ allow: ['Bash(touch *)', 'Bash(ls *)'] });
    await startAndInstall();
    const made = join(project, 'made.txt');
    const missing = join(project, 'no-such-dir');
    const run = await claude([bash(`touch ${made}`), bash(`ls ${missing}`)]);

    expect(run.timedOut).toBe(false);
    expect(existsSync(made)).toBe(true);
    expect(run.permissionDenials).toEqual([]);
    expect(run.result?.result).toBe('done');

    const records = audit();
    const decisions = records.filter((r) => r.event === 'decision');
    expect(decisions.map((d) => [d.decision, (d.input as { command?: string }).command])).toEqual([
      ['allow', `touch ${made}`],
      ['allow', `ls ${missing}`],
    ]);
    const outcomeOf = (d: AuditLine) =>
      records.find((r) => r.event === 'outcome' && r.toolUseId === d.toolUseId);
    expect(outcomeOf(decisions[0]!)).toMatchObject({ tool: 'Bash', ok: true });
    expect(outcomeOf(decisions[1]!)).toMatchObject({ tool: 'Bash', ok: false });
    // The tool_use ids in the audit are the ones the model issued.
    const ids = new Set(toolResultsSeen(api.requests).keys());
    for (const d of decisions) expect(ids.has(String(d.toolUseId))).toBe(true);
  });

  it('a held action in headless mode ends as ask: a denial in -p, the command does not run', async () => {
    writeRules({});
    const w = await startAndInstall(['--on-hold', 'ask']);
    const dir = join(project, 'held-dir');
    const run = await claude([bash(`mkdir ${dir}`)]);

    expect(run.timedOut).toBe(false);
    expect(existsSync(dir)).toBe(false);
    expect(run.permissionDenials.map((d) => d.tool_name)).toEqual(['Bash']);
    const pre = run.hookResponses.find((e) => e.hook_event === 'PreToolUse');
    expect(String(pre?.output)).toContain('"permissionDecision":"ask"');
    await w.waitForLine(/^ask\s+Bash .*mkdir/);
    expect(audit().find((r) => r.event === 'decision')).toMatchObject({ decision: 'ask', verdict: 'hold' });
  });

  it('with warden not running, the hook fails open to Claude Code default mode: the tool does not run', async () => {
    writeRules({ allow: ['Bash(touch *)'] });
    const w = await startAndInstall();
    await w.stop(); // installed, then gone: the hook URL refuses connections
    const made = join(project, 'made-without-warden.txt');
    const run = await claude([bash(`touch ${made}`)]);

    expect(run.timedOut).toBe(false);
    expect(existsSync(made)).toBe(false);
    expect(run.permissionDenials.map((d) => d.tool_name)).toEqual(['Bash']);
    const pre = run.hookResponses.find((e) => e.hook_event === 'PreToolUse');
    expect(pre?.outcome).toBe('error');
    expect(String(pre?.stderr)).toContain('ECONNREFUSED');
  });

  describe('a held action waits in -p until the console decides (in-process warden, store actions)', () => {
    it('approve: the hook answers allow and the command runs', async () => {
      const w = await startTestWarden({ mode: 'manual' });
      try {
        await installClaudeCode({
          env: wardenEnv(w.home, join(root, 'home')),
          projectDir: project,
          port: w.server.port,
        });
        const made = join(project, 'approved.txt');
        const pending = claude([bash(`touch ${made}`)]);
        await waitFor(() => w.store.getState().held.length > 0, 15_000, 'the action to be held');
        // Claude Code is waiting on the hook: the tool has not run.
        await new Promise((r) => setTimeout(r, 300));
        expect(existsSync(made)).toBe(false);
        const heldId = w.store.getState().held[0]!;
        expect(w.store.getState().records.get(heldId)?.action.command).toBe(`touch ${made}`);
        expect(w.store.getState().approve([heldId])).toBe(1);
        const run = await pending;
        expect(run.timedOut).toBe(false);
        expect(existsSync(made)).toBe(true);
        expect(run.permissionDenials).toEqual([]);
      } finally {
        await w.close();
      }
    });

    it('deny with a typed reason: the command does not run and the model reads the reason', async () => {
      const w = await startTestWarden({ mode: 'manual' });
      try {
        await installClaudeCode({
          env: wardenEnv(w.home, join(root, 'home')),
          projectDir: project,
          port: w.server.port,
        });
        const pending = claude([bash(`rm -rf ${outside}`)], 'bypassPermissions');
        await waitFor(() => w.store.getState().held.length > 0, 15_000, 'the action to be held');
        expect(w.store.getState().deny(undefined, 'not outside the project, please')).toBe(1);
        const run = await pending;
        expect(existsSync(join(outside, 'keep.txt'))).toBe(true);
        const seen = firstToolResult();
        expect(seen.isError).toBe(true);
        expect(seen.content).toContain('not outside the project, please');
        expect(run.permissionDenials.map((d) => d.tool_name)).toEqual(['Bash']);
      } finally {
        await w.close();
      }
    });
  });
});
