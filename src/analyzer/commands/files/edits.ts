import type { Analysis } from '../../../domain/analysis.js';
import { resolvePath } from '../../../places/resolve-path.js';
import { zoneOf } from '../../../places/zones.js';
import type { Arg } from '../../../shell/words.js';
import { atLeastUnsure, safe, unsure } from '../../verdicts.js';
import { type CommandJudge, deeper, hasFlag, type ShellContext, splitArgs } from '../context.js';
import { judgeSql } from '../infra/database.js';
import { parseSedScript } from '../languages/sed-script.js';
import { judgeScriptFile } from '../languages/shells.js';
import { judgeAll, judgeInPlaceEdit, judgeOverwrite, judgeRead, judgeWrite } from '../path-checks.js';

/** Judges for commands that create, empty or edit files in place: touch, mkdir, tee, sed, truncate. */

export const truncate: CommandJudge = (args, cmd, ctx) => {
  if (/^table$/i.test(args[0]?.value ?? ''))
    return judgeSql(`truncate ${args.map((a) => a.value).join(' ')}`, 'sql');
  const sizeFlag = args.findIndex((a) => a.value === '-s' || a.value === '--size');
  const files = splitArgs(args.filter((_, i) => i !== sizeFlag + 1 || sizeFlag < 0)).operands;
  void cmd;
  return judgeAll(
    files.map((o) => {
      const r = judgeWrite(o, ctx, 'truncates');
      return r.kind === 'safe'
        ? unsure(
            'truncate-file',
            `truncate empties ${o.value}; its old content cannot be recovered unless committed`,
          )
        : r;
    }),
  );
};

export const touchLike: CommandJudge = (args, _cmd, ctx) =>
  judgeAll(splitArgs(args).operands.map((o) => judgeWrite(o, ctx, 'creates')));

/**
 * An empty directory runs nothing and grants nothing: `mkdir -p .claude/hooks` or `.vscode` is
 * not yet a protected write (the file written into it later is judged as one). Where it lands
 * still counts: inside the project or a temp dir it is routine, elsewhere it waits.
 */
export const mkdir: CommandJudge = (args, _cmd, ctx) =>
  judgeAll(
    splitArgs(args, { shortValue: 'm' }).operands.map((o) => {
      const r = judgeWrite(o, ctx, 'creates');
      if (r.kind !== 'dangerous' || r.finding !== 'protected-path-write' || o.dynamic) return r;
      const zone = zoneOf(resolvePath(o.value, ctx), ctx);
      if (zone === 'project' || zone === 'project-root' || zone === 'temp')
        return safe(`creates the empty directory ${o.value}, which runs nothing`);
      if (zone === 'home' || zone === 'home-root' || zone === 'other')
        return unsure('write-outside-project', `creates ${o.value}, outside the project`);
      return r;
    }),
  );

/** tee truncates its files like `>`, unless -a appends; fed by a heredoc it is a Write in disguise. */
export const tee: CommandJudge = (args, cmd, ctx) => {
  const { flags, operands } = splitArgs(args);
  const appends = hasFlag(flags, 'a', '--append');
  return judgeAll(
    operands.map((o) =>
      appends ? judgeWrite(o, ctx, 'tee appends to') : judgeOverwrite(o, ctx, cmd.stdinText !== undefined),
    ),
  );
};

/** sed's long options (GNU accepts any unambiguous prefix) and what each takes. */
const SED_LONG: Readonly<
  Record<string, 'script' | 'file' | 'value' | 'in-place' | 'sandbox' | 'help' | 'flag'>
> = {
  '--expression': 'script',
  '--file': 'file',
  '--line-length': 'value',
  '--in-place': 'in-place',
  '--sandbox': 'sandbox',
  '--help': 'help',
  '--version': 'help',
  '--quiet': 'flag',
  '--silent': 'flag',
  '--regexp-extended': 'flag',
  '--separate': 'flag',
  '--unbuffered': 'flag',
  '--null-data': 'flag',
  '--zero-terminated': 'flag',
  '--debug': 'flag',
  '--posix': 'flag',
  '--follow-symlinks': 'flag',
  '--binary': 'flag',
};

function sedLong(name: string): (typeof SED_LONG)[string] | undefined {
  if (name in SED_LONG) return SED_LONG[name];
  const matches = Object.keys(SED_LONG).filter((k) => k.startsWith(name));
  return matches.length === 1 ? SED_LONG[matches[0]!] : undefined;
}

/** A BSD backup suffix written as its own word after -i: `sed -i '' …`, `sed -i .bak …`. */
const BACKUP_SUFFIX = /^$|^\.[\w.~-]*$/;

/**
 * sed: the script is the first operand, or every -e/--expression value (a -f file is a script
 * warden cannot see); option values are neither options nor files (`sed -e -i file` edits
 * nothing). The script is parsed for the commands it runs and the files it writes and reads.
 */
const EMPTY: Arg = { value: '', dynamic: false };

export const sed: CommandJudge = (args, cmd, ctx) => {
  const scripts: string[] = [];
  const scriptFiles: Arg[] = [];
  const operands: Arg[] = [];
  let inPlace = false;
  let sandbox = false;
  let help = false;
  let ended = false;
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    const v = a.value;
    if (!ended && v === '--') {
      ended = true;
      continue;
    }
    if (ended || !v.startsWith('-') || v === '-' || a.dynamic) {
      operands.push(a);
      continue;
    }
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const kind = sedLong(eq < 0 ? v : v.slice(0, eq));
      const value = (): Arg =>
        eq < 0 ? (args[++k] ?? EMPTY) : { value: v.slice(eq + 1), dynamic: a.dynamic };
      if (kind === 'script') scripts.push(value().value);
      else if (kind === 'file') scriptFiles.push(value());
      else if (kind === 'value') value();
      else if (kind === 'in-place') inPlace = true;
      else if (kind === 'sandbox') sandbox = true;
      else if (kind === 'help') help = true;
      continue;
    }
    for (let j = 1; j < v.length; j++) {
      const c = v[j]!;
      if (c === 'e' || c === 'f' || c === 'l') {
        const value: Arg =
          j + 1 < v.length ? { value: v.slice(j + 1), dynamic: a.dynamic } : (args[++k] ?? EMPTY);
        if (c === 'e') scripts.push(value.value);
        if (c === 'f') scriptFiles.push(value);
        break;
      }
      if (c === 'i' || c === 'I') {
        // GNU takes the rest of the word as the backup suffix; BSD takes the next word
        inPlace = true;
        const next = args[k + 1];
        if (
          j === v.length - 1 &&
          next &&
          !next.dynamic &&
          BACKUP_SUFFIX.test(next.value) &&
          args.length > k + 2
        )
          k++;
        break;
      }
    }
  }
  if (help) return safe('sed --help prints usage');
  const explicit = scripts.length > 0 || scriptFiles.length > 0;
  const files = explicit ? operands : operands.slice(1);
  const script = explicit ? scripts.join('\n') : (operands[0]?.value ?? '');
  const out: Analysis[] = [];
  for (const f of files) {
    if (inPlace) out.push(judgeInPlaceEdit(f, ctx, 'sed -i'));
    else {
      const r = judgeRead(f, ctx);
      if (r) out.push(r);
    }
  }
  // --sandbox makes sed refuse e, w and r
  if (sandbox) return judgeAll(out);
  // a script file is judged like a script run by a shell; from stdin, the heredoc is the script
  let source = script;
  for (const f of scriptFiles) {
    const stdin = f.value === '-' || f.value === '/dev/stdin';
    if (stdin && cmd.stdinText !== undefined) source += `\n${cmd.stdinText}`;
    else if (stdin || f.value === '')
      out.push(unsure('sed-script-file', 'the sed script comes from input warden cannot see'));
    else {
      const r = judgeScriptFile(f, ctx, 'sed -f');
      out.push(
        r.kind === 'unsure' && r.finding === 'script-in-temp'
          ? unsure('sed-script-file', `the sed script comes from ${f.value} in a temp dir; read it first`)
          : r,
      );
    }
  }
  const fx = parseSedScript(source);
  if (fx === undefined) {
    if (/(^|[;}\s])e(\s|$)|\/e\b|\bw\s+\//.test(script))
      out.push(unsure('sed-exec', 'the sed script runs commands or writes files (e / w)'));
    return judgeAll(out);
  }
  for (const run of fx.runs)
    out.push(
      run === ''
        ? unsure('sed-exec', 'the sed script runs the text it edits as shell commands (e)')
        : atLeastUnsure(ctx.judgeScript(run, deeper(ctx)), 'sed-exec', `the sed script runs ${run}`),
    );
  for (const w of fx.writes) out.push(judgeSedWrite(w, ctx));
  for (const r of fx.reads) {
    const read = judgeRead({ value: r, dynamic: false }, ctx);
    if (read) out.push(read);
  }
  return judgeAll(out);
};

/** sed's w starts the file afresh, like `>`. */
function judgeSedWrite(file: string, ctx: ShellContext): Analysis {
  const r = judgeOverwrite({ value: file, dynamic: false }, ctx, false);
  return r.kind === 'unsure' && r.finding === 'overwrite-redirect'
    ? unsure(
        'sed-write',
        `the sed script's w replaces all of ${file}, and its old content cannot be recovered; use the Edit tool`,
      )
    : r;
}
