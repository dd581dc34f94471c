import { describe, expect, it } from 'vitest';
import { verdictFromClassifier } from '../../src/classifier/verdict.js';
import { ESCALATE_CONSECUTIVE } from '../../src/policy/decide.js';

describe('verdictFromClassifier', () => {
  it('allow runs, by the classifier, with its reason', () => {
    expect(verdictFromClassifier({ verdict: 'allow', reason: 'runs the tests' })).toEqual({
      decision: 'allow',
      by: 'classifier',
      reason: 'runs the tests',
    });
  });

  it('block is a denial carrying the model reason and category', () => {
    const v = verdictFromClassifier({
      verdict: 'block',
      category: 'bypass-review',
      reason: 'ask before pushing to main',
    });
    expect(v).toMatchObject({ decision: 'deny', by: 'classifier', category: 'bypass-review' });
    expect(v.reason).toContain('ask before pushing to main');
  });

  it('block after repeated denials is held for a person instead', () => {
    const v = verdictFromClassifier(
      { verdict: 'block', category: 'degrade-security', reason: 'disables TLS checks' },
      { consecutive: ESCALATE_CONSECUTIVE, total: ESCALATE_CONSECUTIVE },
    );
    expect(v).toMatchObject({ decision: 'hold', by: 'classifier', category: 'degrade-security' });
    expect(v.reason).toMatch(/disables TLS checks.*repeated denials/);
    expect(
      verdictFromClassifier({ verdict: 'block', reason: 'r' }, { consecutive: 1, total: 1 }).decision,
    ).toBe('deny');
  });

  it('unsure (every failure) is held, never allowed', () => {
    const v = verdictFromClassifier({
      verdict: 'unsure',
      reason: 'the classifier did not answer within 8000 ms',
    });
    expect(v).toMatchObject({ decision: 'hold', by: 'classifier:unsure' });
    expect(v.reason).toMatch(/8000 ms/);
  });
});
