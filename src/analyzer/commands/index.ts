import type { Analysis } from '../../domain/analysis.js';
import type { SimpleCommand } from '../../shell/extract.js';
import type { Arg } from '../../shell/words.js';
import { judgeConsoleReach } from '../console/index.js';
import { dangerous, safe, unsure } from '../verdicts.js';
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
  if (VERSIONED_PYTHON.test(name)) name = 'python3';
  if (VERSIONED_PIP.test(name)) name = 'pip';
  const leaked = secretInArgs(argv);
  if (leaked) return leaked;
  const metadata = judgeMetadataReach(name, args);
  if (metadata) return metadata;
  const known = judgeKnown(name, norm.scriptPath, args, cmd, ctx);
  // the worst of the three, as worst() picks it (the first of equals; nothing beats dangerous);
  // without the two arrays a filter over them made for every command
  let inner = known;
  if (inner.kind !== 'dangerous') {
    const output = judgeSecretOutput(name, args, cmd);
    if (output && RANK[output.kind] > RANK[inner.kind]) inner = output;
  }
  if (inner.kind !== 'dangerous') {
    const destination = judgeDestination(name, args);
    if (destination && RANK[destination.kind] > RANK[inner.kind]) inner = destination;
  }
  if (inner.kind !== 'safe' && DRY_RUN(args) && !NO_DRY_RUN.has(name))
    return safe(`${name} with a dry-run flag changes nothing`);
  return inner;
}

const NO_DEVICES: readonly Arg[] = [];

const RANK = { safe: 0, unsure: 1, dangerous: 2 } as const;

// Tests run on every command, compiled once (a regex literal in a function is a new object per call).
const VERSIONED_PYTHON = /^python\d(\.\d+)?$/;
const VERSIONED_PIP = /^pip\d(\.\d+)?$/;
const DRY_RUN_FLAG = /^-{0,2}dry-?run(=.*)?$|^--check$|^--noop$|^--what-if$|^--plan$/i;

const DRY_RUN = (args: readonly Arg[]) => args.some((a) => DRY_RUN_FLAG.test(a.value));
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
  // both forms name /dev/: most commands have no such word and share one empty list
  const devices = args.some((a) => a.value.includes('/dev/'))
    ? args.filter(
        (a) =>
          /^\/dev\/(sd|hd|vd|xvd|nvme|mmcblk|disk|rdisk|md|dm-|mapper|vg|loop)/.test(a.value) ||
          (/^if=|^of=/.test(a.value) && /\/dev\/(sd|nvme|disk|hd)/.test(a.value)),
      )
    : NO_DEVICES;

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
