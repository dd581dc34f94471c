import { type ChildProcess, spawn } from 'node:child_process';
import readline from 'node:readline';
import { z } from 'zod';

/**
 * A small JSON-RPC client for `codex app-server` (stdio, one JSON message a line): the only
 * supported way to read which hooks Codex loads and to record that a person trusts one.
 */
export interface CodexAppServer {
  request(method: string, params: unknown): Promise<unknown>;
  close(): void;
}

export interface CodexAppServerOptions {
  /** The codex executable (default `codex` on PATH). */
  readonly bin?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Per request (default 20 s). */
  readonly timeoutMs?: number;
}

export async function openCodexAppServer(options: CodexAppServerOptions = {}): Promise<CodexAppServer> {
  const bin = options.bin ?? 'codex';
  const timeoutMs = options.timeoutMs ?? 20_000;
  const child: ChildProcess = spawn(bin, ['app-server'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: options.env ?? process.env,
    ...(options.cwd !== undefined && { cwd: options.cwd }),
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let stderr = '';
  let failure: Error | undefined;
  const failAll = (error: Error) => {
    failure ??= error;
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
  };
  child.on('error', (error: NodeJS.ErrnoException) =>
    failAll(
      error.code === 'ENOENT'
        ? new Error(`cannot run ${JSON.stringify(bin)}: not found (is Codex installed and on PATH?)`)
        : new Error(`cannot run ${bin} app-server: ${error.message}`),
    ),
  );
  child.on('exit', (code) =>
    failAll(new Error(`${bin} app-server exited (${code})${stderr ? `: ${lastLine(stderr)}` : ''}`)),
  );
  child.stderr?.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString('utf8')).slice(-4000);
  });
  child.stdin?.on('error', () => {});
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    let message: { id?: unknown; result?: unknown; error?: { message?: unknown } };
    try {
      message = JSON.parse(line);
    } catch {
      return;
    }
    if (typeof message.id !== 'number') return;
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.error) waiter.reject(new Error(`codex app-server: ${String(message.error.message)}`));
    else waiter.resolve(message.result);
  });

  let nextId = 0;
  const send = (message: object) => child.stdin?.write(`${JSON.stringify(message)}\n`);
  const request = (method: string, params: unknown) =>
    new Promise<unknown>((resolve, reject) => {
      if (failure) return reject(failure);
      nextId += 1;
      const id = nextId;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`codex app-server did not answer ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      send({ id, method, params });
    });
  const close = () => {
    child.stdin?.end();
    if (child.exitCode === null) child.kill();
  };
  try {
    await request('initialize', {
      clientInfo: { name: 'warden', title: 'warden', version: '0.1.0' },
      capabilities: { experimentalApi: false, requestAttestation: false },
    });
    send({ method: 'initialized' });
  } catch (error) {
    close();
    throw error;
  }
  return { request, close };
}

function lastLine(text: string): string {
  return (
    text
      .trim()
      .split('\n')
      .filter((l) => l.trim() !== '')
      .at(-1) ?? ''
  );
}

/** One hook as Codex loads it (`hooks/list`). */
export const codexHookSchema = z.object({
  key: z.string(),
  eventName: z.string(),
  command: z.string().optional(),
  sourcePath: z.string(),
  enabled: z.boolean(),
  currentHash: z.string(),
  trustStatus: z.enum(['managed', 'untrusted', 'trusted', 'modified']),
  timeoutSec: z.number().optional(),
});
export type CodexHook = z.infer<typeof codexHookSchema>;

const hooksListSchema = z.object({
  data: z.array(
    z.object({
      cwd: z.string(),
      hooks: z.array(z.looseObject(codexHookSchema.shape)),
      warnings: z.array(z.string()).default([]),
      errors: z.array(z.object({ path: z.string(), message: z.string() })).default([]),
    }),
  ),
});

export interface CodexHookListing {
  readonly hooks: readonly CodexHook[];
  readonly warnings: readonly string[];
  readonly errors: readonly string[];
}

/** The hooks Codex would load for a session in `cwd`, with their trust status. */
export async function listCodexHooks(server: CodexAppServer, cwd: string): Promise<CodexHookListing> {
  const parsed = hooksListSchema.safeParse(await server.request('hooks/list', { cwds: [cwd] }));
  if (!parsed.success) throw new Error(`codex app-server answered hooks/list in an unknown shape`);
  const entries = parsed.data.data;
  return {
    hooks: entries.flatMap((e) => e.hooks.map((h) => codexHookSchema.parse(h))),
    warnings: entries.flatMap((e) => e.warnings),
    errors: entries.flatMap((e) => e.errors.map((x) => `${x.path}: ${x.message}`)),
  };
}

/**
 * Records the person's trust in the given hooks, the way Codex's own review does: the hook's
 * current hash under `hooks.state."<key>".trusted_hash` in the user's config.toml.
 */
export async function trustCodexHooks(server: CodexAppServer, hooks: readonly CodexHook[]): Promise<void> {
  if (hooks.length === 0) return;
  await server.request('config/batchWrite', {
    edits: hooks.map((h) => ({
      keyPath: `hooks.state.${tomlQuoted(h.key)}.trusted_hash`,
      value: h.currentHash,
      mergeStrategy: 'upsert',
    })),
  });
}

function tomlQuoted(key: string): string {
  return `"${key.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
