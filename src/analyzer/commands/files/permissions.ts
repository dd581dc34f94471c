import type { Analysis } from '../../../domain/analysis.js';
import { resolvePath } from '../../../places/resolve-path.js';
import { zoneOf } from '../../../places/zones.js';
import type { Arg } from '../../../shell/words.js';
import { dangerous, safe, unsure } from '../../verdicts.js';
import { type CommandJudge, hasFlag, splitArgs } from '../context.js';
import { judgeAll, judgeWrite } from '../path-checks.js';

/** Judges for commands that change who may access files: chmod, chown/chgrp, setfacl, chattr. */

export const chmod: CommandJudge = (args, _cmd, ctx) => {
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
export const setfacl: CommandJudge = (args, _cmd, ctx) => {
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

export const chown: CommandJudge = (args, _cmd, ctx) => {
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

export const chattr: CommandJudge = (_a) => unsure('chattr', 'chattr changes file attributes');
