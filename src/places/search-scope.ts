import type { Environment } from '../domain/analysis.js';
import { isInside } from './inside.js';

/**
 * A content search rooted at the home directory, one of its parents or `/` reads every file under
 * it, keys and credentials included. It matters when what it looks for could be a secret
 * (`grep -r 'PRIVATE KEY' ~`, the Grep tool on `/home/me` for `.` in `**\/.aws/credentials`);
 * a search for `example_walk` across home prints nothing secret.
 */
export function searchesAllSecrets(root: string, env: Environment): boolean {
  return root === '/' || isInside(env.home, root);
}

const SECRET_LOOKING =
  /key|token|secret|passw|passwd|pwd|credential|private|auth|bearer|aws_|ghp_|gho_|github_pat|sk-|xox|AKIA|BEGIN|ssh-|\.env|\.ssh|\.aws|\.pem|id_rsa|cookie|session/i;

/** Whether a search's pattern (or file filter) could pull out secrets: secret words, or anything at all. */
export function secretLookingSearch(...parts: readonly (string | undefined)[]): boolean {
  return parts.some(
    (p) =>
      p !== undefined && (SECRET_LOOKING.test(p) || /^(\.|\.\*|\.\+|\^|\$|\^\.\*\$?|\w?)$/.test(p.trim())),
  );
}
