import { auditDir } from '../broker/audit-log.js';
import { auditStats, readAudit } from '../broker/audit-reader.js';
import type { Runtime } from './runtime.js';

export interface LogOptions {
  readonly stats: boolean;
  readonly session?: string;
  readonly tail?: number;
}

/** `warden log [--stats]`: the audit log across rotations; a torn tail is skipped with a warning. */
export function log(
  runtime: Runtime,
  options: LogOptions,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): number {
  const { records, warnings } = readAudit(auditDir(runtime.home));
  for (const w of warnings) err.write(`warden: audit: ${w}\n`);
  const picked = records.filter((r) => options.session === undefined || r.session === options.session);
  if (options.stats) {
    out.write(
      'day         session   decisions  allow  deny   ask  classifier calls  input tok  cached tok  output tok  classifier s  claude-code runs  claude-code s\n',
    );
    for (const s of auditStats(picked)) {
      out.write(
        `${s.day}  ${s.session.slice(0, 8).padEnd(8)}  ${String(s.decisions).padStart(9)}  ${String(s.allow).padStart(5)}  ${String(s.deny).padStart(4)}  ${String(s.ask).padStart(4)}  ${String(s.classifierCalls).padStart(16)}  ${String(s.inputTokens).padStart(9)}  ${String(s.cachedInputTokens).padStart(10)}  ${String(s.outputTokens).padStart(10)}  ${(s.classifierMs / 1000).toFixed(1).padStart(12)}  ${String(s.claudeCodeRuns).padStart(16)}  ${(s.claudeCodeMs / 1000).toFixed(1).padStart(13)}\n`,
      );
    }
    return 0;
  }
  const shown = options.tail !== undefined ? picked.slice(-options.tail) : picked;
  for (const r of shown) out.write(`${JSON.stringify(r)}\n`);
  return 0;
}
