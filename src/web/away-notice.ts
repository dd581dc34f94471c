import path from 'node:path';
import type { WardenStore } from '../store/create-store.js';
import type { ActionRecord } from '../store/types.js';
import { actionSummary, clip } from '../ui/format.js';

export interface NoticeConfig {
  /** Where to POST (an ntfy topic URL or a webhook). */
  readonly url: string;
  /** Seconds an action waits, with no key pressed, before the notice goes. */
  readonly afterSeconds: number;
  /** ntfy: text body with Title/Click headers; json: one JSON object. */
  readonly format: 'ntfy' | 'json';
  /** Put the command or path in the notice (off: agent, tool and project only). */
  readonly includeCommand: boolean;
  /** Tries after the first failure (1 s, 2 s, 4 s … apart). */
  readonly retries: number;
}

export interface Notice {
  readonly agent: string;
  readonly tool: string;
  readonly summary: string;
  readonly held: number;
  readonly link: string | undefined;
}

export interface AwayNotifierDeps {
  readonly store: WardenStore;
  readonly config: NoticeConfig;
  /** The page's address, for the notice's link. */
  pageUrl(): string | undefined;
  /** fetch, or a stand-in with its shape. */
  readonly post: (
    url: string,
    init: { method: 'POST'; headers: Record<string, string>; body: string; signal: AbortSignal },
  ) => Promise<{ ok: boolean; status: number }>;
  /** The notice failed after every retry (text), or went through again (undefined). */
  onStatus(error: string | undefined): void;
  now?(): number;
  readonly checkEveryMs?: number;
  readonly retryBaseMs?: number;
}

export interface AwayNotifier {
  /** The person is here (a key pressed, a command from the page). */
  touch(): void;
  /** Looks at the held queue now (also done on a timer). */
  check(): void;
  /** Resolves when notices in flight are done (tests). */
  idle(): Promise<void>;
  stop(): void;
}

/** The one line a notice says: never the command text unless the person enabled it. */
export function noticeOf(
  records: readonly ActionRecord[],
  held: number,
  config: NoticeConfig,
  link: string | undefined,
): Notice {
  const first = records[0]!.action;
  const project = path.basename(first.projectRoot) || first.projectRoot;
  const what = config.includeCommand ? ` ${clip(actionSummary(first), 120)}` : '';
  const more = held > 1 ? ` (${held} held)` : '';
  return {
    agent: first.agent,
    tool: first.tool,
    summary: `${first.agent} waits for ${first.tool}${what} in ${project}${more}`,
    held,
    link,
  };
}

/**
 * Notice when away: an action held for `afterSeconds` with no key pressed in that time sends
 * one short notice (ntfy-style or a JSON webhook), retried with back-off; the console and the
 * page show the error when every try fails.
 */
export function createAwayNotifier(deps: AwayNotifierDeps): AwayNotifier {
  const now = deps.now ?? Date.now;
  const { config } = deps;
  const after = config.afterSeconds * 1000;
  const notified = new Set<string>();
  let presence = 0;
  let inFlight: Promise<void> = Promise.resolve();
  let stopped = false;
  const timer = setInterval(() => check(), deps.checkEveryMs ?? 1000);
  timer.unref();

  const check = () => {
    if (stopped) return;
    const state = deps.store.getState();
    const t = now();
    const due: ActionRecord[] = [];
    for (const id of state.held) {
      if (notified.has(id)) continue;
      const record = state.records.get(id);
      if (!record) continue;
      if (t - Math.max(record.action.receivedAt, presence) >= after) due.push(record);
    }
    for (const id of notified) if (!state.held.includes(id)) notified.delete(id);
    if (due.length === 0) return;
    for (const r of due) notified.add(r.action.id);
    const notice = noticeOf(due, state.held.length, config, deps.pageUrl());
    inFlight = inFlight.then(() => send(notice));
  };

  const send = async (notice: Notice) => {
    const request = render(notice, config);
    let error = '';
    for (let attempt = 0; attempt <= config.retries && !stopped; attempt++) {
      if (attempt > 0) await sleep((deps.retryBaseMs ?? 1000) * 2 ** (attempt - 1));
      try {
        const res = await deps.post(config.url, {
          method: 'POST',
          ...request,
          signal: AbortSignal.timeout(10_000),
        });
        if (res.ok) {
          deps.onStatus(undefined);
          return;
        }
        error = `HTTP ${res.status}`;
      } catch (e) {
        error = (e as Error).message;
      }
    }
    deps.onStatus(`notice to ${hostOf(config.url)} failed after ${config.retries + 1} tries: ${error}`);
  };

  return {
    touch() {
      presence = now();
    },
    check,
    idle: () => inFlight,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}

function render(notice: Notice, config: NoticeConfig): { headers: Record<string, string>; body: string } {
  if (config.format === 'json') {
    return { headers: { 'content-type': 'application/json' }, body: JSON.stringify(notice) };
  }
  // ntfy: the body is the message; headers carry the title and the link a tap opens.
  const headers: Record<string, string> = {
    'content-type': 'text/plain; charset=utf-8',
    title: 'warden: an action waits for you',
    tags: 'warning',
  };
  if (notice.link) headers.click = notice.link;
  return { headers, body: notice.summary };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the notice URL';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
