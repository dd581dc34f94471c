import type { Analysis } from '../../domain/analysis.js';
import { resolvePath, zoneOf } from '../paths.js';
import type { SimpleCommand } from '../shell/extract.js';
import type { Arg } from '../shell/words.js';
import { atLeastUnsure, dangerous, safe, unsure } from '../verdicts.js';
import type { CommandJudge, ShellContext } from './context.js';
import { ormRisk } from './database.js';
import { judgeCodeEnvPrint } from './env-secrets.js';
import { upstreamSecret } from './network.js';
import { PACKAGE_JUDGES } from './packages.js';
import { judgeAll, judgeDelete, judgeInPlaceEdit, judgeRead, judgeWrite } from './path-checks.js';

/** Shells and language interpreters: the code they are given is judged, not waved through. */

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
function judgeStdinSource(cmd: SimpleCommand, who: string, ctx: ShellContext): Analysis | undefined {
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
    const text = up.argv
      .slice(1)
      .filter((a, i) => !(i === 0 && /^-[neE]+$/.test(a.value)))
      .map((a) => a.value)
      .join(' ')
      .replace(/\\n/g, '\n');
    return ctx.judgeScript(text, { ...ctx, depth: ctx.depth + 1 });
  }
  return unsure('pipe-to-interpreter', `${who} runs code produced by ${head}`);
}

const shell: (name: string) => CommandJudge = (name) => (args, cmd, ctx) => {
  if (ctx.depth > 5) return unsure('nesting-too-deep', 'shell code nested too deeply to judge');
  const out: Analysis[] = [];
  const cIndex = args.findIndex(
    (a) =>
      /^-[a-zA-Z]*c$/.test(a.value) ||
      (/^-(Command|c|EncodedCommand|e|enc)$/i.test(a.value) &&
        (name.startsWith('pw') || name.startsWith('powershell'))),
  );
  if (cIndex >= 0) {
    const code = args[cIndex + 1];
    if (!code)
      // `bash -c` with nothing after it is an error: a POSIX shell runs nothing
      return name.startsWith('pw') || name.startsWith('powershell')
        ? unsure('shell-no-code', `${name} -c without code`)
        : safe(`${name} -c without code fails and runs nothing`);
    if (/^-(EncodedCommand|e|enc)$/i.test(args[cIndex]!.value))
      return dangerous(
        'cross-trust-boundary',
        'obfuscated-exec',
        'runs an encoded PowerShell payload; run plain commands',
      );
    if (code.dynamic && FETCHES.test(code.value)) return downloadedCode(name);
    if (code.dynamic) return unsure('shell-dynamic-code', `${name} -c runs code only known at run time`);
    if (name.startsWith('pw') || name.startsWith('powershell')) return judgePowerShell(code.value, ctx);
    out.push(ctx.judgeScript(code.value, { ...ctx, depth: ctx.depth + 1 }));
    return judgeAll(out);
  }
  const stdin = judgeStdinSource(cmd, name, ctx);
  if (stdin) return stdin;
  if (cmd.stdinText !== undefined) return ctx.judgeScript(cmd.stdinText, { ...ctx, depth: ctx.depth + 1 });
  const script = args.find((a) => !a.value.startsWith('-'));
  if (!script)
    return cmd.upstream
      ? unsure('pipe-to-shell', `${name} runs piped commands`)
      : unsure('interactive-shell', `starts an interactive ${name}`);
  if (
    !name.startsWith('pw') &&
    !name.startsWith('powershell') &&
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
const script: CommandJudge = (args, cmd, ctx) => {
  if (args.some((a) => /^-[a-zA-Z]*p[a-zA-Z]*$/.test(a.value)))
    return safe('script -p plays a recording back');
  const out: Analysis[] = [];
  const operands: Arg[] = [];
  let runs = false;
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if ((v === '-c' || v === '--command') && args[i + 1]) {
      runs = true;
      out.push(ctx.judgeScript(args[++i]!.value, { ...ctx, depth: ctx.depth + 1 }));
    } else if (/^-[FtOIT]$|^--(log-\w+|timing)$/.test(v)) i++;
    else if (!v.startsWith('-') || operands.length > 0) operands.push(args[i]!);
  }
  const [log, ...command] = operands;
  if (log) out.push(judgeWrite(log, ctx, 'script records into'));
  if (command.length) out.push(ctx.judgeArgv(command, cmd, { ...ctx, depth: ctx.depth + 1 }));
  else if (!runs) out.push(unsure('interactive-shell', 'script starts an interactive shell'));
  return judgeAll(out);
};

const evalJudge: CommandJudge = (args, _cmd, ctx) => {
  if (args.some((a) => a.dynamic && FETCHES.test(a.value))) return downloadedCode('eval');
  if (args.some((a) => a.dynamic)) return unsure('eval-dynamic', 'eval of code only known at run time');
  return ctx.judgeScript(args.map((a) => a.value).join(' '), { ...ctx, depth: ctx.depth + 1 });
};

const source: CommandJudge = (args, _cmd, ctx) => {
  const f = args[0];
  if (!f) return unsure('source', 'source without a file');
  if (
    /(^|\/)(\.venv|venv|env)\/bin\/activate$|\.env$|nvm\.sh$|\.cargo\/env$|(^|\/)\.?(bashrc|zshrc|profile|bash_profile)$/.test(
      f.value,
    )
  )
    return safe('sources an environment file');
  return judgeScriptFile(f, ctx, 'source');
};

/** Code-level patterns in one-liners, per effect. */
const CODE_SHELL_CALL =
  /\b(?:os\.system|os\.popen|subprocess\.(?:run|call|check_call|check_output|Popen|getoutput|getstatusoutput)|execSync|exec|spawnSync|spawn|execFileSync|system|popen|Deno\.Command|`)\s*\(?\s*(?:\[\s*)?(['"])((?:\\.|(?!\1).)*)\1/g;
const CODE_DELETE =
  /\b(shutil\.rmtree|os\.remove|os\.unlink|os\.rmdir|os\.removedirs|Path\([^)]*\)\.(?:unlink|rmdir)|fs\.(?:rmSync|rm|unlinkSync|unlink|rmdirSync|rmdir)|FileUtils\.rm_r[f]?|FileUtils\.rm|File\.delete|Deno\.remove(?:Sync)?|unlink|rmtree)\s*\(?\s*(['"])((?:\\.|(?!\2).)*)\2/g;
const CODE_WRITE =
  /\b(?:open\s*\(\s*(['"])((?:\\.|(?!\1).)*)\1\s*,\s*['"][wax+]|(?:fs\.)?(?:writeFileSync|writeFile|writeTextFileSync|writeTextFile|appendFileSync|appendFile|createWriteStream)\s*\(\s*(['"])((?:\\.|(?!\3).)*)\3|Path\(\s*(['"])((?:\\.|(?!\5).)*)\5\s*\)\.write_(?:text|bytes)|File\.(?:write|open)\(\s*(['"])((?:\\.|(?!\7).)*)\7)/g;
const CODE_READ_PATH = /(['"])((?:~|\/)[^'"]*|\.env[^'"]*|[^'"]*\.(?:pem|key))\1/g;
const CODE_NETWORK =
  /\b(requests\.(post|put|patch)|urllib\.request|urlopen|http\.client|socket\.|fetch\s*\(|axios\.(post|put)|XMLHttpRequest|Net::HTTP|IO::Socket|LWP::|smtplib|ftplib|paramiko|net\.connect|net\.createConnection|dgram|Deno\.connect|Deno\.listen)\b/;
/** Raw sockets in any language: a connection to an arbitrary host and port, the stuff of reverse shells. */
const CODE_RAW_SOCKET =
  /\b(socket\.socket\s*\(|socket\.create_connection|TCPSocket|UDPSocket|Socket\.(tcp|new|open|unix)\b|p?fsockopen|stream_socket_client|socket_create|IO::Socket|use\s+Socket|net\.Socket|net\.connect|require\(\s*['"](?:node:)?(?:net|tls|dgram)['"]\s*\)|net\.createConnection|tls\.connect|dgram\.createSocket|Deno\.(connect|connectTls|listen|listenTls)\b|socket\.(tcp|udp|connect)\s*\()/;
const CODE_OBFUSCATED =
  /\b(b64decode|base64\.decode|atob|Buffer\.from\([^)]*['"]base64['"]|codecs\.decode|marshal\.loads|zlib\.decompress|fromCharCode|\\x[0-9a-f]{2}\\x[0-9a-f]{2}\\x[0-9a-f]{2})/i;
const CODE_EVAL = /\b(eval|exec|compile|__import__|Function)\s*\(/;
const CODE_ENV_DUMP = /\b(os\.environ\b(?!\.get|\[)|process\.env\b(?!\.|\[)|ENV\.to_h|%ENV)/;
const CODE_FORK_BOMB =
  /os\.fork\(\)\s*(?:while|;)|while\s*(?:True|1|\(true\))\s*:?\s*(?:\{?\s*)os\.fork|fork\s+while\s+fork/;
const CODE_PROC_KILL = /\b(os\.kill|process\.kill|signal\.SIGKILL|killpg)\b/;
const CODE_CHMOD = /\b(os\.chmod|fs\.chmodSync|os\.chown|os\.setuid)\b/;

function judgeCode(
  code: string,
  lang: string,
  ctx: ShellContext,
  cmd: SimpleCommand,
  printsResult = false,
): Analysis {
  const out: Analysis[] = [];
  const printed = judgeCodeEnvPrint(code, lang, cmd, printsResult);
  if (printed) out.push(printed);
  for (const m of code.matchAll(CODE_SHELL_CALL)) {
    const inner = m[2]!.replace(/\\(.)/g, '$1');
    out.push(
      atLeastUnsure(
        ctx.judgeScript(inner.replace(/['"]\s*,\s*['"]/g, ' '), { ...ctx, depth: ctx.depth + 1 }),
        'code-runs-command',
        `${lang} code runs a shell command`,
      ),
    );
  }
  for (const m of code.matchAll(CODE_DELETE)) {
    const recursive =
      /rmtree|rm_r|rmSync|\brm\b|rmdir|Deno\.remove/.test(m[1]!) &&
      /rmtree|rm_r|recursive|rmSync|\.rm\b/.test(m[0]! + code);
    out.push(
      atLeastUnsure(
        judgeDelete(
          { value: m[3]!, dynamic: false },
          { recursive, glob: false, verb: `${lang} code deletes` },
          ctx,
        ),
        'code-deletes',
        `${lang} code deletes files; use rm so the deletion is visible`,
      ),
    );
  }
  for (const m of code.matchAll(CODE_WRITE)) {
    const p = m[2] ?? m[4] ?? m[6] ?? m[8];
    if (p !== undefined) out.push(judgeWrite({ value: p, dynamic: false }, ctx, `${lang} code writes`));
  }
  let secret = false;
  for (const m of code.matchAll(CODE_READ_PATH)) {
    const r = judgeRead({ value: m[2]!, dynamic: false }, ctx);
    if (r) {
      secret = true;
      out.push(r);
    }
  }
  const network = CODE_NETWORK.test(code);
  if (network && (secret || CODE_ENV_DUMP.test(code)))
    out.push(
      dangerous(
        'destroy-or-exfiltrate',
        'exfiltration',
        `blocked: ${lang} code sends secrets or the environment over the network`,
      ),
    );
  if (CODE_FORK_BOMB.test(code))
    out.push(dangerous('destroy-or-exfiltrate', 'fork-bomb', 'a fork bomb exhausts the machine'));
  if (
    CODE_OBFUSCATED.test(code) &&
    (CODE_EVAL.test(code) || /CODE_SHELL_CALL/.test('') || /system|exec|spawn|popen/.test(code))
  )
    out.push(
      dangerous(
        'cross-trust-boundary',
        'obfuscated-exec',
        `blocked: ${lang} code decodes and runs a hidden payload; run plain code`,
      ),
    );
  if (CODE_RAW_SOCKET.test(code))
    out.push(unsure('code-socket', `${lang} code opens a raw network socket (the stuff of reverse shells)`));
  else if (network && /\b(post|put|send|sendall|connect|write)\b/i.test(code))
    out.push(unsure('code-network', `${lang} code talks to the network`));
  if (CODE_PROC_KILL.test(code)) out.push(unsure('code-kill', `${lang} code signals processes`));
  if (CODE_CHMOD.test(code)) out.push(unsure('code-chmod', `${lang} code changes permissions or users`));
  if (
    /\b(shutil\.(move|copy\w*)|os\.rename|os\.replace|fs\.(renameSync|copyFileSync|cpSync))\b/.test(code) &&
    out.length === 0
  )
    out.push(unsure('code-file-move', `${lang} code moves or copies files`));
  if (/\b(ctypes|pty\.spawn|os\.exec\w*|os\.dup2|Deno\.run)\b/.test(code))
    out.push(unsure('code-low-level', `${lang} code uses low-level process control`));
  if (
    /\b(open|writeFile|write_text|File\.write)\b/.test(code) &&
    !out.some((a) => a.kind !== 'safe') &&
    /['"][wa]\+?['"]|write/.test(code) &&
    /\w+\s*\(\s*[a-zA-Z_]/.test(code) &&
    !CODE_WRITE.test(code)
  )
    out.push(safe(`${lang} code writes files whose names are computed`));
  CODE_WRITE.lastIndex = 0;
  if (/\b(write|open\s*\([^)]*['"][wa]|writeFile|appendFile|write_text|rename|replace|copy)/.test(code)) {
    for (const m of code.matchAll(/(['"])([^'"\n]{2,200})\1/g)) {
      const literal = m[2]!;
      if (!/\//.test(literal) && !/^\.(bashrc|zshrc|profile|env)/.test(literal)) continue;
      const w = judgeWrite({ value: literal, dynamic: false }, ctx, `${lang} code may write`);
      if (w.kind === 'dangerous' && w.finding === 'protected-path-write') out.push(w);
    }
  }
  return judgeAll(out.length ? out : [safe(`${lang} one-liner without file, process or network effects`)]);
}

const CODE_FLAGS: Readonly<Record<string, RegExp>> = {
  python: /^-[a-zA-Z]*c$/,
  node: /^(-e|--eval|-p|--print)$/,
  perl: /^-[a-zA-Z]*[eE]$/,
  ruby: /^-[a-zA-Z]*e$/,
  php: /^-r$/,
  deno: /^eval$/,
  lua: /^-e$/,
  osascript: /^-e$/,
};

function interpreter(lang: keyof typeof CODE_FLAGS): CommandJudge {
  return (args, cmd, ctx) => {
    const flag = CODE_FLAGS[lang]!;
    const i = args.findIndex((a) => flag.test(a.value));
    if (i >= 0) {
      const code = args[i + 1];
      if (!code) return unsure('code-missing', `${lang} code flag without code`);
      if (lang === 'osascript')
        return unsure('applescript', 'runs AppleScript, which can control other apps');
      if (
        (lang === 'perl' || lang === 'ruby') &&
        args.some((a, k) => k < i + 1 && /^-[anpslwWtTcx]*i/.test(a.value))
      )
        return judgeAll([
          judgeCode(code.value, lang, ctx, cmd),
          ...args
            .slice(i + 2)
            .filter((a) => !a.value.startsWith('-'))
            .map((f) => judgeInPlaceEdit(f, ctx, `${lang} -i`)),
        ]);
      const r = judgeAll([
        judgeCode(code.value, lang, ctx, cmd, lang === 'node' && /^(-p|--print)$/.test(args[i]!.value)),
        // `ruby -rsocket`, `perl -MIO::Socket`: the socket library loaded on the command line
        args.slice(0, i).some((a) => /^-(r\s*socket|M(IO::)?Socket)/.test(a.value))
          ? unsure('code-socket', `${lang} loads a socket library`)
          : safe(lang),
      ]);
      if (code.dynamic && FETCHES.test(code.value)) return downloadedCode(lang);
      return code.dynamic ? atLeastUnsure(r, 'code-dynamic', `${lang} code includes run-time values`) : r;
    }
    const stdin = judgeStdinSource(cmd, lang, ctx);
    if (stdin) return stdin;
    if (cmd.stdinText !== undefined) return judgeCode(cmd.stdinText, lang, ctx, cmd);
    const ops = args.filter((a) => !a.value.startsWith('-'));
    if (lang === 'python' && args.some((a) => a.value === '-m')) {
      const mod = args[args.findIndex((a) => a.value === '-m') + 1]?.value ?? '';
      if (/^(http\.server|SimpleHTTPServer|smtpd|pty)$/.test(mod))
        return unsure('python-module', `python -m ${mod} opens a server or shell`);
      if (/^(pip|ensurepip)$/.test(mod)) return safe('python -m pip');
      return safe(`python -m ${mod}`);
    }
    const script = ops[0];
    if (!script)
      return args.length > 0 && args.every((a) => /^(-V|--version|-h|--help|-v|-VV)$/.test(a.value))
        ? safe(`${lang} --version`)
        : unsure('interactive-interpreter', `starts an interactive ${lang}`);
    const orm = ormRisk(ops.map((o) => o.value));
    if (orm) return orm;
    if (lang === 'osascript') return unsure('applescript', 'runs AppleScript');
    return judgeScriptFile(script, ctx, lang);
  };
}

export const INTERPRETER_JUDGES: Readonly<Record<string, CommandJudge>> = {
  ...Object.fromEntries([...SHELLS].map((s) => [s, shell(s)])),
  eval: evalJudge,
  script,
  source,
  '.': source,
  python: interpreter('python'),
  python3: interpreter('python'),
  python2: interpreter('python'),
  pypy: interpreter('python'),
  pypy3: interpreter('python'),
  node: interpreter('node'),
  nodejs: interpreter('node'),
  perl: interpreter('perl'),
  ruby: interpreter('ruby'),
  php: interpreter('php'),
  lua: interpreter('lua'),
  // `deno eval CODE` is a one-liner; deno's other commands run and manage project code
  deno: (args, cmd, ctx) =>
    args[0]?.value === 'eval' ? interpreter('deno')(args, cmd, ctx) : PACKAGE_JUDGES.deno!(args, cmd, ctx),
  osascript: interpreter('osascript'),
};

export function interpreterFamily(name: string): string | undefined {
  const m = /^(python|pypy)(\d+(\.\d+)*)?$/.exec(name);
  if (m) return 'python3';
  return undefined;
}

export { upstreamSecret };

/** PowerShell cmdlets that only read or format. */
const PS_READ =
  /^(get-\w+|select-\w+|test-path|test-connection|write-output|write-host|write-verbose|format-\w+|measure-\w+|where-object|foreach-object|sort-object|group-object|out-string|out-host|out-null|convertto-\w+|convertfrom-\w+|resolve-path|split-path|join-path|compare-object|tee-object|new-object|import-module|start-sleep|write-error|write-warning|read-host|invoke-pester)$/i;
const PS_WRITE =
  /^(set-content|add-content|out-file|new-item|copy-item|move-item|rename-item|set-item|export-\w+|expand-archive|compress-archive)$/i;
const PS_DANGER =
  /^(invoke-expression|iex|invoke-webrequest|iwr|invoke-restmethod|irm|start-process|set-executionpolicy|stop-process|stop-computer|restart-computer|format-volume|clear-disk|remove-itemproperty|set-itemproperty|new-service|register-scheduledtask|add-mppreference|set-mppreference|invoke-command|new-psdrive)$/i;

/** PowerShell: cmdlets judged by name (read, write with a path, delete), anything unknown is unsure. */
function judgePowerShell(code: string, ctx: ShellContext): Analysis {
  const out: Analysis[] = [];
  const cmdlets = [...code.matchAll(/(?:^|[\s;|({&])([A-Za-z]+-[A-Za-z]+|iex|iwr|irm)(?=$|[\s;|)}])/g)].map(
    (m) => m[1]!,
  );
  for (const stmt of code.split(/[;|\n]/)) {
    const words = stmt.trim().split(/\s+/).filter(Boolean);
    const head = (words[0] ?? '').toLowerCase();
    if (/^(remove-item|ri|del|erase|rd|rmdir|rm)$/.test(head)) {
      const recursive = words.some((w) => /^-r(ecurse)?$/i.test(w) || /^\/s$/i.test(w));
      for (const t of words.slice(1).filter((w) => !/^[-/]/.test(w) || /^\/[^sqa]/i.test(w)))
        out.push(judgeWindowsDelete(t, recursive, ctx));
    }
  }
  for (const c of cmdlets) {
    if (/^remove-item$/i.test(c)) continue;
    if (PS_DANGER.test(c)) {
      out.push(
        /^(invoke-expression|iex)$/i.test(c) &&
          /invoke-(webrequest|restmethod)|iwr|irm|downloadstring/i.test(code)
          ? dangerous(
              'cross-trust-boundary',
              'pipe-to-shell',
              'blocked: runs code downloaded from the network; download, read, then run it',
            )
          : unsure('powershell-risky', `PowerShell ${c} runs code, downloads or changes the system`),
      );
    } else if (PS_WRITE.test(c)) {
      const target = new RegExp(
        `${c}\\s+(?:-(?:Path|LiteralPath|FilePath|Destination)\\s+)?(['"]?)([^'"\\s;|]+)\\1`,
        'i',
      ).exec(code)?.[2];
      out.push(
        target && !target.startsWith('$')
          ? judgeWrite({ value: target.replace(/\\/g, '/'), dynamic: false }, ctx, `PowerShell ${c} writes`)
          : safe(`PowerShell ${c}`),
      );
    } else if (!PS_READ.test(c))
      out.push(unsure('powershell', `PowerShell ${c} is not a cmdlet warden knows`));
  }
  return judgeAll(out.length ? out : [safe('PowerShell code that only reads and prints')]);
}

export function judgeWindowsDelete(target: string, recursive: boolean, ctx: ShellContext): Analysis {
  const t = target.replace(/^['"]|['"]$/g, '');
  if (
    /^[A-Za-z]:[\\/]?$|^[A-Za-z]:[\\/](Users|Windows|Program Files)/i.test(t) ||
    t === '*' ||
    t === '/' ||
    t === '\\'
  )
    return dangerous(
      'destroy-or-exfiltrate',
      'recursive-delete-outside-project',
      `deletes ${t}; delete only specific paths inside the project`,
    );
  if (/^[A-Za-z]:/.test(t)) return unsure('delete-outside-project', `deletes ${t}`);
  return judgeDelete(
    { value: t.replace(/\\/g, '/'), dynamic: false },
    { recursive, glob: /[*?]/.test(t) },
    ctx,
  );
}

/** A substitution that fetches from the network: `sh -c "$(curl …)"`, `bash <(wget -O- …)`. */
const FETCHES = /[$<]\([^)]*\b(curl|wget|fetch|iwr|invoke-webrequest|http)\b/i;

function downloadedCode(who: string): Analysis {
  return dangerous(
    'cross-trust-boundary',
    'pipe-to-shell',
    `blocked: ${who} runs code downloaded from the network; download it to a file, read it, then run it`,
  );
}
