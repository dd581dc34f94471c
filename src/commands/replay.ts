import path from 'node:path';
import { auditDir } from '../broker/audit-log.js';
import { readAudit } from '../broker/audit-reader.js';
import { readRuleFile } from '../config/rule-files.js';
import type { ModeName } from '../domain/mode.js';
import type { Rule } from '../domain/rule.js';
import { decide } from '../policy/decide.js';
import { compileProjectScoped } from '../policy/project-scoped-rules.js';
import { compileRules } from '../policy/rules/index.js';
import { groupChanges, type ReplayChange, recordedDecisions, replayDecisions } from '../replay/index.js';
import { actionSummary, clip } from '../ui/format.js';
import type { Runtime } from './runtime.js';

export interface ReplayOptions {
  /** A rules file (Claude Code settings or warden rules.json); default: the rules in force. */
  readonly rulesFile?: string;
  /** Judge every action in this mode; default: the mode each was recorded in (auto if unknown). */
  readonly mode?: ModeName;
  /** Only actions decided at or after this time (epoch ms). */
  readonly since?: number;
  readonly project?: string;
  readonly session?: string;
  readonly json: boolean;
  readonly now?: number;
}

const EXAMPLES = 3;

/**
 * `warden replay`: decides the recorded actions again under other rules or another mode and prints
 * what would change. Exit 1 when a change would allow something the recorded run denied, 2 on bad
 * input, 0 otherwise.
 */
export function replay(
  runtime: Runtime,
  options: ReplayOptions,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): number {
  const { records, warnings } = readAudit(auditDir(runtime.home));
  for (const w of warnings) err.write(`warden: audit: ${w}\n`);
  const read = recordedDecisions(records);
  const project = options.project === undefined ? undefined : path.resolve(options.project);
  const picked = read.decisions.filter(
    (d) =>
      (options.session === undefined || d.action.sessionId === options.session) &&
      (project === undefined ||
        d.action.projectRoot === project ||
        d.action.projectRoot.startsWith(`${project}${path.sep}`)) &&
      (options.since === undefined || (d.at !== undefined && Date.parse(d.at) >= options.since)),
  );

  let rules: readonly Rule[];
  let rulesLabel: string;
  if (options.rulesFile !== undefined) {
    const file = path.resolve(options.rulesFile);
    const r = readRuleFile({ file, origin: 'warden-user' });
    if (r.error !== undefined) {
      err.write(`warden replay: ${r.error}\n`);
      return 2;
    }
    rules = r.rules;
    rulesLabel = `${file} (${r.rules.length} rules)`;
  } else {
    const roots = [...new Set(picked.map((d) => d.action.projectRoot))];
    const loaded = runtime.loadRules(roots);
    for (const e of loaded.errors) err.write(`warden replay: ${e}\n`);
    rules = loaded.rules;
    rulesLabel = `in force (${loaded.rules.length} rules)`;
  }
  const ruleSet = compileProjectScoped(compileRules, rules);
  const result = replayDecisions(
    picked,
    (action, mode) => decide(action, ruleSet, mode, { env: runtime.env, analyzer: runtime.analyzer }),
    options.mode,
  );
  const allowsDenied = result.changes.some((c) => c.allowsDenied);

  if (options.json) {
    for (const c of result.changes) out.write(`${JSON.stringify(changeJson(c))}\n`);
    return allowsDenied ? 1 : 0;
  }

  const skippedTotal = [...read.skipped.values()].reduce((a, b) => a + b, 0);
  out.write(
    `replay: ${picked.length} recorded actions · rules: ${rulesLabel} · mode: ${options.mode ?? 'as recorded'}\n`,
  );
  const count = (kind: string) => result.changes.filter((c) => c.kind === kind).length;
  out.write(
    `changed: ${result.changes.length} (newly allowed ${count('newly allowed')}, newly denied ${count('newly denied')}, newly held ${count('newly held')}) · unchanged: ${result.unchanged}${result.leftToClassifier > 0 ? ` (${result.leftToClassifier} left to the classifier, not asked again)` : ''}\n`,
  );
  if (skippedTotal > 0)
    out.write(
      `skipped: ${skippedTotal} (${[...read.skipped].map(([why, n]) => `${why}: ${n}`).join('; ')})\n`,
    );
  for (const g of groupChanges(result.changes)) {
    out.write(`\n${g.kind} by ${g.by}: ${g.changes.length}\n`);
    for (const c of g.changes.slice(0, EXAMPLES))
      out.write(
        `  ${c.before.answer.padEnd(5)} → ${c.after.decision.padEnd(5)} ${c.action.tool} ${summary(c)}\n`,
      );
    if (g.changes.length > EXAMPLES) out.write(`  … and ${g.changes.length - EXAMPLES} more\n`);
  }
  if (allowsDenied)
    out.write('\nwarden replay: these rules would allow actions the recorded run denied (exit 1)\n');
  return allowsDenied ? 1 : 0;
}

function changeJson(c: ReplayChange) {
  return {
    id: c.action.id,
    tool: c.action.tool,
    input: c.action.input,
    ...(c.at !== undefined && { at: c.at }),
    before: c.before.verdict,
    beforeAnswer: c.before.answer,
    beforeBy: c.before.by,
    after: c.after.decision,
    by: c.after.by,
    reason: c.after.reason,
  };
}

/** The action in one line, agent bytes made safe for the terminal (as the console shows it). */
function summary(c: ReplayChange): string {
  return clip(actionSummary(c.action), 100);
}

/** `7d`, `12h`, `30m` before now, or an ISO date/time. */
export function parseSince(value: string, now = Date.now()): number | undefined {
  const rel = /^(\d+)\s*([dhm])$/.exec(value.trim());
  if (rel) {
    const unit = rel[2] === 'd' ? 86_400_000 : rel[2] === 'h' ? 3_600_000 : 60_000;
    return now - Number(rel[1]) * unit;
  }
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}
