import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { auditFiles } from '../broker/audit-log.js';
import { decisionReader, type LoggedRecord, type RecordedRead } from './recorded-actions.js';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The audit log's decisions as actions (readAudit then recordedDecisions), without keeping a
 * console's frames waiting: files are read off the main thread, and lines are parsed and actions
 * rebuilt in slices of `sliceMs` with a setImmediate turn between. With `sinceDay` (YYYY-MM-DD),
 * files of earlier days are not read. Lines that are not whole records are skipped.
 */
export async function readDecisionsInSlices(
  dir: string,
  sinceDay?: string,
  sliceMs = 6,
  now: () => number = () => performance.now(),
): Promise<RecordedRead> {
  const reader = decisionReader();
  let start = now();
  for (const file of auditFiles(dir)) {
    const day = /^audit-(\d{4}-\d{2}-\d{2})/.exec(path.basename(file))?.[1];
    if (sinceDay !== undefined && day !== undefined && day < sinceDay) continue;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      continue; // rotated away or unreadable: what is left is still read
    }
    start = now();
    // Line by line with indexOf: no array of every line made at once.
    let lineNo = 0;
    for (let at = 0; at < text.length; ) {
      const end = text.indexOf('\n', at);
      const line = text.slice(at, end < 0 ? text.length : end);
      at = end < 0 ? text.length : end + 1;
      if (line !== '') {
        try {
          const value = JSON.parse(line) as unknown;
          if (
            typeof value === 'object' &&
            value !== null &&
            typeof (value as LoggedRecord).event === 'string'
          )
            reader.add(value as LoggedRecord);
        } catch {
          // not a record (a torn last line): skipped, as readAudit does
        }
      }
      if ((++lineNo & 15) === 0 && now() - start >= sliceMs) {
        await turn();
        start = now();
      }
    }
  }
  return reader.read();
}
