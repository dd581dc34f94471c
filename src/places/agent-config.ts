/**
 * Coding agents' own folders (`.claude/`, `.gemini/`, `.codex/`, and other agents' equivalents):
 * which files in them run code or change permissions (held for a person) and which are the
 * agent's ordinary working material (slash commands, agent and skill definitions, plans, notes).
 *
 * Paths here are normalized, absolute and lower-cased (the callers fold case once).
 */

/** Folders that configure a coding agent, wherever they sit (project or home). */
const AGENT_DIRS: Readonly<Record<string, string>> = {
  '.claude': 'Claude Code',
  '.gemini': 'Gemini CLI',
  '.codex': 'Codex',
  '.qwen': 'Qwen Code',
  '.cursor': 'Cursor',
  '.factory': 'Factory Droid',
  '.opencode': 'OpenCode',
  '.roo': 'Roo Code',
  '.kilocode': 'Kilo Code',
  '.continue': 'Continue',
  '.windsurf': 'Windsurf',
  '.amazonq': 'Amazon Q',
  '.kiro': 'Kiro',
};

/**
 * First entries below an agent folder that run code or decide permissions: settings (hooks,
 * permission rules, status-line commands, MCP servers), hook folders and files, MCP and extension
 * config, plugins and extensions (they bundle hooks and servers), policy and exec-policy rules,
 * trusted-folder lists, logins, and the IDE lock files that tell the agent which server to trust.
 */
const RUNS_CODE =
  /^(settings([.-][\w.-]*)?\.json|config\.(toml|json|ya?ml)|hooks?(\.(json|toml|ya?ml))?|mcp(_settings|-servers)?\.json|\.mcp\.json|plugins|extensions|policies|trustedfolders\.json|permissions(\.\w+)?|\.credentials\.json|auth\.json|oauth_creds\.json|google_accounts\.json|ide|managed[-_]settings\.json|cli-config\.json)$/;

/** Codex's `rules/` are exec-policy rules (what runs without asking); other agents' rules are prose. */
const EXEC_POLICY_AGENTS = new Set(['.codex']);

/**
 * Where agents keep definitions and notes they load as text: commands, agent and skill
 * definitions, prompts, plans, todos, memory. Scripts inside them run only when the agent runs
 * them through a tool call, which warden sees.
 */
const DEFINITIONS =
  /^(commands|agents|skills|prompts|plans|todos|memory|memories|projects|output-styles|workflows|specs|docs|notes|tickets|worktrees|rules|steering)$/;

/** Files a hook or status line can point at: a script outside the definition folders may run on every call. */
const SCRIPT = /\.(sh|bash|zsh|fish|py|js|mjs|cjs|ts|mts|cts|rb|pl|php|ps1|psm1|bat|cmd|exe|lua)$/;

/**
 * Why a write to a coding agent's own folder is protected, or undefined when the file is ordinary
 * working material (or not in an agent folder at all).
 */
export function agentConfigWriteReason(abs: string): string | undefined {
  const parts = abs.split('/');
  for (let i = parts.length - 2; i >= 0; i--) {
    const agent = AGENT_DIRS[parts[i]!];
    if (agent === undefined) continue;
    const first = parts[i + 1]!;
    const folder = parts[i]!;
    if (RUNS_CODE.test(first)) return `${agent}'s settings, hooks or extensions (${folder}/${first})`;
    if (first === 'rules' && EXEC_POLICY_AGENTS.has(folder))
      return `${agent}'s exec-policy rules (${folder}/rules)`;
    if (first.endsWith('.rules')) return `${agent}'s exec-policy rules (${folder}/${first})`;
    if (!DEFINITIONS.test(first) && SCRIPT.test(parts[parts.length - 1]!))
      return `a script in ${folder}/ (hooks and status lines run such scripts without asking)`;
    // a nested agent folder (`.claude/skills/x/.claude/settings.json`) is judged on its own
  }
  return undefined;
}

/**
 * Agent config files that sit outside an agent folder: Claude Code's `~/.claude.json` (MCP servers,
 * allowed tools), OpenCode's `opencode.json` (permissions, MCP), Aider's `.aider.conf.yml` (lint
 * and test commands it runs).
 */
export function agentConfigFileReason(base: string, dir: string, home: string): string | undefined {
  if (base === '.claude.json' && dir === home)
    return "Claude Code's user config (MCP servers and allowed tools)";
  if (base === 'opencode.json' || base === 'opencode.jsonc') return "OpenCode's config (permissions and MCP)";
  if (base === '.aider.conf.yml' || base === '.aider.conf.yaml') return "Aider's config (commands it runs)";
  return undefined;
}
