import type { Action } from './action.js';
import type { ConsoleFacts } from './console-facts.js';
import type { RiskCategory } from './verdict.js';

/**
 * The local risk analyzer's answer about one action (src/analyzer/). `finding` is a short
 * kebab-case id (`recursive-delete-outside-project`) that appears in verdicts as
 * `analyzer:<finding>`; `reason` is written for the agent: what is wrong and a safer way.
 */
export type Analysis =
  | { readonly kind: 'safe'; readonly reason: string }
  | {
      readonly kind: 'dangerous';
      readonly category: RiskCategory;
      readonly finding: string;
      readonly reason: string;
    }
  | { readonly kind: 'unsure'; readonly reason: string; readonly finding?: string };

/** The console guard's findings (src/analyzer/console/): held for a person in every mode but yolo. */
export type ConsoleFinding =
  | 'console-keystrokes'
  | 'console-screen-read'
  | 'console-silence'
  | 'console-token-read'
  | 'console-warden-command'
  | 'console-address';

/** Whether an analysis is the console guard's: a person, not the agent, decides it. */
export function isConsoleFinding(finding: string | undefined): boolean {
  return finding?.startsWith('console-') === true;
}

/** Facts about the machine the analyzer and policy judge paths against. */
export interface Environment {
  /** The user's home directory. */
  readonly home: string;
  /** warden's home directory ($WARDEN_HOME, default ~/.warden). */
  readonly wardenHome: string;
  /** Temp directories whose contents are scratch (e.g. /tmp, os.tmpdir()). */
  readonly tempDirs: readonly string[];
  /**
   * Where the warden console runs (its process, addresses, terminal and panes), found at start-up
   * and recorded in endpoint.json. Absent when unknown: then every terminal, process or address
   * that could be the console's counts as the console's.
   */
  readonly console?: ConsoleFacts;
  /**
   * Values of the user's secret-named environment variables (tokens, keys, passwords) as warden
   * saw them at start-up: a request that carries one sends the secret off the machine. Never shown.
   */
  readonly secretValues?: readonly string[];
}

export interface Analyzer {
  analyze(action: Action, env: Environment): Analysis;
  /**
   * Whether a shell action is proven to only read (`git status`, `ls`, `rg x src`): what manual
   * and plan mode run without asking. Absent means never proven.
   */
  provesReadOnly?(action: Action, env: Environment): boolean;
}
