import type { Word, WordPart } from 'unbash';

/** A word of a command as the analyzer sees it: its value when known statically, else dynamic. */
export interface Arg {
  /** The decoded value; for dynamic words, the source text. */
  readonly value: string;
  /** Part of the word is only known at run time (a variable, a command substitution, ...). */
  readonly dynamic: boolean;
  /**
   * Variables whose value (or part of it) the word carries: `$X`, `${X}`, `${X:-d}`, `${X#p}`.
   * Not `${#X}` (a length), `${!X}` (indirection, or names only) or `${X:+alt}` (the alternative).
   * Absent when there are none.
   */
  readonly vars?: readonly string[];
}

const DASHES = /^[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]+/;

/**
 * Reads a word: quoting and escapes removed, `$HOME`/`${HOME}` replaced by the home directory,
 * look-alike unicode dashes at the start treated as `-` (an agent that writes `—rf` means `-rf`).
 */
/** Shell variables assigned a literal value earlier in the same script (`f=/etc/passwd; cat $f`). */
export type Vars = ReadonlyMap<string, string>;

const NO_VARS: Vars = new Map();

export function readWord(word: Word, home: string, vars: Vars = NO_VARS): Arg {
  const parts = word.parts;
  let value: string;
  let dynamic = false;
  let expands: string[] = [];
  if (!parts) value = word.value;
  else {
    const out: WordText = { text: '', dynamic: false, vars: [] };
    readParts(parts, home, out, vars);
    value = out.text;
    dynamic = out.dynamic;
    expands = out.vars;
  }
  const arg = { value: value.replace(DASHES, (m) => '-'.repeat(m.length)), dynamic };
  return expands.length > 0 ? { ...arg, vars: expands } : arg;
}

/** The variables whose values parts of a word (or a heredoc body) carry; see Arg.vars. */
export function expandedVars(parts: readonly WordPart[] | undefined, home: string): readonly string[] {
  if (!parts) return [];
  const out: WordText = { text: '', dynamic: false, vars: [] };
  readParts(parts, home, out, NO_VARS);
  return out.vars;
}

interface WordText {
  text: string;
  dynamic: boolean;
  vars: string[];
}

/** Whether an expansion yields (part of) the variable's value rather than its length or an alternative. */
function carriesValue(part: WordPart): boolean {
  if (part.type === 'SimpleExpansion') return true;
  if (part.type !== 'ParameterExpansion' || part.prefix) return false;
  const op = part.operation;
  if (op?.type === 'Default') return op.operator !== '+' && op.operator !== ':+';
  // `${KEY:0:8}`: a few leading characters, the usual way to check which key is loaded
  if (op?.type === 'Slice' && op.length && /^\d+$/.test(op.length.value) && Number(op.length.value) <= 12)
    return false;
  return true;
}

function readParts(parts: readonly WordPart[], home: string, out: WordText, vars: Vars): void {
  for (const part of parts) {
    switch (part.type) {
      case 'Literal':
      case 'SingleQuoted':
      case 'AnsiCQuoted':
        out.text += part.value;
        break;
      case 'Glob':
      case 'ExtendedGlob':
      case 'BraceExpansion':
        out.text += part.text;
        break;
      case 'DoubleQuoted':
      case 'LocaleString':
        readParts(part.parts, home, out, vars);
        break;
      case 'SimpleExpansion':
      case 'ParameterExpansion': {
        const name = part.type === 'SimpleExpansion' ? part.text.slice(1) : part.parameter;
        const plain = part.type === 'SimpleExpansion' || (!part.operation && !part.prefix && !part.index);
        if (plain && vars.has(name)) out.text += vars.get(name)!;
        else if (plain && name === 'HOME') out.text += home;
        else if (plain && name === 'PWD') out.text += '.';
        else if (plain && (name === 'TMPDIR' || name === 'TMP' || name === 'TEMP')) out.text += '/tmp';
        else {
          out.text += part.text;
          out.dynamic = true;
          if (/^[A-Za-z_]\w*$/.test(name) && carriesValue(part)) out.vars.push(name);
        }
        break;
      }
      default:
        out.text += part.text;
        out.dynamic = true;
    }
  }
}

/** Whether a word contains glob characters that the shell would expand. */
export function hasGlob(word: Word | undefined): boolean {
  return !!word?.parts?.some(
    (p) => p.type === 'Glob' || p.type === 'ExtendedGlob' || p.type === 'BraceExpansion',
  );
}

/** The parser keeps the quotes of an assignment-shaped word (`x="a b"`): the body is what is inside. */
export function unquoteAssignment(text: string): string {
  const m = /^(['"])([\s\S]*)\1$/.exec(text);
  if (!m) return text;
  return m[1] === '"' ? m[2]!.replace(/\\(["\\$`])/g, '$1') : m[2]!;
}
