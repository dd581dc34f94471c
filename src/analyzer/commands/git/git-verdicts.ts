import { dangerous, unsure } from '../../verdicts.js';

/** Verdict shorthands shared by the git judges: discarded files, destroyed work, bypassed review. */

/** Restoring named files from git overwrites their uncommitted edits, which nothing can bring back. */
export const discardFiles = (sub: string) =>
  unsure(
    'git-discard-file',
    `git ${sub} overwrites uncommitted changes to these files for good; check \`git diff\` first, or \`git stash\``,
  );

export const destroy = (finding: string, reason: string) =>
  dangerous('destroy-or-exfiltrate', finding, reason);
export const bypass = (finding: string, reason: string) => dangerous('bypass-review', finding, reason);
