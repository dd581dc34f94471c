import fs from 'node:fs';
import path from 'node:path';

/** One line of the audit log. `event` says which kind; the rest depends on it. */
export type AuditRecord = { readonly event: string; readonly t?: string } & Readonly<Record<string, unknown>>;

export interface AuditLog {
  /** Appends one record, whole, before the caller answers the agent. Never throws. */
  write(record: AuditRecord): void;
  readonly dir: string;
  close(): void;
}

/** Longest string kept in a record (a Write's content can be megabytes; the log keeps its head). */
const MAX_STRING = 4000;

/**
 * Append-only JSON lines under `<wardenHome>/audit/`, one file per day (`audit-YYYY-MM-DD.jsonl`).
 * Each record is one synchronous write(2) of one whole line on an O_APPEND descriptor: a kill -9
 * cannot tear it, and a record is on disk (in the page cache) before the hook is answered.
 */
export function openAuditLog(wardenHome: string, now: () => Date = () => new Date()): AuditLog {
  const dir = path.join(wardenHome, 'audit');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  let day = '';
  let fd: number | undefined;
  let failed = false;

  const fileFor = (date: Date) => path.join(dir, `audit-${date.toISOString().slice(0, 10)}.jsonl`);

  return {
    dir,
    write(record) {
      const date = now();
      const today = date.toISOString().slice(0, 10);
      try {
        if (fd === undefined || today !== day) {
          if (fd !== undefined) fs.closeSync(fd);
          fd = fs.openSync(fileFor(date), 'a', 0o600);
          day = today;
        }
        const line = `${JSON.stringify({ t: date.toISOString(), ...record }, hasLongString(record) ? truncateLongStrings : undefined)}\n`;
        fs.writeSync(fd, line);
        failed = false;
      } catch (error) {
        if (!failed) process.stderr.write(`warden: cannot write the audit log in ${dir}: ${String(error)}\n`);
        failed = true;
      }
    },
    close() {
      if (fd !== undefined) fs.closeSync(fd);
      fd = undefined;
    },
  };
}

function truncateLongStrings(_key: string, value: unknown): unknown {
  if (typeof value === 'string' && value.length > MAX_STRING) {
    return `${value.slice(0, MAX_STRING)}… [${value.length - MAX_STRING} more characters]`;
  }
  return value;
}

/** Cheap pre-check so the common small record is stringified without a replacer. */
function hasLongString(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.length > MAX_STRING;
  if (typeof value !== 'object' || value === null || depth > 8) return depth > 8;
  for (const v of Object.values(value)) if (hasLongString(v, depth + 1)) return true;
  return false;
}
