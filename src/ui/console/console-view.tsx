import { Box, Static, Text, useInput } from 'ink';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { createStore } from 'zustand/vanilla';
import type { WardenStore } from '../../store/create-store.js';
import { cursorRecord } from '../../store/selectors.js';
import type { WebStatus } from '../../web/web-hub.js';
import type { ConsoleDeps } from '../deps.js';
import { DetailPane } from '../detail/detail-pane.js';
import { Footer } from '../footer/footer.js';
import { clip } from '../format.js';
import { Header } from '../header/header.js';
import { HelpOverlay } from '../help/help-overlay.js';
import { contextOf } from '../input/context.js';
import { dispatchKey } from '../input/dispatch.js';
import { PairView } from '../pair-view/pair-view.js';
import { PromptLine } from '../prompt/prompt-line.js';
import { HeldQueue } from '../queue/held-queue.js';
import { startRulePreview } from '../rule-editor/preview-controller.js';
import { RuleEditor } from '../rule-editor/rule-editor.js';
import { startRuleHealth } from '../rules-view/health-controller.js';
import { RulesView } from '../rules-view/rules-view.js';
import { DecidedLine } from '../stream/decided-line.js';
import { useTheme } from '../theme.js';
import { Welcome } from '../welcome/welcome.js';
import { layoutFor } from './layout.js';
import type { UiStore } from './ui-state.js';
import { useStoreState } from './use-store.js';
import { type TerminalSize, useTerminalSize } from './use-terminal-size.js';

/** Decided actions printed when the console starts after they happened. */
const STREAM_BACKLOG = 200;

export interface ConsoleProps {
  readonly store: WardenStore;
  readonly ui: UiStore;
  readonly deps: ConsoleDeps;
  /** Fixed size (tests); otherwise the terminal's, following resizes. */
  readonly size?: Partial<TerminalSize>;
}

/**
 * The console: decided stream (Static, newest last), then the live region: header, held queue,
 * detail pane (or an overlay), prompt/message line, footer. The only useInput of the app is here.
 */
/** The newest warning (a settings change, a bypass session, a broken rules file), for the message line. */
function latestWarning(state: { warnings: readonly { text: string }[] }): string | undefined {
  const w = state.warnings[state.warnings.length - 1];
  return w ? `⚠ ${w.text}` : undefined;
}

/** No approval page: no alerts. */
const NO_WEB_STATUS = createStore<WebStatus>()(() => ({ alerts: [] }));

export function ConsoleView({ store, ui, deps, size }: ConsoleProps) {
  const state = useStoreState(store);
  const uiState = useStoreState(ui);
  const theme = useTheme();
  const { columns, rows } = useTerminalSize(size);
  const webStatus = useStoreState(deps.web?.status ?? NO_WEB_STATUS);
  const dispatch = useMemo(
    () => ({
      store,
      ui,
      deps,
      terminal: { quit: () => deps.onQuit(), ...(deps.web && { web: deps.web }) },
    }),
    [store, ui, deps],
  );
  const onKey = useCallback(
    (input: string, key: Parameters<Parameters<typeof useInput>[0]>[1]) => {
      dispatchKey(input, key, dispatch);
    },
    [dispatch],
  );
  useInput(onKey);
  // The rule editor's preview is computed outside React, in slices, and lands in the UI store.
  useEffect(() => (deps.preview ? startRulePreview(store, ui, deps.preview) : undefined), [store, ui, deps]);
  // Rule health, likewise: computed when the rules view opens or the rules change, shown there.
  useEffect(
    () => (deps.ruleHealth ? startRuleHealth(store, ui, deps.ruleHealth) : undefined),
    [store, ui, deps],
  );
  // On a late start (10,000 decided already) print only the newest ones: the scrollback is the
  // stream's memory, and one giant first frame would cost seconds and hundreds of MB.
  const streamStart = useRef(Math.max(0, state.decided.length - STREAM_BACKLOG));
  // `decided` grows in place (the store appends to it); a new array per length lets Static see it.
  const decidedCount = state.decided.length;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the array is append-only; its length is its version
  const stream = useMemo(() => state.decided.slice(streamStart.current), [decidedCount]);

  const width = Math.max(20, columns - 1);
  const layout = layoutFor(rows - webStatus.alerts.length, state.held.length);
  const view = uiState.view;
  const context = contextOf(view);
  const connected =
    Object.keys(state.sessions).length > 0 || state.held.length > 0 || state.decided.length > 0;

  let body: React.ReactNode;
  if (view.kind === 'help') body = <HelpOverlay height={layout.body} width={width} />;
  else if (view.kind === 'rules')
    body = (
      <RulesView
        state={state}
        selected={view.selected}
        health={deps.ruleHealth ? uiState.health : 'none'}
        height={layout.body}
        width={width}
      />
    );
  else if (view.kind === 'pair' && deps.web) body = <PairView web={deps.web} view={view} width={width} />;
  else if (view.kind === 'rule-editor')
    body = (
      <RuleEditor
        state={state}
        editor={view}
        busy={uiState.busy}
        deps={deps}
        preview={deps.preview ? uiState.preview : 'none'}
        width={width}
      />
    );
  else if (!connected) body = <Welcome endpoint={state.endpoint} />;
  else
    body = (
      <>
        <HeldQueue state={state} rows={layout.queueRows} width={width} />
        <Text dimColor={theme.dim}>{'─'.repeat(Math.min(width, 200))}</Text>
        <DetailPane
          record={cursorRecord(state)}
          height={layout.detail}
          width={width}
          readFile={deps.readFileForDiff}
        />
      </>
    );

  return (
    <>
      <Static items={stream as string[]}>
        {(id) => {
          const record = state.records.get(id);
          return record ? <DecidedLine key={id} record={record} width={width} /> : null;
        }}
      </Static>
      <Box flexDirection="column" width={width}>
        <Header state={state} width={width} />
        {webStatus.alerts.map((alert) => (
          // The page's alerts under the header: an address open beyond loopback, a failing notice.
          <Text key={alert} color={theme.danger} wrap="truncate">
            {clip(`⚠ ${alert}`, width)}
          </Text>
        ))}
        <Box flexDirection="column" overflow="hidden">
          {body}
        </Box>
        <PromptLine
          view={view}
          held={state.held.length}
          offer={state.offers.offer}
          message={uiState.message ?? latestWarning(state)}
          width={width}
        />
        <Footer context={context} width={width} />
      </Box>
    </>
  );
}
