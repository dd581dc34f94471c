import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actionFromToolCall } from '../../src/adapters/tool-call.js';
import { createAnalyzer } from '../../src/analyzer/index.js';
import { decide } from '../../src/policy/decide.js';
import { compileRules } from '../../src/policy/rules/index.js';

const env = { home: '/home/u', wardenHome: '/home/u/.warden', tempDirs: ['/tmp'] };
const analyzer = createAnalyzer();
const rules = compileRules([]);

/** Dangerous commands as argv: quoting is applied word by word below. */
const DANGEROUS: readonly string[][] = [
  ['rm', '-rf', '/home/u'],
  ['rm', '-rf', '/'],
  ['git', 'push', '--force', 'origin', 'main'],
  ['dd', 'if=/dev/zero', 'of=/dev/sda'],
  ['mkfs.ext4', '/dev/sda1'],
  ['chmod', '-R', '777', '/'],
  ['git', 'reset', '--hard', 'HEAD~5'],
  ['shred', '-u', '/home/u/.ssh/id_rsa'],
  ['cat', '/home/u/.ssh/id_rsa'],
];

/** Ways to write one word that the shell reads the same. */
const quoteWord = (word: string) =>
  fc.constantFrom(
    word,
    `'${word}'`,
    `"${word}"`,
    word.length > 1 ? `${word[0]}''${word.slice(1)}` : word,
    word.length > 1 ? `${word[0]}""${word.slice(1)}` : word,
    /^[a-z]/.test(word) ? `\\${word}` : word,
  );

/** Wrappers that run the command they are given. */
const wrap = fc.constantFrom(
  (c: string) => c,
  (c: string) => `sudo ${c}`,
  (c: string) => `env A=1 ${c}`,
  (c: string) => `nice -n 5 ${c}`,
  (c: string) => `nohup ${c}`,
  (c: string) => `timeout 30 ${c}`,
  (c: string) => `command ${c}`,
  (c: string) => `bash -c '${c.replace(/'/g, `'\\''`)}'`,
  (c: string) => `sh -c "${c.replace(/(["\\$`])/g, '\\$1')}"`,
  (c: string) => `true && ${c}`,
  (c: string) => `ls; ${c}`,
  (c: string) => `echo $( ${c} )`,
  (c: string) => `( ${c} )`,
  (c: string) => `echo $(( $( ${c} ) + 1 ))`,
  (c: string) => `{ ${c}; }`,
  (c: string) => `if true; then ${c}; fi`,
);

describe('dangerous commands in disguise (property)', () => {
  it('are never allowed in auto mode, whatever the quoting and wrappers', () => {
    const disguised = fc
      .constantFrom(...DANGEROUS)
      .chain((argv) => fc.tuple(...argv.map(quoteWord)))
      .chain((words) => fc.tuple(fc.constant(words.join(' ')), fc.array(wrap, { maxLength: 3 })))
      .map(([command, wrappers]) => wrappers.reduce((c, w) => w(c), command));
    fc.assert(
      fc.property(disguised, (command) => {
        const action = actionFromToolCall({ tool: 'Bash', input: { command }, cwd: '/home/u/project' });
        const v = decide(action, rules, 'auto', { env, analyzer });
        expect(v.decision, `${command} → ${v.by}: ${v.reason}`).not.toBe('allow');
      }),
      { numRuns: 3000 },
    );
  });
});
