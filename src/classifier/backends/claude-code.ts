import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Limiter } from '../limiter.js';
import {
  type CallOptions,
  type ContentBlockLike,
  type MessagesRequest,
  type MessagesResponse,
  type MessagesTransport,
  TransportError,
} from '../transport.js';

/**
 * The person's own Claude Code CLI and its login (subscription, Bedrock, Vertex or gateway: whatever
 * `claude` is set up for), run headless once per request: `claude -p --output-format json` with our
 * system prompt, the stage's tool schema as `--json-schema` (Claude Code answers it through its
 * StructuredOutput tool), no other tools, no session written, no hooks (so warden's own hooks do not
 * see the classifier's run), no MCP servers, no CLAUDE.md and an empty working directory (so no
 * project text reaches the classifier). A pool bounds how many run at once. Every run costs the
 * person's plan usage.
 */

export const DEFAULT_POOL = 3;
export const CLAUDE_CODE_DEFAULT_MODEL = 'haiku';
/** Start-up of the CLI plus two model turns: more than the API's 8 s. */
export const CLAUDE_CODE_DEFAULT_DEADLINE_MS = 30_000;
const MAX_OUTPUT_BYTES = 1024 * 1024;

export interface ClaudeCodeSettings {
  /** The `claude` executable (absolute path, or a name found on PATH). */
  readonly command: string;
  /** Processes at once, at most (default 3). */
  readonly pool?: number;
  /** The child's environment (default process.env); warden adds its own switches on top. */
  readonly env?: NodeJS.ProcessEnv;
  /** Working directory for the runs (default: a fresh empty private directory). */
  readonly workDir?: string;
}

export interface ClaudeCodeStats {
  readonly running: number;
  readonly queued: number;
  /** Most processes ever alive at once. */
  readonly peak: number;
  readonly runs: number;
  readonly pool: number;
}

export interface ClaudeCodeTransport extends MessagesTransport {
  stats(): ClaudeCodeStats;
}

/** Settings that keep a classifier run to one bare model turn (Claude Code 2.1 names). */
const CHILD_ENV: Readonly<Record<string, string>> = {
  CLAUDE_CODE_DISABLE_CLAUDE_MDS: '1',
  CLAUDE_CODE_DISABLE_AUTO_MEMORY: '1',
  CLAUDE_CODE_DISABLE_ATTACHMENTS: '1',
  CLAUDE_CODE_DISABLE_GIT_INSTRUCTIONS: '1',
  CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
  CLAUDE_CODE_DISABLE_TERMINAL_TITLE: '1',
  DISABLE_AUTOUPDATER: '1',
  // warden's deadline governs; Claude Code's own retries would only outlive it.
  CLAUDE_CODE_MAX_RETRIES: '1',
};

export function claudeCodeTransport(settings: ClaudeCodeSettings): ClaudeCodeTransport {
  const pool = Math.max(1, Math.floor(settings.pool ?? DEFAULT_POOL));
  const limiter = new Limiter(pool);
  let workDir = settings.workDir;
  let alive = 0;
  let peak = 0;
  let runs = 0;

  async function create(request: MessagesRequest, options: CallOptions): Promise<MessagesResponse> {
    const release = await limiter.acquire(options.signal);
    let started: ReturnType<typeof run>;
    try {
      workDir ??= mkdtempSync(path.join(tmpdir(), 'warden-classifier-'));
      runs++;
      started = run(settings.command, claudeArgs(request), promptText(request), {
        cwd: workDir,
        env: { ...(settings.env ?? process.env), ...CHILD_ENV },
        signal: options.signal,
        onSpawn: () => {
          alive++;
          peak = Math.max(peak, alive);
        },
        onExit: () => {
          alive--;
        },
      });
    } catch (error) {
      release();
      throw error;
    }
    // The slot is free when the process is gone, not when warden stops waiting for it: a run killed
    // at its deadline still counts until it has exited, so a burst never has more than `pool` alive.
    void started.exited.then(release);
    return responseFrom(await started.output, request);
  }

  return {
    backend: 'claude-code',
    create,
    describe: () =>
      `${limiter.inFlight}/${pool} running${limiter.queued > 0 ? `, ${limiter.queued} queued` : ''}`,
    stats: () => ({ running: alive, queued: limiter.queued, peak, runs, pool }),
  };
}

/** The CLI arguments for one request (the prompt itself goes to stdin, not to argv). */
export function claudeArgs(request: MessagesRequest): string[] {
  const tool = request.tools.find((t) => t.name === request.tool_choice.name);
  if (!tool) throw new TransportError(`no tool named ${request.tool_choice.name} in the request`);
  return [
    '-p',
    '--output-format',
    'json',
    '--model',
    request.model,
    '--tools',
    '',
    '--strict-mcp-config',
    '--no-session-persistence',
    '--disable-slash-commands',
    '--settings',
    JSON.stringify({ disableAllHooks: true }),
    '--system-prompt',
    request.system.map((b) => b.text).join('\n\n'),
    '--json-schema',
    JSON.stringify(tool.input_schema),
  ];
}

function promptText(request: MessagesRequest): string {
  return request.messages.flatMap((m) => m.content.map((b) => b.text)).join('\n\n');
}

interface RunOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly signal: AbortSignal;
  readonly onSpawn: () => void;
  readonly onExit: () => void;
}

interface RunOutput {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts one run: `output` settles with its result (or at abort), `exited` when no process is left. */
function run(
  command: string,
  args: string[],
  stdin: string,
  options: RunOptions,
): { output: Promise<RunOutput>; exited: Promise<void> } {
  let markExited: () => void = () => {};
  const exited = new Promise<void>((resolve) => {
    markExited = resolve;
  });
  const output = new Promise<RunOutput>((resolve, reject) => {
    if (options.signal.aborted) {
      markExited();
      return reject(options.signal.reason);
    }
    let child: ChildProcessWithoutNullStreams;
    try {
      child = spawn(command, args, {
        cwd: options.cwd,
        env: options.env,
        stdio: ['pipe', 'pipe', 'pipe'],
        windowsHide: true,
      });
    } catch (error) {
      markExited();
      return reject(new TransportError(`the claude CLI could not start (${(error as Error).message})`));
    }
    let spawned = false;
    let settled = false;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    const finish = (result: { ok: RunOutput } | { error: unknown }) => {
      if (settled) return;
      settled = true;
      options.signal.removeEventListener('abort', onAbort);
      if ('ok' in result) resolve(result.ok);
      else reject(result.error);
    };
    const onAbort = () => {
      child.kill('SIGKILL');
      finish({ error: options.signal.reason });
    };
    options.signal.addEventListener('abort', onAbort, { once: true });
    child.once('spawn', () => {
      spawned = true;
      options.onSpawn();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes <= MAX_OUTPUT_BYTES) out.push(chunk);
      else {
        child.kill('SIGKILL');
        finish({ error: new TransportError('the claude CLI wrote more than 1 MiB') });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      errBytes += chunk.length;
      if (errBytes <= 64 * 1024) err.push(chunk);
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      if (!spawned) markExited();
      finish({
        error: new TransportError(
          error.code === 'ENOENT'
            ? `the claude CLI was not found (${command})`
            : `the claude CLI could not start (${error.message})`,
        ),
      });
    });
    child.once('close', (code) => {
      if (spawned) options.onExit();
      markExited();
      finish({
        ok: {
          code,
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
        },
      });
    });
    child.stdin.on('error', () => {}); // a child that exits early closes its stdin
    child.stdin.end(stdin);
  });
  return { output, exited };
}

interface ClaudeResult {
  type?: unknown;
  subtype?: unknown;
  is_error?: unknown;
  api_error_status?: unknown;
  result?: unknown;
  structured_output?: unknown;
  usage?: Record<string, unknown>;
  modelUsage?: Record<string, unknown>;
}

/** The CLI's `result` object as a Messages response: the structured output is the forced tool's call. */
export function responseFrom(output: RunOutput, request: MessagesRequest): MessagesResponse {
  const result = lastJsonObject(output.stdout);
  if (!result) {
    const why = tail(output.stderr) || tail(output.stdout) || 'no output';
    throw new TransportError(
      output.code === 0
        ? `the claude CLI answered something that is not its JSON result (${why})`
        : `the claude CLI exited with code ${output.code} (${why})`,
    );
  }
  if (result.is_error === true || (result.subtype !== undefined && result.subtype !== 'success')) {
    const status = typeof result.api_error_status === 'number' ? result.api_error_status : undefined;
    const text = typeof result.result === 'string' ? result.result : String(result.subtype ?? 'error');
    throw new TransportError(
      `the claude CLI reported an error${status ? ` (${status})` : ''}: ${tail(text)}`,
      status !== undefined && (status === 429 || status >= 500),
    );
  }
  const content: ContentBlockLike[] =
    result.structured_output !== undefined && result.structured_output !== null
      ? [{ type: 'tool_use', name: request.tool_choice.name, input: result.structured_output }]
      : typeof result.result === 'string'
        ? [{ type: 'text', text: result.result }]
        : [];
  const u = result.usage ?? {};
  const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);
  const models = result.modelUsage ? Object.keys(result.modelUsage) : [];
  return {
    content,
    usage: {
      input_tokens: n(u.input_tokens),
      output_tokens: n(u.output_tokens),
      cache_read_input_tokens: n(u.cache_read_input_tokens),
      cache_creation_input_tokens: n(u.cache_creation_input_tokens),
    },
    model: models[0] ?? request.model,
  };
}

function lastJsonObject(stdout: string): ClaudeResult | undefined {
  const lines = stdout.split('\n').filter((l) => l.trim().startsWith('{'));
  for (let i = lines.length - 1; i >= 0; i--) {
    try {
      const value: unknown = JSON.parse(lines[i]!);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        const r = value as ClaudeResult;
        if (r.type === 'result' || 'result' in r || 'is_error' in r) return r;
      }
    } catch {
      // not this line
    }
  }
  return undefined;
}

function tail(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  return flat.length > 200 ? `…${flat.slice(-199)}` : flat;
}
