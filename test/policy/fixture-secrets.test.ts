import { describe, expect, it } from 'vitest';
import { actionFromToolCall } from '../../src/adapters/tool-call.js';
import type { Analyzer } from '../../src/domain/analysis.js';
import { decide } from '../../src/policy/decide.js';
import { compileRules } from '../../src/policy/rules/index.js';

const env = { home: '/home/u', wardenHome: '/home/u/.warden', tempDirs: ['/tmp'] };
const unsure: Analyzer = { analyze: () => ({ kind: 'unsure', reason: 'unknown command' }) };
const TOKEN = 'const token = "ghp_1234567890abcdefghij1234567890abcdef"';
const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA';

const decideWrite = (cwd: string, file_path: string, content: string) =>
  decide(
    actionFromToolCall({ tool: 'Write', input: { file_path, content }, cwd }),
    compileRules([]),
    'auto',
    {
      env,
      analyzer: unsure,
    },
  );

describe('the fixture exemption for secrets in edits', () => {
  it('looks only at the path inside the project, not where the project lives', () => {
    // the project itself sits under ~/tests/: its source files are not fixtures
    expect(decideWrite('/home/u/tests/app', 'src/config.ts', TOKEN)).toMatchObject({
      decision: 'hold',
      by: 'tier:secret-in-edit',
    });
    expect(decideWrite('/home/u/examples/app', '/home/u/examples/app/lib/a.js', TOKEN).decision).toBe('hold');
  });

  it('still lets fake tokens into real fixtures of such a project', () => {
    expect(decideWrite('/home/u/tests/app', 'test/fixtures/mock.js', TOKEN).decision).toBe('allow');
    expect(decideWrite('/home/u/tests/app', 'src/auth.test.ts', TOKEN).decision).toBe('allow');
  });

  it('holds a private-key block even in a fixture', () => {
    expect(decideWrite('/home/u/p', 'test/fixtures/id_ed25519', KEY)).toMatchObject({
      decision: 'hold',
      by: 'tier:secret-in-edit',
    });
  });
});
