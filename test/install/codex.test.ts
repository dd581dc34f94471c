import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/commands/doctor.js';
import { install } from '../../src/commands/install.js';
import { runtimeFromEnv } from '../../src/commands/runtime.js';
import { installCodexHooks, uninstallCodexHooks } from '../../src/install/codex.js';
import { listCodexHooks, openCodexAppServer } from '../../src/install/codex-app-server.js';

/** The real Codex CLI (devDependency) answers the trust questions. */
const CODEX = path.resolve('node_modules/.bin/codex');
const command = '"/usr/bin/node" "/opt/warden/bin/warden.js" hook codex';
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'warden-codex-'));
const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, any>;
const sink = () => {
  let text = '';
  const write = (s: string) => {
    text += s;
    return true;
  };
  return { stream: { write } as NodeJS.WritableStream, text: () => text };
};
const codexEnv = (home: string) => ({ PATH: process.env.PATH, HOME: home });

async function trustOf(home: string, cwd: string) {
  const server = await openCodexAppServer({ bin: CODEX, env: codexEnv(home), cwd });
  try {
    const { hooks } = await listCodexHooks(server, cwd);
    return hooks.map((h) => `${h.eventName}:${h.trustStatus}`).sort();
  } finally {
    server.close();
  }
}

describe('warden install codex', () => {
  it('writes hooks.json beside config.toml with the timeout in seconds, keeping other hooks', () => {
    const home = tmp();
    const file = path.join(home, '.codex', 'hooks.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const theirs = { type: 'command', command: 'audit.sh', timeout: 5 };
    fs.writeFileSync(file, JSON.stringify({ hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [theirs] }] } }));
    const target = { scope: 'user' as const, env: { HOME: home } };
    installCodexHooks(target, command);
    const { backup } = installCodexHooks(target, command);
    expect(backup).toBe(`${file}.warden-backup`);
    const hooks = read(file).hooks;
    expect(Object.keys(hooks).sort()).toEqual(['PostToolUse', 'PreToolUse', 'SessionStart']);
    expect(hooks.PreToolUse).toEqual([
      { matcher: 'Bash', hooks: [theirs] },
      { matcher: '*', hooks: [{ type: 'command', command, timeout: 1800 }] },
    ]);
    uninstallCodexHooks(target);
    expect(read(file)).toEqual({ hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [theirs] }] } });
  });

  it('CODEX_HOME decides where the user hooks go', () => {
    const dir = tmp();
    const { file } = installCodexHooks(
      { scope: 'user', env: { HOME: '/nowhere', CODEX_HOME: dir } },
      command,
    );
    expect(file).toBe(path.join(dir, 'hooks.json'));
  });

  it('makes Codex trust the hooks (through codex app-server), keeps config.toml, and doctor sees an edit', async () => {
    const home = tmp();
    const config = path.join(home, '.codex', 'config.toml');
    fs.mkdirSync(path.dirname(config), { recursive: true });
    fs.writeFileSync(config, 'model = "gpt-5.5"\n');
    const project = tmp();
    const runtime = runtimeFromEnv({ WARDEN_HOME: tmp() });
    const options = {
      agent: 'codex',
      target: { scope: 'user' as const },
      codexBin: CODEX,
      env: codexEnv(home),
    };

    const out = sink();
    expect(await install(runtime, options, out.stream)).toBe(0);
    expect(out.text()).toContain("Codex trusts warden's 3 hooks (3 trusted now");
    expect(await trustOf(home, project)).toEqual([
      'postToolUse:trusted',
      'preToolUse:trusted',
      'sessionStart:trusted',
    ]);
    expect(fs.readFileSync(config, 'utf8')).toMatch(/^model = "gpt-5\.5"\n/);
    const doctorOk = await diagnose(runtime, project, { env: codexEnv(home), codexBin: CODEX });
    expect(doctorOk).toContainEqual({
      level: 'ok',
      text: `${path.join(home, '.codex', 'hooks.json')}: Codex trusts warden's PreToolUse hook`,
    });

    // A hand edit makes Codex skip the hook; doctor says so; installing again trusts it again.
    const file = path.join(home, '.codex', 'hooks.json');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"timeout": 1800', '"timeout": 60'));
    expect(await trustOf(home, project)).toContain('preToolUse:modified');
    const doctorEdited = await diagnose(runtime, project, { env: codexEnv(home), codexBin: CODEX });
    expect(doctorEdited.find((f) => f.text.includes('edited since it was trusted'))?.level).toBe('fail');

    const again = sink();
    expect(await install(runtime, options, again.stream)).toBe(0);
    expect(await trustOf(home, project)).toEqual([
      'postToolUse:trusted',
      'preToolUse:trusted',
      'sessionStart:trusted',
    ]);
  });

  it('says exactly what to do when Codex cannot be asked, or does not load the project file', async () => {
    const runtime = runtimeFromEnv({ WARDEN_HOME: tmp() });
    const home = tmp();
    const missing = sink();
    const code = await install(
      runtime,
      {
        agent: 'codex',
        target: { scope: 'user' },
        codexBin: path.join(home, 'no-codex-here'),
        env: codexEnv(home),
      },
      missing.stream,
    );
    expect(code).toBe(1);
    expect(missing.text()).toMatch(/not found .*Codex silently skips untrusted hooks/s);

    const project = tmp();
    const untrustedProject = sink();
    const code2 = await install(
      runtime,
      { agent: 'codex', target: { scope: 'project', dir: project }, codexBin: CODEX, env: codexEnv(home) },
      untrustedProject.stream,
    );
    expect(code2).toBe(1);
    expect(untrustedProject.text()).toContain(`trust_level = "trusted"`);
    expect(fs.existsSync(path.join(project, '.codex', 'hooks.json'))).toBe(true);
  });
});
