import { createAnalyzer } from '../analyzer/index.js';
import { loadRulesPlaceholder } from '../config/load-rules-placeholder.js';
import { environmentFor, wardenHome } from '../config/paths.js';
import type { Analyzer, Environment } from '../domain/analysis.js';
import { CLASSIFIER_OFF, type Classifier } from '../domain/classification.js';
import type { Rule } from '../domain/rule.js';

/** The real dependencies of a warden process, built from the environment. */
export interface Runtime {
  readonly home: string;
  readonly env: Environment;
  readonly analyzer: Analyzer;
  readonly classifier: Classifier;
  loadRules(projectDir?: string): { rules: readonly Rule[]; errors: readonly string[] };
}

export function runtimeFromEnv(processEnv: NodeJS.ProcessEnv = process.env): Runtime {
  const home = wardenHome(processEnv);
  return {
    home,
    env: environmentFor(processEnv),
    analyzer: createAnalyzer(),
    classifier: CLASSIFIER_OFF,
    loadRules: () => loadRulesPlaceholder(home),
  };
}
