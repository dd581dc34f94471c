import { describe, expect, it } from 'vitest';
import { type SelectInput, selectBackend } from '../../src/classifier/backends/select.js';

/** A machine: which packages are installed, which executables exist. */
function machine(
  packages: string[] = ['@anthropic-ai/bedrock-sdk', '@anthropic-ai/vertex-sdk'],
  exes: Record<string, string> = {},
) {
  return {
    hasPackage: (name: string) => packages.includes(name),
    findExecutable: (name: string) => exes[name],
  };
}
const select = (env: Record<string, string>, rest: Partial<SelectInput> = {}) =>
  selectBackend({ requested: 'auto', env, probes: machine(), ...rest });

describe('auto picks the backend for each environment, and says why', () => {
  it('a fresh machine with only a logged-in Claude Code: the claude CLI', () => {
    const s = select({}, { probes: machine([], { claude: '/home/me/.local/bin/claude' }) });
    expect(s).toMatchObject({ backend: 'claude-code', claude: '/home/me/.local/bin/claude' });
    expect(s.why).toMatch(
      /^auto: Claude Code's own login \(\/home\/me\/\.local\/bin\/claude\); each check uses your Claude plan/,
    );
  });

  it('an API key wins over everything after it', () => {
    const s = select(
      { ANTHROPIC_API_KEY: 'sk-x', CLAUDE_CODE_USE_BEDROCK: '1' },
      { probes: machine(undefined, { claude: '/usr/bin/claude' }) },
    );
    expect(s).toMatchObject({ backend: 'anthropic', why: 'auto: ANTHROPIC_API_KEY is set' });
  });

  it('a gateway token and base URL: anthropic via the gateway host', () => {
    expect(
      select({ ANTHROPIC_AUTH_TOKEN: 't', ANTHROPIC_BASE_URL: 'https://llm.corp.example/anthropic' }),
    ).toMatchObject({
      backend: 'anthropic',
      why: 'auto: ANTHROPIC_AUTH_TOKEN is set via llm.corp.example',
    });
  });

  it('classifier.apiKey in config counts as a key', () => {
    expect(select({}, { configApiKey: 'sk-config' })).toMatchObject({
      backend: 'anthropic',
      why: 'auto: classifier.apiKey is set',
    });
  });

  it('CLAUDE_CODE_USE_BEDROCK (any truthy spelling) picks bedrock, with the region', () => {
    for (const on of ['1', 'true', 'TRUE', 'yes']) {
      expect(select({ CLAUDE_CODE_USE_BEDROCK: on, AWS_REGION: 'ap-southeast-2' })).toMatchObject({
        backend: 'bedrock',
        why: 'auto: CLAUDE_CODE_USE_BEDROCK is set (AWS region ap-southeast-2)',
      });
    }
    expect(select({ CLAUDE_CODE_USE_BEDROCK: '0' }).backend).toBe('off');
  });

  it('CLAUDE_CODE_USE_VERTEX picks vertex', () => {
    expect(select({ CLAUDE_CODE_USE_VERTEX: '1', ANTHROPIC_VERTEX_PROJECT_ID: 'p1' })).toMatchObject({
      backend: 'vertex',
      why: 'auto: CLAUDE_CODE_USE_VERTEX is set (project p1)',
    });
  });

  it('Bedrock set up but its SDK not installed: falls through to the claude CLI and says what was skipped', () => {
    const s = select(
      { CLAUDE_CODE_USE_BEDROCK: '1' },
      { probes: machine([], { claude: '/usr/bin/claude' }) },
    );
    expect(s.backend).toBe('claude-code');
    expect(s.skipped).toEqual([
      'bedrock needs @anthropic-ai/bedrock-sdk (npm install -g @anthropic-ai/bedrock-sdk)',
    ]);
  });

  it('nothing usable: off, naming what is missing', () => {
    const s = select({ CLAUDE_CODE_USE_VERTEX: '1' }, { probes: machine([], {}) });
    expect(s.backend).toBe('off');
    expect(s.why).toMatch(/no backend: .*no claude CLI on PATH; vertex needs @anthropic-ai\/vertex-sdk/);
  });

  it('classifier.claudePath is used instead of PATH', () => {
    const s = select(
      {},
      {
        claudePath: '/opt/claude/bin/claude',
        probes: machine([], { '/opt/claude/bin/claude': '/opt/claude/bin/claude' }),
      },
    );
    expect(s).toMatchObject({ backend: 'claude-code', claude: '/opt/claude/bin/claude' });
  });
});

describe('an explicit backend', () => {
  it('is used even when auto would pick another', () => {
    const s = selectBackend({
      requested: 'claude-code',
      env: { ANTHROPIC_API_KEY: 'sk' },
      probes: machine([], { claude: '/usr/bin/claude' }),
    });
    expect(s).toMatchObject({ backend: 'claude-code' });
    expect(s.why).toMatch(/\(classifier\.backend\)$/);
  });

  it('that cannot run is off with the reason, never another backend', () => {
    expect(
      selectBackend({ requested: 'anthropic', env: {}, probes: machine([], { claude: '/usr/bin/claude' }) }),
    ).toMatchObject({
      backend: 'off',
      why: 'anthropic: no ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN or classifier.apiKey',
    });
    expect(selectBackend({ requested: 'bedrock', env: {}, probes: machine([]) })).toMatchObject({
      backend: 'off',
      why: 'bedrock: bedrock needs @anthropic-ai/bedrock-sdk (npm install -g @anthropic-ai/bedrock-sdk)',
    });
    expect(selectBackend({ requested: 'claude-code', env: {}, probes: machine() }).backend).toBe('off');
  });

  it('bedrock chosen explicitly does not need CLAUDE_CODE_USE_BEDROCK', () => {
    expect(selectBackend({ requested: 'bedrock', env: {}, probes: machine() }).backend).toBe('bedrock');
  });

  it('off is off', () => {
    expect(
      selectBackend({ requested: 'off', env: { ANTHROPIC_API_KEY: 'sk' }, probes: machine() }).backend,
    ).toBe('off');
  });
});
