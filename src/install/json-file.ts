import fs from 'node:fs';
import path from 'node:path';

/** Reads a JSON object file; a missing file is `{}`; anything else unreadable is an error naming the file. */
export function readJsonObject(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new Error(`cannot read ${file}: ${(error as Error).message}`);
  }
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `${file} is not valid JSON (${(error as Error).message}); fix or move it, then run this again`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${file} does not hold a JSON object`);
  }
  return value as Record<string, unknown>;
}

/**
 * Writes a JSON object atomically (temp file + rename), keeping a backup of what was there
 * (`<file>.warden-backup`). Returns the backup path, if one was written.
 */
export function writeJsonObject(
  file: string,
  value: Record<string, unknown>,
  mode = 0o600,
): string | undefined {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let backup: string | undefined;
  if (fs.existsSync(file)) {
    backup = `${file}.warden-backup`;
    fs.copyFileSync(file, backup);
  }
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`, { mode });
  fs.renameSync(tmp, file);
  return backup;
}
