import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analyzer/index.js';
import type { Warden } from '../../src/app.js';
import { consoleDeps } from '../../src/commands/console-deps.js';
import type { Runtime } from '../../src/commands/runtime.js';
import { RuleLoader } from '../../src/config/rule-files.js';
import { CLASSIFIER_OFF } from '../../src/domain/classification.js';
import { prePayload, startTestWarden } from '../support/warden-instance.js';

let warden: (Warden & { home: string }) | undefined;
afterEach(async () => {
  await warden?.close();
  warden = undefined;
});

describe("the console's real dependencies", () => {
  it('a project rule made in the console is written to <project>/.warden/rules.json and decides held actions at once', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-deps-'));
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-deps-project-'));
    const env = { home: '/home/u', wardenHome: home, tempDirs: ['/tmp'] };
    const loader = new RuleLoader({ wardenHome: home, claudeConfigDir: path.join(home, 'claude') });
    const runtime: Runtime = {
      home,
      env,
      analyzer: createAnalyzer(),
      classifier: CLASSIFIER_OFF,
      config: {},
      configError: undefined,
      loadRules: (roots) => loader.load(roots),
      ruleFiles: (roots) => loader.files(roots).map((f) => f.file),
    };
    warden = await startTestWarden({ home, env, loadRules: runtime.loadRules, ruleFiles: runtime.ruleFiles });
    const deps = consoleDeps(runtime, warden, {}, () => {});
    const pending = fetch(`${warden.server.url}/hook/claude-code/PreToolUse`, {
      method: 'POST',
      headers: { authorization: `Bearer ${warden.token}` },
      body: JSON.stringify({
        ...prePayload('Bash', { command: 'git push --force origin main' }),
        cwd: project,
      }),
    }).then((r) => r.json() as Promise<{ hookSpecificOutput: { permissionDecision: string } }>);
    while (warden.store.getState().held.length === 0) await new Promise((r) => setTimeout(r, 5));
    const held = warden.store.getState().records.get(warden.store.getState().held[0]!)!;
    const suggestion = deps.suggestRule(held.action);
    expect(suggestion).toBe('Bash(git push --force *)');
    expect(deps.ruleCovers(suggestion, held.action)).toBe(true);

    expect(await deps.addRule({ effect: 'deny', text: suggestion, scope: 'project' })).toBeUndefined();
    expect((await pending).hookSpecificOutput.permissionDecision).toBe('deny');
    const file = path.join(project, '.warden', 'rules.json');
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({
      permissions: { deny: ['Bash(git push --force *)'] },
    });

    const rule = warden.store.getState().rules.rules.find((r) => r.text === suggestion)!;
    expect(rule.source).toMatchObject({ origin: 'warden-project', file, projectRoot: project });
    expect(await deps.removeRule(rule)).toBeUndefined();
    expect(warden.store.getState().rules.rules.some((r) => r.text === suggestion)).toBe(false);
    expect(deps.readFileForDiff(file)).toContain('"permissions"');
    expect(deps.readFileForDiff(path.join(project, 'missing'))).toBeUndefined();
  });
});
