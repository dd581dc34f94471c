export {
  type HealthSlices,
  type Probe,
  type RuleHealthFinding,
  type RuleHealthInput,
  type RuleHealthKind,
  type RuleHealthProgress,
  ruleHealth,
  ruleHealthSteps,
} from './health.js';
export { probesFor } from './probes.js';
export {
  actionsSince,
  HEALTH_DAYS,
  healthRisk,
  type RuleHealthDeps,
  recordedActionsSince,
} from './source.js';
