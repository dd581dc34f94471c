import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Action } from '../domain/action.js';
import type { ControlHandler } from '../server/http-server.js';
import type { WardenStore } from '../store/create-store.js';
import { type AwayNotifier, createAwayNotifier, type NoticeConfig } from './away-notice.js';
import { isLoopback } from './http-guard.js';
import { pairControl } from './pair-control.js';
import { createPairing, type Pairing } from './pairing.js';
import { type RunningPage, startPageServer } from './web-server.js';

export interface WebOptions {
  readonly store: WardenStore;
  /** Address the page listens on (default 127.0.0.1). */
  readonly listen?: string;
  /** Port (0: any free one); when taken, any free port. */
  readonly port: number;
  readonly notices?: NoticeConfig;
  suggestRule(action: Action): string;
  ruleCovers(text: string, action: Action): boolean;
  readFileForDiff(path: string): string | undefined;
  readonly post?: AwayNotifierDeps['post'];
}

type AwayNotifierDeps = Parameters<typeof createAwayNotifier>[0];

/** What the console's header and the page's header show: an exposed address, a failing notice. */
export interface WebStatus {
  readonly alerts: readonly string[];
}

export interface WebHub {
  readonly pairing: Pairing;
  readonly page: RunningPage;
  readonly status: StoreApi<WebStatus>;
  /** The control requests of `warden pair` (on the token-checked endpoint). */
  readonly control: ControlHandler;
  /** The person is present (a key, a command from the page): no away notice for now. */
  touch(): void;
  close(): Promise<void>;
}

/**
 * The approval page and what goes with it, for one console (or `warden serve`) run: pairing,
 * the page's listener, the `warden pair` channel and notices when away. Same store, no copy.
 */
export async function startWeb(options: WebOptions): Promise<WebHub> {
  const host = options.listen ?? '127.0.0.1';
  const pairing = createPairing();
  const status = createStore<WebStatus>()(() => ({ alerts: [] }));
  let noticeError: string | undefined;
  let exposed: string | undefined;
  const publish = () =>
    status.setState({ alerts: [...(exposed ? [exposed] : []), ...(noticeError ? [noticeError] : [])] });

  let notifier: AwayNotifier | undefined;
  const touch = () => notifier?.touch();
  const start = (port: number) =>
    startPageServer({
      store: options.store,
      pairing,
      host,
      port,
      commands: { suggestRule: options.suggestRule, ruleCovers: options.ruleCovers },
      snapshot: {
        suggestRule: options.suggestRule,
        readFileForDiff: options.readFileForDiff,
        alerts: () => status.getState().alerts,
      },
      onPersonActed: touch,
      alsoWatch: [status],
    });
  let page: RunningPage;
  try {
    page = await start(options.port);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || options.port === 0) throw error;
    page = await start(0);
  }
  if (!isLoopback(host)) {
    exposed = `the approval page listens on ${page.url}: devices on that network can ask to pair (each needs your y)`;
  }
  if (options.notices) {
    notifier = createAwayNotifier({
      store: options.store,
      config: options.notices,
      pageUrl: () => page.url,
      post: options.post ?? ((url, init) => fetch(url, init)),
      onStatus: (error) => {
        if (error === noticeError) return;
        noticeError = error;
        publish();
        if (error) options.store.getState().warn(error);
      },
    });
  }
  publish();
  const sweeper = setInterval(() => pairing.sweep(), 1000);
  sweeper.unref();
  return {
    pairing,
    page,
    status,
    control: pairControl(pairing, page.pairLink),
    touch,
    async close() {
      clearInterval(sweeper);
      notifier?.stop();
      pairing.revoke('all');
      await page.close();
    },
  };
}
