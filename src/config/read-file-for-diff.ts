import fs from 'node:fs';

/** Largest file read to show a Write/Edit diff. */
const MAX_DIFF_BYTES = 1024 * 1024;

/** A file's text for a diff; undefined when it is missing, not a file, or too large. */
export function readFileForDiff(file: string): string | undefined {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile() || stat.size > MAX_DIFF_BYTES) return undefined;
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
