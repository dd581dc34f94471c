import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startMode } from '../../src/cli.js';
import { loadWardenConfig } from '../../src/config/warden-config.js';
import { DEFAULT_MODE } from '../../src/domain/mode.js';
import { createWardenStore } from '../../src/store/create-store.js';

const homeWith = (text: string) => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-mode-'));
  fs.writeFileSync(path.join(home, 'config.json'), text);
  return home;
};

describe('the mode warden starts in', () => {
  it('is auto unless --mode or config.json says otherwise', () => {
    expect(DEFAULT_MODE).toBe('auto');
    expect(startMode(undefined, undefined)).toBe('auto');
    expect(startMode(undefined, 'edits')).toBe('edits');
    expect(startMode('plan', 'edits')).toBe('plan');
  });

  it('config.json takes a mode, and refuses one that is not a mode', () => {
    expect(loadWardenConfig(homeWith('{"mode":"manual"}')).config.mode).toBe('manual');
    const bad = loadWardenConfig(homeWith('{"mode":"careful"}'));
    expect(bad.config.mode).toBeUndefined();
    expect(bad.error).toMatch(/mode/);
  });
});

describe('a store built without a mode', () => {
  it('starts in auto mode', () => {
    const store = createWardenStore({
      judge: () => ({ decision: 'hold', by: 'test', reason: 'test' }),
      compileRules: () => ({ find: () => undefined }) as never,
      onResolved: () => {},
    });
    expect(store.getState().mode).toBe('auto');
  });
});
