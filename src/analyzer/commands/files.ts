import type { Analysis } from '../../domain/analysis.js';
import { resolvePath, zoneOf } from '../paths.js';
import type { Arg } from '../shell/words.js';
import { dangerous, safe, unsure } from '../verdicts.js';
import { awk } from './awk.js';
import { type CommandJudge, hasFlag, type ShellContext, splitArgs } from './context.js';
import { judgeSql } from './database.js';
import {
  isRegenerableFile,
  judgeAll,
  judgeDelete,
  judgeInPlaceEdit,
  judgeOverwrite,
  judgeRead,
  judgeReplaceStartupFile,
  judgeWrite,
} from './path-checks.js';

/** Judges for commands that delete, overwrite, move or change files. */

const rm: CommandJudge = (args, cmd, ctx) => {
  const { flags, operands } = splitArgs(args);
  const recursive = hasFlag(flags, 'r', '--recursive') || hasFlag(flags, 'R');
  if (operands.length === 0) return safe('rm with nothing to delete');
  return judgeAll(
    operands.map((o) => {
      const i = cmd.argv.indexOf(o);
      const glob = i >= 0 && !!cmd.globs[i];
      const r = judgeDelete(o, { recursive, glob }, ctx);
      return glob &&
        r.kind === 'safe' &&
        !recursive &&
        !isRegenerableFile(o.value) &&
        zoneOf(resolvePath(o.value, ctx), ctx) === 'project'
        ? unsure('glob-delete', `rm ${o.value} deletes every matching file; name the files`)
        : r;
    }),
  );
};

const rmdir: CommandJudge = (args, _cmd, ctx) =>
  judgeAll(splitArgs(args).operands.map((o) => judgeDelete(o, { recursive: false, glob: false }, ctx)));

const shred: CommandJudge = (args, _cmd, ctx) => {
  const { operands } = splitArgs(args);
  const results = operands.map((o) => judgeDelete(o, { recursive: false, glob: false, verb: 'shreds' }, ctx));
  return judgeAll([
    ...results,
    dangerous(
      'destroy-or-exfiltrate',
      'shred',
      'shred destroys file contents beyond recovery; use rm on project files instead',
    ),
  ]);
};

/**
 * Formatting and partitioning: a real device is destroyed, an image file is scratch. Listing is
 * safe, except that a raw disk named on the command line is held like any other raw-device access.
 */
const diskTools: CommandJudge = (args, _cmd, ctx) => {
  const { flags, operands } = splitArgs(args);
  if (hasFlag(flags, 'l', '--list') || operands.length === 0) {
    const device = operands.find((o) => o.value.startsWith('/dev/'));
    return device
      ? unsure('raw-device', `reads the partition table of the raw disk ${device.value}`)
      : safe('lists disks or does nothing');
  }
  const out: Analysis[] = [];
  for (const o of operands) {
    if (o.value.startsWith('/dev/') || o.dynamic)
      out.push(
        dangerous(
          'destroy-or-exfiltrate',
          'disk-destroy',
          `blocked: formats or repartitions ${o.value}, destroying its data; ask the user to do this by hand`,
        ),
      );
    else {
      const r = judgeWrite(o, ctx, 'formats');
      out.push(r.kind === 'safe' ? r : unsure('disk-format', `formats or repartitions ${o.value}`));
    }
  }
  return judgeAll(out);
};

const dd: CommandJudge = (args, _cmd, ctx) => {
  const out: Analysis[] = [];
  for (const a of args) {
    const [key, ...rest] = a.value.split('=');
    const value = rest.join('=');
    if (key === 'of') {
      const r = judgeWrite({ value, dynamic: a.dynamic }, ctx, 'dd writes');
      out.push(
        r.kind === 'safe'
          ? r
          : r.kind === 'dangerous'
            ? r
            : dangerous(
                'destroy-or-exfiltrate',
                'dd-write',
                `dd writes raw bytes to ${value}, outside the project`,
              ),
      );
    }
    if (key === 'if') {
      const r = judgeRead({ value, dynamic: a.dynamic }, ctx);
      if (r) out.push(r);
    }
  }
  return judgeAll(out);
};

const truncate: CommandJudge = (args, cmd, ctx) => {
  if (/^table$/i.test(args[0]?.value ?? ''))
    return judgeSql(`truncate ${args.map((a) => a.value).join(' ')}`, 'sql');
  const sizeFlag = args.findIndex((a) => a.value === '-s' || a.value === '--size');
  const files = splitArgs(args.filter((_, i) => i !== sizeFlag + 1 || sizeFlag < 0)).operands;
  void cmd;
  return judgeAll(
    files.map((o) => {
      const r = judgeWrite(o, ctx, 'truncates');
      return r.kind === 'safe'
        ? unsure(
            'truncate-file',
            `truncate empties ${o.value}; its old content cannot be recovered unless committed`,
          )
        : r;
    }),
  );
};

/** cp/install/ln: the last operand (or -t DIR) is written, the others are read. */
function copyLike(verb: string, moves: boolean): CommandJudge {
  return (args, _cmd, ctx) => {
    const { flags, operands } = splitArgs(args);
    const tIndex = args.findIndex((a) => a.value === '-t' || a.value === '--target-directory');
    let dest: Arg | undefined;
    let sources = operands;
    const tLong = flags.find((f) => f.startsWith('--target-directory='));
    if (tLong) dest = { value: tLong.split('=')[1]!, dynamic: false };
    else if (tIndex >= 0 && args[tIndex + 1]) {
      dest = args[tIndex + 1]!;
      sources = operands.filter((o) => o !== dest);
    } else if (operands.length >= 2) {
      dest = operands[operands.length - 1];
      sources = operands.slice(0, -1);
    }
    const out: Analysis[] = [];
    if (dest && moves && !dest.dynamic && /^\/dev\//.test(dest.value))
      out.push(
        dangerous(
          'destroy-or-exfiltrate',
          'move-to-device',
          `moving files onto ${dest.value} destroys them; delete them with rm if that is the intent`,
        ),
      );
    else if (dest)
      out.push(
        (hasFlag(flags, 'b', '--backup') ? undefined : judgeReplaceStartupFile(dest, ctx, verb)) ??
          judgeWrite(dest, ctx, verb),
      );
    for (const s of sources) {
      if (moves) out.push(judgeDelete(s, { recursive: false, glob: false, verb: `${verb} away` }, ctx));
      else {
        const r = judgeRead(s, ctx);
        if (r) out.push(r);
      }
    }
    return judgeAll(out);
  };
}

const touchLike: CommandJudge = (args, _cmd, ctx) =>
  judgeAll(splitArgs(args).operands.map((o) => judgeWrite(o, ctx, 'creates')));

const mkdir: CommandJudge = touchLike;

/** tee truncates its files like `>`, unless -a appends; fed by a heredoc it is a Write in disguise. */
const tee: CommandJudge = (args, cmd, ctx) => {
  const { flags, operands } = splitArgs(args);
  const appends = hasFlag(flags, 'a', '--append');
  return judgeAll(
    operands.map((o) =>
      appends ? judgeWrite(o, ctx, 'tee appends to') : judgeOverwrite(o, ctx, cmd.stdinText !== undefined),
    ),
  );
};

const sed: CommandJudge = (args, _cmd, ctx) => {
  const inPlace = args.some((a) => /^-[a-zA-Z]*i/.test(a.value) || a.value.startsWith('--in-place'));
  const { operands } = splitArgs(
    args.filter((_a, i) => !(i > 0 && ['-e', '-f'].includes(args[i - 1]!.value))),
  );
  const hasScriptFlag = args.some(
    (a) => a.value === '-e' || a.value === '-f' || a.value.startsWith('--expression'),
  );
  // BSD sed takes the backup suffix as its own word: `sed -i '' 's/a/b/' file`
  const plain = operands.filter(
    (o, k) => !(o.value === '' && args[args.indexOf(o) - 1]?.value === '-i' && k === 0),
  );
  const files = hasScriptFlag ? plain : plain.slice(1);
  const out: Analysis[] = [];
  for (const f of files) {
    if (inPlace) out.push(judgeInPlaceEdit(f, ctx, 'sed -i'));
    else {
      const r = judgeRead(f, ctx);
      if (r) out.push(r);
    }
  }
  const script = hasScriptFlag ? '' : (plain[0]?.value ?? '');
  if (/(^|[;}\s])e(\s|$)|\/e\b|\bw\s+\//.test(script))
    out.push(unsure('sed-exec', 'the sed script runs commands or writes files (e / w)'));
  return judgeAll(out);
};

const chmod: CommandJudge = (args, _cmd, ctx) => {
  // a mode such as -x or -w looks like an option: take the first word that is a mode
  const modeIndex = args.findIndex(
    (a) =>
      a.value !== '--' && /^([ugoa]*[-+=][rwxXst]*)+(,([ugoa]*[-+=][rwxXst]*))*$|^[0-7]{3,4}$/.test(a.value),
  );
  const mode = modeIndex >= 0 ? args[modeIndex]! : undefined;
  const { flags, operands } = splitArgs(args.filter((_, i) => i !== modeIndex));
  const recursive = hasFlag(flags, 'R', '--recursive');
  const m = mode?.value ?? '';
  const files = mode ? operands : operands;
  const out: Analysis[] = [];
  const worldWritable = /^[0-7]?[0-7]{2}[2367]$|[oa]\+[rwxX]*w|^\+?[rwxX]*w$/.test(m);
  const restrictive = /^[0-7]?[0-7]00$|^(go|og|g|o)-[rwxX]+$/.test(m);
  if (/[ug]\+[rwxX]*s|^[2467][0-7]{3}$/.test(m))
    out.push(
      dangerous('degrade-security', 'setuid', `chmod ${m} sets setuid/setgid, a privilege escalation path`),
    );
  if (worldWritable)
    out.push(
      recursive
        ? dangerous(
            'degrade-security',
            'world-writable',
            `chmod -R ${m} makes files writable by everyone; grant only what is needed`,
          )
        : unsure('world-writable', `chmod ${m} makes files writable by everyone; grant only what is needed`),
    );
  for (const f of files) {
    const r = judgeWrite(f, ctx, recursive ? 'recursively changes permissions of' : 'changes permissions of');
    const abs = f.dynamic ? undefined : resolvePath(f.value, ctx);
    const zone = zoneOf(abs, ctx);
    if (r.kind === 'dangerous' && r.finding === 'protected-path-write' && restrictive)
      out.push(safe('tightens permissions'));
    else if (
      recursive &&
      (zone === 'project-root' ||
        zone === 'root' ||
        zone === 'home-root' ||
        r.kind !== 'safe' ||
        f.dynamic ||
        hasGlobValue(f.value))
    )
      out.push(
        dangerous(
          'degrade-security',
          'recursive-permission-change',
          `recursive permission change of ${f.value} (too broad); change specific files`,
        ),
      );
    else if (r.kind === 'dangerous' && r.finding === 'system-path-write')
      out.push(unsure('system-permission-change', `changes permissions of ${f.value}`));
    else out.push(r);
  }
  if ((mode === undefined && files.length > 0) || m.startsWith('$'))
    out.push(unsure('chmod-unknown-mode', 'chmod with a mode warden cannot read'));
  if (files.length === 0 && recursive)
    out.push(
      dangerous(
        'degrade-security',
        'recursive-permission-change',
        `chmod -R ${m}: recursive permission change`,
      ),
    );
  return judgeAll(out);
};

/** setfacl grants access like chmod does: judged by where it writes, recursion outside the project is dangerous. */
const setfacl: CommandJudge = (args, _cmd, ctx) => {
  const recursive = args.some((a) => /^-[a-zA-Z]*R/.test(a.value) || a.value === '--recursive');
  const files: Arg[] = [];
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (/^-[a-zA-Z]*[mMxX]$|^--(modify|remove|set)(-file)?$/.test(v)) i++;
    else if (!v.startsWith('-') || args[i]!.dynamic) files.push(args[i]!);
  }
  return judgeAll(
    files.map((f) => {
      const r = judgeWrite(f, ctx, 'changes the access list of');
      if (recursive && r.kind !== 'safe')
        return dangerous(
          'degrade-security',
          'recursive-permission-change',
          `setfacl -R outside the project (${f.value}); change specific files`,
        );
      return r.kind === 'dangerous' && r.finding === 'system-path-write'
        ? unsure('system-permission-change', `changes the access list of ${f.value}`)
        : r;
    }),
  );
};

function hasGlobValue(v: string): boolean {
  return /[*?]/.test(v) || v === '.' || v === '..' || v === '...';
}

const chown: CommandJudge = (args, _cmd, ctx) => {
  const { flags, operands } = splitArgs(args);
  const recursive = hasFlag(flags, 'R', '--recursive');
  const owner = operands[0]?.value ?? '';
  const out: Analysis[] = operands.slice(1).map((f) => {
    const w = judgeWrite(f, ctx, 'changes the owner of');
    const r =
      w.kind === 'dangerous' && w.finding === 'system-path-write'
        ? unsure('system-chown', `changes the owner of ${f.value}`)
        : w;
    if (/^(root|0)(:|$)/.test(owner) && r.kind === 'safe')
      return unsure('chown-root', `gives ${f.value} to root`);
    return recursive && r.kind !== 'dangerous'
      ? r.kind === 'safe'
        ? unsure('recursive-chown', `recursive chown of ${f.value}`)
        : dangerous(
            'degrade-security',
            'recursive-permission-change',
            `recursive chown outside the project (${f.value})`,
          )
      : r;
  });
  return judgeAll(out);
};

/** find tests that can keep the start point itself from matching. */
const FIND_TESTS =
  /^-(i?name|i?path|i?wholename|i?regex|type|mindepth|newer\w*|[amc](time|min)|size|empty|user|group|perm|links|inum|samefile)$/;

const find: CommandJudge = (args, cmd, ctx) => {
  const roots: Arg[] = [];
  let i = 0;
  while (i < args.length && !args[i]!.value.startsWith('-') && !['(', '!'].includes(args[i]!.value))
    roots.push(args[i++]!);
  if (roots.length === 0) roots.push({ value: '.', dynamic: false });
  const out: Analysis[] = [];
  for (; i < args.length; i++) {
    const v = args[i]!.value;
    if (
      v === '-delete' &&
      args.some((a) => /^-(i?name|i?path|i?regex|mtime|mmin|newer|size|empty)$/.test(a.value))
    )
      out.push(
        ...roots.map((r) => {
          const d = judgeDelete(
            r,
            { recursive: true, glob: false, verb: 'find -delete removes matching files under' },
            ctx,
          );
          return d.kind !== 'safe' &&
            (d.finding === 'delete-project' || d.finding === 'recursive-delete-in-project')
            ? safe('find -delete of matching files inside the project')
            : d;
        }),
      );
    else if (v === '-delete')
      out.push(
        ...roots.map((r) =>
          judgeDelete(r, { recursive: true, glob: false, verb: 'find -delete removes files under' }, ctx),
        ),
      );
    if (v === '-exec' || v === '-execdir' || v === '-ok' || v === '-okdir') {
      const inner: Arg[] = [];
      for (i++; i < args.length && args[i]!.value !== ';' && args[i]!.value !== '+'; i++)
        inner.push(args[i]!);
      // {} is each match under the root: named after a literal -name when there is one
      const nameIndex = args.findIndex((a) => a.value === '-name' || a.value === '-iname');
      const name = nameIndex >= 0 ? args[nameIndex + 1] : undefined;
      const leaf = name && !name.dynamic && !/[*?[]/.test(name.value) ? name.value : 'find-match';
      const root = roots[0]!;
      const matches: Arg[] = [{ value: `${root.value.replace(/\/+$/, '')}/${leaf}`, dynamic: root.dynamic }];
      // with no test before -exec, the first match is the start point itself
      if (!args.slice(0, i).some((a) => FIND_TESTS.test(a.value))) matches.push(root);
      for (const match of matches)
        out.push(
          ctx.judgeArgv(
            inner.map((a) => (a.value === '{}' ? match : a)),
            cmd,
            ctx,
          ),
        );
    }
    if (v === '-fprint' || v === '-fprintf' || v === '-fls') {
      const t = args[i + 1];
      if (t) out.push(judgeWrite(t, ctx, 'find writes'));
    }
  }
  for (const r of roots) {
    const s = judgeRead(r, ctx);
    if (s) out.push(s);
  }
  return judgeAll(out);
};

const rsync: CommandJudge = (args, _cmd, ctx) => {
  const { flags, operands } = splitArgs(args);
  if (hasFlag(flags, 'n', '--dry-run')) return safe('rsync --dry-run only lists');
  const dest = operands[operands.length - 1];
  const out: Analysis[] = [];
  const remote = operands.some((o) => /^[\w.-]+@?[\w.-]*:/.test(o.value) && !o.value.startsWith('/'));
  if (
    hasFlag(
      flags,
      undefined,
      '--delete',
      '--delete-before',
      '--delete-after',
      '--delete-during',
      '--delete-excluded',
      '--del',
    )
  )
    out.push(
      remote
        ? dangerous(
            'destroy-or-exfiltrate',
            'remote-sync-delete',
            'rsync --delete removes files on the destination that the source lacks; run with --dry-run first',
          )
        : dest
          ? atMostUnsure(
              judgeDelete(dest, { recursive: true, glob: false, verb: 'rsync --delete prunes' }, ctx),
            )
          : safe('rsync'),
    );
  if (remote) out.push(unsure('remote-copy', 'copies files to or from another machine'));
  else if (dest) out.push(judgeWrite(dest, ctx, 'rsync writes'));
  for (const s of operands.slice(0, -1)) {
    const r = judgeRead(s, ctx);
    if (r) out.push(r);
  }
  return judgeAll(out);
};

const tar: CommandJudge = (args, _cmd, ctx) => {
  const out: Analysis[] = [];
  const first = args[0]?.value ?? '';
  const extract =
    /^-?[a-zA-Z]*x/.test(first) || args.some((a) => a.value === '--extract' || /^-[a-zA-Z]*x/.test(a.value));
  const cIndex = args.findIndex((a) => a.value === '-C' || a.value === '--directory');
  if (extract && cIndex >= 0 && args[cIndex + 1])
    out.push(judgeWrite(args[cIndex + 1]!, ctx, 'tar extracts into'));
  for (const a of args) {
    const r = judgeRead(a, ctx);
    if (r) out.push(r);
  }
  return judgeAll(out);
};

const unzip: CommandJudge = (args, _cmd, ctx) => {
  const d = args.findIndex((a) => a.value === '-d');
  return d >= 0 && args[d + 1]
    ? judgeWrite(args[d + 1]!, ctx, 'unzip extracts into')
    : safe('unzip into the current directory');
};

const ln: CommandJudge = copyLike('links', false);

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
  diskutil: (args) => {
    const sub = args[0]?.value ?? '';
    const verb = sub === 'apfs' || sub === 'cs' || sub === 'ar' ? (args[1]?.value ?? '') : sub;
    if (
      /^(erase\w*|partitionDisk|zeroDisk|randomDisk|secureErase|reformat|delete\w*|resize\w*|splitPartition|mergePartitions)$/i.test(
        verb,
      )
    )
      return dangerous(
        'destroy-or-exfiltrate',
        'disk-destroy',
        'blocked: erases or repartitions a disk; ask the user to do this by hand',
      );
    if (/^(list|info|information|listFilesystems|activity|verifyVolume|verifyDisk)$/.test(verb))
      return safe(`diskutil ${sub}`);
    return unsure('diskutil', `diskutil ${sub} changes disks`);
  },
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
  chattr: (_a) => unsure('chattr', 'chattr changes file attributes'),
  setfacl,
  find,
  rsync,
  tar,
  unzip,
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

function atMostUnsure(a: Analysis): Analysis {
  return a.kind === 'dangerous' ? unsure(a.finding, a.reason) : a;
}
