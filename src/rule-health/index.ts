export { type Probe, type RuleHealthFinding, type RuleHealthKind, ruleHealth } from './health.js';
export { probesFor } from './probes.js';
