import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  addRuleToFile,
  RuleLoader,
  readRuleFile,
  removeRuleFromFile,
  scopeFile,
} from '../../src/config/rule-files.js';

function setup() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-rules-'));
  const at = { wardenHome: path.join(root, 'warden'), claudeConfigDir: path.join(root, 'claude') };
  const project = path.join(root, 'project');
  fs.mkdirSync(path.join(project, '.claude'), { recursive: true });
  fs.mkdirSync(at.claudeConfigDir, { recursive: true });
  fs.mkdirSync(at.wardenHome, { recursive: true });
  return { at, project };
}

describe('rule files', () => {
  it('reads user, project and local settings and warden rules with their sources', () => {
    const { at, project } = setup();
    fs.writeFileSync(
      path.join(at.claudeConfigDir, 'settings.json'),
      JSON.stringify({ permissions: { allow: ['Bash(ls *)'] }, model: 'x' }),
    );
    fs.writeFileSync(
      path.join(project, '.claude', 'settings.json'),
      '{\n  "permissions": {\n    "deny": ["Read(./.env)"]\n  }\n}',
    );
    fs.writeFileSync(
      path.join(project, '.claude', 'settings.local.json'),
      JSON.stringify({ permissions: { ask: ['Bash(git push *)'] } }),
    );
    const { rules, errors } = new RuleLoader(at).load([project]);
    expect(errors).toEqual([]);
    expect(rules.map((r) => `${r.effect} ${r.text} ${r.source.origin}`)).toEqual([
      'allow Bash(ls *) claude-user',
      'deny Read(./.env) claude-project',
      'ask Bash(git push *) claude-local',
    ]);
    const deny = rules.find((r) => r.effect === 'deny')!;
    expect(deny.source).toMatchObject({
      line: 3,
      projectRoot: project,
      file: path.join(project, '.claude', 'settings.json'),
    });
  });

  it('a broken file is an error naming file and line, and its last good rules stay in force', () => {
    const { at, project } = setup();
    const file = path.join(at.wardenHome, 'rules.json');
    fs.writeFileSync(file, JSON.stringify({ permissions: { deny: ['Bash(rm -rf *)'] } }));
    const loader = new RuleLoader(at);
    expect(loader.load([project]).rules).toHaveLength(1);
    fs.writeFileSync(file, '{\n  "permissions": {\n    "deny": ["Bash(rm -rf *)",]\n  }\n}');
    const broken = loader.load([project]);
    expect(broken.rules.map((r) => r.text)).toEqual(['Bash(rm -rf *)']);
    expect(broken.errors[0]).toMatch(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3: not valid JSON`),
    );
    expect(broken.errors[0]).toMatch(/last good 1 rules stay in force/);
  });

  it('a bad rule is an error naming its line', () => {
    const { at } = setup();
    const file = path.join(at.wardenHome, 'rules.json');
    fs.writeFileSync(
      file,
      '{\n  "permissions": {\n    "allow": [\n      "Bash(ls *)",\n      "Bash("\n    ]\n  }\n}',
    );
    const read = readRuleFile({ file, origin: 'warden-user' });
    expect(read.error).toMatch(/rules\.json:5: a rule with "\(" must end with "\)"/);
  });

  it('wrong types are errors, not crashes', () => {
    const { at } = setup();
    const file = path.join(at.wardenHome, 'rules.json');
    fs.writeFileSync(file, JSON.stringify({ permissions: { allow: 'Bash' } }));
    expect(readRuleFile({ file, origin: 'warden-user' }).error).toMatch(/permissions\.allow/);
  });

  it('adds and removes rules in a scope file, keeping the rest', () => {
    const { at, project } = setup();
    const where = scopeFile('project', at, project);
    expect(where.file).toBe(path.join(project, '.warden', 'rules.json'));
    addRuleToFile(where.file, 'deny', 'Bash(git push --force *)');
    addRuleToFile(where.file, 'deny', 'Bash(git push --force *)');
    addRuleToFile(where.file, 'allow', 'Edit(src/**)');
    expect(JSON.parse(fs.readFileSync(where.file, 'utf8'))).toEqual({
      permissions: { deny: ['Bash(git push --force *)'], allow: ['Edit(src/**)'] },
    });
    expect(removeRuleFromFile(where.file, 'deny', 'Bash(git push --force *)')).toBe(true);
    expect(removeRuleFromFile(where.file, 'deny', 'Bash(git push --force *)')).toBe(false);
    expect(() => addRuleToFile(where.file, 'allow', 'Bash(')).toThrow(/must end with/);
  });
});
