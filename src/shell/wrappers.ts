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

/**
 * What a wrapper of the table runs, read from its words (`args` excludes the wrapper's name):
 * - `no-command`: the subcommand that runs a command is missing (`direnv allow`);
 * - `lookup`: an option that only looks things up (`command -v`, `sudo -l`);
 * - `script`: a shell command line (`su -c CMD`, `flock F -c CMD`); `code` is undefined when missing;
 * - `user-shell`: the words go to another user's shell (`su USER`); `sg GROUP CMD` names its line;
 * - `argv`: the command's words, one per reading of an option warden does not know (the first is
 *   the likeliest); `joined` when the operands are one `sh -c` line (watch).
 */
export type Wrapped =
  | { readonly kind: 'no-command' }
  | { readonly kind: 'lookup'; readonly option: string }
  | { readonly kind: 'script'; readonly code: Arg | undefined }
  | { readonly kind: 'user-shell'; readonly line?: string }
  | { readonly kind: 'argv'; readonly readings: readonly (readonly Arg[])[]; readonly joined: boolean };

/** Reads what the table wrapper `name` runs (xargs and parallel are read in their own way). */
export function wrappedCommand(name: string, args: readonly Arg[]): Wrapped {
  const spec = WRAPPERS[name]!;
  let words = args;
  if (spec.subcommand) {
    if (words[0]?.value !== spec.subcommand) return { kind: 'no-command' };
    words = words.slice(1);
  }
  const read = readWrapperOptions(spec, words);
  if (read.noRun !== undefined) return { kind: 'lookup', option: read.noRun };
  if (read.script) return { kind: 'script', code: read.script };
  const start = read.end;
  // `flock FILE -c CMD`: the command line may follow the operands
  const after = words[start + (spec.positional ?? 0)];
  if (spec.scriptOption && after && spec.scriptOption.test(after.value))
    return { kind: 'script', code: words[start + (spec.positional ?? 0) + 1] };
  const userCommand = name === 'runuser' && words.slice(0, start).some((w) => /^(-u|--user)/.test(w.value));
  if (spec.shellArgs && !userCommand) {
    // `su [-] [USER] [-c CMD]`: what follows the user goes to the user's shell
    const rest = words.slice(start);
    const c = rest.findIndex((w) => spec.scriptOption?.test(w.value));
    if (c >= 0 && rest[c + 1]) return { kind: 'script', code: rest[c + 1]! };
    const joined = rest.find((w, k) => k > 0 && !w.value.startsWith('-'));
    if (name === 'sg' && joined)
      return {
        kind: 'user-shell',
        line: rest
          .slice(1)
          .map((w) => w.value)
          .join(' '),
      };
    return { kind: 'user-shell' };
  }
  const readings = [start, ...read.alternatives].map((s) => {
    let from = s + (spec.positional ?? 0);
    if (words[from]?.value === '--' && from > s) from++; // `timeout 5 -- CMD`
    let argv = words.slice(from);
    if (read.split) argv = [...splitWords(read.split), ...argv];
    return argv;
  });
  const joined = spec.joinedUnless !== undefined && !words.some((w) => spec.joinedUnless!.test(w.value));
  return { kind: 'argv', readings, joined };
}

/** `env -S 'rm -rf "a b"'`: the string's words, as env splits them (quotes group, `\` escapes). */
function splitWords(arg: Arg): Arg[] {
  const out: Arg[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|((?:[^\s"'\\]|\\.)+)/g;
  let word = '';
  let last = -1;
  for (const m of arg.value.matchAll(re)) {
    const gap = last >= 0 && m.index! > last;
    if (gap && word) {
      out.push({ value: word, dynamic: arg.dynamic || /\$/.test(word) });
      word = '';
    }
    word += (m[1] ?? m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1');
    last = m.index! + m[0].length;
  }
  if (word) out.push({ value: word, dynamic: arg.dynamic || /\$/.test(word) });
  return out;
}
