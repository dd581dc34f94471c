import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/commands/doctor.js';
import { wardenHookCommand } from '../../src/commands/install.js';
import { runtimeFromEnv } from '../../src/commands/runtime.js';
import { installGeminiCli } from '../../src/install/gemini-cli.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'warden-doctor-'));
const noCodex = (home: string) => ({ env: { HOME: home, PATH: '' }, codexBin: path.join(home, 'none') });

async function geminiFindings(
  settings: (s: Record<string, any>) => void,
  command = wardenHookCommand('gemini-cli'),
) {
  const home = tmp();
  const { file } = installGeminiCli({ scope: 'user', env: { HOME: home } }, command);
  const value = JSON.parse(fs.readFileSync(file, 'utf8'));
  settings(value);
  fs.writeFileSync(file, JSON.stringify(value));
  const findings = await diagnose(runtimeFromEnv({ WARDEN_HOME: tmp() }), tmp(), noCodex(home));
  return { file, findings, failed: findings.filter((f) => f.level === 'fail').map((f) => f.text) };
}

describe('warden doctor, per agent', () => {
  it('passes a current Gemini hook, with a note about --acp', async () => {
    const { file, findings, failed } = await geminiFindings(() => {});
    expect(failed).toEqual([]);
    expect(findings).toContainEqual({
      level: 'ok',
      text: `${file}: Gemini BeforeTool hook installed, runs this warden`,
    });
    expect(findings.some((f) => f.level === 'warn' && f.text.includes('--acp'))).toBe(true);
  });

  it('fails when Gemini hooks are turned off, or warden’s is disabled by name', async () => {
    const off = await geminiFindings((s) => {
      s.hooksConfig = { enabled: false };
    });
    expect(off.failed.join('\n')).toContain('"enabled": false');
    const disabled = await geminiFindings((s) => {
      s.hooksConfig = { disabled: ['warden-BeforeTool'] };
    });
    expect(disabled.failed.join('\n')).toContain('hooksConfig.disabled');
  });

  it('warns about a timeout written in seconds (Gemini reads milliseconds)', async () => {
    const { findings } = await geminiFindings((s) => {
      s.hooks.BeforeTool[0].hooks[0].timeout = 1800;
    });
    expect(findings.find((f) => f.text.includes('timeout 1800 ms'))?.level).toBe('warn');
  });

  it('fails a hook whose warden.js is gone (the hook would crash and Gemini would run the tool)', async () => {
    const { failed } = await geminiFindings(
      () => {},
      `"${process.execPath}" "/nonexistent/bin/warden.js" hook gemini-cli`,
    );
    expect(failed.join('\n')).toContain('/nonexistent/bin/warden.js, which does not exist');
  });

  it('with no agent hooked at all, fails for each; Codex trust unknown is a warning, not a pass', async () => {
    const home = tmp();
    const findings = await diagnose(runtimeFromEnv({ WARDEN_HOME: tmp() }), tmp(), noCodex(home));
    const failed = findings.filter((f) => f.level === 'fail').map((f) => f.text);
    expect(failed).toHaveLength(3);
    expect(failed.join('\n')).toMatch(/Claude Code[\s\S]*Gemini CLI[\s\S]*Codex/);

    const codexFile = path.join(home, '.codex', 'hooks.json');
    fs.mkdirSync(path.dirname(codexFile), { recursive: true });
    fs.writeFileSync(
      codexFile,
      JSON.stringify({
        hooks: {
          PreToolUse: [
            {
              matcher: '*',
              hooks: [{ type: 'command', command: wardenHookCommand('codex'), timeout: 1800 }],
            },
          ],
        },
      }),
    );
    const withCodex = await diagnose(runtimeFromEnv({ WARDEN_HOME: tmp() }), tmp(), noCodex(home));
    expect(withCodex.find((f) => f.text.includes('cannot ask Codex'))?.level).toBe('warn');
    expect(withCodex.find((f) => f.text.includes('no warden hook for Claude Code'))?.level).toBe('warn');
  });
});
