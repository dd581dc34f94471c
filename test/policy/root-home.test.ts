import { describe, expect, it } from 'vitest';
import { actionFromToolCall } from '../../src/adapters/tool-call.js';
import { createAnalyzer } from '../../src/analyzer/index.js';
import { decide } from '../../src/policy/decide.js';
import { compileRules } from '../../src/policy/rules/index.js';

/** Agents in containers and CI often run as root: /root is then the user's own home, not a system secret. */
const analyzer = createAnalyzer();
const judge = (home: string, tool: string, input: Record<string, unknown>) =>
  decide(actionFromToolCall({ tool, input, cwd: `${home}/app` }), compileRules([]), 'auto', {
    env: { home, wardenHome: `${home}/.warden`, tempDirs: ['/tmp'] },
    analyzer,
  }).decision;

describe('a home at /root', () => {
  it('reads ordinary files in its own home like any user', () => {
    expect(judge('/root', 'Bash', { command: 'cat /root/notes/todo.md' })).toBe('allow');
    expect(judge('/root', 'Bash', { command: 'cat ~/.ssh/config ~/.ssh/known_hosts' })).toBe('allow');
    expect(judge('/root', 'Read', { file_path: '/root/.gitconfig' })).toBe('allow');
  });

  it('still guards the secrets in it', () => {
    expect(judge('/root', 'Bash', { command: 'cat /root/.ssh/id_ed25519' })).not.toBe('allow');
    expect(judge('/root', 'Read', { file_path: '/root/.aws/credentials' })).not.toBe('allow');
    expect(judge('/root', 'Bash', { command: 'cat ~/.bash_history' })).not.toBe('allow');
  });

  it("is another user's privileged home when the agent is not root", () => {
    expect(judge('/home/dev', 'Bash', { command: 'cat /root/notes/todo.md' })).not.toBe('allow');
    expect(judge('/home/dev', 'Read', { file_path: '/root/.gitconfig' })).not.toBe('allow');
  });
});
