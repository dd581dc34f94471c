import type { ToolClass } from './action.js';

/**
 * warden's tool vocabulary (Claude Code's names) and what each tool does. Adapters map other
 * agents' tools onto these names; MCP tools are `mcp__<server>__<tool>`.
 */
const TOOL_CLASSES: Readonly<Record<string, ToolClass>> = {
  Read: 'read',
  Glob: 'read',
  Grep: 'read',
  LS: 'read',
  NotebookRead: 'read',
  BashOutput: 'read',
  TaskOutput: 'read',
  ListMcpResourcesTool: 'read',
  ReadMcpResourceTool: 'read',
  Write: 'edit',
  Edit: 'edit',
  MultiEdit: 'edit',
  NotebookEdit: 'edit',
  Bash: 'shell',
  PowerShell: 'shell',
  KillShell: 'shell',
  KillBash: 'shell',
  WebFetch: 'web',
  WebSearch: 'web',
  Task: 'agent',
  Agent: 'agent',
  TodoWrite: 'meta',
  TodoRead: 'meta',
  ExitPlanMode: 'meta',
  EnterPlanMode: 'meta',
  AskUserQuestion: 'meta',
  Skill: 'meta',
  SlashCommand: 'meta',
  ToolSearch: 'meta',
};

export function toolClassOf(tool: string): ToolClass {
  if (tool.startsWith('mcp__')) return 'mcp';
  return TOOL_CLASSES[tool] ?? 'unknown';
}

/** Tools that change nothing outside the agent's own state: allowed in every mode but pause. */
export function isReadOnlyClass(toolClass: ToolClass): boolean {
  return toolClass === 'read' || toolClass === 'meta' || toolClass === 'agent';
}
