import { describe, expect, it } from 'vitest';
import { actionFromToolCall } from '../../src/adapters/tool-call.js';
import type { Rule } from '../../src/domain/rule.js';
import { previewRule, previewSteps, type RuleDraft } from '../../src/rules-preview/preview.js';
import { previewSource, riskOf } from '../../src/rules-preview/source.js';
import { env, previewDeps, project, week } from './fixtures.js';

const deps = previewDeps();
const held = [
  actionFromToolCall({ tool: 'Bash', input: { command: 'git push origin fix' }, cwd: project }),
  actionFromToolCall({ tool: 'Bash', input: { command: 'make build' }, cwd: project }),
];
const source = (rules: Rule[] = [], history = week()) =>
  previewSource(deps, { held, history, rules, mode: 'manual', risk: riskOf(deps.analyzer, env) });
const allow = (text: string): RuleDraft => ({ text, effect: 'allow' });

describe('rule preview', () => {
  it('counts the held actions a rule decides now and the recorded ones it would decide differently', () => {
    const p = previewRule(allow('Bash(git push *)'), source());
    expect(p.held).toEqual({ covered: 1, examples: ['git push origin fix'] });
    // Both recorded pushes were held; under the rule they run.
    expect(p.history).toMatchObject({ total: 9, scanned: 9, matched: 2, changed: 2 });
    expect(p.history.examples.map((e) => `${e.before}→${e.after} ${e.summary}`)).toEqual([
      'hold→allow git push origin feature/x',
      'hold→allow git push --force origin main',
    ]);
    expect(p.done).toBe(true);
  });

  it('warns when an allow rule covers an action the analyzer calls dangerous, naming it', () => {
    const p = previewRule(allow('Bash(rm *)'), source());
    expect(p.warning).toMatch(/^also allows rm -rf \/home\/u\/work: the analyzer calls it dangerous \(/);
  });

  it('warns when an allow rule covers a protected path', () => {
    const p = previewRule(allow('Read(~/**)'), source());
    expect(p.warning).toMatch(/^also allows Read \/home\/u\/\.ssh\/id_ed25519: protected path/);
    // A protected read stays held under the allow rule: it is not counted as a change.
    expect(p.history.changed).toBe(0);
  });

  it('warns when a deny rule would block routine actions, and counts them as changes', () => {
    const p = previewRule({ text: 'Read(src/**)', effect: 'deny' }, source());
    expect(p.history).toMatchObject({ matched: 2, changed: 2 });
    expect(p.warning).toBe(`would block 2 recorded actions that ran (e.g. Read ${project}/src/a.ts)`);
    expect(previewRule({ text: 'Bash(curl *)', effect: 'deny' }, source()).warning).toBeUndefined();
  });

  it('sees the rules in force: an existing deny still wins over a new allow', () => {
    const deny: Rule = { effect: 'deny', text: 'Bash(git push --force *)', source: { origin: 'session' } };
    const p = previewRule(allow('Bash(git push *)'), source([deny]));
    expect(p.history.examples.map((e) => `${e.before}→${e.after}`)).toEqual(['hold→allow', 'hold→deny']);
  });

  it('reports a rule that does not parse instead of counting', () => {
    const p = previewRule(allow('Bash(git push'), source());
    expect(p.error).toBeDefined();
    expect(p.history.scanned).toBe(0);
  });

  it('works in slices: each step looks at more, and the last equals the whole run', () => {
    const history = Array.from({ length: 30 }, () => week()).flat();
    const steps = previewSteps(allow('Bash(git *)'), source([], history), { maxActions: 40 });
    const seen: number[] = [];
    let last: ReturnType<typeof previewRule> | undefined;
    for (let step = steps.next(); ; step = steps.next()) {
      seen.push(step.value.history.scanned);
      if (step.done) {
        last = step.value;
        break;
      }
      expect(step.value.done).toBe(false);
    }
    expect(seen.length).toBeGreaterThan(3);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(last).toEqual(previewRule(allow('Bash(git *)'), source([], history)));
    expect(last?.history.matched).toBe(90);
  });
});
