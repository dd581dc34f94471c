import { afterEach, describe, expect, it } from 'vitest';
import { startTerminal, type Terminal } from './tmux-terminal.js';

// A raw-mode echo program: prints the bytes of every key it receives as hex, so the test sees exactly
// what a TUI would read from the terminal.
const ECHO_KEYS = `
process.stdin.setRawMode(true);
process.stdout.write('ready ' + process.stdout.columns + 'x' + process.stdout.rows + '\\n');
process.stdout.on('resize', () => process.stdout.write('size ' + process.stdout.columns + 'x' + process.stdout.rows + '\\n'));
process.stdin.on('data', (d) => {
  if (d[0] === 3) process.exit(0);
  process.stdout.write('key ' + d.toString('hex') + '\\n');
});`;

let term: Terminal | undefined;
afterEach(async () => {
  await term?.close();
  term = undefined;
});

describe('tmux terminal driver', () => {
  it('runs a raw-mode program at the given size and delivers named keys as the bytes a TUI reads', async () => {
    term = await startTerminal({ command: process.execPath, args: ['-e', ECHO_KEYS], cols: 100, rows: 30 });
    await term.waitForText(/ready 100x30/);
    await term.sendKeys('a');
    await term.waitForText(/key 61/);
    await term.sendKeys('Up');
    await term.waitForText(/key 1b5b41/);
    await term.sendKeys('BTab');
    await term.waitForText(/key 1b5b5a/);
    await term.type('A');
    await term.waitForText(/key 41/);
    await term.resize(80, 24);
    await term.waitForText(/size 80x24/);
    expect(await term.alive()).toBe(true);
    await term.sendKeys('C-c');
    for (let i = 0; i < 100 && (await term.alive()); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await term.alive()).toBe(false);
  });

  it('passes only the given environment', async () => {
    term = await startTerminal({
      command: process.execPath,
      args: [
        '-e',
        'console.log("env=" + Object.keys(process.env).sort().join(",")); setTimeout(() => {}, 10000)',
      ],
      env: { WARDEN_HOME: '/tmp/x' },
    });
    const screen = await term.waitForText(/env=/);
    expect(screen).toContain('env=TERM,WARDEN_HOME');
  });
});
