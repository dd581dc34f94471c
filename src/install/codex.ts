import path from 'node:path';
import { HOOK_TIMEOUT_SECONDS } from '../config/constants.js';
import type { AgentInstallResult, AgentInstallTarget } from './gemini-cli.js';
import { type HookEntry, runsWardenHook, withHooks, withoutHooks } from './hook-groups.js';
import { readJsonObject, writeJsonObject } from './json-file.js';

/** Codex's hook events warden installs; PreToolUse is the one that decides. */
export const CODEX_INSTALLED_EVENTS = ['PreToolUse', 'PostToolUse', 'SessionStart'] as const;

/** $CODEX_HOME, default ~/.codex: where Codex keeps config.toml (and the hook trust state). */
export function codexHome(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.CODEX_HOME?.trim() || path.join(env.HOME ?? '', '.codex'));
}

/**
 * warden writes its hooks to hooks.json beside config.toml (Codex reads both; JSON keeps the user's
 * TOML untouched). A project's DIR/.codex/hooks.json is read only when Codex trusts the project.
 */
export function codexHooksFile(target: AgentInstallTarget): string {
  if (target.scope === 'user') return path.join(codexHome(target.env), 'hooks.json');
  return path.join(path.resolve(target.dir ?? process.cwd()), '.codex', 'hooks.json');
}

export function isWardenCodexHook(hook: HookEntry): boolean {
  return runsWardenHook(hook.command, 'codex');
}

/** Hooks with warden's command hooks merged in (Codex counts timeouts in seconds). */
export function withCodexHooks(settings: Record<string, unknown>, command: string): Record<string, unknown> {
  return withHooks(settings, {
    isWarden: isWardenCodexHook,
    entries: CODEX_INSTALLED_EVENTS.map((event) => ({
      event,
      ...(event !== 'SessionStart' && { matcher: '*' }),
      hook: { type: 'command', command, timeout: HOOK_TIMEOUT_SECONDS },
    })),
  });
}

export function installCodexHooks(target: AgentInstallTarget, command: string): AgentInstallResult {
  const file = codexHooksFile(target);
  const next = withCodexHooks(readJsonObject(file), command);
  return { file, backup: writeJsonObject(file, next) };
}

export function uninstallCodexHooks(target: AgentInstallTarget): AgentInstallResult {
  const file = codexHooksFile(target);
  const next = withoutHooks(readJsonObject(file), isWardenCodexHook);
  return { file, backup: writeJsonObject(file, next) };
}
