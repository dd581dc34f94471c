import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { auditDir, openAuditLog } from '../../src/broker/audit-log.js';
import { readAudit } from '../../src/broker/audit-reader.js';
import { readDecisionsInSlices, recordedDecisions } from '../../src/replay/index.js';

const homes: string[] = [];
afterEach(() => {
  for (const h of homes.splice(0)) fs.rmSync(h, { recursive: true, force: true });
});

/** An audit log over two days, split into parts, with a torn last line. */
function auditLog(): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-slices-'));
  homes.push(home);
  let at = Date.UTC(2026, 2, 1, 23, 50);
  const now = () => {
    at += 7_000;
    return new Date(at);
  };
  const log = openAuditLog(home, { now, maxBytes: 4_000 });
  for (let i = 0; i < 300; i++) {
    log.write({
      event: 'decision',
      id: `a${i}`,
      session: i % 2 === 0 ? 's1' : 's2',
      tool: 'Bash',
      input: { command: `echo ${i}` },
      cwd: i % 2 === 0 ? '/tmp/p1' : '/tmp/p2',
      decision: 'allow',
      verdict: i % 3 === 0 ? 'hold' : 'allow',
      by: 'mode:manual',
    });
    if (i % 50 === 0) log.write({ event: 'outcome', id: `a${i}`, ok: true });
  }
  log.close();
  const files = fs.readdirSync(auditDir(home)).sort();
  fs.appendFileSync(path.join(auditDir(home), files[files.length - 1]!), '{"event":"decision","id":"torn');
  return home;
}

describe('reading the audit log in slices', () => {
  it('gives what readAudit + recordedDecisions give, across days and parts, in slices', async () => {
    const home = auditLog();
    expect(fs.readdirSync(auditDir(home)).length).toBeGreaterThan(3);
    const expected = recordedDecisions(readAudit(auditDir(home)).records);
    let tick = 0;
    const clock = () => {
      tick += 2;
      return tick;
    };
    // A clock that runs out every call: a slice ends after every 64 lines.
    const read = await readDecisionsInSlices(auditDir(home), undefined, 1, clock);
    expect(read.decisions.map((d) => [d.action.id, d.action.projectRoot, d.before.verdict])).toEqual(
      expected.decisions.map((d) => [d.action.id, d.action.projectRoot, d.before.verdict]),
    );
    expect(read.decisions).toHaveLength(300);
  });

  it('skips the files of days before sinceDay', async () => {
    const home = auditLog();
    const read = await readDecisionsInSlices(auditDir(home), '2026-03-02');
    expect(read.decisions.length).toBeGreaterThan(0);
    expect(read.decisions.length).toBeLessThan(300);
    expect(read.decisions.every((d) => d.at !== undefined && d.at >= '2026-03-02')).toBe(true);
  });
});
