import type { Analysis } from '../../../domain/analysis.js';
import type { SimpleCommand } from '../../../shell/extract.js';
import type { Arg } from '../../../shell/words.js';
import { dangerous, safe, unsure } from '../../verdicts.js';
import { type CommandJudge, type ShellContext, splitArgs } from '../context.js';
import { judgeAll, judgeRead, judgeWrite } from '../path-checks.js';
import { curlMethod, judgeHttpEffect, urlArgs, wgetMethod } from './http-effects.js';

/** Commands that talk to other machines: downloads are fine, uploads of secrets are exfiltration. */

/** Commands whose output is a dump of secrets (the environment, credentials). */
const SECRET_DUMPS = /^(env|printenv|set|export|declare)$/;

export function exfiltration(what: string): Analysis {
  return dangerous(
    'destroy-or-exfiltrate',
    'exfiltration',
    `blocked: sends ${what} off the machine; never upload credentials or the environment`,
  );
}

/** When the stdin of a network command comes from a secret, that is exfiltration. */
export function upstreamSecret(cmd: SimpleCommand, ctx: ShellContext): string | undefined {
  const up = cmd.upstream;
  if (!up || up.argv.length === 0) return undefined;
  const head = up.argv[0]!.value.split('/').pop()!;
  if (SECRET_DUMPS.test(head) && up.argv.length === 1) return 'the environment (which holds tokens)';
  for (const a of up.argv.slice(1)) {
    const r = judgeRead(a, ctx);
    if (r) return a.value;
  }
  return undefined;
}

const curl: CommandJudge = (args, cmd, ctx) => {
  const out: Analysis[] = [];
  let uploads = false;
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    const next = args[i + 1];
    const takesData =
      /^(-d|--data|--data-binary|--data-raw|--data-urlencode|--json|-F|--form|-T|--upload-file|--post-file|--body-file)$/.test(
        v,
      );
    if (takesData && next) {
      const data = next.value;
      const file =
        v === '-T' || v === '--upload-file' || v === '--post-file' || v === '--body-file'
          ? data
          : data.includes('@')
            ? data.slice(data.indexOf('@') + 1).replace(/;.*$/, '')
            : undefined;
      if (file !== undefined && file !== '' && !(v === '--data-raw')) {
        uploads = true;
        if (file === '-') {
          const s = upstreamSecret(cmd, ctx);
          if (s) out.push(exfiltration(s));
        } else {
          const r = judgeRead({ value: file, dynamic: next.dynamic }, ctx);
          if (r) out.push(exfiltration(file));
        }
      }
      if (/\$\(|`/.test(data) && /(env|printenv|cat|\.ssh|\.aws|token|secret|key)/i.test(data))
        out.push(exfiltration('command output'));
      i++;
    } else if (
      (v === '-o' || v === '--output' || v === '-O' || v === '--output-document' || v === '-P') &&
      next &&
      v !== '-O'
    ) {
      out.push(judgeWrite(next, ctx, 'downloads to'));
      i++;
    } else if (/^-X$|^--request$/.test(v) && next) {
      i++;
    } else if ((v === '-H' || v === '--header') && next) {
      void 0;
      i++;
    } else if (v === '-K' || v === '--config') i++;
  }
  if (cmd.upstream && !uploads) {
    const s = upstreamSecret(cmd, ctx);
    if (s) out.push(exfiltration(s));
  }
  if (uploads) out.push(unsure('upload', 'uploads a local file to another machine'));
  const remote = judgeHttpEffect('curl', curlMethod(args), urlArgs(args), requestBodies(args));
  if (remote) out.push(remote);
  return judgeAll(out.length ? out : [safe('downloads over the network')]);
};

/** The request bodies of a curl/wget call: the values of its data options, attached or not. */
function requestBodies(args: readonly Arg[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    const m = /^(-d|--data(-raw|-binary|-urlencode|-ascii)?|--json|--post-data|--body-data)(=(.*))?$/s.exec(
      v,
    );
    if (m) out.push(m[4] ?? args[++i]?.value ?? '');
    else if (/^-d./s.test(v)) out.push(v.slice(2));
  }
  return out;
}

/** wget follows curl's rules: posting data is an API call, posting a file an upload. */
const wget: CommandJudge = (args, cmd, ctx) => {
  const out: Analysis[] = [];
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    const next = args[i + 1];
    const post = /^--(post|body)-(file|data)(=|$)/.exec(v);
    if (post) {
      const attached = v.includes('=');
      const value = attached ? v.slice(v.indexOf('=') + 1) : (next?.value ?? '');
      if (!attached) i++;
      // `--post-data=@file` is curl's spelling, but the intent is the same upload
      const file = v.includes('-file') ? value : value.startsWith('@') ? value.slice(1) : undefined;
      if (file !== undefined) {
        const r =
          file === '-' ? upstreamSecret(cmd, ctx) : judgeRead({ value: file, dynamic: false }, ctx) && file;
        out.push(r ? exfiltration(r) : unsure('upload', 'uploads a local file to another machine'));
      } else if (/\$\(|`/.test(value) && /(env|printenv|cat|\.ssh|\.aws|token|secret|key)/i.test(value))
        out.push(exfiltration('command output'));
    } else if (
      (v === '-O' || v === '--output-document' || v === '-P' || v === '--directory-prefix') &&
      next &&
      next.value !== '-'
    ) {
      out.push(judgeWrite(next, ctx, 'downloads to'));
      i++;
    }
  }
  const s = upstreamSecret(cmd, ctx);
  if (s) out.push(exfiltration(s));
  const remote = judgeHttpEffect('wget', wgetMethod(args), urlArgs(args), requestBodies(args));
  if (remote) out.push(remote);
  return judgeAll(out.length ? out : [safe('downloads over the network')]);
};

const rawSocket: CommandJudge = (args, cmd, ctx) => {
  const s = upstreamSecret(cmd, ctx);
  if (s) return exfiltration(s);
  if (args.some((a) => /^-[a-z]*[el]|^-c$|--exec|--sh-exec|EXEC:|SYSTEM:/.test(a.value)))
    return dangerous(
      'cross-trust-boundary',
      'reverse-shell',
      'opens a network listener or a shell over the network (reverse shell)',
    );
  if (cmd.redirects.some((r) => r.operator === '<'))
    return unsure('network-send', 'sends a file over a raw socket');
  return unsure('raw-socket', 'opens a raw network connection');
};

const scp: CommandJudge = (args, _cmd, ctx) => {
  // -i KEY logs in with the key; -P, -o, -F, -c, -l, -S, -J take values too
  const ops = splitArgs(args, { shortValue: 'iPoFclSJ' }).operands;
  const out: Analysis[] = [];
  const dest = ops[ops.length - 1];
  for (const o of ops.slice(0, -1)) {
    if (judgeRead(o, ctx) && dest && /:/.test(dest.value)) out.push(exfiltration(o.value));
  }
  out.push(unsure('remote-copy', 'copies files to or from another machine'));
  return judgeAll(out);
};

const ssh: CommandJudge = (args, cmd, ctx) => {
  const s = upstreamSecret(cmd, ctx);
  if (s) return exfiltration(s);
  if (args.some((a) => /^-[a-zA-Z]*R/.test(a.value))) return unsure('ssh-tunnel', 'opens a reverse tunnel');
  return unsure('ssh', 'runs commands on another machine');
};

/** httpie and xh: `http [flags] [METHOD] URL [items]`; `:3000/x` is shorthand for localhost. */
const httpie: CommandJudge = (args, cmd, ctx) => {
  const s = upstreamSecret(cmd, ctx);
  if (s) return exfiltration(s);
  const ops = args.filter((a) => !a.value.startsWith('-')).map((a) => a.value);
  const hasMethod = /^[A-Z]+$/.test(ops[0] ?? '');
  const m = hasMethod ? ops[0]! : '';
  const url = (hasMethod ? ops[1] : ops[0]) ?? '';
  // httpie's items (`query='mutation {…}'`, `query:=…`) make the JSON body; a bare item list posts
  const items = args.filter((a) => /^[\w.-]+(:=|==|=|@)/.test(a.value)).map((a) => a.value);
  const method = m || (items.some((i) => !i.includes('==')) ? 'POST' : '');
  const remote = judgeHttpEffect('http', method, [url], items);
  if (remote) return remote;
  return /^(POST|PUT|PATCH|DELETE)$/.test(m)
    ? unsure('network-write', 'sends data to a remote service')
    : safe('http GET');
};

export const NETWORK_JUDGES: Readonly<Record<string, CommandJudge>> = {
  curl,
  wget,
  http: httpie,
  https: httpie,
  xh: httpie,
  nc: rawSocket,
  ncat: rawSocket,
  netcat: rawSocket,
  socat: rawSocket,
  telnet: rawSocket,
  scp,
  sftp: scp,
  ftp: scp,
  ssh,
  mosh: ssh,
};
