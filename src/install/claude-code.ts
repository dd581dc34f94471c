import path from 'node:path';
import { HOOK_TIMEOUT_SECONDS } from '../config/constants.js';
import { hookPath } from '../server/http-server.js';
import { type HookEntry, runsWardenHook, withHooks, withoutHooks } from './hook-groups.js';
import { readJsonObject, writeJsonObject } from './json-file.js';

/** The hook events warden installs, and which ones carry a decision. */
export const CLAUDE_INSTALLED_EVENTS = [
  'PreToolUse',
  'PostToolUse',
  'PostToolUseFailure',
  'SessionStart',
  'ConfigChange',
] as const;

export interface ClaudeInstallTarget {
  /** `project` writes DIR/.claude/settings.local.json (git-ignored); `user` writes the user settings. */
  readonly scope: 'project' | 'user';
  readonly dir?: string;
  readonly env?: NodeJS.ProcessEnv;
}

export function claudeConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.CLAUDE_CONFIG_DIR?.trim() || path.join(env.HOME ?? '', '.claude'));
}

export function claudeSettingsFile(target: ClaudeInstallTarget): string {
  if (target.scope === 'user') return path.join(claudeConfigDir(target.env), 'settings.json');
  return path.join(path.resolve(target.dir ?? process.cwd()), '.claude', 'settings.local.json');
}

/** Whether a hook entry is one of warden's (so reinstalling replaces it and uninstalling removes it). */
export function isWardenHook(hook: HookEntry): boolean {
  const url = typeof hook.url === 'string' ? hook.url : '';
  return url.includes('/hook/claude-code/') || runsWardenHook(hook.command, 'claude-code');
}

export interface InstallOptions {
  readonly url: string;
  readonly token: string;
  /** Install `warden hook claude-code` command hooks instead of http hooks. */
  readonly command?: string;
}

/** warden's hook entries for one event. */
export function wardenHookFor(event: string, options: InstallOptions): HookEntry {
  if (options.command) return { type: 'command', command: options.command, timeout: HOOK_TIMEOUT_SECONDS };
  return {
    type: 'http',
    url: `${options.url}${hookPath('claude-code', event)}`,
    headers: { Authorization: `Bearer ${options.token}` },
    timeout: HOOK_TIMEOUT_SECONDS,
  };
}

/** Settings with warden's hooks merged in: other hooks kept, earlier warden hooks replaced. */
export function withWardenHooks(
  settings: Record<string, unknown>,
  options: InstallOptions,
): Record<string, unknown> {
  return withHooks(settings, {
    isWarden: isWardenHook,
    entries: CLAUDE_INSTALLED_EVENTS.map((event) => ({
      event,
      hook: wardenHookFor(event, options),
      ...((event === 'PreToolUse' || event === 'PostToolUse' || event === 'PostToolUseFailure') && {
        matcher: '*',
      }),
    })),
  });
}

/** Settings with every warden hook removed (empty groups and events dropped). */
export function withoutWardenHooks(settings: Record<string, unknown>): Record<string, unknown> {
  return withoutHooks(settings, isWardenHook);
}

export interface InstallResult {
  readonly file: string;
  readonly backup: string | undefined;
}

export function installClaudeCode(target: ClaudeInstallTarget, options: InstallOptions): InstallResult {
  const file = claudeSettingsFile(target);
  const next = withWardenHooks(readJsonObject(file), options);
  return { file, backup: writeJsonObject(file, next) };
}

export function uninstallClaudeCode(target: ClaudeInstallTarget): InstallResult {
  const file = claudeSettingsFile(target);
  const next = withoutWardenHooks(readJsonObject(file));
  return { file, backup: writeJsonObject(file, next) };
}
