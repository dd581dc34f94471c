// Where warden finds itself at start-up (src/config/console-location.ts), on machines given as
// plain data: the environment, what `tmux display`/`list-panes` and /proc answer.
import { describe, expect, it } from 'vitest';
import {
  addressesOf,
  describeConsole,
  type LocateDeps,
  locateConsole,
} from '../../src/config/console-location.js';

function machine(
  over: Partial<LocateDeps> & {
    tmuxOut?: Record<string, string>;
    files?: Record<string, string>;
    links?: Record<string, string>;
  },
): LocateDeps {
  return {
    env: {},
    pid: 4321,
    argv: ['/usr/bin/node', '/opt/warden/bin/warden.js', '--mode', 'auto'],
    execPath: '/usr/bin/node',
    execArgv: ['--max-old-space-size=512'],
    interactive: true,
    run: (file, args) =>
      file === 'tmux' ? over.tmuxOut?.[args.includes('list-panes') ? 'list' : 'display'] : undefined,
    readFile: (file) => over.files?.[file],
    readLink: (file) => over.links?.[file],
    ...over,
  };
}

const LINE = ['ops', '$2', '3', '@9', 'node', '%12', '1', '/dev/pts/6', '/tmp/tmux-1000/default'].join('\t');

describe('locateConsole', () => {
  it('inside tmux: $TMUX and $TMUX_PANE name the server and pane, `tmux display` the rest', () => {
    const calls: string[][] = [];
    const facts = locateConsole(
      machine({
        env: { TMUX: '/tmp/tmux-1000/default,777,2', TMUX_PANE: '%12' },
        links: { '/proc/4321/fd/0': '/dev/pts/6' },
        files: {
          '/proc/4321/comm': 'node\n',
          '/proc/4321/cmdline': '/usr/bin/node\0/opt/warden/bin/warden.js\0',
        },
        run: (file, args) => {
          calls.push([file, ...args]);
          return `${LINE}\n`;
        },
      }),
    );
    expect(calls[0]).toEqual(
      expect.arrayContaining(['-S', '/tmp/tmux-1000/default', 'display-message', '-t', '%12']),
    );
    expect(facts).toMatchObject({
      pid: 4321,
      tty: '/dev/pts/6',
      commandLine: '/usr/bin/node /opt/warden/bin/warden.js',
      tmux: {
        sessionName: 'ops',
        sessionId: '$2',
        windowIndex: '3',
        windowId: '@9',
        windowName: 'node',
        paneId: '%12',
        paneIndex: '1',
      },
    });
    expect(facts.processNames).toEqual(expect.arrayContaining(['node', 'warden']));
  });

  it('with $TMUX unset on the way, the pane that owns this terminal is found by its tty', () => {
    const facts = locateConsole(
      machine({
        links: { '/proc/4321/fd/0': '/dev/pts/6' },
        tmuxOut: { list: `main\t$0\t0\t@0\tbash\t%0\t0\t/dev/pts/1\t/tmp/s\n${LINE}\n` },
      }),
    );
    expect(facts.tmux?.paneId).toBe('%12');
    expect(facts.tmux?.socket).toBe('/tmp/tmux-1000/default');
  });

  it('a plain terminal: no multiplexer; the tty from ps where there is no /proc', () => {
    const facts = locateConsole(machine({ run: (file) => (file === 'ps' ? 'ttys003\n' : undefined) }));
    expect(facts.tty).toBe('/dev/ttys003');
    expect(facts.tmux).toBeUndefined();
    expect(facts.commandLine).toBe(
      '/usr/bin/node --max-old-space-size=512 /opt/warden/bin/warden.js --mode auto',
    );
  });

  it('screen, zellij, WezTerm and kitty from their variables; token files passed through', () => {
    const facts = locateConsole(
      machine({
        env: {
          STY: '4711.ops',
          WINDOW: '2',
          ZELLIJ: '0',
          ZELLIJ_SESSION_NAME: 'main',
          ZELLIJ_PANE_ID: '5',
          WEZTERM_PANE: '8',
          KITTY_WINDOW_ID: '3',
        },
      }),
      ['/home/u/cc/settings.json'],
    );
    expect(facts).toMatchObject({
      screen: { session: '4711.ops', window: '2' },
      zellij: { session: 'main', paneId: '5' },
      wezterm: { paneId: '8' },
      kitty: { windowId: '3' },
      tokenFiles: ['/home/u/cc/settings.json'],
    });
    expect(describeConsole(facts)).toMatch(
      /screen 4711\.ops window 2.*zellij session main.*WezTerm pane 8.*kitty window 3/,
    );
  });

  it('a console started without a terminal (`warden serve` in CI) is not interactive', () => {
    expect(locateConsole(machine({ interactive: false })).interactive).toBe(false);
  });
});

describe('addressesOf: every address in endpoint.json, a page added later included', () => {
  it('reads URLs and *port fields anywhere in the record, one address per port', () => {
    expect(
      addressesOf({
        url: 'http://127.0.0.1:7723',
        port: 7723,
        pid: 1,
        approval: { pageUrl: 'http://0.0.0.0:7790/pair', listenPort: 7790 },
        startedAt: '2026-12-03T00:00:00Z',
      }),
    ).toEqual([
      { host: '127.0.0.1', port: 7723 },
      { host: '0.0.0.0', port: 7790 },
    ]);
  });
});
