import { createAnalyzer } from '../analyzer/index.js';
import { secretEnvValues } from '../analyzer/web-reads.js';
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
    env: { ...environmentFor(processEnv), secretValues: secretEnvValues(processEnv) },
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
export function wardenOptions(runtime: Runtime, mode: ModeName, port: number): WardenOptions {
  return {
    home: runtime.home,
    env: runtime.env,
    analyzer: runtime.analyzer,
    classifier: runtime.classifier,
    mode,
    port,
    loadRules: (roots) => runtime.loadRules(roots),
    ruleFiles: (roots) => runtime.ruleFiles(roots),
  };
}
