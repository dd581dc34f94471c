import { auditDir } from '../broker/audit-log.js';
import { readAudit } from '../broker/audit-reader.js';
import type { Finding } from '../install/finding.js';
import { readDecisionsInSlices } from '../replay/index.js';
import {
  actionsSince,
  HEALTH_DAYS,
  healthRisk,
  probesFor,
  type RuleHealthFinding,
  recordedActionsSince,
  ruleHealth,
} from '../rule-health/index.js';
import { partsMemo } from '../rules-preview/source.js';
import type { Runtime } from './runtime.js';

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Every project's recorded actions since an epoch ms, from the audit files of those days. */
export function auditActionsSince(wardenHome: string, since: number) {
  return recordedActionsSince(readAudit(auditDir(wardenHome), dayOf(since)).records, since);
}

/** The same, read in slices so that a console keeps drawing frames meanwhile (the rules view). */
export async function auditActionsSinceInSlices(wardenHome: string, since: number) {
  return actionsSince((await readDecisionsInSlices(auditDir(wardenHome), dayOf(since))).decisions, since);
}

/** The rules in force for a project, judged against the recorded history and probes (doctor, rules view). */
export function ruleHealthFor(
  runtime: Runtime,
  projectDir: string,
  now = Date.now(),
): {
  findings: RuleHealthFinding[];
  rules: number;
  history: number;
} {
  const history = auditActionsSince(runtime.home, now - HEALTH_DAYS * 86_400_000);
  const roots = [...new Set([projectDir, ...history.map((a) => a.projectRoot)])];
  const { rules } = runtime.loadRules(roots);
  const risk = healthRisk(runtime.env, runtime.analyzer);
  const findings = ruleHealth({
    rules,
    history,
    probes: probesFor(projectDir),
    env: runtime.env,
    risk,
    partsOf: partsMemo(),
  });
  return { findings, rules: rules.length, history: history.length };
}

/** `warden doctor`'s rules section. */
export function ruleHealthFindings(runtime: Runtime, projectDir: string): Finding[] {
  const { findings, rules, history } = ruleHealthFor(runtime, projectDir);
  const out: Finding[] = findings.map((f) => ({
    level: 'warn',
    text: `rules: ${f.text}${f.evidence.length > 0 ? `; e.g. ${f.evidence.join('; ')}` : ''}`,
  }));
  if (out.length === 0 && rules > 0)
    out.push({
      level: 'ok',
      text: `rules: ${rules} rules checked against ${history} recorded actions and probes`,
    });
  return out;
}
