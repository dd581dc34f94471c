import fs from 'node:fs';
import path from 'node:path';
import type { AuditRecord } from './audit-log.js';
import { auditFiles } from './audit-log.js';

export interface AuditRead {
  readonly records: AuditRecord[];
  /** Lines that were not whole records (a torn tail after a crash, or damage), with where. */
  readonly warnings: string[];
}

/**
 * Reads every record across the rotated files, oldest first; bad lines are skipped and named.
 * With `sinceDay` (YYYY-MM-DD), files of earlier days are not read.
 */
export function readAudit(dir: string, sinceDay?: string): AuditRead {
  const records: AuditRecord[] = [];
  const warnings: string[] = [];
  for (const file of auditFiles(dir)) {
    const day = /^audit-(\d{4}-\d{2}-\d{2})/.exec(path.basename(file))?.[1];
    if (sinceDay !== undefined && day !== undefined && day < sinceDay) continue;
    const text = fs.readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const tornTail = lines[lines.length - 1] !== '';
    lines.forEach((line, i) => {
      if (line === '') return;
      try {
        const value = JSON.parse(line) as unknown;
        if (typeof value === 'object' && value !== null && typeof (value as AuditRecord).event === 'string') {
          records.push(value as AuditRecord);
          return;
        }
      } catch {
        // fall through to the warning
      }
      const last = i === lines.length - 1 && tornTail;
      warnings.push(
        `${path.basename(file)}:${i + 1}: ${last ? 'torn last line (skipped)' : 'not a record (skipped)'}`,
      );
    });
  }
  return { records, warnings };
}

export interface SessionDayStats {
  readonly day: string;
  readonly session: string;
  decisions: number;
  allow: number;
  deny: number;
  ask: number;
  classifierCalls: number;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  classifierMs: number;
  /** claude-code backend: CLI runs (each one uses the person's Claude plan) and their time. */
  claudeCodeRuns: number;
  claudeCodeMs: number;
}

/** Sums decisions and classifier usage per session and day. */
export function auditStats(records: readonly AuditRecord[]): SessionDayStats[] {
  const rows = new Map<string, SessionDayStats>();
  for (const r of records) {
    if (r.event !== 'decision' && r.event !== 'classifier') continue;
    const day = typeof r.t === 'string' ? r.t.slice(0, 10) : 'unknown';
    const session = typeof r.session === 'string' ? r.session : 'unknown';
    const key = `${day} ${session}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        day,
        session,
        decisions: 0,
        allow: 0,
        deny: 0,
        ask: 0,
        classifierCalls: 0,
        inputTokens: 0,
        cachedInputTokens: 0,
        outputTokens: 0,
        classifierMs: 0,
        claudeCodeRuns: 0,
        claudeCodeMs: 0,
      };
      rows.set(key, row);
    }
    if (r.event === 'decision') {
      row.decisions += 1;
      if (r.decision === 'allow' || r.decision === 'deny' || r.decision === 'ask') row[r.decision] += 1;
    } else {
      row.classifierCalls += 1;
      row.inputTokens += num(r.inputTokens);
      row.cachedInputTokens += num(r.cachedInputTokens);
      row.outputTokens += num(r.outputTokens);
      row.classifierMs += num(r.latencyMs);
      if (r.backend === 'claude-code') {
        row.claudeCodeRuns += typeof r.requests === 'number' ? num(r.requests) : 1;
        row.claudeCodeMs += num(r.latencyMs);
      }
    }
  }
  return [...rows.values()].sort((a, b) => a.day.localeCompare(b.day) || a.session.localeCompare(b.session));
}

function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
