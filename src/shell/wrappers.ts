import type { Arg } from './words.js';
import { WRAPPERS, type WrapperSpec } from './wrapper-table.js';

/** Programs that run another command (the wrapper table, plus xargs and parallel). */
export function isWrapper(name: string): boolean {
  return name in WRAPPERS || name === 'xargs' || name === 'parallel';
}

/** What a wrapper's words say it runs. */
export interface WrapperRead {
  /** Where the options end (the next word is an operand or the command). */
  readonly end: number;
  /** Starts of the command under other readings of an option warden does not know. */
  readonly alternatives: readonly number[];
  /** An option that means no command runs (`command -v`). */
  readonly noRun?: string;
  /** The value of an option that is a shell command line (`su -c CMD`). */
  readonly script?: Arg;
  /** The value of an option split into the command's first words (`env -S 'CMD ARGS'`). */
  readonly split?: Arg;
}

/**
 * Reads a wrapper's options by its table entry: values as the next word, attached (`-uroot`,
 * `-Eu root`: the first value-taking letter of a cluster takes the rest or the next word) or after
 * `=`. A long option the table does not know may take the next word or not: both readings are kept.
 */
export function readWrapperOptions(spec: WrapperSpec, args: readonly Arg[]): WrapperRead {
  const alternatives: number[] = [];
  let script: Arg | undefined;
  let split: Arg | undefined;
  let i = 0;
  const valueAt = (k: number, attached: string): [Arg | undefined, number] =>
    attached ? [{ value: attached, dynamic: args[k]!.dynamic }, k + 1] : [args[k + 1], k + 2];
  while (i < args.length) {
    const a = args[i]!;
    const v = a.value;
    if (spec.noRun?.test(v)) return { end: i, alternatives, noRun: v };
    if (v === '--') {
      i++;
      break;
    }
    if (spec.assignments && /^[A-Za-z_]\w*=/.test(v)) {
      i++;
      continue;
    }
    if (!v.startsWith('-') || (v === '-' && !spec.dashIsOption) || a.dynamic) break;
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const name = eq >= 0 ? v.slice(2, eq) : v.slice(2);
      const attached = eq >= 0 ? v.slice(eq + 1) : '';
      if (spec.scriptOption?.test(`--${name}`) || spec.splitOption?.test(`--${name}`)) {
        const [value, next] =
          eq >= 0 ? [{ value: attached, dynamic: a.dynamic }, i + 1] : [args[i + 1], i + 2];
        if (spec.scriptOption?.test(`--${name}`)) script = value;
        else split = value;
        i = next;
        continue;
      }
      const n = spec.long?.[name];
      if (n !== undefined) i += eq >= 0 ? Math.max(1, n) : 1 + n;
      else {
        if (eq < 0 && !spec.longAttached) alternatives.push(i + 2);
        i++;
      }
      continue;
    }
    const letters = v.slice(1);
    if (/^\d+$/.test(letters)) {
      i++; // nice -10
      continue;
    }
    let next = i + 1;
    for (let k = 0; k < letters.length; k++) {
      const c = letters[k]!;
      const rest = letters.slice(k + 1);
      if (spec.scriptOption?.test(`-${c}`) || spec.splitOption?.test(`-${c}`)) {
        const [value, after] = valueAt(i, rest);
        if (spec.scriptOption?.test(`-${c}`)) script = value;
        else split = value;
        next = after;
        break;
      }
      if (spec.short?.includes(c)) {
        next = rest ? i + 1 : i + 2;
        break;
      }
      if (spec.shortOptional?.includes(c)) break;
    }
    i = next;
  }
  return { end: Math.min(i, args.length), alternatives, ...(script && { script }), ...(split && { split }) };
}
