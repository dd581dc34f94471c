import fs from 'node:fs';
import path from 'node:path';
import { describeConsole } from '../config/console-location.js';
import { HOOK_TIMEOUT_SECONDS } from '../config/constants.js';
import { checkCodex } from '../install/check-codex.js';
import { checkGeminiCli } from '../install/check-gemini-cli.js';
import { claudeConfigDir, isWardenHook } from '../install/claude-code.js';
import type { Finding } from '../install/finding.js';
import { hooksFor } from '../install/hook-groups.js';
import { readJsonObject } from '../install/json-file.js';
import { readConnection, readToken } from '../server/connection.js';
import { wardenHookCommand } from './install.js';
import { ruleHealthFindings } from './rule-health-findings.js';
import type { Runtime } from './runtime.js';

export type { Finding };

export interface DoctorOptions {
  /** The agents' environment (HOME, CODEX_HOME, PATH); default this process's. */
  readonly env?: NodeJS.ProcessEnv;
  /** The codex executable asked about hook trust (default `codex` on PATH). */
  readonly codexBin?: string;
}

const BROAD_ALLOW = /^(Bash|Bash\(\*\)|Bash\(:\*\)|Edit|Edit\(\*\*\)|Write|Write\(\*\*\)|WebFetch|mcp__\w+)$/;

/** `warden doctor`: is the console reachable, are the hooks in place and not turned off. */
export async function doctor(
  runtime: Runtime,
  projectDir: string,
  out: NodeJS.WritableStream,
  options: DoctorOptions = {},
): Promise<number> {
  const findings = await diagnose(runtime, projectDir, options);
  for (const f of findings)
    out.write(`${f.level === 'ok' ? 'ok  ' : f.level === 'warn' ? 'warn' : 'FAIL'}  ${f.text}\n`);
  return findings.some((f) => f.level === 'fail') ? 1 : 0;
}

export async function diagnose(
  runtime: Runtime,
  projectDir: string,
  options: DoctorOptions = {},
): Promise<Finding[]> {
  const env = options.env ?? process.env;
  const findings: Finding[] = [];
  const connection = readConnection(runtime.home);
  const token = readToken(runtime.home);
  let reachable = false;
  if (!connection) {
    findings.push({
      level: 'warn',
      text: `no console has run for this user (no ${path.join(runtime.home, 'endpoint.json')})`,
    });
  } else {
    try {
      const res = await fetch(`${connection.url}/health`, { signal: AbortSignal.timeout(1500) });
      reachable = res.ok;
    } catch {
      reachable = false;
    }
    findings.push(
      reachable
        ? { level: 'ok', text: `console reachable at ${connection.url} (pid ${connection.pid})` }
        : {
            level: 'warn',
            text: `console not running at ${connection.url}: agents fall back to their own prompts`,
          },
    );
    if (connection.console)
      findings.push({ level: 'ok', text: `console runs at: ${describeConsole(connection.console)}` });
  }

  const files = [
    path.join(claudeConfigDir(env), 'settings.json'),
    path.join(projectDir, '.claude', 'settings.json'),
    path.join(projectDir, '.claude', 'settings.local.json'),
  ];
  let hooked = false;
  for (const file of files) {
    if (!fs.existsSync(file)) continue;
    let settings: Record<string, unknown>;
    try {
      settings = readJsonObject(file);
    } catch (error) {
      findings.push({ level: 'fail', text: (error as Error).message });
      continue;
    }
    if (settings.disableAllHooks === true) {
      findings.push({
        level: 'fail',
        text: `${file}: "disableAllHooks": true turns every hook off, warden included`,
      });
    }
    const permissions = (settings.permissions ?? {}) as Record<string, unknown>;
    if (permissions.defaultMode === 'bypassPermissions') {
      findings.push({
        level: 'fail',
        text: `${file}: defaultMode bypassPermissions: if warden is down, every action runs unchecked`,
      });
    }
    const allow = Array.isArray(permissions.allow) ? (permissions.allow as unknown[]) : [];
    const broad = allow.filter((r): r is string => typeof r === 'string' && BROAD_ALLOW.test(r.trim()));
    if (broad.length > 0) {
      findings.push({
        level: 'warn',
        text: `${file}: broad allow rules beat warden's hold (settings allow rules win over a hook's ask): ${broad.join(', ')}`,
      });
    }
    for (const { hook } of hooksFor(settings, 'PreToolUse', isWardenHook)) {
      hooked = true;
      const where = `${file}: PreToolUse hook`;
      if (hook.timeout !== HOOK_TIMEOUT_SECONDS) {
        findings.push({
          level: 'warn',
          text: `${where} has timeout ${String(hook.timeout)} (warden answers held actions before ${HOOK_TIMEOUT_SECONDS} s); reinstall`,
        });
      }
      if (typeof hook.url === 'string') {
        if (connection && !hook.url.startsWith(connection.url)) {
          findings.push({
            level: 'fail',
            text: `${where} posts to ${hook.url}, but the console listens on ${connection.url}; reinstall`,
          });
        }
        const auth = (hook.headers as Record<string, unknown> | undefined)?.Authorization;
        if (token && auth !== `Bearer ${token}`) {
          findings.push({
            level: 'fail',
            text: `${where} carries a stale token; run \`warden install claude-code\` again`,
          });
        }
      }
      findings.push({ level: 'ok', text: `${where} installed` });
    }
  }
  const check = { projectDir, env };
  const gemini = checkGeminiCli({ ...check, expectedCommand: wardenHookCommand('gemini-cli') });
  const codex = await checkCodex({
    ...check,
    expectedCommand: wardenHookCommand('codex'),
    ...(options.codexBin !== undefined && { codexBin: options.codexBin }),
  });
  findings.push(...gemini.findings, ...codex.findings);
  const none = !hooked && !gemini.installed && !codex.installed;
  // With no agent hooked at all warden guards nothing (fail); an agent left out is a note.
  if (!hooked)
    findings.push({
      level: none ? 'fail' : 'warn',
      text: `no warden hook for Claude Code in ${files.join(', ')}; run \`warden install claude-code --project ${projectDir}\``,
    });
  if (!gemini.installed)
    findings.push({
      level: none ? 'fail' : 'warn',
      text: `no warden hook for Gemini CLI; run \`warden install gemini-cli --user\` if you use it`,
    });
  if (!codex.installed)
    findings.push({
      level: none ? 'fail' : 'warn',
      text: `no warden hook for Codex; run \`warden install codex --user\` if you use it`,
    });
  findings.push(...ruleHealthFindings(runtime, projectDir));
  return findings;
}
