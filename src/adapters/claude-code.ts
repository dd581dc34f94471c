import { z } from 'zod';
import type { Answer } from '../domain/verdict.js';
import type { AgentAdapter, HookInput } from './adapter.js';
import { sessionInput, summarize, validate, wrongShape } from './hook-payload.js';

/**
 * Claude Code hooks: payloads in (validated with zod; unknown fields tolerated), hook JSON out.
 * Nothing else in warden knows Claude Code's JSON shapes. Shapes: ../shared/CLAUDE-CODE.md.
 */

const base = z.object({
  session_id: z.string().min(1).max(200),
  transcript_path: z.string().max(4096).optional(),
  cwd: z.string().min(1).max(4096),
  hook_event_name: z.string().max(100),
  permission_mode: z.string().max(100).optional(),
});

const toolInput = z.record(z.string(), z.unknown());

const preToolUse = base.extend({
  hook_event_name: z.literal('PreToolUse'),
  tool_name: z.string().min(1).max(300),
  tool_input: toolInput,
  tool_use_id: z.string().max(300).optional(),
});

const postToolUse = base.extend({
  hook_event_name: z.enum(['PostToolUse', 'PostToolUseFailure']),
  tool_name: z.string().max(300),
  tool_input: toolInput.optional(),
  tool_response: z.unknown().optional(),
  tool_use_id: z.string().max(300).optional(),
  error: z.unknown().optional(),
});

const sessionStart = base.extend({
  hook_event_name: z.literal('SessionStart'),
  source: z.string().max(100).optional(),
});

const configChange = base.extend({ hook_event_name: z.literal('ConfigChange') }).passthrough();

export type ClaudeHookEvent =
  | 'PreToolUse'
  | 'PostToolUse'
  | 'PostToolUseFailure'
  | 'SessionStart'
  | 'ConfigChange';
export const CLAUDE_HOOK_EVENTS: readonly ClaudeHookEvent[] = [
  'PreToolUse',
  'PostToolUse',
  'PostToolUseFailure',
  'SessionStart',
  'ConfigChange',
];

/**
 * Validates one hook payload. `event` is what the endpoint path (or the caller) says the hook is;
 * the payload's own hook_event_name must agree.
 */
export function parseClaudeHook(event: string, payload: unknown, receivedAt = Date.now()): HookInput {
  const shapeError = wrongShape(event, payload);
  if (shapeError) return shapeError;
  switch (event) {
    case 'PreToolUse': {
      const checked = validate(preToolUse, event, payload);
      if ('invalid' in checked) return checked.invalid;
      const p = checked.data;
      return {
        kind: 'tool-call',
        call: {
          tool: p.tool_name,
          input: p.tool_input,
          cwd: p.cwd,
          agent: 'claude-code',
          sessionId: p.session_id,
          ...(p.tool_use_id !== undefined && { toolUseId: p.tool_use_id }),
          ...(p.transcript_path !== undefined && { transcriptPath: p.transcript_path }),
          ...(p.permission_mode !== undefined && { agentMode: p.permission_mode }),
        },
      };
    }
    case 'PostToolUse':
    case 'PostToolUseFailure': {
      const checked = validate(postToolUse, event, payload);
      if ('invalid' in checked) return checked.invalid;
      const p = checked.data;
      const failed = p.hook_event_name === 'PostToolUseFailure' || hasErrorFlag(p.tool_response);
      return {
        kind: 'outcome',
        tool: p.tool_name,
        outcome: {
          sessionId: p.session_id,
          ok: !failed,
          ...(p.tool_use_id !== undefined && { toolUseId: p.tool_use_id }),
          ...exitCodeOf(p.tool_response),
          summary: summarize(p.tool_response ?? p.error),
          receivedAt,
        },
      };
    }
    case 'SessionStart': {
      const checked = validate(sessionStart, event, payload);
      if ('invalid' in checked) return checked.invalid;
      const p = checked.data;
      return sessionInput('claude-code', p, receivedAt);
    }
    case 'ConfigChange': {
      const checked = validate(configChange, event, payload);
      if ('invalid' in checked) return checked.invalid;
      const { session_id, cwd, transcript_path, hook_event_name, permission_mode, ...rest } = checked.data;
      return { kind: 'config-change', sessionId: session_id, detail: summarize(rest) };
    }
    default:
      return { kind: 'invalid', event, error: `warden does not handle the ${event} hook event` };
  }
}

/** The hook JSON Claude Code obeys for a PreToolUse answer. */
export function claudePreToolUseOutput(answer: Answer, reason: string): object {
  return {
    hookSpecificOutput: {
      hookEventName: 'PreToolUse',
      permissionDecision: answer,
      permissionDecisionReason: reason,
    },
  };
}

/** Claude Code as warden meets it. Its `ask` hands the action to its own prompt (a denial in -p). */
export const claudeCodeAdapter: AgentAdapter = {
  agent: 'claude-code',
  events: CLAUDE_HOOK_EVENTS,
  decisionEvents: ['PreToolUse'],
  fallbackAnswer: 'ask',
  parse: parseClaudeHook,
  renderDecision: (_event, answer, reason) => claudePreToolUseOutput(answer, reason),
  // Events that take no decision (PostToolUse, SessionStart, ConfigChange): carry on.
  renderNoDecision: () => ({}),
};

function hasErrorFlag(response: unknown): boolean {
  if (typeof response !== 'object' || response === null) return false;
  const r = response as Record<string, unknown>;
  return (
    r.is_error === true || r.interrupted === true || (typeof r.exitCode === 'number' && r.exitCode !== 0)
  );
}

function exitCodeOf(response: unknown): { exitCode?: number } {
  if (typeof response !== 'object' || response === null) return {};
  const code =
    (response as Record<string, unknown>).exitCode ?? (response as Record<string, unknown>).exit_code;
  return typeof code === 'number' ? { exitCode: code } : {};
}
