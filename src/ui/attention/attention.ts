import type { WardenData } from '../../store/types.js';
import { actionSummary, clip, replaceControl } from '../format.js';
import { insideTmux, type NotifyKind, notificationBytes, notifyKindFor } from './terminal-notify.js';

export interface AttentionOptions {
  readonly bell?: boolean;
  readonly notify?: boolean;
  readonly title?: boolean;
  /** Which notification escape; auto (default) picks it from the terminal's environment. */
  readonly terminal?: 'auto' | NotifyKind;
  /** The environment to pick from (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
}

const ESC = '\u001B';
const BEL = '\u0007';

/** Terminal title (OSC 0 and 2) with the held count. */
export function titleSequence(held: number): string {
  const title = held > 0 ? `warden · ${held} held` : 'warden';
  return `${ESC}]0;${title}${BEL}${ESC}]2;${title}${BEL}`;
}

/** OSC 9 desktop notification (iTerm2, WezTerm, kitty, Windows Terminal, tmux passthrough). */
export function notifySequence(text: string): string {
  // Control characters (BEL, ESC) from the agent must not end or inject into the sequence.
  const safe = replaceControl(text, ' ');
  return `${ESC}]9;${safe}${BEL}`;
}

/**
 * Watches store changes and writes bell / notification / title when something new is held.
 * Returns the listener to subscribe with the store.
 */
export function attentionListener(write: (bytes: string) => void, options: AttentionOptions) {
  const bell = options.bell ?? true;
  const notify = options.notify ?? true;
  const title = options.title ?? true;
  const env = options.env ?? process.env;
  const kind: NotifyKind =
    options.terminal === undefined || options.terminal === 'auto' ? notifyKindFor(env) : options.terminal;
  const tmux = insideTmux(env);
  let lastHeld = -1;
  const seen = new Set<string>();
  return (state: WardenData) => {
    const held = state.held.length;
    // New arrivals are appended to the held queue: walk back from the end to the first seen id.
    const fresh: string[] = [];
    for (let i = state.held.length - 1; i >= 0; i--) {
      const id = state.held[i]!;
      if (seen.has(id)) break;
      fresh.unshift(id);
    }
    for (const id of fresh) seen.add(id);
    if (seen.size > 50_000) {
      seen.clear();
      for (const id of state.held) seen.add(id);
    }
    let out = '';
    if (fresh.length > 0) {
      if (bell) out += BEL;
      if (notify && kind !== 'bell') {
        const first = state.records.get(fresh[0]!);
        const what = first ? `${first.action.tool} ${clip(actionSummary(first.action), 80)}` : 'an action';
        out += notificationBytes(
          kind,
          'warden',
          `${what} waits for you${held > 1 ? ` (${held} held)` : ''}`,
          tmux,
        );
      }
    }
    if (title && held !== lastHeld) out += titleSequence(held);
    lastHeld = held;
    if (out !== '') write(out);
  };
}
