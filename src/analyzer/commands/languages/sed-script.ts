/**
 * What a sed script does beyond printing: commands it runs (the `e` command, the `e` flag of `s`),
 * files it writes (`w`/`W`, the `w FILE` flag of `s`) and files it reads (`r`/`R`). The script is
 * parsed command by command, with addresses, `s`/`y` delimiters and flags, so a `w ` or `/e`
 * inside a pattern is only text.
 */
export interface SedEffects {
  /** Commands run: the text of `e CMD`, or '' when the pattern space (file content) runs. */
  readonly runs: string[];
  readonly writes: string[];
  readonly reads: string[];
}

/** Commands that take no argument. */
const PLAIN = new Set(['=', 'd', 'D', 'g', 'G', 'h', 'H', 'n', 'N', 'p', 'P', 'x', 'z', 'F', '{', '}']);

/** The effects of a sed script, or undefined when it is not a script warden can parse. */
export function parseSedScript(s: string): SedEffects | undefined {
  const fx: SedEffects = { runs: [], writes: [], reads: [] };
  const n = s.length;
  let i = 0;
  const skipBlanks = () => {
    while (i < n && (s[i] === ' ' || s[i] === '\t')) i++;
  };
  const toEol = () => {
    const start = i;
    while (i < n && s[i] !== '\n') i++;
    return s.slice(start, i);
  };
  /** Skips to just past the next unescaped `d`; false when there is none. */
  const past = (d: string) => {
    while (i < n) {
      const c = s[i]!;
      if (c === '\\') i += 2;
      else if (c === d) {
        i++;
        return true;
      } else i++;
    }
    return false;
  };
  const digits = () => {
    while (i < n && /\d/.test(s[i]!)) i++;
  };
  /** One address: a line number (`N`, `N~M`), `$`, `/re/` or `\cREc` with its I/M flags. */
  const address = (): boolean | undefined => {
    const c = s[i];
    if (c === undefined) return false;
    if (/\d/.test(c)) {
      digits();
      if (s[i] === '~') {
        i++;
        digits();
      }
      return true;
    }
    if (c === '$') {
      i++;
      return true;
    }
    if (c === '/' || c === '\\') {
      const d = c === '/' ? '/' : s[i + 1];
      if (d === undefined || d === '\n' || d === '\\') return undefined;
      i += c === '/' ? 1 : 2;
      if (!past(d)) return undefined;
      while (s[i] === 'I' || s[i] === 'M') i++;
      return true;
    }
    return false;
  };
  while (i < n) {
    while (i < n && /[\s;]/.test(s[i]!)) i++;
    if (i >= n) break;
    if (s[i] === '#') {
      toEol();
      continue;
    }
    const first = address();
    if (first === undefined) return undefined;
    if (first) {
      skipBlanks();
      if (s[i] === ',') {
        i++;
        skipBlanks();
        if (s[i] === '+' || s[i] === '~') {
          i++;
          digits();
        } else if (!address()) return undefined;
      }
    }
    skipBlanks();
    while (s[i] === '!') {
      i++;
      skipBlanks();
    }
    const c = s[i++];
    if (c === undefined) return undefined;
    if (PLAIN.has(c)) {
      // `{` opens a block: the next command may follow at once
      if (c === '{') continue;
    } else if (c === ':' || c === 'b' || c === 't' || c === 'T' || c === 'v') {
      while (i < n && !/[\n;}]/.test(s[i]!)) i++;
    } else if (c === 'a' || c === 'i' || c === 'c') {
      // text to the end of the line; a line ending in a backslash goes on
      while (i < n) {
        const line = toEol();
        if (!/(^|[^\\])(\\\\)*\\$/.test(line)) break;
        i++;
      }
    } else if (c === 'l' || c === 'L' || c === 'q' || c === 'Q') {
      skipBlanks();
      digits();
    } else if (c === 'e') {
      skipBlanks();
      fx.runs.push(toEol().trim());
    } else if (c === 'r' || c === 'R' || c === 'w' || c === 'W') {
      // the file name runs to the end of the line, `;` included
      skipBlanks();
      const file = toEol();
      if (file === '') return undefined;
      (c === 'r' || c === 'R' ? fx.reads : fx.writes).push(file);
    } else if (c === 's' || c === 'y') {
      const d = s[i++];
      if (d === undefined || d === '\n' || d === '\\') return undefined;
      if (!past(d) || !past(d)) return undefined;
      if (c === 's')
        while (i < n && /[gpiImMe\dw]/.test(s[i]!)) {
          const f = s[i++]!;
          if (f === 'e') fx.runs.push('');
          if (f === 'w') {
            skipBlanks();
            const file = toEol();
            if (file === '') return undefined;
            fx.writes.push(file);
          }
        }
    } else return undefined;
    skipBlanks();
    if (i < n && !/[\n;}#]/.test(s[i]!)) return undefined;
  }
  return fx;
}
