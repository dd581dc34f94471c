// Starts the built warden CLI (`node bin/warden.js ...`) as a child process for end-to-end tests.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const WARDEN_BIN = join(REPO_ROOT, 'bin/warden.js');

function assertBuilt(): void {
  if (!existsSync(join(REPO_ROOT, 'dist/cli.js'))) {
    throw new Error('warden is not built: run `npm run build` first (`npm test` does it)');
  }
}

/** The environment warden runs with: its own home and a throwaway HOME (no user rules leak in). */
export function wardenEnv(wardenHome: string, home: string): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, WARDEN_HOME: wardenHome, NO_COLOR: '1' };
}

export interface WardenServe {
  /** The endpoint line's URL, e.g. `http://127.0.0.1:PORT/hook/claude-code/PreToolUse`. */
  endpoint: string;
  port: number;
  /** Every stdout line so far (decision lines after the endpoint line). */
  lines: string[];
  stderr(): string;
  /** Resolves once a line matching `re` has been printed (or rejects after `timeoutMs`). */
  waitForLine(re: RegExp, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

export async function startWardenServe(opts: {
  env: Record<string, string>;
  args?: string[];
  readyTimeoutMs?: number;
}): Promise<WardenServe> {
  assertBuilt();
  const child: ChildProcess = spawn(
    process.execPath,
    [WARDEN_BIN, 'serve', '--port', '0', ...(opts.args ?? [])],
    {
      env: opts.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  let stderr = '';
  let partial = '';
  const waiters = new Set<() => void>();
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    partial += d;
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    for (const w of waiters) w();
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  let gone = false;
  void exited.then(() => {
    gone = true;
    for (const w of waiters) w();
  });

  const waitForLine = (re: RegExp, timeoutMs = 10_000) =>
    new Promise<string>((res, rej) => {
      const check = () => {
        const hit = lines.find((l) => re.test(l));
        if (hit !== undefined) {
          done();
          res(hit);
        } else if (gone) {
          done();
          rej(
            new Error(
              `warden serve exited before printing ${re}; stdout:\n${lines.join('\n')}\nstderr:\n${stderr}`,
            ),
          );
        }
      };
      const timer = setTimeout(() => {
        done();
        rej(
          new Error(
            `no line matching ${re} within ${timeoutMs} ms; stdout:\n${lines.join('\n')}\nstderr:\n${stderr}`,
          ),
        );
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });

  const stop = async () => {
    if (!gone) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(killer);
    }
  };

  try {
    const ready = await waitForLine(/http:\/\/127\.0\.0\.1:\d+\//, opts.readyTimeoutMs ?? 10_000);
    const endpoint = /http:\/\/127\.0\.0\.1:\d+\/\S*/.exec(ready)![0];
    return { endpoint, port: Number(new URL(endpoint).port), lines, stderr: () => stderr, waitForLine, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** `warden install claude-code --project DIR --port PORT`; returns its stdout. */
export async function installClaudeCode(opts: {
  env: Record<string, string>;
  projectDir: string;
  port: number;
}): Promise<string> {
  assertBuilt();
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [WARDEN_BIN, 'install', 'claude-code', '--project', opts.projectDir, '--port', String(opts.port)],
    { env: opts.env, timeout: 10_000 },
  );
  return stdout;
}
