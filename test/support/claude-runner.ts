// Runs the real Claude Code CLI headless (`claude -p`) against a fake Messages API, in an isolated
// HOME / CLAUDE_CONFIG_DIR, and parses its stream-json output.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLAUDE_BIN = join(REPO_ROOT, 'node_modules/.bin/claude');

export type PermissionMode = 'default' | 'acceptEdits' | 'plan' | 'bypassPermissions' | 'dontAsk' | 'auto';

export interface ClaudeRunOptions {
  /** Base URL of the fake Messages API. */
  apiUrl: string;
  /** Working directory of the agent (the project). */
  projectDir: string;
  prompt: string;
  /** Isolated home; a fresh temp dir (removed afterwards) when omitted. */
  home?: string;
  permissionMode?: PermissionMode;
  /** Kill the CLI after this many ms (default 30 s). */
  timeoutMs?: number;
  /** Extra environment (wins over the defaults). */
  env?: Record<string, string>;
  extraArgs?: string[];
}

export interface StreamEvent {
  type?: string;
  subtype?: string;
  [k: string]: unknown;
}

export interface PermissionDenial {
  tool_name: string;
  tool_use_id: string;
  tool_input: Record<string, unknown>;
}

export interface ClaudeRunResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** Every parsed stream-json line. */
  events: StreamEvent[];
  /** Lines on stdout that were not JSON. */
  unparsed: string[];
  stderr: string;
  /** The final `{"type":"result"}` line, if any. */
  result: StreamEvent | undefined;
  permissionDenials: PermissionDenial[];
  /** `system` events with subtype `hook_response` (from --include-hook-events). */
  hookResponses: StreamEvent[];
  /** tool_result blocks as the CLI printed them (the same ones it sends to the model). */
  toolResults: { toolUseId: string; content: string; isError: boolean }[];
  durationMs: number;
}

export function claudeEnv(apiUrl: string, home: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    CLAUDE_CONFIG_DIR: join(home, '.claude'),
    ANTHROPIC_BASE_URL: apiUrl,
    ANTHROPIC_API_KEY: 'sk-test',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
    DISABLE_TELEMETRY: '1',
    DISABLE_ERROR_REPORTING: '1',
    // We run as root in CI; bypassPermissions refuses root without it.
    IS_SANDBOX: '1',
  };
}

export async function runClaude(opts: ClaudeRunOptions): Promise<ClaudeRunResult> {
  const ownHome = opts.home === undefined;
  const home = opts.home ?? mkdtempSync(join(tmpdir(), 'warden-claude-home-'));
  const args = ['-p', opts.prompt, '--output-format', 'stream-json', '--verbose', '--include-hook-events'];
  if (opts.permissionMode) args.push('--permission-mode', opts.permissionMode);
  args.push(...(opts.extraArgs ?? []));
  const started = Date.now();
  try {
    const child = spawn(CLAUDE_BIN, args, {
      cwd: opts.projectDir,
      env: { ...claudeEnv(opts.apiUrl, home), ...(opts.env ?? {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 30_000);
    const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((res, rej) => {
      child.on('error', rej);
      child.on('close', (code, sig) => res([code, sig]));
    }).finally(() => clearTimeout(timer));
    return {
      ...parseStreamJson(stdout),
      exitCode,
      signal,
      timedOut,
      stderr,
      durationMs: Date.now() - started,
    };
  } finally {
    if (ownHome) rmSync(home, { recursive: true, force: true });
  }
}

export function parseStreamJson(
  stdout: string,
): Pick<
  ClaudeRunResult,
  'events' | 'unparsed' | 'result' | 'permissionDenials' | 'hookResponses' | 'toolResults'
> {
  const events: StreamEvent[] = [];
  const unparsed: string[] = [];
  for (const line of stdout.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const v: unknown = JSON.parse(line);
      if (v && typeof v === 'object' && !Array.isArray(v)) events.push(v as StreamEvent);
      else unparsed.push(line);
    } catch {
      unparsed.push(line);
    }
  }
  const result = events.findLast((e) => e.type === 'result');
  const denials = result?.permission_denials;
  const toolResults: ClaudeRunResult['toolResults'] = [];
  for (const e of events) {
    if (e.type !== 'user') continue;
    const content = (e.message as { content?: unknown } | undefined)?.content;
    if (!Array.isArray(content)) continue;
    for (const b of content) {
      const block = b as { type?: unknown; tool_use_id?: unknown; content?: unknown; is_error?: unknown };
      if (block.type !== 'tool_result' || typeof block.tool_use_id !== 'string') continue;
      toolResults.push({
        toolUseId: block.tool_use_id,
        content: textOf(block.content),
        isError: block.is_error === true,
      });
    }
  }
  return {
    events,
    unparsed,
    result,
    permissionDenials: Array.isArray(denials) ? (denials as PermissionDenial[]) : [],
    hookResponses: events.filter((e) => e.type === 'system' && e.subtype === 'hook_response'),
    toolResults,
  };
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((b) => {
        const block = b as { type?: unknown; text?: unknown };
        return block.type === 'text' && typeof block.text === 'string' ? block.text : '';
      })
      .join('\n');
  }
  return content === undefined ? '' : JSON.stringify(content);
}

/** A fresh temp directory; remove it with {@link removeDir}. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
