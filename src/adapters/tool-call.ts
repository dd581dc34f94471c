import path from 'node:path';
import type { Action, AgentKind } from '../domain/action.js';
import { toolKindOf } from '../domain/tools.js';
import { absolutePath } from '../places/resolve-path.js';

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
  const kind = toolKindOf(call.tool);
  const sessionCwd = absolutePath(call.cwd || '/');
  const projectRoot = absolutePath(call.projectRoot ?? sessionCwd);
  // a shell tool's own working directory (Codex `workdir`, Cline/Roo `cwd`) is where it runs
  const workdir = kind.class === 'shell' ? workdirOf(call.input) : undefined;
  const cwd = workdir ? absolutePath(expandHome(workdir), sessionCwd) : sessionCwd;
  const command = kind.class === 'shell' ? commandOf(call.input) : undefined;
  const paths = [...filePathsOf(call.input), ...(call.extraPaths ?? [])].map((p) =>
    absolutePath(expandHome(p), cwd),
  );
  return {
    id,
    agent: call.agent ?? 'claude-code',
    sessionId: call.sessionId ?? 'local',
    cwd,
    projectRoot,
    tool: kind.as ?? call.tool,
    agentTool: call.agentTool ?? call.tool,
    toolClass: kind.class,
    input: call.input,
    paths,
    ...(command !== undefined && { command }),
    ...(call.toolUseId !== undefined && { toolUseId: call.toolUseId }),
    ...(call.transcriptPath !== undefined && { transcriptPath: call.transcriptPath }),
    ...(call.agentMode !== undefined && { agentMode: call.agentMode }),
    receivedAt,
  };
}

/**
 * Where every agent's file tools name their file or directory: Claude Code (`file_path`,
 * `notebook_path`, `path`), Gemini (`absolute_path`, `dir_path`), Codex (`dir_path`), Cursor
 * (`target_file`, `relative_workspace_path`, `target_directory`), OpenCode (`filePath`), and file
 * URIs of MCP resource reads.
 */
const PATH_KEYS = [
  'file_path',
  'notebook_path',
  'path',
  'absolute_path',
  'dir_path',
  'filePath',
  'target_file',
  'target_notebook',
  'target_directory',
  'relative_workspace_path',
  'directory',
  'filename',
  // Windsurf's PascalCase inputs
  'AbsolutePath',
  'TargetFile',
  'DirectoryPath',
  'SearchPath',
] as const;

/** Keys that hold several files (Gemini's read_many_files, Cursor's read_lints). */
const PATH_LIST_KEYS = ['paths', 'file_paths', 'files', 'include'] as const;

function filePathsOf(input: Readonly<Record<string, unknown>>): string[] {
  const out: string[] = [];
  for (const key of PATH_KEYS) {
    const value = input[key];
    if (typeof value === 'string' && value.length > 0) out.push(value);
  }
  for (const key of PATH_LIST_KEYS) {
    const value = input[key];
    if (Array.isArray(value)) for (const v of value) if (typeof v === 'string' && v.length > 0) out.push(v);
  }
  const uri = input.uri;
  if (typeof uri === 'string' && /^file:\/\//i.test(uri)) {
    try {
      out.push(decodeURIComponent(new URL(uri).pathname));
    } catch {
      out.push(uri.replace(/^file:\/\//i, ''));
    }
  }
  return out;
}

/** The command of a shell tool: a string, or an argv (Codex `shell`), under any agent's key. */
function commandOf(input: Readonly<Record<string, unknown>>): string | undefined {
  for (const key of ['command', 'cmd', 'commandLine', 'CommandLine', 'script']) {
    const value = input[key];
    if (typeof value === 'string') return value;
    if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string'))
      return argvText(value as string[]);
  }
  return undefined;
}

/** `["bash", "-lc", "npm test"]` is the script `npm test`; other argvs are quoted word by word. */
function argvText(argv: readonly string[]): string {
  if (argv.length === 3 && /(^|\/)(ba|z|da)?sh$/.test(argv[0]!) && /^-l?c$/.test(argv[1]!)) return argv[2]!;
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

function workdirOf(input: Readonly<Record<string, unknown>>): string | undefined {
  for (const key of ['workdir', 'cwd', 'working_directory', 'Cwd']) {
    const value = input[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return undefined;
}

function expandHome(p: string): string {
  if (p === '~' || p.startsWith('~/')) return path.join(process.env.HOME ?? '/', p.slice(1));
  const m = /^(\$HOME|\$\{HOME\})(\/|$)/.exec(p);
  if (m) return path.join(process.env.HOME ?? '/', p.slice(m[1]!.length));
  return p;
}
