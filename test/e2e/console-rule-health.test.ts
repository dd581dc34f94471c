// Rule health in a real terminal (tmux): the console started as a person would (CI=false, so Ink
// draws every frame), a rules file with an allow rule over every shell command and a rule that
// never matches, two actions recorded through the hook endpoint, then `r`: the rules view marks
// both rules and explains the selected one. Read with capture-pane.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, tempDir } from '../support/claude-runner.js';
import { startTerminal, type Terminal } from '../support/tmux-terminal.js';
import { WARDEN_BIN, wardenEnv } from '../support/warden-process.js';
import { ensureBuilt, waitFor } from './harness.js';

let root: string | undefined;
let term: Terminal | undefined;

beforeAll(async () => {
  await ensureBuilt();
});
afterEach(async () => {
  await term?.close();
  term = undefined;
  if (root) removeDir(root);
});

describe('rule health in the console, in a real terminal', { timeout: 45_000 }, () => {
  it('marks a never-matching rule and a Bash(*) allow rule, with the evidence of the selected one', async () => {
    root = tempDir('warden-health-e2e-');
    const project = join(root, 'project');
    const wardenHome = join(root, 'warden-home');
    for (const d of [project, wardenHome, join(root, 'home')]) mkdirSync(d);
    writeFileSync(
      join(wardenHome, 'rules.json'),
      JSON.stringify({ permissions: { allow: ['Bash(*)', 'Bash(cargo build *)'] } }),
    );
    term = await startTerminal({
      command: process.execPath,
      args: [WARDEN_BIN, '--port', '0', '--mode', 'manual'],
      env: { ...wardenEnv(wardenHome, join(root, 'home')), CI: 'false' },
      cwd: project,
      cols: 120,
      rows: 32,
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
    );
    const token = readFileSync(join(wardenHome, 'token'), 'utf8').trim();
    // Two shell commands through the real hook endpoint: Bash(*) allows both, and both are recorded.
    for (const [i, command] of ['git status', 'npm test'].entries()) {
      const response = await fetch(`http://127.0.0.1:${port}/hook/claude-code/PreToolUse`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          session_id: 'sess-health',
          transcript_path: join(root, 't.jsonl'),
          cwd: project,
          permission_mode: 'default',
          hook_event_name: 'PreToolUse',
          tool_name: 'Bash',
          tool_input: { command },
          tool_use_id: `toolu_health_${i}`,
        }),
      });
      const body = (await response.json()) as { hookSpecificOutput?: { permissionDecision?: string } };
      expect(body.hookSpecificOutput?.permissionDecision).toBe('allow');
    }
    const audit = join(wardenHome, 'audit');
    await waitFor(
      () =>
        existsSync(audit) &&
        readdirSync(audit)
          .map((f) => readFileSync(join(audit, f), 'utf8'))
          .join('')
          .includes('npm test'),
      10_000,
      'both actions in the audit log',
    );

    await term.sendKeys('r');
    const screen = await term.waitForText(/health: \d+ findings? \(2 recorded actions, 30 days\)/, 15_000);
    expect(screen).toMatch(/› allow +⚠ broad +Bash\(\*\)/);
    expect(screen).toMatch(/allow +○ unused +Bash\(cargo build \*\)/);
    // The selected rule (Bash(*), first) explains its mark with evidence from the probes.
    expect(screen).toContain('⚠ is broad enough to allow dangerous actions');
    expect(screen).toMatch(/e\.g\. would allow Bash rm -rf/);
    // Selection moves by rule: the never-matching one names the history it was checked against.
    await term.sendKeys('j');
    const next = await term.waitForText(/○ never matched any of the 2 recorded actions/, 5_000);
    expect(next).toMatch(/› allow +○ unused +Bash\(cargo build \*\)/);
    // The live region fits the screen: the title line is still on it.
    expect(next).toContain('Rules in force: 2');
    expect(next.split('\n').every((l) => [...l].length <= 120)).toBe(true);
  });
});
