import { describe, expect, it } from 'vitest';
import { attentionListener, notifySequence, titleSequence } from '../../src/ui/attention/attention.js';
import { colorWanted } from '../../src/ui/theme.js';
import { bash, makeStore } from './helpers.js';

describe('attention', () => {
  it('rings, notifies (OSC 9) and titles when something new is held', () => {
    const store = makeStore();
    const out: string[] = [];
    store.subscribe(attentionListener((s) => out.push(s), { env: { TERM_PROGRAM: 'iTerm.app' } }));
    store.getState().receive(bash('git push'));
    expect(out.join('')).toContain('\u0007');
    expect(out.join('')).toContain('\u001B]9;warden: Bash git push waits for you\u0007');
    expect(out.join('')).toContain(titleSequence(1));
    out.length = 0;
    store.getState().moveCursor(1);
    expect(out).toEqual([]);
    store.getState().approve();
    expect(out.join('')).toBe(titleSequence(0));
  });

  it('can be turned off', () => {
    const store = makeStore();
    const out: string[] = [];
    store.subscribe(attentionListener((s) => out.push(s), { bell: false, notify: false, title: false }));
    store.getState().receive(bash('git push'));
    expect(out).toEqual([]);
  });

  it('keeps agent text from escaping the notification', () => {
    expect(notifySequence('a\u0007\u001B]0;x')).toBe('\u001B]9;a  ]0;x\u0007');
  });

  it('honours NO_COLOR', () => {
    expect(colorWanted({ NO_COLOR: '1' })).toBe(false);
    expect(colorWanted({ NO_COLOR: '' })).toBe(true);
    expect(colorWanted({})).toBe(true);
  });
});
