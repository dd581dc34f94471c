import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ConsoleAddress, ConsoleFacts, TmuxPlace } from '../domain/console-facts.js';

/**
 * Finds where this warden process runs, once at start-up: its terminal, the multiplexer panes and
 * terminal windows around it (from the environment and the multiplexer's own answer), its process
 * names and command line. The I/O is passed in, so tests can give any machine.
 */
export interface LocateDeps {
  readonly env: NodeJS.ProcessEnv;
  readonly pid: number;
  readonly argv: readonly string[];
  readonly execPath: string;
  readonly execArgv: readonly string[];
  readonly interactive: boolean;
  /** Runs a program with a short deadline; undefined when it fails or is missing. */
  readonly run: (file: string, args: readonly string[]) => string | undefined;
  readonly readFile: (file: string) => string | undefined;
  readonly readLink: (file: string) => string | undefined;
}

export function realLocateDeps(): LocateDeps {
  return {
    env: process.env,
    pid: process.pid,
    argv: process.argv,
    execPath: process.execPath,
    execArgv: process.execArgv,
    interactive: process.stdin.isTTY === true,
    run: (file, args) => {
      try {
        return execFileSync(file, [...args], {
          encoding: 'utf8',
          timeout: 1500,
          stdio: ['ignore', 'pipe', 'ignore'],
        });
      } catch {
        return undefined;
      }
    },
    readFile: (file) => {
      try {
        return fs.readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    },
    readLink: (file) => {
      try {
        return fs.readlinkSync(file);
      } catch {
        return undefined;
      }
    },
  };
}

const TMUX_FORMAT = [
  '#{session_name}',
  '#{session_id}',
  '#{window_index}',
  '#{window_id}',
  '#{window_name}',
  '#{pane_id}',
  '#{pane_index}',
  '#{pane_tty}',
  '#{socket_path}',
].join('\t');

/** Where this process runs. Addresses are added once the endpoint listens (see addressesOf). */
export function locateConsole(deps: LocateDeps, tokenFiles: readonly string[] = []): ConsoleFacts {
  const { env } = deps;
  const tty = terminalOf(deps);
  const comm = deps.readFile(`/proc/${deps.pid}/comm`)?.trim();
  const cmdline = deps.readFile(`/proc/${deps.pid}/cmdline`)?.split('\0').filter(Boolean).join(' ');
  const names = new Set(['warden', path.basename(deps.execPath)]);
  if (comm) names.add(comm);
  const tmux = tmuxPlace(deps, tty);
  const screen = env.STY
    ? { session: env.STY, ...(env.WINDOW !== undefined && { window: env.WINDOW }) }
    : undefined;
  const zellij =
    env.ZELLIJ !== undefined || env.ZELLIJ_SESSION_NAME
      ? {
          ...(env.ZELLIJ_SESSION_NAME && { session: env.ZELLIJ_SESSION_NAME }),
          ...(env.ZELLIJ_PANE_ID && { paneId: env.ZELLIJ_PANE_ID }),
        }
      : undefined;
  return {
    pid: deps.pid,
    processNames: [...names],
    commandLine: cmdline || [deps.execPath, ...deps.execArgv, ...deps.argv.slice(1)].join(' '),
    addresses: [],
    ...(tty !== undefined && { tty }),
    interactive: deps.interactive,
    ...(tmux && { tmux }),
    ...(screen && { screen }),
    ...(zellij && { zellij }),
    ...(env.WEZTERM_PANE && { wezterm: { paneId: env.WEZTERM_PANE } }),
    ...((env.KITTY_WINDOW_ID || env.KITTY_LISTEN_ON) && {
      kitty: env.KITTY_WINDOW_ID ? { windowId: env.KITTY_WINDOW_ID } : {},
    }),
    tokenFiles,
  };
}

/** The terminal device of stdin (or stdout), from /proc, else from `ps -o tty=`. */
function terminalOf(deps: LocateDeps): string | undefined {
  for (const fd of [0, 1, 2]) {
    const target = deps.readLink(`/proc/${deps.pid}/fd/${fd}`);
    if (target && /^\/dev\/(pts\/\d+|tty\w*|console)$/.test(target)) return target;
  }
  const ps = deps.run('ps', ['-o', 'tty=', '-p', String(deps.pid)])?.trim();
  if (ps && ps !== '?' && ps !== '??' && /^[\w/]+$/.test(ps)) return ps.startsWith('/') ? ps : `/dev/${ps}`;
  return undefined;
}

/**
 * The tmux pane this process runs in: $TMUX names the server and $TMUX_PANE the pane, and
 * `tmux display -p` fills in its session, window and index. With no $TMUX (unset on the way), the
 * default server is asked which pane owns this terminal.
 */
function tmuxPlace(deps: LocateDeps, tty: string | undefined): TmuxPlace | undefined {
  const { env } = deps;
  const socket = env.TMUX?.split(',')[0];
  if (socket) {
    const pane = env.TMUX_PANE;
    const out = deps.run('tmux', [
      '-S',
      socket,
      'display-message',
      '-p',
      ...(pane ? ['-t', pane] : []),
      TMUX_FORMAT,
    ]);
    const place = out ? parseTmux(out.split('\n')[0] ?? '') : undefined;
    return { socket, ...(pane && { paneId: pane }), ...place };
  }
  if (!tty) return undefined;
  const out = deps.run('tmux', ['list-panes', '-a', '-F', TMUX_FORMAT]);
  for (const line of out?.split('\n') ?? []) {
    const place = parseTmux(line);
    if (place && line.split('\t')[7] === tty) return place;
  }
  return undefined;
}

function parseTmux(line: string): TmuxPlace | undefined {
  const f = line.split('\t');
  if (f.length < 9) return undefined;
  const [sessionName, sessionId, windowIndex, windowId, windowName, paneId, paneIndex, , socket] = f;
  const keep = (v: string | undefined) => (v ? v : undefined);
  const entries = Object.entries({
    sessionName,
    sessionId,
    windowIndex,
    windowId,
    windowName,
    paneId,
    paneIndex,
    socket,
  })
    .map(([k, v]) => [k, keep(v)] as const)
    .filter(([, v]) => v !== undefined);
  return Object.fromEntries(entries) as TmuxPlace;
}

/**
 * Every address warden serves, from what it records in endpoint.json: each URL (`url`, a page's
 * URL…) and port found anywhere in it, so a page added later is covered without naming it here.
 */
export function addressesOf(record: unknown): ConsoleAddress[] {
  const out = new Map<string, ConsoleAddress>();
  const visit = (value: unknown, key: string) => {
    if (typeof value === 'string') {
      try {
        const url = new URL(value);
        const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
        if (/^(https?|wss?):$/.test(url.protocol))
          out.set(`${url.hostname}:${port}`, { host: url.hostname, port });
      } catch {
        // not a URL
      }
    } else if (typeof value === 'number' && /port$/i.test(key) && value > 0) {
      out.set(`*:${value}`, { host: '127.0.0.1', port: value });
    } else if (value && typeof value === 'object' && key !== 'console') {
      for (const [k, v] of Object.entries(value)) visit(v, k);
    }
  };
  visit(record, '');
  const byPort = new Map<number, ConsoleAddress>();
  for (const a of out.values()) if (!byPort.has(a.port)) byPort.set(a.port, a);
  return [...byPort.values()];
}

/** One line for `warden doctor`: where the console runs. */
export function describeConsole(facts: ConsoleFacts): string {
  const parts = [`pid ${facts.pid ?? '?'}`, facts.tty ? `terminal ${facts.tty}` : 'no terminal'];
  const t = facts.tmux;
  if (t)
    parts.push(
      `tmux session ${t.sessionName ?? '?'} (${t.sessionId ?? '?'}) window ${t.windowIndex ?? '?'} (${t.windowName ?? '?'}) pane ${t.paneId ?? '?'}${t.socket ? ` on ${t.socket}` : ''}`,
    );
  if (facts.screen)
    parts.push(
      `screen ${facts.screen.session}${facts.screen.window ? ` window ${facts.screen.window}` : ''}`,
    );
  if (facts.zellij)
    parts.push(`zellij session ${facts.zellij.session ?? '?'} pane ${facts.zellij.paneId ?? '?'}`);
  if (facts.wezterm) parts.push(`WezTerm pane ${facts.wezterm.paneId ?? '?'}`);
  if (facts.kitty) parts.push(`kitty window ${facts.kitty.windowId ?? '?'}`);
  if (facts.addresses.length > 0)
    parts.push(`listens on ${facts.addresses.map((a) => `${a.host}:${a.port}`).join(', ')}`);
  return parts.join(', ');
}
