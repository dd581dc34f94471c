import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { install, uninstall, wardenHookCommand } from '../../src/commands/install.js';
import { runtimeFromEnv } from '../../src/commands/runtime.js';
import { installGeminiCli, uninstallGeminiCli } from '../../src/install/gemini-cli.js';

const command = '"/usr/bin/node" "/opt/warden/bin/warden.js" hook gemini-cli';
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'warden-gemini-'));
const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, any>;
const sink = () => {
  let text = '';
  const write = (s: string) => {
    text += s;
    return true;
  };
  return { stream: { write } as NodeJS.WritableStream, text: () => text };
};

describe('warden install gemini-cli', () => {
  it('writes command hooks for BeforeTool, AfterTool and SessionStart with the timeout in milliseconds', () => {
    const dir = tmp();
    const { file, backup } = installGeminiCli({ scope: 'project', dir }, command);
    expect(file).toBe(path.join(dir, '.gemini', 'settings.json'));
    expect(backup).toBeUndefined();
    const hooks = read(file).hooks;
    expect(Object.keys(hooks).sort()).toEqual(['AfterTool', 'BeforeTool', 'SessionStart']);
    expect(hooks.BeforeTool).toEqual([
      {
        matcher: '*',
        hooks: [{ name: 'warden-BeforeTool', type: 'command', command, timeout: 1_800_000 }],
      },
    ]);
    expect(hooks.SessionStart[0].matcher).toBeUndefined();
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('is idempotent, keeps other settings and hooks, and keeps a backup', () => {
    const home = tmp();
    const file = path.join(home, '.gemini', 'settings.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const theirs = { type: 'command', command: 'my-linter', timeout: 5000 };
    fs.writeFileSync(
      file,
      JSON.stringify({
        security: { auth: { selectedType: 'gemini-api-key' } },
        hooks: { BeforeTool: [{ matcher: 'write_file', hooks: [theirs] }] },
      }),
    );
    installGeminiCli({ scope: 'user', env: { HOME: home } }, command);
    const again = installGeminiCli({ scope: 'user', env: { HOME: home } }, command.replace('/opt', '/srv'));
    expect(again.backup).toBe(`${file}.warden-backup`);
    const settings = read(file);
    expect(settings.security).toEqual({ auth: { selectedType: 'gemini-api-key' } });
    expect(settings.hooks.BeforeTool).toHaveLength(2);
    expect(settings.hooks.BeforeTool[0]).toEqual({ matcher: 'write_file', hooks: [theirs] });
    expect(settings.hooks.BeforeTool[1].hooks[0].command).toContain('/srv/warden/bin/warden.js');
    expect(settings.hooks.AfterTool).toHaveLength(1);

    uninstallGeminiCli({ scope: 'user', env: { HOME: home } });
    expect(read(file)).toEqual({
      security: { auth: { selectedType: 'gemini-api-key' } },
      hooks: { BeforeTool: [{ matcher: 'write_file', hooks: [theirs] }] },
    });
  });

  it('refuses to overwrite a broken settings file, naming it', async () => {
    const dir = tmp();
    const file = path.join(dir, '.gemini', 'settings.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '{"hooks": [');
    const out = sink();
    const code = await install(
      runtimeFromEnv({ WARDEN_HOME: tmp() }),
      { agent: 'gemini-cli', target: { scope: 'project', dir } },
      out.stream,
    );
    expect(code).toBe(1);
    expect(out.text()).toContain(file);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"hooks": [');
  });

  it('the command runs this warden by absolute node and bin paths (no PATH needed)', async () => {
    const dir = tmp();
    const out = sink();
    const code = await install(
      runtimeFromEnv({ WARDEN_HOME: tmp() }),
      { agent: 'gemini-cli', target: { scope: 'project', dir } },
      out.stream,
    );
    expect(code).toBe(0);
    const line = wardenHookCommand('gemini-cli');
    expect(line).toBe(`"${process.execPath}" "${path.resolve('bin/warden.js')}" hook gemini-cli`);
    expect(read(path.join(dir, '.gemini', 'settings.json')).hooks.BeforeTool[0].hooks[0].command).toBe(line);
    expect(out.text()).toMatch(/trusts/);
    expect(await uninstall('gemini-cli', { scope: 'project', dir }, sink().stream)).toBe(0);
    expect(read(path.join(dir, '.gemini', 'settings.json'))).toEqual({});
  });
});
