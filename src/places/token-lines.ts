/**
 * What warden's hook token looks like where it is stored (an installed hook's header line and the
 * token alone), for judging whether a search pattern could print it: grep/rg in the analyzer,
 * the Grep tool in decide(). Which files hold the token is console-files.ts's to say.
 */

/** A search pattern as read from a command: its text, and whether it is only known at run time. */
export interface SearchPattern {
  readonly value: string;
  readonly dynamic: boolean;
}

/** A token with every base64url character, so that any character-level pattern finds its kind. */
const SAMPLE_TOKEN = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const TOKEN_LINES = [`            "Authorization": "Bearer ${SAMPLE_TOKEN}"`, SAMPLE_TOKEN];
/** The lines around it in an installed hook, for searches that print context (-A/-B/-C). */
const NEIGHBOUR_LINES = [
  '            "type": "http",',
  '            "url": "http://127.0.0.1:7723/hook/claude-code/PreToolUse",',
  '            "headers": {',
  '            "timeout": 1800',
  '        "PreToolUse": [',
  '    "hooks": {',
];

export interface SearchFlags {
  fixed: boolean;
  extended: boolean;
  perl: boolean;
  ignoreCase: boolean;
  word: boolean;
  line: boolean;
  invert: boolean;
  context: boolean;
  namesOnly: boolean;
}

/** Search flags with the defaults of an extended-regex search that prints lines. */
export function searchFlags(over: Partial<SearchFlags>): SearchFlags {
  return {
    fixed: false,
    extended: true,
    perl: false,
    ignoreCase: false,
    word: false,
    line: false,
    invert: false,
    context: false,
    namesOnly: false,
    ...over,
  };
}

/** BRE to a JavaScript regex: in a BRE `\|`, `\(`, `\{`, `\+`, `\?` are the operators. */
function fromBasic(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\' && i + 1 < p.length) {
      const n = p[++i]!;
      out += '|(){}+?'.includes(n) ? n : `\\${n}`;
    } else out += '|(){}+?'.includes(c) ? `\\${c}` : c;
  }
  return out;
}

/** Whether a grep/rg pattern could print a line of the token's (or its neighbours with context). */
export function patternCouldPrintToken(patterns: readonly SearchPattern[], flags: SearchFlags): boolean {
  if (flags.namesOnly) return false;
  if (flags.invert || patterns.length === 0) return true;
  const lines = flags.context ? [...TOKEN_LINES, ...NEIGHBOUR_LINES] : TOKEN_LINES;
  for (const p of patterns) {
    if (p.dynamic) return true;
    for (const one of p.value.split('\n')) {
      let source = flags.fixed
        ? one.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        : flags.extended || flags.perl
          ? one
          : fromBasic(one);
      source = source.replace(
        /\[\[:(alpha|alnum|digit|upper|lower|space|punct|xdigit|word):\]\]/g,
        (_m, cls: string) =>
          cls === 'alpha'
            ? '[A-Za-z]'
            : cls === 'alnum'
              ? '[A-Za-z0-9]'
              : cls === 'digit'
                ? '\\d'
                : cls === 'upper'
                  ? '[A-Z]'
                  : cls === 'lower'
                    ? '[a-z]'
                    : cls === 'space'
                      ? '\\s'
                      : cls === 'xdigit'
                        ? '[0-9A-Fa-f]'
                        : cls === 'word'
                          ? '\\w'
                          : '[!-/:-@[-`{-~]',
      );
      if (flags.word) source = `\\b(?:${source})\\b`;
      if (flags.line) source = `^(?:${source})$`;
      try {
        const re = new RegExp(source, flags.ignoreCase ? 'i' : '');
        if (lines.some((l) => re.test(l.trim()) || re.test(l))) return true;
      } catch {
        return true;
      }
    }
  }
  return false;
}
