import { render } from 'ink-testing-library';
import { actionFromToolCall, type ToolCall } from '../../src/adapters/tool-call.js';
import { inMemoryConsoleDeps } from '../../src/demo/simple-deps.js';
import type { Analyzer } from '../../src/domain/analysis.js';
import { decide } from '../../src/policy/decide.js';
import { compileRules } from '../../src/policy/rules/index.js';
import { createWardenStore } from '../../src/store/create-store.js';
import type { ActionRecord } from '../../src/store/types.js';
import { createUiStore } from '../../src/ui/console/ui-state.js';
import type { ConsoleDeps } from '../../src/ui/deps.js';
import { type CommandId, sequenceOf } from '../../src/ui/keymap.js';
import { consoleElement } from '../../src/ui/render-console.js';

export const env = { home: '/home/u', wardenHome: '/home/u/.warden', tempDirs: ['/tmp'] };
const unsure: Analyzer = { analyze: () => ({ kind: 'unsure', reason: 'not sure' }) };

export function makeStore(resolved: ActionRecord[] = []) {
  return createWardenStore({
    judge: (action, rules, mode, denials) => decide(action, rules, mode, { env, analyzer: unsure, denials }),
    compileRules,
    onResolved: (records) => resolved.push(...records),
    initialMode: 'manual',
    now: () => Date.UTC(2026, 0, 1, 12, 0, 0),
  });
}

export const call = (tool: string, input: Record<string, unknown>, extra: Partial<ToolCall> = {}) =>
  actionFromToolCall(
    { tool, input, cwd: '/home/u/p', sessionId: 's1', ...extra },
    undefined,
    Date.UTC(2026, 0, 1, 12),
  );

export const bash = (command: string, sessionId = 's1') => call('Bash', { command }, { sessionId });

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Renders the console at a fixed size and returns helpers that press keys by keymap command id. */
export function renderConsoleForTest(
  store: ReturnType<typeof makeStore>,
  overrides: Partial<ConsoleDeps> = {},
  size = { columns: 100, rows: 24 },
) {
  const quits: number[] = [];
  const deps = inMemoryConsoleDeps(store, { onQuit: () => quits.push(1), ...overrides });
  const ui = createUiStore();
  const instance = render(consoleElement(store, deps, { ui, size, color: false }));
  const settle = async () => {
    await sleep(30);
  };
  return {
    ...instance,
    deps,
    ui,
    quits,
    /** Press the first key the keymap binds to a command. */
    async press(id: CommandId) {
      instance.stdin.write(sequenceOf(id));
      await settle();
    },
    async type(text: string) {
      for (const ch of text) instance.stdin.write(ch);
      await settle();
    },
    frame: () => instance.lastFrame() ?? '',
    settle,
  };
}
