import type { Analysis } from '../../domain/analysis.js';
import type { Arg } from '../../shell/words.js';
import type { CommandJudge, ShellContext } from './context.js';
import { copyLike, ln, rsync, sevenZip, tar, unzip } from './files/copies.js';
import { rm, rmdir, shred } from './files/deletes.js';
import { mkdir, sed, tee, touchLike, truncate } from './files/edits.js';
import { chattr, chmod, chown, setfacl } from './files/permissions.js';
import { awk } from './languages/awk.js';
import { dd, diskTools, diskutil } from './machine/disks.js';
import { find } from './search/find.js';

/** The file command table: which judge handles each command that deletes, overwrites, moves or changes files. */

export const FILE_JUDGES: Readonly<Record<string, CommandJudge>> = {
  rm,
  unlink: rmdir,
  rmdir,
  shred,
  srm: shred,
  wipe: shred,
  dd,
  truncate,
  mkfs: diskTools,
  fdisk: diskTools,
  sfdisk: diskTools,
  parted: diskTools,
  gdisk: diskTools,
  wipefs: diskTools,
  mkswap: diskTools,
  diskutil,
  cp: copyLike('copies', false),
  install: copyLike('installs', false),
  mv: copyLike('moves', true),
  ln,
  touch: touchLike,
  mkdir,
  tee,
  sed,
  gsed: sed,
  awk,
  gawk: awk,
  mawk: awk,
  chmod,
  chown,
  chgrp: chown,
  chattr,
  setfacl,
  find,
  rsync,
  tar,
  unzip,
  '7z': sevenZip,
  '7za': sevenZip,
  '7zr': sevenZip,
  '7zz': sevenZip,
};

export function isFileJudge(name: string): boolean {
  return name in FILE_JUDGES || name.startsWith('mkfs.');
}

export function judgeFileCommand(
  name: string,
  args: readonly Arg[],
  cmd: Parameters<CommandJudge>[1],
  ctx: ShellContext,
): Analysis {
  if (name.startsWith('mkfs.')) return diskTools(args, cmd, ctx);
  return FILE_JUDGES[name]!(args, cmd, ctx);
}
