import { describe, expect, it } from 'vitest';
import { codexAdapter, heredocPatch, patchPaths } from '../../src/adapters/codex.js';
import { geminiCliAdapter } from '../../src/adapters/gemini-cli.js';
import { actionFromToolCall } from '../../src/adapters/tool-call.js';

describe('Gemini CLI adapter', () => {
  const beforeTool = (tool_name: string, tool_input: Record<string, unknown>) => ({
    session_id: 'g1',
    transcript_path: '/t.json',
    cwd: '/home/u/p',
    hook_event_name: 'BeforeTool',
    timestamp: '2026-11-24T00:00:00Z',
    tool_name,
    tool_input,
  });

  it('maps run_shell_command to Bash, running in dir_path', () => {
    const input = geminiCliAdapter.parse(
      'BeforeTool',
      beforeTool('run_shell_command', { command: 'ls', dir_path: 'sub' }),
    );
    expect(input).toMatchObject({
      kind: 'tool-call',
      call: { tool: 'Bash', agentTool: 'run_shell_command', cwd: '/home/u/p/sub', agent: 'gemini-cli' },
    });
    if (input.kind !== 'tool-call') throw new Error('expected a tool call');
    const action = actionFromToolCall(input.call);
    expect(action.command).toBe('ls');
    expect(action.toolClass).toBe('shell');
  });

  it.each([
    ['write_file', 'Write', 'edit'],
    ['replace', 'Edit', 'edit'],
    ['read_file', 'Read', 'read'],
  ])('maps %s to %s', (gemini, tool, toolClass) => {
    const input = geminiCliAdapter.parse(
      'BeforeTool',
      beforeTool(gemini, { file_path: 'a.ts', content: 'x' }),
    );
    if (input.kind !== 'tool-call') throw new Error('expected a tool call');
    const action = actionFromToolCall(input.call);
    expect(action.tool).toBe(tool);
    expect(action.toolClass).toBe(toolClass);
    expect(action.paths).toEqual(['/home/u/p/a.ts']);
  });

  it('answers with a top-level decision and never ask (it would hang a headless run)', () => {
    expect(geminiCliAdapter.renderDecision('BeforeTool', 'deny', 'no')).toEqual({
      decision: 'deny',
      reason: 'no',
    });
    expect(geminiCliAdapter.renderDecision('BeforeTool', 'allow', 'ok')).toEqual({
      decision: 'allow',
      reason: 'ok',
    });
    expect(geminiCliAdapter.renderDecision('BeforeTool', 'ask', 'held')).toMatchObject({ decision: 'deny' });
    expect(geminiCliAdapter.fallbackAnswer).toBe('deny');
  });

  it('rejects malformed payloads', () => {
    expect(
      geminiCliAdapter.parse('BeforeTool', { ...beforeTool('read_file', {}), tool_input: 'x' }).kind,
    ).toBe('invalid');
    expect(
      geminiCliAdapter.parse('BeforeTool', { ...beforeTool('read_file', {}), hook_event_name: 'AfterTool' })
        .kind,
    ).toBe('invalid');
  });
});

describe('Codex adapter', () => {
  const pre = (tool_name: string, tool_input: Record<string, unknown>) => ({
    session_id: 'c1',
    turn_id: 't1',
    transcript_path: null,
    cwd: '/home/u/p',
    hook_event_name: 'PreToolUse',
    model: 'gpt',
    permission_mode: 'default',
    tool_name,
    tool_input,
    tool_use_id: 'call_1',
  });

  it('reads Bash, also argv-shaped commands', () => {
    expect(codexAdapter.parse('PreToolUse', pre('Bash', { command: 'rm -rf x' }))).toMatchObject({
      kind: 'tool-call',
      call: { tool: 'Bash', input: { command: 'rm -rf x' }, agent: 'codex', toolUseId: 'call_1' },
    });
    expect(
      codexAdapter.parse('PreToolUse', pre('Bash', { command: ['bash', '-lc', 'git push --force'] })),
    ).toMatchObject({
      call: { input: { command: 'git push --force' } },
    });
  });

  it('turns apply_patch into an edit of the files the patch touches', () => {
    const patch =
      '*** Begin Patch\n*** Update File: src/a.ts\n@@\n-a\n+b\n*** Add File: .claude/settings.json\n+{}\n*** End Patch';
    const input = codexAdapter.parse('PreToolUse', pre('apply_patch', { command: patch }));
    if (input.kind !== 'tool-call') throw new Error('expected a tool call');
    const action = actionFromToolCall(input.call);
    expect(action.tool).toBe('Edit');
    expect(action.command).toBeUndefined();
    expect(action.paths).toEqual(['/home/u/p/src/a.ts', '/home/u/p/.claude/settings.json']);
    expect(patchPaths('*** Delete File: x\n*** Update File: y\n*** Move to: z')).toEqual(['x', 'y', 'z']);
  });

  it('judges an apply_patch heredoc sent as Bash (measured: Codex 0.169 runs it as a patch) as an edit', () => {
    const command =
      "cd sub && apply_patch <<'EOF'\n*** Begin Patch\n*** Add File: notes.txt\n+hi\n*** End Patch\nEOF";
    const input = codexAdapter.parse('PreToolUse', pre('Bash', { command }));
    if (input.kind !== 'tool-call') throw new Error('expected a tool call');
    const action = actionFromToolCall(input.call);
    expect(action.tool).toBe('Edit');
    expect(action.toolClass).toBe('edit');
    expect(action.paths).toEqual(['/home/u/p/sub/notes.txt']);
    // a second command after the heredoc keeps it a shell command
    const chained = codexAdapter.parse('PreToolUse', pre('Bash', { command: `${command}\nrm -rf ~` }));
    expect(chained).toMatchObject({ kind: 'tool-call', call: { tool: 'Bash' } });
    expect(heredocPatch('apply_patch <<EOF\n*** Begin Patch\n*** End Patch\nEOF; rm -rf /')).toBeUndefined();
    expect(
      heredocPatch('apply_patch <<EOF\n*** Begin Patch\n*** End Patch\nEOF\nrm -rf ~\nEOF'),
    ).toBeUndefined();
  });

  it('denies instead of ask (Codex runs the tool on ask)', () => {
    expect(codexAdapter.renderDecision('PreToolUse', 'ask', 'held')).toMatchObject({
      hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny' },
    });
    expect(codexAdapter.renderDecision('PreToolUse', 'allow', 'ok')).toMatchObject({
      hookSpecificOutput: { permissionDecision: 'allow' },
    });
  });
});
