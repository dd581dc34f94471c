import { z } from 'zod';
import type { Answer } from '../domain/verdict.js';
import type { AgentAdapter, HookInput } from './adapter.js';
import { sessionInput, summarize, validate, wrongShape } from './hook-payload.js';

/**
 * Codex CLI hooks (facts: ../shared/OTHER-AGENTS.md). Payloads are Claude-shaped; shell calls
 * arrive as `Bash` and file edits as `apply_patch` with the patch in `tool_input.command`. Codex
 * runs the tool on `ask` (and on any hook failure), so warden never answers ask: what it cannot
 * settle is denied with the reason.
 */

const base = z.object({
  session_id: z.string().min(1).max(200),
  transcript_path: z.string().max(4096).nullish(),
  cwd: z.string().min(1).max(4096),
  hook_event_name: z.string().max(100),
  permission_mode: z.string().max(100).optional(),
});

const preToolUse = base.extend({
  hook_event_name: z.literal('PreToolUse'),
  tool_name: z.string().min(1).max(300),
  tool_input: z.record(z.string(), z.unknown()),
  tool_use_id: z.string().max(300).optional(),
});

const postToolUse = base.extend({
  hook_event_name: z.literal('PostToolUse'),
  tool_name: z.string().max(300),
  tool_response: z.unknown().optional(),
  tool_use_id: z.string().max(300).optional(),
});

const sessionStart = base.extend({
  hook_event_name: z.literal('SessionStart'),
  source: z.string().max(100).optional(),
});

export const CODEX_HOOK_EVENTS = ['PreToolUse', 'PostToolUse', 'SessionStart'] as const;

/** Codex's names for its shell tool across versions (the hook usually reports `Bash`). */
const CODEX_SHELL_TOOLS = new Set([
  'Bash',
  'exec_command',
  'shell',
  'shell_command',
  'local_shell',
  'container.exec',
]);

/** The files an apply_patch touches (added, updated, deleted, moved to). */
export function patchPaths(patch: string): string[] {
  const out: string[] = [];
  for (const m of patch.matchAll(/^\*\*\* (?:Add File|Update File|Delete File|Move to): (.+)$/gm)) {
    const file = m[1]!.trim();
    if (file && !out.includes(file)) out.push(file);
  }
  return out;
}

/**
 * Codex runs `apply_patch <<'EOF' … EOF` (optionally after `cd DIR &&`) as a patch, not a shell
 * command, and reports it to the hook as Bash: warden judges it as the edit it is. Anything else in
 * the command (a second command after the heredoc) leaves it a shell command.
 */
export function heredocPatch(command: string): { patch: string; dir?: string } | undefined {
  const m =
    /^\s*(?:cd\s+(?:'([^']*)'|"([^"$`\\]*)"|([^\s;&|'"$`\\]+))\s*&&\s*)?(?:apply_patch|applypatch)\s*<<-?\s*(['"]?)(\w+)\4\n([\s\S]*?)\n\5\s*$/.exec(
      command,
    );
  if (!m) return undefined;
  // the heredoc ends at the first line that is its delimiter: anything after that is a command
  if (m[6]!.split('\n').some((line) => line.trim() === m[5])) return undefined;
  const dir = m[1] ?? m[2] ?? m[3];
  return { patch: m[6]!, ...(dir !== undefined && { dir }) };
}

/** Codex may send a command as argv (`["bash", "-lc", "…"]`); warden judges the script. */
function commandText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    const argv = value as string[];
    if (argv.length === 3 && /(^|\/)(ba|z|da)?sh$/.test(argv[0]!) && /^-l?c$/.test(argv[1]!)) return argv[2];
    return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
  }
  return undefined;
}

export function parseCodexHook(event: string, payload: unknown, receivedAt = Date.now()): HookInput {
  const shapeError = wrongShape(event, payload);
  if (shapeError) return shapeError;
  switch (event) {
    case 'PreToolUse': {
      const checked = validate(preToolUse, event, payload);
      if ('invalid' in checked) return checked.invalid;
      const p = checked.data;
      const common = {
        agent: 'codex' as const,
        agentTool: p.tool_name,
        cwd: p.cwd,
        sessionId: p.session_id,
        ...(p.tool_use_id !== undefined && { toolUseId: p.tool_use_id }),
        ...(typeof p.transcript_path === 'string' && { transcriptPath: p.transcript_path }),
        ...(p.permission_mode !== undefined && { agentMode: p.permission_mode }),
      };
      if (p.tool_name === 'apply_patch') {
        const patch = commandText(p.tool_input.command) ?? commandText(p.tool_input.patch) ?? '';
        return {
          kind: 'tool-call',
          call: { ...common, tool: 'Edit', input: { patch }, extraPaths: patchPaths(patch) },
        };
      }
      if (CODEX_SHELL_TOOLS.has(p.tool_name)) {
        const command = commandText(p.tool_input.command) ?? commandText(p.tool_input.cmd);
        if (command === undefined) return { kind: 'invalid', event, error: 'a shell call without a command' };
        const heredoc = heredocPatch(command);
        if (heredoc) {
          const under = (f: string) => (heredoc.dir && !f.startsWith('/') ? `${heredoc.dir}/${f}` : f);
          return {
            kind: 'tool-call',
            call: {
              ...common,
              tool: 'Edit',
              input: { patch: heredoc.patch },
              extraPaths: patchPaths(heredoc.patch).map(under),
            },
          };
        }
        return { kind: 'tool-call', call: { ...common, tool: 'Bash', input: { ...p.tool_input, command } } };
      }
      return { kind: 'tool-call', call: { ...common, tool: p.tool_name, input: p.tool_input } };
    }
    case 'PostToolUse': {
      const checked = validate(postToolUse, event, payload);
      if ('invalid' in checked) return checked.invalid;
      const p = checked.data;
      return {
        kind: 'outcome',
        tool: p.tool_name === 'apply_patch' ? 'Edit' : p.tool_name,
        outcome: {
          sessionId: p.session_id,
          ok: true,
          ...(p.tool_use_id !== undefined && { toolUseId: p.tool_use_id }),
          summary: summarize(p.tool_response),
          receivedAt,
        },
      };
    }
    case 'SessionStart': {
      const checked = validate(sessionStart, event, payload);
      if ('invalid' in checked) return checked.invalid;
      const p = checked.data;
      return sessionInput('codex', p, receivedAt);
    }
    default:
      return { kind: 'invalid', event, error: `warden does not handle the ${event} hook event` };
  }
}

/** Codex obeys hookSpecificOutput.permissionDecision; its `ask` runs the tool, so ask becomes deny. */
export function codexDecisionOutput(answer: Answer, reason: string): object {
  const decision = answer === 'allow' ? 'allow' : 'deny';
  const why = answer === 'ask' ? `warden holds this for a person: ${reason}` : reason;
  return {
    hookSpecificOutput: {
      hookEventName: 'PreToolUse',
      permissionDecision: decision,
      permissionDecisionReason: why,
    },
  };
}

export const codexAdapter: AgentAdapter = {
  agent: 'codex',
  events: CODEX_HOOK_EVENTS,
  decisionEvents: ['PreToolUse'],
  fallbackAnswer: 'deny',
  parse: parseCodexHook,
  renderDecision: (_event, answer, reason) => codexDecisionOutput(answer, reason),
  renderNoDecision: () => ({}),
};
