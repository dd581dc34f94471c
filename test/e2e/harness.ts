import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Shared by the real-CLI end-to-end tests: a built warden, a `warden serve`, bounded CLI runs. */

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WARDEN_BIN = path.join(ROOT, 'bin', 'warden.js');
export const tmpDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * The hook command runs bin/warden.js, which loads dist/: build it when src/ is newer. A lock
 * directory keeps two test files from compiling into dist/ at once.
 */
export async function ensureBuilt(): Promise<void> {
  const lock = path.join(
    os.tmpdir(),
    `warden-e2e-build-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}`,
  );
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`${lock} held for a minute; remove it if no test runs`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    const cli = path.join(ROOT, 'dist', 'cli.js');
    if (!fs.existsSync(cli) || fs.statSync(cli).mtimeMs < newestMtime(path.join(ROOT, 'src')))
      execFileSync(
        process.execPath,
        [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
        {
          cwd: ROOT,
          stdio: 'pipe',
        },
      );
  } finally {
    fs.rmdirSync(lock);
  }
}

export interface ServeProcess {
  readonly home: string;
  readonly url: string;
  /** One line per decision (`deny  Bash "rm -rf victim" by rule:Bash …`). */
  readonly lines: string[];
  stop(): Promise<void>;
}

/** `node bin/warden.js serve --port 0` with its own WARDEN_HOME (and rules.json when given). */
export async function startServe(options: {
  mode: string;
  rules?: Record<string, string[]>;
  onHold?: 'ask' | 'deny';
}): Promise<ServeProcess> {
  const home = tmpDir('warden-e2e-home-');
  if (options.rules)
    fs.writeFileSync(path.join(home, 'rules.json'), JSON.stringify({ permissions: options.rules }));
  const args = [WARDEN_BIN, 'serve', '--port', '0', '--mode', options.mode];
  if (options.onHold) args.push('--on-hold', options.onHold);
  const child = spawn(process.execPath, args, {
    env: { ...process.env, WARDEN_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString('utf8');
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`warden serve did not start: ${stderr}`)), 15_000);
    let buffer = '';
    child.stdout.on('data', (c: Buffer) => {
      buffer += c.toString('utf8');
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        } else lines.push(line);
      }
    });
    child.on('exit', (code) => reject(new Error(`warden serve exited (${code}): ${stderr}`)));
  });
  return {
    home,
    url,
    lines,
    stop: () => stopChild(child),
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

/** Runs an agent CLI to the end, killed (with its process group) after `timeoutMs`. */
export function runCli(
  bin: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(bin, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, options.timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

/** Polls until `check` is true (or throws after `timeoutMs`). */
export async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
