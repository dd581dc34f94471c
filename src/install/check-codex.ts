import fs from 'node:fs';
import { HOOK_TIMEOUT_SECONDS } from '../config/constants.js';
import { checkHookCommand } from './check-command.js';
import type { AgentCheckOptions } from './check-gemini-cli.js';
import { codexHooksFile, isWardenCodexHook } from './codex.js';
import { listCodexHooks, openCodexAppServer } from './codex-app-server.js';
import { wardenHooksIn } from './codex-trust.js';
import type { Finding } from './finding.js';
import { hooksFor } from './hook-groups.js';
import { readJsonObject } from './json-file.js';

export interface CodexCheckOptions extends AgentCheckOptions {
  /** The codex executable asked about trust (default `codex` on PATH). */
  readonly codexBin?: string;
}

/** Codex: warden's PreToolUse hook present, pointing here, loaded and trusted by Codex. */
export async function checkCodex(
  options: CodexCheckOptions,
): Promise<{ findings: Finding[]; installed: boolean }> {
  const findings: Finding[] = [];
  const files = [
    codexHooksFile({ scope: 'user', env: options.env }),
    codexHooksFile({ scope: 'project', dir: options.projectDir }),
  ];
  const withHook: string[] = [];
  for (const file of [...new Set(files)]) {
    if (!fs.existsSync(file)) continue;
    let settings: Record<string, unknown>;
    try {
      settings = readJsonObject(file);
    } catch (error) {
      findings.push({ level: 'fail', text: (error as Error).message });
      continue;
    }
    const pre = hooksFor(settings, 'PreToolUse', isWardenCodexHook);
    if (pre.length > 0) withHook.push(file);
    for (const { hook } of pre) {
      const where = `${file}: Codex PreToolUse hook`;
      if (hook.timeout !== HOOK_TIMEOUT_SECONDS)
        findings.push({
          level: 'warn',
          text: `${where} has timeout ${String(hook.timeout)} s (warden needs ${HOOK_TIMEOUT_SECONDS}); reinstall`,
        });
      findings.push(...checkHookCommand(where, hook.command, options.expectedCommand, 'codex'));
    }
  }
  if (withHook.length === 0) return { findings, installed: false };

  let server: Awaited<ReturnType<typeof openCodexAppServer>> | undefined;
  try {
    server = await openCodexAppServer({
      env: options.env,
      cwd: options.projectDir,
      ...(options.codexBin !== undefined && { bin: options.codexBin }),
    });
    const listing = await listCodexHooks(server, options.projectDir);
    for (const error of listing.errors) findings.push({ level: 'fail', text: `Codex: ${error}` });
    for (const file of withHook) {
      const loaded = wardenHooksIn(listing.hooks, file).filter((h) => h.eventName === 'preToolUse');
      if (loaded.length === 0) {
        findings.push({
          level: 'fail',
          text: `Codex does not load ${file} for ${options.projectDir} (a project's .codex/ is read only when Codex trusts the project)`,
        });
        continue;
      }
      for (const h of loaded) {
        if (!h.enabled)
          findings.push({ level: 'fail', text: `${file}: Codex has warden's PreToolUse hook turned off` });
        else if (h.trustStatus === 'trusted' || h.trustStatus === 'managed')
          findings.push({ level: 'ok', text: `${file}: Codex trusts warden's PreToolUse hook` });
        else if (h.trustStatus === 'modified')
          findings.push({
            level: 'fail',
            text: `${file}: warden's PreToolUse hook was edited since it was trusted, so Codex silently skips it; run \`warden install codex\` to trust it again`,
          });
        else
          findings.push({
            level: 'fail',
            text: `${file}: Codex has not trusted warden's PreToolUse hook and silently skips it; run \`warden install codex\``,
          });
      }
    }
  } catch (error) {
    findings.push({
      level: 'warn',
      text: `cannot ask Codex whether it trusts warden's hooks (${(error as Error).message}); untrusted hooks are silently skipped`,
    });
  } finally {
    server?.close();
  }
  return { findings, installed: true };
}
