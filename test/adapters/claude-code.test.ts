import { describe, expect, it } from 'vitest';
import { claudeCodeAdapter, parseClaudeHook } from '../../src/adapters/claude-code.js';

const pre = {
  session_id: 'sess-1',
  transcript_path: '/home/u/.claude/projects/p/sess-1.jsonl',
  cwd: '/home/u/p',
  permission_mode: 'default',
  hook_event_name: 'PreToolUse',
  tool_name: 'Bash',
  tool_input: { command: 'rm -rf build', description: 'Remove build dir' },
  tool_use_id: 'toolu_1',
  some_future_field: { nested: true },
};

describe('Claude Code adapter', () => {
  it('turns a PreToolUse payload into a tool call, tolerating unknown fields', () => {
    const input = parseClaudeHook('PreToolUse', pre);
    expect(input).toEqual({
      kind: 'tool-call',
      call: {
        tool: 'Bash',
        input: { command: 'rm -rf build', description: 'Remove build dir' },
        cwd: '/home/u/p',
        agent: 'claude-code',
        sessionId: 'sess-1',
        toolUseId: 'toolu_1',
        transcriptPath: '/home/u/.claude/projects/p/sess-1.jsonl',
        agentMode: 'default',
      },
    });
  });

  it.each([
    ['not an object', 'hello'],
    ['an array', [pre]],
    ['null', null],
    ['missing tool_name', { ...pre, tool_name: undefined }],
    ['tool_input not an object', { ...pre, tool_input: 'rm -rf /' }],
    ['wrong session type', { ...pre, session_id: 42 }],
    ['event mismatch', { ...pre, hook_event_name: 'PostToolUse' }],
  ])('rejects a malformed payload (%s) with a clear error', (_name, payload) => {
    const input = parseClaudeHook('PreToolUse', payload);
    expect(input.kind).toBe('invalid');
    expect(input.kind === 'invalid' && input.error.length).toBeGreaterThan(10);
  });

  it('reads PostToolUse outcomes, failures included', () => {
    const ok = parseClaudeHook('PostToolUse', {
      ...pre,
      hook_event_name: 'PostToolUse',
      tool_response: { stdout: 'x', exitCode: 0 },
    });
    expect(ok).toMatchObject({
      kind: 'outcome',
      tool: 'Bash',
      outcome: { ok: true, exitCode: 0, toolUseId: 'toolu_1' },
    });
    const failed = parseClaudeHook('PostToolUseFailure', {
      ...pre,
      hook_event_name: 'PostToolUseFailure',
      error: 'boom',
    });
    expect(failed).toMatchObject({ kind: 'outcome', outcome: { ok: false } });
  });

  it('reads SessionStart', () => {
    const input = parseClaudeHook('SessionStart', {
      session_id: 's',
      cwd: '/p',
      hook_event_name: 'SessionStart',
      source: 'startup',
    });
    expect(input).toMatchObject({
      kind: 'session',
      session: { id: 's', cwd: '/p', agent: 'claude-code', source: 'startup' },
    });
  });

  it('renders exactly the hook JSON Claude Code accepts', () => {
    expect(claudeCodeAdapter.renderDecision('PreToolUse', 'deny', 'blocked: no')).toEqual({
      hookSpecificOutput: {
        hookEventName: 'PreToolUse',
        permissionDecision: 'deny',
        permissionDecisionReason: 'blocked: no',
      },
    });
    expect(claudeCodeAdapter.renderNoDecision('PostToolUse')).toEqual({});
    expect(claudeCodeAdapter.fallbackAnswer).toBe('ask');
  });
});
