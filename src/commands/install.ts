import { type ClaudeInstallTarget, installClaudeCode, uninstallClaudeCode } from '../install/claude-code.js';
import { DEFAULT_PORT, ensureToken, readConnection } from '../server/connection.js';
import type { Runtime } from './runtime.js';

export interface InstallCommandOptions {
  readonly agent: string;
  readonly target: ClaudeInstallTarget;
  readonly port?: number;
  /** Install command hooks (`warden hook claude-code`) instead of http hooks. */
  readonly command?: string;
}

/** `warden install claude-code`: merges warden's hooks into the agent's settings (idempotent). */
export function install(
  runtime: Runtime,
  options: InstallCommandOptions,
  out: NodeJS.WritableStream,
): number {
  if (options.agent !== 'claude-code') {
    out.write(`warden: no installer for ${JSON.stringify(options.agent)} yet (known: claude-code)\n`);
    return 2;
  }
  const token = ensureToken(runtime.home);
  const last = readConnection(runtime.home);
  const running = last && isAlive(last.pid) ? last : undefined;
  const port = options.port ?? running?.port ?? DEFAULT_PORT;
  const url = `http://127.0.0.1:${port}`;
  const result = installClaudeCode(options.target, {
    url,
    token,
    ...(options.command && { command: options.command }),
  });
  out.write(
    `warden: hooks installed in ${result.file}${result.backup ? ` (backup: ${result.backup})` : ''}\n`,
  );
  out.write(
    options.command
      ? `warden: command hooks run: ${options.command}\n`
      : `warden: Claude Code will post its tool calls to ${url}; start the console with \`warden\` (or \`warden serve --port ${port}\`)\n`,
  );
  out.write(
    'warden: keep Claude Code in its default permission mode: if warden is not running, its own prompt takes over\n',
  );
  return 0;
}

export function uninstall(agent: string, target: ClaudeInstallTarget, out: NodeJS.WritableStream): number {
  if (agent !== 'claude-code') {
    out.write(`warden: no installer for ${JSON.stringify(agent)} (known: claude-code)\n`);
    return 2;
  }
  const result = uninstallClaudeCode(target);
  out.write(
    `warden: hooks removed from ${result.file}${result.backup ? ` (backup: ${result.backup})` : ''}\n`,
  );
  return 0;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
