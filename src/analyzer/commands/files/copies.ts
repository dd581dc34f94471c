import path from 'node:path';
import type { Analysis } from '../../../domain/analysis.js';
import { isInside } from '../../../places/inside.js';
import { secretReadPlaces } from '../../../places/protected-paths.js';
import { resolvePath } from '../../../places/resolve-path.js';
import { readProtection, writeProtection, zoneOf } from '../../../places/zones.js';
import type { Arg } from '../../../shell/words.js';
import { dangerous, safe, unsure } from '../../verdicts.js';
import { type CommandJudge, hasFlag, type ShellContext, splitArgs } from '../context.js';
import { judgeAll, judgeDelete, judgeRead, judgeReplaceStartupFile, judgeWrite } from '../path-checks.js';

/** Judges for commands that copy, move, link, sync or unpack files: the destination is written, the sources read. */

/** cp/install/ln: the last operand (or -t DIR) is written, the others are read. */
export function copyLike(verb: string, moves: boolean): CommandJudge {
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

const linkLike = copyLike('links', false);

/**
 * ln: besides the copy checks, a link whose target lies outside the project and temp dirs makes
 * later writes through it look like project edits (`ln -s ~ h && echo … >> h/.bashrc`). A symbolic
 * link's relative target is resolved from the link's directory.
 */
export const ln: CommandJudge = (args, cmd, ctx) => {
  const base = linkLike(args, cmd, ctx);
  const { flags, operands } = splitArgs(args);
  const symbolic = hasFlag(flags, 's', '--symbolic');
  const tIndex = args.findIndex((a) => a.value === '-t' || a.value === '--target-directory');
  const tLong = flags.find((f) => f.startsWith('--target-directory='));
  let dir: Arg | undefined;
  let targets = operands;
  if (tLong) dir = { value: tLong.split('=')[1]!, dynamic: false };
  else if (tIndex >= 0 && args[tIndex + 1]) {
    dir = args[tIndex + 1]!;
    targets = operands.filter((o) => o !== dir);
  } else if (operands.length >= 2) {
    const dest = operands[operands.length - 1]!;
    targets = operands.slice(0, -1);
    // `ln -s T NAME` makes NAME; with several targets (or NAME/) NAME is the directory
    dir =
      operands.length > 2 || dest.value.endsWith('/')
        ? dest
        : { value: path.dirname(dest.value), dynamic: dest.dynamic };
  }
  const out: Analysis[] = [base];
  for (const t of targets) out.push(judgeLinkTarget(t, symbolic ? dir : undefined, ctx));
  return judgeAll(out);
};

function judgeLinkTarget(target: Arg, linkDir: Arg | undefined, ctx: ShellContext): Analysis {
  if (target.dynamic) return safe('links to a path known at run time');
  let abs: string | undefined;
  if (path.isAbsolute(target.value) || target.value === '~' || target.value.startsWith('~/') || !linkDir)
    abs = resolvePath(target.value, ctx);
  else {
    const at = linkDir.dynamic ? undefined : resolvePath(linkDir.value, ctx);
    abs = at && path.resolve(at, target.value);
  }
  if (!abs) return unsure('symlink-out', `links to ${target.value}, a place warden cannot follow`);
  const zone = zoneOf(abs, ctx);
  if (zone === 'project' || zone === 'project-root' || zone === 'temp')
    return safe('links inside the project');
  const why =
    readProtection(abs, ctx) ??
    (zone === 'home' || zone === 'home-root' ? writeProtection(abs, ctx) : undefined) ??
    holdsSecrets(abs, ctx);
  if (why)
    return dangerous(
      'degrade-security',
      'symlink-out',
      `blocked: links to ${abs} (${why}); writes and reads through the link would reach it — ask the user`,
    );
  return unsure(
    'symlink-out',
    `links to ${abs}, outside the project: writes through the link would change files there`,
  );
}

/** A directory that holds secret or protected places (the home directory, ~/.config, /). */
function holdsSecrets(abs: string, ctx: ShellContext): string | undefined {
  const places = secretReadPlaces(ctx.env);
  if (isInside(ctx.env.home, abs)) return 'the home directory, with its keys and start-up files';
  for (const p of [...places.dirs, ...places.files]) if (isInside(p, abs)) return `it holds ${p}`;
  return undefined;
}

export const rsync: CommandJudge = (args, _cmd, ctx) => {
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

export const tar: CommandJudge = (args, _cmd, ctx) => {
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

export const unzip: CommandJudge = (args, _cmd, ctx) => {
  const d = args.findIndex((a) => a.value === '-d');
  return d >= 0 && args[d + 1]
    ? judgeWrite(args[d + 1]!, ctx, 'unzip extracts into')
    : safe('unzip into the current directory');
};

function atMostUnsure(a: Analysis): Analysis {
  return a.kind === 'dangerous' ? unsure(a.finding, a.reason) : a;
}

/**
 * 7-Zip (7z, 7za, 7zr, 7zz): `x`/`e` extract into `-o<dir>` (the current directory without it);
 * `a`/`u`/`d`/`rn` write the archive, the first operand after the command; files added are read.
 */
export const sevenZip: CommandJudge = (args, _cmd, ctx) => {
  const switches = args.filter((a) => a.value.startsWith('-'));
  const [command, archive, ...files] = args.filter((a) => !switches.includes(a));
  const verb = command?.value.toLowerCase() ?? '';
  const out: Analysis[] = [];
  if (verb === 'x' || verb === 'e') {
    // -o<dir>, written as one word
    const dir = switches.find((a) => /^-o./.test(a.value));
    if (dir) out.push(judgeWrite({ value: dir.value.slice(2), dynamic: dir.dynamic }, ctx, '7z extracts'));
  } else if (/^(a|u|d|rn)$/.test(verb) && archive) out.push(judgeWrite(archive, ctx, '7z writes'));
  for (const f of [archive, ...files]) {
    const r = f && judgeRead(f, ctx);
    if (r) out.push(r);
  }
  return judgeAll(out);
};
