import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Warden } from '../../src/app.js';
import { RuleLoader } from '../../src/config/rule-files.js';
import { prePayload, startTestWarden } from '../support/warden-instance.js';

let warden: (Warden & { home: string }) | undefined;
afterEach(async () => {
  await warden?.close();
  warden = undefined;
});

describe('rule files in force mid-session', () => {
  it('a deny rule written to rules.json resolves a held action, and a broken edit keeps it in force', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-reload-'));
    const loader = new RuleLoader({ wardenHome: home, claudeConfigDir: path.join(home, 'claude') });
    warden = await startTestWarden({
      home,
      loadRules: (roots) => loader.load(roots),
      ruleFiles: (roots) => loader.files(roots).map((f) => f.file),
    });
    const rulesFile = path.join(warden.home, 'rules.json');
    const pending = fetch(`${warden.server.url}/hook/claude-code/PreToolUse`, {
      method: 'POST',
      headers: { authorization: `Bearer ${warden.token}` },
      body: JSON.stringify(prePayload('Bash', { command: 'git push --force origin main' })),
    }).then(
      (r) =>
        r.json() as Promise<{
          hookSpecificOutput: { permissionDecision: string; permissionDecisionReason: string };
        }>,
    );
    await until(() => warden!.store.getState().held.length === 1);
    fs.writeFileSync(rulesFile, JSON.stringify({ permissions: { deny: ['Bash(git push --force *)'] } }));
    const answer = await pending;
    expect(answer.hookSpecificOutput.permissionDecision).toBe('deny');
    expect(answer.hookSpecificOutput.permissionDecisionReason).toContain('Bash(git push --force *)');

    fs.writeFileSync(rulesFile, '{ "permissions": { "deny": [ "Bash(git push --force *)", ] } }');
    await until(() => warden!.store.getState().ruleErrors.length === 1);
    expect(warden.store.getState().ruleErrors[0]).toMatch(
      /rules\.json:1: not valid JSON .*last good 1 rules stay in force/,
    );
    expect(warden.store.getState().rules.rules.map((r) => r.text)).toEqual(['Bash(git push --force *)']);
  });

  it("reads a project's own settings when its first session appears", async () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-proj-'));
    fs.mkdirSync(path.join(project, '.claude'));
    fs.writeFileSync(
      path.join(project, '.claude', 'settings.json'),
      JSON.stringify({ permissions: { allow: ['Bash(make *)'] } }),
    );
    warden = await startTestWarden({
      loadRules: (roots) =>
        new RuleLoader({ wardenHome: '/nonexistent', claudeConfigDir: '/nonexistent' }).load(roots),
    });
    const res = await fetch(`${warden.server.url}/hook/claude-code/PreToolUse`, {
      method: 'POST',
      headers: { authorization: `Bearer ${warden.token}` },
      body: JSON.stringify({ ...prePayload('Bash', { command: 'make build' }), cwd: project }),
    });
    const out = (await res.json()) as { hookSpecificOutput: { permissionDecision: string } };
    expect(out.hookSpecificOutput.permissionDecision).toBe('allow');
  });
});

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
