import type { Analysis } from '../../../domain/analysis.js';
import { dangerous, safe, unsure } from '../../verdicts.js';
import { type CommandJudge, hasFlag, splitArgs } from '../context.js';
import { judgeAll, judgeRead, judgeWrite } from '../path-checks.js';

/** Judges for commands that format, partition or write raw disks: mkfs/fdisk and kin, dd, diskutil. */

/**
 * Formatting and partitioning: a real device is destroyed, an image file is scratch. Listing is
 * safe, except that a raw disk named on the command line is held like any other raw-device access.
 */
export const diskTools: CommandJudge = (args, _cmd, ctx) => {
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

export const dd: CommandJudge = (args, _cmd, ctx) => {
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

export const diskutil: CommandJudge = (args) => {
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
};
