import type { Analysis, ConsoleFinding, Environment } from '../../domain/analysis.js';
import type { ConsoleAddress, ConsoleFacts, TmuxPlace } from '../../domain/console-facts.js';
import { dangerous } from '../verdicts.js';

/**
 * What the console guard knows about the warden console, with the unknown filled in on the side
 * of caution: with no facts (warden's terminal not found, `warden eval`) the console could be in
 * any pane, has warden's usual process names and listens on its default port.
 */
export interface Console {
  readonly known: boolean;
  readonly facts: ConsoleFacts;
}

const DEFAULT_PORT = 7723;

const UNKNOWN: ConsoleFacts = {
  processNames: ['node', 'warden'],
  commandLine: 'node warden',
  addresses: [{ host: '127.0.0.1', port: DEFAULT_PORT }],
  interactive: true,
  tmux: {},
  screen: { session: '' },
  zellij: {},
  wezterm: {},
  kitty: {},
  tokenFiles: [],
};

export function consoleOf(env: Environment): Console {
  return env.console ? { known: true, facts: env.console } : { known: false, facts: UNKNOWN };
}

/** The ports warden listens on (the hook endpoint and any page it serves). */
export function consolePorts(env: Environment): readonly number[] {
  const addresses: readonly ConsoleAddress[] = consoleOf(env).facts.addresses;
  return addresses.length > 0 ? addresses.map((a) => a.port) : [DEFAULT_PORT];
}

/** The console's tmux pane: undefined when the console is known not to run under tmux. */
export function tmuxPlace(env: Environment): TmuxPlace | undefined {
  return consoleOf(env).facts.tmux;
}

/**
 * A console-guard finding: held for a person in every mode but yolo (decide() never lets the
 * analyzer's classifier or an allow rule settle it). The category is degrade-security so that a
 * broad allow rule (`Bash(tmux *)`) does not let it through either.
 */
export function consoleHold(finding: ConsoleFinding, reason: string): Analysis {
  return dangerous('degrade-security', finding, reason);
}

/** Glob characters in a multiplexer's name pattern (tmux and screen match names with fnmatch). */
export function hasNameGlob(s: string): boolean {
  return /[*?[]/.test(s);
}

/** fnmatch(3) without flags, as tmux uses for session and window names. */
export function fnmatch(pattern: string, name: string): boolean {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        const body = pattern
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  try {
    return new RegExp(`${re}$`).test(name);
  } catch {
    return true;
  }
}
