/**
 * The neutral shape of one tool call, whatever agent made it. Only adapters know an agent's JSON;
 * everything after them (policy, analyzer, classifier, broker, store, UI) sees an Action.
 */

export type AgentKind = 'claude-code' | 'gemini-cli' | 'codex';

/**
 * warden's tool vocabulary is Claude Code's (its permission-rule syntax is warden's rule syntax):
 * adapters map other agents' names onto these (run_shell_command -> Bash, write_file -> Write, ...).
 * Tools warden does not know keep their own name and are judged as unknown (never auto-allowed
 * unless a rule or mode says so).
 */
export type ToolName = string;

/**
 * What a tool does, which is what the built-in tiers care about (the taxonomy: domain/tools.ts):
 * reads, edits, shell (commands and code), network (the agent's own fetches and searches),
 * orchestration (the agent's own plans, todos, questions and sub-agents), MCP, unknown.
 */
export type ToolClass = 'read' | 'edit' | 'shell' | 'network' | 'orchestration' | 'mcp' | 'unknown';

export interface Action {
  /** warden's own id for the action, unique per console run. */
  readonly id: string;
  readonly agent: AgentKind;
  readonly sessionId: string;
  /** The agent's working directory when it made the call (absolute). */
  readonly cwd: string;
  /** The project root: CLAUDE_PROJECT_DIR when known, else cwd. */
  readonly projectRoot: string;
  /** warden's (Claude Code's) tool name. */
  readonly tool: ToolName;
  /** The agent's own tool name, when it differs (e.g. Gemini's run_shell_command). */
  readonly agentTool: string;
  readonly toolClass: ToolClass;
  /** The tool input as the agent sent it (already validated to be a JSON object). */
  readonly input: Readonly<Record<string, unknown>>;
  /** Files the action reads or writes, absolute, as written (not resolved through links). */
  readonly paths: readonly string[];
  /** The shell command for Bash-like tools. */
  readonly command?: string;
  readonly toolUseId?: string;
  readonly transcriptPath?: string;
  /** The agent's own permission mode as it reported it (default, acceptEdits, bypassPermissions, ...). */
  readonly agentMode?: string;
  /** Epoch milliseconds when warden received it. */
  readonly receivedAt: number;
}

/** What happened after the tool ran (PostToolUse and friends). */
export interface ActionOutcome {
  readonly toolUseId?: string;
  readonly sessionId: string;
  readonly ok: boolean;
  readonly exitCode?: number;
  readonly durationMs?: number;
  readonly summary?: string;
  readonly receivedAt: number;
}

/** A session seen by warden (SessionStart or first tool call). */
export interface SessionInfo {
  readonly id: string;
  readonly agent: AgentKind;
  readonly cwd: string;
  readonly transcriptPath?: string;
  readonly agentMode?: string;
  readonly startedAt: number;
  readonly source?: string;
}
