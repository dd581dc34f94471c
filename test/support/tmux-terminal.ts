// A real terminal for tests: runs a command in a detached tmux session on a private tmux server
// (its own socket file, removed on close, so no other tmux is touched), sends keys, and reads the screen.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Terminal {
  /** Keys in tmux names: 'a', 'Enter', 'Up', 'BTab' (Shift+Tab), 'C-c', 'Space'. */
  sendKeys(...keys: string[]): Promise<void>;
  /** Text typed literally. */
  type(text: string): Promise<void>;
  /** The visible screen, one string. */
  capture(): Promise<string>;
  /** Polls the screen until `re` matches; rejects with the last screen after `timeoutMs`. */
  waitForText(re: RegExp, timeoutMs?: number): Promise<string>;
  resize(cols: number, rows: number): Promise<void>;
  /** Whether the command is still running. */
  alive(): Promise<boolean>;
  close(): Promise<void>;
}

export async function startTerminal(opts: {
  command: string;
  args?: string[];
  env?: Record<string, string>;
  cwd?: string;
  cols?: number;
  rows?: number;
}): Promise<Terminal> {
  const socket = join(tmpdir(), `warden-tmux-${process.pid}-${randomBytes(4).toString('hex')}`);
  // Keep the pane (and its last screen) after the command exits, so output and crashes can be read;
  // set in the config so it holds even for a command that exits at once.
  const conf = `${socket}.conf`;
  writeFileSync(conf, 'set-option -g remain-on-exit on\n');
  const tmux = (...args: string[]) => run('tmux', ['-S', socket, '-f', conf, ...args], { timeout: 5_000 });
  const envArgs = Object.entries({ TERM: 'xterm-256color', ...(opts.env ?? {}) }).map(
    ([k, v]) => `${k}=${v}`,
  );
  const argv = ['env', '-i', ...envArgs, opts.command, ...(opts.args ?? [])];
  await tmux(
    'new-session',
    '-d',
    '-s',
    'main',
    '-x',
    String(opts.cols ?? 80),
    '-y',
    String(opts.rows ?? 24),
    ...(opts.cwd ? ['-c', opts.cwd] : []),
    argv.map(shellQuote).join(' '),
  );

  const capture = async () => (await tmux('capture-pane', '-p', '-t', 'main')).stdout;
  return {
    async sendKeys(...keys) {
      await tmux('send-keys', '-t', 'main', ...keys);
    },
    async type(text) {
      await tmux('send-keys', '-t', 'main', '-l', text);
    },
    capture,
    async waitForText(re, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      let screen = '';
      for (;;) {
        screen = await capture();
        if (re.test(screen)) return screen;
        if (Date.now() > deadline) throw new Error(`screen never matched ${re}; last screen:\n${screen}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async resize(cols, rows) {
      await tmux('resize-window', '-t', 'main', '-x', String(cols), '-y', String(rows));
    },
    async alive() {
      const { stdout } = await tmux('display-message', '-p', '-t', 'main', '#{pane_dead}');
      return stdout.trim() === '0';
    },
    async close() {
      await tmux('kill-server').catch(() => undefined);
      rmSync(socket, { force: true });
      rmSync(conf, { force: true });
    },
  };
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`;
}
