import { createContext, useContext } from 'react';
import type { AgentKind } from '../domain/action.js';
import type { ModeName } from '../domain/mode.js';
import type { ActionStatus } from '../store/types.js';

/** Colours by meaning. With NO_COLOR every colour is undefined and symbols carry the meaning. */
export interface Theme {
  readonly color: boolean;
  readonly mode: Readonly<Record<ModeName, string | undefined>>;
  readonly status: Readonly<Record<ActionStatus, string | undefined>>;
  /** Each agent's tag colour (the tag text itself carries the meaning without colour). */
  readonly agent: Readonly<Record<AgentKind, string | undefined>>;
  readonly dim: boolean;
  readonly accent: string | undefined;
  readonly danger: string | undefined;
  readonly added: string | undefined;
  readonly removed: string | undefined;
}

export function makeTheme(color: boolean): Theme {
  const c = (name: string) => (color ? name : undefined);
  return {
    color,
    mode: {
      manual: c('blue'),
      edits: c('cyan'),
      auto: c('green'),
      plan: c('magenta'),
      yolo: c('red'),
      pause: c('yellow'),
    },
    status: {
      held: c('yellow'),
      classifying: c('cyan'),
      allowed: c('green'),
      denied: c('red'),
      asked: c('blue'),
    },
    agent: { 'claude-code': c('#d97757'), 'gemini-cli': c('#4796e3'), codex: c('white') },
    dim: color,
    accent: c('cyan'),
    danger: c('red'),
    added: c('green'),
    removed: c('red'),
  };
}

/** NO_COLOR (https://no-color.org): present and not empty turns colour off. */
export function colorWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  return !(env.NO_COLOR !== undefined && env.NO_COLOR !== '');
}

export const ThemeContext = createContext<Theme>(makeTheme(true));

export function useTheme(): Theme {
  return useContext(ThemeContext);
}

/** One symbol per status, so the stream reads without colour. */
export const STATUS_SYMBOL: Readonly<Record<ActionStatus, string>> = {
  held: '●',
  classifying: '◌',
  allowed: '✓',
  denied: '✗',
  asked: '?',
};

/** A short tag per agent, shown on every queue row and decided line. */
export const AGENT_TAG: Readonly<Record<AgentKind, string>> = {
  'claude-code': 'CC',
  'gemini-cli': 'GM',
  codex: 'CX',
};
