import { createAnalyzer } from '../analyzer/index.js';
import type { WardenOptions } from '../app.js';
import { createClassifier } from '../classifier/index.js';
import { environmentFor, wardenHome } from '../config/paths.js';
import { RuleLoader } from '../config/rule-files.js';
import { loadWardenConfig, type WardenConfig } from '../config/warden-config.js';
import type { Analyzer, Environment } from '../domain/analysis.js';
import type { Classifier } from '../domain/classification.js';
import type { ModeName } from '../domain/mode.js';
import type { Rule } from '../domain/rule.js';
import { claudeConfigDir } from '../install/claude-code.js';

/** The real dependencies of a warden process, built from the environment. */
export interface Runtime {
  readonly home: string;
  readonly env: Environment;
  readonly analyzer: Analyzer;
  readonly classifier: Classifier;
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
  return {
    home,
    env: environmentFor(processEnv),
    analyzer: createAnalyzer(),
    classifier: classifierFrom(config, processEnv),
    config,
    configError: error,
    loadRules: (roots) => loader.load(roots),
    ruleFiles: (roots) => loader.files(roots).map((f) => f.file),
  };
}

/** The LLM classifier tier: on with an API key (environment first, then config), off otherwise. */
function classifierFrom(config: WardenConfig, processEnv: NodeJS.ProcessEnv): Classifier {
  const c = config.classifier ?? {};
  const apiKey = c.enabled === false ? undefined : processEnv.ANTHROPIC_API_KEY?.trim() || c.apiKey;
  const models = {
    ...(c.model !== undefined && { screen: c.model, verdict: c.reasoningModel ?? c.model }),
    ...(c.model === undefined && c.reasoningModel !== undefined && { verdict: c.reasoningModel }),
  };
  const env = config.environment ?? {};
  return createClassifier({
    apiKey,
    baseURL: c.baseURL ?? processEnv.ANTHROPIC_BASE_URL,
    models,
    ...(c.deadlineMs !== undefined && { deadlineMs: c.deadlineMs }),
    ...(c.maxConcurrent !== undefined && { maxConcurrent: c.maxConcurrent }),
    environment: {
      ...(env.trustedDomains && { trustedDomains: env.trustedDomains }),
      ...(env.orgs && { trustedOrgs: env.orgs }),
      ...(env.buckets && { trustedBuckets: env.buckets }),
      ...(env.notes !== undefined && { notes: [env.notes] }),
    },
  });
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
