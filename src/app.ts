import { type AuditLog, openAuditLog } from './broker/audit-log.js';
import { type Broker, type BrokerAnswer, createBroker } from './broker/broker.js';
import { addressesOf } from './config/console-location.js';
import { HOLD_MARGIN_MS, HOOK_TIMEOUT_SECONDS } from './config/constants.js';
import { readFileForDiff } from './config/read-file-for-diff.js';
import { watchFiles } from './config/rule-watcher.js';
import type { Analyzer, Environment } from './domain/analysis.js';
import type { Classifier } from './domain/classification.js';
import type { ConsoleFacts } from './domain/console-facts.js';
import type { ModeName } from './domain/mode.js';
import type { Rule } from './domain/rule.js';
import { decide } from './policy/decide.js';
import { compileProjectScoped } from './policy/project-scoped-rules.js';
import { compileRules, ruleCovers, suggestRule } from './policy/rules/index.js';
import { ensureToken, writeConnection } from './server/connection.js';
import { type RunningServer, startServer } from './server/http-server.js';
import { createWardenStore, type WardenStore } from './store/create-store.js';
import type { ActionRecord } from './store/types.js';
import type { NoticeConfig } from './web/away-notice.js';
import { startWeb, type WebHub } from './web/web-hub.js';

export interface WardenOptions {
  readonly home: string;
  readonly env: Environment;
  readonly analyzer: Analyzer;
  readonly classifier: Classifier;
  readonly mode: ModeName;
  readonly port: number;
  readonly onHold?: 'ask' | 'deny';
  readonly holdTimeoutMs?: number;
  /** Reads every rule file for these projects; errors name the file and line (last good rules stay in force). */
  readonly loadRules: (projectRoots: readonly string[]) => {
    rules: readonly Rule[];
    errors: readonly string[];
  };
  /** The rule files to watch (reloaded on change); omit to read rules once per new project only. */
  readonly ruleFiles?: (projectRoots: readonly string[]) => string[];
  readonly onDecision?: (record: ActionRecord, answer: BrokerAnswer) => void;
  /** The approval page; omit for none. */
  readonly web?: {
    /** Address to listen on (default loopback). */
    readonly listen?: string;
    readonly port: number;
    readonly notices?: NoticeConfig;
  };
  /**
   * Finds where this process runs (terminal, panes, process names) once the endpoint listens;
   * its addresses are added from endpoint.json. Omit to judge as if the console could be anywhere.
   */
  readonly locate?: () => ConsoleFacts;
}

export interface Warden {
  readonly store: WardenStore;
  readonly broker: Broker;
  readonly server: RunningServer;
  readonly audit: AuditLog;
  readonly token: string;
  /** The approval page, pairing and notices (when enabled). */
  readonly web: WebHub | undefined;
  /** Reads the rule files again now (after the console wrote one). */
  reloadRules(): void;
  /** Answers every held action with ask, stops listening, closes the log. */
  close(reason?: string): Promise<void>;
}

/** The composition root: store, broker, audit log and endpoint for one console (or `serve`) run. */
export async function startWarden(options: WardenOptions): Promise<Warden> {
  const token = ensureToken(options.home);
  const audit = openAuditLog(options.home);
  const broker = createBroker({
    audit,
    classifier: options.classifier,
    holdTimeoutMs: options.holdTimeoutMs ?? HOOK_TIMEOUT_SECONDS * 1000 - HOLD_MARGIN_MS,
    ...(options.onHold !== undefined && { onHold: options.onHold }),
    ...(options.onDecision !== undefined && { onDecision: options.onDecision }),
  });
  // where the console runs joins the environment once the endpoint listens (see below)
  let env = options.env;
  const store = createWardenStore({
    judge: (action, rules, mode, denials) =>
      decide(action, rules, mode, {
        env,
        analyzer: options.analyzer,
        ...(denials !== undefined && { denials }),
      }),
    compileRules: (rules) => compileProjectScoped(compileRules, rules),
    onResolved: broker.listeners.onResolved,
    onWantsClassifier: broker.listeners.onWantsClassifier,
    initialMode: options.mode,
    classifierStatus: options.classifier.describe(),
  });
  broker.attach(store);

  // Rules: the user's, plus each project's as its first session appears; reloaded when a file changes.
  let roots: string[] = [];
  let stopWatching = () => {};
  const reported = new Set<string>();
  const reload = () => {
    const loaded = options.loadRules(roots);
    store.getState().setFileRules(loaded.rules, loaded.errors);
    for (const error of loaded.errors) {
      if (reported.has(error)) continue;
      reported.add(error);
      store.getState().warn(`rules: ${error}`);
    }
  };
  const rewatch = () => {
    stopWatching();
    if (options.ruleFiles) stopWatching = watchFiles(options.ruleFiles(roots), reload);
  };
  reload();
  rewatch();
  let seenSessions = store.getState().sessions;
  const unsubscribe = store.subscribe((state) => {
    if (state.sessions === seenSessions) return;
    seenSessions = state.sessions;
    const next = [...new Set(Object.values(state.sessions).map((s) => s.cwd))].sort();
    if (next.length === roots.length && next.every((r, i) => r === roots[i])) return;
    roots = next;
    reload();
    rewatch();
  });

  const web = options.web
    ? await startWeb({
        store,
        ...(options.web.listen !== undefined && { listen: options.web.listen }),
        port: options.web.port,
        ...(options.web.notices !== undefined && { notices: options.web.notices }),
        suggestRule: (action) => suggestRule(action, options.env.home),
        ruleCovers: (text, action) => ruleCovers(text, action, options.env),
        readFileForDiff,
      })
    : undefined;
  const server = await startServer({
    store,
    broker,
    token,
    port: options.port,
    ...(web && { control: web.control }),
  });
  const connection = {
    url: server.url,
    port: server.port,
    pid: process.pid,
    startedAt: new Date().toISOString(),
    ...(web && { page: web.page.url }),
  };
  if (options.locate) {
    const place = { ...options.locate(), addresses: addressesOf(connection) };
    env = { ...options.env, console: place };
    writeConnection(options.home, { ...connection, console: place });
  } else writeConnection(options.home, connection);
  store.getState().setEndpoint(server.url);
  audit.write({ event: 'start', pid: process.pid, url: server.url, mode: options.mode });

  let closed = false;
  return {
    store,
    broker,
    server,
    audit,
    token,
    web,
    reloadRules: reload,
    async close(reason = 'the warden console closed; the agent decides with its own prompt') {
      if (closed) return;
      closed = true;
      unsubscribe();
      stopWatching();
      broker.releaseAll(reason);
      await web?.close();
      await server.close();
      audit.write({ event: 'stop', pid: process.pid });
      audit.close();
    },
  };
}
