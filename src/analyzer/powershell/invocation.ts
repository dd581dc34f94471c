import type { Analysis } from '../../domain/analysis.js';
import { resolvePath } from '../../places/resolve-path.js';
import type { Arg } from '../../shell/words.js';
import { deeper, type ShellContext } from '../commands/context.js';
import { judgeScriptFile } from '../commands/languages/shells.js';
import { dangerous, safe, unsure } from '../verdicts.js';
import { judgePowerShell } from './judge.js';

/**
 * `pwsh` / `powershell(.exe)` command lines: `-Command CODE…` (all the words after it are the
 * code), `-EncodedCommand B64` (base64 of UTF-16LE: decoded and judged), `-File script.ps1`,
 * `-WorkingDirectory DIR` (where the code runs), and a bare first word (`powershell Get-Date`
 * is -Command in Windows PowerShell, -File in PowerShell 7: read as code, the stricter of the two).
 * Options are matched as PowerShell does, by any unique prefix, with `-` or `/`.
 */
export type PowerShellProgram =
  | { readonly kind: 'code'; readonly code: string; readonly dynamic: boolean; readonly cwd?: string }
  | { readonly kind: 'encoded'; readonly code: string | undefined; readonly cwd?: string }
  | { readonly kind: 'file'; readonly file: Arg; readonly cwd?: string }
  | { readonly kind: 'stdin'; readonly cwd?: string }
  | { readonly kind: 'none' };

/** Options that take a value (full names, lower-case): `-ExecutionPolicy Bypass`, `-wd C:\x`. */
const VALUED = [
  'executionpolicy',
  'ep',
  'workingdirectory',
  'wd',
  'windowstyle',
  'version',
  'configurationname',
  'custompipename',
  'outputformat',
  'inputformat',
  'settingsfile',
  'psconsolefile',
  'encodedarguments',
  'ea',
];

function option(word: string): string | undefined {
  if (!/^[-/][A-Za-z]/.test(word)) return undefined;
  return word.slice(1).toLowerCase();
}

const isCommand = (o: string) => o === 'c' || (o.length >= 2 && 'command'.startsWith(o));
export const isEncodedOption = (o: string) =>
  o === 'e' || o === 'ec' || (o.length >= 2 && 'encodedcommand'.startsWith(o));
export const isFileOption = (o: string) => o === 'f' || (o.length >= 2 && 'file'.startsWith(o));
const isWorkdir = (o: string) => o === 'wd' || (o.length >= 2 && 'workingdirectory'.startsWith(o));
/** Options (lower-case, without the dash) that take a value. */
export const takesValue = (o: string) =>
  VALUED.some((v) => v === o || (o.length >= 3 && v.startsWith(o))) || o === 'w' || o === 'o' || o === 'v';

/** Reads a PowerShell command line's words (after the program name). */
export function powershellProgram(args: readonly Arg[], ctx: ShellContext): PowerShellProgram {
  let cwd: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const o = a.dynamic ? undefined : option(a.value);
    if (a.value === '-' && !a.dynamic) return { kind: 'stdin', ...(cwd && { cwd }) };
    if (o === undefined) {
      // the first word that is no option: code (Windows PowerShell) or a script (PowerShell 7)
      if (/\.ps1$/i.test(a.value) && !a.dynamic) return { kind: 'file', file: a, ...(cwd && { cwd }) };
      return { kind: 'code', ...codeOf(args.slice(i)), ...(cwd && { cwd }) };
    }
    if (isCommand(o)) {
      const rest = args.slice(i + 1);
      if (rest.length === 0) return { kind: 'none' };
      if (rest.length === 1 && rest[0]!.value === '-' && !rest[0]!.dynamic)
        return { kind: 'stdin', ...(cwd && { cwd }) };
      return { kind: 'code', ...codeOf(rest), ...(cwd && { cwd }) };
    }
    if (isEncodedOption(o)) {
      const b64 = args[i + 1];
      return {
        kind: 'encoded',
        code: b64 && !b64.dynamic ? decodeEncodedCommand(b64.value) : undefined,
        ...(cwd && { cwd }),
      };
    }
    if (isFileOption(o)) {
      const file = args[i + 1];
      if (!file) return { kind: 'none' };
      return file.value === '-'
        ? { kind: 'stdin', ...(cwd && { cwd }) }
        : { kind: 'file', file, ...(cwd && { cwd }) };
    }
    if (isWorkdir(o)) {
      const dir = args[i + 1];
      cwd = dir && !dir.dynamic ? (resolvePath(dir.value, ctx) ?? '\0') : '\0';
      i++;
    } else if (takesValue(o)) i++;
  }
  return { kind: 'stdin', ...(cwd && { cwd }) };
}

/** The code of `-Command a b c`: PowerShell joins the words with spaces; quoted words keep their quotes. */
function codeOf(words: readonly Arg[]): { code: string; dynamic: boolean } {
  if (words.length === 1) return { code: words[0]!.value, dynamic: words[0]!.dynamic };
  return {
    code: words
      .map((w) => (/[\s;|&]/.test(w.value) && !w.dynamic ? `'${w.value.replace(/'/g, "''")}'` : w.value))
      .join(' '),
    dynamic: words.some((w) => w.dynamic),
  };
}

/** `-EncodedCommand`: base64 of the UTF-16LE code; undefined when it is not that. */
export function decodeEncodedCommand(b64: string): string | undefined {
  const clean = b64.replace(/^['"]|['"]$/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(clean) || clean.length % 4 === 1) return undefined;
  const bytes = Buffer.from(clean, 'base64');
  if (bytes.length < 2 || bytes.length % 2 !== 0) return undefined;
  const text = bytes.toString('utf16le');
  // code has no control characters beyond whitespace: anything else is not UTF-16LE text
  // code is mostly ASCII (cmdlets, punctuation) and has no control characters but whitespace
  let ascii = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 11 && c !== 12) return undefined;
    if (c < 127) ascii++;
  }
  return ascii * 2 >= text.length ? text : undefined;
}

/** Judges a PowerShell command line (the program's words after its name). */
export function judgePowerShellArgs(
  name: string,
  args: readonly Arg[],
  ctx: ShellContext,
  stdin: () => Analysis | undefined,
): Analysis {
  const program = powershellProgram(args, ctx);
  // `-Command` with nothing after it is an error: PowerShell runs nothing
  if (program.kind === 'none') return safe(`${name} -Command without code fails and runs nothing`);
  const here: ShellContext =
    'cwd' in program && program.cwd !== undefined
      ? { ...deeper(ctx), cwd: program.cwd === '\0' ? undefined : program.cwd }
      : deeper(ctx);
  switch (program.kind) {
    case 'encoded':
      if (program.code === undefined)
        return dangerous(
          'cross-trust-boundary',
          'obfuscated-exec',
          `blocked: ${name} runs an encoded payload warden cannot decode; run plain commands`,
        );
      return judgePowerShell(program.code, here);
    case 'code':
      if (
        program.dynamic &&
        /[$<]\([^)]*\b(curl|wget|iwr|irm|invoke-webrequest|invoke-restmethod)\b/i.test(program.code)
      )
        return dangerous(
          'cross-trust-boundary',
          'pipe-to-shell',
          `blocked: ${name} runs code downloaded from the network; download it to a file, read it, then run it`,
        );
      return judgePowerShell(program.code, here);
    case 'file':
      return judgeScriptFile({ ...program.file, value: program.file.value.replace(/\\/g, '/') }, here, name);
    case 'stdin':
      return stdin() ?? unsure('interactive-shell', `starts an interactive ${name}`);
  }
}
