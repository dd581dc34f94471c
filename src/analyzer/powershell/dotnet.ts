import type { Analysis } from '../../domain/analysis.js';
import { isWindowsPath } from '../../places/windows-path.js';
import type { SimpleCommand } from '../../shell/extract.js';
import type { Arg } from '../../shell/words.js';
import { deeper, type ShellContext } from '../commands/context.js';
import { judgeAll, judgeDelete, judgeOverwrite, judgeRead, judgeWrite } from '../commands/path-checks.js';
import { dangerous, safe, unsure } from '../verdicts.js';
import type { PsArg, PsMemberCall } from './parse.js';

/**
 * .NET from PowerShell: `[IO.File]::Delete(p)`, `(New-Object Net.WebClient).DownloadFile(u, f)`,
 * `[Diagnostics.Process]::Start(…)`. File members are judged as reads, writes and deletes of
 * their path; types that only compute are safe; types that run code, load assemblies or open
 * sockets are held; unknown types are held.
 */

/** Types whose members only compute or read (lower-cased, `System.` dropped). */
const PURE_TYPES =
  /^(math|string|char|int(16|32|64)?|uint(16|32|64)?|long|double|decimal|single|float|byte|bool(ean)?|datetime|datetimeoffset|timespan|guid|uri|version|regex|text\.regularexpressions\.regex|text\.encoding|text\.stringbuilder|bitconverter|array|object|pscustomobject|psobject|ordered|hashtable|collections\..*|linq\.enumerable|io\.path|io\.fileinfo|io\.directoryinfo|globalization\..*|security\.cryptography\.(sha\d+|md5|hashalgorithm|sha\d+managed)|convert|console|environment|enum|type|nullable|tuple|valuetuple|random|diagnostics\.stopwatch|management\.automation\.pscredential|net\.ipaddress|net\.dns|xml|xml\.xmldocument|web\.httputility|net\.webutility|text\.json\.jsonserializer|io\.stringreader|io\.stringwriter|io\.memorystream|datetime\.now)$/;

/** Instance members (no type known) that change things or run code; every other member only computes. */
const RISKY_MEMBERS =
  /^(delete|moveto|copyto|create|createsubdirectory|encrypt|decrypt|uploadstring|uploadfile|uploaddata|uploadvalues|openwrite|send|sendasync|connect|getstream|postasync|putasync|deleteasync|sendrequest|invokescript|invokemember|newscriptblock|start|kill|run|exec|shellexecute|setvalue|deletevalue|createsubkey|deletesubkey|deletesubkeytree|setaccesscontrol|addaccessrule|setaccessrule|loadfrom|loadfile|load)$/;

type Code = (value: PsArg) => Analysis;

export function judgeMemberCall(call: PsMemberCall, ctx: ShellContext, code: Code): Analysis {
  const a = call.args;
  const path = (i: number): Arg | undefined => (a[i] ? pathArg(a[i]) : undefined);
  if (call.type === undefined) return instanceCall(call, ctx);
  const type = call.type.replace(/\[\]$/, '');
  const m = call.member;
  switch (type) {
    case 'io.file':
      if (/^(readalltext|readalllines|readallbytes|readlines|openread|opentext)$/.test(m))
        return (path(0) && judgeRead(path(0)!, ctx)) ?? safe(`reads ${a[0]?.value ?? 'a file'}`);
      if (/^(writealltext|writealllines|writeallbytes|create|createtext|openwrite|open|replace)$/.test(m))
        return path(0)
          ? judgeOverwrite(path(0)!, ctx, !!a[1] && !a[1].dynamic)
          : unsure('write-dynamic-path', `[IO.File]::${m}`);
      if (/^(appendalltext|appendalllines|appendtext)$/.test(m))
        return path(0)
          ? judgeWrite(path(0)!, ctx, 'appends to')
          : unsure('write-dynamic-path', `[IO.File]::${m}`);
      if (m === 'delete')
        return path(0)
          ? judgeDelete(path(0)!, { recursive: false, glob: false }, ctx)
          : unsure('delete-dynamic-path', '[IO.File]::Delete');
      if (m === 'copy' || m === 'move') return native([m === 'copy' ? 'cp' : 'mv'], [path(0), path(1)], ctx);
      if (/^(exists|getattributes|getlastwritetime|getcreationtime|getlastaccesstime)$/.test(m))
        return safe(`[IO.File]::${m} only reads`);
      return unsure('file-attributes', `[IO.File]::${m} changes a file's attributes or protection`);
    case 'io.directory':
      if (m === 'delete')
        return path(0)
          ? judgeDelete(path(0)!, { recursive: /^\$?true$/i.test(a[1]?.value ?? ''), glob: false }, ctx)
          : unsure('delete-dynamic-path', '[IO.Directory]::Delete');
      if (m === 'createdirectory')
        return path(0)
          ? judgeWrite(path(0)!, ctx, 'creates')
          : unsure('write-dynamic-path', 'creates a folder');
      if (m === 'move') return native(['mv'], [path(0), path(1)], ctx);
      if (m === 'setcurrentdirectory') return safe('changes the process directory');
      return safe(`[IO.Directory]::${m} only reads`);
    case 'io.streamwriter':
    case 'io.filestream':
    case 'io.binarywriter':
      return m === 'new' && path(0)
        ? judgeWrite(path(0)!, ctx, 'opens for writing')
        : safe(`${type} writes to a stream`);
    case 'io.streamreader':
      return (m === 'new' && path(0) && judgeRead(path(0)!, ctx)) || safe('reads a stream');
    case 'environment':
      if (m === 'setenvironmentvariable') {
        const scope = (a[2]?.value ?? '').toLowerCase();
        const name = a[0]?.value ?? '';
        if (/user|machine/.test(scope) || a[2]?.dynamic)
          return native(['setx', name, a[1]?.value ?? '', ...(/machine/.test(scope) ? ['/m'] : [])], [], ctx);
        return ctx.judgeScript(`export ${name}='${(a[1]?.value ?? '').replace(/'/g, `'\\''`)}'`, deeper(ctx));
      }
      return safe(`[Environment]::${m}`);
    case 'convert':
    case 'text.encoding':
      return safe(`[${type}]::${m} converts a value`);
    case 'diagnostics.process':
      if (m === 'start') {
        if (!a[0] || a[0].dynamic) return unsure('dynamic-command', 'starts a program named at run time');
        const args =
          a[1] && !a[1].dynamic ? a[1].value.split(/\s+/).filter(Boolean) : a[1] ? [a[1].value] : [];
        return ctx.judgeArgv(
          [
            { value: a[0].value.replace(/\\/g, '/'), dynamic: false },
            ...args.map((v) => ({ value: v, dynamic: !!a[1]?.dynamic })),
          ],
          simple([a[0].value, ...args]),
          deeper(ctx),
        );
      }
      return m === 'getprocesses' ||
        m === 'getprocessbyid' ||
        m === 'getprocessesbyname' ||
        m === 'getcurrentprocess'
        ? safe('lists processes')
        : unsure('process-control', `[Diagnostics.Process]::${m}`);
    case 'scriptblock':
    case 'management.automation.scriptblock':
      return m === 'create' && a[0] ? code(a[0]) : safe('a script block');
    case 'reflection.assembly':
      return unsure('load-assembly', `[Reflection.Assembly]::${m} loads code warden cannot judge`);
    case 'runtime.interopservices.marshal':
      return unsure('native-memory', 'native memory and handles from PowerShell; warden cannot judge this');
    case 'net.webclient':
    case 'net.http.httpclient':
    case 'net.webrequest':
    case 'net.httpwebrequest':
      return safe(`a ${type} (what it downloads or uploads is judged where it is used)`);
    case 'net.sockets.tcpclient':
    case 'net.sockets.udpclient':
    case 'net.sockets.tcplistener':
    case 'net.sockets.socket':
      return unsure(
        'network-socket',
        `opens a raw network connection (${type}): a reverse shell or data sent off the machine`,
      );
    case 'management.automation.powershell':
    case 'management.automation.runspaces.runspacefactory':
      return unsure('powershell-dynamic-code', 'runs PowerShell code through the API, built at run time');
    case 'io.compression.zipfile':
      if (/^extracttodirectory$/.test(m) && path(1)) return judgeWrite(path(1)!, ctx, 'extracts into');
      if (/^createfromdirectory$/.test(m) && path(1)) return judgeWrite(path(1)!, ctx, 'writes');
      return safe('reads a zip file');
  }
  if (PURE_TYPES.test(type)) return safe(`[${type}]::${m} only computes`);
  return unsure('powershell-dotnet', `[${type}]::${m}: a .NET call warden does not know`);
}

function instanceCall(call: PsMemberCall, ctx: ShellContext): Analysis {
  const m = call.member;
  const a = call.args;
  if (m === 'downloadfile' && a[1]) return judgeWrite(pathArg(a[1]), ctx, 'downloads into');
  if (/^(downloadstring|downloaddata|openread|getstringasync|getasync|getbytearrayasync)$/.test(m))
    return safe('downloads (running it is judged where it runs)');
  if (/^(uploadfile)$/.test(m) && a[1]) {
    const r = judgeRead(pathArg(a[1]), ctx);
    if (r)
      return dangerous(
        'destroy-or-exfiltrate',
        'exfiltration',
        `blocked: uploads ${a[1].value} (a secret) off the machine`,
      );
  }
  if (/^(invoke|invokereturnasis|getnewclosure)$/.test(m))
    return safe('runs a script block (its commands are judged)');
  if (RISKY_MEMBERS.test(m))
    return unsure(
      'powershell-dotnet',
      `.${m}() changes files, runs code or sends data; warden cannot see on what`,
    );
  return safe(`.${m}() only computes`);
}

function pathArg(a: PsArg): Arg {
  const v = isWindowsPath(a.value) ? a.value : a.value.replace(/\\/g, '/');
  return { value: v, dynamic: a.dynamic, ...(a.vars && { vars: a.vars }) };
}

function simple(argv: readonly string[]): SimpleCommand {
  return {
    argv: argv.map((value) => ({ value, dynamic: false })),
    globs: argv.map(() => false),
    redirects: [],
    text: argv.join(' '),
  };
}

function native(head: readonly string[], rest: readonly (Arg | undefined)[], ctx: ShellContext): Analysis {
  if (rest.some((r) => r === undefined && rest.length > 0))
    return judgeAll([unsure('write-dynamic-path', `${head[0]} of paths known at run time`)]);
  const argv: Arg[] = [...head.map((value) => ({ value, dynamic: false })), ...(rest as Arg[])];
  return ctx.judgeArgv(argv, { ...simple(head), argv }, deeper(ctx));
}
