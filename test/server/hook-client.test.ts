import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { claudeCodeAdapter } from '../../src/adapters/claude-code.js';
import type { Warden } from '../../src/app.js';
import { forwardHook } from '../../src/server/hook-client.js';
import { prePayload, startTestWarden } from '../support/warden-instance.js';

let warden: (Warden & { home: string }) | undefined;
afterEach(async () => {
  await warden?.close();
  warden = undefined;
});

const parse = (text: string) =>
  JSON.parse(text) as {
    hookSpecificOutput?: { permissionDecision?: string; permissionDecisionReason?: string };
  };

describe('warden hook claude-code (command hook)', () => {
  it('forwards to the running console and prints its answer', async () => {
    warden = await startTestWarden();
    const out = await forwardHook(
      claudeCodeAdapter,
      JSON.stringify(prePayload('Read', { file_path: 'x' })),
      warden.home,
    );
    expect(parse(out).hookSpecificOutput?.permissionDecision).toBe('allow');
  });

  it('answers ask when no console has run', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-none-'));
    const out = await forwardHook(
      claudeCodeAdapter,
      JSON.stringify(prePayload('Bash', { command: 'ls' })),
      home,
    );
    expect(parse(out).hookSpecificOutput).toMatchObject({ permissionDecision: 'ask' });
  });

  it('answers ask when the console has stopped', async () => {
    warden = await startTestWarden();
    const home = warden.home;
    await warden.close();
    warden = undefined;
    const out = await forwardHook(
      claudeCodeAdapter,
      JSON.stringify(prePayload('Bash', { command: 'ls' })),
      home,
    );
    expect(parse(out).hookSpecificOutput?.permissionDecision).toBe('ask');
    expect(parse(out).hookSpecificOutput?.permissionDecisionReason).toMatch(/did not answer/);
  });

  it('answers garbage on stdin with a valid ask', async () => {
    warden = await startTestWarden();
    const out = await forwardHook(claudeCodeAdapter, 'not json at all', warden.home);
    expect(parse(out).hookSpecificOutput?.permissionDecision).toBe('ask');
  });
});
