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

  it('reads the classifier backend settings, and names a backend it does not know', () => {
    const ok = loadWardenConfig(
      homeWith(
        '{"classifier":{"backend":"claude-code","pool":2,"claudePath":"/opt/claude","region":"eu-west-1","projectId":"p"}}',
      ),
    );
    expect(ok.error).toBeUndefined();
    expect(ok.config.classifier).toMatchObject({
      backend: 'claude-code',
      pool: 2,
      claudePath: '/opt/claude',
    });
    const bad = loadWardenConfig(homeWith('{\n  "classifier": {\n    "backend": "openai"\n  }\n}'));
    expect(bad.error).toMatch(/config\.json:3: classifier\.backend: /);
    expect(loadWardenConfig(homeWith('{"classifier":{"pool":50}}')).error).toMatch(/classifier\.pool/);
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
