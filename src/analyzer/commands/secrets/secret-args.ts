import type { Analysis } from '../../../domain/analysis.js';
import { SECRET_TOKEN } from '../../../places/secret-patterns.js';
import type { Arg } from '../../../shell/words.js';
import { unsure } from '../../verdicts.js';

/** Spots a literal credential (token, `api_key=…`) written into a command line. */

const SECRET_PARAM =
  /([?&]|\b)(api_?key|access_?token|token|secret|password|passwd|client_secret)=(?!\$)([^&\s"']{6,})/gi;
/** Values that stand for a credential in docs and templates: `your_key_here`, `<token>`, `xxx`, `changeme`. */
const PLACEHOLDER =
  /^(your|my)[_-]|^<.*>$|^\[.*\]$|^\{.*\}$|^\$\{.*\}$|^x{3,}|^\*{3,}|^\.{3}|changeme|change_me|example|placeholder|dummy|^replace|^insert|^test(ing)?$|here$/i;

function literalSecretParam(value: string): boolean {
  // every match has `name=value`; most words have no `=`, and matchAll copies the regex per call
  if (!value.includes('=')) return false;
  for (const m of value.matchAll(SECRET_PARAM)) if (!PLACEHOLDER.test(m[3]!)) return true;
  return false;
}

/** A literal credential in the command line leaks it into logs and the transcript. */
export function secretInArgs(argv: readonly Arg[]): Analysis | undefined {
  for (const a of argv) {
    if (a.dynamic) continue;
    if (SECRET_TOKEN.test(a.value) || literalSecretParam(a.value))
      return unsure(
        'secret-in-command',
        'the command line holds a literal credential; read it from an environment variable or a credentials file instead',
      );
  }
  return undefined;
}
