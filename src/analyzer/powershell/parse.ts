/**
 * A PowerShell reader for judging, not running: it finds every command invocation anywhere in a
 * script (pipelines, `;`/`&&`/`||`, script blocks `{ }`, `( )`, `$( )`, `@( )`, strings that
 * expand `$( )`, here-strings, keyword bodies), with its arguments decoded (quotes, backtick
 * escapes, `''` and `""`, typographic quotes), parameters (`-Name`, `-Name:value`), redirections
 * and the command that feeds it; variables assigned a literal (`$p = '…'`) are substituted later
 * on; .NET member calls (`[IO.File]::Delete(…)`, `$wc.DownloadString(…)`) and bare `$env:X`
 * outputs are listed too. Synchronous and linear. Unbalanced quotes, brackets or here-strings
 * are errors: warden holds what it cannot read.
 *
 * No npm package tokenizes PowerShell synchronously in JavaScript (the ones that exist shell out
 * to a PowerShell process), so this reader is warden's own.
 */

/** One argument as the judge sees it (the shape of the shell analyzer's Arg, plus PowerShell's). */
export interface PsArg {
  /** Decoded value; for dynamic parts, their source text. */
  readonly value: string;
  /** Part of it is only known at run time (a variable, a subexpression, a member access). */
  readonly dynamic: boolean;
  /** Environment variables the value carries (`$env:GITHUB_TOKEN` → GITHUB_TOKEN). */
  readonly vars?: readonly string[];
  /** A parameter name (`-Recurse`, `-Path:x`), without its value. */
  readonly param?: string;
  /** A parameter's value written `-Name:value`. */
  readonly bound?: PsArg;
  /** What kind of element: a word or string, a script block, a `( )` expression, a hashtable. */
  readonly kind: 'word' | 'block' | 'expr' | 'hash';
  /** More items of a comma list (`-Include a,b`). */
  readonly more?: readonly PsArg[];
  /** Source text. */
  readonly text: string;
}

export interface PsRedirect {
  readonly operator: string;
  readonly target: PsArg;
}

export interface PsCommand {
  readonly kind: 'command';
  readonly name: PsArg;
  readonly args: readonly PsArg[];
  readonly redirects: readonly PsRedirect[];
  /** `&` or `.` when invoked with the call or dot-source operator. */
  readonly invoke: '' | '&' | '.';
  /** The pipeline element feeding this one, when there is one. */
  readonly upstream?: PsCommand | PsExpression;
  readonly text: string;
}

/** An expression statement or pipeline head (`$x`, `'text'`, `(Get-Content a).Length`). */
export interface PsExpression {
  readonly kind: 'expression';
  readonly text: string;
  /** The expression is one value: a string, a variable or `$env:X`. */
  readonly value?: PsArg;
  readonly redirects: readonly PsRedirect[];
  /** Nothing reads its output: it is printed (a statement, not a pipeline head or assignment). */
  readonly printed: boolean;
}

/** A .NET member call: `[IO.File]::WriteAllText(a, b)`, `$wc.DownloadFile(u, f)`, `[Type]::new(x)`. */
export interface PsMemberCall {
  readonly kind: 'member';
  /** The type for static calls (`IO.File`, lower-cased, `System.` dropped); undefined for instance calls. */
  readonly type?: string;
  readonly member: string;
  readonly args: readonly PsArg[];
  readonly text: string;
}

/** `$name = …`: a literal value, or dynamic. */
export interface PsAssignment {
  readonly kind: 'assign';
  readonly name: string;
  readonly value: PsArg;
}

/** `New-Object -TypeName X` is a command; `[X]::new()` and `New-Object X` both name the type here. */
export type PsItem = PsCommand | PsExpression | PsMemberCall | PsAssignment;

export interface PsScript {
  readonly items: readonly PsItem[];
  readonly errors: readonly string[];
}

/** Values for variables that are known before the script runs (home, temp, cwd, Windows folders). */
export interface PsEnvironment {
  readonly home: string;
  readonly temp: string;
  readonly cwd: string | undefined;
}

export const MAX_POWERSHELL = 20_000;

const SINGLE_QUOTES = "'\u2018\u2019\u201A\u201B";
const DOUBLE_QUOTES = '"\u201C\u201D\u201E';
const DASHES = '-\u2013\u2014\u2015';
/** Whether `c` is one of `quotes` (an absent character is none). */
function isQuote(quotes: string, c: string | undefined): boolean {
  return c !== undefined && c !== '' && quotes.includes(c);
}

/** Characters that end a bare word in command mode. */
const WORD_END = ' \t\r\n;|&(){},<>\u00A0';

const KEYWORDS = new Set([
  'if',
  'elseif',
  'else',
  'while',
  'for',
  'foreach',
  'switch',
  'do',
  'until',
  'try',
  'catch',
  'finally',
  'trap',
  'function',
  'filter',
  'workflow',
  'return',
  'throw',
  'exit',
  'break',
  'continue',
  'param',
  'begin',
  'process',
  'end',
  'clean',
  'dynamicparam',
  'class',
  'enum',
  'using',
  'data',
  'default',
  'in',
]);

/** Reads a PowerShell script (see the file comment). */
export function parsePowerShell(source: string, env: PsEnvironment): PsScript {
  if (source.length > MAX_POWERSHELL)
    return { items: [], errors: [`PowerShell code longer than ${MAX_POWERSHELL} characters`] };
  const p = new Reader(source, env);
  p.statements('');
  if (p.i < source.length && p.errors.length === 0) p.errors.push(`unexpected '${source[p.i]}'`);
  return { items: p.items, errors: p.errors };
}

class Reader {
  i = 0;
  readonly items: PsItem[] = [];
  readonly errors: string[] = [];
  private readonly vars = new Map<string, string>();
  private depth = 0;
  /** Inside `( )`, `$( )`, a hashtable value, a call's arguments or an assignment: a value, not output. */
  private valueContext = false;

  constructor(
    private readonly s: string,
    private readonly env: PsEnvironment,
  ) {}

  private inValue(read: () => void): void {
    const was = this.valueContext;
    this.valueContext = true;
    read();
    this.valueContext = was;
  }

  private fail(message: string): void {
    if (this.errors.length === 0) this.errors.push(message);
    this.i = this.s.length;
  }

  /** Statements up to `close` (`)` or `}`), which is consumed; '' reads to the end. */
  statements(close: string): void {
    if (++this.depth > 60) {
      this.fail('nested too deeply');
      return;
    }
    for (;;) {
      this.skip(true);
      if (this.i >= this.s.length) {
        if (close) this.fail(`missing '${close}'`);
        break;
      }
      const c = this.s[this.i]!;
      if (c === ';') {
        this.i++;
        continue;
      }
      if (c === ')' || c === '}') {
        if (c === close) this.i++;
        else this.fail(`unexpected '${c}'`);
        break;
      }
      const before = this.i;
      this.statement();
      if (this.i === before) this.fail(`unexpected '${c}'`);
    }
    this.depth--;
  }

  /** Skips spaces, comments and line continuations; newlines too when `lines`. */
  private skip(lines: boolean): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (c === ' ' || c === '\t' || c === '\r' || c === '\u00A0' || c === '\f') this.i++;
      else if (c === '\n' && lines) this.i++;
      else if (c === '`' && (s[this.i + 1] === '\n' || (s[this.i + 1] === '\r' && s[this.i + 2] === '\n')))
        this.i += s[this.i + 1] === '\n' ? 2 : 3;
      else if (c === '<' && s[this.i + 1] === '#') {
        const end = s.indexOf('#>', this.i + 2);
        if (end < 0) {
          this.fail('unterminated block comment');
          return;
        }
        this.i = end + 2;
      } else if (c === '#') {
        const end = s.indexOf('\n', this.i);
        this.i = end < 0 ? s.length : end;
      } else break;
    }
  }

  private atStatementEnd(): boolean {
    const c = this.s[this.i];
    return c === undefined || c === '\n' || c === ';' || c === ')' || c === '}';
  }

  /** One statement: a keyword construct or a pipeline chain (`a | b && c`). */
  private statement(): void {
    const word = /^[A-Za-z]+/.exec(this.s.slice(this.i, this.i + 16))?.[0]?.toLowerCase();
    if (word && KEYWORDS.has(word) && !/[\w\-.\\/:]/.test(this.s[this.i + word.length] ?? ' ')) {
      this.i += word.length;
      this.keyword(word);
      return;
    }
    for (;;) {
      this.pipeline();
      this.skip(false);
      if (this.s.startsWith('&&', this.i) || this.s.startsWith('||', this.i)) {
        this.i += 2;
        this.skip(true);
        continue;
      }
      return;
    }
  }

  /** The rest of a keyword construct: its `( )` and `{ }` parts are read as code. */
  private keyword(word: string): void {
    let last = -1;
    for (;;) {
      this.skip(word !== 'return' && word !== 'throw' && word !== 'exit');
      // a keyword followed by something it cannot take (`function ,`): not PowerShell
      if (this.i === last) {
        this.fail(`unexpected '${this.s[this.i] ?? ''}' after ${word}`);
        return;
      }
      last = this.i;
      const c = this.s[this.i];
      if (c === '(') {
        this.i++;
        this.statements(')');
      } else if (c === '{') {
        this.i++;
        this.statements('}');
        return;
      } else if (c === '[' && (word === 'catch' || word === 'trap')) this.typeLiteral();
      else if (c === '-' && word === 'switch') this.bareWord();
      else if (
        word === 'function' ||
        word === 'filter' ||
        word === 'workflow' ||
        word === 'class' ||
        word === 'enum'
      ) {
        if (c === undefined || this.atStatementEnd()) return;
        this.bareWord();
      } else if (word === 'using') {
        while (!this.atStatementEnd()) this.i++;
        return;
      } else {
        if (
          !this.atStatementEnd() &&
          word !== 'else' &&
          word !== 'try' &&
          word !== 'finally' &&
          word !== 'do'
        )
          this.statement();
        return;
      }
    }
  }

  /** A pipeline: elements joined by `|`, each fed by the one before. */
  private pipeline(): void {
    let upstream: PsCommand | PsExpression | undefined;
    let first = true;
    for (;;) {
      this.skip(false);
      const element = this.element(first, upstream);
      if (!element) return;
      upstream = element;
      first = false;
      this.skip(false);
      if (this.s[this.i] === '|' && this.s[this.i + 1] !== '|') {
        this.i++;
        this.skip(true);
        continue;
      }
      return;
    }
  }

  private element(
    first: boolean,
    upstream: PsCommand | PsExpression | undefined,
  ): PsCommand | PsExpression | undefined {
    const s = this.s;
    const c = s[this.i];
    if (c === undefined || this.atStatementEnd()) return undefined;
    // the call operator `&` and the dot-source operator `.` followed by a space
    if ((c === '&' && s[this.i + 1] !== '&') || (c === '.' && /[\s'"$({]/.test(s[this.i + 1] ?? ''))) {
      this.i++;
      this.skip(false);
      return this.command(c as '&' | '.', upstream);
    }
    if (first && this.startsExpression()) return this.expressionStatement();
    return this.command('', upstream);
  }

  private startsExpression(): boolean {
    const s = this.s;
    const c = s[this.i]!;
    if (c === '$' || c === '(' || c === '[' || c === '@' || c === '!' || c === ',' || c === '+') return true;
    if (SINGLE_QUOTES.includes(c) || DOUBLE_QUOTES.includes(c)) return true;
    if (c >= '0' && c <= '9') return /^\d+(\.\d+)?([kmgtp]b)?\b(?![\w-])/i.test(s.slice(this.i, this.i + 24));
    if (DASHES.includes(c))
      return !/[A-Za-z]/.test(s[this.i + 1] ?? '') || /^-not\b/i.test(s.slice(this.i, this.i + 5));
    return false;
  }

  /** A command: its name, then parameters, arguments and redirections up to the pipeline's end. */
  private command(
    invoke: '' | '&' | '.',
    upstream: PsCommand | PsExpression | undefined,
  ): PsCommand | undefined {
    const start = this.i;
    const name = this.argument();
    if (!name) return undefined;
    const args: PsArg[] = [];
    const redirects: PsRedirect[] = [];
    for (;;) {
      this.skip(false);
      const s = this.s;
      const c = s[this.i];
      if (c === undefined || this.atStatementEnd() || c === '|') break;
      if (c === '&') {
        if (s[this.i + 1] === '&') break;
        this.i++; // `cmd &`: a background job
        break;
      }
      const redirect = this.redirect();
      if (redirect) {
        redirects.push(redirect);
        continue;
      }
      if (c === ',') {
        this.i++;
        this.skip(true);
        const item = this.argument();
        const last = args.pop();
        if (last && item) args.push({ ...last, more: [...(last.more ?? []), item] });
        else if (item) args.push(item);
        continue;
      }
      if (DASHES.includes(c) && /[A-Za-z_?]/.test(s[this.i + 1] ?? '')) {
        args.push(this.parameter());
        continue;
      }
      const a = this.argument();
      if (!a) break;
      args.push(a);
    }
    const cmd: PsCommand = {
      kind: 'command',
      name,
      args,
      redirects,
      invoke,
      ...(upstream && { upstream }),
      text: this.s.slice(start, this.i).trim(),
    };
    this.items.push(cmd);
    return cmd;
  }

  private parameter(): PsArg {
    const start = this.i;
    this.i++;
    while (this.i < this.s.length && /[\w?-]/.test(this.s[this.i]!)) this.i++;
    const name = `-${this.s.slice(start + 1, this.i)}`;
    if (this.s[this.i] === ':' && !/[\s;|]/.test(this.s[this.i + 1] ?? ' ')) {
      this.i++;
      const bound = this.argument();
      if (bound)
        return {
          value: name,
          dynamic: false,
          param: name,
          bound,
          kind: 'word',
          text: this.s.slice(start, this.i),
        };
    }
    return { value: name, dynamic: false, param: name, kind: 'word', text: name };
  }

  /** `>`, `>>`, `2>`, `2>&1`, `*>`, `<` with their target. */
  private redirect(): PsRedirect | undefined {
    const m = /^([1-6*]?)(>>|>)(&[12])?|^</.exec(this.s.slice(this.i, this.i + 5));
    if (!m) return undefined;
    this.i += m[0].length;
    if (m[3]) return { operator: m[0], target: { value: m[3], dynamic: false, kind: 'word', text: m[3] } };
    this.skip(false);
    const target = this.argument();
    if (!target) {
      this.fail(`a redirection without a target`);
      return undefined;
    }
    return { operator: m[0], target };
  }

  /**
   * One argument in command mode: a bare word with any quoted, variable or subexpression parts
   * written next to it, a script block, a `( )` expression, an array or a hashtable.
   */
  private argument(): PsArg | undefined {
    const s = this.s;
    const start = this.i;
    const c = s[this.i];
    if (c === undefined) return undefined;
    if (c === '{') {
      this.i++;
      const was = this.valueContext;
      this.valueContext = false;
      this.statements('}');
      this.valueContext = was;
      return { value: s.slice(start, this.i), dynamic: true, kind: 'block', text: s.slice(start, this.i) };
    }
    if (c === '@' && s[this.i + 1] === '{') {
      this.i += 2;
      this.hashtable();
      return { value: s.slice(start, this.i), dynamic: true, kind: 'hash', text: s.slice(start, this.i) };
    }
    if (c === '(' || (c === '@' && s[this.i + 1] === '(')) {
      this.i += c === '@' ? 2 : 1;
      const before = this.items.length;
      this.inValue(() => this.statements(')'));
      const closed = this.i;
      this.postfix();
      const inner = this.items.slice(before);
      const head = inner.length === 1 ? inner[0] : undefined;
      const only = head?.kind === 'expression' ? head.value : undefined;
      if (only && !only.dynamic && this.i === closed) return { ...only, text: s.slice(start, this.i) };
      return { value: s.slice(start, this.i), dynamic: true, kind: 'expr', text: s.slice(start, this.i) };
    }
    let value = '';
    let dynamic = false;
    const vars: string[] = [];
    while (this.i < s.length) {
      const ch = s[this.i]!;
      if (WORD_END.includes(ch)) break;
      if (ch === '#' && this.i === start) break;
      if (ch === '@' && this.i === start && /^@\w+(?=$|[\s;|&)}])/.test(s.slice(this.i, this.i + 100))) {
        // `@params`: splatting passes a hashtable's entries as parameters
        dynamic = true;
        value += ch;
        this.i++;
        continue;
      }
      if (SINGLE_QUOTES.includes(ch)) value += this.singleQuoted();
      else if (DOUBLE_QUOTES.includes(ch)) {
        const str = this.doubleQuoted();
        value += str.value;
        dynamic ||= str.dynamic;
        vars.push(...(str.vars ?? []));
      } else if (
        ch === '@' &&
        (s[this.i + 1] === "'" || s[this.i + 1] === '"') &&
        /^@['"][ \t]*\r?\n/.test(s.slice(this.i, this.i + 6))
      ) {
        const str = this.hereString();
        value += str.value;
        dynamic ||= str.dynamic;
        vars.push(...(str.vars ?? []));
      } else if (ch === '$') {
        const v = this.variable(true);
        value += v.value;
        dynamic ||= v.dynamic;
        vars.push(...(v.vars ?? []));
      } else if (ch === '`') {
        value += escaped(s[this.i + 1] ?? '');
        this.i += 2;
      } else if (ch === '[' && dynamic && this.i > start) {
        // `$x[0]`: an index into a variable
        const end = matching(s, this.i, '[', ']');
        if (end < 0) {
          this.fail("missing ']'");
          break;
        }
        value += s.slice(this.i, end + 1);
        this.i = end + 1;
      } else {
        value += ch;
        this.i++;
      }
    }
    if (this.i === start) return undefined;
    return {
      value,
      dynamic,
      ...(vars.length > 0 && { vars }),
      kind: 'word',
      text: s.slice(start, this.i),
    };
  }

  /** `$name`, `${name}`, `$env:NAME`, `$(…)`, `$x.Member`, `@splat`: its value when known. */
  private variable(inWord: boolean): { value: string; dynamic: boolean; vars?: string[] } {
    const s = this.s;
    const start = this.i;
    this.i++;
    if (s[this.i] === '(') {
      this.i++;
      this.inValue(() => this.statements(')'));
      return { value: s.slice(start, this.i), dynamic: true };
    }
    let name: string;
    if (s[this.i] === '{') {
      const end = s.indexOf('}', this.i);
      if (end < 0) {
        this.fail("missing '}' in a variable name");
        return { value: '', dynamic: true };
      }
      name = s.slice(this.i + 1, end);
      this.i = end + 1;
    } else {
      const m = /^(?:[A-Za-z_][\w]*:)?[\w?^$]+|^[$?^_]/.exec(s.slice(this.i, this.i + 200));
      if (!m) return { value: '$', dynamic: false };
      name = m[0];
      this.i += name.length;
    }
    const known = this.known(name);
    // member access and indexing make the value dynamic (`$x.Length`, `$env:X.Trim()`)
    let member = false;
    if (inWord) {
      while (s[this.i] === '.' && /[A-Za-z_]/.test(s[this.i + 1] ?? '')) {
        member = true;
        this.i++;
        while (/\w/.test(s[this.i] ?? '')) this.i++;
        if (s[this.i] === '(') {
          this.memberCall(undefined, start);
        }
      }
    }
    const envName = /^env:(.+)$/i.exec(name)?.[1];
    const vars = envName ? [envName] : undefined;
    if (known !== undefined && !member) return { value: known, dynamic: false, ...(vars && { vars }) };
    return { value: envName ? `$${envName}` : s.slice(start, this.i), dynamic: true, ...(vars && { vars }) };
  }

  /** Values known before the script runs, and literals assigned earlier in it. */
  private known(raw: string): string | undefined {
    const name = raw.toLowerCase().replace(/^(script|global|local|private|using):/, '');
    const assigned = this.vars.get(name);
    if (assigned !== undefined) return assigned;
    switch (name) {
      case 'home':
      case 'env:userprofile':
        return this.env.home;
      case 'env:temp':
      case 'env:tmp':
        return this.env.temp;
      case 'env:appdata':
        return `${this.env.home}/AppData/Roaming`;
      case 'env:localappdata':
        return `${this.env.home}/AppData/Local`;
      case 'env:systemroot':
      case 'env:windir':
        return 'C:\\Windows';
      case 'env:programfiles':
        return 'C:\\Program Files';
      case 'env:programdata':
        return 'C:\\ProgramData';
      case 'env:systemdrive':
        return 'C:';
      case 'pwd':
        return this.env.cwd;
      case 'null':
        return '$null';
      case 'true':
        return '$true';
      case 'false':
        return '$false';
      default:
        return undefined;
    }
  }

  /** `'…'`: verbatim, `''` is one quote. */
  private singleQuoted(): string {
    const s = this.s;
    let out = '';
    this.i++;
    while (this.i < s.length) {
      const ch = s[this.i]!;
      if (SINGLE_QUOTES.includes(ch)) {
        if (isQuote(SINGLE_QUOTES, s[this.i + 1])) {
          out += "'";
          this.i += 2;
          continue;
        }
        this.i++;
        return out;
      }
      out += ch;
      this.i++;
    }
    this.fail('unterminated string');
    return out;
  }

  /** `"…"`: backtick escapes, `""`, and `$x` / `$( )` expanded (dynamic unless known). */
  private doubleQuoted(): { value: string; dynamic: boolean; vars?: string[] } {
    const s = this.s;
    let value = '';
    let dynamic = false;
    const vars: string[] = [];
    this.i++;
    while (this.i < s.length) {
      const ch = s[this.i]!;
      if (DOUBLE_QUOTES.includes(ch)) {
        if (isQuote(DOUBLE_QUOTES, s[this.i + 1])) {
          value += '"';
          this.i += 2;
          continue;
        }
        this.i++;
        return { value, dynamic, ...(vars.length > 0 && { vars }) };
      }
      if (ch === '`') {
        value += escaped(s[this.i + 1] ?? '');
        this.i += 2;
      } else if (ch === '$' && /[\w{(:?^$]/.test(s[this.i + 1] ?? '')) {
        const v = this.variable(false);
        value += v.value;
        dynamic ||= v.dynamic;
        if (v.vars) vars.push(...v.vars);
      } else {
        value += ch;
        this.i++;
      }
    }
    this.fail('unterminated string');
    return { value, dynamic };
  }

  /** `@' … '@` (verbatim) and `@" … "@` (expanding): the closing quote starts a line. */
  private hereString(): { value: string; dynamic: boolean; vars?: string[] } {
    const s = this.s;
    const quote = s[this.i + 1]!;
    const bodyStart = s.indexOf('\n', this.i) + 1;
    const close = new RegExp(`\\n[ \\t]*${quote}@`, 'g');
    close.lastIndex = bodyStart - 1;
    const m = close.exec(s);
    if (!m) {
      this.fail('unterminated here-string');
      return { value: '', dynamic: true };
    }
    const body = s.slice(bodyStart, m.index).replace(/\r$/, '');
    this.i = m.index + m[0].length;
    if (quote === "'") return { value: body, dynamic: false };
    // an expanding here-string: its `$( )` parts run
    const inner = new Reader(`"${body.replace(/"/g, '`"')}"`, this.env);
    for (const [k, v] of this.vars) inner.vars.set(k, v);
    const str = inner.doubleQuoted();
    this.items.push(...inner.items);
    if (inner.errors.length) this.fail(inner.errors[0]!);
    return str;
  }

  /** `@{ key = value; … }`: keys are names, values are code. */
  private hashtable(): void {
    for (;;) {
      this.skip(true);
      const c = this.s[this.i];
      if (c === undefined) {
        this.fail("missing '}'");
        return;
      }
      if (c === ';') {
        this.i++;
        continue;
      }
      if (c === '}') {
        this.i++;
        return;
      }
      // the key: a name, a string or an expression, up to `=`
      const eq = this.s.indexOf('=', this.i);
      const close = this.s.indexOf('}', this.i);
      if (eq < 0 || (close >= 0 && close < eq)) {
        this.fail('a hashtable entry without a value');
        return;
      }
      if (SINGLE_QUOTES.includes(c)) this.singleQuoted();
      else if (DOUBLE_QUOTES.includes(c)) this.doubleQuoted();
      else this.i = eq;
      this.skip(false);
      if (this.s[this.i] !== '=') {
        this.fail('a hashtable entry without a value');
        return;
      }
      this.i++;
      this.skip(true);
      this.inValue(() => this.statement());
    }
  }

  /** `[Type]`, `[Type[]]`, `[Collections.Generic.List[string]]`: its name. */
  private typeLiteral(): string {
    const end = matching(this.s, this.i, '[', ']');
    if (end < 0) {
      this.fail("missing ']'");
      return '';
    }
    const name = this.s.slice(this.i + 1, end).trim();
    this.i = end + 1;
    return name;
  }

  /** A statement that starts with an expression: assignments, values, member calls. */
  private expressionStatement(): PsExpression | undefined {
    const s = this.s;
    const start = this.i;
    const before = this.items.length;
    // `$name = …` (also `+=`, `-=`, …, and `[type]$name = …`)
    const assign = /^(?:\[[\w.[\]]+\]\s*)?\$(\{[^}]+\}|(?:[A-Za-z_]\w*:)?\w+)\s*([-+*/%]?=)(?!=)/.exec(
      s.slice(this.i, this.i + 300),
    );
    if (assign) {
      const name = assign[1]!.replace(/^\{|\}$/g, '').toLowerCase();
      this.i += assign[0].length;
      this.skip(true);
      const valueStart = this.i;
      const literal = this.literalValue();
      if (literal !== undefined && assign[2] === '=') {
        this.vars.set(name, literal);
        this.items.push({
          kind: 'assign',
          name,
          value: { value: literal, dynamic: false, kind: 'word', text: s.slice(valueStart, this.i) },
        });
      } else {
        this.i = valueStart;
        this.vars.delete(name);
        this.inValue(() => this.statement());
        this.items.push({
          kind: 'assign',
          name,
          value: {
            value: s.slice(valueStart, this.i),
            dynamic: true,
            kind: 'expr',
            text: s.slice(valueStart, this.i),
          },
        });
      }
      return undefined;
    }
    let single: PsArg | undefined;
    let parts = 0;
    const redirects: PsRedirect[] = [];
    for (;;) {
      this.skip(false);
      const c = s[this.i];
      if (c === undefined || this.atStatementEnd() || c === '|') break;
      if ((c === '&' && s[this.i + 1] === '&') || (c === '|' && s[this.i + 1] === '|')) break;
      parts++;
      const r = c === '>' || (/[1-6*]/.test(c) && s[this.i + 1] === '>') ? this.redirect() : undefined;
      if (r) {
        redirects.push(r);
        parts--;
        continue;
      }
      if (c === '[') {
        const type = this.typeLiteral();
        if (s.startsWith('::', this.i)) {
          this.i += 2;
          const m = /^\w+/.exec(s.slice(this.i, this.i + 100));
          if (!m) continue;
          this.i += m[0].length;
          if (s[this.i] === '(') this.memberCall(type, start, m[0]);
          else
            this.items.push({
              kind: 'member',
              type: typeName(type),
              member: m[0].toLowerCase(),
              args: [],
              text: s.slice(start, this.i),
            });
        }
        continue;
      }
      if (
        c === '(' ||
        c === '@' ||
        c === '$' ||
        c === '{' ||
        SINGLE_QUOTES.includes(c) ||
        DOUBLE_QUOTES.includes(c)
      ) {
        const a = c === '$' ? this.variableArg() : this.argument();
        if (!a) {
          this.i++;
          continue;
        }
        single = parts === 1 ? a : undefined;
        this.postfix();
        continue;
      }
      if (c === '.' && /[A-Za-z_]/.test(s[this.i + 1] ?? '')) {
        this.postfix();
        continue;
      }
      if (DASHES.includes(c) && /[A-Za-z]/.test(s[this.i + 1] ?? '')) {
        // operators: -split, -replace, -f, -eq, -not, -join, …
        this.i++;
        while (/\w/.test(s[this.i] ?? '')) this.i++;
        continue;
      }
      this.i++;
    }
    const piped = s[this.i] === '|' && s[this.i + 1] !== '|';
    const expr: PsExpression = {
      kind: 'expression',
      text: s.slice(start, this.i).trim(),
      ...(single && parts === 1 && this.items.length === before && { value: single }),
      redirects,
      printed: !piped && !this.valueContext,
    };
    this.items.push(expr);
    return expr;
  }

  /** A `$…` value in an expression, with its member accesses and calls. */
  private variableArg(): PsArg {
    const start = this.i;
    const v = this.variable(true);
    return {
      value: v.value,
      dynamic: v.dynamic,
      ...(v.vars && { vars: v.vars }),
      kind: 'word',
      text: this.s.slice(start, this.i),
    };
  }

  /** After a value: `.Member`, `.Member(…)`, `[index]`, `::Member(…)`. */
  private postfix(): void {
    const s = this.s;
    const start = this.i;
    for (;;) {
      if (s[this.i] === '.' && /[A-Za-z_]/.test(s[this.i + 1] ?? '')) {
        this.i++;
        const m = /^\w+/.exec(s.slice(this.i, this.i + 100))!;
        this.i += m[0].length;
        if (s[this.i] === '(') this.memberCall(undefined, start, m[0]);
      } else if (s.startsWith('::', this.i) && /[A-Za-z_]/.test(s[this.i + 2] ?? '')) {
        this.i += 2;
        const m = /^\w+/.exec(s.slice(this.i, this.i + 100))!;
        this.i += m[0].length;
        if (s[this.i] === '(') this.memberCall(undefined, start, m[0]);
      } else if (s[this.i] === '[') {
        const end = matching(s, this.i, '[', ']');
        if (end < 0) {
          this.fail("missing ']'");
          return;
        }
        this.i = end + 1;
      } else return;
    }
  }

  /** `(a, b)` after a member name: the arguments, each a value when it is one literal or known variable. */
  private memberCall(type: string | undefined, start: number, member?: string): void {
    const s = this.s;
    const name = member ?? /(\w+)$/.exec(s.slice(start, this.i))?.[1] ?? '';
    const end = matching(s, this.i, '(', ')');
    if (end < 0) {
      this.fail("missing ')'");
      return;
    }
    const inner = s.slice(this.i + 1, end);
    const args: PsArg[] = [];
    for (const part of splitTopLevel(inner)) {
      const sub = new Reader(part.trim(), this.env);
      sub.valueContext = true;
      for (const [k, v] of this.vars) sub.vars.set(k, v);
      const a = part.trim() === '' ? undefined : sub.argumentValue();
      this.items.push(...sub.items);
      if (sub.errors.length) this.fail(sub.errors[0]!);
      if (a) args.push(a);
    }
    this.i = end + 1;
    this.items.push({
      kind: 'member',
      ...(type !== undefined && { type: typeName(type) }),
      member: name.toLowerCase(),
      args,
      text: s.slice(start, this.i),
    });
  }

  /** One argument of a member call: a literal or known variable is a value; anything else is read as code. */
  argumentValue(): PsArg | undefined {
    const literal = this.literalValue();
    if (literal !== undefined && this.i >= this.s.length)
      return { value: literal, dynamic: false, kind: 'word', text: this.s };
    this.i = 0;
    const before = this.items.length;
    this.statements('');
    const only = this.items.length === before + 1 ? this.items[before] : undefined;
    if (only?.kind === 'expression' && only.value) {
      this.items.pop();
      return only.value;
    }
    return { value: this.s, dynamic: true, kind: 'expr', text: this.s };
  }

  /** A lone string or known variable, followed by the statement's end: its value. */
  private literalValue(): string | undefined {
    const s = this.s;
    const start = this.i;
    const c = s[this.i];
    if (c === undefined) return undefined;
    let value: string | undefined;
    if (SINGLE_QUOTES.includes(c)) value = this.singleQuoted();
    else if (DOUBLE_QUOTES.includes(c)) {
      const items = this.items.length;
      const str = this.doubleQuoted();
      value = str.dynamic || this.items.length !== items ? undefined : str.value;
    } else if (c === '@' && /^@['"][ \t]*\r?\n/.test(s.slice(this.i, this.i + 6))) {
      const str = this.hereString();
      value = str.dynamic ? undefined : str.value;
    }
    if (value === undefined) {
      this.i = start;
      return undefined;
    }
    this.skip(false);
    if (this.atStatementEnd() || s.startsWith('&&', this.i) || s.startsWith('||', this.i)) return value;
    this.i = start;
    return undefined;
  }

  /** A bare word in keyword position (a function's name, a switch's option). */
  private bareWord(): void {
    while (this.i < this.s.length && !WORD_END.includes(this.s[this.i]!)) this.i++;
  }
}

/** What a backtick before `c` stands for. */
function escaped(c: string): string {
  switch (c) {
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case 'r':
      return '\r';
    case '0':
      return '\0';
    case 'a':
      return '\x07';
    case 'b':
      return '\b';
    case 'e':
      return '\x1b';
    case 'f':
      return '\f';
    case 'v':
      return '\v';
    default:
      return c;
  }
}

/** The index of the bracket closing the one at `at`, skipping quoted strings; -1 when unbalanced. */
function matching(s: string, at: number, open: string, close: string): number {
  let depth = 0;
  for (let i = at; i < s.length; i++) {
    const c = s[i]!;
    if (c === open) depth++;
    else if (c === close) {
      depth--;
      if (depth === 0) return i;
    } else if (SINGLE_QUOTES.includes(c)) {
      i++;
      while (i < s.length && !SINGLE_QUOTES.includes(s[i]!)) i++;
    } else if (DOUBLE_QUOTES.includes(c)) {
      i++;
      while (i < s.length && !DOUBLE_QUOTES.includes(s[i]!)) i += s[i] === '`' ? 2 : 1;
    } else if (c === '`') i++;
  }
  return -1;
}

/** Splits `a, (b, c), 'd,e'` at its top-level commas. */
function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (SINGLE_QUOTES.includes(c)) {
      i++;
      while (i < s.length && !SINGLE_QUOTES.includes(s[i]!)) i++;
    } else if (DOUBLE_QUOTES.includes(c)) {
      i++;
      while (i < s.length && !DOUBLE_QUOTES.includes(s[i]!)) i += s[i] === '`' ? 2 : 1;
    } else if (c === '`') i++;
    else if (c === ',' && depth === 0) {
      out.push(s.slice(from, i));
      from = i + 1;
    }
  }
  out.push(s.slice(from));
  return out.filter((p, _i, all) => p.trim() !== '' || all.length > 1);
}

/** `System.IO.File` and `IO.File` are one type: lower-cased, `System.` dropped. */
function typeName(type: string): string {
  return type.toLowerCase().replace(/^system\./, '');
}
