import { describe, expect, it } from 'vitest';
import { actionFromToolCall } from '../../src/adapters/tool-call.js';
import type { Rule } from '../../src/domain/rule.js';
import { compileProjectScoped } from '../../src/policy/project-scoped-rules.js';
import { compileRules } from '../../src/policy/rules/index.js';

const env = { home: '/home/u', wardenHome: '/home/u/.warden', tempDirs: ['/tmp'] };
const rule = (effect: Rule['effect'], text: string, projectRoot?: string): Rule => ({
  effect,
  text,
  source: { origin: projectRoot ? 'claude-project' : 'warden-user', ...(projectRoot && { projectRoot }) },
});

describe('project-scoped rules', () => {
  const set = compileProjectScoped(compileRules, [
    rule('deny', 'Bash', '/work/a'),
    rule('allow', 'Read'),
    rule('allow', 'Bash', '/work/b'),
  ]);
  const bash = (root: string) =>
    actionFromToolCall({ tool: 'Bash', input: { command: 'ls' }, cwd: root, projectRoot: root });

  it("applies a project's rules to its own actions only", () => {
    expect(set.find(bash('/work/a'), env)?.effect).toBe('deny');
    expect(set.find(bash('/work/b'), env)?.effect).toBe('allow');
    expect(set.find(bash('/work/c'), env)).toBeUndefined();
  });

  it('applies user rules everywhere', () => {
    const read = actionFromToolCall({
      tool: 'Read',
      input: { file_path: 'x' },
      cwd: '/work/a',
      projectRoot: '/work/a',
    });
    expect(set.find(read, env)?.text).toBe('Read');
  });
});
