import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  COMMAND_IDS,
  chordLabel,
  chordMatches,
  commandFor,
  KEYMAP,
  type KeyContext,
} from '../../src/ui/keymap.js';
import { renderKeysDoc } from '../../src/ui/keys-doc.js';

describe('keymap', () => {
  it('has one entry per command id', () => {
    expect(new Set(COMMAND_IDS).size).toBe(KEYMAP.length);
  });

  it('has a key for every command a context lists', () => {
    for (const b of KEYMAP) if (b.contexts.length > 0) expect(b.keys.length, b.id).toBeGreaterThan(0);
  });

  it('has no chord bound to two commands in one context', () => {
    const seen = new Map<string, string>();
    for (const b of KEYMAP) {
      for (const context of b.contexts) {
        for (const chord of b.keys) {
          const k = `${context}:${chordLabel(chord)}`;
          expect(seen.get(k), `${k} is bound to ${seen.get(k)} and ${b.id}`).toBeUndefined();
          seen.set(k, b.id);
        }
      }
    }
  });

  it('maps Ink key events to commands by context', () => {
    const main: KeyContext = 'main';
    expect(commandFor(main, 'a', {})).toBe('approve');
    expect(commandFor(main, 'A', { shift: true })).toBe('approve.all');
    expect(commandFor(main, '', { tab: true, shift: true })).toBe('mode.cycle');
    expect(commandFor(main, '', { tab: true })).toBe('session.next');
    // Ink sets meta on Esc: it still means Esc.
    expect(commandFor(main, '', { escape: true, meta: true })).toBe('mark.clear');
    expect(commandFor(main, 'a', { meta: true })).toBeUndefined();
    expect(commandFor(main, 'c', { ctrl: true })).toBe('quit.now');
    expect(commandFor('rule-editor', '', { tab: true })).toBe('editor.effect');
    expect(commandFor('text', 'a', {})).toBeUndefined();
    // Terminals send DEL for Backspace; Ink calls it delete.
    expect(commandFor('text', '', { delete: true })).toBe('text.delete');
    expect(chordMatches({ char: 'k' }, 'k', { ctrl: true })).toBe(false);
  });

  it('docs/keys.md is generated from the keymap (run `npm run docs:keys` when this fails)', () => {
    const doc = readFileSync(new URL('../../docs/keys.md', import.meta.url), 'utf8');
    expect(doc).toBe(renderKeysDoc());
    for (const b of KEYMAP) expect(doc).toContain(`\`${b.id}\``);
  });
});

describe('footer', () => {
  it('shows the hints that fit and always the help key', async () => {
    const { footerText } = await import('../../src/ui/footer/footer.js');
    const narrow = footerText('main', 80);
    expect([...narrow].length).toBeLessThanOrEqual(80);
    expect(narrow.startsWith('↑↓/jk move · Space mark')).toBe(true);
    expect(narrow.endsWith('? help')).toBe(true);
    expect(footerText('main', 400)).toContain('q quit');
  });
});
