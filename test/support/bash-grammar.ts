import fc from 'fast-check';

/**
 * Random bash source for property tests of warden's parser, bash (`bash -n`) being the oracle.
 * It covers the forms agents write and parsers get wrong: heredocs inside `$(…)` inside double
 * quotes, multi-line quoted programs, nested substitutions, `$'…'`, arithmetic, here-strings,
 * process substitution, case/esac, functions, coprocs, `[[ ]]`, brace groups and comments.
 *
 * Each sample carries how many marker commands (`rm -rf ~/m4rk`) it holds where bash would run
 * them (a command position, a substitution in double quotes or in an unquoted heredoc): a parse
 * that drops one of them hides a command from the judges.
 */
export interface ShellSample {
  readonly text: string;
  /** Marker commands in places bash runs them. */
  readonly live: number;
}

export const MARKER = 'rm -rf ~/m4rk';
/** The marker's path as the parser reads it (`~` is expanded later, by the judges). */
export const MARKER_PATH = '~/m4rk';

const s = (text: string, live = 0): ShellSample => ({ text, live });
const join = (parts: readonly ShellSample[], sep = ''): ShellSample =>
  s(
    parts.map((p) => p.text).join(sep),
    parts.reduce((n, p) => n + p.live, 0),
  );

/** Characters that trip lexers: quotes, parentheses, dollars, comment signs, newlines. */
const TRICKY = [...'abc xyz()"\'`$;{}&|<>#\\\n\t*?![]=~%^-,.:/@+'];

const inert = (exclude: string) =>
  fc
    .array(fc.constantFrom(...TRICKY.filter((c) => !exclude.includes(c))), { maxLength: 14 })
    .map((cs) => cs.join(''));

const name = fc.constantFrom('a', 'x', 'dir', 'file.txt', 'src/main.c', '-n', '--flag=1', '2');
const varName = fc.constantFrom('x', 'HOME', 'arr', 'y_1', '1', '@', '#', '?');

const singleQuoted = inert("'").map((t) => s(`'${t}'`));
const ansiC = fc
  .array(
    fc.constantFrom('a', ' ', "\\'", '\\x41', '\\n', '\\\\', '\\"', '"', ')', '$(', '`', '\\u00e9', '\\t'),
    {
      maxLength: 8,
    },
  )
  .map((p) => s(`$'${p.join('')}'`));
const arith = fc
  .constantFrom(
    '1+2',
    'x * (y - 1)',
    'i++',
    '16#ff',
    'a[1] + b',
    'x ? 1 : 0',
    '1 << 2',
    `${'$'}{#x} + 1`,
    '$x % 3',
  )
  .map((e) => s(`$((${e}))`));

/** Plain text inside double quotes: anything but `"`, `\`, `$` and a backquote. */
const dqText = fc
  .array(fc.constantFrom(...TRICKY.filter((c) => !'"\\$`'.includes(c))), { maxLength: 10 })
  .map((cs) => s(cs.join('')));
const dqEscape = fc.constantFrom('\\"', '\\\\', '\\$', '\\`', '\\x').map((e) => s(e));

/** The grammar (fast-check's depth bias keeps nesting small). */
export function shellScript(): fc.Arbitrary<ShellSample> {
  const { script } = fc.letrec<{
    script: ShellSample;
    line: ShellSample;
    command: ShellSample;
    simple: ShellSample;
    word: ShellSample;
    dq: ShellSample;
    subst: ShellSample;
    heredoc: ShellSample;
  }>((tie) => ({
    // lines separated by newlines; a heredoc's body ends its line
    script: fc.array(tie('line'), { minLength: 1, maxLength: 3 }).map((ls) => join(ls, '\n')),
    line: fc.oneof(
      { weight: 4, arbitrary: tie('command') },
      {
        weight: 2,
        arbitrary: fc.tuple(tie('command'), inert('\n')).map(([c, t]) => s(`${c.text} # ${t}`, c.live)),
      },
      { weight: 2, arbitrary: tie('heredoc') },
    ),
    command: fc.oneof(
      { depthSize: 'small', withCrossShrink: true, maxDepth: 4 },
      { weight: 6, arbitrary: tie('simple') },
      fc
        .tuple(tie('command'), fc.constantFrom(' | ', ' && ', ' || ', '; ', ' & ', ' |& '), tie('command'))
        .map(([a, op, b]) => join([a, s(op), b])),
      tie('script').map((c) => join([s('( '), c, s('\n)')])),
      tie('script').map((c) => join([s('{ '), c, s('\n}')])),
      fc
        .tuple(tie('command'), tie('script'), tie('script'))
        .map(([c, t, e]) => join([s('if '), c, s('; then\n'), t, s('\nelse\n'), e, s('\nfi')])),
      fc
        .tuple(fc.array(tie('word'), { maxLength: 3 }), tie('script'))
        .map(([ws, b]) => join([s('for v in '), join(ws, ' '), s('; do\n'), b, s('\ndone')])),
      tie('script').map((b) => join([s('for ((i=0; i<2; i++)); do\n'), b, s('\ndone')])),
      fc
        .tuple(tie('command'), tie('script'))
        .map(([c, b]) => join([s('while '), c, s('; do\n'), b, s('\ndone')])),
      fc
        .tuple(tie('word'), tie('script'), tie('script'))
        .map(([w, a, b]) =>
          join([s('case '), w, s(' in\n  a|b) '), a, s('\n  ;;\n  (*.c) '), b, s(' ;;\n  *) ;;\nesac')]),
        ),
      tie('script').map((b) => join([s('f() {\n'), b, s('\n}')])),
      tie('script').map((b) => join([s('function g {\n'), b, s('\n}')])),
      tie('script').map((b) => join([s('coproc NAME { '), b, s('\n}')])),
      tie('simple').map((c) => join([s('coproc '), c])),
      fc
        .tuple(tie('word'), tie('word'))
        .map(([a, b]) => join([s('[[ -n '), a, s(' && ( '), b, s(' == x* || $x =~ ^[0-9]+$ ) ]]')])),
      arith.map((a) => s(`(( ${a.text.slice(3, -2)} ))`)),
      tie('simple').map((c) => join([s('time '), c])),
      tie('simple').map((c) => join([s('! '), c])),
    ),
    simple: fc.oneof(
      { weight: 2, arbitrary: fc.constant(s(MARKER, 1)) },
      {
        weight: 6,
        arbitrary: fc
          .tuple(
            fc.constantFrom('echo', 'cat', 'grep -q', 'printf %s', 'git commit -m', 'python3 -c', 'x=1 env'),
            fc.array(tie('word'), { maxLength: 3 }),
            fc.constantFrom('', ' > out', ' 2>&1', ' < in', ' >> log 2>/dev/null', ' &>/dev/null', ' 3>&-'),
          )
          .map(([h, ws, r]) => join([s(`${h} `), join(ws, ' '), s(r)])),
      },
      tie('word').map((w) => join([s('x='), w])),
      tie('word').map((w) => join([s('cat <<< '), w])),
      fc.tuple(tie('script'), tie('script')).map(([a, b]) => join([s('diff <('), a, s(') >('), b, s(')')])),
      fc.tuple(tie('word'), tie('word')).map(([a, b]) => join([s('arr=('), a, s(' '), b, s(')')])),
    ),
    word: fc.oneof(
      { depthSize: 'small', withCrossShrink: true, maxDepth: 4 },
      { weight: 4, arbitrary: name.map((n) => s(n)) },
      { weight: 2, arbitrary: singleQuoted },
      { weight: 3, arbitrary: tie('dq') },
      ansiC,
      arith,
      tie('subst'),
      varName.map((v) => s(`$${v}`)),
      fc
        .tuple(varName, fc.constantFrom(':-', '#*', '%%.*', '//a/', ':+', '^^', '@Q'), tie('word'))
        .map(([v, op, w]) =>
          join([s(`\${${v === '1' || v === '@' || v === '#' || v === '?' ? 'x' : v}${op}`), w, s('}')]),
        ),
      fc.constantFrom('*.txt', '{a,b}', '{1..3}', '~/x', 'a\\ b', '\\$x', '"$@"').map((g) => s(g)),
    ),
    dq: fc
      .array(
        fc.oneof(
          { weight: 3, arbitrary: dqText },
          dqEscape,
          varName.map((v) => s(`$${v}`)),
          arith,
          tie('subst'),
          fc.tuple(fc.constantFrom('x', 'y'), tie('dq')).map(([v, d]) => join([s(`\${${v}:-`), d, s('}')])),
        ),
        { maxLength: 4 },
      )
      .map((ps) => join([s('"'), join(ps), s('"')])),
    subst: fc.oneof(
      tie('script').map((c) => join([s('$('), c, s('\n)')])),
      tie('command').map((c) => join([s('$( '), c, s(' )')])),
      tie('heredoc').map((h) => join([s('$('), h, s('\n)')])),
      tie('simple').map((c) =>
        // backquotes: bash -n leaves their text unparsed until run time, so only one-line
        // commands with no backslash or backquote (which backquotes would unescape) go there
        /[`\\\n]/.test(c.text) ? c : join([s('`'), c, s('`')]),
      ),
    ),
    heredoc: fc
      .tuple(
        fc.constantFrom('cat', 'python3 -', 'node', 'bash', 'cat >> out'),
        fc.constantFrom('EOF', 'PY', 'END_TEXT'),
        fc.constantFrom('unquoted', 'quoted', 'double', 'dash'),
        fc.constantFrom('', ' | grep x', ' > out.txt'),
        // bash -n leaves the substitutions of a heredoc body unparsed until run time: only
        // one-line ones go there, so that each sample's validity is bash's parse of it
        fc.array(
          fc.oneof(
            { weight: 3, arbitrary: inert('\\$`').map((t) => s(t)) },
            tie('simple')
              .filter((c) => !/[`\\\n]/.test(c.text))
              .map((c) => join([s('$( '), c, s(' )')])),
            varName.map((v) => s(`$${v}`)),
          ),
          { maxLength: 4 },
        ),
      )
      .map(([cmd, delim, kind, tail, parts]) => {
        const open =
          kind === 'quoted'
            ? `'${delim}'`
            : kind === 'double'
              ? `"${delim}"`
              : kind === 'dash'
                ? `-${delim}`
                : delim;
        const quoted = kind === 'quoted' || kind === 'double';
        // no body line may end the heredoc early: text lines start with `|`, and a substitution
        // holding a line that reads as the delimiter is left out
        const ends = (l: string) => (kind === 'dash' ? l.replace(/^\t+/, '') : l) === delim;
        const body = parts
          .filter((p) => !p.text.split('\n').some(ends))
          .map((p) =>
            p.text.startsWith('$(') || p.text.startsWith('`')
              ? s(p.text, quoted ? 0 : p.live)
              : s(`\t|${p.text.replace(/\n/g, '\n\t|')}`),
          );
        const close = kind === 'dash' ? `\t${delim}` : delim;
        return join([
          s(`${cmd} <<${open}${tail}\n`),
          join(body, '\n'),
          s(`${body.length ? '\n' : ''}${close}`),
        ]);
      }),
  }));
  return script;
}
