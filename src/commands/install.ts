import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ClaudeInstallTarget, installClaudeCode, uninstallClaudeCode } from '../install/claude-code.js';
import { installCodexHooks, uninstallCodexHooks } from '../install/codex.js';
import { trustWardenCodexHooks } from '../install/codex-trust.js';
import { installGeminiCli, uninstallGeminiCli } from '../install/gemini-cli.js';
import { shellWord } from '../install/hook-groups.js';
import { DEFAULT_PORT, ensureToken, readConnection } from '../server/connection.js';
import type { Runtime } from './runtime.js';

export const INSTALLABLE_AGENTS = ['claude-code', 'gemini-cli', 'codex'] as const;

export interface InstallCommandOptions {
  readonly agent: string;
  readonly target: ClaudeInstallTarget;
  readonly port?: number;
  /** Install command hooks (`warden hook claude-code`) instead of http hooks (Claude Code only). */
  readonly command?: string;
  /** The codex executable used to trust the hooks (default `codex` on PATH). */
  readonly codexBin?: string;
  /** Environment of the agent (HOME, CODEX_HOME, PATH); default this process's. */
  readonly env?: NodeJS.ProcessEnv;
}

/** This warden's own bin/warden.js (works from src/ under a test runner and from dist/). */
export function wardenBinPath(): string {
  return fileURLToPath(new URL('../../bin/warden.js', import.meta.url));
}

/** The command hook line for an agent: `"<node>" "<bin/warden.js>" hook <agent>`, no PATH needed. */
export function wardenHookCommand(agent: string): string {
  return `${shellWord(process.execPath)} ${shellWord(wardenBinPath())} hook ${agent}`;
}

/** `warden install <agent>`: merges warden's hooks into the agent's settings (idempotent). */
export async function install(
  runtime: Runtime,
  options: InstallCommandOptions,
  out: NodeJS.WritableStream,
): Promise<number> {
  const target = { ...options.target, ...(options.env !== undefined && { env: options.env }) };
  try {
    switch (options.agent) {
      case 'claude-code':
        return installClaude(runtime, { ...options, target }, out);
      case 'gemini-cli':
        return installGemini(target, out);
      case 'codex':
        return await installCodex(target, options, out);
      default:
        out.write(
          `warden: no installer for ${JSON.stringify(options.agent)} (known: ${INSTALLABLE_AGENTS.join(', ')})\n`,
        );
        return 2;
    }
  } catch (error) {
    out.write(`warden: ${(error as Error).message}\n`);
    return 1;
  }
}

function written(file: string, backup: string | undefined): string {
  return `warden: hooks installed in ${file}${backup ? ` (backup: ${backup})` : ''}\n`;
}

function installClaude(runtime: Runtime, options: InstallCommandOptions, out: NodeJS.WritableStream): number {
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
  out.write(written(result.file, result.backup));
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

function installGemini(target: ClaudeInstallTarget, out: NodeJS.WritableStream): number {
  const command = wardenHookCommand('gemini-cli');
  const result = installGeminiCli(target, command);
  out.write(written(result.file, result.backup));
  out.write(`warden: BeforeTool, AfterTool and SessionStart run: ${command}\n`);
  if (target.scope === 'project')
    out.write(
      `warden: Gemini CLI runs project hooks only in folders it trusts: trust ${path.dirname(path.dirname(result.file))} in Gemini (or install with --user)\n`,
    );
  out.write(
    'warden: if the console is not running, the hook answers deny; `gemini --acp` (IDE mode) runs no BeforeTool hook, so warden does not see those tool calls\n',
  );
  return 0;
}

async function installCodex(
  target: ClaudeInstallTarget,
  options: InstallCommandOptions,
  out: NodeJS.WritableStream,
): Promise<number> {
  const command = wardenHookCommand('codex');
  const result = installCodexHooks(target, command);
  out.write(written(result.file, result.backup));
  out.write(`warden: PreToolUse, PostToolUse and SessionStart run: ${command}\n`);
  const cwd = target.scope === 'project' ? path.resolve(target.dir ?? process.cwd()) : process.cwd();
  const trust = await trustWardenCodexHooks({
    file: result.file,
    cwd,
    ...(options.codexBin !== undefined && { bin: options.codexBin }),
    ...(options.env !== undefined && { env: options.env }),
  });
  switch (trust.kind) {
    case 'trusted':
      out.write(
        `warden: Codex trusts warden's ${trust.hooks.length} hooks${trust.newly > 0 ? ` (${trust.newly} trusted now, recorded in Codex's config.toml)` : ''}\n`,
      );
      out.write(
        'warden: if the console is not running, the hook answers deny; editing these hooks by hand makes Codex skip them until you run this again\n',
      );
      return 0;
    case 'not-loaded':
      out.write(
        `warden: Codex does not load ${result.file}: it reads a project's .codex/ only when it trusts the project. Trust ${cwd} in Codex (or add [projects.${JSON.stringify(cwd)}] trust_level = "trusted" to its config.toml), then run this again; or install with --user\n`,
      );
      return 1;
    case 'failed':
      out.write(
        `warden: could not mark the hooks trusted (${trust.error}). Codex silently skips untrusted hooks: run this again where \`codex\` is on PATH (it asks \`codex app-server\` to record the trust), or review and trust the warden hooks in Codex itself. Until then warden does not see Codex's tool calls.\n`,
      );
      return 1;
  }
}

export async function uninstall(
  agent: string,
  target: ClaudeInstallTarget,
  out: NodeJS.WritableStream,
): Promise<number> {
  const remove =
    agent === 'claude-code'
      ? uninstallClaudeCode
      : agent === 'gemini-cli'
        ? uninstallGeminiCli
        : agent === 'codex'
          ? uninstallCodexHooks
          : undefined;
  if (!remove) {
    out.write(
      `warden: no installer for ${JSON.stringify(agent)} (known: ${INSTALLABLE_AGENTS.join(', ')})\n`,
    );
    return 2;
  }
  try {
    const result = remove(target);
    out.write(
      `warden: hooks removed from ${result.file}${result.backup ? ` (backup: ${result.backup})` : ''}\n`,
    );
    return 0;
  } catch (error) {
    out.write(`warden: ${(error as Error).message}\n`);
    return 1;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
