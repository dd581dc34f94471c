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

export interface AuditOptions {
  readonly now?: () => Date;
  /** Start a new file past this size (default 64 MiB); a new day always starts a new file. */
  readonly maxBytes?: number;
}

/** Longest string kept in a record (a Write's content can be megabytes; the log keeps its head). */
const MAX_STRING = 4000;
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export function auditDir(wardenHome: string): string {
  return path.join(wardenHome, 'audit');
}

/** `audit-2026-11-24.jsonl`, then `audit-2026-11-24.1.jsonl`, `.2`, ... as the day's file fills. */
export function auditFileName(day: string, part: number): string {
  return part === 0 ? `audit-${day}.jsonl` : `audit-${day}.${part}.jsonl`;
}

const FILE_PATTERN = /^audit-(\d{4}-\d{2}-\d{2})(?:\.(\d+))?\.jsonl$/;

/** The log's files, oldest first. */
export function auditFiles(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .map((name) => ({ name, m: FILE_PATTERN.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null)
    .sort((a, b) => a.m[1]!.localeCompare(b.m[1]!) || Number(a.m[2] ?? 0) - Number(b.m[2] ?? 0))
    .map((x) => path.join(dir, x.name));
}

/**
 * Append-only JSON lines under `<wardenHome>/audit/`, a file per day, split by size. Each record
 * is one synchronous write(2) of one whole line on an O_APPEND descriptor: a kill -9 cannot tear
 * it, and a record is in the kernel before the hook is answered.
 */
export function openAuditLog(wardenHome: string, options: AuditOptions = {}): AuditLog {
  const now = options.now ?? (() => new Date());
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const dir = auditDir(wardenHome);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  let day = '';
  let part = 0;
  let size = 0;
  let fd: number | undefined;
  let failed = false;

  const open = (today: string) => {
    if (fd !== undefined) fs.closeSync(fd);
    if (today !== day) {
      day = today;
      // Continue after the day's last part (a restart appends to it).
      const parts = auditFiles(dir).filter((f) => path.basename(f).startsWith(`audit-${today}`));
      const last = parts[parts.length - 1];
      part = last ? Number(FILE_PATTERN.exec(path.basename(last))?.[2] ?? 0) : 0;
    }
    fd = fs.openSync(path.join(dir, auditFileName(day, part)), 'a', 0o600);
    size = fs.fstatSync(fd).size;
  };

  return {
    dir,
    write(record) {
      const date = now();
      const stamp = date.toISOString();
      const today = stamp.slice(0, 10);
      try {
        // The stamp leads each line; spliced in rather than copying the record into a new object.
        const line = `{"t":"${stamp}",${serialize(record).slice(1)}\n`;
        if (fd === undefined || today !== day) open(today);
        if (size > 0 && size + line.length > maxBytes) {
          part += 1;
          open(today);
        }
        fs.writeSync(fd!, line);
        size += Buffer.byteLength(line);
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

/** One JSON line; a record too deep to serialize keeps everything but its input. */
function serialize(record: Record<string, unknown>): string {
  try {
    return JSON.stringify(record, hasLongString(record) ? truncateLongStrings : undefined);
  } catch {
    return JSON.stringify(
      { ...record, input: '[not serializable: too deep or cyclic]' },
      truncateLongStrings,
    );
  }
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
  const object = value as Record<string, unknown>;
  for (const key in object)
    if (Object.hasOwn(object, key) && hasLongString(object[key], depth + 1)) return true;
  return false;
}
