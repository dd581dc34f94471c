import type { RuleHealthFinding } from '../../rule-health/index.js';
import { replaceControl } from '../format.js';
import { HEALTH_MARKS } from './health-state.js';

/**
 * The selected rule's health findings as lines for the rules view: what is wrong (with the kind's
 * mark), then its evidence, at most `max` lines (a finding's own line before any evidence).
 */
export function healthLines(findings: readonly RuleHealthFinding[], max: number): string[] {
  const clean = (s: string) => replaceControl(s, '·');
  const heads = findings.map((f) => {
    const mark = HEALTH_MARKS.find((m) => m.kind === f.kind)?.mark.split(' ')[0] ?? '!';
    return `${mark} ${clean(f.detail)}`;
  });
  const evidence = findings.map((f) => f.evidence.map((e) => `    e.g. ${clean(e)}`));
  // Every finding's headline first; evidence, in order, in the lines left.
  let room = Math.max(0, max - heads.length);
  const lines: string[] = [];
  heads.forEach((head, i) => {
    const shown = evidence[i]!.slice(0, room);
    room -= shown.length;
    lines.push(head, ...shown);
  });
  return lines.slice(0, max);
}
