import type { Analysis } from '../../../domain/analysis.js';
import { isWindowsPath } from '../../../places/windows-path.js';
import { dangerous } from '../../verdicts.js';
import type { ShellContext } from '../context.js';
import { judgeDelete } from '../path-checks.js';

/** Windows-style deletes from the shell (`del`, `rd /s`, `cmd /c rd …`): judged by target (PowerShell itself: src/analyzer/powershell/). */

export function judgeWindowsDelete(target: string, recursive: boolean, ctx: ShellContext): Analysis {
  const t = target.replace(/^['"]|['"]$/g, '');
  if (t === '*' || t === '/' || t === '\\')
    return dangerous(
      'destroy-or-exfiltrate',
      'recursive-delete-outside-project',
      `deletes ${t}; delete only specific paths inside the project`,
    );
  // Windows paths (C:\x, \\server\share) resolve to their drive: places/windows-path.ts
  return judgeDelete(
    { value: isWindowsPath(t) ? t : t.replace(/\\/g, '/'), dynamic: false },
    { recursive, glob: /[*?]/.test(t) },
    ctx,
  );
}
