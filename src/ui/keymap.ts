/**
 * Keys: chords, how Ink key events match them, their labels and the bytes a terminal sends.
 * Which command a key runs comes from the one command table (src/ui/commands/table.ts); this
 * file reads it for the dispatcher, the footer hints, the `?` help and docs/keys.md.
 */
import { COMMAND_IDS, COMMANDS, type CommandId, commandById } from './commands/table.js';
import type { Command, KeyContext } from './commands/types.js';

export type { CommandId, KeyContext };
export { COMMAND_IDS };

/** Every command, in table order (the help and docs list them in this order). */
export const KEYMAP: readonly Command<CommandId>[] = COMMANDS;

export type NamedKey =
  | 'up'
  | 'down'
  | 'return'
  | 'escape'
  | 'tab'
  | 'backspace'
  | 'pageup'
  | 'pagedown'
  | 'home'
  | 'end';

/** One chord: a named key or a printable character, with modifiers. */
export interface KeyChord {
  readonly key?: NamedKey;
  readonly char?: string;
  readonly ctrl?: boolean;
  readonly shift?: boolean;
}

/** The key fields the dispatcher reads (a subset of Ink's Key). */
export interface KeyEvent {
  readonly upArrow?: boolean;
  readonly downArrow?: boolean;
  readonly pageUp?: boolean;
  readonly pageDown?: boolean;
  readonly home?: boolean;
  readonly end?: boolean;
  readonly return?: boolean;
  readonly escape?: boolean;
  readonly tab?: boolean;
  readonly backspace?: boolean;
  readonly delete?: boolean;
  readonly ctrl?: boolean;
  readonly shift?: boolean;
  readonly meta?: boolean;
}

function namedKeyDown(name: NamedKey, key: KeyEvent): boolean {
  switch (name) {
    case 'up':
      return key.upArrow === true;
    case 'down':
      return key.downArrow === true;
    case 'pageup':
      return key.pageUp === true;
    case 'pagedown':
      return key.pageDown === true;
    case 'home':
      return key.home === true;
    case 'end':
      return key.end === true;
    case 'return':
      return key.return === true;
    case 'escape':
      return key.escape === true;
    case 'tab':
      return key.tab === true;
    case 'backspace':
      // Most terminals send DEL (0x7f) for Backspace, which Ink reports as `delete`.
      return key.backspace === true || key.delete === true;
  }
}

export function chordMatches(chord: KeyChord, input: string, key: KeyEvent): boolean {
  if (chord.key !== undefined) {
    if (!namedKeyDown(chord.key, key)) return false;
    if (chord.key === 'tab' || chord.key === 'return') return (chord.shift ?? false) === (key.shift ?? false);
    return true;
  }
  if (chord.char === undefined) return false;
  if ((chord.ctrl ?? false) !== (key.ctrl ?? false)) return false;
  if (!chord.ctrl && key.meta) return false;
  return input === chord.char;
}

/** The command a key press means in a context, if any. */
export function commandFor(context: KeyContext, input: string, key: KeyEvent): CommandId | undefined {
  for (const binding of KEYMAP) {
    if (!binding.contexts.includes(context)) continue;
    if (binding.keys.some((chord) => chordMatches(chord, input, key))) return binding.id;
  }
  return undefined;
}

export function bindingOf(id: CommandId): Command<CommandId> {
  return commandById(id);
}

const NAMED_LABELS: Readonly<Record<NamedKey, string>> = {
  up: '↑',
  down: '↓',
  return: 'Enter',
  escape: 'Esc',
  tab: 'Tab',
  backspace: 'Backspace',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  home: 'Home',
  end: 'End',
};

export function chordLabel(chord: KeyChord): string {
  const base =
    chord.key !== undefined ? NAMED_LABELS[chord.key] : chord.char === ' ' ? 'Space' : (chord.char ?? '');
  return `${chord.ctrl ? 'Ctrl+' : ''}${chord.shift ? 'Shift+' : ''}${base}`;
}

export function keysLabel(binding: Pick<Command, 'keys'>): string {
  return binding.keys.map(chordLabel).join(' / ');
}

/** Footer hints for a context, in table order (one per command that has a hint). */
export function hintsFor(context: KeyContext): { keys: string; hint: string }[] {
  const out: { keys: string; hint: string }[] = [];
  for (const binding of KEYMAP) {
    if (binding.hint === undefined || !binding.contexts.includes(context)) continue;
    const first = binding.keys[0];
    if (first === undefined) continue;
    out.push({ keys: binding.hintKeys ?? chordLabel(first), hint: binding.hint });
  }
  return out;
}

const NAMED_SEQUENCES: Readonly<Record<NamedKey, string>> = {
  up: '\u001B[A',
  down: '\u001B[B',
  return: '\r',
  escape: '\u001B',
  tab: '\t',
  backspace: '\u007F',
  pageup: '\u001B[5~',
  pagedown: '\u001B[6~',
  home: '\u001B[H',
  end: '\u001B[F',
};

/** The bytes a terminal sends for a chord (tests and the tmux harness press keys with these). */
export function chordSequence(chord: KeyChord): string {
  if (chord.key === 'tab' && chord.shift) return '\u001B[Z';
  if (chord.key !== undefined) return NAMED_SEQUENCES[chord.key];
  const char = chord.char ?? '';
  if (chord.ctrl) return String.fromCharCode(char.toLowerCase().charCodeAt(0) - 96);
  return char;
}

/** The bytes of a command's first key. */
export function sequenceOf(id: CommandId): string {
  const first = bindingOf(id).keys[0];
  if (first === undefined) throw new Error(`${id} has no key`);
  return chordSequence(first);
}

/** The first key of a command, as the person reads it (prompts and editor hints name keys with this). */
export function keyLabelOf(id: CommandId): string {
  const first = bindingOf(id).keys[0];
  return first === undefined ? '' : chordLabel(first);
}
