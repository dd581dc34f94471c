import { describe, expect, it } from 'vitest';
import { actionFromToolCall } from '../../src/adapters/tool-call.js';
import { createAnalyzer } from '../../src/analyzer/index.js';
import { isProjectRoot } from '../../src/places/project-root.js';
import { decide } from '../../src/policy/decide.js';
import { compileRules } from '../../src/policy/rules/index.js';

const env = { home: '/home/u', wardenHome: '/home/u/.warden', tempDirs: ['/tmp'] };
const analyzer = createAnalyzer();

describe('isProjectRoot', () => {
  it.each([
    ['/home/u/p', true],
    ['/home/u', true],
    ['/opt/app', true],
    ['/var/www/site', true],
    ['/app', true],
    ['/workspace', true],
    ['/tmp/scratch', true],
    ['/', false],
    ['/home', false],
    ['/etc', false],
    ['/usr/bin', false],
    ['/var', false],
  ])('%s → %s', (root, expected) => {
    expect(isProjectRoot(root, env)).toBe(expected);
  });
});

describe('an agent started outside any project', () => {
  const judge = (command: string, cwd: string) =>
    decide(actionFromToolCall({ tool: 'Bash', input: { command }, cwd }), compileRules([]), 'auto', {
      env,
      analyzer,
    }).decision;

  it('in / an edit is not a project edit, and rm -rf lib is not a cleanup', () => {
    const edit = actionFromToolCall({ tool: 'Write', input: { file_path: 'x.txt', content: 'x' }, cwd: '/' });
    expect(decide(edit, compileRules([]), 'auto', { env, analyzer }).by).not.toBe('tier:project-edit');
    expect(judge('rm -rf lib', '/')).toBe('deny');
  });

  it('in the home directory edits are allowed but deletes are judged as deletes of home files', () => {
    const edit = actionFromToolCall({
      tool: 'Write',
      input: { file_path: 'notes/todo.md', content: 'x' },
      cwd: '/home/u',
    });
    expect(decide(edit, compileRules([]), 'auto', { env, analyzer }).decision).toBe('allow');
    expect(judge('rm -rf build', '/home/u')).toBe('deny');
    expect(judge('rm -rf build', '/home/u/p')).toBe('allow');
  });
});
