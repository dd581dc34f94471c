// `warden replay` on an audit log that a real Claude Code session wrote through warden serve:
// the session runs, then its recorded actions are judged again under a tighter and a looser
// rule set, and exactly the actions those rules touch change.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, runClaude, tempDir } from '../support/claude-runner.js';
import {
  type FakeMessagesApi,
  scriptedClaudeCodeHandler,
  scriptPrompt,
  startFakeMessagesApi,
} from '../support/fake-messages-api.js';
import { installClaudeCode, startWardenServe, WARDEN_BIN, wardenEnv } from '../support/warden-process.js';
import { ensureBuilt } from './harness.js';

let api: FakeMessagesApi;
let root: string;
let project: string;
let outside: string;
let env: Record<string, string>;

const bash = (command: string) => ({ name: 'Bash', input: { command, description: 'scripted' } });

beforeAll(async () => {
  await ensureBuilt();
  api = await startFakeMessagesApi(scriptedClaudeCodeHandler());
  root = tempDir('warden-replay-');
  project = join(root, 'project');
  outside = join(root, 'outside');
  const wardenHome = join(root, 'warden-home');
  for (const d of [project, outside, wardenHome, join(root, 'home')]) mkdirSync(d);
  writeFileSync(join(outside, 'keep.txt'), 'precious');
  env = wardenEnv(wardenHome, join(root, 'home'));
  writeFileSync(
    join(wardenHome, 'rules.json'),
    JSON.stringify({ permissions: { deny: ['Bash(rm -rf *)'] } }),
  );
  const warden = await startWardenServe({ env, args: ['--mode', 'auto', '--on-hold', 'deny'] });
  try {
    await installClaudeCode({ env, projectDir: project, port: warden.port });
    const run = await runClaude({
      apiUrl: api.url,
      projectDir: project,
      prompt: scriptPrompt([
        bash(`touch ${join(project, 'notes.txt')}`),
        bash('git status'),
        bash(`rm -rf ${outside}`),
        bash('ls -la'),
      ]),
      timeoutMs: 30_000,
      permissionMode: 'bypassPermissions',
    });
    expect(run.timedOut).toBe(false);
    await warden.waitForLine(/^allow\s+Bash .*ls -la/);
  } finally {
    await warden.stop();
  }
  expect(existsSync(join(outside, 'keep.txt'))).toBe(true);
}, 60_000);

afterAll(async () => {
  await api?.close();
  if (root) removeDir(root);
});

function replay(rules: object, extra: string[] = []) {
  const file = join(root, `rules-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ permissions: rules }));
  return spawnSync(process.execPath, [WARDEN_BIN, 'replay', '--rules', file, ...extra], {
    env,
    encoding: 'utf8',
  });
}

interface Change {
  tool: string;
  input: { command?: string };
  before: string;
  after: string;
  by: string;
}

const changes = (stdout: string): Change[] =>
  stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Change);

describe('warden replay on a real Claude Code session', { timeout: 30_000 }, () => {
  it('the recorded rules change nothing', () => {
    const r = replay({ deny: ['Bash(rm -rf *)'] }, ['--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(changes(r.stdout)).toEqual([]);
  });

  it('a tighter rule set: only the touched action is newly denied, exit 0', () => {
    const r = replay({ deny: ['Bash(rm -rf *)', 'Bash(touch *)'] }, ['--json']);
    expect(r.status).toBe(0);
    const c = changes(r.stdout);
    expect(c.map((x) => [x.input.command, x.before, x.after, x.by])).toEqual([
      [`touch ${join(project, 'notes.txt')}`, 'allow', 'deny', 'rule:deny Bash(touch *)'],
    ]);
  });

  it('a looser rule set: the denied rm -rf is newly allowed, and replay exits 1', () => {
    const r = replay({ allow: ['Bash(rm -rf *)'] }, ['--json']);
    expect(r.status).toBe(1);
    const c = changes(r.stdout);
    expect(c.map((x) => [x.input.command, x.before, x.after, x.by])).toEqual([
      [`rm -rf ${outside}`, 'deny', 'allow', 'rule:allow Bash(rm -rf *)'],
    ]);
  });

  it('the text report groups by the rule that decides, with counts and examples', () => {
    const r = replay({ deny: ['Bash(rm -rf *)', 'Bash(git *)', 'Bash(ls *)'], ask: ['Bash(touch *)'] });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/replay: 4 recorded actions/);
    expect(r.stdout).toMatch(/changed: 3 \(newly allowed 0, newly denied 2, newly held 1\) · unchanged: 1/);
    expect(r.stdout).toMatch(
      /newly denied by rule:deny Bash\(git \*\): 1\n {2}allow → deny {2}Bash git status/,
    );
    expect(r.stdout).toContain('newly denied by rule:deny Bash(ls *): 1');
    expect(r.stdout).toMatch(/newly held by rule:ask Bash\(touch \*\): 1\n {2}allow → hold {2}Bash touch /);
  });

  it('a broken rules file is a clear error (exit 2), not a replay under no rules', () => {
    const file = join(root, 'broken.json');
    writeFileSync(file, '{"permissions": {"allow": [');
    const r = spawnSync(process.execPath, [WARDEN_BIN, 'replay', '--rules', file], { env, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('broken.json:1');
  });

  it('--session and --since narrow what is replayed', () => {
    const out = execFileSync(process.execPath, [WARDEN_BIN, 'replay', '--session', 'no-such-session'], {
      env,
      encoding: 'utf8',
    });
    expect(out).toMatch(/replay: 0 recorded actions/);
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const later = execFileSync(process.execPath, [WARDEN_BIN, 'replay', '--since', future], {
      env,
      encoding: 'utf8',
    });
    expect(later).toMatch(/replay: 0 recorded actions/);
  });
});
