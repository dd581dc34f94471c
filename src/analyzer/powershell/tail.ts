import type { Arg } from '../../shell/words.js';
import { isEncodedOption, isFileOption, takesValue } from './invocation.js';

/**
 * A command line that starts with PowerShell (`pwsh -NoProfile -Command Get-ChildItem … | …`,
 * `"C:\Program Files\PowerShell\7\pwsh.exe" -c …`), read the way PowerShell reads its own
 * command line: the options, then everything after `-Command` as one piece of code, untouched
 * by bash's quoting and separators. Undefined when the line does not start with PowerShell.
 */
export function powershellTail(command: string): { name: string; args: Arg[] } | undefined {
  const head = /^\s*(?:&\s*)?(?:"([^"]+)"|'([^']+)'|(\S+))/.exec(command);
  if (!head) return undefined;
  const program = head[1] ?? head[2] ?? head[3]!;
  const name = program.slice(Math.max(program.lastIndexOf('/'), program.lastIndexOf('\\')) + 1).toLowerCase();
  if (!/^(pwsh|powershell)(\.exe)?$/.test(name)) return undefined;
  const args: Arg[] = [];
  let i = head[0].length;
  for (;;) {
    while (command[i] === ' ' || command[i] === '\t') i++;
    if (i >= command.length) return { name, args };
    const m = /^(?:"([^"]*)"|'([^']*)'|(\S+))/.exec(command.slice(i));
    if (!m) return { name, args };
    const word = m[1] ?? m[2] ?? m[3]!;
    const option = /^[-/][A-Za-z]/.test(word) && m[3] !== undefined ? word.slice(1).toLowerCase() : undefined;
    const isCode =
      option === undefined || option === 'c' || (option.length >= 2 && 'command'.startsWith(option));
    if (option !== undefined && (isFileOption(option) || isEncodedOption(option))) {
      // `-File script.ps1 args…`, `-EncodedCommand B64`: the rest are words
      args.push({ value: word, dynamic: false });
      for (const w of command.slice(i + m[0].length).matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g))
        args.push({ value: w[1] ?? w[2] ?? w[3]!, dynamic: !!w[3]?.includes('$') });
      return { name, args };
    }
    if (option !== undefined && takesValue(option)) {
      args.push({ value: word, dynamic: false });
      i += m[0].length;
      while (command[i] === ' ' || command[i] === '\t') i++;
      const v = /^(?:"([^"]*)"|'([^']*)'|(\S+))/.exec(command.slice(i));
      if (v) {
        args.push({ value: v[1] ?? v[2] ?? v[3]!, dynamic: false });
        i += v[0].length;
      }
      continue;
    }
    if (isCode) {
      // the code: the rest of the line (one quoted string loses its quotes)
      const rest = (option === undefined ? command.slice(i) : command.slice(i + m[0].length)).trim();
      if (option !== undefined) args.push({ value: word, dynamic: false });
      if (rest !== '') args.push({ value: unquoted(rest), dynamic: false });
      return { name, args };
    }
    args.push({ value: word, dynamic: false });
    i += m[0].length;
  }
}

/** `"code"` or `'code'` as the whole rest: its content (`\"` in double quotes is `"`). */
function unquoted(rest: string): string {
  if (rest.length >= 2 && rest.startsWith('"') && rest.endsWith('"') && !/(^|[^\\])"/.test(rest.slice(1, -1)))
    return rest.slice(1, -1).replace(/\\"/g, '"');
  if (rest.length >= 2 && rest.startsWith("'") && rest.endsWith("'") && !rest.slice(1, -1).includes("'"))
    return rest.slice(1, -1);
  return rest;
}
