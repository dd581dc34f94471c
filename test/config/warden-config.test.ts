import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWardenConfig } from '../../src/config/warden-config.js';

const homeWith = (text: string | undefined) => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-config-'));
  if (text !== undefined) fs.writeFileSync(path.join(home, 'config.json'), text);
  return home;
};

describe('warden config', () => {
  it('is optional', () => {
    expect(loadWardenConfig(homeWith(undefined))).toEqual({ config: {} });
  });

  it('reads a valid config', () => {
    const { config, error } = loadWardenConfig(
      homeWith('{"classifier":{"model":"m","deadlineMs":3000},"notifications":{"bell":false}}'),
    );
    expect(error).toBeUndefined();
    expect(config.classifier).toEqual({ model: 'm', deadlineMs: 3000 });
  });

  it('names the file and line of a JSON error and falls back to defaults', () => {
    const home = homeWith('{\n  "classifier": {\n    "model": "m",,\n  }\n}');
    const { config, error } = loadWardenConfig(home);
    expect(config).toEqual({});
    expect(error).toContain(path.join(home, 'config.json'));
    expect(error).toMatch(/:3: not valid JSON/);
  });

  it('names the key and line of a wrong value', () => {
    const home = homeWith('{\n  "classifier": {\n    "deadlineMs": "soon"\n  }\n}');
    const { error } = loadWardenConfig(home);
    expect(error).toMatch(/config\.json:3: classifier\.deadlineMs: /);
  });

  it('rejects unknown keys (a typo should not silently do nothing)', () => {
    expect(loadWardenConfig(homeWith('{"clasifier": {}}')).error).toMatch(/Unrecognized key/);
  });
});
