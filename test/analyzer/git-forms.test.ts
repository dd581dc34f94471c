import { describe, expect, it } from 'vitest';
import { actionFromToolCall } from '../../src/adapters/tool-call.js';
import { createAnalyzer } from '../../src/analyzer/index.js';
import type { Environment } from '../../src/domain/analysis.js';

/** git command lines written the ways other guards' test suites write them: judged by effect. */

const env: Environment = { home: '/home/user', wardenHome: '/home/user/.warden', tempDirs: ['/tmp'] };
const cwd = '/home/user/project';
const analyzer = createAnalyzer();

function kind(command: string): string {
  return analyzer.analyze(actionFromToolCall({ tool: 'Bash', input: { command }, cwd }, 't', 0), env).kind;
}

type Row = [string, 'safe' | 'unsure' | 'dangerous'];

const TABLES: Record<string, Row[]> = {
  'stays safe': [
    ['git checkout main', 'safe'],
    ['git checkout -b x', 'safe'],
    ['git checkout -b x origin/main', 'safe'],
    ['git switch -c feature', 'safe'],
    ['git status --help', 'safe'],
    ['git branch -d merged', 'safe'],
    ['git branch -c old copy', 'safe'],
    ['git rm src/old.ts', 'safe'],
    ['git rm -rf --cached node_modules', 'safe'],
    ['git read-tree HEAD', 'safe'],
    ['git read-tree -m -u HEAD', 'safe'],
    ['git commit -mno -- .', 'safe'],
  ],
  'checkout: TREE-ISH PATH... restores paths': [
    ['git checkout HEAD file.txt', 'unsure'],
    ['git checkout main a.txt b.txt', 'unsure'],
    ['git checkout -q main file.txt', 'unsure'],
    ['git checkout README.md', 'unsure'],
    ['git checkout --theirs src/a.ts', 'unsure'],
    ['git checkout v1.2.0', 'safe'],
    ['git checkout feature/login', 'safe'],
    ['git checkout --track main file.txt', 'unsure'],
    ['git checkout HEAD --pathspec-from-file=paths.txt', 'unsure'],
    ['git checkout HEAD --pathspec-from-file paths.txt', 'unsure'],
    ['git checkout HEAD~2 src', 'dangerous'],
    ['git checkout main .', 'dangerous'],
    ['git checkout HEAD -- a.ts', 'unsure'],
    ['git checkout -- src', 'dangerous'],
  ],
  'force discards local changes whatever else is on the line': [
    ['git checkout -f -b new-branch', 'dangerous'],
    ['git checkout -fb new-branch', 'dangerous'],
    ['git switch -fc feature', 'dangerous'],
    ['git read-tree --reset -u HEAD', 'dangerous'],
    ['git read-tree -u --reset HEAD~3', 'dangerous'],
    ['git rm -f src/main.rs', 'unsure'],
    ['git rm -rf src', 'dangerous'],
    ['git rm -f .', 'dangerous'],
    ['git branch -C old-name existing-name', 'dangerous'],
    ['git branch -M old-name existing-name', 'dangerous'],
    ['git branch -c -f old-name existing-name', 'dangerous'],
  ],
  'a value-taking letter ends a short-option cluster': [
    ['git switch -cfeature', 'safe'],
    ['git switch -Cfixup', 'safe'],
    ['git checkout -bfix', 'safe'],
    ['git clean -ef', 'safe'],
    ['git commit -mnotes', 'safe'],
    ['git commit -nm x', 'dangerous'],
  ],
  'help is read-only': [
    ['git restore --help', 'safe'],
    ['git reset --help', 'safe'],
    ['git reset -h', 'safe'],
    ['git --help reset', 'safe'],
    ['git push --force --help', 'safe'],
    ['git restore -- --help.md', 'unsure'],
  ],
  'command names': [
    ['gIt.ExE branch -D merged-branch', 'dangerous'],
    ['GIT reset --hard', 'dangerous'],
    ['git.exe push --force origin feature', 'dangerous'],
    ['git branch --format "$(format_producer)"', 'safe'],
    ['vgremove vg0', 'unsure'],
    ['disk-format /dev/x', 'unsure'],
    ['bash -c', 'safe'],
    ['cat list | xargs bash -c', 'unsure'],
  ],
  'pushes to the default branch': [
    ['git push origin main', 'unsure'],
    ['git push -u origin master', 'unsure'],
    ['git push origin HEAD:refs/heads/main', 'unsure'],
    ['git push --force origin main', 'dangerous'],
    ['git push --force-with-lease origin main', 'dangerous'],
    ['git push origin +main', 'dangerous'],
    ['git push origin feature', 'safe'],
  ],
};

describe('git forms', () => {
  for (const [group, rows] of Object.entries(TABLES)) {
    describe(group, () => {
      it.each(rows)('%s → %s', (command, expected) => {
        expect(kind(command)).toBe(expected);
      });
    });
  }
});
