import path from 'node:path';
import { createAnalyzer } from '../analyzer/index.js';
import { secretEnvValues } from '../analyzer/web-reads.js';
import type { WardenOptions } from '../app.js';
import { type BuiltClassifier, buildClassifier } from '../classifier/backends/build.js';
import { claudeCodeEnv, findExecutable } from '../classifier/backends/claude-env.js';
import { hasPackage } from '../classifier/backends/cloud.js';
import type { BackendChoice } from '../classifier/backends/select.js';
import type { EnvironmentDescription } from '../classifier/prompt.js';
import type { MessagesTransport } from '../classifier/transport.js';
import { locateConsole, realLocateDeps } from '../config/console-location.js';
import { environmentFor, wardenHome } from '../config/paths.js';
import { RuleLoader } from '../config/rule-files.js';
import { loadWardenConfig, type WardenConfig } from '../config/warden-config.js';
import type { Analyzer, Environment } from '../domain/analysis.js';
import type { Classifier } from '../domain/classification.js';
import type { ConsoleFacts } from '../domain/console-facts.js';
import type { ModeName } from '../domain/mode.js';
import type { Rule } from '../domain/rule.js';
import { claudeConfigDir } from '../install/claude-code.js';
import { readConnection } from '../server/connection.js';

/** The real dependencies of a warden process, built from the environment. */
export interface Runtime {
  readonly home: string;
  readonly env: Environment;
  readonly analyzer: Analyzer;
  readonly classifier: Classifier;
  /** `--classifier`: the backend to use instead of config.json's (before the classifier is first used). */
  chooseClassifier?(choice: BackendChoice): void;
  /** A classifier built afresh from this runtime's environment (eval's recorder wraps its backend). */
  classifierWith?(options: {
    override?: BackendChoice;
    wrap?: (t: MessagesTransport) => MessagesTransport;
  }): BuiltClassifier;
  readonly config: WardenConfig;
  /** Problems reading config.json (warden runs on defaults and says so). */
  readonly configError: string | undefined;
  /** Every rule in force for these projects (user rules, each project's, warden's own). */
  loadRules(projectRoots: readonly string[]): { rules: readonly Rule[]; errors: readonly string[] };
  /** The files loadRules reads, to watch for changes. */
  ruleFiles(projectRoots: readonly string[]): string[];
}

export function runtimeFromEnv(processEnv: NodeJS.ProcessEnv = process.env): Runtime {
  const home = wardenHome(processEnv);
  const loader = new RuleLoader({ wardenHome: home, claudeConfigDir: claudeConfigDir(processEnv) });
  const { config, error } = loadWardenConfig(home);
  let classifier: Classifier | undefined;
  let override: BackendChoice | undefined;
  return {
    home,
    env: withRunningConsole(
      { ...environmentFor(processEnv), secretValues: secretEnvValues(processEnv) },
      home,
    ),
    analyzer: createAnalyzer(),
    // Built on first use: `warden hook` runs on every tool call and never needs it.
    get classifier() {
      classifier ??= classifierFrom(
        config,
        processEnv,
        override === undefined ? {} : { override },
      ).classifier;
      return classifier;
    },
    classifierWith: (options) => classifierFrom(config, processEnv, options),
    chooseClassifier(choice) {
      override = choice;
      classifier = undefined;
    },
    config,
    configError: error,
    loadRules: (roots) => loader.load(roots),
    ruleFiles: (roots) => loader.files(roots).map((f) => f.file),
  };
}

/**
 * The environment with where the running console is (from its endpoint.json), so `warden classify`
 * judges as the console does; without a live console, the console's place is unknown.
 */
function withRunningConsole(env: Environment, home: string): Environment {
  const facts = readConnection(home)?.console;
  if (!facts?.pid) return env;
  try {
    process.kill(facts.pid, 0);
  } catch {
    return env;
  }
  return { ...env, console: facts };
}

/** Files warden's install may write the hook token into, beyond the standard `.claude/settings*.json`. */
function tokenFilesOf(processEnv: NodeJS.ProcessEnv): string[] {
  const dir = claudeConfigDir(processEnv);
  return [path.join(dir, 'settings.json'), path.join(dir, 'settings.local.json')];
}

/** Where this console runs, found once when its endpoint listens. */
export function locateThisConsole(processEnv: NodeJS.ProcessEnv = process.env): ConsoleFacts {
  return locateConsole(realLocateDeps(), tokenFilesOf(processEnv));
}

/**
 * The LLM classifier tier: the backend from `--classifier`, else config.json's classifier.backend,
 * else auto (API key, Bedrock, Vertex, the claude CLI's login); off when none can run.
 */
export function classifierFrom(
  config: WardenConfig,
  processEnv: NodeJS.ProcessEnv,
  options: { override?: BackendChoice; wrap?: (t: MessagesTransport) => MessagesTransport } = {},
): BuiltClassifier {
  return buildClassifier({
    config: config.classifier ?? {},
    env: claudeCodeEnv(claudeConfigDir(processEnv), processEnv),
    environment: environmentDescription(config),
    processEnv,
    probes: { hasPackage, findExecutable: (name) => findExecutable(name, processEnv) },
    ...(options.override !== undefined && { override: options.override }),
    ...(options.wrap !== undefined && { wrap: options.wrap }),
  });
}

/** config.json's `environment`, as the classifier's prompt describes it. */
export function environmentDescription(config: WardenConfig): EnvironmentDescription {
  const env = config.environment ?? {};
  return {
    ...(env.trustedDomains && { trustedDomains: env.trustedDomains }),
    ...(env.orgs && { trustedOrgs: env.orgs }),
    ...(env.buckets && { trustedBuckets: env.buckets }),
    ...(env.notes !== undefined && { notes: [env.notes] }),
  };
}

/** What startWarden needs from the runtime, for the console and `warden serve` alike. */
export function wardenOptions(
  runtime: Runtime,
  mode: ModeName,
  port: number,
  listen?: string,
): WardenOptions {
  return {
    home: runtime.home,
    env: runtime.env,
    analyzer: runtime.analyzer,
    classifier: runtime.classifier,
    mode,
    port,
    loadRules: (roots) => runtime.loadRules(roots),
    ruleFiles: (roots) => runtime.ruleFiles(roots),
    locate: () => locateThisConsole(),
    ...webOptions(runtime.config, port, listen),
  };
}

/** The approval page's listener and notices, from config.json and `--listen`. */
function webOptions(
  config: WardenConfig,
  port: number,
  listen: string | undefined,
): Pick<WardenOptions, 'web'> {
  const web = config.web ?? {};
  if (web.enabled === false && listen === undefined) return {};
  const n = config.notices;
  const notices = n && {
    url: n.url,
    afterSeconds: n.afterSeconds ?? 60,
    format: n.format ?? ('ntfy' as const),
    includeCommand: n.includeCommand ?? false,
    retries: n.retries ?? 3,
  };
  const address = listen ?? web.listen;
  return {
    web: {
      // The page sits beside the hook endpoint: 7724 beside 7723; any free port in tests (port 0).
      port: web.port ?? (port === 0 ? 0 : port + 1),
      ...(address !== undefined && { listen: address }),
      ...(notices && { notices }),
    },
  };
}
