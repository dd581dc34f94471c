import type { Analysis } from '../../../domain/analysis.js';
import { dangerous, safe, unsure } from '../../verdicts.js';
import { type CommandJudge, deeper } from '../context.js';
import { judgeAll } from '../path-checks.js';

/**
 * Windows administration commands, which agents run too (Git Bash, cmd): mapped onto the same
 * effects as their Unix kin (accounts, permissions, persistence, wiping, privilege).
 */

const lower = (args: Parameters<CommandJudge>[0]) => args.map((a) => a.value.toLowerCase());
const SYSTEM_PATH =
  /^[a-z]:\\?(\\|\/)?(windows|program files|programdata)|^[a-z]:\\?$|^\\\\|^%(systemroot|windir|programfiles)%/i;

/**
 * `cmd /c COMMAND` runs COMMAND, read as cmd reads it: the rest of the line, split at `&`, `&&`,
 * `||` and `|` outside double quotes, each part's words split at spaces (double quotes group;
 * backslashes are path separators, not escapes), each judged as its own command.
 */
const cmd: CommandJudge = (args, command, ctx) => {
  const i = args.findIndex((a) => /^\/[ck]$/i.test(a.value));
  if (i < 0)
    return args.length ? safe('cmd without /c') : unsure('interactive-shell', 'starts an interactive cmd');
  const rest = args.slice(i + 1);
  if (rest.some((a) => a.dynamic)) {
    const head =
      rest[0]?.value.toLowerCase() === 'rmdir' ? [{ value: 'rd', dynamic: false }, ...rest.slice(1)] : rest;
    return ctx.judgeArgv(head, command, deeper(ctx));
  }
  const line = rest.map((a) => (/\s/.test(a.value) && rest.length > 1 ? `"${a.value}"` : a.value)).join(' ');
  const out: Analysis[] = [];
  for (const part of cmdParts(line)) {
    const words = [...part.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => cmdWord(m[1] ?? m[2]!, ctx.env.home));
    if (words[0]?.value.startsWith('@')) words[0] = { value: words[0].value.slice(1), dynamic: false };
    if (words.length === 0 || words[0]!.value === '') continue;
    // cmd's own rmdir takes /s /q like rd, not Unix options
    if (words[0]!.value.toLowerCase() === 'rmdir') words[0] = { value: 'rd', dynamic: false };
    // cmd's type prints files (Unix's type looks a name up)
    if (words[0]!.value.toLowerCase() === 'type') words[0] = { value: 'cat', dynamic: false };
    out.push(ctx.judgeArgv(words, { ...command, argv: words, globs: words.map(() => false) }, deeper(ctx)));
  }
  return judgeAll(out);
};

/**
 * One cmd word with its `%VARIABLE%`s expanded: the user's profile (`%USERPROFILE%`,
 * `%HOMEDRIVE%%HOMEPATH%`, `%HOME%`) is the home directory; any other variable is only known at
 * run time. Backslashes become slashes, as path separators.
 */
function cmdWord(raw: string, home: string) {
  let dynamic = false;
  // backslashes are cmd's path separators, never escapes
  const value = raw
    .replace(/\\/g, '/')
    .replace(/%HOMEDRIVE%%HOMEPATH%|%USERPROFILE%|%HOME%/gi, home)
    .replace(/%[A-Za-z_][\w()]*%/g, (v) => {
      dynamic = true;
      return v;
    });
  return { value, dynamic };
}

/** A cmd line's commands: split at `&`, `&&`, `||`, `|` outside double quotes. */
function cmdParts(line: string): string[] {
  const parts: string[] = [];
  let from = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '&' || c === '|')) {
      parts.push(line.slice(from, i));
      if (line[i + 1] === c) i++;
      from = i + 1;
    }
  }
  parts.push(line.slice(from));
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** `runas /user:NAME CMD`: another account, usually the administrator. */
const runas: CommandJudge = (args, _command, ctx) => {
  const inner = args.filter((a) => !a.value.startsWith('/'));
  const r = inner.length ? ctx.judgeScript(inner.map((a) => a.value).join(' '), deeper(ctx)) : safe('');
  return r.kind === 'dangerous'
    ? r
    : unsure('privilege-escalation', 'runas runs a command as another user (often the administrator)');
};

/** icacls / takeown: grant access or take ownership; everyone-full-control or system paths are dangerous. */
const icacls: CommandJudge = (args) => {
  const a = lower(args);
  const target = args[0]?.value ?? '';
  if (!a.some((w) => /^\/(grant|setowner|reset|remove|deny|setintegritylevel|restore)/.test(w)))
    return safe('icacls shows permissions');
  if (
    SYSTEM_PATH.test(target) ||
    a.some((w) => /^(everyone|\*s-1-1-0|users|authenticated users):\(?(f|m)/.test(w))
  )
    return dangerous(
      'degrade-security',
      'permission-change',
      `icacls ${target}: gives broad access or changes system files`,
    );
  return unsure('permission-change', `icacls changes who may use ${target}`);
};

const takeown: CommandJudge = (args) => {
  const target = args.find((_x, i) => i > 0 && /^\/f$/i.test(args[i - 1]!.value))?.value ?? '';
  return SYSTEM_PATH.test(target)
    ? dangerous('degrade-security', 'take-ownership', `takeown of ${target}: system files change hands`)
    : unsure('take-ownership', `takeown takes ownership of ${target}`);
};

/** cipher /w wipes free space beyond recovery; other uses encrypt files. */
const cipher: CommandJudge = (args) =>
  lower(args).some((w) => w.startsWith('/w'))
    ? dangerous(
        'destroy-or-exfiltrate',
        'wipe',
        'cipher /w overwrites free disk space beyond recovery; ask the user',
      )
    : unsure('encryption', 'cipher changes the encryption of files');

/** `net user|localgroup` with changes manages accounts; `net user` alone lists them. */
const net: CommandJudge = (args) => {
  const a = lower(args);
  if (
    /^(user|localgroup|group|accounts)$/.test(a[0] ?? '') &&
    (a.length > 2 || a.some((w) => /^\/(add|delete|active)/.test(w)))
  )
    return dangerous(
      'degrade-security',
      'account-change',
      `net ${a[0]} creates or changes accounts or passwords; ask the user`,
    );
  if (/^(stop|start|share|use)$/.test(a[0] ?? ''))
    return unsure('service-change', `net ${a[0]} changes services or shares`);
  return safe(`net ${a[0] ?? ''} only reads`);
};

/** reg: the registry. Run keys and policies are persistence or security; reading is fine. */
const reg: CommandJudge = (args) => {
  const a = lower(args);
  const sub = a[0] ?? '';
  if (/^(query|export|compare)$/.test(sub)) return safe(`reg ${sub} only reads`);
  const key = a[1] ?? '';
  if (
    /\\(run|runonce|winlogon|policies|services|image file execution options)\b/.test(key) ||
    /^(hklm|hkey_local_machine)/.test(key)
  )
    return dangerous(
      'degrade-security',
      'persistence-registry',
      `reg ${sub} ${args[1]?.value ?? ''}: machine-wide or start-up registry keys; ask the user`,
    );
  return unsure('registry-change', `reg ${sub} changes the registry`);
};

/** sc / schtasks: services and scheduled tasks that start by themselves. */
const sc: CommandJudge = (args) => {
  const sub = lower(args)[0] ?? '';
  if (/^(query|queryex|qc|qdescription|getdisplayname|getkeyname|enumdepend)$/.test(sub))
    return safe(`sc ${sub} only reads`);
  if (/^(create|config|delete|failure)$/.test(sub))
    return dangerous(
      'degrade-security',
      'persistence-service',
      `sc ${sub} installs or changes a service; ask the user`,
    );
  return unsure('service-change', `sc ${sub} starts, stops or changes a service`);
};

const schtasks: CommandJudge = (args) =>
  lower(args).some((w) => /^\/(create|change|delete)$/.test(w))
    ? dangerous(
        'degrade-security',
        'persistence-task',
        'schtasks creates or changes a scheduled task; ask the user',
      )
    : safe('schtasks lists tasks');

/** wmic process call create runs a command; wmic queries read. */
const wmic: CommandJudge = (args) =>
  lower(args).includes('call') || lower(args).includes('delete')
    ? unsure('wmic-exec', 'wmic runs or deletes something through WMI')
    : safe('wmic query');

/** setx writes the user's (or, with /m, the machine's) environment for every later program. */
const setx: CommandJudge = (args) =>
  /^(path|pathext|comspec|psmodulepath)$/i.test(args[0]?.value ?? '') || lower(args).includes('/m')
    ? unsure('persistent-env', `setx ${args[0]?.value ?? ''} changes the environment of every later program`)
    : safe('setx of a user variable');

export const WINDOWS_JUDGES: Readonly<Record<string, CommandJudge>> = {
  cmd,
  'cmd.exe': cmd,
  runas,
  icacls,
  cacls: icacls,
  takeown,
  cipher,
  net,
  'net.exe': net,
  reg,
  'reg.exe': reg,
  sc,
  'sc.exe': sc,
  schtasks,
  wmic,
  setx,
};
