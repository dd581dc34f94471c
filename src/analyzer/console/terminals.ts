import type { Analysis } from '../../domain/analysis.js';
import type { SimpleCommand } from '../../shell/extract.js';
import type { Arg } from '../../shell/words.js';
import type { ShellContext } from '../commands/context.js';
import { consoleHold, consoleOf, fnmatch, hasNameGlob } from './facts.js';

/**
 * Terminal multiplexers and emulators other than tmux (GNU screen, zellij, WezTerm, kitty), and
 * desktop input tools (xdotool, ydotool, wtype, osascript keystrokes): typing into, reading or
 * closing a terminal that is or could be the console's is held. Undefined: not the console's.
 */

type Effect = 'input' | 'read' | 'kill';

const hold = (effect: Effect, what: string): Analysis =>
  effect === 'input'
    ? consoleHold(
        'console-keystrokes',
        `${what} types into a terminal that is or could be the warden console; only a person presses keys there`,
      )
    : effect === 'read'
      ? consoleHold(
          'console-screen-read',
          `${what} reads a terminal that is or could be the warden console's screen`,
        )
      : consoleHold('console-silence', `${what} closes a terminal that is or could be the warden console`);

/** The value of an option (`-S name`, `--pane-id=3`, `-Sname`), or undefined. */
function optionValue(args: readonly Arg[], names: readonly string[]): Arg | undefined {
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    for (const n of names) {
      if (v === n) return args[i + 1] ?? { value: '', dynamic: false };
      if (n.startsWith('--') && v.startsWith(`${n}=`))
        return { value: v.slice(n.length + 1), dynamic: args[i]!.dynamic };
      if (!n.startsWith('--') && v.startsWith(n) && v.length > n.length)
        return { value: v.slice(n.length), dynamic: args[i]!.dynamic };
    }
  }
  return undefined;
}

// ---- GNU screen

const SCREEN_INPUT = new Set([
  'stuff',
  'paste',
  'readbuf',
  'process',
  'exec',
  'eval',
  'at',
  'bindkey',
  'bind',
  'source',
  'colon',
  'register',
  'readreg',
  'multiuser',
  'acladd',
  'aclchg',
]);
const SCREEN_READ = new Set(['hardcopy', 'log', 'logfile', 'writebuf', 'hardcopydir', 'capture']);
const SCREEN_KILL = new Set([
  'quit',
  'kill',
  'remove',
  'detach',
  'pow_detach',
  'pow_break',
  'only',
  'lockscreen',
]);

const screen = (args: readonly Arg[], ctx: ShellContext): Analysis | undefined => {
  const x = args.findIndex((a) => a.value === '-X' || a.value === '-Q');
  if (x < 0) return screenAttach(args, ctx);
  // options may come on either side of -X (`screen -X -S warden hardcopy f`): the command is the
  // first word after -X that is neither an option nor an option's value
  const at = screenCommandAt(args, x);
  const command = args[at]?.value ?? '';
  const options = args.slice(0, at);
  const effect: Effect | undefined = SCREEN_INPUT.has(command)
    ? 'input'
    : SCREEN_READ.has(command)
      ? 'read'
      : SCREEN_KILL.has(command)
        ? 'kill'
        : undefined;
  if (!effect) return undefined;
  const place = consoleOf(ctx.env).facts.screen;
  if (!place) return undefined;
  const session = optionValue(options, ['-S', '-r', '-x']);
  if (
    session &&
    !session.dynamic &&
    session.value &&
    place.session &&
    !screenSessionCouldBe(session.value, place.session)
  )
    return undefined;
  const window = optionValue(options, ['-p']);
  if (
    window &&
    !window.dynamic &&
    place.window !== undefined &&
    /^\d+$/.test(window.value) &&
    window.value !== place.window
  )
    return undefined;
  return hold(effect, `screen -X ${command}`);
};

/** screen's options that take a value in the next word. */
const SCREEN_VALUED = /^-(S|p|r|x|c|e|h|l|s|T|t)$/;

function screenCommandAt(args: readonly Arg[], x: number): number {
  for (let i = x + 1; i < args.length; i++) {
    const v = args[i]!.value;
    if (SCREEN_VALUED.test(v)) i++;
    else if (!v.startsWith('-')) return i;
  }
  return args.length;
}

/** `screen -x NAME` joins a session (and types into it); `-d -r`/`-D -R` take it from its display. */
function screenAttach(args: readonly Arg[], ctx: ShellContext): Analysis | undefined {
  const attach = args.findIndex((a) => /^-[dDmS]*[xrR]$/.test(a.value) || /^-[dD][rR]$/.test(a.value));
  if (attach < 0 || args.some((a) => /^-[a-zA-Z]*m/.test(a.value))) return undefined;
  const place = consoleOf(ctx.env).facts.screen;
  if (!place) return undefined;
  const named = args.slice(attach + 1).find((a) => !a.value.startsWith('-')) ?? optionValue(args, ['-S']);
  if (named && !named.dynamic && place.session && !screenSessionCouldBe(named.value, place.session))
    return undefined;
  return hold('input', `screen ${args[attach]!.value}`);
}

/** screen matches a session by its full `pid.name`, its pid, or a prefix of its name. */
function screenSessionCouldBe(wanted: string, sty: string): boolean {
  const dot = sty.indexOf('.');
  const pid = dot < 0 ? sty : sty.slice(0, dot);
  const name = dot < 0 ? '' : sty.slice(dot + 1);
  if (hasNameGlob(wanted)) return fnmatch(wanted, sty) || fnmatch(wanted, name);
  return sty.startsWith(wanted) || name.startsWith(wanted) || wanted === pid || wanted.startsWith(`${pid}.`);
}

// ---- zellij

const ZELLIJ_INPUT = new Set(['write', 'write-chars', 'paste', 'send-keys', 'attach', 'a']);
const ZELLIJ_READ = new Set(['dump-screen', 'dump-layout']);
const ZELLIJ_KILL = new Set([
  'close-pane',
  'close-tab',
  'quit',
  'kill-session',
  'kill-all-sessions',
  'delete-session',
  'delete-all-sessions',
  'detach',
]);

const zellij = (args: readonly Arg[], ctx: ShellContext): Analysis | undefined => {
  const words = args.filter((a) => !a.value.startsWith('-'));
  const sub = args.find((a) => a.value === 'action' || a.value === 'ac')
    ? words[words.findIndex((a) => a.value === 'action' || a.value === 'ac') + 1]?.value
    : words[0]?.value;
  const effect: Effect | undefined =
    sub === undefined
      ? undefined
      : ZELLIJ_INPUT.has(sub)
        ? 'input'
        : ZELLIJ_READ.has(sub)
          ? 'read'
          : ZELLIJ_KILL.has(sub)
            ? 'kill'
            : undefined;
  if (!effect) return undefined;
  const place = consoleOf(ctx.env).facts.zellij;
  if (!place) return undefined;
  const session = optionValue(args, ['--session', '-s']);
  // kill-session NAME / delete-session NAME name the session as an operand
  const named = /^((kill|delete)-session|attach|a)$/.test(sub!)
    ? (words[words.findIndex((a) => a.value === sub) + 1] ?? session)
    : session;
  if (named && !named.dynamic && place.session !== undefined && named.value !== place.session)
    return undefined;
  return hold(effect, `zellij ${sub}`);
};

// ---- WezTerm

const WEZTERM: Readonly<Record<string, Effect>> = {
  'send-text': 'input',
  'get-text': 'read',
  'kill-pane': 'kill',
};

const wezterm = (args: readonly Arg[], ctx: ShellContext): Analysis | undefined => {
  const cli = args.findIndex((a) => a.value === 'cli');
  if (cli < 0) return undefined;
  const sub = args.slice(cli + 1).find((a) => !a.value.startsWith('-'))?.value ?? '';
  const effect = WEZTERM[sub];
  if (!effect) return undefined;
  const place = consoleOf(ctx.env).facts.wezterm;
  if (!place) return undefined;
  const pane = optionValue(args, ['--pane-id']);
  if (pane && !pane.dynamic && place.paneId !== undefined && pane.value !== place.paneId) return undefined;
  return hold(effect, `wezterm cli ${sub}`);
};

// ---- kitty (`kitty @ send-text`, `kitten @ get-text`)

const KITTY: Readonly<Record<string, Effect>> = {
  'send-text': 'input',
  'send-key': 'input',
  'get-text': 'read',
  'close-window': 'kill',
  'close-tab': 'kill',
  'signal-child': 'kill',
  'detach-window': 'kill',
};

const kitty = (args: readonly Arg[], ctx: ShellContext): Analysis | undefined => {
  const at = args.findIndex((a) => a.value === '@' || a.value.startsWith('@'));
  if (at < 0) return undefined;
  const rest =
    args[at]!.value === '@'
      ? args.slice(at + 1)
      : [{ value: args[at]!.value.slice(1), dynamic: false }, ...args.slice(at + 1)];
  const sub = rest.find((a) => !a.value.startsWith('-') && a.value !== '')?.value ?? '';
  const effect = KITTY[sub];
  if (!effect) return undefined;
  const place = consoleOf(ctx.env).facts.kitty;
  if (!place) return undefined;
  const match = optionValue(rest, ['--match', '-m']);
  const id = match && !match.dynamic ? /^id:(\d+)$/.exec(match.value)?.[1] : undefined;
  if (id !== undefined && place.windowId !== undefined && id !== place.windowId) return undefined;
  return hold(effect, `kitty @ ${sub}`);
};

// ---- desktop input: whatever window has the focus, the console's included

const XDOTOOL_INPUT = /^(type|key|keydown|keyup|click|mousedown|mouseup)$/;

const desktop: Readonly<Record<string, (args: readonly Arg[]) => boolean>> = {
  xdotool: (args) => args.some((a) => XDOTOOL_INPUT.test(a.value)) || args.some((a) => a.value === '-'),
  ydotool: (args) => args.some((a) => /^(type|key|click|mousedown|mouseup)$/.test(a.value)),
  wtype: () => true,
  dotool: () => true,
  dotoolc: () => true,
  xte: () => true,
  xvkbd: (args) => args.some((a) => /^-(text|xsendevent)$/.test(a.value)),
  ttyecho: () => true,
  writevt: () => true,
  sendkey: () => true,
};

/** AppleScript that presses keys or types into a terminal window. */
const OSA_INPUT = /\b(keystroke|key\s+code|key\s+down|write\s+text|do\s+script|System\s+Events)\b/i;

export function judgeTerminals(
  name: string,
  args: readonly Arg[],
  cmd: SimpleCommand,
  ctx: ShellContext,
): Analysis | undefined {
  switch (name) {
    case 'screen':
      return screen(args, ctx);
    case 'zellij':
      return zellij(args, ctx);
    case 'wezterm':
      return wezterm(args, ctx);
    case 'kitty':
    case 'kitten':
      return kitty(args, ctx);
    case 'osascript': {
      const code = [...args.map((a) => a.value), cmd.stdinText ?? ''].join('\n');
      return OSA_INPUT.test(code) ? hold('input', 'osascript') : undefined;
    }
    default: {
      const test = desktop[name];
      if (test && consoleOf(ctx.env).facts.interactive && test(args)) return hold('input', name);
      return undefined;
    }
  }
}

export const TERMINAL_NAMES: ReadonlySet<string> = new Set([
  'screen',
  'zellij',
  'wezterm',
  'kitty',
  'kitten',
  'osascript',
  ...Object.keys(desktop),
]);
