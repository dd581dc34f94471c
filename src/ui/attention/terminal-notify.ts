import { replaceControl } from '../format.js';

/** The desktop-notification escapes terminals understand. */
export type NotifyKind = 'osc9' | 'osc99' | 'osc777' | 'bell';

const ESC = '\u001B';
const BEL = '\u0007';
const ST = `${ESC}\\`;

/**
 * Which escape this terminal shows as a desktop notification, from its environment (what
 * Claude Code and Gemini CLI look at): OSC 9 for iTerm2 and WezTerm, OSC 99 for kitty, OSC 777
 * for Ghostty and foot, else the bell alone. Inside tmux, TERM_PROGRAM says tmux; the outer
 * terminal's own variables (inherited into the tmux server) still name it.
 */
export function notifyKindFor(env: NodeJS.ProcessEnv): NotifyKind {
  const program = (env.TERM_PROGRAM ?? '').toLowerCase();
  const term = (env.TERM ?? '').toLowerCase();
  const lcTerminal = (env.LC_TERMINAL ?? '').toLowerCase();
  if (program === 'iterm.app' || lcTerminal === 'iterm2' || env.ITERM_SESSION_ID) return 'osc9';
  if (program === 'wezterm' || env.WEZTERM_PANE !== undefined) return 'osc9';
  if (term === 'xterm-kitty' || env.KITTY_WINDOW_ID !== undefined) return 'osc99';
  if (program === 'ghostty' || term === 'xterm-ghostty' || env.GHOSTTY_RESOURCES_DIR !== undefined)
    return 'osc777';
  if (term.startsWith('foot')) return 'osc777';
  return 'bell';
}

/** Whether the console runs inside tmux (escapes must be wrapped to reach the outer terminal). */
export function insideTmux(env: NodeJS.ProcessEnv): boolean {
  return env.TMUX !== undefined && env.TMUX !== '';
}

/**
 * The bytes of one notification. Agent text is stripped of control characters first so it can
 * neither end the sequence nor start another. Inside tmux the sequence is wrapped in tmux's DCS
 * passthrough (needs `set -g allow-passthrough on`; the bell reaches the terminal either way).
 */
export function notificationBytes(kind: NotifyKind, title: string, body: string, tmux: boolean): string {
  const t = replaceControl(title, ' ').replace(/;/g, ',');
  const b = replaceControl(body, ' ');
  let seq: string;
  switch (kind) {
    case 'osc9':
      seq = `${ESC}]9;${t}: ${b}${BEL}`;
      break;
    case 'osc99':
      // kitty: a title chunk (d=0: more follows), then the body (p=body) under the same id.
      seq = `${ESC}]99;i=warden:d=0;${t}${ST}${ESC}]99;i=warden:p=body;${b}${ST}`;
      break;
    case 'osc777':
      seq = `${ESC}]777;notify;${t};${b}${BEL}`;
      break;
    case 'bell':
      return BEL;
  }
  return tmux ? tmuxPassthrough(seq) : seq;
}

/** tmux DCS passthrough: every ESC inside doubled. */
export function tmuxPassthrough(seq: string): string {
  return `${ESC}Ptmux;${seq.replaceAll(ESC, `${ESC}${ESC}`)}${ST}`;
}
