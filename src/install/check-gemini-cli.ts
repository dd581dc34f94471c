import fs from 'node:fs';
import { checkHookCommand } from './check-command.js';
import type { Finding } from './finding.js';
import { GEMINI_HOOK_TIMEOUT_MS, geminiSettingsFile, isWardenGeminiHook } from './gemini-cli.js';
import { hooksFor } from './hook-groups.js';
import { readJsonObject } from './json-file.js';

export interface AgentCheckOptions {
  readonly projectDir: string;
  readonly env: NodeJS.ProcessEnv;
  /** The hook command this warden installs (to tell whether a hook points at this warden). */
  readonly expectedCommand: string;
}

/** Gemini CLI: warden's BeforeTool hook present, current, and not turned off. */
export function checkGeminiCli(options: AgentCheckOptions): { findings: Finding[]; installed: boolean } {
  const findings: Finding[] = [];
  const user = geminiSettingsFile({ scope: 'user', env: options.env });
  const project = geminiSettingsFile({ scope: 'project', dir: options.projectDir });
  let installed = false;
  let onlyProject = true;
  for (const file of [...new Set([user, project])]) {
    if (!fs.existsSync(file)) continue;
    let settings: Record<string, unknown>;
    try {
      settings = readJsonObject(file);
    } catch (error) {
      findings.push({ level: 'fail', text: (error as Error).message });
      continue;
    }
    const hooksConfig = (settings.hooksConfig ?? {}) as Record<string, unknown>;
    if (hooksConfig.enabled === false)
      findings.push({
        level: 'fail',
        text: `${file}: "hooksConfig": {"enabled": false} turns every Gemini hook off, warden included`,
      });
    const disabled = Array.isArray(hooksConfig.disabled) ? (hooksConfig.disabled as unknown[]) : [];
    for (const { hook } of hooksFor(settings, 'BeforeTool', isWardenGeminiHook)) {
      installed = true;
      if (file === user) onlyProject = false;
      const where = `${file}: Gemini BeforeTool hook`;
      const name = typeof hook.name === 'string' ? hook.name : hook.command;
      if (disabled.includes(name) || disabled.includes(hook.command))
        findings.push({
          level: 'fail',
          text: `${where} is listed in hooksConfig.disabled (/hooks disable); remove ${JSON.stringify(name)} from it`,
        });
      if (hook.timeout !== GEMINI_HOOK_TIMEOUT_MS)
        findings.push({
          level: 'warn',
          text: `${where} has timeout ${String(hook.timeout)} ms (Gemini counts milliseconds; warden needs ${GEMINI_HOOK_TIMEOUT_MS}); reinstall`,
        });
      findings.push(...checkHookCommand(where, hook.command, options.expectedCommand, 'gemini-cli'));
    }
  }
  if (!installed) return { findings, installed };
  if (onlyProject)
    findings.push({
      level: 'warn',
      text: `Gemini runs ${project}'s hooks only when it trusts ${options.projectDir}; if it does not, warden sees nothing`,
    });
  findings.push({
    level: 'warn',
    text: 'Gemini in --acp mode (IDE integrations) runs no BeforeTool hook: warden does not see those tool calls',
  });
  return { findings, installed };
}
