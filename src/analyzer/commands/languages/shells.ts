import type { Analysis } from '../../../domain/analysis.js';
import { resolvePath } from '../../../places/resolve-path.js';
import { zoneOf } from '../../../places/zones.js';
import type { SimpleCommand } from '../../../shell/extract.js';
import { printedText } from '../../../shell/printed-text.js';
import type { Arg } from '../../../shell/words.js';
import { judgePowerShellArgs } from '../../powershell/invocation.js';
import { judgePowerShell } from '../../powershell/judge.js';
import { dangerous, safe, unsure } from '../../verdicts.js';
import { type CommandJudge, deeper, type ShellContext } from '../context.js';
import { judgeAll, judgeWrite } from '../path-checks.js';
import { isStdinPath, programSource } from './program-operand.js';

/** Shells and the ways code reaches them: `-c` code, piped stdin, script files, eval, source, script. */

export const SHELLS = new Set([
  'bash',
  'sh',
  'zsh',
  'dash',
  'ksh',
  'fish',
  'ash',
  'mksh',
  'pwsh',
  'powershell',
  'powershell.exe',
]);

const DOWNLOADERS = /^(curl|wget|fetch|http|https|aria2c|nc|ncat|socat)$/;
const DECODERS = /^(base64|base32|xxd|openssl|gunzip|zcat|uudecode|rev|tr)$/;

/** What feeds stdin of a shell/interpreter: a download or a decoded blob is never safe to run. */
export function judgeStdinSource(cmd: SimpleCommand, who: string, ctx: ShellContext): Analysis | undefined {
  const up = cmd.upstream;
  if (!up || up.argv.length === 0) return undefined;
  const head = up.argv[0]!.value.split('/').pop()!;
  if (DOWNLOADERS.test(head) || (up.upstream && DOWNLOADERS.test(up.upstream.argv[0]?.value ?? '')))
    return dangerous(
      'cross-trust-boundary',
      'pipe-to-shell',
      `blocked: runs code downloaded from the network with ${who}; download it to a file, read it, then run it`,
    );
  if (
    DECODERS.test(head) ||
    (up.upstream && DECODERS.test(up.upstream.argv[0]?.value.split('/').pop() ?? ''))
  )
    return dangerous(
      'cross-trust-boundary',
      'obfuscated-exec',
      `blocked: runs a decoded or obfuscated payload with ${who}; run plain, readable commands`,
    );
  if ((head === 'echo' || head === 'printf' || head === 'cat') && SHELLS.has(who)) {
    if (head === 'cat') {
      const reads = up.argv.slice(1).filter((a) => !a.value.startsWith('-'));
      return reads.length
        ? unsure('script-from-file', `${who} runs commands read from ${reads.map((r) => r.value).join(' ')}`)
        : undefined;
    }
    const raw = up.argv
      .slice(1)
      .map((a) => a.value)
      .join(' ');
    // `echo -e '\x72\x6d …' | sh`: escape-encoded text is a payload written not to be read
    if ((raw.match(/\\(x[0-9a-fA-F]{2}|[0-7]{3}|u[0-9a-fA-F]{4})/g) ?? []).length >= 3)
      return dangerous(
        'cross-trust-boundary',
        'obfuscated-exec',
        `blocked: runs an escape-encoded payload with ${who}; run plain, readable commands`,
      );
    const text = printedText(head, up.argv.slice(1));
    if (text === undefined) return unsure('pipe-to-shell', `${who} runs commands built at run time`);
    return ctx.judgeScript(text, deeper(ctx));
  }
  return unsure('pipe-to-interpreter', `${who} runs code produced by ${head}`);
}

export const shell: (name: string) => CommandJudge = (name) => (args, cmd, ctx) => {
  if (ctx.depth > 5) return unsure('nesting-too-deep', 'shell code nested too deeply to judge');
  if (name.startsWith('pw') || name.startsWith('powershell'))
    return judgePowerShellArgs(name, args, ctx, () => {
      // `echo 'code' | powershell -`: the printed text is PowerShell code
      const up = cmd.upstream;
      const head = up?.argv[0]?.value;
      if (up && (head === 'echo' || head === 'printf')) {
        const text = printedText(head, up.argv.slice(1));
        return text === undefined
          ? unsure('pipe-to-shell', `${name} runs commands built at run time`)
          : judgePowerShell(text, deeper(ctx));
      }
      const stdin = judgeStdinSource(cmd, name, ctx);
      if (stdin) return stdin;
      if (cmd.stdinText !== undefined) return judgePowerShell(cmd.stdinText, deeper(ctx));
      return up ? unsure('pipe-to-shell', `${name} runs piped commands`) : undefined;
    });
  const out: Analysis[] = [];
  const cIndex = args.findIndex((a) => /^-[a-zA-Z]*c$/.test(a.value));
  if (cIndex >= 0) {
    const code = args[cIndex + 1];
    // `bash -c` with nothing after it is an error: a POSIX shell runs nothing
    if (!code) return safe(`${name} -c without code fails and runs nothing`);
    if (code.dynamic && FETCHES.test(code.value)) return downloadedCode(name);
    if (code.dynamic) return unsure('shell-dynamic-code', `${name} -c runs code only known at run time`);
    out.push(ctx.judgeScript(code.value, deeper(ctx)));
    return judgeAll(out);
  }
  // stdin is the program unless a script file is named (then it is that script's input)
  const program = programSource('shell', args);
  const script = program.kind === 'script' ? program.script : undefined;
  if (!script) {
    const stdin = judgeStdinSource(cmd, name, ctx);
    if (stdin) return stdin;
    if (cmd.stdinText !== undefined) return ctx.judgeScript(cmd.stdinText, deeper(ctx));
  }
  if (!script)
    return cmd.upstream
      ? unsure('pipe-to-shell', `${name} runs piped commands`)
      : unsure('interactive-shell', `starts an interactive ${name}`);
  if (
    args.some(
      (a, i) =>
        /^-[a-wyzA-Z]{0,4}x[a-zA-Z]{0,4}$/.test(a.value) ||
        /^--debug(ger)?$/.test(a.value) ||
        (a.value === '-o' && args[i + 1]?.value === 'xtrace'),
    )
  )
    return unsure(
      'shell-trace',
      `${name} -x traces ${script.value}: every command is printed with its variables expanded, secrets included, into the transcript; run it without tracing`,
    );
  return judgeScriptFile(script, ctx, name);
};

/** Running a script file: inside the project it is the project's own code; elsewhere unsure. */
export function judgeScriptFile(script: Arg, ctx: ShellContext, who: string): Analysis {
  if (script.dynamic && FETCHES.test(script.value)) return downloadedCode(who);
  if (script.dynamic)
    return unsure('script-dynamic', `${who} runs a script whose path is only known at run time`);
  const abs = resolvePath(script.value, ctx);
  const zone = zoneOf(abs, ctx);
  // a script in a temp dir is typically something just downloaded or generated: look before running
  if (abs && ctx.downloaded?.has(abs))
    return dangerous(
      'cross-trust-boundary',
      'download-and-run',
      `blocked: runs ${script.value}, which was just downloaded; read it first, then run it`,
    );
  if (zone === 'temp' && !ctx.generated?.has(abs ?? ''))
    return unsure('script-in-temp', `${who} runs ${script.value} from a temp dir; read it first`);
  return safe(`${who} runs an existing script or tool (${zone})`);
}

/** `script [-a] [-c CMD] [FILE [CMD...]]`: records a session into FILE while running a command. */
export const script: CommandJudge = (args, cmd, ctx) => {
  if (args.some((a) => /^-[a-zA-Z]*p[a-zA-Z]*$/.test(a.value)))
    return safe('script -p plays a recording back');
  const out: Analysis[] = [];
  const operands: Arg[] = [];
  let runs = false;
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if ((v === '-c' || v === '--command') && args[i + 1]) {
      runs = true;
      out.push(ctx.judgeScript(args[++i]!.value, deeper(ctx)));
    } else if (/^-[FtOIT]$|^--(log-\w+|timing)$/.test(v)) i++;
    else if (!v.startsWith('-') || operands.length > 0) operands.push(args[i]!);
  }
  const [log, ...command] = operands;
  if (log) out.push(judgeWrite(log, ctx, 'script records into'));
  if (command.length) out.push(ctx.judgeArgv(command, cmd, deeper(ctx)));
  else if (!runs) out.push(unsure('interactive-shell', 'script starts an interactive shell'));
  return judgeAll(out);
};

export const evalJudge: CommandJudge = (args, _cmd, ctx) => {
  if (args.some((a) => a.dynamic && FETCHES.test(a.value))) return downloadedCode('eval');
  if (args.some((a) => a.dynamic)) return unsure('eval-dynamic', 'eval of code only known at run time');
  return ctx.judgeScript(args.map((a) => a.value).join(' '), deeper(ctx));
};

export const source: CommandJudge = (args, cmd, ctx) => {
  const f = args[0];
  if (!f) return unsure('source', 'source without a file');
  if (f.dynamic || isStdinPath(f.value))
    return (
      judgeStdinSource(cmd, 'source', ctx) ??
      unsure('source-stdin', 'source runs commands read from its input or a run-time path')
    );
  if (
    /(^|\/)(\.venv|venv|env)\/bin\/activate$|\.env$|nvm\.sh$|\.cargo\/env$|(^|\/)\.?(bashrc|zshrc|profile|bash_profile)$/.test(
      f.value,
    )
  )
    return safe('sources an environment file');
  return judgeScriptFile(f, ctx, 'source');
};

/** A substitution that fetches from the network: `sh -c "$(curl …)"`, `bash <(wget -O- …)`. */
export const FETCHES = /[$<]\([^)]*\b(curl|wget|fetch|iwr|invoke-webrequest|http)\b/i;

export function downloadedCode(who: string): Analysis {
  return dangerous(
    'cross-trust-boundary',
    'pipe-to-shell',
    `blocked: ${who} runs code downloaded from the network; download it to a file, read it, then run it`,
  );
}
