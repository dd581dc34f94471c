import path from 'node:path';
import type { Analysis } from '../../domain/analysis.js';
import type { TmuxPlace } from '../../domain/console-facts.js';
import type { Arg } from '../../shell/words.js';
import { deeper, type ShellContext } from '../commands/context.js';
import { judgeRead, judgeWrite } from '../commands/path-checks.js';
import { safe, worst } from '../verdicts.js';
import { consoleHold, consoleOf, fnmatch, hasNameGlob, tmuxPlace } from './facts.js';

/**
 * tmux: commands that type into a pane, read it, kill it or rebind the keys of the whole server
 * are held when the pane or server could be the console's (see targetCouldBe); the shell commands
 * tmux runs (new-session, split-window, run-shell, if-shell, pipe-pane…) are judged as shell.
 */

/** Commands by canonical name: getopt letters that take a value, and what the command does. */
interface TmuxCommand {
  readonly valued: string;
  readonly effect: 'input' | 'read' | 'kill' | 'server' | 'runs' | 'buffer-read' | 'buffer-write' | 'other';
  /** What its -t names. */
  readonly target?: 'pane' | 'window' | 'session' | 'client';
  /** Index of the first operand that is a shell command (new-session's, run-shell's…). */
  readonly shellAt?: number;
}

const COMMANDS: Readonly<Record<string, TmuxCommand>> = {
  'send-keys': { valued: 'cNt', effect: 'input', target: 'pane' },
  'send-prefix': { valued: 't', effect: 'input', target: 'pane' },
  // an attached client types into the session's panes (`script -qc 'tmux attach -t ops' <<< y`)
  'attach-session': { valued: 'cft', effect: 'input', target: 'session' },
  'paste-buffer': { valued: 'bst', effect: 'input', target: 'pane' },
  'pipe-pane': { valued: 't', effect: 'read', target: 'pane', shellAt: 0 },
  'capture-pane': { valued: 'bESt', effect: 'read', target: 'pane' },
  'clear-history': { valued: 't', effect: 'kill', target: 'pane' },
  'kill-pane': { valued: 't', effect: 'kill', target: 'pane' },
  'kill-window': { valued: 't', effect: 'kill', target: 'window' },
  'unlink-window': { valued: 't', effect: 'kill', target: 'window' },
  'kill-session': { valued: 't', effect: 'kill', target: 'session' },
  'respawn-pane': { valued: 'cet', effect: 'kill', target: 'pane', shellAt: 0 },
  'respawn-window': { valued: 'cet', effect: 'kill', target: 'window', shellAt: 0 },
  'detach-client': { valued: 'Est', effect: 'kill', target: 'session' },
  'kill-server': { valued: '', effect: 'server' },
  'bind-key': { valued: 'NT', effect: 'server' },
  'unbind-key': { valued: 'T', effect: 'server' },
  'set-hook': { valued: 't', effect: 'server' },
  'source-file': { valued: 't', effect: 'server' },
  'command-prompt': { valued: 'ItpT', effect: 'server' },
  'confirm-before': { valued: 'ct', effect: 'server' },
  'display-menu': { valued: 'bcCHsSMOtTxy', effect: 'server' },
  'run-shell': { valued: 'cdt', effect: 'runs', shellAt: 0 },
  'if-shell': { valued: 't', effect: 'runs', shellAt: 0 },
  'display-popup': { valued: 'bcdeHhsStTwxy', effect: 'runs', shellAt: 0 },
  'new-session': { valued: 'cefFnstxy', effect: 'runs', shellAt: 0 },
  'new-window': { valued: 'ceFnt', effect: 'runs', shellAt: 0 },
  'split-window': { valued: 'ceFlpt', effect: 'runs', shellAt: 0 },
  'load-buffer': { valued: 'bt', effect: 'buffer-read' },
  'save-buffer': { valued: 'b', effect: 'buffer-write' },
};

const ALIASES: Readonly<Record<string, string>> = {
  send: 'send-keys',
  pasteb: 'paste-buffer',
  pipep: 'pipe-pane',
  capturep: 'capture-pane',
  clearhist: 'clear-history',
  killp: 'kill-pane',
  killw: 'kill-window',
  unlinkw: 'unlink-window',
  respawnp: 'respawn-pane',
  respawnw: 'respawn-window',
  detach: 'detach-client',
  bind: 'bind-key',
  unbind: 'unbind-key',
  source: 'source-file',
  confirm: 'confirm-before',
  menu: 'display-menu',
  run: 'run-shell',
  if: 'if-shell',
  popup: 'display-popup',
  new: 'new-session',
  neww: 'new-window',
  splitw: 'split-window',
  loadb: 'load-buffer',
  saveb: 'save-buffer',
  // tmux's other aliases, so that they are not read as ambiguous prefixes
  attach: 'attach-session',
  display: 'display-message',
  displayp: 'display-panes',
  has: 'has-session',
  lsb: 'list-buffers',
  lsc: 'list-clients',
  lscm: 'list-commands',
  lsk: 'list-keys',
  lsp: 'list-panes',
  ls: 'list-sessions',
  lsw: 'list-windows',
  selectp: 'select-pane',
  selectw: 'select-window',
  selectl: 'select-layout',
  setb: 'set-buffer',
  set: 'set-option',
  setw: 'set-window-option',
  setenv: 'set-environment',
  show: 'show-options',
  showb: 'show-buffer',
  rename: 'rename-session',
  renamew: 'rename-window',
  resizep: 'resize-pane',
  resizew: 'resize-window',
  switchc: 'switch-client',
  breakp: 'break-pane',
  joinp: 'join-pane',
  movep: 'move-pane',
  movew: 'move-window',
  swapp: 'swap-pane',
  swapw: 'swap-window',
  lastp: 'last-pane',
  last: 'last-window',
  next: 'next-window',
  prev: 'previous-window',
  linkw: 'link-window',
  wait: 'wait-for',
};

/** tmux's own command names, for its unique-prefix matching (`send-k` is send-keys). */
const ALL_NAMES = [
  ...Object.keys(COMMANDS),
  'break-pane',
  'choose-tree',
  'copy-mode',
  'display-message',
  'display-panes',
  'has-session',
  'join-pane',
  'kill-server',
  'last-pane',
  'last-window',
  'link-window',
  'list-buffers',
  'list-clients',
  'list-commands',
  'list-keys',
  'list-panes',
  'list-sessions',
  'list-windows',
  'move-pane',
  'move-window',
  'next-window',
  'previous-window',
  'rename-session',
  'rename-window',
  'resize-pane',
  'resize-window',
  'select-layout',
  'select-pane',
  'select-window',
  'set-buffer',
  'set-environment',
  'set-option',
  'set-window-option',
  'show-buffer',
  'show-options',
  'swap-pane',
  'swap-window',
  'switch-client',
  'wait-for',
];

function canonical(word: string): string | undefined {
  if (COMMANDS[word] || ALL_NAMES.includes(word)) return word;
  if (ALIASES[word]) return ALIASES[word];
  const prefixed = ALL_NAMES.filter((n) => n.startsWith(word));
  return prefixed.length === 1 ? prefixed[0] : prefixed.length > 1 ? '?' : undefined;
}

/** tmux's own options before the command: -L/-S choose the server, -c runs a shell command. */
const GLOBAL_VALUED = 'cfLST';

export function judgeTmux(args: readonly Arg[], ctx: ShellContext): Analysis {
  const out: Analysis[] = [];
  let i = 0;
  let socket: { value: string; dynamic: boolean; named: boolean } | undefined;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a.value === '--') {
      i++;
      break;
    }
    if (!a.value.startsWith('-') || a.value.length < 2) break;
    const opt = readOption(args, i, GLOBAL_VALUED);
    i = opt.next - 1;
    for (const [letter, value] of opt.values) {
      if (letter === 'c') out.push(ctx.judgeScript(value.value, deeper(ctx)));
      if (letter === 'L' || letter === 'S')
        socket = { value: value.value, dynamic: value.dynamic, named: letter === 'L' };
    }
  }
  const onConsoleServer = serverCouldBe(socket, ctx);
  // the rest is a list of commands separated by `;` words (`\;` in a shell)
  let start = i;
  const commands: Arg[][] = [];
  for (; i <= args.length; i++) {
    const a = args[i];
    if (a === undefined || (!a.dynamic && (a.value === ';' || a.value.endsWith('\\;')))) {
      if (i > start) commands.push(args.slice(start, i) as Arg[]);
      start = i + 1;
    }
  }
  if (commands.length === 0) return worst(out, safe('tmux without a command attaches or starts a session'));
  for (const command of commands) out.push(judgeCommand(command, onConsoleServer, ctx));
  return worst(out, safe('tmux'));
}

function judgeCommand(words: readonly Arg[], onConsoleServer: boolean, ctx: ShellContext): Analysis {
  const head = words[0]!;
  const name = head.dynamic ? '?' : canonical(head.value);
  if (name === undefined) return safe(`tmux ${head.value}`);
  if (name === '?')
    return onConsoleServer
      ? consoleHold(
          'console-keystrokes',
          `tmux ${head.value}: a command warden cannot name, on the tmux server the warden console runs in; a person decides`,
        )
      : safe('tmux command on another server');
  const spec = COMMANDS[name];
  if (!spec) return safe(`tmux ${name}`);
  let target: Arg | undefined;
  const operands: Arg[] = [];
  const flags: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const a = words[i]!;
    if (operands.length === 0 && a.value === '--') {
      operands.push(...words.slice(i + 1));
      break;
    }
    if (operands.length > 0 || !a.value.startsWith('-') || a.value.length < 2 || a.dynamic) {
      operands.push(a);
      continue;
    }
    const opt = readOption(words, i, spec.valued);
    i = opt.next - 1;
    flags.push(...opt.flags);
    for (const [letter, value] of opt.values) if (letter === 't') target = value;
  }
  const out: Analysis[] = [];
  if (spec.shellAt !== undefined) {
    const code = operands.slice(spec.shellAt);
    // new-session/new-window/split-window/respawn take a command line (one word or many)
    if (code.length > 0 && !(name === 'pipe-pane' && code.length === 0))
      out.push(ctx.judgeScript(code.map((a) => a.value).join(' '), deeper(ctx)));
  }
  if (spec.effect === 'buffer-read' && operands[0]) {
    const r = judgeRead(operands[0], ctx);
    if (r) out.push(r);
  }
  if (spec.effect === 'buffer-write' && operands[0])
    out.push(judgeWrite(operands[0], ctx, 'tmux save-buffer writes'));
  const where = () => (target ? `the pane ${target.value}` : 'the current pane');
  if (onConsoleServer) {
    const reaches =
      spec.target !== undefined &&
      targetCouldBe(target, tmuxPlace(ctx.env), spec.target, consoleOf(ctx.env).facts.processNames);
    if (spec.effect === 'input' && reaches)
      out.push(
        consoleHold(
          'console-keystrokes',
          `tmux ${name} types into ${where()}, which is or could be the warden console's; only a person presses keys there`,
        ),
      );
    if (name === 'pipe-pane' && reaches && flags.some((f) => f.includes('I')))
      out.push(
        consoleHold('console-keystrokes', `tmux pipe-pane -I types a command's output into ${where()}`),
      );
    if (spec.effect === 'read' && reaches)
      out.push(
        consoleHold(
          'console-screen-read',
          `tmux ${name} reads ${where()}, which is or could be the warden console's screen (other sessions' commands, pairing codes)`,
        ),
      );
    if (spec.effect === 'kill' && reaches)
      out.push(
        consoleHold(
          'console-silence',
          `tmux ${name} would close or replace ${target ? target.value : 'the current target'}, which is or could be the warden console`,
        ),
      );
    if (spec.effect === 'server')
      out.push(
        consoleHold(
          name === 'kill-server' ? 'console-silence' : 'console-keystrokes',
          name === 'kill-server'
            ? 'tmux kill-server ends every pane on the server the warden console runs in'
            : `tmux ${name} changes keys, hooks or commands for every pane of the server the warden console runs in`,
        ),
      );
  }
  return worst(out, safe(`tmux ${name}`));
}

/** Reads one option word (a cluster like `-lt main` or `-tmain`): flags and valued options. */
function readOption(
  words: readonly Arg[],
  at: number,
  valued: string,
): { next: number; flags: string[]; values: [string, Arg][] } {
  const word = words[at]!.value;
  const flags: string[] = [];
  const values: [string, Arg][] = [];
  for (let k = 1; k < word.length; k++) {
    const letter = word[k]!;
    flags.push(letter);
    if (valued.includes(letter)) {
      const rest = word.slice(k + 1);
      if (rest)
        return {
          next: at + 1,
          flags,
          values: [...values, [letter, { value: rest, dynamic: words[at]!.dynamic }]],
        };
      const next = words[at + 1];
      if (next) values.push([letter, next]);
      return { next: at + 2, flags, values };
    }
  }
  return { next: at + 1, flags, values };
}

/** Whether `-L NAME`/`-S PATH` (or the default server) could be the server the console runs in. */
function serverCouldBe(
  socket: { value: string; dynamic: boolean; named: boolean } | undefined,
  ctx: ShellContext,
): boolean {
  const place = tmuxPlace(ctx.env);
  if (!place) return false;
  if (!place.socket || !socket || socket.dynamic) return true;
  if (socket.named) return path.basename(place.socket) === socket.value;
  const abs = path.resolve(ctx.cwd ?? '/', socket.value);
  return abs === place.socket;
}

/**
 * Whether a tmux target could name the console's pane (or its window or session, whose active
 * pane it may be). tmux resolves a bare word as a pane index or token in the current window, then
 * a window of the current session (exact name, prefix, fnmatch pattern), then a session; the
 * current session is not known here, so a number or token could be the console's.
 */
export function targetCouldBe(
  target: Arg | undefined,
  place: TmuxPlace | undefined,
  kind: 'pane' | 'window' | 'session' | 'client',
  /** Names the console's window may take as tmux renames it after its command (node, warden). */
  renamedAs: readonly string[] = [],
): boolean {
  if (!place) return false;
  const windowCouldBe = (w: string, p: TmuxPlace) =>
    windowPlaceCouldBe(w, p) || (!/^[@\d{!+\-^$~]/.test(w) && renamedAs.some((n) => nameCouldBe(w, n)));
  if (!target || target.dynamic || target.value === '') return true;
  const t = target.value;
  if (kind === 'client') return true;
  const colon = t.indexOf(':');
  if (colon < 0 && t.startsWith('%')) return paneCouldBe(t, place);
  if (colon < 0 && t.startsWith('$')) return sessionCouldBe(t, place);
  if (colon >= 0) {
    if (!sessionCouldBe(t.slice(0, colon), place)) return false;
    return windowPaneCouldBe(t.slice(colon + 1), place, windowCouldBe);
  }
  if (kind === 'session') return sessionCouldBe(t, place);
  if (t.includes('.') && !t.startsWith('=')) return windowPaneCouldBe(t, place, windowCouldBe);
  if (isToken(t)) return true;
  return windowCouldBe(t, place) || sessionCouldBe(t, place);
}

function windowPaneCouldBe(
  rest: string,
  place: TmuxPlace,
  windowCouldBe: (w: string, p: TmuxPlace) => boolean,
): boolean {
  const dot = rest.indexOf('.');
  const win = dot < 0 ? rest : rest.slice(0, dot);
  const pane = dot < 0 ? '' : rest.slice(dot + 1);
  if (win !== '' && !windowCouldBe(win, place)) return false;
  return pane === '' || paneCouldBe(pane, place);
}

/** Special targets: `{last}`, `!`, `+`, `-`, `^`, `$`, `~`, offsets (`+2`) and numbers (indexes). */
function isToken(t: string): boolean {
  return /^[{!+\-^$~]|^\d+$/.test(t);
}

function nameCouldBe(pattern: string, name: string | undefined): boolean {
  if (name === undefined) return true;
  if (pattern.startsWith('=')) return pattern.slice(1) === name;
  if (hasNameGlob(pattern) && fnmatch(pattern, name)) return true;
  return name === pattern || name.startsWith(pattern);
}

function sessionCouldBe(s: string, place: TmuxPlace): boolean {
  if (s === '') return true;
  if (s.startsWith('$')) return place.sessionId === undefined || s === place.sessionId;
  return nameCouldBe(s, place.sessionName);
}

function windowPlaceCouldBe(w: string, place: TmuxPlace): boolean {
  if (w.startsWith('@')) return place.windowId === undefined || w === place.windowId;
  if (/^\d+$/.test(w)) return place.windowIndex === undefined || w === place.windowIndex;
  if (isToken(w)) return true;
  return nameCouldBe(w, place.windowName);
}

function paneCouldBe(p: string, place: TmuxPlace): boolean {
  if (p.startsWith('%')) return place.paneId === undefined || p === place.paneId;
  if (/^\d+$/.test(p)) return place.paneIndex === undefined || p === place.paneIndex;
  return true;
}
