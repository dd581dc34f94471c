import { createAnalyzer } from '../analyzer/index.js';
import { environmentFor, wardenHome } from '../config/paths.js';
import { RuleLoader } from '../config/rule-files.js';
import { loadWardenConfig, type WardenConfig } from '../config/warden-config.js';
import type { Analyzer, Environment } from '../domain/analysis.js';
import { CLASSIFIER_OFF, type Classifier } from '../domain/classification.js';
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
    classifier: CLASSIFIER_OFF,
    config,
    configError: error,
    loadRules: (roots) => loader.load(roots),
    ruleFiles: (roots) => loader.files(roots).map((f) => f.file),
  };
}
