import type { Analysis } from '../../domain/analysis.js';
import type { SimpleCommand } from '../../shell/extract.js';
import type { Arg } from '../../shell/words.js';
import { isWrapper } from '../../shell/wrappers.js';
import { judgeConsoleReach } from '../console/index.js';
import { dangerous, safe, unsure, worst } from '../verdicts.js';
import { judgeArgReads } from './arg-reads.js';
import { knownName, normalizeName } from './command-names.js';
import type { CommandJudge, ShellContext } from './context.js';
import { DATABASE_JUDGES } from './database.js';
import { judgeDeploy, operandWords } from './deploys.js';
import { judgeDestination, judgeSecretOutput } from './env-secrets.js';
import { fd } from './fd.js';
import { isFileJudge, judgeFileCommand } from './files.js';
import { git } from './git.js';
import { INFRA_JUDGES, INFRA_TOOLS, judgeInfra } from './infra.js';
import { INTERPRETER_JUDGES } from './interpreters.js';
import { judgeMetadataReach } from './metadata-reach.js';
import { judgeMigration } from './migrations.js';
import { NETWORK_JUDGES } from './network.js';
import { PACKAGE_JUDGES, PROJECT_TOOLS } from './packages.js';
import { judgeAll, judgeOverwrite, judgeRead, judgeWrite } from './path-checks.js';
import { READ_ONLY } from './readonly.js';
import { rg } from './search.js';
import { secretInArgs } from './secret-args.js';
import { judgeScriptFile } from './shells.js';
import { SYSTEM_JUDGES } from './system.js';
import { java } from './unknown-cli.js';
import { judgeUnknownCommand } from './unknown-command.js';
import { splitWord } from './verbs.js';
import { WINDOWS_JUDGES } from './windows.js';
import { judgeWrapper } from './wrappers.js';

/** Judges a simple command: its name, the table of per-command judges, and its redirections. */

const JUDGES: Readonly<Record<string, CommandJudge>> = {
  ...INFRA_JUDGES,
  ...DATABASE_JUDGES,
  ...NETWORK_JUDGES,
  ...SYSTEM_JUDGES,
  ...WINDOWS_JUDGES,
  ...PACKAGE_JUDGES,
  ...INTERPRETER_JUDGES,
  git,
  java,
  // fd runs its -x/-X command on what it finds
  fd,
  fdfind: fd,
  // rg runs its --pre and --hostname-bin programs
  rg,
};

/** Judges one argv (head and arguments) of a simple command. */
export function judgeArgv(argv: readonly Arg[], cmd: SimpleCommand, ctx: ShellContext): Analysis {
  if (argv.length === 0) return safe('no command');
  const norm = normalizeName(argv[0]!, ctx, JUDGES);
  if ('kind' in norm) return norm;
  let { name } = norm;
  const args = argv.slice(1);
  const global = globalChecks(args);
  if (global) return global;
  const reach = judgeConsoleReach(name, args, cmd, ctx);
  if (reach) return reach;
  if (/^python\d(\.\d+)?$/.test(name)) name = 'python3';
  if (/^pip\d(\.\d+)?$/.test(name)) name = 'pip';
  const leaked = secretInArgs(argv);
  if (leaked) return leaked;
  const metadata = judgeMetadataReach(name, args);
  if (metadata) return metadata;
  const known = judgeKnown(name, norm.scriptPath, args, cmd, ctx);
  const inner = worst(
    [known, judgeSecretOutput(name, args, cmd), judgeDestination(name, args)].filter((a) => a !== undefined),
    known,
  );
  if (inner.kind !== 'safe' && DRY_RUN(args) && !NO_DRY_RUN.has(name))
    return safe(`${name} with a dry-run flag changes nothing`);
  return inner;
}

const DRY_RUN = (args: readonly Arg[]) =>
  args.some((a) => /^-{0,2}dry-?run(=.*)?$|^--check$|^--noop$|^--what-if$|^--plan$/i.test(a.value));
const NO_DRY_RUN = new Set([
  'rm',
  'bash',
  'sh',
  'zsh',
  'python',
  'python3',
  'node',
  'eval',
  'sudo',
  'curl',
  'wget',
]);

const SECRET_WORDS =
  /pass(word|wd)?|secret|token|credential|api_?key|private|\.pem|\.key\b|id_rsa|\.p12|keychain|wallet/i;

function judgeKnown(
  name: string,
  scriptPath: Arg | undefined,
  args: readonly Arg[],
  cmd: SimpleCommand,
  ctx: ShellContext,
): Analysis {
  // `./manage.py migrate app zero`, `./scripts/db-reset.sh`: a project script is judged by what it says it does too
  if (scriptPath && !knownName(name, JUDGES))
    return (
      judgeMigration(name, args) ??
      judgeDeploy(name, [...splitWord(name.replace(/\.\w+$/, '')), ...operandWords(args)], args) ??
      judgeScriptFile(scriptPath, ctx, name)
    );
  if (
    ((name === 'find' || name === 'locate' || name === 'mdfind' || name === 'fd') &&
      args.some(
        (a, i) => i > 0 && /name|path|regex/.test(args[i - 1]!.value) && SECRET_WORDS.test(a.value),
      )) ||
    (name === 'locate' && args.some((a) => SECRET_WORDS.test(a.value)))
  )
    return unsure('secret-search', 'searches the disk for credential files');
  const devices = args.filter(
    (a) =>
      /^\/dev\/(sd|hd|vd|xvd|nvme|mmcblk|disk|rdisk|md|dm-|mapper|vg|loop)/.test(a.value) ||
      (/^if=|^of=/.test(a.value) && /\/dev\/(sd|nvme|disk|hd)/.test(a.value)),
  );

  let result: Analysis;
  if (
    devices.length > 0 &&
    (READ_ONLY.has(name) || PROJECT_TOOLS.has(name)) &&
    !/^(ls|stat|file|lsblk|df|echo)$/.test(name)
  )
    return unsure('raw-device', `${name} operates on the raw device ${devices[0]!.value}`);
  if (isWrapper(name)) return judgeWrapper(name, args, cmd, ctx);
  if (isFileJudge(name)) result = judgeFileCommand(name, args, cmd, ctx);
  else if (name in JUDGES) result = JUDGES[name]!(args, cmd, ctx);
  else if (INFRA_TOOLS.has(name)) result = judgeInfra(name, args, cmd);
  else if (PROJECT_TOOLS.has(name) || READ_ONLY.has(name))
    result = safe(`${name} is a read-only or project tool`);
  else result = judgeUnknownCommand(name, args, devices, ctx);
  const reads = judgeArgReads(name, args, ctx);
  if (reads.length) return judgeAll([result, ...reads]);
  return result;
}

function globalChecks(args: readonly Arg[]): Analysis | undefined {
  for (const a of args) {
    if (
      a.value === '--dangerously-skip-permissions' ||
      a.value === '--allow-dangerously-skip-permissions' ||
      a.value === '--dangerously-bypass-approvals-and-sandbox' ||
      a.value === '--yolo'
    )
      return dangerous(
        'degrade-security',
        'skip-permissions',
        `blocked: ${a.value} turns off the agent's permission checks; run without it`,
      );
  }
  return undefined;
}

/** Judges the redirections of a command: writes to protected or system files, reads of secrets. */
export function judgeRedirects(cmd: SimpleCommand, ctx: ShellContext): Analysis {
  const out: Analysis[] = [];
  for (const r of cmd.redirects) {
    if (!r.target) continue;
    if ((r.operator === '>&' || r.operator === '<&') && /^(\d+|-)$/.test(r.target.value)) continue;
    if (r.operator === '<') {
      const s = judgeRead(r.target, ctx);
      if (s) out.push(s);
      continue;
    }
    const truncates = r.operator === '>' || r.operator === '>|' || r.operator === '&>' || r.operator === '>&';
    out.push(
      truncates
        ? judgeOverwrite(r.target, ctx, cmd.stdinText !== undefined)
        : judgeWrite(r.target, ctx, r.operator.includes('>>') ? 'appends' : 'redirects output'),
    );
  }
  return judgeAll(out);
}
