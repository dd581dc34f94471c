import { type AuditLog, openAuditLog } from './broker/audit-log.js';
import { type Broker, type BrokerAnswer, createBroker } from './broker/broker.js';
import { HOLD_MARGIN_MS, HOOK_TIMEOUT_SECONDS } from './config/constants.js';
import type { Analyzer, Environment } from './domain/analysis.js';
import type { Classifier } from './domain/classification.js';
import type { ModeName } from './domain/mode.js';
import type { Rule } from './domain/rule.js';
import { decide } from './policy/decide.js';
import { compileProjectScoped } from './policy/project-scoped-rules.js';
import { compileRules } from './policy/rules/index.js';
import { ensureToken, writeConnection } from './server/connection.js';
import { type RunningServer, startServer } from './server/http-server.js';
import { createWardenStore, type WardenStore } from './store/create-store.js';
import type { ActionRecord } from './store/types.js';

export interface WardenOptions {
  readonly home: string;
  readonly env: Environment;
  readonly analyzer: Analyzer;
  readonly classifier: Classifier;
  readonly mode: ModeName;
  readonly port: number;
  readonly onHold?: 'ask' | 'deny';
  readonly holdTimeoutMs?: number;
  /** Reads every rule file; errors name the file and line (the last good rules stay in force). */
  readonly loadRules: () => { rules: readonly Rule[]; errors: readonly string[] };
  readonly onDecision?: (record: ActionRecord, answer: BrokerAnswer) => void;
}

export interface Warden {
  readonly store: WardenStore;
  readonly broker: Broker;
  readonly server: RunningServer;
  readonly audit: AuditLog;
  readonly token: string;
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
  const store = createWardenStore({
    judge: (action, rules, mode, denials) =>
      decide(action, rules, mode, {
        env: options.env,
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
  const loaded = options.loadRules();
  store.getState().setFileRules(loaded.rules, loaded.errors);

  const server = await startServer({ store, broker, token, port: options.port });
  writeConnection(options.home, {
    url: server.url,
    port: server.port,
    pid: process.pid,
    startedAt: new Date().toISOString(),
  });
  store.getState().setEndpoint(server.url);
  audit.write({ event: 'start', pid: process.pid, url: server.url, mode: options.mode });

  let closed = false;
  return {
    store,
    broker,
    server,
    audit,
    token,
    async close(reason = 'the warden console closed; the agent decides with its own prompt') {
      if (closed) return;
      closed = true;
      broker.releaseAll(reason);
      await server.close();
      audit.write({ event: 'stop', pid: process.pid });
      audit.close();
    },
  };
}
