import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditFiles, openAuditLog } from '../../src/broker/audit-log.js';
import { auditStats, readAudit } from '../../src/broker/audit-reader.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'warden-audit-'));

describe('audit log', () => {
  it('rotates by size and by day, and reads back across files in order', () => {
    const home = tmp();
    let now = new Date('2026-11-23T23:59:00Z');
    const log = openAuditLog(home, { now: () => now, maxBytes: 400 });
    for (let i = 0; i < 6; i++) log.write({ event: 'decision', n: i, session: 's', decision: 'allow' });
    now = new Date('2026-11-24T00:01:00Z');
    for (let i = 6; i < 9; i++) log.write({ event: 'decision', n: i, session: 's', decision: 'deny' });
    log.close();
    const files = auditFiles(path.join(home, 'audit')).map((f) => path.basename(f));
    expect(files[0]).toBe('audit-2026-11-23.jsonl');
    expect(files.some((f) => /^audit-2026-11-23\.\d+\.jsonl$/.test(f))).toBe(true);
    expect(files[files.length - 1]!.startsWith('audit-2026-11-24')).toBe(true);
    const { records, warnings } = readAudit(path.join(home, 'audit'));
    expect(warnings).toEqual([]);
    expect(records.map((r) => r.n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    for (const f of auditFiles(path.join(home, 'audit')))
      expect(fs.statSync(f).size).toBeLessThanOrEqual(400 + 120);
  });

  it('skips a torn last line with a warning and keeps the rest', () => {
    const home = tmp();
    const log = openAuditLog(home);
    log.write({ event: 'decision', n: 1 });
    log.write({ event: 'decision', n: 2 });
    log.close();
    const [file] = auditFiles(path.join(home, 'audit'));
    fs.appendFileSync(file!, '{"event":"decision","n":3,"inp');
    const { records, warnings } = readAudit(path.join(home, 'audit'));
    expect(records.map((r) => r.n)).toEqual([1, 2]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/:3: torn last line/);
  });

  it('keeps the head of huge strings so one Write cannot bloat the log', () => {
    const home = tmp();
    const log = openAuditLog(home);
    log.write({ event: 'decision', input: { content: 'x'.repeat(1_000_000) } });
    log.close();
    const { records } = readAudit(path.join(home, 'audit'));
    const content = (records[0]!.input as { content: string }).content;
    expect(content.length).toBeLessThan(5000);
    expect(content).toMatch(/more characters\]$/);
  });

  it('sums decisions and classifier tokens per session and day', () => {
    const stats = auditStats([
      { event: 'decision', t: '2026-11-24T01:00:00Z', session: 'a', decision: 'allow' },
      { event: 'decision', t: '2026-11-24T01:00:01Z', session: 'a', decision: 'deny' },
      {
        event: 'classifier',
        t: '2026-11-24T01:00:01Z',
        session: 'a',
        inputTokens: 100,
        cachedInputTokens: 80,
        outputTokens: 7,
        latencyMs: 300,
      },
      {
        event: 'classifier',
        t: '2026-11-24T01:00:02Z',
        session: 'a',
        inputTokens: 50,
        cachedInputTokens: 40,
        outputTokens: 5,
        latencyMs: 200,
      },
      { event: 'decision', t: '2026-11-25T01:00:00Z', session: 'a', decision: 'ask' },
    ]);
    expect(stats).toHaveLength(2);
    expect(stats[0]).toMatchObject({
      day: '2026-11-24',
      decisions: 2,
      allow: 1,
      deny: 1,
      classifierCalls: 2,
      inputTokens: 150,
      cachedInputTokens: 120,
      outputTokens: 12,
      classifierMs: 500,
    });
    expect(stats[1]).toMatchObject({ day: '2026-11-25', ask: 1 });
  });

  it('counts claude-code runs and their time apart (they use the person’s Claude plan)', () => {
    const classifier = (session: string, backend: string, requests: number, latencyMs: number) => ({
      event: 'classifier',
      t: '2026-11-24T02:00:00Z',
      session,
      backend,
      requests,
      inputTokens: 10,
      cachedInputTokens: 0,
      outputTokens: 2,
      latencyMs,
    });
    const [a, b] = auditStats([
      classifier('a', 'claude-code', 2, 9000),
      classifier('a', 'claude-code', 1, 4000),
      classifier('a', 'anthropic', 2, 800),
      classifier('b', 'anthropic', 1, 300),
    ]);
    expect(a).toMatchObject({
      session: 'a',
      classifierCalls: 3,
      claudeCodeRuns: 3,
      claudeCodeMs: 13000,
      classifierMs: 13800,
    });
    expect(b).toMatchObject({ session: 'b', claudeCodeRuns: 0, claudeCodeMs: 0 });
  });
});
