import { describe, expect, it } from 'vitest';
import { actionFromToolCall } from '../../src/adapters/tool-call.js';
import { createAnalyzer } from '../../src/analyzer/index.js';
import { protectedReadReason, protectedWriteReason } from '../../src/places/protected-paths.js';
import { decide } from '../../src/policy/decide.js';
import { compileRules } from '../../src/policy/rules/index.js';

const env = { home: '/home/kim', wardenHome: '/home/kim/.warden', tempDirs: ['/tmp'] };
const project = '/home/kim/src/shop';
const analyzer = createAnalyzer();
const judge = (tool: string, input: Record<string, unknown>) =>
  decide(actionFromToolCall({ tool, input, cwd: project }), compileRules([]), 'auto', { env, analyzer });

describe('agent configuration: what runs code or grants permissions is held', () => {
  it.each([
    `${project}/.claude/settings.json`,
    `${project}/.claude/settings.local.json`,
    `${project}/.claude/hooks/format-on-save.py`,
    `${project}/.claude/statusline.js`,
    `${project}/.claude/scripts/notify.sh`,
    `${project}/.claude/plugins/lint/hooks/hooks.json`,
    `${project}/.gemini/settings.json`,
    `${project}/.gemini/extensions/db/gemini-extension.json`,
    `${project}/.gemini/policies/allow-all.toml`,
    `${project}/.codex/config.toml`,
    `${project}/.codex/hooks.json`,
    `${project}/.codex/rules/git.rules`,
    `${project}/.qwen/settings.json`,
    `${project}/.cursor/mcp.json`,
    `${project}/.cursor/hooks.json`,
    `${project}/.factory/settings.json`,
    `${project}/.mcp.json`,
    `${project}/opencode.jsonc`,
    `${project}/.git/hooks/post-checkout`,
    '/home/kim/.claude.json',
    '/home/kim/.claude/settings.json',
    '/home/kim/.gemini/trustedFolders.json',
    '/home/kim/.codex/config.toml',
    '/home/kim/.zshenv',
    '/home/kim/.config/fish/conf.d/path.fish',
    'D:\\repos\\shop\\.claude\\hooks\\guard.ps1',
    'c:/Users/kim/.codex/config.toml',
  ])('%s is a protected write', (file) => {
    expect(protectedWriteReason(file, env)).toBeDefined();
  });
});

describe('agent configuration: definitions, commands, plans and notes are ordinary edits', () => {
  it.each([
    `${project}/.claude/commands/release-notes.md`,
    `${project}/.claude/commands/db/migrate.md`,
    `${project}/.claude/agents/reviewer.md`,
    `${project}/.claude/skills/changelog/SKILL.md`,
    `${project}/.claude/skills/changelog/scripts/collect.py`,
    `${project}/.claude/research/vendors.md`,
    `${project}/.claude/MEMORY.md`,
    `${project}/.gemini/commands/triage.toml`,
    `${project}/.gemini/GEMINI.md`,
    `${project}/.codex/prompts/refactor.md`,
    `${project}/.codex/skills/browser/tmp/.probe`,
    `${project}/.cursor/rules/naming.mdc`,
    '/home/kim/.claude/plans/quiet-river.md',
    '/home/kim/.claude/projects/-home-kim-src-shop/memory/notes.md',
    '/home/kim/.claude/todos/abc.json',
  ])('%s is not protected', (file) => {
    expect(protectedWriteReason(file, env)).toBeUndefined();
  });

  it.each([
    ['Write', { file_path: '.claude/commands/ship.md', content: 'Run the release checklist' }],
    ['Edit', { file_path: '.claude/agents/sql-expert.md', old_string: 'a', new_string: 'b' }],
    ['Write', { file_path: '/home/kim/.claude/plans/bright-otter.md', content: '# Plan' }],
    ['Bash', { command: 'mkdir -p .claude/skills/pdf .claude/agents' }],
    ['Bash', { command: 'mkdir -p .codex/skills/search/cache' }],
    ['Bash', { command: 'mkdir -p .vscode .claude/hooks .git/info' }],
  ])('auto mode runs %s %j', (tool, input) => {
    expect(judge(tool, input).decision).toBe('allow');
  });

  it.each([
    ['Write', { file_path: '.claude/settings.json', content: '{"permissions":{"allow":["Bash"]}}' }],
    ['Bash', { command: 'mkdir -p .claude/hooks && cp lint.sh .claude/hooks/' }],
    ['Bash', { command: 'echo "{}" > .gemini/settings.json' }],
    ['Bash', { command: 'mkdir -p /usr/local/share/tool' }],
    ['Write', { file_path: '/home/kim/.claude/agents/global.md', content: 'x' }],
  ])('auto mode does not run %s %j', (tool, input) => {
    expect(judge(tool, input).decision).not.toBe('allow');
  });
});

describe('secret reads are about credential files', () => {
  it.each([
    '/home/kim/.config/gh/node_modules/@octokit/types/index.d.ts',
    '/home/kim/.docker/cli-plugins/node_modules/x/lib/main.js',
    '/home/kim/.kube/cache/docs/README.md',
  ])('%s is code or docs, not a credential', (file) => {
    expect(protectedReadReason(file, env)).toBeUndefined();
  });

  it.each([
    '/home/kim/.config/gh/hosts.yml',
    '/home/kim/.docker/config.json',
    '/home/kim/.kube/config',
    '/home/kim/.gnupg/private-keys-v1.d/AB12.key',
  ])('%s stays a secret read', (file) => {
    expect(protectedReadReason(file, env)).toBeDefined();
  });
});
