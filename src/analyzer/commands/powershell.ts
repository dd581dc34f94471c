import type { Analysis } from '../../domain/analysis.js';
import { dangerous, safe, unsure } from '../verdicts.js';
import type { ShellContext } from './context.js';
import { judgeAll, judgeDelete, judgeWrite } from './path-checks.js';

/** PowerShell code and Windows-style deletes (Remove-Item, del, rd): judged by cmdlet and target. */

/** PowerShell cmdlets that only read or format. */
const PS_READ =
  /^(get-\w+|select-\w+|test-path|test-connection|write-output|write-host|write-verbose|format-\w+|measure-\w+|where-object|foreach-object|sort-object|group-object|out-string|out-host|out-null|convertto-\w+|convertfrom-\w+|resolve-path|split-path|join-path|compare-object|tee-object|new-object|import-module|start-sleep|write-error|write-warning|read-host|invoke-pester)$/i;
const PS_WRITE =
  /^(set-content|add-content|out-file|new-item|copy-item|move-item|rename-item|set-item|export-\w+|expand-archive|compress-archive)$/i;
const PS_DANGER =
  /^(invoke-expression|iex|invoke-webrequest|iwr|invoke-restmethod|irm|start-process|set-executionpolicy|stop-process|stop-computer|restart-computer|format-volume|clear-disk|remove-itemproperty|set-itemproperty|new-service|register-scheduledtask|add-mppreference|set-mppreference|invoke-command|new-psdrive)$/i;

/** PowerShell: cmdlets judged by name (read, write with a path, delete), anything unknown is unsure. */
export function judgePowerShell(code: string, ctx: ShellContext): Analysis {
  const out: Analysis[] = [];
  const cmdlets = [...code.matchAll(/(?:^|[\s;|({&])([A-Za-z]+-[A-Za-z]+|iex|iwr|irm)(?=$|[\s;|)}])/g)].map(
    (m) => m[1]!,
  );
  for (const stmt of code.split(/[;|\n]/)) {
    const words = stmt.trim().split(/\s+/).filter(Boolean);
    const head = (words[0] ?? '').toLowerCase();
    if (/^(remove-item|ri|del|erase|rd|rmdir|rm)$/.test(head)) {
      const recursive = words.some((w) => /^-r(ecurse)?$/i.test(w) || /^\/s$/i.test(w));
      for (const t of words.slice(1).filter((w) => !/^[-/]/.test(w) || /^\/[^sqa]/i.test(w)))
        out.push(judgeWindowsDelete(t, recursive, ctx));
    }
  }
  for (const c of cmdlets) {
    if (/^remove-item$/i.test(c)) continue;
    if (PS_DANGER.test(c)) {
      out.push(
        /^(invoke-expression|iex)$/i.test(c) &&
          /invoke-(webrequest|restmethod)|iwr|irm|downloadstring/i.test(code)
          ? dangerous(
              'cross-trust-boundary',
              'pipe-to-shell',
              'blocked: runs code downloaded from the network; download, read, then run it',
            )
          : unsure('powershell-risky', `PowerShell ${c} runs code, downloads or changes the system`),
      );
    } else if (PS_WRITE.test(c)) {
      const target = new RegExp(
        `${c}\\s+(?:-(?:Path|LiteralPath|FilePath|Destination)\\s+)?(['"]?)([^'"\\s;|]+)\\1`,
        'i',
      ).exec(code)?.[2];
      out.push(
        target && !target.startsWith('$')
          ? judgeWrite({ value: target.replace(/\\/g, '/'), dynamic: false }, ctx, `PowerShell ${c} writes`)
          : safe(`PowerShell ${c}`),
      );
    } else if (!PS_READ.test(c))
      out.push(unsure('powershell', `PowerShell ${c} is not a cmdlet warden knows`));
  }
  return judgeAll(out.length ? out : [safe('PowerShell code that only reads and prints')]);
}

export function judgeWindowsDelete(target: string, recursive: boolean, ctx: ShellContext): Analysis {
  const t = target.replace(/^['"]|['"]$/g, '');
  if (
    /^[A-Za-z]:[\\/]?$|^[A-Za-z]:[\\/](Users|Windows|Program Files)/i.test(t) ||
    t === '*' ||
    t === '/' ||
    t === '\\'
  )
    return dangerous(
      'destroy-or-exfiltrate',
      'recursive-delete-outside-project',
      `deletes ${t}; delete only specific paths inside the project`,
    );
  if (/^[A-Za-z]:/.test(t)) return unsure('delete-outside-project', `deletes ${t}`);
  return judgeDelete(
    { value: t.replace(/\\/g, '/'), dynamic: false },
    { recursive, glob: /[*?]/.test(t) },
    ctx,
  );
}
