import type { Analysis } from '../../domain/analysis.js';
import { dirHoldsTokenFile, tokenFileReason } from '../../places/console-files.js';
import { resolvePath } from '../../places/resolve-path.js';
import { patternCouldPrintToken, searchFlags } from '../../places/token-lines.js';
import type { Arg } from '../../shell/words.js';
import type { ShellContext } from '../commands/context.js';
import { consoleHold } from './facts.js';

/**
 * Readers that reach warden's hook token without naming its file: recursive searches whose
 * pattern could print the token line, archives and recursive copies of a directory that holds a
 * token file, git commands that print or store one, interpreter code that opens one. Which files
 * hold the token is places/console-files.ts's to say.
 */

const tokenRead = (what: string): Analysis =>
  consoleHold(
    'console-token-read',
    `${what} reads a file that holds warden's hook token; only a person reads it (whoever has the token can post to warden's endpoint)`,
  );

const GREP_VALUED =
  /^(-[ABCmdDef]|--(max-count|after-context|before-context|context|regexp|file|devices|directories|binary-files|label|exclude|include|exclude-dir|exclude-from|color|colour|group-separator))$/;
const RG_VALUED =
  /^(-[ABCmegtTjMEf]|--(max-count|after-context|before-context|context|regexp|file|glob|iglob|type|type-not|type-add|threads|max-columns|encoding|max-depth|color|colors|pre|pre-glob|sort|sortr|replace|path-separator|engine|max-filesize|ignore-file|hostname-bin|hyperlink-format|field-context-separator|field-match-separator|context-separator))$/;

/** grep -r, rgrep, rg, ag: a recursive search of a directory that holds a token file. */
export function judgeRecursiveSearch(
  name: string,
  args: readonly Arg[],
  ctx: ShellContext,
): Analysis | undefined {
  const rg = name === 'rg' || name === 'ag';
  const valued = rg ? RG_VALUED : GREP_VALUED;
  const flags = searchFlags({ fixed: name === 'fgrep', extended: name === 'egrep' || rg });
  let recursive = name === 'rgrep' || rg;
  let hidden = !rg;
  const patterns: Arg[] = [];
  const operands: Arg[] = [];
  let explicit = false;
  let ended = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const v = a.value;
    if (!ended && v === '--') {
      ended = true;
      continue;
    }
    if (ended || a.dynamic || !v.startsWith('-') || v === '-') {
      operands.push(a);
      continue;
    }
    if (/^(-e|--regexp)$/.test(v)) {
      explicit = true;
      if (args[i + 1]) patterns.push(args[++i]!);
      continue;
    }
    if (/^(-f|--file)$/.test(v) || /^--file=/.test(v)) {
      explicit = true;
      patterns.push({ value: '', dynamic: true });
      if (v === '-f' || v === '--file') i++;
      continue;
    }
    if (/^--regexp=/.test(v)) {
      explicit = true;
      patterns.push({ value: v.slice(9), dynamic: a.dynamic });
      continue;
    }
    if (v.startsWith('--')) {
      if (/^--(recursive|dereference-recursive)$|^--directories=recurse$/.test(v)) recursive = true;
      if (/^--(hidden|unrestricted|no-ignore|all-types|search-zip)$/.test(v)) hidden = true;
      if (/^--(files-with-matches|files-without-match|count|quiet|silent|files|files-with-matches)$/.test(v))
        flags.namesOnly = true;
      if (/^--(invert-match)$/.test(v)) flags.invert = true;
      if (/^--(ignore-case)$/.test(v)) flags.ignoreCase = true;
      if (/^--(fixed-strings)$/.test(v)) flags.fixed = true;
      if (/^--(extended-regexp)$/.test(v)) flags.extended = true;
      if (/^--(perl-regexp)$/.test(v)) flags.perl = true;
      if (/^--(word-regexp)$/.test(v)) flags.word = true;
      if (/^--(line-regexp)$/.test(v)) flags.line = true;
      if (/^--(after-context|before-context|context)/.test(v)) flags.context = true;
      if (valued.test(v)) i++;
      continue;
    }
    // a short cluster: -rniE, -A3, -C 2, -e PATTERN at its end
    for (let k = 1; k < v.length; k++) {
      const c = v[k]!;
      if (/\d/.test(c)) {
        flags.context = true;
        continue;
      }
      if (c === 'r' || c === 'R') recursive = true;
      else if (c === 'u' || c === '.') hidden = true;
      else if (c === 'l' || c === 'L' || c === 'c' || c === 'q' || (rg && c === 'c')) flags.namesOnly = true;
      else if (c === 'v') flags.invert = true;
      else if (c === 'i') flags.ignoreCase = true;
      else if (c === 'F') flags.fixed = true;
      else if (c === 'E') flags.extended = true;
      else if (c === 'P') flags.perl = true;
      else if (c === 'w') flags.word = true;
      else if (c === 'x') flags.line = true;
      if ('ABC'.includes(c)) flags.context = true;
      if (c === 'e') {
        explicit = true;
        const rest = v.slice(k + 1);
        if (rest) patterns.push({ value: rest, dynamic: a.dynamic });
        else if (args[i + 1]) patterns.push(args[++i]!);
        break;
      }
      if (valued.test(`-${c}`)) {
        if (k === v.length - 1) i++;
        break;
      }
    }
  }
  if (!recursive) return undefined;
  if (!explicit && operands.length > 0) patterns.push(operands.shift()!);
  const places = operands.length > 0 ? operands : [{ value: '.', dynamic: false }];
  for (const place of places) {
    if (place.dynamic) continue;
    const abs = resolvePath(place.value, ctx);
    if (!abs || !dirHoldsTokenFile(abs, ctx.projectRoot, ctx.env)) continue;
    // rg and ag skip hidden directories (.claude) unless told, or unless the search starts inside one
    if (!hidden && !/(^|\/)\.claude(\/|$)/.test(abs) && !abs.startsWith(ctx.env.wardenHome)) continue;
    if (patternCouldPrintToken(patterns, flags)) return tokenRead(`${name} searching ${place.value}`);
  }
  return undefined;
}

/** Archivers and recursive copies: everything under a directory is read (and kept elsewhere). */
export function judgeArchiveOrCopy(
  name: string,
  args: readonly Arg[],
  ctx: ShellContext,
): Analysis | undefined {
  const flagWords = args.filter((a) => !a.dynamic && a.value.startsWith('-')).map((a) => a.value);
  const recursive =
    name === 'tar' ||
    name === 'bsdtar' ||
    name === '7z' ||
    name === '7za' ||
    name === 'ditto' ||
    name === 'zip'
      ? true
      : flagWords.some((f) => /^-[a-zA-Z]*[rRa]|^--(recursive|archive)$/.test(f));
  if (!recursive) return undefined;
  for (const a of args) {
    if (a.dynamic || a.value.startsWith('-')) continue;
    const value = a.value.replace(/^[a-zA-Z]*=/, '');
    const abs = resolvePath(value, ctx);
    if (abs && (dirHoldsTokenFile(abs, ctx.projectRoot, ctx.env) || tokenFileReason(abs, ctx.env)))
      return tokenRead(`${name} of ${a.value}`);
  }
  return undefined;
}

/** git subcommands that print or store a file's content (`git diff --no-index`, `git show REV:PATH`, `git add`). */
const GIT_CONTENT =
  /^(diff|show|cat-file|blame|annotate|log|grep|add|stash|hash-object|archive|apply|format-patch|difftool)$/;

export function judgeGitTokenRead(args: readonly Arg[], ctx: ShellContext): Analysis | undefined {
  const sub = args.find((a) => !a.value.startsWith('-'));
  if (!sub || sub.dynamic || !GIT_CONTENT.test(sub.value)) return undefined;
  const beyondIgnores = args.some((a) =>
    /^(-f|--force|--no-index|--untracked|--no-exclude-standard)$/.test(a.value),
  );
  for (const a of args.slice(args.indexOf(sub) + 1)) {
    if (a.dynamic || a.value.startsWith('-')) continue;
    const colon = a.value.indexOf(':');
    const file = colon >= 0 && !a.value.startsWith('/') ? a.value.slice(colon + 1) : a.value;
    if (!file) continue;
    const abs = resolvePath(file, ctx);
    if (abs && tokenFileReason(abs, ctx.env)) return tokenRead(`git ${sub.value} ${a.value}`);
    // git skips ignored files (Claude Code's settings.local.json is ignored) unless forced past it
    if (beyondIgnores && abs && dirHoldsTokenFile(abs, ctx.projectRoot, ctx.env))
      return tokenRead(`git ${sub.value} ${a.value}`);
  }
  return undefined;
}

/** Quoted literals in interpreter code that name a token file (or `.claude` next to a settings file name). */
export function judgeTokenInCode(code: string, ctx: ShellContext): Analysis | undefined {
  if (!/claude|warden|settings|token|endpoint/i.test(code)) return undefined;
  const literals = [...code.matchAll(/(['"`])((?:\\.|(?!\1)[^\n])*)\1/g)].map((m) => m[2]!);
  for (const literal of literals) {
    const abs = resolvePath(literal, ctx);
    if (abs && tokenFileReason(abs, ctx.env)) return tokenRead(`code opening ${literal}`);
    // `process.env.HOME + '/.warden/token'`, `Path.home() / '.claude/settings.json'`
    const underHome = literal.startsWith('/') ? `${ctx.env.home}${literal}` : `${ctx.env.home}/${literal}`;
    if (/\.(warden|claude)\//.test(literal) && tokenFileReason(underHome, ctx.env))
      return tokenRead(`code opening ~/${literal.replace(/^\//, '')}`);
  }
  // path.join('.claude', 'settings.local.json'), '.claude/' + name
  const dir = literals.find((l) => /(^|\/)\.claude\/?$/.test(l) || /(^|\/)\.warden\/?$/.test(l));
  if (
    dir &&
    (literals.some((l) => /settings.*\.json|^token$|endpoint\.json/.test(l)) ||
      /walk|glob|readdir|rglob|listdir|scandir|Dir\[/.test(code))
  )
    return tokenRead(`code reading ${dir}`);
  return undefined;
}
