import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { installClaudeCode, uninstallClaudeCode } from '../../src/install/claude-code.js';

const options = { url: 'http://127.0.0.1:7723', token: 'T0KEN' };
const tmpProject = () => fs.mkdtempSync(path.join(os.tmpdir(), 'warden-install-'));
const settingsOf = (dir: string) =>
  JSON.parse(fs.readFileSync(path.join(dir, '.claude', 'settings.local.json'), 'utf8')) as Record<
    string,
    any
  >;

describe('warden install claude-code', () => {
  it('writes http hooks with URL, token and timeout into the git-ignored local settings', () => {
    const dir = tmpProject();
    const { file, backup } = installClaudeCode({ scope: 'project', dir }, options);
    expect(file).toBe(path.join(dir, '.claude', 'settings.local.json'));
    expect(backup).toBeUndefined();
    const hook = settingsOf(dir).hooks.PreToolUse[0];
    expect(hook.matcher).toBe('*');
    expect(hook.hooks[0]).toEqual({
      type: 'http',
      url: 'http://127.0.0.1:7723/hook/claude-code/PreToolUse',
      headers: { Authorization: 'Bearer T0KEN' },
      timeout: 1800,
    });
    expect(Object.keys(settingsOf(dir).hooks).sort()).toEqual(
      ['ConfigChange', 'PostToolUse', 'PostToolUseFailure', 'PreToolUse', 'SessionStart'].sort(),
    );
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('is idempotent, keeps other settings and hooks, and writes a backup', () => {
    const dir = tmpProject();
    const file = path.join(dir, '.claude', 'settings.local.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const theirs = { type: 'command', command: 'my-linter' };
    fs.writeFileSync(
      file,
      JSON.stringify({
        permissions: { allow: ['Bash(ls *)'] },
        hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [theirs] }] },
      }),
    );
    installClaudeCode({ scope: 'project', dir }, options);
    const second = installClaudeCode({ scope: 'project', dir }, { ...options, token: 'NEW' });
    expect(second.backup).toBe(`${file}.warden-backup`);
    const settings = settingsOf(dir);
    expect(settings.permissions).toEqual({ allow: ['Bash(ls *)'] });
    expect(settings.hooks.PreToolUse).toHaveLength(2);
    expect(settings.hooks.PreToolUse[0]).toEqual({ matcher: 'Bash', hooks: [theirs] });
    expect(settings.hooks.PreToolUse[1].hooks[0].headers.Authorization).toBe('Bearer NEW');
  });

  it('uninstall removes only warden hooks', () => {
    const dir = tmpProject();
    const file = path.join(dir, '.claude', 'settings.local.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      JSON.stringify({
        hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'x' }] }] },
      }),
    );
    installClaudeCode({ scope: 'project', dir }, options);
    uninstallClaudeCode({ scope: 'project', dir });
    expect(settingsOf(dir)).toEqual({
      hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'x' }] }] },
    });
  });

  it('refuses to overwrite a broken settings file, naming it', () => {
    const dir = tmpProject();
    const file = path.join(dir, '.claude', 'settings.local.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '{ "hooks": ');
    expect(() => installClaudeCode({ scope: 'project', dir }, options)).toThrow(file);
    expect(fs.readFileSync(file, 'utf8')).toBe('{ "hooks": ');
  });

  it('user scope honours CLAUDE_CONFIG_DIR', () => {
    const dir = tmpProject();
    const { file } = installClaudeCode({ scope: 'user', env: { CLAUDE_CONFIG_DIR: dir } }, options);
    expect(file).toBe(path.join(dir, 'settings.json'));
  });
});
