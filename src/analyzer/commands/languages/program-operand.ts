import path from 'node:path';
import type { Arg } from '../../../shell/words.js';

/**
 * Where a shell or interpreter takes its program from: a script file, a module, or its stdin.
 * Options are skipped with the values they take, so `bash -o errexit` or `ruby -I lib` is not
 * mistaken for a script named `errexit` or `lib`; when in doubt the answer is stdin (fail closed).
 */

/** Options taking the next word as their value, per program family. */
const VALUED: Readonly<Record<string, RegExp>> = {
  shell: /^([-+][oO]|--init-file|--rcfile)$/,
  python: /^-[WXQ]$|^--check-hash-based-pycs$/,
  node: /^(-r|--require|--import|--loader|--experimental-loader|-C|--conditions|--input-type|--env-file|--title|--inspect-port)$/,
  ruby: /^-[IrCEFx]$/,
  perl: /^-[IMmCx]$/,
  php: /^-[dczt]$/,
  lua: /^-[l]$/,
};

/** Paths that mean stdin, after normalizing `//dev/./stdin` and the like. */
const STDIN = /^(-|\/dev\/stdin|\/dev\/fd\/0|\/proc\/[^/]+\/fd\/0)$/;

export function isStdinPath(value: string): boolean {
  return value === '-' || STDIN.test(path.posix.normalize(value));
}

export type ProgramSource =
  | { readonly kind: 'stdin' }
  | { readonly kind: 'module'; readonly name: string }
  | { readonly kind: 'script'; readonly script: Arg };

/**
 * The program a shell (`family` "shell" or "powershell") or interpreter runs. `-s` / `-i` shells, `-` and stdin
 * paths, and no operand at all mean stdin; python's `-m MODULE` counts only before any operand.
 */
export function programSource(family: string, args: readonly Arg[]): ProgramSource {
  const valued = VALUED[family];
  if (family === 'powershell') {
    const file = args.findIndex((a) => /^-f(ile)?$/i.test(a.value));
    const script = file >= 0 ? args[file + 1] : undefined;
    return script && !isStdinPath(script.value) ? { kind: 'script', script } : { kind: 'stdin' };
  }
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const v = a.value;
    if (v === '--') {
      const next = args[i + 1];
      return next && !isStdinPath(next.value) ? { kind: 'script', script: next } : { kind: 'stdin' };
    }
    if (family === 'python' && v === '-m') return { kind: 'module', name: args[i + 1]?.value ?? '' };
    if (family === 'shell' && /^-[a-zA-Z]*[si][a-zA-Z]*$/.test(v)) return { kind: 'stdin' };
    if (valued?.test(v)) {
      i++;
      continue;
    }
    if (v.startsWith('-') && v !== '-') continue;
    if (family === 'shell' && v.startsWith('+')) continue;
    return isStdinPath(v) && !a.dynamic ? { kind: 'stdin' } : { kind: 'script', script: a };
  }
  return { kind: 'stdin' };
}
