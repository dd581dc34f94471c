import type { ToolClass } from './action.js';

/**
 * One tool taxonomy for every agent: each tool name of Claude Code, Gemini CLI, Codex and the
 * common names of other agents (Cursor, Cline, Roo, OpenCode, Qwen Code, Windsurf, Factory Droid,
 * Anthropic's editor tool) maps to what it does, and, where it is the same tool as one of Claude
 * Code's, to that name, so that the user's rules (`Bash(rm *)`, `Read(.env)`) and the analyzer
 * apply to it unchanged. MCP tools are `mcp__<server>__<tool>` (or `<server>___<tool>`).
 *
 * Lookup ignores case, `_` and `-`: `read_file`, `readFile` and `ReadFile` are one name.
 */
interface ToolKind {
  readonly class: ToolClass;
  /** Claude Code's name for the same tool, when the input has the same meaning. */
  readonly as?: string;
}

const kind = (cls: ToolClass, as?: string): ToolKind =>
  as === undefined ? { class: cls } : { class: cls, as };

/** Each entry: the class, the Claude Code name (or none), and every agent's name for it. */
const TAXONOMY: readonly (readonly [ToolKind, readonly string[]])[] = [
  // read: file contents, listings, searches, images, MCP resources
  [
    kind('read', 'Read'),
    [
      'Read',
      'read_file',
      'read_many_files',
      'view_file',
      'open_file',
      'cat_file',
      'view_line_range',
      'view_code_item',
    ],
  ],
  [kind('read', 'NotebookRead'), ['NotebookRead', 'read_notebook']],
  [kind('read', 'Glob'), ['Glob', 'file_search', 'find_files', 'find_by_name', 'glob_files']],
  [
    kind('read', 'Grep'),
    ['Grep', 'search_file_content', 'grep_search', 'grep_files', 'search_files', 'ripgrep', 'code_search'],
  ],
  [kind('read', 'LS'), ['LS', 'list_directory', 'list_dir', 'list_files', 'list']],
  [
    kind('read'),
    [
      'view_image',
      'read_lints',
      'codebase_search',
      'semantic_search',
      'list_code_definition_names',
      'list_code_usages',
      'get_diagnostics',
      'diagnostics',
      'lsp',
      'repomap',
      'view_file_outline',
      'BashOutput',
      'TaskOutput',
      'get_memory',
      'load_memory',
      'ListMcpResourcesTool',
      'ReadMcpResourceTool',
      'list_mcp_resources',
      'list_mcp_resource_templates',
      'read_mcp_resource',
      'fetch_instructions',
    ],
  ],
  // edit: files written, replaced, patched or deleted
  [kind('edit', 'Write'), ['Write', 'write_file', 'write_to_file', 'create_file', 'file_write']],
  [
    kind('edit', 'Edit'),
    [
      'Edit',
      'replace',
      'edit',
      'edit_file',
      'replace_in_file',
      'apply_diff',
      'search_and_replace',
      'insert_content',
      'smart_edit',
      'str_replace',
      'str_replace_editor',
      'str_replace_based_edit_tool',
      'replace_file_content',
      'reapply',
    ],
  ],
  [kind('edit', 'MultiEdit'), ['MultiEdit', 'multi_edit']],
  [kind('edit', 'NotebookEdit'), ['NotebookEdit', 'edit_notebook']],
  [kind('edit'), ['apply_patch', 'patch', 'delete_file', 'remove_file']],
  // shell: commands and code that run on the machine
  [
    kind('shell', 'Bash'),
    [
      'Bash',
      'run_shell_command',
      'shell',
      'shell_command',
      'exec_command',
      'local_shell',
      'container.exec',
      'execute_command',
      'run_terminal_cmd',
      'run_terminal_command',
      'run_command',
      'terminal',
      'execute_bash',
    ],
  ],
  // PowerShell tools (Claude Code's on Windows, and other agents'): judged as PowerShell
  [
    kind('shell', 'PowerShell'),
    ['PowerShell', 'run_powershell', 'execute_powershell', 'powershell_command', 'run_pwsh'],
  ],
  [kind('shell'), ['KillShell', 'KillBash', 'write_stdin', 'exec', 'js_repl', 'code_execution']],
  // network: the agent's own web fetches, searches and browser
  [
    kind('network', 'WebFetch'),
    ['WebFetch', 'web_fetch', 'fetch_url', 'url_fetch', 'read_url', 'read_url_content', 'browse_url'],
  ],
  [
    kind('network', 'WebSearch'),
    ['WebSearch', 'web_search', 'google_web_search', 'search_web', 'web_search_preview'],
  ],
  [kind('network'), ['browser_action']],
  // orchestration: the agent's own plans, todos, questions, memory and sub-agents
  [
    kind('orchestration'),
    [
      'Task',
      'Agent',
      'TodoWrite',
      'TodoRead',
      'ExitPlanMode',
      'EnterPlanMode',
      'AskUserQuestion',
      'Skill',
      'SlashCommand',
      'ToolSearch',
      'TaskCreate',
      'TaskUpdate',
      'TaskList',
      'TaskGet',
      'TaskStop',
      'EnterWorktree',
      'ExitWorktree',
      'write_todos',
      'todo_write',
      'update_todos',
      'update_plan',
      'save_memory',
      'store_memory',
      'request_user_input',
      'ask_followup_question',
      'attempt_completion',
      'plan_mode_respond',
      'new_task',
      'switch_mode',
      'think',
      'spawn_agent',
      'spawn_agents_on_csv',
      'send_input',
      'wait',
      'wait_agent',
      'close_agent',
      'resume_agent',
      'list_agents',
      'report_agent_job_result',
      'codebase_investigator',
      'delegate_to_agent',
      'create_goal',
      'get_goal',
      'update_goal',
      'current_time',
      'get_context_remaining',
    ],
  ],
];

/** A name as looked up: lower case, without `_`, `-`, `.` and spaces. */
export function toolKey(name: string): string {
  return name.toLowerCase().replace(/[\s_.-]/g, '');
}

const BY_KEY: ReadonlyMap<string, ToolKind> = (() => {
  const map = new Map<string, ToolKind>();
  for (const [k, names] of TAXONOMY)
    for (const name of names) {
      const key = toolKey(name);
      const seen = map.get(key);
      if (seen && (seen.class !== k.class || seen.as !== k.as))
        throw new Error(`tool taxonomy: ${name} is listed twice with different meanings`);
      map.set(key, k);
    }
  return map;
})();

/** Every name the taxonomy lists (for tests and docs). */
export function knownToolNames(): string[] {
  return TAXONOMY.flatMap(([, names]) => [...names]);
}

/** Whether a tool name is an MCP tool: `mcp__server__tool`, or `server___tool` (Factory Droid). */
export function isMcpTool(tool: string): boolean {
  return tool.startsWith('mcp__') || tool.includes('___');
}

/** What a tool does, and Claude Code's name for it when it is the same tool. */
export function toolKindOf(tool: string): ToolKind {
  if (isMcpTool(tool)) return { class: 'mcp' };
  return BY_KEY.get(toolKey(tool)) ?? { class: 'unknown' };
}

export function toolClassOf(tool: string): ToolClass {
  return toolKindOf(tool).class;
}

/** Tools that change nothing outside the agent's own state: allowed in every mode but pause. */
export function isReadOnlyClass(toolClass: ToolClass): boolean {
  return toolClass === 'read' || toolClass === 'orchestration';
}
