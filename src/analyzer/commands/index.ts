import type { Analysis } from '../../domain/analysis.js';
import type { SimpleCommand } from '../../shell/extract.js';
import type { Arg } from '../../shell/words.js';
import { judgeConsoleReach } from '../console/index.js';
import { dangerous, safe, unsure, worst } from '../verdicts.js';
import { knownName, normalizeName } from './command-names.js';
import type { ShellContext } from './context.js';
import { judgeDeploy, operandWords } from './infra/deploys.js';
import { judgeMigration } from './infra/migrations.js';
import { judgeScriptFile } from './languages/shells.js';
import { judgeMetadataReach } from './network/metadata-reach.js';
import { PROJECT_TOOLS } from './packages/packages.js';
import { judgeAll, judgeOverwrite, judgeRead, judgeWrite } from './path-checks.js';
import { programFor } from './programs.js';
import { READ_ONLY } from './readonly.js';
import { judgeArgReads } from './secrets/arg-reads.js';
import { judgeDestination, judgeSecretOutput } from './secrets/env-secrets.js';
import { secretInArgs } from './secrets/secret-args.js';
import { judgeUnknownCommand } from './unknown-command.js';
import { splitWord } from './verbs.js';

/** Judges a simple command: its name, the dispatch table (programs.ts), and its redirections. */

/** Judges one argv (head and arguments) of a simple command. */
export function judgeArgv(argv: readonly Arg[], cmd: SimpleCommand, ctx: ShellContext): Analysis {
  if (argv.length === 0) return safe('no command');
  const norm = normalizeName(argv[0]!);
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
  if (scriptPath && !knownName(name))
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

  if (
    devices.length > 0 &&
    (READ_ONLY.has(name) || PROJECT_TOOLS.has(name)) &&
    !/^(ls|stat|file|lsblk|df|echo)$/.test(name)
  )
    return unsure('raw-device', `${name} operates on the raw device ${devices[0]!.value}`);
  const program = programFor(name);
  if (program && !program.argReads) return program.judge(args, cmd, ctx, name);
  const result = program
    ? program.judge(args, cmd, ctx, name)
    : judgeUnknownCommand(name, args, devices, ctx);
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
