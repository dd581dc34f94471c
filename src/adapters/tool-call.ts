import path from 'node:path';
import type { Action, AgentKind } from '../domain/action.js';
import { resolvePath } from '../domain/resolve-path.js';
import { toolClassOf } from '../domain/tools.js';

/** A tool call in warden's (Claude Code's) vocabulary, before it gets an id and a session. */
export interface ToolCall {
  readonly tool: string;
  readonly input: Readonly<Record<string, unknown>>;
  readonly cwd: string;
  readonly projectRoot?: string;
  readonly agent?: AgentKind;
  readonly agentTool?: string;
  readonly sessionId?: string;
  readonly toolUseId?: string;
  readonly transcriptPath?: string;
  readonly agentMode?: string;
  /** Extra files the call touches that are not in `input` (e.g. the files of an apply_patch). */
  readonly extraPaths?: readonly string[];
}

let counter = 0;

/** A fresh action id: short, unique per process, sortable by arrival. */
export function newActionId(): string {
  counter += 1;
  return `a${counter.toString(36)}`;
}

/**
 * Builds the neutral Action from a tool call: the tool's class, the shell command, and the files
 * it touches (absolute, resolved against cwd, as written).
 */
export function actionFromToolCall(call: ToolCall, id = newActionId(), receivedAt = Date.now()): Action {
  const cwd = resolvePath(call.cwd || '/');
  const command = typeof call.input.command === 'string' ? call.input.command : undefined;
  const paths = [...filePathsOf(call.input), ...(call.extraPaths ?? [])].map((p) =>
    resolvePath(expandHome(p), cwd),
  );
  return {
    id,
    agent: call.agent ?? 'claude-code',
    sessionId: call.sessionId ?? 'local',
    cwd,
    projectRoot: resolvePath(call.projectRoot ?? cwd),
    tool: call.tool,
    agentTool: call.agentTool ?? call.tool,
    toolClass: toolClassOf(call.tool),
    input: call.input,
    paths,
    ...(command !== undefined && { command }),
    ...(call.toolUseId !== undefined && { toolUseId: call.toolUseId }),
    ...(call.transcriptPath !== undefined && { transcriptPath: call.transcriptPath }),
    ...(call.agentMode !== undefined && { agentMode: call.agentMode }),
    receivedAt,
  };
}

const PATH_KEYS = ['file_path', 'notebook_path', 'path'] as const;

function filePathsOf(input: Readonly<Record<string, unknown>>): string[] {
  const out: string[] = [];
  for (const key of PATH_KEYS) {
    const value = input[key];
    if (typeof value === 'string' && value.length > 0) out.push(value);
  }
  return out;
}

function expandHome(p: string): string {
  if (p === '~' || p.startsWith('~/')) return path.join(process.env.HOME ?? '/', p.slice(1));
  const m = /^(\$HOME|\$\{HOME\})(\/|$)/.exec(p);
  if (m) return path.join(process.env.HOME ?? '/', p.slice(m[1]!.length));
  return p;
}
