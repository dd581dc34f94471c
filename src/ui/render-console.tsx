import { type Instance, render } from 'ink';
import type { WardenStore } from '../store/create-store.js';
import { attentionListener } from './attention/attention.js';
import { ConsoleView } from './console/console-view.js';
import { createUiStore, type UiStore } from './console/ui-state.js';
import type { TerminalSize } from './console/use-terminal-size.js';
import type { ConsoleDeps } from './deps.js';
import { colorWanted, makeTheme, ThemeContext } from './theme.js';

export interface ConsoleOptions {
  readonly stdout?: NodeJS.WriteStream;
  readonly stdin?: NodeJS.ReadStream;
  readonly stderr?: NodeJS.WriteStream;
  /** Defaults to NO_COLOR from the environment. */
  readonly color?: boolean;
  /** Fixed size instead of the terminal's (tests, benchmarks). */
  readonly size?: Partial<TerminalSize>;
  readonly ui?: UiStore;
  /** Ink's frame rate cap (default 30). */
  readonly maxFps?: number;
  /** Told how long each frame took to render (benchmarks). */
  readonly onRender?: (metrics: { renderTime: number }) => void;
}

/** The console element (for ink-testing-library and custom renders). */
export function consoleElement(store: WardenStore, deps: ConsoleDeps, options: ConsoleOptions = {}) {
  const ui = options.ui ?? createUiStore();
  const theme = makeTheme(options.color ?? colorWanted());
  return (
    <ThemeContext.Provider value={theme}>
      <ConsoleView store={store} ui={ui} deps={deps} {...(options.size && { size: options.size })} />
    </ThemeContext.Provider>
  );
}

/**
 * Renders the console on a terminal and wires attention (bell, OSC 9, title). Ctrl+C is a
 * console key (quit answering held actions `ask`), not Ink's exit. Returns the Ink instance.
 */
export function renderConsole(store: WardenStore, deps: ConsoleDeps, options: ConsoleOptions = {}): Instance {
  const stdout = options.stdout ?? process.stdout;
  const listener = attentionListener((bytes) => stdout.write(bytes), deps);
  listener(store.getState());
  const unsubscribe = store.subscribe(listener);
  const instance = render(consoleElement(store, deps, options), {
    stdout,
    ...(options.stdin && { stdin: options.stdin }),
    ...(options.stderr && { stderr: options.stderr }),
    exitOnCtrlC: false,
    patchConsole: false,
    ...(options.maxFps !== undefined && { maxFps: options.maxFps }),
    ...(options.onRender && { onRender: options.onRender }),
  });
  void instance.waitUntilExit().finally(() => {
    unsubscribe();
    if (deps.title ?? true) stdout.write('\u001B]0;\u0007');
  });
  return instance;
}
