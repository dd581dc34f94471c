import path from 'node:path';
import { HOOK_TIMEOUT_SECONDS } from '../config/constants.js';
import { type HookEntry, runsWardenHook, withHooks, withoutHooks } from './hook-groups.js';
import { readJsonObject, writeJsonObject } from './json-file.js';

/** Gemini CLI's hook events warden installs; BeforeTool is the one that decides. */
export const GEMINI_INSTALLED_EVENTS = ['BeforeTool', 'AfterTool', 'SessionStart'] as const;

/** Gemini counts hook timeouts in milliseconds. */
export const GEMINI_HOOK_TIMEOUT_MS = HOOK_TIMEOUT_SECONDS * 1000;

export interface AgentInstallTarget {
  /** `project` writes DIR/.<agent>/…; `user` writes the user's settings under $HOME. */
  readonly scope: 'project' | 'user';
  readonly dir?: string;
  readonly env?: NodeJS.ProcessEnv;
}

export function geminiSettingsFile(target: AgentInstallTarget): string {
  const env = target.env ?? process.env;
  const root = target.scope === 'user' ? (env.HOME ?? '') : path.resolve(target.dir ?? process.cwd());
  return path.join(path.resolve(root), '.gemini', 'settings.json');
}

export function isWardenGeminiHook(hook: HookEntry): boolean {
  return runsWardenHook(hook.command, 'gemini-cli');
}

/** Settings with warden's command hooks merged in (other hooks and settings kept). */
export function withGeminiHooks(settings: Record<string, unknown>, command: string): Record<string, unknown> {
  return withHooks(settings, {
    isWarden: isWardenGeminiHook,
    entries: GEMINI_INSTALLED_EVENTS.map((event) => ({
      event,
      ...(event !== 'SessionStart' && { matcher: '*' }),
      hook: { name: `warden-${event}`, type: 'command', command, timeout: GEMINI_HOOK_TIMEOUT_MS },
    })),
  });
}

export interface AgentInstallResult {
  readonly file: string;
  readonly backup: string | undefined;
}

export function installGeminiCli(target: AgentInstallTarget, command: string): AgentInstallResult {
  const file = geminiSettingsFile(target);
  const next = withGeminiHooks(readJsonObject(file), command);
  return { file, backup: writeJsonObject(file, next) };
}

export function uninstallGeminiCli(target: AgentInstallTarget): AgentInstallResult {
  const file = geminiSettingsFile(target);
  const next = withoutHooks(readJsonObject(file), isWardenGeminiHook);
  return { file, backup: writeJsonObject(file, next) };
}
