import { describe, expect, it } from 'vitest';
import { verdict } from '../../src/domain/verdict.js';
import {
  groupChanges,
  type LoggedRecord,
  recordedDecisions,
  replayDecisions,
} from '../../src/replay/index.js';

const decision = (extra: Record<string, unknown>): LoggedRecord => ({
  event: 'decision',
  t: '2026-12-01T10:00:00.000Z',
  agent: 'claude-code',
  session: 's1',
  tool: 'Bash',
  input: { command: 'ls' },
  cwd: '/home/u/p',
  decision: 'allow',
  verdict: 'allow',
  by: 'tier:read-only',
  who: 'warden',
  ...extra,
});

describe('recorded decisions', () => {
  it("takes a session's project root from its first call, as the console does", () => {
    const { decisions } = recordedDecisions([
      decision({ id: 'a1' }),
      decision({ id: 'a2', cwd: '/home/u/p/sub' }),
      decision({ id: 'a3', session: 's2', cwd: '/home/u/q/sub' }),
    ]);
    expect(decisions.map((d) => [d.action.id, d.action.cwd, d.action.projectRoot])).toEqual([
      ['a1', '/home/u/p', '/home/u/p'],
      ['a2', '/home/u/p/sub', '/home/u/p'],
      ['a3', '/home/u/q/sub', '/home/u/q/sub'],
    ]);
  });

  it('skips, and counts by reason, what it cannot replay faithfully', () => {
    const read = recordedDecisions([
      decision({ input: { command: `echo ${'x'.repeat(10)}… [123 more characters]` } }),
      decision({ tool: undefined }),
      decision({ verdict: 'maybe' }),
      { event: 'outcome', session: 's1', ok: true },
      decision({}),
    ]);
    expect(read.decisions).toHaveLength(1);
    expect(Object.fromEntries(read.skipped)).toEqual({
      'input cut by the log (over 4,000 characters)': 1,
      'no tool, input or cwd in the record': 1,
      'no verdict or answer in the record': 1,
    });
  });

  it('keeps the recorded mode and uses it unless a mode is given', () => {
    const { decisions } = recordedDecisions([decision({ mode: 'plan' }), decision({})]);
    const modes: string[] = [];
    const judge = (_a: unknown, mode: string) => {
      modes.push(mode);
      return verdict('allow', 'x', 'x');
    };
    replayDecisions(decisions, judge, undefined);
    replayDecisions(decisions, judge, 'manual');
    expect(modes).toEqual(['plan', 'auto', 'manual', 'manual']);
  });
});

describe('replayDecisions', () => {
  const { decisions } = recordedDecisions([
    decision({ id: 'kept' }),
    decision({ id: 'was-denied', decision: 'deny', verdict: 'deny', by: 'analyzer:x' }),
    decision({ id: 'by-model', decision: 'allow', verdict: 'allow', by: 'classifier' }),
    decision({ id: 'person-said-no', decision: 'deny', verdict: 'hold', by: 'user', who: 'user' }),
  ]);
  const judge = (a: { id: string }) =>
    a.id === 'kept'
      ? verdict('allow', 'tier:read-only', 'reads')
      : a.id === 'by-model'
        ? verdict('hold', 'analyzer:unsure', 'unsure', { wantsClassifier: true })
        : verdict('allow', 'rule:allow Bash(*)', 'rule');

  it('keeps changes only, and flags what would allow a recorded denial', () => {
    const result = replayDecisions(decisions, judge, 'auto');
    expect(result.unchanged).toBe(2);
    expect(result.leftToClassifier).toBe(1);
    expect(result.changes.map((c) => [c.action.id, c.kind, c.allowsDenied])).toEqual([
      ['was-denied', 'newly allowed', true],
      ['person-said-no', 'newly allowed', true],
    ]);
    expect(groupChanges(result.changes)).toMatchObject([{ kind: 'newly allowed', by: 'rule:allow Bash(*)' }]);
  });
});
