import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { install } from '../../src/commands/install.js';
import { runtimeFromEnv } from '../../src/commands/runtime.js';
import { type GeminiStep, startFakeGeminiApi } from '../support/fake-gemini-api.js';
import { startTestWarden } from '../support/warden-instance.js';
import { ensureBuilt, ROOT, runCli, startServe, tmpDir, waitFor } from './harness.js';

/**
 * The real Gemini CLI (devDependency, 0.61) against a scripted Gemini API on 127.0.0.1, with
 * warden's hooks installed by `warden install gemini-cli --user` into a temp HOME. Gemini runs in
 * --yolo (its own approvals off) so that warden is the only thing between the model and the tool.
 */
const GEMINI = path.join(ROOT, 'node_modules', '.bin', 'gemini');
const RUN_TIMEOUT_MS = 20_000;

let home: string;

beforeAll(async () => {
  await ensureBuilt();
  home = tmpDir('warden-e2e-gemini-home-');
  fs.mkdirSync(path.join(home, '.gemini'), { recursive: true });
  fs.writeFileSync(
    path.join(home, '.gemini', 'settings.json'),
    JSON.stringify({ security: { auth: { selectedType: 'gemini-api-key' } } }),
  );
  let text = '';
  const write = (s: string) => {
    text += s;
    return true;
  };
  const out = { write } as NodeJS.WritableStream;
  const code = await install(
    runtimeFromEnv({ WARDEN_HOME: tmpDir('warden-e2e-unused-') }),
    { agent: 'gemini-cli', target: { scope: 'user' }, env: { HOME: home } },
    out,
  );
  if (code !== 0) throw new Error(text);
}, 60_000);

/** One headless Gemini run in a fresh project dir, its hooks talking to the warden in `wardenHome`. */
async function gemini(steps: GeminiStep[], wardenHome: string, project = tmpDir('warden-e2e-gemini-p-')) {
  const api = await startFakeGeminiApi(steps);
  try {
    const run = await runCli(
      GEMINI,
      [
        '-m',
        'gemini-2.5-flash',
        '-p',
        'do the task',
        '--output-format',
        'stream-json',
        '--skip-trust',
        '--yolo',
      ],
      {
        cwd: project,
        timeoutMs: RUN_TIMEOUT_MS,
        env: {
          PATH: process.env.PATH,
          HOME: home,
          WARDEN_HOME: wardenHome,
          GOOGLE_GEMINI_BASE_URL: api.baseUrl,
          GEMINI_API_KEY: 'test-key',
          NO_COLOR: '1',
        },
      },
    );
    const results = run.stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, any>)
      .filter((e) => e.type === 'tool_result');
    return { run, results, project };
  } finally {
    await api.close();
  }
}

describe('Gemini CLI end to end (real CLI, fake model API)', () => {
  it('a dangerous shell command is denied by a deny rule and its target survives', async () => {
    const serve = await startServe({ mode: 'auto', rules: { deny: ['Bash'] } });
    try {
      const project = tmpDir('warden-e2e-gemini-p-');
      fs.mkdirSync(path.join(project, 'victim'));
      fs.writeFileSync(path.join(project, 'victim', 'keep.txt'), 'x');
      const { run, results } = await gemini(
        [{ call: 'run_shell_command', args: { command: 'rm -rf victim' } }],
        serve.home,
        project,
      );
      expect(run.timedOut).toBe(false);
      expect(fs.existsSync(path.join(project, 'victim', 'keep.txt'))).toBe(true);
      expect(results).toHaveLength(1);
      expect(results[0]!.status).toBe('error');
      expect(results[0]!.output).toMatch(/Tool execution blocked: .*rule Bash/);
      expect(serve.lines.find((l) => l.includes('rm -rf victim'))).toMatch(/^deny +Bash .* by rule:/);
    } finally {
      await serve.stop();
    }
  });

  it('a shell command an allow rule covers runs', async () => {
    const serve = await startServe({ mode: 'auto', rules: { allow: ['Bash'] } });
    try {
      const { run, results, project } = await gemini(
        [{ call: 'run_shell_command', args: { command: 'echo ran > made.txt' } }],
        serve.home,
      );
      expect(run.timedOut).toBe(false);
      expect(results[0]?.status).toBe('success');
      expect(fs.readFileSync(path.join(project, 'made.txt'), 'utf8')).toBe('ran\n');
      expect(serve.lines.find((l) => l.includes('echo ran'))).toMatch(/^allow +Bash .* by rule:/);
    } finally {
      await serve.stop();
    }
  });

  it('an in-project edit runs in auto mode (no rule needed)', async () => {
    const serve = await startServe({ mode: 'auto' });
    try {
      const project = tmpDir('warden-e2e-gemini-p-');
      const file = path.join(project, 'src', 'note.txt');
      const { results } = await gemini(
        [{ call: 'write_file', args: { file_path: file, content: 'written by gemini' } }],
        serve.home,
        project,
      );
      expect(results[0]?.status).toBe('success');
      expect(fs.readFileSync(file, 'utf8')).toBe('written by gemini');
      expect(serve.lines.find((l) => l.includes('note.txt'))).toMatch(
        /^allow +Write .* by tier:project-edit/,
      );
    } finally {
      await serve.stop();
    }
  });

  it('a held action waits until it is approved from the console, then runs', async () => {
    const warden = await startTestWarden({ mode: 'manual' });
    try {
      const project = tmpDir('warden-e2e-gemini-p-');
      const pending = gemini(
        [{ call: 'run_shell_command', args: { command: 'echo approved > ok.txt' } }],
        warden.home,
        project,
      );
      await waitFor(() => warden.store.getState().held.length > 0, 15_000, 'the action to be held');
      // Held: Gemini waits on the hook and the tool has not run.
      await new Promise((r) => setTimeout(r, 500));
      expect(fs.existsSync(path.join(project, 'ok.txt'))).toBe(false);
      const heldId = warden.store.getState().held[0]!;
      expect(warden.store.getState().records.get(heldId)?.action.command).toBe('echo approved > ok.txt');
      expect(warden.store.getState().approve([heldId])).toBe(1);
      const { results } = await pending;
      expect(results[0]?.status).toBe('success');
      expect(fs.readFileSync(path.join(project, 'ok.txt'), 'utf8')).toBe('approved\n');
    } finally {
      await warden.close();
    }
  });

  it('with the console stopped, the hook answers deny and the tool does not run', async () => {
    const serve = await startServe({ mode: 'yolo' });
    await serve.stop(); // endpoint.json still names it: the hook finds nobody listening
    const project = tmpDir('warden-e2e-gemini-p-');
    fs.writeFileSync(path.join(project, 'keep.txt'), 'x');
    const { results } = await gemini(
      [{ call: 'run_shell_command', args: { command: 'rm keep.txt' } }],
      serve.home,
      project,
    );
    expect(fs.existsSync(path.join(project, 'keep.txt'))).toBe(true);
    expect(results[0]?.status).toBe('error');
    expect(results[0]?.output).toMatch(
      /Tool execution blocked: warden: the warden console at .* did not answer/,
    );
  });
});
