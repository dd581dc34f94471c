import { describe, expect, it } from 'vitest';
import { attentionListener } from '../../src/ui/attention/attention.js';
import { notificationBytes, notifyKindFor, tmuxPassthrough } from '../../src/ui/attention/terminal-notify.js';
import { bash, makeStore } from './helpers.js';

describe('terminal notifications', () => {
  it.each([
    [{ TERM_PROGRAM: 'iTerm.app' }, 'osc9'],
    [{ TERM_PROGRAM: 'WezTerm' }, 'osc9'],
    [{ TERM: 'xterm-kitty' }, 'osc99'],
    [{ TERM: 'tmux-256color', TERM_PROGRAM: 'tmux', KITTY_WINDOW_ID: '3' }, 'osc99'],
    [{ TERM_PROGRAM: 'ghostty', TERM: 'xterm-ghostty' }, 'osc777'],
    [{ TERM: 'foot' }, 'osc777'],
    [{ TERM: 'foot-extra' }, 'osc777'],
    [{ TERM_PROGRAM: 'tmux', LC_TERMINAL: 'iTerm2' }, 'osc9'],
    [{ TERM: 'xterm-256color' }, 'bell'],
    [{ TERM_PROGRAM: 'Apple_Terminal' }, 'bell'],
    [{}, 'bell'],
  ])('%o → %s', (env, kind) => {
    expect(notifyKindFor(env)).toBe(kind);
  });

  it('writes each escape with the title and body, control characters from the agent removed', () => {
    const body = 'rm -rf x\u0007\u001B]0;pwned\u001B\\';
    for (const kind of ['osc9', 'osc99', 'osc777'] as const) {
      const bytes = notificationBytes(kind, 'warden', body, false);
      // The sequence's own escapes only: none from the agent's text.
      expect(bytes).toContain('rm -rf x');
      expect(bytes).not.toContain('\u001B]0;');
      expect(bytes).not.toContain('\u0007\u001B');
    }
    expect(notificationBytes('osc9', 'warden', 'hi', false)).toBe('\u001B]9;warden: hi\u0007');
    expect(notificationBytes('osc777', 'warden', 'hi', false)).toBe('\u001B]777;notify;warden;hi\u0007');
    expect(notificationBytes('osc99', 'warden', 'hi', false)).toBe(
      '\u001B]99;i=warden:d=0;warden\u001B\\\u001B]99;i=warden:p=body;hi\u001B\\',
    );
    expect(notificationBytes('bell', 'warden', 'hi', true)).toBe('\u0007');
  });

  it('wraps for tmux passthrough with every ESC doubled', () => {
    expect(tmuxPassthrough('\u001B]9;x\u0007')).toBe('\u001BPtmux;\u001B\u001B]9;x\u0007\u001B\\');
    const store = makeStore();
    const out: string[] = [];
    store.subscribe(
      attentionListener((s) => out.push(s), {
        title: false,
        env: { TMUX: '/tmp/tmux-0/default,1,0', TERM_PROGRAM: 'tmux', TERM: 'foot' },
      }),
    );
    store.getState().receive(bash('git push'));
    expect(out.join('')).toBe(
      '\u0007\u001BPtmux;\u001B\u001B]777;notify;warden;Bash git push waits for you\u0007\u001B\\',
    );
  });

  it('config picks the escape over the environment', () => {
    const store = makeStore();
    const out: string[] = [];
    store.subscribe(
      attentionListener((s) => out.push(s), {
        bell: false,
        title: false,
        terminal: 'osc99',
        env: { TERM_PROGRAM: 'iTerm.app' },
      }),
    );
    store.getState().receive(bash('ls -la /'));
    expect(out.join('')).toContain('\u001B]99;');
  });
});
