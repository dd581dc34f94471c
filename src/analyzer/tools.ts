import { actionFromToolCall } from '../adapters/tool-call.js';
import type { Action } from '../domain/action.js';
import type { Analysis, Environment } from '../domain/analysis.js';
import { isAgentNotesFile } from '../places/protected-paths.js';
import { isDrivePath } from '../places/windows-path.js';
import { judgeCodeMode } from './code-mode.js';
import type { ShellContext } from './commands/context.js';
import { judgeArgv } from './commands/index.js';
import { judgeSql } from './commands/infra/database.js';
import { judgeMetadataInText } from './commands/network/metadata-reach.js';
import { judgeAll, judgeDelete, judgeRead, judgeWrite } from './commands/path-checks.js';
import { judgePowerShellArgs } from './powershell/invocation.js';
import { judgePowerShell } from './powershell/judge.js';
import { powershellTail } from './powershell/tail.js';
import { judgeScript } from './shell-script.js';
import { judgeUnknownTool } from './unknown-tools.js';
import { dangerous, safe, unsure, worst } from './verdicts.js';
import { judgeBrowser, judgeWebFetch, judgeWebSearch } from './web-reads.js';

/** Judges one action by its tool: shell commands are parsed, file tools by path, the rest by kind. */
export function judgeAction(action: Action, env: Environment): Analysis {
  const ctx: ShellContext = {
    cwd: action.cwd,
    startCwd: action.cwd,
    projectRoot: action.projectRoot,
    env,
    depth: 0,
    judgeScript,
    judgeArgv,
  };
  const input = action.input;
  switch (action.tool) {
    case 'Bash':
      return judgeShell(
        action.command ?? (typeof input.command === 'string' ? input.command : undefined),
        ctx,
        shellOf(action),
      );
    case 'PowerShell':
      return judgeShell(
        action.command ?? (typeof input.command === 'string' ? input.command : undefined),
        ctx,
        'powershell',
      );
    case 'KillShell':
    case 'KillBash':
      return safe("stops one of the agent's own background shells");
    case 'write_stdin': {
      const chars = typeof input.chars === 'string' ? input.chars : '';
      if (chars.trim() === '') return safe('polls a running command');
      // Ctrl-C, Ctrl-D, Ctrl-Z, Enter: keys that stop or answer the running command, not a command
      if ([...chars].every(isControlKey)) return safe('sends a control key to the running command');
      return judgeShell(chars, ctx, shellOf(action));
    }
    case 'apply_patch':
    case 'patch':
      return judgePatch(input, ctx);
    case 'WebFetch':
      return judgeWebFetch(input, env);
    case 'WebSearch':
      return judgeWebSearch(input, env);
    case 'browser_action':
      return judgeBrowser(input, env);
    case 'exec':
      return judgeCodeMode(codeOf(input), (tool, nested) => judgeNestedTool(tool, nested, action, env));
    case 'js_repl':
    case 'code_execution':
      return judgeShell(nodeScript(codeOf(input)), ctx, 'bash');
  }
  switch (action.toolClass) {
    case 'edit':
      if (action.paths.length === 0) return unsure('edit-no-path', `${action.tool} without a file path`);
      if (action.paths.every((p) => isAgentNotesFile(p, env)))
        return safe(`${action.tool} writes the agent's own plan or memory notes`);
      return judgeAll(
        action.paths.map((p) => judgeWrite({ value: p, dynamic: false }, ctx, `${action.tool} writes`)),
      );
    case 'read':
      return judgeAll(
        action.paths.map((p) => judgeRead({ value: p, dynamic: false }, ctx) ?? safe('reads a file')),
      );
    case 'orchestration':
      return safe(`${action.tool} only changes the agent's own state`);
    case 'shell':
      return judgeShell(action.command, ctx, shellOf(action));
    case 'network':
      return judgeWebFetch(input, env);
    case 'mcp':
      return judgeMcp(mcpToolName(action.tool), input);
    default:
      return judgeUnknownTool(action.tool, input);
  }
}

/** The tool part of an MCP tool's name: `mcp__server__tool`, `server___tool`. */
function mcpToolName(tool: string): string {
  return tool.startsWith('mcp__')
    ? tool.split('__').slice(2).join('__')
    : tool.split('___').slice(1).join('___');
}

/**
 * A tool call made from inside Codex's code mode (`exec`): judged as the same call made directly,
 * with the literal input the script passes.
 */
function judgeNestedTool(
  tool: string,
  input: Readonly<Record<string, unknown>>,
  outer: Action,
  env: Environment,
): Analysis {
  const action = actionFromToolCall({
    tool,
    input,
    cwd: outer.cwd,
    projectRoot: outer.projectRoot,
    agent: outer.agent,
    sessionId: outer.sessionId,
  });
  // nested calls never reach decide()'s tiers: a read is judged here like a direct one
  return judgeAction(action, env);
}

/** The program text of a code tool: Codex sends it as the raw input or under one key. */
function codeOf(input: Readonly<Record<string, unknown>>): string | undefined {
  for (const key of ['code', 'input', 'source', 'script', 'js', 'command']) {
    const v = input[key];
    if (typeof v === 'string') return v;
  }
  return undefined;
}

/** `node -e '<code>'`, for the interpreter judge. */
function nodeScript(code: string | undefined): string | undefined {
  return code === undefined ? undefined : `node -e ${singleQuoted(code)}`;
}

function singleQuoted(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Keys that stop, end or answer the running command: Ctrl-C, Ctrl-D, Ctrl-Z, Enter, Esc, Tab. */
function isControlKey(ch: string): boolean {
  return (
    ch === '\u0003' ||
    ch === '\u0004' ||
    ch === '\u001a' ||
    ch === '\r' ||
    ch === '\n' ||
    ch === '\u001b' ||
    ch === '\t'
  );
}

/**
 * Which shell runs an agent's shell tool: Claude Code's Bash is bash (Git Bash on Windows); Codex
 * and Gemini CLI on Windows run PowerShell, so their calls from a Windows cwd are PowerShell.
 */
function shellOf(action: Action): 'bash' | 'powershell' {
  return action.agent !== 'claude-code' && isDrivePath(action.cwd) ? 'powershell' : 'bash';
}

function judgeShell(command: string | undefined, ctx: ShellContext, shell: 'bash' | 'powershell'): Analysis {
  if (command === undefined) return unsure('no-command', 'a shell call without a command');
  if (command.trim() === '') return unsure('empty-command', 'an empty shell command');
  if (shell === 'powershell') return judgePowerShell(command, ctx);
  const tail = powershellTail(command);
  if (tail === undefined) return judgeScript(command, ctx);
  // `pwsh -NoProfile -Command <code>` as a log writes Codex's argv on Windows: the rest of the line is
  // PowerShell. Where bash would run the line instead, bash's reading counts too (the worse wins);
  // a line bash cannot parse it refuses to run, so only PowerShell's reading is left.
  const ps = judgePowerShellArgs(tail.name, tail.args, ctx, () => undefined);
  const bash = judgeScript(command, ctx);
  if (bash.kind === 'unsure' && bash.finding === 'unparseable' && !command.trimEnd().includes('\n'))
    return ps;
  return worst([ps, bash], ps);
}

const MCP_DESTROY = /(^|_|-)(delete|drop|destroy|remove|purge|truncate|wipe|erase)(_|-|$)/i;
const MCP_OUTBOUND =
  /(^|_|-)(send|email|mail|message|post|tweet|publish|share|transfer|pay|payment|invite|dm)(_|-|$)/i;
const MCP_CODE = /(^|_|-)(exec|execute|run|eval|evaluate|shell|command|terminal|script)(_|-|$)/i;
/** Actions that land work on shared branches without review. */
const MCP_MERGE = /(^|_|-)(merge|push)(_|-|$)/i;
/** Paths that make a repository run code: CI workflows, hooks, editor tasks. */
const RUNS_ON_PUSH =
  /(^|[/"'\s])(\.github\/workflows|\.gitlab-ci\.yml|\.circleci|\.husky|\.git\/hooks|\.vscode\/tasks\.json|\.devcontainer)/i;

/**
 * MCP tools are servers the user installed: their reads and ordinary writes are what the user set
 * them up for. Deleting is dangerous, sending messages or money to others and running code unsure.
 */
function judgeMcp(tool: string, input: Readonly<Record<string, unknown>>): Analysis {
  const sql =
    typeof input.query === 'string' ? input.query : typeof input.sql === 'string' ? input.sql : undefined;
  if (sql && /sql|query|database|db/i.test(tool)) return judgeSql(sql, tool);
  if (MCP_DESTROY.test(tool))
    return dangerous(
      'destroy-or-exfiltrate',
      'mcp-destroy',
      `${tool} deletes data through an MCP server; ask the user`,
    );
  if (MCP_OUTBOUND.test(tool))
    return unsure('mcp-outbound', `${tool} sends something to other people or services`);
  if (MCP_CODE.test(tool)) return unsure('mcp-code', `${tool} runs code through an MCP server`);
  if (MCP_MERGE.test(tool)) return unsure('mcp-merge', `${tool} merges or pushes work to a shared branch`);
  const paths = JSON.stringify(input);
  const metadata = judgeMetadataInText(tool, paths);
  if (metadata) return metadata;
  if (RUNS_ON_PUSH.test(paths))
    return unsure('mcp-ci-write', `${tool} writes CI, hook or task files that run code`);
  return safe(`${tool} through an MCP server the user installed`);
}

const PATCH_HEADER = /^\*\*\* (Add|Update|Delete) File: (.+)$|^\*\*\* Move to: (.+)$/gm;

/** Codex's apply_patch: the files named in the patch headers are written (or deleted). */
function judgePatch(input: Readonly<Record<string, unknown>>, ctx: ShellContext): Analysis {
  // every field a patch could be read from: an agent applies whichever it uses
  const patches = [input.patch, input.input, input.command].filter((v): v is string => typeof v === 'string');
  if (patches.length === 0) return unsure('patch-unreadable', 'apply_patch without a patch');
  const out: Analysis[] = [];
  for (const m of patches.join('\n').matchAll(PATCH_HEADER)) {
    const file = (m[2] ?? m[3] ?? '').trim();
    if (m[1] === 'Delete')
      out.push(judgeDelete({ value: file, dynamic: false }, { recursive: false, glob: false }, ctx));
    else out.push(judgeWrite({ value: file, dynamic: false }, ctx, 'apply_patch writes'));
  }
  if (out.length === 0) return unsure('patch-unreadable', 'apply_patch names no files');
  return judgeAll(out);
}
