import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAnalyzer } from '../../src/analyzer/index.js';
import { startWarden, type Warden, type WardenOptions } from '../../src/app.js';
import { CLASSIFIER_OFF } from '../../src/domain/classification.js';

/** A real warden (store, broker, audit, endpoint) on a free loopback port with its own temp home. */
export async function startTestWarden(
  overrides: Partial<WardenOptions> = {},
): Promise<Warden & { home: string }> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-test-'));
  const warden = await startWarden({
    home,
    env: { home: '/home/u', wardenHome: home, tempDirs: ['/tmp'] },
    analyzer: createAnalyzer(),
    classifier: CLASSIFIER_OFF,
    mode: 'manual',
    port: 0,
    loadRules: () => ({ rules: [], errors: [] }),
    ...overrides,
  });
  return Object.assign(warden, { home });
}

export function auditLines(home: string): Record<string, unknown>[] {
  const dir = path.join(home, 'audit');
  return fs
    .readdirSync(dir)
    .sort()
    .flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').split('\n'))
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

export function prePayload(
  tool: string,
  input: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  return {
    session_id: 'sess-1',
    cwd: '/home/u/p',
    hook_event_name: 'PreToolUse',
    permission_mode: 'default',
    tool_name: tool,
    tool_input: input,
    tool_use_id: `toolu_${Math.random().toString(36).slice(2)}`,
    ...extra,
  };
}
