import type { Analysis } from '../../domain/analysis.js';
import { resolvePath } from '../../places/resolve-path.js';
import { isDrivePath, isWindowsPath, toPosixPath } from '../../places/windows-path.js';
import type { SimpleCommand } from '../../shell/extract.js';
import type { Arg } from '../../shell/words.js';
import { deeper, type ShellContext } from '../commands/context.js';
import { judgeScriptFile } from '../commands/languages/shells.js';
import {
  judgeAll,
  judgeDelete,
  judgeInPlaceEdit,
  judgeOverwrite,
  judgeRead,
  judgeWrite,
} from '../commands/path-checks.js';
import { isSecretName } from '../commands/secrets/env-secrets.js';
import { atLeastUnsure, dangerous, safe, unsure, worst } from '../verdicts.js';
import {
  ALIASES,
  CMDLETS,
  type CmdletKind,
  DESTROY_VERBS,
  isSwitch,
  NATIVE_TOO,
  paramIs,
  READ_VERBS,
} from './cmdlets.js';
import { judgeMemberCall } from './dotnet.js';
import { type PsArg, type PsCommand, type PsExpression, type PsItem, parsePowerShell } from './parse.js';

/**
 * PowerShell judged by cmdlet semantics, with the same categories and findings as the shell
 * analysis: reads are safe, deletes, writes, downloads run as code, privilege, registry,
 * services, accounts and secrets are judged as their bash counterparts are (often by handing
 * the bash judges the equivalent argv: `Stop-Process -Name x` is `pkill x`, `Copy-Item a b` is
 * `cp a b`, `iwr URL -OutFile f` is `curl URL -o f`). Native programs (git, npm, cmd, reg…)
 * go to the shell analyzer's judges with their decoded arguments.
 */
export function judgePowerShell(code: string, ctx: ShellContext): Analysis {
  if (ctx.depth > 6) return unsure('nesting-too-deep', 'PowerShell code nested too deeply to judge');
  const script = parsePowerShell(code, {
    home: ctx.env.home,
    temp: windowsTemp(ctx),
    cwd: ctx.cwd,
  });
  const walk = new Walk(ctx);
  const out = script.items.map((item) => walk.item(item));
  const verdict = worst(out, safe('PowerShell code that only reads and prints'));
  if (script.errors.length > 0 && verdict.kind !== 'dangerous')
    return unsure(
      'unparseable',
      `the PowerShell code does not parse (${script.errors[0]}); warden judges only what it can read`,
    );
  return verdict;
}

/** `$env:TEMP`: the user's Windows temp dir when there is one, else the first temp dir. */
function windowsTemp(ctx: ShellContext): string {
  return ctx.env.tempDirs.find((t) => isDrivePath(t)) ?? ctx.env.tempDirs[0] ?? '/tmp';
}

/** File name patterns that look for keys and credentials (`-Include id_rsa,*.kdbx`). */
const SECRET_FILES =
  /id_(rsa|dsa|ecdsa|ed25519)|\.(pem|key|kdbx|pfx|p12|ppk|keystore|jks)\b|credential|secret|password|passwd|token|\.env\b|wallet/i;

/** Network pulls whose result, run as code, is a download run unread. */
const FETCH =
  /\b(invoke-webrequest|invoke-restmethod|iwr|irm|curl|wget|start-bitstransfer|downloadstring|downloaddata|downloadfile|net\.webclient|httpclient|getstringasync|openread)\b/i;
/** Decoders and string builders that hide what runs. */
const OBFUSCATED =
  /frombase64string|\[char\]|-bxor|-join|\bencodedcommand\b|-enc\b|gzipstream|deflatestream|\.reverse\(|\[array\]::reverse|-f\s*['"]|\bsecurestring|\bdecompress\b|-replace\s|\.replace\(/i;

class Walk {
  private cwd: string | undefined;
  /** Variables assigned from a download or a decoder: running them is running that. */
  private readonly fetched = new Set<string>();
  private readonly decoded = new Set<string>();
  private readonly downloaded = new Set<string>();

  constructor(private readonly ctx: ShellContext) {
    this.cwd = ctx.cwd;
  }

  private here(): ShellContext {
    return { ...this.ctx, cwd: this.cwd, downloaded: this.downloaded };
  }

  item(item: PsItem): Analysis {
    switch (item.kind) {
      case 'command':
        return this.command(item);
      case 'expression':
        return this.expression(item);
      case 'member':
        return judgeMemberCall(item, this.here(), (code) => this.code(code));
      case 'assign': {
        const text = item.value.text;
        if (FETCH.test(text) || [...this.fetched].some((v) => mentions(text, v))) this.fetched.add(item.name);
        if (OBFUSCATED.test(text) || [...this.decoded].some((v) => mentions(text, v)))
          this.decoded.add(item.name);
        if (item.name.startsWith('env:')) return this.envAssignment(item.name.slice(4), item.value);
        return safe('assigns a variable');
      }
    }
  }

  /** PowerShell code given as a string (`iex 'code'`, `[scriptblock]::Create('…')`). */
  code(value: PsArg): Analysis {
    if (!value.dynamic) return judgePowerShell(value.value, deeper(this.here()));
    return this.dynamicCode(value.text);
  }

  private dynamicCode(text: string): Analysis {
    if (FETCH.test(text) || [...this.fetched].some((v) => mentions(text, v)))
      return dangerous(
        'cross-trust-boundary',
        'pipe-to-shell',
        'blocked: runs code downloaded from the network (Invoke-Expression of a download); download it to a file, read it, then run it',
      );
    if (OBFUSCATED.test(text) || [...this.decoded].some((v) => mentions(text, v)))
      return dangerous(
        'cross-trust-boundary',
        'obfuscated-exec',
        'blocked: runs a decoded or assembled payload; run plain, readable commands',
      );
    return unsure('powershell-dynamic-code', `runs PowerShell code built at run time (${clip(text)})`);
  }

  /** `$env:NAME = value`: the shell's `export NAME=value`. */
  private envAssignment(name: string, value: PsArg): Analysis {
    let v = value.dynamic ? concatenation(value.text, windowsTemp(this.ctx)) : shellQuote(value.value);
    // a search path: PowerShell separates with `;`, the shell judge reads `:`
    if (/^(path|psmodulepath|pythonpath|node_path)$/i.test(name)) v = v.replace(/;/g, ':');
    return this.ctx.judgeScript(
      `export ${name.toUpperCase() === 'PATH' ? 'PATH' : name}=${v}`,
      deeper(this.here()),
    );
  }

  private expression(e: PsExpression): Analysis {
    const out: Analysis[] = e.redirects.map((r) => this.redirect(r.operator, r.target));
    if (e.printed) {
      // a printed `$env:GITHUB_TOKEN` is `echo $GITHUB_TOKEN`: the secret lands in the transcript
      if (e.value?.vars?.some(isSecretName)) out.push(this.native([word('echo'), toArg(e.value)], undefined));
      if (/getenvironmentvariables\s*\(|^\$?env:\s*$|^\s*dir\s+env:/i.test(e.text))
        out.push(this.native([word('env')], undefined));
      const named = /getenvironmentvariable\s*\(\s*['"]?(\w+)/i.exec(e.text)?.[1];
      if (named && isSecretName(named))
        out.push(
          this.native([word('echo'), { value: `$${named}`, dynamic: true, vars: [named] }], undefined),
        );
    }
    return judgeAll(out);
  }

  private redirect(operator: string, target: PsArg): Analysis {
    if (/&[12]$/.test(operator)) return safe('joins output streams');
    const t = toArg(target);
    if (/^\$null$/i.test(t.value) || /^\$?null$/i.test(target.text)) return safe('discards output');
    return operator.endsWith('>>')
      ? judgeWrite(pathArg(t), this.here(), 'appends')
      : judgeOverwrite(pathArg(t), this.here(), false);
  }

  private command(cmd: PsCommand): Analysis {
    const out: Analysis[] = cmd.redirects.map((r) => this.redirect(r.operator, r.target));
    out.push(this.invocation(cmd));
    return judgeAll(out);
  }

  private invocation(cmd: PsCommand): Analysis {
    const name = cmd.name;
    if (name.kind === 'block') return safe('runs a script block (its commands are judged)');
    if (name.dynamic) {
      if (name.kind === 'expr' && /^\(\s*get-command\s+[\w.-]+\s*\)$/i.test(name.text))
        return safe('runs a named command');
      return atLeastUnsure(
        this.dynamicCode(name.text),
        'dynamic-command',
        `runs a command named at run time (${clip(name.text)})`,
      );
    }
    // a module-qualified name (`Microsoft.PowerShell.Management\Remove-Item`) runs that module's command
    const raw = name.value.replace(/^[A-Za-z][\w.]*\\(?=[A-Za-z]+-[A-Za-z]\w*$)/, '');
    const lower = raw.toLowerCase();
    // a path: a script (judged as a script file) or a program (judged by its name)
    if (/[\\/]/.test(raw) || /\.(ps1|psm1|bat|cmd)$/i.test(raw)) {
      if (/\.(ps1|psm1|bat|cmd|vbs|js)$/i.test(raw) || cmd.invoke === '.')
        return judgeScriptFile({ value: slashes(raw), dynamic: false }, this.here(), 'PowerShell');
      return this.native([{ value: programPath(raw), dynamic: false }, ...cmd.args.map(toArg)], cmd);
    }
    if (cmd.invoke === '.')
      return judgeScriptFile({ value: slashes(raw), dynamic: false }, this.here(), 'PowerShell');
    const cmdlet = ALIASES[lower] ?? lower;
    const kind = CMDLETS[cmdlet];
    if (kind === undefined && !/^[a-z]+-[a-z]/i.test(cmdlet))
      return this.native([word(raw), ...cmd.args.map(toArg)], cmd);
    const verdict = kind ? this.cmdlet(kind, cmdlet, cmd) : this.byVerb(cmdlet, cmd);
    if (lower !== cmdlet && NATIVE_TOO.has(lower) && !hasPsParams(cmd)) {
      // PowerShell 7 runs the native program for these names: judge that reading too
      return judgeAll([verdict, this.native([word(lower), ...cmd.args.map(toArg)], cmd)]);
    }
    if (whatIf(cmd) && verdict.kind !== 'safe')
      return safe(`${title(cmdlet)} -WhatIf only shows what it would do`);
    return verdict;
  }

  /** Cmdlets warden does not list, by their approved verb. */
  private byVerb(cmdlet: string, cmd: PsCommand): Analysis {
    const [verb, noun = ''] = cmdlet.split('-');
    if (READ_VERBS.has(verb!)) {
      if (verb === 'format' && /^(volume|disk|partition)/.test(noun)) return this.cmdlet('disk', cmdlet, cmd);
      if (/secret|credential|password|token|keyvault|apikey/.test(noun))
        return unsure(
          'secrets-read',
          `${title(cmdlet)} prints a stored secret into the transcript; ask the user if you need it`,
        );
      return this.printed(cmdlet, cmd);
    }
    if (verb === 'publish')
      return dangerous(
        'cross-trust-boundary',
        'publish',
        `${title(cmdlet)} publishes to a shared registry; ask the user to do it`,
      );
    if (DESTROY_VERBS.has(verb!))
      return dangerous(
        'destroy-or-exfiltrate',
        'unknown-destroy',
        `${title(cmdlet)} looks destructive; ask the user to run it`,
      );
    return unsure(
      'powershell-change',
      `${title(cmdlet)} changes something warden does not know how to judge`,
    );
  }

  private cmdlet(kind: CmdletKind, cmdlet: string, cmd: PsCommand): Analysis {
    const ctx = this.here();
    const { named, positional } = bind(cmd, cmdlet);
    const pathsOf = (...params: string[]) => [
      ...paramValues(named, ...params),
      ...(positional[0] ? flat(positional[0]) : []),
    ];
    switch (kind) {
      case 'read':
        return this.printed(cmdlet, cmd);
      case 'read-content': {
        const files =
          cmdlet === 'select-string'
            ? [
                ...paramValues(named, 'path', 'literalpath'),
                ...(paramValues(named, 'pattern').length
                  ? positional.slice(0, 1)
                  : positional.slice(1, 2)
                ).flatMap(flat),
              ]
            : pathsOf('path', 'literalpath', 'pspath');
        const out: Analysis[] = [];
        for (const f of files) {
          const env = envDrive(f);
          if (env !== undefined) out.push(this.envRead(env));
          else out.push(judgeRead(pathArg(toArg(f)), ctx) ?? safe(`${title(cmdlet)} reads ${f.value}`));
        }
        return judgeAll(out.length ? out : [safe(`${title(cmdlet)} reads its input`)]);
      }
      case 'list': {
        const patterns = [...paramValues(named, 'include', 'filter'), ...positional.slice(1).flatMap(flat)];
        if (patterns.some((p) => SECRET_FILES.test(p.value)))
          return unsure(
            'secret-search',
            `${title(cmdlet)} searches for credential files (${patterns.map((p) => p.value).join(', ')})`,
          );
        const out = pathsOf('path', 'literalpath').map((f) => {
          const env = envDrive(f);
          return env !== undefined ? this.envRead(env) : safe(`${title(cmdlet)} lists ${f.value}`);
        });
        return judgeAll(out.length ? out : [safe(`${title(cmdlet)} lists`)]);
      }
      case 'location': {
        const to = pathsOf('path', 'literalpath')[0];
        if (!to) return safe('stays');
        this.cwd = to.dynamic ? undefined : resolvePath(slashes(to.value), ctx);
        return safe(`changes directory to ${to.value}`);
      }
      case 'delete':
        return this.remove(cmd, named, positional);
      case 'set-content':
      case 'clear-content':
      case 'out-file':
      case 'tee':
      case 'add-content': {
        const targets =
          kind === 'out-file' || kind === 'tee'
            ? [
                ...paramValues(named, 'filepath', 'path', 'literalpath'),
                ...(positional[0] ? flat(positional[0]) : []),
              ]
            : pathsOf('path', 'literalpath');
        if (kind === 'tee' && targets.length === 0) return safe('Tee-Object into a variable');
        if (targets.length === 0)
          return unsure('write-dynamic-path', `${title(cmdlet)} writes to a path given by its input`);
        const append = kind === 'add-content' || paramIs(flagOf(named, 'append'), 'append');
        const literal =
          kind === 'set-content' &&
          (paramValues(named, 'value').some((v) => !v.dynamic) || (positional[1] && !positional[1].dynamic));
        return judgeAll(
          targets.map((t) => {
            const env = envDrive(t);
            if (env !== undefined)
              return this.envAssignment(env, paramValues(named, 'value')[0] ?? positional[1] ?? t);
            if (isRegistry(t.value)) return this.registry('add', t.value);
            const target = pathArg(toArg(t));
            if (append) return judgeWrite(target, ctx, `${title(cmdlet)} appends to`);
            if (kind !== 'clear-content' && cmd.upstream && readsSameFile(cmd.upstream, t.value))
              return judgeInPlaceEdit(target, ctx, cmdlet);
            return judgeOverwrite(target, ctx, !!literal);
          }),
        );
      }
      case 'new-item': {
        const base = pathsOf('path');
        const nameParts = paramValues(named, 'name');
        const targets = nameParts.length
          ? nameParts.map((n) =>
              base[0]
                ? { ...n, value: `${base[0].value}/${n.value}`, dynamic: n.dynamic || base[0].dynamic }
                : n,
            )
          : base;
        const type = paramValues(named, 'itemtype')[0]?.value.toLowerCase() ?? '';
        if (targets.length === 0) return unsure('write-dynamic-path', 'New-Item without a path');
        return judgeAll(
          targets.map((t) => {
            if (isRegistry(t.value)) return this.registry('add', t.value);
            if (envDrive(t) !== undefined) return safe('sets an environment variable of this session');
            if (/^(symboliclink|junction|hardlink)$/.test(type)) {
              const target = paramValues(named, 'target', 'value')[0];
              return this.native(
                [
                  word('ln'),
                  ...(type === 'hardlink' ? [] : [word('-s')]),
                  target ? pathArg(toArg(target)) : word('$TARGET'),
                  pathArg(toArg(t)),
                ],
                undefined,
              );
            }
            return judgeWrite(pathArg(toArg(t)), ctx, `${title(cmdlet)} creates`);
          }),
        );
      }
      case 'copy':
      case 'move':
      case 'rename': {
        const from = pathsOf('path', 'literalpath');
        const to =
          kind === 'rename'
            ? paramValues(named, 'newname').concat(positional[1] ? flat(positional[1]) : [])
            : paramValues(named, 'destination').concat(positional[1] ? flat(positional[1]) : []);
        if (from.some((f) => isRegistry(f.value)) || to.some((f) => isRegistry(f.value)))
          return this.registry('add', from[0]?.value ?? '');
        const dest =
          kind === 'rename' && to[0] && from[0] && !/[\\/]/.test(to[0].value)
            ? {
                ...to[0],
                value: `${parentOf(slashes(from[0].value))}${to[0].value}`,
                dynamic: to[0].dynamic || from[0].dynamic,
              }
            : to[0];
        const recurse = paramIs(flagOf(named, 'recurse'), 'recurse') ? [word('-r')] : [];
        return this.native(
          [
            word(kind === 'copy' ? 'cp' : 'mv'),
            ...recurse,
            ...from.map((f) => pathArg(toArg(f))),
            dest ? pathArg(toArg(dest)) : word('.'),
          ],
          undefined,
        );
      }
      case 'archive': {
        const out: Analysis[] = [];
        for (const d of paramValues(named, 'destinationpath').concat(
          cmdlet === 'compress-archive' && positional[1] ? flat(positional[1]) : [],
        ))
          out.push(judgeWrite(pathArg(toArg(d)), ctx, `${title(cmdlet)} writes`));
        for (const s of pathsOf('path', 'literalpath')) {
          const r = judgeRead(pathArg(toArg(s)), ctx);
          if (r) out.push(r);
        }
        if (cmdlet === 'expand-archive' && paramValues(named, 'destinationpath').length === 0)
          out.push(safe('expands into the current directory'));
        return judgeAll(out);
      }
      case 'invoke-expression': {
        if (cmdlet === 'invoke-history')
          return unsure('powershell-dynamic-code', 'Invoke-History runs an earlier command again');
        const given = paramValues(named, 'command')[0] ?? positional[0];
        if (given) return this.code(given);
        const up = cmd.upstream;
        if (!up) return unsure('powershell-dynamic-code', 'Invoke-Expression of its input');
        if (up.kind === 'expression') return up.value ? this.code(up.value) : this.dynamicCode(up.text);
        if (FETCH.test(up.text) || this.isWeb(up)) return this.dynamicCode('iwr');
        const upName = ALIASES[up.name.value.toLowerCase()] ?? up.name.value.toLowerCase();
        if (upName === 'write-output' || upName === 'write-host') {
          const text = up.args.map(toArg);
          return text.every((a) => !a.dynamic)
            ? this.code({ ...up.name, value: text.map((a) => a.value).join(' '), dynamic: false })
            : this.dynamicCode(up.text);
        }
        return atLeastUnsure(
          this.dynamicCode(up.text),
          'powershell-dynamic-code',
          `runs the output of ${up.name.value} as code`,
        );
      }
      case 'invoke-command': {
        const computer = paramValues(named, 'computername', 'session', 'hostname', 'vmname', 'containerid');
        const file = paramValues(named, 'filepath')[0];
        const out: Analysis[] = [];
        if (computer.length)
          out.push(
            unsure('remote-exec', `Invoke-Command runs code on ${computer.map((c) => c.value).join(', ')}`),
          );
        if (file) out.push(judgeScriptFile(pathArg(toArg(file)), ctx, 'Invoke-Command'));
        const block = paramValues(named, 'scriptblock')[0] ?? positional[0];
        if (block && block.kind !== 'block') out.push(this.dynamicCode(block.text));
        return judgeAll(out.length ? out : [safe('runs a script block (its commands are judged)')]);
      }
      case 'job': {
        const file = paramValues(named, 'filepath')[0];
        return file
          ? judgeScriptFile(pathArg(toArg(file)), ctx, cmdlet)
          : safe('runs a script block in the background (its commands are judged)');
      }
      case 'start-process':
        return this.startProcess(named, positional);
      case 'add-type': {
        if (
          paramValues(named, 'typedefinition', 'memberdefinition', 'path', 'literalpath').length ||
          positional.length
        )
          return unsure(
            'powershell-add-type',
            'Add-Type compiles and loads code (C#, native calls) that warden cannot judge',
          );
        return safe('Add-Type loads a framework assembly');
      }
      case 'import-module': {
        const mod = pathsOf('name');
        return judgeAll(
          mod.map((m) =>
            /[\\/]|\.(psm1|psd1|ps1|dll)$/i.test(m.value)
              ? judgeScriptFile(pathArg(toArg(m)), ctx, 'Import-Module')
              : safe(`imports the module ${m.value}`),
          ),
        );
      }
      case 'new-object': {
        const com = paramValues(named, 'comobject')[0];
        if (com)
          return unsure(
            'com-object',
            `creates the COM object ${com.value}, which can run programs or change the system`,
          );
        const type = (paramValues(named, 'typename')[0] ?? positional[0])?.value ?? '';
        const args = [...paramValues(named, 'argumentlist'), ...positional.slice(1).flatMap(flat)];
        return judgeMemberCall(
          {
            kind: 'member',
            type: type.toLowerCase().replace(/^system\./, ''),
            member: 'new',
            args,
            text: cmd.text,
          },
          ctx,
          (code) => this.code(code),
        );
      }
      case 'web':
        return this.web(cmdlet, cmd, named, positional);
      case 'send-mail': {
        const out: Analysis[] = [unsure('send-mail', 'Send-MailMessage sends mail to other people')];
        for (const a of paramValues(named, 'attachments')) {
          const r = judgeRead(pathArg(toArg(a)), ctx);
          if (r)
            out.push(
              dangerous(
                'destroy-or-exfiltrate',
                'exfiltration',
                `blocked: mails ${a.value} (a secret) off the machine`,
              ),
            );
        }
        return judgeAll(out);
      }
      case 'stop-process': {
        const force = paramIs(flagOf(named, 'force'), 'force') ? [word('-9')] : [];
        const names = paramValues(named, 'name', 'processname');
        const ids = [...paramValues(named, 'id'), ...positional.flatMap(flat)];
        const out: Analysis[] = [];
        if (names.length) out.push(this.native([word('pkill'), ...names.map(toArg)], undefined));
        if (ids.length) out.push(this.native([word('kill'), ...force, ...ids.map(toArg)], undefined));
        return judgeAll(
          out.length ? out : [unsure('kill-dynamic', 'Stop-Process stops processes chosen at run time')],
        );
      }
      case 'shutdown':
        return this.native([word('shutdown')], undefined);
      case 'reboot':
        return this.native([word('reboot')], undefined);
      case 'disk':
        if (cmdlet === 'clear-recyclebin')
          return unsure(
            'trash-empty',
            'Clear-RecycleBin empties the recycle bin: deleted files can no longer be restored',
          );
        return dangerous(
          'destroy-or-exfiltrate',
          'disk-format',
          `${title(cmdlet)} formats, wipes or repartitions a disk; ask the user to do it`,
        );
      case 'registry-write': {
        const keys = pathsOf('path', 'literalpath');
        const del = /^(remove|clear)-/.test(cmdlet);
        const out = keys.map((k) => {
          if (isRegistry(k.value)) return this.registry(del ? 'delete' : 'add', k.value);
          if (envDrive(k) !== undefined)
            return this.envAssignment(envDrive(k)!, paramValues(named, 'value')[0] ?? positional[1] ?? k);
          return cmdlet === 'set-item' || cmdlet === 'clear-item'
            ? judgeOverwrite(pathArg(toArg(k)), ctx, false)
            : unsure('file-attributes', `${title(cmdlet)} changes properties of ${k.value}`);
        });
        return judgeAll(
          out.length
            ? out
            : [unsure('registry-change', `${title(cmdlet)} changes properties of items given by its input`)],
        );
      }
      case 'execution-policy': {
        const scope = paramValues(named, 'scope')[0]?.value.toLowerCase();
        if (scope === 'process') return safe('Set-ExecutionPolicy for this PowerShell process only');
        return dangerous(
          'degrade-security',
          'execution-policy',
          'blocked: Set-ExecutionPolicy changes which scripts Windows lets run for every later session; use -Scope Process, or ask the user',
        );
      }
      case 'defender':
        if (named.some((n) => /^-(disable|exclusion)/i.test(n.param)) || cmdlet === 'add-mppreference')
          return dangerous(
            'degrade-security',
            'antivirus-off',
            `blocked: ${title(cmdlet)} turns off or narrows Microsoft Defender; ask the user`,
          );
        return unsure('security-setting', `${title(cmdlet)} changes Microsoft Defender's settings`);
      case 'firewall':
        if (
          cmdlet === 'set-netfirewallprofile' &&
          !named.some((n) => paramIs(n.param, 'enabled') && /false|0/i.test(n.value?.value ?? ''))
        )
          return unsure('firewall-change', `${title(cmdlet)} changes the firewall`);
        return dangerous(
          'degrade-security',
          'firewall-off',
          `blocked: ${title(cmdlet)} turns the firewall off; ask the user`,
        );
      case 'firewall-rule':
        return unsure('firewall-change', `${title(cmdlet)} opens or changes a firewall rule`);
      case 'account':
        return dangerous(
          'degrade-security',
          'account-change',
          `${title(cmdlet)} creates or changes accounts or group membership; ask the user`,
        );
      case 'service-install':
        return dangerous(
          'degrade-security',
          'persistence-service',
          `${title(cmdlet)} installs, removes or reconfigures a service; ask the user`,
        );
      case 'service-change':
        return unsure('service-change', `${title(cmdlet)} starts, stops or changes a service`);
      case 'scheduled-task':
        return dangerous(
          'degrade-security',
          'persistence-task',
          `${title(cmdlet)} creates or changes a scheduled task; ask the user`,
        );
      case 'acl':
        return unsure(
          'permission-change',
          `${title(cmdlet)} changes who may use ${pathsOf('path')[0]?.value ?? 'a file'}`,
        );
      case 'alias':
        return unsure('alias-change', `${title(cmdlet)} redefines a command name for this session`);
      case 'history-off':
        return cmdlet === 'clear-history' || named.some((n) => /savenothing/i.test(n.value?.value ?? ''))
          ? unsure('history-off', `${title(cmdlet)} hides commands from the history`)
          : safe(`${title(cmdlet)} changes the prompt's settings`);
      case 'publish':
        return dangerous(
          'cross-trust-boundary',
          'publish',
          `${title(cmdlet)} publishes to a shared registry; ask the user to do it`,
        );
      case 'install':
        return unsure(
          'global-install',
          `${title(cmdlet)} installs a module or package for the whole user or machine`,
        );
      case 'secret':
        return cmdlet === 'convertfrom-securestring' && !paramIs(flagOf(named, 'asplaintext'), 'asplaintext')
          ? safe('ConvertFrom-SecureString keeps the value encrypted')
          : unsure('secrets-read', `${title(cmdlet)} reveals a credential in the transcript`);
      case 'remote':
        return unsure('remote-exec', `${title(cmdlet)} opens a session on another machine`);
      case 'invoke-item': {
        const items = pathsOf('path', 'literalpath');
        return judgeAll(
          items.map((i) =>
            /\.(exe|bat|cmd|ps1|vbs|js|msi|lnk|scr|com)$/i.test(i.value)
              ? judgeScriptFile(pathArg(toArg(i)), ctx, 'Invoke-Item')
              : safe(`opens ${i.value} with its default program`),
          ),
        );
      }
      case 'env-item':
        return safe('environment item');
    }
  }

  /** A cmdlet that prints its arguments (`Write-Output $env:GITHUB_TOKEN`) is `echo` of them. */
  private printed(cmdlet: string, cmd: PsCommand): Analysis {
    if (!cmd.args.some((a) => (a.vars ?? a.bound?.vars)?.some(isSecretName)))
      return safe(`${title(cmdlet)} only reads or prints`);
    return this.native([word('echo'), ...cmd.args.filter((a) => !a.param || a.bound).map(toArg)], cmd);
  }

  /** `Remove-Item` (rm, del, rd, ri): `rm -r`, with PowerShell's providers (registry, env). */
  private remove(cmd: PsCommand, named: readonly Named[], positional: readonly PsArg[]): Analysis {
    const ctx = this.here();
    const targets = [...paramValues(named, 'path', 'literalpath', 'pspath'), ...positional.flatMap(flat)];
    const recursive = named.some(
      (n) => paramIs(n.param, 'recurse') && !/^\$?false$/i.test(n.value?.value ?? ''),
    );
    if (targets.length === 0) {
      const up = cmd.upstream;
      if (!up || up.kind === 'expression')
        return unsure('delete-dynamic-path', 'Remove-Item deletes what its input names');
      // `Get-ChildItem PATH [-Filter x] | Remove-Item`: deletes what the listing finds
      const { named: upNamed, positional: upPos } = bind(
        up,
        ALIASES[up.name.value.toLowerCase()] ?? up.name.value.toLowerCase(),
      );
      const from = [...paramValues(upNamed, 'path', 'literalpath'), ...upPos.slice(0, 1).flatMap(flat)];
      const narrowed = paramValues(upNamed, 'filter', 'include').length > 0 || upPos.length > 1;
      const roots = from.length ? from : [{ value: '.', dynamic: false, kind: 'word' as const, text: '.' }];
      return judgeAll(
        roots.map((r) =>
          narrowed
            ? judgeDelete(
                pathArg({ ...toArg(r), value: `${slashes(r.value)}/x` }),
                { recursive: false, glob: false },
                ctx,
              )
            : judgeDelete(pathArg(toArg(r)), { recursive: true, glob: true }, ctx),
        ),
      );
    }
    return judgeAll(
      targets.map((t) => {
        if (isRegistry(t.value)) return this.registry('delete', t.value);
        const env = envDrive(t);
        if (env !== undefined) return safe('removes an environment variable of this session');
        if (/^(function|variable|alias):/i.test(t.value)) return safe('removes a session definition');
        if (/^cert:/i.test(t.value))
          return unsure('certificate-change', `Remove-Item deletes the certificate ${t.value}`);
        const a = pathArg(toArg(t));
        return judgeDelete(a, { recursive, glob: /[*?[]/.test(a.value) }, ctx);
      }),
    );
  }

  /** `reg add|delete KEY`: the registry judge of the shell analyzer. */
  private registry(op: 'add' | 'delete', key: string): Analysis {
    return this.native([word('reg'), word(op), word(registryKey(key))], undefined);
  }

  private envRead(name: string): Analysis {
    if (name === '' || /[*?]/.test(name)) {
      if (name && !/[*?]/.test(name.replace(/[*?]/g, '')) && name.replace(/[*?]/g, '') === '')
        return this.native([word('env')], undefined);
      const bare = name.replace(/[*?]/g, '');
      return bare === '' || isSecretName(bare) || /key|token|secret|pass|auth|cred/i.test(bare)
        ? this.native([word('env')], undefined)
        : safe(`lists environment variables matching ${name}`);
    }
    return isSecretName(name)
      ? this.native([word('echo'), { value: `$${name}`, dynamic: true, vars: [name] }], undefined)
      : safe(`prints the environment variable ${name}`);
  }

  private startProcess(named: readonly Named[], positional: readonly PsArg[]): Analysis {
    const ctx = this.here();
    const file = paramValues(named, 'filepath')[0] ?? positional[0];
    if (!file) return unsure('powershell-dynamic-code', 'Start-Process without a program');
    const list = [...paramValues(named, 'argumentlist'), ...positional.slice(1).flatMap(flat)];
    const args: Arg[] = list.flatMap((a) =>
      a.dynamic
        ? [toArg(a)]
        : (a.more ? [a.value] : splitWords(a.value)).map((v) => ({ value: v, dynamic: false })),
    );
    const runAs = named.some((n) => paramIs(n.param, 'verb') && /^runas/i.test(n.value?.value ?? ''));
    const program = toArg(file);
    let inner: Analysis;
    if (program.dynamic)
      inner = atLeastUnsure(
        this.dynamicCode(file.text),
        'dynamic-command',
        'Start-Process runs a program named at run time',
      );
    else if (/^https?:\/\//i.test(program.value)) inner = safe('opens a web page in the browser');
    else if (/\.(html?|txt|md|pdf|png|jpe?g|svg|csv|json|log)$/i.test(program.value))
      inner = safe(`opens ${program.value} with its default program`);
    else inner = this.native([{ value: programPath(program.value), dynamic: false }, ...args], undefined);
    void ctx;
    return runAs
      ? inner.kind === 'dangerous'
        ? inner
        : unsure('privilege-escalation', 'Start-Process -Verb RunAs runs a program as the administrator')
      : inner;
  }

  private isWeb(c: PsCommand): boolean {
    const n = ALIASES[c.name.value.toLowerCase()] ?? c.name.value.toLowerCase();
    return CMDLETS[n] === 'web' || /^(curl|wget)(\.exe)?$/i.test(c.name.value);
  }

  /** Invoke-WebRequest / Invoke-RestMethod as the curl command line that does the same. */
  private web(
    cmdlet: string,
    cmd: PsCommand,
    named: readonly Named[],
    positional: readonly PsArg[],
  ): Analysis {
    const argv: Arg[] = [word('curl')];
    const url = paramValues(named, 'uri', 'source')[0] ?? positional[0];
    const method = paramValues(named, 'method', 'custommethod')[0];
    if (method) argv.push(word('-X'), toArg(method));
    for (const h of paramValues(named, 'headers'))
      for (const kv of hashEntries(h, this.here()))
        argv.push(word('-H'), { ...kv.value, value: `${kv.key}: ${kv.value.value}` });
    for (const b of paramValues(named, 'body')) argv.push(word('-d'), toArg(b));
    for (const f of paramValues(named, 'infile'))
      argv.push(word('--data-binary'), { ...toArg(f), value: `@${slashes(toArg(f).value)}` });
    for (const f of paramValues(named, 'form')) argv.push(word('-F'), toArg(f));
    for (const o of paramValues(named, 'outfile', 'destination')) {
      argv.push(word('-o'), pathArg(toArg(o)));
      const abs = o.dynamic ? undefined : resolvePath(slashes(o.value), this.here());
      if (abs) this.downloaded.add(abs);
    }
    for (const p of paramValues(named, 'proxy')) argv.push(word('-x'), toArg(p));
    if (named.some((n) => paramIs(n.param, 'skipcertificatecheck'))) argv.push(word('-k'));
    if (url) argv.push(toArg(url));
    const up = cmd.upstream;
    // `Get-Content secret | iwr -Method Post …`, `gci env: | irm …`: the input is the body
    const verdict = this.native(argv, cmd);
    if (
      up?.kind !== 'command' ||
      !/^(get-content|gc|cat|type|get-childitem|gci|dir|ls)$/i.test(up.name.value)
    )
      return verdict;
    const input = this.item({ ...up, upstream: undefined });
    const finding = input.kind === 'safe' ? '' : (input.finding ?? '');
    if (/secrets?-read|env-secret/.test(finding))
      return dangerous(
        'destroy-or-exfiltrate',
        'exfiltration',
        `blocked: ${title(cmdlet)} sends secrets read by ${up.name.value} off the machine`,
      );
    return verdict;
  }

  /** A native program: the shell analyzer's judges, with PowerShell's words decoded. */
  private native(argv: readonly Arg[], cmd: PsCommand | undefined): Analysis {
    const simple: SimpleCommand = {
      argv,
      globs: argv.map(() => false),
      redirects: [],
      text: cmd?.text ?? argv.map((a) => a.value).join(' '),
      ...(cmd?.upstream && { upstream: upstreamCommand(cmd.upstream) }),
    };
    return this.ctx.judgeArgv(argv, simple, this.here());
  }
}

/** The upstream of a pipeline as the shell analyzer sees one (`iwr URL` is `curl URL`). */
function upstreamCommand(up: PsCommand | PsExpression): SimpleCommand {
  if (up.kind === 'expression') {
    const argv = [word('echo'), up.value ? toArg(up.value) : { value: up.text, dynamic: true }];
    return { argv, globs: [false, false], redirects: [], text: up.text };
  }
  const lower = up.name.value.toLowerCase();
  const cmdlet = ALIASES[lower] ?? lower;
  const head =
    CMDLETS[cmdlet] === 'web'
      ? 'curl'
      : cmdlet === 'get-content'
        ? 'cat'
        : cmdlet === 'write-output' || cmdlet === 'write-host'
          ? 'echo'
          : up.name.value;
  const argv = [word(head), ...up.args.filter((a) => !a.param).map(toArg)];
  return {
    argv,
    globs: argv.map(() => false),
    redirects: [],
    text: up.text,
    ...(up.upstream && { upstream: upstreamCommand(up.upstream) }),
  };
}

interface Named {
  readonly param: string;
  readonly value?: PsArg;
}

/** Parameters with their values, and the positional arguments, of one command. */
function bind(cmd: PsCommand, cmdlet: string): { named: Named[]; positional: PsArg[] } {
  const named: Named[] = [];
  const positional: PsArg[] = [];
  const args = cmd.args;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.param) {
      positional.push(a);
      continue;
    }
    if (a.bound) named.push({ param: a.param, value: a.bound });
    else if (isSwitch(a.param, cmdlet) || !args[i + 1] || args[i + 1]!.param) named.push({ param: a.param });
    else named.push({ param: a.param, value: args[++i]! });
  }
  return { named, positional };
}

function paramValues(named: readonly Named[], ...names: string[]): PsArg[] {
  return named.filter((n) => n.value && paramIs(n.param, ...names)).flatMap((n) => flat(n.value!));
}

function flagOf(named: readonly Named[], name: string): string | undefined {
  return named.find((n) => paramIs(n.param, name))?.param;
}

/** A comma list's items. */
function flat(a: PsArg): PsArg[] {
  return [{ ...a, more: undefined } as PsArg, ...(a.more ?? [])];
}

function toArg(a: PsArg): Arg {
  const value = a.param
    ? `${a.param}${a.bound ? `:${a.bound.value}` : ''}`
    : a.more
      ? [a, ...a.more].map((m) => m.value).join(',')
      : a.value;
  const vars = a.vars ?? a.bound?.vars;
  return { value, dynamic: a.dynamic || !!a.bound?.dynamic || a.kind !== 'word', ...(vars && { vars }) };
}

const word = (value: string): Arg => ({ value, dynamic: false });

/** PowerShell takes `\` and `/` alike; a UNC path keeps its leading `\\`. */
function slashes(p: string): string {
  return isWindowsPath(p) ? p : p.replace(/\\/g, '/');
}

/** `get-childitem` → `Get-Childitem`, for reasons. */
function title(cmdlet: string): string {
  return cmdlet.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}

/** A program named by path (`C:\Program Files\Git\bin\bash.exe`): in warden's path form, so its name is judged. */
function programPath(p: string): string {
  return isWindowsPath(p) ? toPosixPath(p) : p.replace(/\\/g, '/');
}

function pathArg(a: Arg): Arg {
  return a.dynamic ? { ...a, value: a.value.replace(/\\/g, '/') } : { ...a, value: slashes(a.value) };
}

function parentOf(p: string): string {
  const at = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return at < 0 ? '' : p.slice(0, at + 1);
}

/** `Env:NAME`, `env:\NAME`, `Env:` → the variable name ('' for the whole environment). */
function envDrive(a: PsArg): string | undefined {
  if (a.dynamic) return undefined;
  const m = /^env:[\\/]?(.*)$/i.exec(a.value);
  return m ? m[1]! : undefined;
}

function isRegistry(p: string): boolean {
  return /^(hk(lm|cu|cr|u|cc)|hkey_[a-z_]+):?[\\/]|^(hk(lm|cu|cr|u|cc)):$|^registry::/i.test(p);
}

/** `HKLM:\Software\X` → `hklm\software\x`, the form `reg` takes. */
function registryKey(p: string): string {
  return p
    .replace(/^registry::/i, '')
    .replace(/^(hk\w+):?[\\/]?/i, (_m, hive: string) => `${hive}\\`)
    .replace(/\//g, '\\')
    .toLowerCase();
}

/** `(Get-Content f).Replace(…) | Set-Content f`: the same file read upstream and written. */
function readsSameFile(up: PsCommand | PsExpression, target: string): boolean {
  const text = up.text.toLowerCase();
  const t = target.toLowerCase().replace(/\\/g, '/');
  return /get-content|\bgc\b|\bcat\b|\btype\b|readalltext/.test(text) && text.replace(/\\/g, '/').includes(t);
}

function hasPsParams(cmd: PsCommand): boolean {
  return cmd.args.some((a) => a.param && /^-[A-Z][a-z]{2,}/.test(a.param));
}

function whatIf(cmd: PsCommand): boolean {
  return cmd.args.some(
    (a) =>
      a.param &&
      paramIs(a.param, 'whatif') &&
      a.param.length > 2 &&
      !/^\$?false$/i.test(a.bound?.value ?? ''),
  );
}

/** `@{ Authorization = "Bearer $env:TOKEN"; … }`: its entries, values read as PowerShell values. */
function hashEntries(h: PsArg, ctx: ShellContext): { key: string; value: Arg }[] {
  if (h.kind !== 'hash') return [];
  const out: { key: string; value: Arg }[] = [];
  for (const m of h.text
    .slice(2, -1)
    .matchAll(/['"]?([\w-]+)['"]?\s*=\s*("(?:[^"`]|`.)*"|'[^']*'|[^;\n}]+)/g)) {
    const parsed = parsePowerShell(m[2]!.trim(), {
      home: ctx.env.home,
      temp: ctx.env.tempDirs[0] ?? '/tmp',
      cwd: ctx.cwd,
    });
    const head = parsed.items.length === 1 ? parsed.items[0] : undefined;
    const only = head?.kind === 'expression' ? head.value : undefined;
    out.push({ key: m[1]!, value: only ? toArg(only) : { value: m[2]!, dynamic: true } });
  }
  return out;
}

function mentions(text: string, variable: string): boolean {
  return new RegExp(`\\$\\{?${variable.replace(/[^\w:]/g, '')}\\b`, 'i').test(text);
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/**
 * `"$env:TEMP\evil;" + $env:PATH` as a shell double-quoted word (`"/tmp/evil;$PATH"`): strings and
 * environment variables joined by `+`; anything else is an unknown value (`"$X"`).
 */
function concatenation(text: string, temp: string): string {
  const parts = text.split(/\s*\+\s*/);
  let out = '';
  for (const raw of parts) {
    const part = raw.trim();
    const str = /^"([^"`$]*(?:\$env:\w+[^"`$]*)*)"$|^'([^']*)'$/.exec(part);
    const env = /^\$env:(\w+)$/i.exec(part);
    if (str) out += (str[1] ?? str[2] ?? '').replace(/\$env:(\w+)/gi, (_m, n: string) => envWord(n, temp));
    else if (env) out += envWord(env[1]!, temp);
    else return '"$X"';
  }
  return `"${out.replace(/\\/g, '/').replace(/"/g, '')}"`;
}

function envWord(name: string, temp: string): string {
  return /^te?mp$/i.test(name) ? temp : `$${name.toUpperCase() === 'PATH' ? 'PATH' : name}`;
}

function shellQuote(v: string): string {
  return `'${v.replace(/'/g, `'\\''`)}'`;
}

/** An argument list given as one string (`-ArgumentList '/c dir'`): split at spaces, quotes kept together. */
function splitWords(s: string): string[] {
  return [...s.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}
