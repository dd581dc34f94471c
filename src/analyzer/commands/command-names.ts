import path from 'node:path';
import type { Analysis } from '../../domain/analysis.js';
import type { Arg } from '../../shell/words.js';
import { isWrapper } from '../../shell/wrappers.js';
import { unsure } from '../verdicts.js';
import type { CommandJudge, ShellContext } from './context.js';
import { isFileJudge } from './files.js';
import { INFRA_TOOLS } from './infra.js';
import { PROJECT_TOOLS } from './packages.js';
import { READ_ONLY } from './readonly.js';

/** Command-name normalisation: rejects odd or dynamic names and maps paths, case and `.exe` to the name warden knows. */

type JudgeTable = Readonly<Record<string, CommandJudge>>;

export function normalizeName(
  head: Arg,
  _ctx: ShellContext,
  judges: JudgeTable,
): { name: string; scriptPath?: Arg } | Analysis {
  if (head.dynamic)
    return unsure('dynamic-command', `the command name is only known at run time (${head.value})`);
  let name = head.value;
  if (/[^\x20-\x7e]/.test(name))
    return unsure('non-ascii-command', `the command name ${JSON.stringify(name)} has unusual characters`);
  // `IFS=,; x=rm,-rf,~; $x`: a name with separators is a command line split some other way
  if (/[,;|&<>(){}[\]'"`$=]/.test(name) && !/^\[\[?$/.test(name))
    return unsure(
      'odd-command-name',
      `the command name ${JSON.stringify(name)} looks like a whole command line`,
    );
  if (name.includes('/')) {
    const raw = path.posix.basename(name);
    if (!raw) return unsure('bad-command', `cannot run ${name}`);
    const base = canonicalName(raw, judges);
    const known = knownName(base, judges);
    if (known) return { name: base };
    return { name: raw, scriptPath: head };
  }
  name = name.replace(/^\\+/, '');
  return { name: canonicalName(name, judges) };
}

/**
 * The name a known command goes by: file systems on macOS and Windows ignore case (SHUTDOWN runs
 * shutdown) and Windows finds `git.exe` as `git`. Unknown names stay as written.
 */
function canonicalName(name: string, judges: JudgeTable): string {
  if (knownName(name, judges)) return name;
  for (const n of [name, name.replace(/\.exe$/i, '')]) {
    if (knownName(n, judges)) return n;
    if (knownName(n.toLowerCase(), judges)) return n.toLowerCase();
  }
  return name;
}

/** Whether warden has a judge or a list entry for `name`; `judges` is the table of per-command judges. */
export function knownName(name: string, judges: JudgeTable): boolean {
  return (
    name in judges ||
    isFileJudge(name) ||
    isWrapper(name) ||
    INFRA_TOOLS.has(name) ||
    PROJECT_TOOLS.has(name) ||
    READ_ONLY.has(name) ||
    /^(python|pip|pypy)\d/.test(name)
  );
}
