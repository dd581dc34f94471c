/**
 * The one keymap table. It drives the input dispatcher (src/ui/input/dispatch.ts), the footer
 * hints, the `?` help overlay and docs/keys.md (npm run docs:keys). Modelled on gemini-cli's
 * keyBindings.ts: commands by id, each with the key chords that trigger it.
 */

/** Where a command applies: the main screen or one of the overlays. */
export type KeyContext = 'main' | 'text' | 'confirm' | 'help' | 'rules' | 'rule-editor' | 'pair';

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

export interface KeyBinding {
  readonly id: CommandId;
  readonly keys: readonly KeyChord[];
  readonly description: string;
  readonly contexts: readonly KeyContext[];
  /** Short label for the footer; commands without one are only in the help overlay. */
  readonly hint?: string;
}

export const COMMAND_IDS = [
  'cursor.up',
  'cursor.down',
  'cursor.first',
  'cursor.last',
  'mark.toggle',
  'mark.range',
  'mark.clear',
  'approve',
  'deny',
  'approve.all',
  'approve.similar',
  'mode.cycle',
  'mode.manual',
  'mode.edits',
  'mode.auto',
  'mode.plan',
  'mode.yolo',
  'mode.pause',
  'pause',
  'rules.open',
  'rule.propose',
  'filter',
  'session.next',
  'help',
  'quit',
  'quit.now',
  'text.submit',
  'text.cancel',
  'text.delete',
  'confirm.yes',
  'confirm.no',
  'overlay.close',
  'rules.up',
  'rules.down',
  'rules.remove',
  'rules.edit',
  'editor.effect',
  'editor.scope',
  'web.pair',
  'pair.yes',
  'pair.no',
  'pair.up',
  'pair.down',
  'pair.revoke',
] as const;
export type CommandId = (typeof COMMAND_IDS)[number];

const MAIN: readonly KeyContext[] = ['main'];

export const KEYMAP: readonly KeyBinding[] = [
  {
    id: 'cursor.up',
    keys: [{ key: 'up' }, { char: 'k' }],
    description: 'Move the cursor up',
    contexts: MAIN,
    hint: 'move',
  },
  {
    id: 'cursor.down',
    keys: [{ key: 'down' }, { char: 'j' }],
    description: 'Move the cursor down',
    contexts: MAIN,
  },
  {
    id: 'cursor.first',
    keys: [{ key: 'home' }, { char: 'g' }],
    description: 'Cursor to the oldest held action',
    contexts: MAIN,
  },
  {
    id: 'cursor.last',
    keys: [{ key: 'end' }, { char: 'G' }],
    description: 'Cursor to the newest held action',
    contexts: MAIN,
  },
  {
    id: 'mark.toggle',
    keys: [{ char: ' ' }],
    description: 'Mark or unmark the cursor action',
    contexts: MAIN,
    hint: 'mark',
  },
  {
    id: 'mark.range',
    keys: [{ char: 'v' }],
    description: 'Start or end a range selection (anchor to cursor)',
    contexts: MAIN,
    hint: 'range',
  },
  { id: 'mark.clear', keys: [{ key: 'escape' }], description: 'Clear marks and the range', contexts: MAIN },
  {
    id: 'approve',
    keys: [{ char: 'a' }],
    description: 'Approve the marked actions, or the cursor one when none is marked',
    contexts: MAIN,
    hint: 'approve',
  },
  {
    id: 'deny',
    keys: [{ char: 'd' }],
    description: 'Deny the marked actions, or the cursor one (type an optional reason for the agent)',
    contexts: MAIN,
    hint: 'deny',
  },
  {
    id: 'approve.all',
    keys: [{ char: 'A' }],
    description: 'Approve every held action (asks y/n first)',
    contexts: MAIN,
    hint: 'all',
  },
  {
    id: 'approve.similar',
    keys: [{ char: 's' }],
    description: 'Approve the cursor action and every held one like it (same suggested rule)',
    contexts: MAIN,
    hint: 'similar',
  },
  {
    id: 'mode.cycle',
    keys: [{ key: 'tab', shift: true }],
    description: 'Cycle modes (manual, edits, auto, plan, yolo, pause)',
    contexts: MAIN,
    hint: 'mode',
  },
  {
    id: 'mode.manual',
    keys: [{ char: '1' }],
    description: 'Mode manual: reads and allow rules run, the rest waits',
    contexts: MAIN,
  },
  {
    id: 'mode.edits',
    keys: [{ char: '2' }],
    description: 'Mode edits: project edits run too',
    contexts: MAIN,
  },
  {
    id: 'mode.auto',
    keys: [{ char: '3' }],
    description: 'Mode auto: the analyzer and classifier decide',
    contexts: MAIN,
  },
  {
    id: 'mode.plan',
    keys: [{ char: '4' }],
    description: 'Mode plan: read-only, mutations denied',
    contexts: MAIN,
  },
  {
    id: 'mode.yolo',
    keys: [{ char: '5' }],
    description: 'Mode yolo: everything but deny rules runs',
    contexts: MAIN,
  },
  {
    id: 'mode.pause',
    keys: [{ char: '6' }],
    description: 'Mode pause: everything waits, reads too',
    contexts: MAIN,
  },
  {
    id: 'pause',
    keys: [{ char: 'p' }],
    description: 'Pause (panic button): hold everything',
    contexts: MAIN,
    hint: 'pause',
  },
  {
    id: 'rules.open',
    keys: [{ char: 'r' }],
    description: 'Open the rules view (every rule in force, with its source)',
    contexts: MAIN,
    hint: 'rules',
  },
  {
    id: 'rule.propose',
    keys: [{ char: 'R' }],
    description: 'Propose a rule from the cursor action (edit, pick effect and scope)',
    contexts: MAIN,
    hint: 'new rule',
  },
  {
    id: 'filter',
    keys: [{ char: '/' }],
    description: 'Filter the held queue by text',
    contexts: MAIN,
    hint: 'filter',
  },
  {
    id: 'session.next',
    keys: [{ key: 'tab' }],
    description: 'Show the next session only (then all)',
    contexts: MAIN,
    hint: 'session',
  },
  {
    id: 'web.pair',
    keys: [{ char: 'w' }],
    description: 'Approval page: its address, a one-time pairing code (QR), paired browsers',
    contexts: ['main', 'pair'],
    hint: 'web',
  },
  { id: 'help', keys: [{ char: '?' }], description: 'Show every key', contexts: MAIN, hint: 'help' },
  {
    id: 'quit',
    keys: [{ char: 'q' }],
    description: 'Quit (held actions are answered ask, after a prompt)',
    contexts: MAIN,
    hint: 'quit',
  },
  {
    id: 'quit.now',
    keys: [{ char: 'c', ctrl: true }],
    description: 'Quit at once (held actions are answered ask)',
    contexts: ['main', 'text', 'confirm', 'help', 'rules', 'rule-editor', 'pair'],
  },
  {
    id: 'text.submit',
    keys: [{ key: 'return' }],
    description: 'Confirm the text',
    contexts: ['text', 'rule-editor'],
    hint: 'confirm',
  },
  {
    id: 'text.cancel',
    keys: [{ key: 'escape' }],
    description: 'Cancel',
    contexts: ['text', 'rule-editor'],
    hint: 'cancel',
  },
  {
    id: 'text.delete',
    keys: [{ key: 'backspace' }],
    description: 'Delete the last character',
    contexts: ['text', 'rule-editor'],
  },
  {
    id: 'editor.effect',
    keys: [{ key: 'tab' }],
    description: 'Next effect (deny, ask, allow)',
    contexts: ['rule-editor'],
    hint: 'effect',
  },
  {
    id: 'editor.scope',
    keys: [{ key: 'tab', shift: true }],
    description: 'Next scope (session, project, user)',
    contexts: ['rule-editor'],
    hint: 'scope',
  },
  {
    id: 'confirm.yes',
    keys: [{ char: 'y' }, { key: 'return' }],
    description: 'Yes',
    contexts: ['confirm'],
    hint: 'yes',
  },
  {
    id: 'confirm.no',
    keys: [{ char: 'n' }, { key: 'escape' }],
    description: 'No',
    contexts: ['confirm'],
    hint: 'no',
  },
  {
    id: 'rules.up',
    keys: [{ key: 'up' }, { char: 'k' }],
    description: 'Previous rule',
    contexts: ['rules'],
    hint: 'move',
  },
  { id: 'rules.down', keys: [{ key: 'down' }, { char: 'j' }], description: 'Next rule', contexts: ['rules'] },
  {
    id: 'rules.remove',
    keys: [{ char: 'x' }],
    description: 'Remove the rule under the cursor',
    contexts: ['rules'],
    hint: 'remove',
  },
  {
    id: 'rules.edit',
    keys: [{ char: 'e' }, { key: 'return' }],
    description: 'Change the rule under the cursor',
    contexts: ['rules'],
    hint: 'change',
  },
  {
    id: 'pair.yes',
    keys: [{ char: 'y' }],
    description: 'Pair the browser that asks (only the one named on screen)',
    contexts: ['pair'],
    hint: 'pair',
  },
  {
    id: 'pair.no',
    keys: [{ char: 'n' }],
    description: 'Refuse the browser that asks',
    contexts: ['pair'],
    hint: 'refuse',
  },
  {
    id: 'pair.up',
    keys: [{ key: 'up' }, { char: 'k' }],
    description: 'Previous paired browser',
    contexts: ['pair'],
    hint: 'move',
  },
  {
    id: 'pair.down',
    keys: [{ key: 'down' }, { char: 'j' }],
    description: 'Next paired browser',
    contexts: ['pair'],
  },
  {
    id: 'pair.revoke',
    keys: [{ char: 'x' }],
    description: 'Revoke the paired browser under the cursor (its page stops at once)',
    contexts: ['pair'],
    hint: 'revoke',
  },
  {
    id: 'overlay.close',
    keys: [{ key: 'escape' }, { char: 'q' }, { char: '?' }],
    description: 'Close this view (the pairing code stops working)',
    contexts: ['help', 'rules', 'pair'],
    hint: 'close',
  },
];

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

export function bindingOf(id: CommandId): KeyBinding {
  const binding = KEYMAP.find((b) => b.id === id);
  if (!binding) throw new Error(`no key binding for ${id}`);
  return binding;
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

export function keysLabel(binding: KeyBinding): string {
  return binding.keys.map(chordLabel).join(' / ');
}

/** Footer hints for a context, in table order (one per command that has a hint). */
export function hintsFor(context: KeyContext): { keys: string; hint: string }[] {
  const out: { keys: string; hint: string }[] = [];
  for (const binding of KEYMAP) {
    if (binding.hint === undefined || !binding.contexts.includes(context)) continue;
    const keys =
      binding.id === 'cursor.up'
        ? '↑↓/jk'
        : binding.id === 'overlay.close'
          ? 'Esc'
          : chordLabel(binding.keys[0]!);
    out.push({ keys, hint: binding.hint });
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
  return chordSequence(bindingOf(id).keys[0]!);
}
