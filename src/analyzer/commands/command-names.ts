import path from 'node:path';
import type { Analysis } from '../../domain/analysis.js';
import type { Arg } from '../../shell/words.js';
import { unsure } from '../verdicts.js';
import { programFor } from './programs.js';

/** Command-name normalisation: rejects odd or dynamic names and maps paths, case and `.exe` to the name warden knows. */

export function normalizeName(head: Arg): { name: string; scriptPath?: Arg } | Analysis {
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
    const base = canonicalName(raw);
    const known = knownName(base);
    if (known) return { name: base };
    return { name: raw, scriptPath: head };
  }
  name = name.replace(/^\\+/, '');
  return { name: canonicalName(name) };
}

/**
 * The name a known command goes by: file systems on macOS and Windows ignore case (SHUTDOWN runs
 * shutdown) and Windows finds `git.exe` as `git`. Unknown names stay as written.
 */
function canonicalName(name: string): string {
  if (knownName(name)) return name;
  for (const n of [name, name.replace(/\.exe$/i, '')]) {
    if (knownName(n)) return n;
    if (knownName(n.toLowerCase())) return n.toLowerCase();
  }
  return name;
}

/** Whether warden has a judge for `name`: an entry in the dispatch table (programs.ts), or a versioned python/pip. */
export function knownName(name: string): boolean {
  return programFor(name) !== undefined || /^(python|pip|pypy)\d/.test(name);
}
