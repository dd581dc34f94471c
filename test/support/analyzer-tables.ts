import { describe, expect, it } from 'vitest';
import { actionFromToolCall } from '../../src/adapters/tool-call.js';
import { createAnalyzer } from '../../src/analyzer/index.js';
import type { Environment } from '../../src/domain/analysis.js';

/** The fake machine analyzer table tests run on: home /home/user, project /home/user/project. */
export const TABLE_ENV: Environment = {
  home: '/home/user',
  wardenHome: '/home/user/.warden',
  tempDirs: ['/tmp'],
};
export const TABLE_CWD = '/home/user/project';

export type Expected = 'safe' | 'unsure' | 'dangerous';
export type Row = [string, Expected];

const analyzer = createAnalyzer();

/** The analyzer's answer kind for a shell command (or, with another tool, a file path). */
export function kindOf(command: string, tool = 'Bash', cwd = TABLE_CWD): string {
  const input = tool === 'Bash' ? { command } : { file_path: command, content: 'x' };
  return analyzer.analyze(actionFromToolCall({ tool, input, cwd }, 't', 0), TABLE_ENV).kind;
}

/** One `describe` per group, one test per row: `command → expected kind`. */
export function describeTables(title: string, tables: Record<string, readonly Row[]>): void {
  describe(title, () => {
    for (const [group, rows] of Object.entries(tables)) {
      describe(group, () => {
        it.each(rows)('%s → %s', (command, expected) => {
          expect(kindOf(command)).toBe(expected);
        });
      });
    }
  });
}
