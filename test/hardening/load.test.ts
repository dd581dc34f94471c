import { describe, expect, it } from 'vitest';
import { runLoad } from '../../src/bench/load.js';

describe('load through the endpoint', () => {
  it('50 concurrent sessions × 100 actions: every decision answered once and logged once', async () => {
    const { answers, logged } = await runLoad(50, 100);
    expect(answers).toHaveLength(5000);
    expect(new Set(answers.map((a) => a.id)).size).toBe(5000);
    expect(answers.filter((a) => a.decision !== 'allow')).toEqual([]);
    expect(logged.size).toBe(5000);
    expect([...logged.values()].every((n) => n === 1)).toBe(true);
  }, 60_000);
});
