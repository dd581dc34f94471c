import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Answer } from '../domain/verdict.js';
import { isWindowsPath } from '../places/windows-path.js';
import type { AgentAdapter, HookInput } from './adapter.js';
import { sessionInput, summarize, validate, wrongShape } from './hook-payload.js';

/**
 * Gemini CLI hooks (facts: ../shared/OTHER-AGENTS.md). BeforeTool payloads in; the answer is a
 * top-level `{"decision": "allow"|"deny", "reason"}`. Gemini has no `ask` that works headless
 * (it hangs), so warden never answers ask: what it cannot settle is denied with the reason.
 */

/** Gemini tool names onto warden's (Claude Code's) vocabulary, with their inputs reshaped. */
const TOOL_MAP: Readonly<Record<string, string>> = {
  run_shell_command: 'Bash',
  write_file: 'Write',
  replace: 'Edit',
  read_file: 'Read',
  read_many_files: 'Read',
  glob: 'Glob',
  search_file_content: 'Grep',
  grep: 'Grep',
  list_directory: 'LS',
  web_fetch: 'WebFetch',
  google_web_search: 'WebSearch',
  write_todos: 'TodoWrite',
};

const base = z.object({
  session_id: z.string().min(1).max(200),
  transcript_path: z.string().max(4096).optional(),
  cwd: z.string().min(1).max(4096),
  hook_event_name: z.string().max(100),
});

const beforeTool = base.extend({
  hook_event_name: z.literal('BeforeTool'),
  tool_name: z.string().min(1).max(300),
  tool_input: z.record(z.string(), z.unknown()),
});

const afterTool = base.extend({
  hook_event_name: z.literal('AfterTool'),
  tool_name: z.string().max(300),
  tool_input: z.record(z.string(), z.unknown()).optional(),
  tool_response: z.unknown().optional(),
});

/**
 * Gemini sends no tool-call id, but BeforeTool and AfterTool both carry the session, tool name and
 * input (measured, 0.61): the same digest on both pairs an outcome with its action.
 */
export function geminiCallId(sessionId: string, tool: string, input: unknown): string {
  let text: string;
  try {
    text = JSON.stringify([sessionId, tool, input ?? null]);
  } catch {
    text = `${sessionId}\0${tool}`;
  }
  return `gemini-${createHash('sha256').update(text).digest('hex').slice(0, 20)}`;
}

const sessionStart = base.extend({
  hook_event_name: z.literal('SessionStart'),
  source: z.string().max(100).optional(),
});

export const GEMINI_HOOK_EVENTS = ['BeforeTool', 'AfterTool', 'SessionStart'] as const;

export function parseGeminiHook(event: string, payload: unknown, receivedAt = Date.now()): HookInput {
  const shapeError = wrongShape(event, payload);
  if (shapeError) return shapeError;
  switch (event) {
    case 'BeforeTool': {
      const checked = validate(beforeTool, event, payload);
      if ('invalid' in checked) return checked.invalid;
      const p = checked.data;
      const tool = TOOL_MAP[p.tool_name] ?? p.tool_name;
      const input: Record<string, unknown> = { ...p.tool_input };
      // run_shell_command's dir_path is where the command runs.
      const dir = typeof input.dir_path === 'string' && input.dir_path !== '' ? input.dir_path : undefined;
      return {
        kind: 'tool-call',
        call: {
          tool,
          agentTool: p.tool_name,
          input,
          cwd: tool === 'Bash' && dir ? resolveUnder(p.cwd, dir) : p.cwd,
          projectRoot: p.cwd,
          agent: 'gemini-cli',
          sessionId: p.session_id,
          toolUseId: geminiCallId(p.session_id, p.tool_name, p.tool_input),
          ...(p.transcript_path !== undefined && { transcriptPath: p.transcript_path }),
        },
      };
    }
    case 'AfterTool': {
      const checked = validate(afterTool, event, payload);
      if ('invalid' in checked) return checked.invalid;
      const p = checked.data;
      const failed =
        typeof p.tool_response === 'object' && p.tool_response !== null && 'error' in p.tool_response;
      return {
        kind: 'outcome',
        tool: TOOL_MAP[p.tool_name] ?? p.tool_name,
        outcome: {
          sessionId: p.session_id,
          ok: !failed,
          ...(p.tool_input !== undefined && {
            toolUseId: geminiCallId(p.session_id, p.tool_name, p.tool_input),
          }),
          summary: summarize(p.tool_response),
          receivedAt,
        },
      };
    }
    case 'SessionStart': {
      const checked = validate(sessionStart, event, payload);
      if ('invalid' in checked) return checked.invalid;
      const p = checked.data;
      return sessionInput('gemini-cli', p, receivedAt);
    }
    default:
      return { kind: 'invalid', event, error: `warden does not handle the ${event} hook event` };
  }
}

function resolveUnder(cwd: string, dir: string): string {
  return dir.startsWith('/') || isWindowsPath(dir) ? dir : `${cwd.replace(/[\\/]$/, '')}/${dir}`;
}

/** Gemini obeys a top-level decision; an `ask` would hang a headless run, so it becomes deny. */
export function geminiDecisionOutput(answer: Answer, reason: string): object {
  if (answer === 'allow') return { decision: 'allow', reason };
  return {
    decision: 'deny',
    reason: answer === 'ask' ? `warden holds this for a person: ${reason}` : reason,
  };
}

export const geminiCliAdapter: AgentAdapter = {
  agent: 'gemini-cli',
  events: GEMINI_HOOK_EVENTS,
  decisionEvents: ['BeforeTool'],
  fallbackAnswer: 'deny',
  parse: parseGeminiHook,
  renderDecision: (_event, answer, reason) => geminiDecisionOutput(answer, reason),
  renderNoDecision: () => ({}),
};
