import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { install } from '../../src/commands/install.js';
import { runtimeFromEnv } from '../../src/commands/runtime.js';
import { installCodexHooks } from '../../src/install/codex.js';
import { trustWardenCodexHooks } from '../../src/install/codex-trust.js';
import { type OpenAiStep, startFakeOpenAiApi } from '../support/fake-openai-api.js';
import { startTestWarden } from '../support/warden-instance.js';
import { ensureBuilt, ROOT, runCli, startServe, tmpDir, waitFor } from './harness.js';

/**
 * The real Codex CLI (devDependency, 0.169) against a scripted Responses API on 127.0.0.1, with
 * warden's hooks installed (and trusted through `codex app-server`) by `warden install codex
 * --user` into a temp HOME. Codex runs with `-s danger-full-access` (no sandbox, and `exec` never
 * asks) so that warden is the only thing between the model and the tool.
 */
const CODEX = path.join(ROOT, 'node_modules', '.bin', 'codex');
const RUN_TIMEOUT_MS = 40_000;

let home: string;

function writeConfig(agentHome: string) {
  fs.mkdirSync(path.join(agentHome, '.codex'), { recursive: true });
  fs.writeFileSync(
    path.join(agentHome, '.codex', 'config.toml'),
    [
      'model = "gpt-5.5"',
      'model_provider = "fake"',
      'check_for_update_on_startup = false',
      '',
      '[analytics]',
      'enabled = false',
      '',
      '[model_providers.fake]',
      'name = "fake"',
      'base_url = "http://127.0.0.1:9/v1"',
      'wire_api = "responses"',
      'env_key = "FAKE_API_KEY"',
      '',
    ].join('\n'),
  );
}

beforeAll(async () => {
  await ensureBuilt();
  home = tmpDir('warden-e2e-codex-home-');
  writeConfig(home);
  let text = '';
  const write = (s: string) => {
    text += s;
    return true;
  };
  const code = await install(
    runtimeFromEnv({ WARDEN_HOME: tmpDir('warden-e2e-unused-') }),
    {
      agent: 'codex',
      target: { scope: 'user' },
      codexBin: CODEX,
      env: { HOME: home, PATH: process.env.PATH },
    },
    { write } as NodeJS.WritableStream,
  );
  if (code !== 0) throw new Error(text);
}, 60_000);

/** One `codex exec` in a fresh project dir, its hooks talking to the warden in `wardenHome`. */
async function codex(
  steps: OpenAiStep[],
  wardenHome: string,
  project = tmpDir('warden-e2e-codex-p-'),
  agentHome = home,
) {
  const api = await startFakeOpenAiApi(steps);
  try {
    const run = await runCli(
      CODEX,
      [
        'exec',
        '--skip-git-repo-check',
        '--json',
        '--disable',
        'plugins',
        '-s',
        'danger-full-access',
        '-c',
        `model_providers.fake.base_url="${api.baseUrl}"`,
        'do the task',
      ],
      {
        cwd: project,
        timeoutMs: RUN_TIMEOUT_MS,
        env: { PATH: process.env.PATH, HOME: agentHome, WARDEN_HOME: wardenHome, FAKE_API_KEY: 'test-key' },
      },
    );
    const items = run.stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { type?: string; item?: Record<string, unknown> })
      .filter((e) => e.type === 'item.completed' && e.item)
      .map((e) => e.item!);
    return { run, items, outputs: api.toolOutputs(), project };
  } finally {
    await api.close();
  }
}

describe('Codex end to end (real CLI, fake model API)', { timeout: 60_000 }, () => {
  it('a dangerous shell command is denied by a deny rule and its target survives', async () => {
    const serve = await startServe({ mode: 'auto', rules: { deny: ['Bash'] } });
    try {
      const project = tmpDir('warden-e2e-codex-p-');
      fs.mkdirSync(path.join(project, 'victim'));
      fs.writeFileSync(path.join(project, 'victim', 'keep.txt'), 'x');
      const { run, outputs } = await codex(
        [{ call: 'exec_command', args: { cmd: 'rm -rf victim' } }],
        serve.home,
        project,
      );
      expect(run.timedOut).toBe(false);
      expect(fs.existsSync(path.join(project, 'victim', 'keep.txt'))).toBe(true);
      expect(outputs.join('\n')).toMatch(/rule Bash/);
      expect(serve.lines.find((l) => l.includes('rm -rf victim'))).toMatch(/^deny +Bash .* by rule:/);
    } finally {
      await serve.stop();
    }
  });

  it('a shell command an allow rule covers runs', async () => {
    const serve = await startServe({ mode: 'auto', rules: { allow: ['Bash'] } });
    try {
      const { run, project } = await codex(
        [{ call: 'exec_command', args: { cmd: 'echo ran > made.txt' } }],
        serve.home,
      );
      expect(run.timedOut).toBe(false);
      expect(fs.readFileSync(path.join(project, 'made.txt'), 'utf8')).toBe('ran\n');
      expect(serve.lines.find((l) => l.includes('echo ran'))).toMatch(/^allow +Bash .* by rule:/);
    } finally {
      await serve.stop();
    }
  });

  it('an in-project edit (apply_patch) runs in auto mode (no rule needed)', async () => {
    const serve = await startServe({ mode: 'auto' });
    try {
      const patch = '*** Begin Patch\n*** Add File: src/note.txt\n+written by codex\n*** End Patch\n';
      const { project } = await codex([{ custom: 'apply_patch', input: patch }], serve.home);
      expect(fs.readFileSync(path.join(project, 'src', 'note.txt'), 'utf8')).toBe('written by codex\n');
      expect(serve.lines.find((l) => l.includes('note.txt'))).toMatch(/^allow +Edit .* by tier:project-edit/);
    } finally {
      await serve.stop();
    }
  });

  it('a held action waits until it is approved from the console, then runs', async () => {
    const warden = await startTestWarden({ mode: 'manual' });
    try {
      const project = tmpDir('warden-e2e-codex-p-');
      const pending = codex(
        [{ call: 'exec_command', args: { cmd: 'echo approved > ok.txt' } }],
        warden.home,
        project,
      );
      await waitFor(() => warden.store.getState().held.length > 0, 30_000, 'the action to be held');
      await new Promise((r) => setTimeout(r, 500));
      expect(fs.existsSync(path.join(project, 'ok.txt'))).toBe(false);
      const heldId = warden.store.getState().held[0]!;
      expect(warden.store.getState().records.get(heldId)?.action.agent).toBe('codex');
      expect(warden.store.getState().approve([heldId])).toBe(1);
      const { run } = await pending;
      expect(run.timedOut).toBe(false);
      expect(fs.readFileSync(path.join(project, 'ok.txt'), 'utf8')).toBe('approved\n');
      // SessionStart and the after-tool hook reached the console too.
      const state = warden.store.getState();
      const record = state.records.get(heldId)!;
      expect(state.sessions[record.action.sessionId]?.agent).toBe('codex');
      await waitFor(
        () => warden.store.getState().records.get(heldId)?.outcome !== undefined,
        5000,
        'the outcome',
      );
      expect(warden.store.getState().warnings).toEqual([]);
    } finally {
      await warden.close();
    }
  });

  it('with no console running, the hook answers deny and the tool does not run', async () => {
    const project = tmpDir('warden-e2e-codex-p-');
    fs.writeFileSync(path.join(project, 'keep.txt'), 'x');
    const { outputs } = await codex(
      [{ call: 'exec_command', args: { cmd: 'rm keep.txt' } }],
      tmpDir('warden-e2e-no-console-'),
      project,
    );
    expect(fs.existsSync(path.join(project, 'keep.txt'))).toBe(true);
    expect(outputs.join('\n')).toMatch(/no warden console has run/);
  });

  it('a warden that crashes (its build missing) still blocks the tool: the hook exits 2', async () => {
    const broken = tmpDir('warden-e2e-broken-');
    fs.mkdirSync(path.join(broken, 'bin'));
    fs.copyFileSync(path.join(ROOT, 'bin', 'warden.js'), path.join(broken, 'bin', 'warden.js'));
    const brokenHome = tmpDir('warden-e2e-codex-home-');
    writeConfig(brokenHome);
    const env = { HOME: brokenHome, PATH: process.env.PATH };
    const { file } = installCodexHooks(
      { scope: 'user', env },
      `"${process.execPath}" "${path.join(broken, 'bin', 'warden.js')}" hook codex`,
    );
    const trust = await trustWardenCodexHooks({ file, cwd: brokenHome, bin: CODEX, env });
    expect(trust.kind).toBe('trusted');
    const project = tmpDir('warden-e2e-codex-p-');
    fs.writeFileSync(path.join(project, 'keep.txt'), 'x');
    const { outputs } = await codex(
      [{ call: 'exec_command', args: { cmd: 'rm keep.txt' } }],
      tmpDir('warden-e2e-no-console-'),
      project,
      brokenHome,
    );
    expect(fs.existsSync(path.join(project, 'keep.txt'))).toBe(true);
    expect(outputs.join('\n')).toMatch(/Cannot find module .*dist\/cli\.js/);
  });
});
