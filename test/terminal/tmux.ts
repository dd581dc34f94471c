import { execFileSync, spawnSync } from 'node:child_process';

/** Whether tmux can be used here. */
export function hasTmux(): boolean {
  return spawnSync('tmux', ['-V']).status === 0;
}

export interface TmuxSession {
  readonly name: string;
  /** Send keys by tmux name (`a`, `Space`, `BTab`, `Enter`, `Escape`, `C-c`) or literal text. */
  keys(...keys: string[]): void;
  /** Type literal text (tmux -l). */
  text(text: string): void;
  /** The visible screen as plain text. */
  capture(): string;
  /** The screen and the scrollback above it (the decided stream scrolls up there). */
  history(lines?: number): string;
  /** Poll the screen until the predicate holds; throws with the last screen on timeout. */
  waitFor(predicate: (screen: string) => boolean, timeoutMs?: number, what?: string): Promise<string>;
  /** Whether the command in the pane is still running. */
  alive(): boolean;
  resize(columns: number, rows: number): void;
  kill(): void;
}

/**
 * Runs a command on a real tty in a detached tmux session (its own socket, so it never touches
 * the user's tmux). Reusable for any terminal test: the console, `warden` with its endpoint, ...
 */
export function startTmux(
  command: string,
  options: { columns?: number; rows?: number; env?: Record<string, string>; cwd?: string } = {},
): TmuxSession {
  const name = `warden-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const socket = ['-L', name];
  const tmux = (...args: string[]) =>
    execFileSync('tmux', [...socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const envArgs = Object.entries(options.env ?? {}).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  tmux(
    'new-session',
    '-d',
    '-s',
    name,
    '-x',
    String(options.columns ?? 100),
    '-y',
    String(options.rows ?? 30),
    ...(options.cwd ? ['-c', options.cwd] : []),
    ...envArgs,
    command,
  );
  // Keep the pane after the command exits, so a crash can be read.
  tmux('set-option', '-t', name, 'remain-on-exit', 'on');
  const session: TmuxSession = {
    name,
    keys: (...keys) => {
      tmux('send-keys', '-t', name, ...keys);
    },
    text: (text) => {
      tmux('send-keys', '-t', name, '-l', text);
    },
    capture: () => tmux('capture-pane', '-p', '-t', name),
    history: (lines = 2000) => tmux('capture-pane', '-p', '-S', String(-lines), '-t', name),
    async waitFor(predicate, timeoutMs = 10_000, what = 'the screen') {
      const until = Date.now() + timeoutMs;
      let screen = '';
      while (Date.now() < until) {
        screen = session.capture();
        if (predicate(screen)) return screen;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`timed out waiting for ${what}; last screen:\n${screen}`);
    },
    alive: () => tmux('display-message', '-p', '-t', name, '#{pane_dead}').trim() === '0',
    resize: (columns, rows) => {
      tmux('resize-window', '-t', name, '-x', String(columns), '-y', String(rows));
    },
    kill: () => {
      try {
        tmux('kill-server');
      } catch {
        // already gone
      }
    },
  };
  return session;
}
