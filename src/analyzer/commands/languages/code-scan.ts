import type { Analysis } from '../../../domain/analysis.js';
import type { SimpleCommand } from '../../../shell/extract.js';
import { judgeTokenInCode } from '../../console/token-readers.js';
import { atLeastUnsure, dangerous, safe, unsure } from '../../verdicts.js';
import { deeper, type ShellContext } from '../context.js';
import { judgeAll, judgeDelete, judgeRead, judgeWrite } from '../path-checks.js';
import { CODE_ENV_PASSED, judgeCodeEnvPrint } from '../secrets/env-secrets.js';

/** The one-liner code scanner: what interpreter code (`python -c`, `node -e`, …) does, judged per effect. */

/**
 * The code with the paths a delete call is handed in the common indirect forms written as literals:
 * a glob of a literal pattern (`unlink glob("/etc/*")`, `rm_rf(Dir.glob('x/*'))`) is that pattern,
 * the home lookups (`Dir.home`, `os.homedir()`, `Path.home()`, `expanduser('~')`) are `"~"`.
 */
function deletePathsOf(code: string): string {
  return code
    .replace(
      /\b(?:glob(?:\.glob)?|Dir\.glob|Dir\[|globSync)\s*[([]\s*(['"])((?:\\.|(?!\1).)*)\1\s*[)\]]/g,
      '$1$2$1',
    )
    .replace(
      /\bDir\.home\b|\b(?:require\(\s*['"](?:node:)?os['"]\s*\)|os)\.homedir\(\)|\bPath\.home\(\)|\bos\.path\.expanduser\(\s*['"]~['"]\s*\)|\$ENV\{HOME\}|\bENV\[['"]HOME['"]\]/g,
      '"~"',
    );
}

/** Code-level patterns in one-liners, per effect. */
const CODE_SHELL_CALL =
  /\b(?:os\.system|os\.popen|subprocess\.(?:run|call|check_call|check_output|Popen|getoutput|getstatusoutput)|execSync|exec|spawnSync|spawn|execFileSync|system|popen|Deno\.Command|`)\s*\(?\s*(?:\[\s*)?(['"])((?:\\.|(?!\1).)*)\1/g;
/** The further string words of a list-form call, after its first. */
const LIST_REST = /^(?:\s*,\s*(['"])(?:\\.|(?!\1).)*\1)+/;
const CODE_DELETE =
  /\b(shutil\.rmtree|os\.remove|os\.unlink|os\.rmdir|os\.removedirs|Path\([^)]*\)\.(?:unlink|rmdir)|(?:fs|fs\.promises|fsp|require\(\s*['"](?:node:)?fs(?:\/promises)?['"]\s*\))\.(?:rmSync|rm|unlinkSync|unlink|rmdirSync|rmdir)|FileUtils\.rm_r[f]?|FileUtils\.rm|File\.delete|Deno\.remove(?:Sync)?|unlink|rmtree)\s*\(?\s*(['"])((?:\\.|(?!\2).)*)\2/g;
const CODE_WRITE =
  /\b(?:open\s*\(\s*(['"])((?:\\.|(?!\1).)*)\1\s*,\s*['"][wax+]|(?:fs\.)?(?:writeFileSync|writeFile|writeTextFileSync|writeTextFile|appendFileSync|appendFile|createWriteStream)\s*\(\s*(['"])((?:\\.|(?!\3).)*)\3|Path\(\s*(['"])((?:\\.|(?!\5).)*)\5\s*\)\.write_(?:text|bytes)|File\.(?:write|open)\(\s*(['"])((?:\\.|(?!\7).)*)\7)/g;
const CODE_READ_PATH = /(['"])((?:~|\/)[^'"]*|\.env[^'"]*|[^'"]*\.(?:pem|key))\1/g;
const CODE_NETWORK =
  /\b(requests\.(post|put|patch)|urllib\.request|urlopen|http\.client|socket\.(?=\w)|fetch\s*\(|axios\b|XMLHttpRequest|Net::HTTP|IO::Socket|LWP::|smtplib|ftplib|paramiko|net\.connect|net\.createConnection|dgram|Deno\.connect|Deno\.listen|https?\.(get|request)\b|require\(\s*['"](?:node:)?https?['"]\s*\)\s*\.\s*(get|request)\b|navigator\.sendBeacon|WebSocket\s*\()/;
/** Raw sockets in any language: a connection to an arbitrary host and port, the stuff of reverse shells. */
const CODE_RAW_SOCKET =
  /\b(socket\.socket\s*\(|socket\.create_connection|TCPSocket|UDPSocket|Socket\.(tcp|new|open|unix)\b|p?fsockopen|stream_socket_client|socket_create|IO::Socket|use\s+Socket|net\.Socket|net\.connect|require\(\s*['"](?:node:)?(?:net|tls|dgram)['"]\s*\)|net\.createConnection|tls\.connect|dgram\.createSocket|Deno\.(connect|connectTls|listen|listenTls)\b|socket\.(tcp|udp|connect)\s*\()/;
const CODE_OBFUSCATED =
  /\b(b64decode|base64\.decode|atob|Buffer\.from\([^)]*['"]base64['"]|codecs\.decode|marshal\.loads|zlib\.decompress|fromCharCode|\\x[0-9a-f]{2}\\x[0-9a-f]{2}\\x[0-9a-f]{2})/i;
const CODE_EVAL = /\b(eval|exec|compile|__import__|Function)\s*\(/;
/** The whole environment as data: os.environ, process.env, Bun.env, Deno.env.toObject(), ENV.to_h, %ENV. */
const CODE_ENV_DUMP =
  /\b(os\.environ\b(?!\.get|\[)|(process|Bun)\.env\b(?!\s*(\??\.\w|\[))|Deno\.env\.toObject\s*\(|ENV\.to_h|%ENV)/;
const CODE_FORK_BOMB =
  /os\.fork\(\)\s*(?:while|;)|while\s*(?:True|1|\(true\))\s*:?\s*(?:\{?\s*)os\.fork|fork\s+while\s+fork/;
const CODE_PROC_KILL = /\b(os\.kill|process\.kill|signal\.SIGKILL|killpg)\b/;
const CODE_CHMOD = /\b(os\.chmod|fs\.chmodSync|os\.chown|os\.setuid)\b/;

export function judgeCode(
  code: string,
  lang: string,
  ctx: ShellContext,
  cmd: SimpleCommand,
  printsResult = false,
): Analysis {
  const out: Analysis[] = [];
  const printed = judgeCodeEnvPrint(code, lang, cmd, printsResult);
  if (printed) out.push(printed);
  const token = judgeTokenInCode(code, ctx);
  if (token) out.push(token);
  for (const m of code.matchAll(CODE_SHELL_CALL)) {
    // a list-form call (`system("tmux", "send-keys", …)`, `["rm", "-rf", x]`) runs all its words
    const rest = LIST_REST.exec(code.slice(m.index + m[0].length))?.[0];
    const words = rest ? [...rest.matchAll(/(['"])((?:\\.|(?!\1).)*)\1/g)].map((w) => w[2]!) : [];
    const inner = [m[2]!, ...words].join(' ').replace(/\\(.)/g, '$1');
    out.push(
      atLeastUnsure(
        ctx.judgeScript(inner.replace(/['"]\s*,\s*['"]/g, ' '), deeper(ctx)),
        'code-runs-command',
        `${lang} code runs a shell command`,
      ),
    );
  }
  for (const m of deletePathsOf(code).matchAll(CODE_DELETE)) {
    const recursive =
      /rmtree|rm_r|rmSync|\brm\b|rmdir|Deno\.remove/.test(m[1]!) &&
      /rmtree|rm_r|recursive|rmSync|\.rm\b/.test(m[0]! + code);
    out.push(
      atLeastUnsure(
        judgeDelete(
          { value: m[3]!, dynamic: false },
          { recursive, glob: /[*?[]/.test(m[3]!), verb: `${lang} code deletes` },
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
  if (network && (secret || CODE_ENV_DUMP.test(code.replace(CODE_ENV_PASSED, ''))))
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
