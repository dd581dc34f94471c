import { auditDir } from '../broker/audit-log.js';
import { readAudit } from '../broker/audit-reader.js';
import type { Action } from '../domain/action.js';
import type { Finding } from '../install/finding.js';
import { decide } from '../policy/decide.js';
import { compileRules } from '../policy/rules/index.js';
import { recordedDecisions } from '../replay/index.js';
import { probesFor, type RuleHealthFinding, ruleHealth } from '../rule-health/index.js';
import type { Runtime } from './runtime.js';

const HISTORY_DAYS = 30;

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
  const since = now - HISTORY_DAYS * 86_400_000;
  const history = recordedDecisions(readAudit(auditDir(runtime.home)).records)
    .decisions.filter((d) => d.at !== undefined && Date.parse(d.at) >= since)
    .map((d) => d.action);
  const roots = [...new Set([projectDir, ...history.map((a) => a.projectRoot)])];
  const { rules } = runtime.loadRules(roots);
  const none = compileRules([]);
  const risk = (action: Action) => {
    const v = decide(action, none, 'auto', { env: runtime.env, analyzer: runtime.analyzer });
    if (v.decision === 'deny') return v.reason;
    if (v.decision === 'hold' && v.by === 'tier:protected-path') return v.reason;
    return undefined;
  };
  const findings = ruleHealth({ rules, history, probes: probesFor(projectDir), env: runtime.env, risk });
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
