import { describe, expect, it } from 'vitest';
import { actionFromToolCall } from '../../src/adapters/tool-call.js';
import { createAnalyzer } from '../../src/analyzer/index.js';
import type { Environment } from '../../src/domain/analysis.js';
import type { Expected } from '../support/analyzer-tables.js';

/**
 * A project under a temp dir (scratch projects, CI runners, sandboxes, macOS `$TMPDIR`) is never
 * scratch: deleting it, a directory that holds it, the working directory, a whole temp dir or a
 * glob over any of them is held or denied, whichever program deletes; scratch beside it stays routine.
 */

const analyzer = createAnalyzer();

function kind(command: string, cwd: string, env: Environment): string {
  return analyzer.analyze(actionFromToolCall({ tool: 'Bash', input: { command }, cwd }, 't', 0), env).kind;
}

const LINUX: Environment = {
  home: '/home/user',
  wardenHome: '/home/user/.warden',
  tempDirs: ['/tmp', '/var/tmp'],
};
const MAC: Environment = {
  home: '/Users/me',
  wardenHome: '/Users/me/.warden',
  tempDirs: ['/var/folders/ab/cd/T', '/tmp', '/var/tmp'],
};

const HELD = ['unsure', 'dangerous'];

describe('a project at /tmp/work/app', () => {
  const cwd = '/tmp/work/app';
  it.each([
    // the cases
    'rm -rf ..',
    'rm -rf /tmp/work',
    'rm -rf /tmp/*',
    'find .. -delete',
    'cd / && rm -rf tmp/work',
    'rsync -a --delete empty/ ../',
    // other spellings and programs of the same kind
    'rm -rf /tmp',
    'rm -rf "$TMPDIR"',
    'rm -rf $TMPDIR/*',
    'rm -rf /tmp/.*',
    'rm -rf /tmp/w*',
    'rm -rf /tmp/{work,old}',
    'rm -rf /tmp/[vw]ork',
    'rm -rf /tmp/w?rk/',
    'rm -rf ../*',
    'rm -fr ../../work',
    'rm -rf /private/tmp/work',
    '(cd .. && rm -rf app)',
    'cd .. && rm -rf .',
    'pushd /tmp && rm -rf work; popd',
    'cd /tmp; cd work; rm -rf *',
    'find /tmp -mindepth 1 -delete',
    'find .. -exec rm -rf {} +',
    'find /tmp -maxdepth 1 -type d -exec rm -rf {} \\;',
    'unlink ..',
    'mv /tmp/work /tmp/old-work',
    'python3 -c "import shutil; shutil.rmtree(\'/tmp/work\')"',
    'python3 -c "import shutil; shutil.rmtree(\'..\')"',
    "node -e \"require('fs').rmSync('..', {recursive: true, force: true})\"",
    "ruby -e \"require 'fileutils'; FileUtils.rm_rf('/tmp/work')\"",
    'bash -c "rm -rf /tmp/work"',
    'echo /tmp/work | xargs rm -rf',
    'cd /tmp/work && git clean -fdx',
    'sudo rm -rf /tmp/work',
    'rsync -a --delete /tmp/empty/ /tmp/work/',
  ])('%s is held or denied', (command) => {
    expect(HELD).toContain(kind(command, cwd, LINUX));
  });

  it.each<[string, Expected]>([
    ['rm -rf /tmp/build-123', 'safe'],
    ['rm -rf /tmp/work/other', 'safe'],
    ['rm -rf ../other', 'safe'],
    ['rm -rf /tmp/work/app/../other', 'safe'],
    ['rm -rf /tmp/tmp.*', 'safe'],
    ['rm -rf /tmp/{build,dist}-cache', 'safe'],
    ['rm -rf /tmp/*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b', 'safe'],
    ['rm -rf /tmp/pytest-of-user/*', 'safe'],
    ['rm -rf node_modules dist', 'safe'],
    ['rm -f /tmp/out.log', 'safe'],
    ['find /tmp -name "*.sock" -delete', 'safe'],
    ['find .. -name "*.pyc" -delete', 'safe'],
    ['T=$(mktemp -d) && cd "$T" && rm -rf "$T"', 'safe'],
    ['find /tmp -maxdepth 1 -name "tmp.*" -exec rm -rf {} +', 'safe'],
  ])('scratch beside the project: %s → %s', (command, expected) => {
    expect(kind(command, cwd, LINUX)).toBe(expected);
  });
});

describe('the working directory is not scratch either', () => {
  it('holds deleting the directory the command started in, even outside the project', () => {
    const env = LINUX;
    const action = actionFromToolCall(
      {
        tool: 'Bash',
        input: { command: 'rm -rf /tmp/scratch' },
        cwd: '/tmp/scratch/sub',
        projectRoot: '/home/user/p',
      },
      't',
      0,
    );
    expect(HELD).toContain(analyzer.analyze(action, env).kind);
  });
});

describe('a macOS project under $TMPDIR (/private/var/folders/…)', () => {
  const cwd = '/private/var/folders/ab/cd/T/work/app';
  it.each([
    'rm -rf ..',
    'rm -rf /var/folders/ab/cd/T/work',
    'rm -rf /private/var/folders/ab/cd/T/work',
    'rm -rf /var/folders/ab/cd/T/*',
    'rm -rf /private/tmp/*',
  ])('%s is held or denied', (command) => {
    expect(HELD).toContain(kind(command, cwd, MAC));
  });
  it.each([
    'rm -rf /var/folders/ab/cd/T/other',
    'rm -rf /private/var/folders/ab/cd/T/other',
  ])('%s (beside the project) stays routine', (command) => {
    expect(kind(command, cwd, MAC)).toBe('safe');
  });
});
