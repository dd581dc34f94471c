import type { WardenStore } from '../../store/create-store.js';
import { runCommand } from '../commands/run.js';
import type { CommandId } from '../commands/table.js';
import { typeIntoField } from '../commands/text-field.js';
import type { RuleDeps, TerminalPort } from '../commands/types.js';
import type { UiStore } from '../console/ui-state.js';
import { replaceControl } from '../format.js';
import { commandFor, type KeyEvent } from '../keymap.js';
import { contextOf } from './context.js';

/** What the terminal's key dispatcher runs commands with: both stores, the deps, the terminal. */
export interface DispatchContext {
  readonly store: WardenStore;
  readonly ui: UiStore;
  readonly deps: RuleDeps;
  readonly terminal: TerminalPort;
}

/**
 * The terminal's input dispatcher: one key press -> the command its keys name in the context the
 * open view gives -> runCommand (which shows why when it cannot run). Text fields take printable
 * keys that are not commands. No Ink here: tests drive it with key events.
 */
export function dispatchKey(input: string, key: KeyEvent, ctx: DispatchContext): CommandId | undefined {
  ctx.terminal.web?.touch();
  const context = contextOf(ctx.ui.getState().view);
  // Keys typed faster than the terminal is read arrive as one string: outside text fields,
  // each character is its own key press.
  if (input.length > 1 && context !== 'text' && context !== 'rule-editor' && !key.ctrl && !key.meta) {
    let last: CommandId | undefined;
    for (const ch of input) last = dispatchKey(ch, { shift: ch !== ch.toLowerCase() }, ctx) ?? last;
    return last;
  }
  const command = commandFor(context, input, key);
  if (command !== undefined) {
    void runCommand(command, ctx);
    return command;
  }
  if ((context === 'text' || context === 'rule-editor') && isPrintable(input, key)) {
    typeIntoField(ctx.ui, ctx.store, input);
  }
  return undefined;
}

function isPrintable(input: string, key: KeyEvent): boolean {
  if (input === '' || key.ctrl || key.meta) return false;
  // Pasted text may carry control characters: they are dropped, not typed.
  return replaceControl(input, '') !== '';
}
