import os from 'node:os';
import path from 'node:path';
import type { Instance } from 'ink';
import { createAnalyzer } from '../analyzer/index.js';
import { decide } from '../policy/decide.js';
import { compileRules } from '../policy/rules/index.js';
import { createWardenStore, type WardenStore } from '../store/create-store.js';
import type { ConsoleDeps } from '../ui/deps.js';
import { type ConsoleOptions, renderConsole } from '../ui/render-console.js';
import { runDemoScript } from './demo-script.js';
import { inMemoryConsoleDeps } from './simple-deps.js';

export interface DemoConsole {
  readonly store: WardenStore;
  readonly instance: Instance;
  /** Resolves when the script has been fed. */
  readonly fed: Promise<void>;
}

/**
 * A whole console run without an agent: a store with the real policy, the console on the
 * terminal, the demo script feeding it. Rules added in the console stay in memory.
 */
export function startDemoConsole(
  options: ConsoleOptions & { delayMs?: number; deps?: Partial<ConsoleDeps> } = {},
): DemoConsole {
  const home = os.homedir();
  const env = { home, wardenHome: path.join(home, '.warden'), tempDirs: [os.tmpdir()] };
  const analyzer = createAnalyzer();
  const store = createWardenStore({
    judge: (action, rules, mode, denials) => decide(action, rules, mode, { env, analyzer, denials }),
    compileRules,
    initialMode: 'manual',
  });
  store.getState().setEndpoint('none (demo: no agent can connect)');
  const abort = new AbortController();
  let instance: Instance | undefined;
  const deps = inMemoryConsoleDeps(store, {
    onQuit: () => {
      abort.abort();
      instance?.unmount();
    },
    bell: true,
    notify: true,
    title: true,
    ...options.deps,
  });
  instance = renderConsole(store, deps, options);
  const fed = runDemoScript(store, {
    signal: abort.signal,
    ...(options.delayMs !== undefined && { delayMs: options.delayMs }),
  });
  return { store, instance, fed };
}
