import type { Analysis } from '../../domain/analysis.js';
import type { SimpleCommand } from '../../shell/extract.js';
import type { Arg } from '../../shell/words.js';
import { WRAPPERS } from '../../shell/wrapper-table.js';
import { safe } from '../verdicts.js';
import type { CommandJudge, ShellContext } from './context.js';
import { FILE_JUDGES, judgeFileCommand } from './file-commands.js';
import { git } from './git/git.js';
import { DATABASE_JUDGES } from './infra/database.js';
import { INFRA_JUDGES, INFRA_TOOLS, judgeInfra } from './infra/infra.js';
import { INTERPRETER_JUDGES } from './languages/interpreters.js';
import { SYSTEM_JUDGES } from './machine/system.js';
import { WINDOWS_JUDGES } from './machine/windows.js';
import { NETWORK_JUDGES } from './network/network.js';
import { PACKAGE_JUDGES, PROJECT_TOOLS } from './packages/packages.js';
import { READ_ONLY } from './readonly.js';
import { fd } from './search/fd.js';
import { rg } from './search/search.js';
import { java } from './unknown-cli.js';
import { judgeWrapper } from './wrappers/wrappers.js';

/** A program's judge: a CommandJudge that is also told the name it was called by. */
export type ProgramJudge = (
  args: readonly Arg[],
  cmd: SimpleCommand,
  ctx: ShellContext,
  name: string,
) => Analysis;

/** One entry of the dispatch table. */
export interface Program {
  readonly judge: ProgramJudge;
  /**
   * Whether the files its arguments name are also checked as reads (arg-reads.ts). Not for
   * wrappers: their arguments are the wrapped command's, judged as that command.
   */
  readonly argReads: boolean;
}

const wrapper: Program = {
  judge: (args, cmd, ctx, name) => judgeWrapper(name, args, cmd, ctx),
  argReads: false,
};
const fileCommand: Program = {
  judge: (args, cmd, ctx, name) => judgeFileCommand(name, args, cmd, ctx),
  argReads: true,
};
const infraTool: Program = { judge: (args, cmd, _ctx, name) => judgeInfra(name, args, cmd), argReads: true };
const readOnlyTool: Program = {
  judge: (_args, _cmd, _ctx, name) => safe(`${name} is a read-only or project tool`),
  argReads: true,
};

const judged = (table: Readonly<Record<string, CommandJudge>>): Record<string, Program> =>
  Object.fromEntries(Object.entries(table).map(([name, judge]) => [name, { judge, argReads: true }]));
const named = (names: Iterable<string>, program: Program): Record<string, Program> =>
  Object.fromEntries([...names].map((name) => [name, program]));

/** Programs with a judge of their own (git/, packages/, infra/, machine/, network/, languages/, search/). */
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

/**
 * The one dispatch table: program name → judge. Where a name is in two groups the later wins:
 * read-only and project tools, infrastructure CLIs, per-program judges, file commands, wrappers.
 */
const PROGRAMS: Readonly<Record<string, Program>> = {
  ...named(READ_ONLY, readOnlyTool),
  ...named(PROJECT_TOOLS, readOnlyTool),
  ...named(INFRA_TOOLS, infraTool),
  ...judged(JUDGES),
  ...judged(FILE_JUDGES),
  ...named([...Object.keys(WRAPPERS), 'xargs', 'parallel'], wrapper),
};

/** The judge for a program name (as command-names.ts normalises it), or undefined: no judge. */
export function programFor(name: string): Program | undefined {
  if (Object.hasOwn(PROGRAMS, name)) return PROGRAMS[name];
  // mkfs.ext4, mkfs.vfat, …
  if (name.startsWith('mkfs.')) return fileCommand;
  // Names Object.prototype has (`constructor`, `toString`, `__proto__`) have always passed the
  // wrapper table's `in` test and been read as wrappers; kept so that this table changes no verdict.
  if (name in WRAPPERS) return wrapper;
  return undefined;
}
