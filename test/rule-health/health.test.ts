import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { actionFromToolCall } from '../../src/adapters/tool-call.js';
import { createAnalyzer } from '../../src/analyzer/index.js';
import { openAuditLog } from '../../src/broker/audit-log.js';
import { ruleHealthFor } from '../../src/commands/rule-health-findings.js';
import { runtimeFromEnv } from '../../src/commands/runtime.js';
import type { Action } from '../../src/domain/action.js';
import type { Rule, RuleEffect } from '../../src/domain/rule.js';
import { decide } from '../../src/policy/decide.js';
import { compileRules } from '../../src/policy/rules/index.js';
import { probesFor, ruleHealth } from '../../src/rule-health/index.js';

const env = { home: '/home/u', wardenHome: '/home/u/.warden', tempDirs: ['/tmp'] };
const analyzer = createAnalyzer();
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function project(scripts: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-health-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'x', scripts }));
  return dir;
}

const rule = (effect: RuleEffect, text: string): Rule => ({
  effect,
  text,
  source: { origin: 'warden-user' },
});
const bash = (command: string, cwd: string): Action =>
  actionFromToolCall({ tool: 'Bash', input: { command }, cwd, sessionId: 's' });
const risk = (action: Action) => {
  const v = decide(action, compileRules([]), 'auto', { env, analyzer });
  return v.decision === 'deny' || v.by === 'tier:protected-path' ? v.reason : undefined;
};

function health(rules: Rule[], history: Action[], root: string) {
  return ruleHealth({ rules, history, probes: probesFor(root), env, risk });
}

describe('rule health', () => {
  it('an allow rule over a whole program names the dangerous forms it lets through', () => {
    const root = project();
    const [finding] = health([rule('allow', 'Bash(git *)')], [bash('git status', root)], root).filter(
      (f) => f.kind === 'broad-allow',
    );
    expect(finding?.rule.text).toBe('Bash(git *)');
    expect(finding?.evidence.join('\n')).toMatch(
      /would allow Bash git (push --force|reset --hard|clean -fdx)/,
    );
  });

  it("an allow rule over `npm run *` is judged by what the project's scripts run", () => {
    const root = project({ test: 'vitest run', wipe: 'rm -rf ~' });
    const findings = health([rule('allow', 'Bash(npm run *)')], [], root);
    const broad = findings.find((f) => f.kind === 'broad-allow');
    expect(broad?.evidence.join('\n')).toContain('npm run wipe (runs: rm -rf ~)');
    expect(broad?.evidence.join('\n')).not.toContain('npm run test');
  });

  it('a narrow allow rule is not called broad', () => {
    const root = project({ test: 'vitest run' });
    const findings = health([rule('allow', 'Bash(npm run test)'), rule('allow', 'Read(src/**)')], [], root);
    expect(findings.filter((f) => f.kind === 'broad-allow')).toEqual([]);
  });

  it('names rules that never matched the recorded history, and says nothing without history', () => {
    const root = project();
    const rules = [rule('allow', 'Bash(make *)'), rule('deny', 'Bash(terraform *)')];
    const seen = health(rules, [bash('make build', root), bash('ls', root)], root);
    expect(seen.filter((f) => f.kind === 'never-matched').map((f) => f.rule.text)).toEqual([
      'Bash(terraform *)',
    ]);
    expect(health(rules, [], root).filter((f) => f.kind === 'never-matched')).toEqual([]);
  });

  it('a rule another rule covers is redundant (the narrower one, not both)', () => {
    const root = project();
    const rules = [rule('allow', 'Bash(npm test)'), rule('allow', 'Bash(npm *)')];
    const found = health(rules, [bash('npm test', root)], root).filter((f) => f.kind === 'redundant');
    expect(found.map((f) => [f.rule.text, f.evidence])).toEqual([['Bash(npm test)', ['Bash(npm *)']]]);
  });

  it('an allow rule that a deny rule always overrides never decides', () => {
    const root = project();
    const rules = [rule('allow', 'Bash(docker compose *)'), rule('deny', 'Bash(docker *)')];
    const found = health(rules, [bash('docker compose up', root)], root).filter((f) => f.kind === 'shadowed');
    expect(found.map((f) => f.rule.text)).toEqual(['Bash(docker compose *)']);
  });
});

describe('warden doctor: the rules section from the real audit log and rule files', () => {
  it('reads the rules in force and the recorded decisions', () => {
    const root = project({ nuke: 'rm -rf ..' });
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-health-home-'));
    dirs.push(home);
    fs.writeFileSync(
      path.join(home, 'rules.json'),
      JSON.stringify({ permissions: { allow: ['Bash(npm run *)', 'Bash(cargo *)'] } }),
    );
    const log = openAuditLog(home);
    log.write({
      event: 'decision',
      id: 'a1',
      session: 's',
      tool: 'Bash',
      input: { command: 'npm run build' },
      cwd: root,
      decision: 'allow',
      verdict: 'allow',
      by: 'rule:allow Bash(npm run *)',
    });
    log.close();
    const runtime = runtimeFromEnv({ ...process.env, WARDEN_HOME: home, HOME: home });
    const { findings, history } = ruleHealthFor(runtime, root);
    expect(history).toBe(1);
    const byRule = Object.fromEntries(
      findings.map((f) => [`${f.kind} ${f.rule.text}`, f.evidence.join('; ')]),
    );
    expect(byRule['never-matched Bash(cargo *)']).toBe('');
    expect(byRule['broad-allow Bash(npm run *)']).toContain('npm run nuke (runs: rm -rf ..)');
  });
});
